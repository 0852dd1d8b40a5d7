"""Issue 29: every server of ``make serve`` under supervisord (``scripts/serve.sh`` →
``runtime/serve.py``, ``runtime/supervise.py``), in both layouts, for real: a killed action
server or replica is restarted while the rest keeps answering (the apology meanwhile, the
conversation's context after), one that keeps dying is reported, ``GET /health`` says which
parts are up, and stopping in any way (SIGTERM, the parent or supervisord killed outright)
leaves no process behind, so the next start succeeds."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Dict, Iterator, List

import pytest

from runtime.services import free_port
from runtime.supervise import Program, Supervisor, config, single_programs

PROJECT = Path(__file__).resolve().parent.parent
MODEL = PROJECT / "models" / "careerbot.tar.gz"
APOLOGY = "Sorry, I can't look that up right now"
needs_model = pytest.mark.skipif(not MODEL.is_file(), reason="needs the trained model")


def test_each_server_is_restarted_stopped_in_order_and_dies_with_supervisord(tmp_path):
    progs = single_programs("m.tar.gz", "e.yml", 5005, 5055, 8080, "127.0.0.1",
                            "http://localhost:5005")
    progs.insert(0, Program("postgres", ["/usr/bin/setpriv", "--reuid=postgres", "postgres"],
                            "tcp:5432", 3, "INT", priority=10))
    text = config(tmp_path, progs)
    sections = re.findall(r"\[program:(\w+)\]", text)
    assert sections == ["postgres", "actions", "rasa", "page"]
    assert text.count("autorestart=true") == 4 and text.count("stopsignal=TERM") == 3
    priorities = [int(p) for p in re.findall(r"^priority=(\d+)$", text, re.M)]
    assert priorities == sorted(priorities) and len(set(priorities)) == 4  # stores start first
    commands = re.findall(r"^command=(.*)$", text, re.M)
    # Each program gets its stop signal when supervisord dies; merged into an existing setpriv
    # (a second setpriv would change the user after setting it, which clears it).
    assert commands[0] == "/usr/bin/setpriv --pdeathsig INT --reuid=postgres postgres"
    assert all(re.match(r"\S*setpriv --pdeathsig TERM \S", c) for c in commands[1:])
    assert "nodaemon=true" in text and f"file={tmp_path.resolve() / 'supervisor.sock'}" in text


def test_a_supervisord_left_by_a_killed_run_is_stopped_before_the_next_start(tmp_path):
    sleeper = Program("sleeper", ["sleep", "600"], "tcp:1", 1)
    first = Supervisor(tmp_path, [sleeper]).start()
    deadline = time.time() + 20
    while first.states().get("sleeper") != "RUNNING":
        assert time.time() < deadline, first.states()
        time.sleep(0.2)
    child = first.pid("sleeper")
    said: List[str] = []
    with Supervisor(tmp_path, [sleeper], say=said.append) as second:
        assert first.proc.wait(timeout=60) is not None  # the earlier one was stopped…
        assert not Path(f"/proc/{child}").exists()        # …with its program
        assert said and f"pid {first.proc.pid}" in said[0]
        deadline = time.time() + 20
        while second.states().get("sleeper") != "RUNNING":
            assert time.time() < deadline, second.states()
            time.sleep(0.2)


def _post(port: int, sender: str, message: str) -> str:
    body = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/webhooks/rest/webhook", body,
                                     {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return "\n".join(m.get("text", "") for m in json.load(response))


def _health(port: int) -> Dict:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=10) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        return json.load(error)


def _conf_path(conf_text: str) -> str:
    """The supervisord.conf path (beside the socket it names)."""
    sock = re.search(r"^file=(.*)$", conf_text, re.M).group(1)
    return str(Path(sock).parent / "supervisord.conf")


def _programs_left(conf_text: str) -> List[str]:
    """Processes still running one of the configuration's commands (or its supervisord)."""
    commands = [f"supervisord -c {_conf_path(conf_text)}"]
    for line in re.findall(r"^command=(.*)$", conf_text, re.M):
        words = line.replace("%%", "%").split()
        words = words[1:] if words[0].endswith("setpriv") else words
        commands.append(" ".join(w for w in words if not w.startswith("--pdeathsig")
                                 and w not in ("INT", "TERM", "QUIT") and not
                                 w.startswith(("--reuid", "--regid", "--init-groups"))))
    left = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
        except OSError:
            continue
        if any(c.replace("'", "") in cmdline for c in commands):
            left.append(cmdline)
    return left


@contextmanager
def _make_serve(tmp_path: Path, replicas: int = 1, stop: str = "TERM") -> Iterator[Dict]:
    """``scripts/serve.sh`` (what ``make serve`` runs) on free ports until it says everything is
    up; then stopped by ``stop``: ``TERM`` (as systemd, Docker or Kubernetes stop it),
    ``KILL`` (the script killed outright) or ``KILL supervisord``. After any of them no process
    of it is left and nothing listens on its ports."""
    ports = {"RASA_PORT": free_port(), "ACTIONS_PORT": free_port(), "WEB_PORT": free_port()}
    env = {**os.environ, **{k: str(v) for k, v in ports.items()}, "REPLICAS": str(replicas),
           "CAREERBOT_TRACKER_STORE_URL": f"sqlite:///{tmp_path / 'conversations.db'}"}
    if replicas > 1:
        env.pop("CAREERBOT_TRACKER_STORE_URL")
    env.pop("SLACK_BOT_TOKEN", None)
    log_path = tmp_path / f"serve{replicas}{stop.replace(' ', '')}.log"
    folder = PROJECT / ("var/cluster" if replicas > 1 else "build/serve")
    log = open(log_path, "w")
    serve = subprocess.Popen(["bash", "scripts/serve.sh", str(MODEL)], cwd=PROJECT, env=env,
                             stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    conf = folder / "supervisord.conf"
    try:
        deadline = time.time() + 300
        while "Everything is up" not in log_path.read_text():
            assert serve.poll() is None and time.time() < deadline, log_path.read_text()[-2000:]
            time.sleep(1)
        yield {"rasa": ports["RASA_PORT"], "conf": conf, "log": log_path,
               "supervisor": Supervisor(folder, [])}
    finally:
        conf_text = conf.read_text()
        if stop == "KILL supervisord":
            os.kill(int((folder / "supervisord.pid").read_text()), signal.SIGKILL)
        else:
            serve.send_signal(getattr(signal, f"SIG{stop}"))
        deadline = time.time() + 90
        while _programs_left(conf_text) or (stop != "KILL" and serve.poll() is None):
            assert time.time() < deadline, _programs_left(conf_text)
            time.sleep(0.5)
        serve.wait(timeout=30)
        log.close()
    for port in ports.values():  # nothing listens any more
        with pytest.raises(OSError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)


def _kill(supervisor: Supervisor, name: str) -> int:
    pid = supervisor.pid(name)
    os.kill(pid, signal.SIGKILL)
    return pid


@needs_model
def test_make_serve_restarts_a_killed_action_server_and_stops_cleanly(tmp_path):
    with _make_serve(tmp_path) as serve:
        rasa, supervisor = serve["rasa"], serve["supervisor"]
        assert _health(rasa) == {"status": "ok", "parts": {
            "rasa": "up", "action_server": "up", "tracker_store": "up",
            "lock_store": "in memory"}}
        assert "what the role is" in _post(rasa, "kill", "what does a registered nurse do?")
        _kill(supervisor, "actions")
        killed = time.time()
        assert APOLOGY in _post(rasa, "kill", "and what do they earn?")
        apology_s = time.time() - killed
        assert _health(rasa)["status"] in ("degraded", "ok")  # ok once it is back
        while True:  # back by itself, with the conversation's role in context
            answer = _post(rasa, "kill", "and what do they earn?")
            if APOLOGY not in answer:
                break
            assert time.time() - killed < 120, supervisor.states()
            time.sleep(1)
        recovered_s = time.time() - killed
        assert "Registered Nurses" in answer and "$" in answer
        assert _health(rasa)["status"] == "ok"
        while "the actions server is running again" not in serve["log"].read_text():
            assert time.time() - killed < 120, serve["log"].read_text()[-1000:]
            time.sleep(0.5)
        assert "warning: the actions server stopped" in serve["log"].read_text()
        print(f"one server: apology after {apology_s:.1f} s, normal answers again after "
              f"{recovered_s:.1f} s")


@needs_model
def test_a_server_that_keeps_dying_is_reported_and_the_others_keep_serving(tmp_path):
    with _make_serve(tmp_path, stop="KILL supervisord") as serve:
        rasa, supervisor, log = serve["rasa"], serve["supervisor"], serve["log"]
        deadline = time.time() + 120
        while supervisor.states().get("actions") != "FATAL":  # killed at every start
            pid = supervisor.pid("actions")
            if pid:
                os.kill(pid, signal.SIGKILL)
            assert time.time() < deadline, supervisor.states()
            time.sleep(0.2)
        while "the actions server keeps dying" not in log.read_text():
            assert time.time() < deadline, log.read_text()[-1000:]
            time.sleep(0.5)
        assert APOLOGY in _post(rasa, "dying", "what do electricians earn?")
        assert _health(rasa)["parts"]["action_server"] == "down"
        assert supervisor.states()["rasa"] == "RUNNING"
        subprocess.run([str(PROJECT / ".venv" / "bin" / "supervisorctl"), "-c",
                        str(serve["conf"]), "start", "actions"], check=True)  # as it says
        assert "Electricians" in _post(rasa, "dying", "what do electricians earn?")


@needs_model
def test_replicas_a_killed_replica_is_restarted_and_rejoins_and_any_stop_is_clean(tmp_path):
    with _make_serve(tmp_path, replicas=2, stop="KILL") as serve:
        rasa, supervisor = serve["rasa"], serve["supervisor"]
        assert _health(rasa) == {"status": "ok", "parts": {
            "rasa": "up", "action_server": "up", "tracker_store": "up", "lock_store": "up"}}
        assert "what the role is" in _post(rasa, "rep", "what does a registered nurse do?")
        old = _kill(supervisor, "rasa-1")
        killed = time.time()
        answer = _post(rasa, "rep", "and what do they earn?")  # the other replica, in context
        answered_s = time.time() - killed
        assert "Registered Nurses" in answer and "$" in answer
        while _status(_replica_health(serve["conf"])) != 200:  # restarted by supervisord
            assert time.time() - killed < 300, supervisor.states()
            time.sleep(0.5)
        restarted_s = time.time() - killed
        assert supervisor.pid("rasa-1") not in (0, old)
        access = PROJECT / "var" / "cluster" / "nginx" / "access.log"
        port = _replica_health(serve["conf"]).split(":")[2].split("/")[0]
        before = access.read_text().count(f"upstream=127.0.0.1:{port}\n")
        # The balancer tries it again once its fail_timeout (10 s) has passed since the kill.
        while access.read_text().count(f"upstream=127.0.0.1:{port}\n") == before:
            assert "skills" in _post(rasa, "rep", "and skills?").split("\n")[0]  # in context
            assert time.time() - killed < 60, access.read_text()[-500:]
            time.sleep(0.5)
        rejoined_s = time.time() - killed
        print(f"replicas: an answer {answered_s:.1f} s after the kill (the other replica), "
              f"the killed one restarted after {restarted_s:.1f} s and answering through the "
              f"balancer again after {rejoined_s:.1f} s")
    # Killed outright, the script left nothing; the next start finds no stale lock or pid file.
    with _make_serve(tmp_path, replicas=2) as serve:
        assert "Registered Nurses" in _post(serve["rasa"], "rep", "and what do they earn?")


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def _replica_health(conf: Path) -> str:
    """The health URL of ``rasa-1`` in a cluster's supervisord.conf."""
    text = conf.read_text()
    command = text.split("[program:rasa-1]")[1].split("command=")[1].splitlines()[0]
    port = re.search(r"--port (\d+)", command).group(1)
    return f"http://127.0.0.1:{port}/health"


class _Sequence:
    """A stand-in for :class:`Supervisor` whose processes are a list of looks."""

    conf = Path("/x/supervisord.conf")

    def __init__(self, looks):
        self.looks = iter(looks)

    def processes(self):
        return {name: {"statename": state, "pid": pid}
                for name, (state, pid) in next(self.looks).items()}

    def log(self, name):
        return Path(f"/x/{name}.log")


@pytest.mark.parametrize("looks, said", [
    # killed while still STARTING (before startsecs): restarted with another pid
    ([("STARTING", 10), ("STARTING", 11), ("RUNNING", 11)], ["stopped", "running again"]),
    ([("RUNNING", 10), ("BACKOFF", 0), ("STARTING", 12), ("RUNNING", 12)],
     ["stopped", "running again"]),
    ([("RUNNING", 10), ("BACKOFF", 0), ("FATAL", 0), ("FATAL", 0), ("RUNNING", 20)],
     ["stopped", "given up (FATAL)", "running again"]),
    ([("STARTING", 10), ("RUNNING", 10), ("RUNNING", 10)], []),
])
def test_the_terminal_is_told_each_stop_restart_and_give_up_once(looks, said, monkeypatch):
    from runtime import serve

    messages: List[str] = []
    monkeypatch.setattr(serve, "say", messages.append)
    watch = serve.Watch(_Sequence([{"actions": look} for look in looks]))
    for _ in looks:
        watch.look()
    assert len(messages) == len(said), messages
    for message, part in zip(messages, said):
        assert part in message and "actions" in message
