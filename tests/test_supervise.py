"""Issue 29: the servers of ``make serve`` under supervisord (``scripts/serve.sh``,
``runtime/supervise.py``): a killed action server is restarted while the Rasa server keeps
answering, and stopping with SIGTERM leaves no process behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Tuple

import pytest

from runtime.services import free_port
from runtime.supervise import config, programs

PROJECT = Path(__file__).resolve().parent.parent
MODEL = PROJECT / "models" / "careerbot.tar.gz"
APOLOGY = "Sorry, I can't look that up right now"


def test_each_server_is_restarted_and_stopped_by_sigterm_then_killed(tmp_path):
    text = config(tmp_path, programs("m.tar.gz", "e.yml", 5005, 5055, 8080, "127.0.0.1",
                                     "http://localhost:5005"))
    for name in ("actions", "rasa", "page"):
        assert f"[program:{name}]" in text
    assert text.count("autorestart=true") == 3 and text.count("stopsignal=TERM") == 3
    assert "nodaemon=true" in text and f"file={tmp_path.resolve() / 'supervisor.sock'}" in text


def _post(port: int, sender: str, message: str) -> str:
    body = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/webhooks/rest/webhook", body,
                                     {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return "\n".join(m.get("text", "") for m in json.load(response))


@contextmanager
def _make_serve(tmp_path: Path) -> Iterator[Tuple[int, Path, Path]]:
    """``scripts/serve.sh`` (what ``make serve`` runs) on free ports until it says everything
    is up: ``(Rasa port, supervisord.conf, serve.sh's log)``; stopped with SIGTERM after, and
    then no supervisord of it and no port of it answers."""
    ports = {"RASA_PORT": free_port(), "ACTIONS_PORT": free_port(), "WEB_PORT": free_port()}
    env = {**os.environ, **{k: str(v) for k, v in ports.items()},
           "CAREERBOT_TRACKER_STORE_URL": f"sqlite:///{tmp_path / 'conversations.db'}"}
    env.pop("SLACK_BOT_TOKEN", None)
    log_path = tmp_path / "serve.log"
    log = open(log_path, "w")
    serve = subprocess.Popen(["bash", "scripts/serve.sh", str(MODEL)], cwd=PROJECT, env=env,
                             stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.time() + 300
        while "Everything is up" not in log_path.read_text():
            assert serve.poll() is None and time.time() < deadline, log_path.read_text()[-2000:]
            time.sleep(1)
        yield ports["RASA_PORT"], PROJECT / "build" / "serve" / "supervisord.conf", log_path
    finally:
        serve.send_signal(signal.SIGTERM)  # as systemd, Docker or Kubernetes stop it
        serve.wait(timeout=60)
        log.close()
    children = subprocess.run(["pgrep", "-f", "supervisord -c build/serve/supervisord.conf"],
                              capture_output=True, text=True).stdout
    assert children.strip() == "", children  # supervisord and every server are gone
    for port in ports.values():  # nothing listens any more
        with pytest.raises(OSError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)


def _ctl(conf: Path, *args: str) -> str:
    return subprocess.run([str(PROJECT / ".venv" / "bin" / "supervisorctl"), "-c", str(conf),
                           *args], capture_output=True, text=True).stdout


@pytest.mark.skipif(not MODEL.is_file(), reason="needs the trained model (make train)")
def test_make_serve_restarts_a_killed_action_server_and_stops_cleanly(tmp_path):
    with _make_serve(tmp_path) as (rasa, conf, _):
        assert "what the role is" in _post(rasa, "kill", "what does a registered nurse do?")
        os.kill(int(_ctl(conf, "pid", "actions").strip()), signal.SIGKILL)
        killed = time.time()
        assert APOLOGY in _post(rasa, "kill", "and what do they earn?")
        apology_s = time.time() - killed
        while True:  # back by itself, with the conversation's role in context
            answer = _post(rasa, "kill", "and what do they earn?")
            if APOLOGY not in answer:
                break
            assert time.time() - killed < 120, _ctl(conf, "status")
            time.sleep(1)
        recovered_s = time.time() - killed
        assert "Registered Nurses" in answer and "$" in answer
        assert _ctl(conf, "status", "actions").split()[1] in ("STARTING", "RUNNING")
        print(f"apology after {apology_s:.1f} s, normal answers again after {recovered_s:.1f} s")


@pytest.mark.skipif(not MODEL.is_file(), reason="needs the trained model (make train)")
def test_a_server_that_keeps_dying_is_reported_and_the_others_keep_serving(tmp_path):
    with _make_serve(tmp_path) as (rasa, conf, log):
        deadline = time.time() + 120
        while "FATAL" not in _ctl(conf, "status", "actions"):  # killed at every start
            pid = _ctl(conf, "pid", "actions").strip()
            if pid.isdigit() and int(pid) > 0:
                os.kill(int(pid), signal.SIGKILL)
            assert time.time() < deadline, _ctl(conf, "status")
            time.sleep(0.2)
        while "the actions server keeps dying" not in log.read_text():
            assert time.time() < deadline, log.read_text()[-1000:]
            time.sleep(0.5)
        assert APOLOGY in _post(rasa, "dying", "what do electricians earn?")
        assert "RUNNING" in _ctl(conf, "status", "rasa")
        _ctl(conf, "start", "actions")  # as the message says
        assert "Electricians" in _post(rasa, "dying", "what do electricians earn?")


@pytest.mark.skipif(not MODEL.is_file(), reason="needs the trained model (make train)")
def test_sigterm_stops_make_serve_replicas_without_leaving_services_behind(tmp_path):
    """``make serve REPLICAS=N`` stopped with SIGTERM left PostgreSQL, Redis and nginx running,
    and the next start failed on PostgreSQL's lock file."""
    folder = str(PROJECT / "var" / "cluster")
    for attempt in range(2):  # the second start finds no stale lock file
        port, web = free_port(), free_port()
        log = tmp_path / f"cluster{attempt}.log"
        with open(log, "w") as out:
            proc = subprocess.Popen(
                [str(PROJECT / ".venv" / "bin" / "python"), "-m", "runtime.cluster", "--model",
                 str(MODEL), "--replicas", "1", "--port", str(port), "--web-port", str(web)],
                cwd=PROJECT, stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.time() + 300
            while "Everything is up" not in log.read_text():
                assert proc.poll() is None and time.time() < deadline, log.read_text()[-2000:]
                time.sleep(1)
            assert "Registered Nurses" in _post(port, f"term{attempt}", "what does a registered nurse earn?")
        finally:
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=90) == 0, log.read_text()[-2000:]
        left = subprocess.run(["pgrep", "-af", folder], capture_output=True, text=True).stdout
        assert left.strip() == "", left  # no postgres, redis or nginx of the cluster's folder
