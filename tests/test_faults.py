"""Faults of a single Rasa server (README, "Deploying", fault table): the action server down,
slow, answering HTTP 500 or malformed JSON; empty and overlong messages; a restart of the Rasa
server (conversations are kept in the SQL tracker store).

Replicas, PostgreSQL, Redis and the balancer: ``tests/test_cluster.py``.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

import pytest

from runtime.guard import TEXTS, UNAVAILABLE
from runtime.stack import running_stack
from tests.fake_actions import OK_TEXT, FakeActionServer

pytestmark = pytest.mark.e2e

TIMEOUT = 3  # CAREERBOT_ACTION_TIMEOUT for these tests, seconds
APOLOGY = TEXTS[UNAVAILABLE]
QUESTION = "what skills does a data engineer need?"


@pytest.fixture(scope="module")
def fake():
    server = FakeActionServer(delay=TIMEOUT + 20).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def stack(fake, db_url):
    with running_stack(db_url=db_url, action_url=fake.url,
                       env={"CAREERBOT_ACTION_TIMEOUT": str(TIMEOUT)}) as running:
        yield running


def timed(stack, sender, text):
    start = time.monotonic()
    reply = stack.text(sender, text)
    return reply, time.monotonic() - start


@pytest.mark.parametrize("mode", ["down", "slow", "error", "garbage"])
def test_a_failing_action_server_gets_a_polite_reply_in_bounded_time_then_normal_answers(
        stack, fake, mode):
    sender = f"fault-{mode}"
    fake.mode = mode
    if mode == "down":
        fake.stop()
    try:
        reply, seconds = timed(stack, sender, QUESTION)
        assert reply == APOLOGY
        assert seconds < TIMEOUT + 5, f"{mode}: {seconds:.1f} s"
    finally:
        fake.mode = "ok"
        if mode == "down":
            fake.start()
    reply, _ = timed(stack, sender, QUESTION)
    assert reply == OK_TEXT


def test_the_slow_call_is_cut_at_the_documented_timeout(stack, fake):
    fake.mode = "slow"
    try:
        _, seconds = timed(stack, "fault-timeout", QUESTION)
    finally:
        fake.mode = "ok"
    assert TIMEOUT - 0.5 < seconds < TIMEOUT + 5


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_an_empty_message_asks_for_a_question(stack, fake, text):
    calls = fake.calls
    assert stack.text("fault-empty", text).startswith("Type a question")
    assert fake.calls == calls


def test_an_overlong_message_is_refused_before_nlu(stack, fake):
    calls = fake.calls
    reply, seconds = timed(stack, "fault-long", "data engineer skills " * 5000)
    assert "too long" in reply and "2,000 characters" in reply
    assert fake.calls == calls
    # The same 105,000 characters took 36 s of NLU before the limit (README, "Deploying").
    assert seconds < 5


def test_a_request_body_over_one_megabyte_is_refused_by_the_server(stack):
    body = json.dumps({"sender": "fault-huge", "message": "x" * 1_200_000}).encode()
    request = urllib.request.Request(f"{stack.rasa_url}/webhooks/rest/webhook", data=body,
                                     headers={"Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=30)
    assert error.value.code == 413


def test_a_message_at_the_limit_is_answered(stack):
    at_limit = (QUESTION + " " + "x" * 2000)[:2000]
    assert stack.text("fault-limit", at_limit) == OK_TEXT
    assert "too long" in stack.text("fault-limit", at_limit + "x")


def test_conversations_survive_a_restart_of_the_rasa_server(db_url, tmp_path):
    """The tracker store is a SQL file: a new server process knows the role asked about."""
    env = {"CAREERBOT_TRACKER_STORE_URL": f"sqlite:///{tmp_path / 'conversations.db'}"}
    with running_stack(db_url=db_url, env=env) as first:
        assert "Data Engineer" in first.text("restart", QUESTION)
    with running_stack(db_url=db_url, env=env) as second:
        reply = second.text("restart", "and education?")
    assert reply.startswith("**Data Engineer — education**"), reply


@pytest.mark.parametrize("text", ["welche Fähigkeiten braucht ein Dateningenieur?",
                                  "сколько зарабатывает инженер данных?"])
def test_a_message_in_another_language_gets_the_english_only_reply(stack, fake, text):
    calls = fake.calls
    reply = stack.text("fault-language", text)
    assert reply.startswith("Sorry, I only understand English. Try, for example:"), reply
    assert fake.calls == calls  # a response of the domain, no action involved
