"""Several Rasa replicas behind the balancer, for real: Debian's PostgreSQL (tracker store),
Redis (lock store) and nginx, started by ``runtime.cluster.running_cluster`` as
``make serve REPLICAS=2`` starts them.

Checks that conversations keep their context whichever replica answers, that the lock store
serialises one conversation's messages across replicas, and the faults of the README's table:
a replica killed, PostgreSQL restarted, Redis down; and the balancer's limits.
"""

from __future__ import annotations

import asyncio
import json
import socket
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain

from runtime.balancer import BalancerSettings, nginx_config
from runtime.cluster import running_cluster
from runtime.services import Nginx, free_port
from runtime.tracker_store import ConversationStore
from runtime.stack import MODEL, PROJECT, Stack

pytestmark = pytest.mark.cluster

ROOMY = BalancerSettings(rate="1000r/s", burst=1000)  # no rate limiting in these tests


@pytest.fixture(scope="module")
def cluster(db_url, tmp_path_factory):
    folder = tmp_path_factory.mktemp("cluster")
    env = {"CAREERBOT_DB_URL": db_url, "CAREERBOT_TRACKER_STORE_URL": None,
           "CAREERBOT_REDIS_URL": None}
    with running_cluster(MODEL, keep_data=False, replicas=2, folder=folder, settings=ROOMY, env=env) as running:
        yield running
    # Everything it started has stopped: nothing is left listening on its ports.
    for port in [running.postgres.port, running.redis.port, running.nginx.port,
                 *running.replica_ports]:
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still open"


@pytest.fixture(scope="module")
def balancer(cluster) -> Stack:
    return Stack(int(cluster.url.rsplit(":", 1)[1]), None, {})


def upstreams(cluster) -> list:
    """The replica ports that answered, in order, from the balancer's access log."""
    log = (cluster.nginx.folder / "access.log").read_text()
    return [line.rsplit(":", 1)[1] for line in log.splitlines() if "upstream=" in line
            and "webhooks/rest" in line]


def events_of(cluster, sender):
    """The user and bot events stored for ``sender`` in the cluster's PostgreSQL."""
    store = ConversationStore(domain=Domain.load(PROJECT / "domain.yml"),
                              url=cluster.tracker_store_url)
    tracker = asyncio.run(store.retrieve(sender))
    store.engine.dispose()
    return [e for e in tracker.events if e.type_name in ("user", "bot")] if tracker else []


def test_a_conversation_keeps_its_context_whichever_replica_answers(cluster, balancer):
    before = len(upstreams(cluster))
    assert balancer.text("ctx", "what does a data engineer do?").startswith(
        "**Data Engineer")
    for topic, heading in [("and education?", "education"), ("what about tools?", "tools"),
                           ("and the outlook?", "job outlook"), ("skills?", "skills")]:
        assert balancer.text("ctx", topic).startswith(f"**Data Engineer — {heading}"), topic
    answered_by = upstreams(cluster)[before:]
    assert set(answered_by) == {str(p) for p in cluster.replica_ports}, answered_by


def test_the_lock_store_serialises_one_conversation_across_replicas(cluster):
    """Six messages of one conversation at once, three to each replica directly: each one's
    answer is stored right after it, never interleaved with another turn."""
    replicas = [Stack(port, None, {}) for port in cluster.replica_ports]
    expected = {"what skills does a data engineer need?": "**Data Engineer — skills",
                "what is a data scientist?": "**Data Scientist",
                "what tools does a data specialist use?": "**Data Specialist — tools",
                "what degree does a machine learning engineer need?":
                    "**Machine Learning Engineer — education",
                "which industries hire data engineers?": "**Data Engineer — industries",
                "what does a software data engineer do?": "**Software Data Engineer"}
    questions = list(expected)
    with ThreadPoolExecutor(len(questions)) as pool:
        replies = list(pool.map(lambda i: replicas[i % 2].text("locked", questions[i]),
                                range(len(questions))))
    for question, reply in zip(questions, replies):
        assert reply.startswith(expected[question]), (question, reply)
    events = events_of(cluster, "locked")
    events = events[next(i for i, e in enumerate(events) if e.type_name == "user"):]
    turns = []  # (user text, first bot text after it)
    for index, event in enumerate(events):
        if event.type_name == "user":
            following = events[index + 1] if index + 1 < len(events) else None
            assert following is not None and following.type_name == "bot", \
                "a turn began before the previous one was answered"
            turns.append((event.text, following.text))
    assert sorted(text for text, _ in turns) == sorted(questions)
    for question, answer in turns:
        assert answer.startswith(expected[question]), (question, answer)


def test_a_killed_replica_is_routed_around_restarted_and_rejoins(cluster, balancer):
    assert balancer.text("crash", "what is a data specialist?").startswith("**Data Specialist")
    victim = cluster.replica_ports[0]
    name = cluster.replica_names[victim]
    pid = cluster.supervisor.pid(name)
    cluster.kill_replica(victim)
    for topic, heading in [("and skills?", "skills"), ("tools?", "tools"),
                           ("and education?", "education"), ("industries?", "industries")]:
        assert balancer.text("crash", topic).startswith(f"**Data Specialist — {heading}")
    cluster.supervisor.wait_ready([name], timeout=300)  # restarted by supervisord
    assert cluster.supervisor.pid(name) not in (0, pid)
    before = len(upstreams(cluster))
    deadline = time.time() + 60  # tried again once fail_timeout (10 s) has passed since the kill
    while str(victim) not in upstreams(cluster)[before:]:
        assert balancer.text("crash", "and the outlook?").startswith(
            "**Data Specialist — job outlook")  # in the conversation's context
        assert time.time() < deadline, upstreams(cluster)[before:]
        time.sleep(0.5)


def test_a_postgresql_restart_costs_no_error_once_it_is_back(cluster, balancer):
    assert balancer.text("pg", "what skills does a data scientist need?").startswith(
        "**Data Scientist — skills")
    stored = len(events_of(cluster, "pg"))
    cluster.supervisor.stop_program("postgres")
    try:
        # While it is down Rasa keeps the turn in the replica's memory (its FailSafeTrackerStore):
        # a question that names its role is still answered, not met with an error or silence.
        assert balancer.text("pg-down", "what is a data engineer?").startswith(
            "**Data Engineer")
    finally:
        cluster.supervisor.start_program("postgres")
    # Back: every replica answers at once (stale pooled connections are replaced), in context.
    for attempt in range(4):
        reply = balancer.text("pg", "and education?")
        assert reply.startswith("**Data Scientist — education"), (attempt, reply)
    assert len(events_of(cluster, "pg")) >= stored + 2 * 4


def test_with_redis_down_messages_are_answered_and_the_log_says_so(cluster, balancer):
    cluster.supervisor.stop_program("redis")
    try:
        assert balancer.text("redis", "what tools does a data engineer use?").startswith(
            "**Data Engineer — tools")
        assert balancer.text("redis", "and skills?").startswith("**Data Engineer — skills")
    finally:
        cluster.supervisor.start_program("redis")
    logs = "".join(cluster.replica_log(p).read_text()
                   for p in cluster.replica_ports)
    assert "Redis lock store unreachable" in logs
    for _ in range(2):
        balancer.text("redis", "and education?")
    logs = "".join(cluster.replica_log(p).read_text()
                   for p in cluster.replica_ports)
    assert "Redis lock store reachable again" in logs


def post(url: str, body: bytes) -> int:
    request = urllib.request.Request(url, data=body,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_balancer_limits_rate_per_client_and_body_size(cluster, tmp_path: Path):
    port = free_port()
    strict = BalancerSettings(rate="1r/s", burst=2, max_body="8k")
    nginx = Nginx(tmp_path / "strict", nginx_config(
        f"127.0.0.1:{port}", cluster.replica_ports, str(tmp_path / "strict"), strict), port)
    nginx.start()
    try:
        url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
        body = json.dumps({"sender": "rate", "message": "hi"}).encode()
        statuses = [post(url, body) for _ in range(8)]
        assert statuses[:3] == [200, 200, 200] and 429 in statuses, statuses
        time.sleep(2.5)
        big = json.dumps({"sender": "big", "message": "x" * 20_000}).encode()
        assert post(url, big) == 413
    finally:
        nginx.stop()


def test_the_http_api_is_off_behind_the_balancer(cluster):
    """`make serve` starts the replicas without the HTTP API (no RASA_API_TOKEN set)."""
    for path in ("/status", "/model/parse", "/conversations/ctx/tracker"):
        request = urllib.request.Request(cluster.url + path)
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(request, timeout=10)
        assert error.value.code == 404, path
