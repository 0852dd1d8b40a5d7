"""Start the action server and the Rasa server on free loopback ports, and talk over REST.

Used by the end-to-end tests, ``make eval``, ``make bench`` (which also starts a bare bot without
an action server) and ``make profile``. The servers are child processes that are stopped when the
context manager exits; their logs go to ``build/``. The Rasa server runs as ``python -m runtime
run`` (runtime/patches.py) with the tracker store and lock store of ``endpoints.yml``; unless the
caller's environment says otherwise, its conversations go to a throw-away SQLite file.
"""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Dict, Iterator, List, Optional

from runtime.cluster import server_env as runtime_server_env
from runtime.cluster import wait_for_http
from runtime.endpoints import write_endpoints
from runtime.services import free_port
from runtime.settings import PUBLIC_URL_ENV, TRACKER_STORE_URL_ENV

__all__ = ["MODEL", "PROJECT", "Stack", "free_port", "running_stack", "wait_for_http"]

PROJECT = Path(__file__).resolve().parent.parent
RASA = PROJECT / ".venv" / "bin" / "rasa"
PYTHON = PROJECT / ".venv" / "bin" / "python"
MODEL = PROJECT / "models" / "careerbot.tar.gz"


class Stack:
    """Running servers; :meth:`send` posts one message over the REST channel.

    ``pids`` maps ``"rasa"`` (and ``"actions"`` when an action server runs) to process ids.
    """

    def __init__(self, rasa_port: int, actions_port: Optional[int], pids: Dict[str, int]) -> None:
        self.rasa_url = f"http://127.0.0.1:{rasa_port}"
        self.actions_url = f"http://127.0.0.1:{actions_port}" if actions_port else None
        self.pids = dict(pids)

    def send(self, sender: str, text: str, timeout: float = 60) -> List[Dict]:
        """Post ``text`` as ``sender``; return the bot's messages (dicts with text/buttons)."""
        body = json.dumps({"sender": sender, "message": text}).encode("utf-8")
        request = urllib.request.Request(
            f"{self.rasa_url}/webhooks/rest/webhook",
            data=body,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.load(response)

    def text(self, sender: str, text: str) -> str:
        """The bot's reply texts to ``text``, joined by newlines."""
        return "\n".join(m.get("text", "") for m in self.send(sender, text))

    def parse(self, text: str) -> Dict:
        """The NLU parse of ``text`` (needs ``--enable-api``)."""
        request = urllib.request.Request(
            f"{self.rasa_url}/model/parse",
            data=json.dumps({"text": text}).encode("utf-8"),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)


@contextmanager
def running_stack(
    db_url: Optional[str] = None,
    model: Path = MODEL,
    timeout: float = 180,
    log_dir: Path = PROJECT / "build",
    credentials: Path = PROJECT / "credentials.yml",
    env: Optional[Dict[str, Optional[str]]] = None,
    bot_dir: Path = PROJECT,
    with_actions: bool = True,
    action_url: Optional[str] = None,
) -> Iterator[Stack]:
    """Start the servers (actions reading ``db_url`` if given) and yield a :class:`Stack`.

    The Rasa server is ready when it answers ``/status`` (its model is loaded then) and the
    action server when it answers ``/health``.

    Args:
        db_url: SQLAlchemy URL of the role database the actions read (default: theirs).
        model: the trained model the Rasa server loads.
        timeout: seconds to wait for each server to answer.
        log_dir: where the servers' logs and the generated endpoints file go.
        credentials: the channels file passed to ``rasa run --credentials``.
        env: extra environment variables for both servers; a None value removes a variable
            (e.g. ``{"SLACK_BOT_TOKEN": None}`` to be sure Slack is off).
        bot_dir: the bot's folder, the servers' working directory (another bot for benchmarks).
        with_actions: start an action server (``actions`` package of ``bot_dir``) and point the
            Rasa server at it; False for a bot without custom actions.
        action_url: point the Rasa server at this action server instead of starting one
            (fault tests); implies ``with_actions=False`` for starting.

    Raises:
        FileNotFoundError: there is no trained model.
        RuntimeError: a server exited early or did not answer in time (its log is quoted).
    """
    if not model.is_file():
        raise FileNotFoundError(f"no trained model at {model}: run `make train`")
    log_dir.mkdir(parents=True, exist_ok=True)
    rasa_port = free_port()
    actions_port = free_port() if with_actions else None
    server_env = runtime_server_env({**({"CAREERBOT_DB_URL": db_url} if db_url else {}),
                                     **(env or {})})
    server_env.setdefault(PUBLIC_URL_ENV, f"http://127.0.0.1:{rasa_port}")  # the charts' address
    conversations = log_dir / f"e2e_conversations.{rasa_port}.db"
    server_env.setdefault(TRACKER_STORE_URL_ENV, f"sqlite:///{conversations}")
    rasa_args = [str(PYTHON), "-m", "runtime", "run", "--model", str(model),
                 "--port", str(rasa_port), "--interface", "127.0.0.1", "--enable-api",
                 "--credentials", str(credentials)]
    endpoints = log_dir / f"endpoints.e2e.{rasa_port}.yml"
    if action_url:
        with_actions, actions_port = False, None
    if with_actions or action_url:
        write_endpoints(endpoints, action_url or f"http://127.0.0.1:{actions_port}/webhook")
        rasa_args += ["--endpoints", str(endpoints)]
    rasa_log = log_dir / f"e2e_rasa.{rasa_port}.log"
    actions_log = log_dir / f"e2e_actions.{actions_port or 'none'}.log"
    procs: Dict[str, subprocess.Popen] = {}
    try:
        if with_actions:
            with open(actions_log, "w") as alog:
                procs["actions"] = subprocess.Popen(
                    [str(RASA), "run", "actions", "--actions", "actions", "--port",
                     str(actions_port)],
                    cwd=bot_dir, env=server_env, stdout=alog, stderr=subprocess.STDOUT)
        with open(rasa_log, "w") as rlog:
            procs["rasa"] = subprocess.Popen(rasa_args, cwd=bot_dir, env=server_env,
                                             stdout=rlog, stderr=subprocess.STDOUT)
        if with_actions:
            wait_for_http(f"http://127.0.0.1:{actions_port}/health", procs["actions"], actions_log,
                  timeout)
        wait_for_http(f"http://127.0.0.1:{rasa_port}/status", procs["rasa"], rasa_log, timeout)
        yield Stack(rasa_port, actions_port, {k: p.pid for k, p in procs.items()})
    finally:
        for proc in procs.values():
            proc.terminate()
        for proc in procs.values():
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        endpoints.unlink(missing_ok=True)
        conversations.unlink(missing_ok=True)
