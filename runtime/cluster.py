"""Several Rasa replicas behind one port: ``make serve REPLICAS=N`` and the replica tests.

Layout (all on 127.0.0.1 but the balancer, which listens on ``--interface``)::

    clients ──> nginx :RASA_PORT ──> Rasa replica 1..N ──> action server
                                        │         │
                              PostgreSQL (tracker store)  Redis (lock store)

Every server runs under supervisord (:mod:`runtime.supervise`): one that dies is restarted
and a replica rejoins the balancer. PostgreSQL and Redis are started in ``folder``
(:mod:`runtime.services`) unless the URLs of running ones are given
(``CAREERBOT_TRACKER_STORE_URL``, ``CAREERBOT_REDIS_URL``). ``make serve REPLICAS=N`` runs it
through :mod:`runtime.serve`; the tests and ``make bench`` through :func:`running_cluster`.
"""

from __future__ import annotations

import os
import subprocess
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional, Tuple

from runtime.balancer import BalancerSettings, nginx_config
from runtime.endpoints import write_endpoints
from runtime.health import HEALTH_PATH
from runtime.services import Nginx, Postgres, Redis, answers_ok, free_port
from runtime.supervise import Program, Supervisor, actions_program, page_program
from runtime.settings import (API_TOKEN_ENV, PUBLIC_URL_ENV, REDIS_URL_ENV,
                              TRACKER_STORE_URL_ENV)

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = PROJECT / ".venv" / "bin" / "python"


def rasa_run_args(model: str, endpoints: str, credentials: str, port: int,
                  api_token: Optional[str] = None) -> List[str]:
    """The arguments of ``python -m runtime`` for one Rasa server (here, in deploy/ too).

    The HTTP API (``/model``, ``/conversations``…) stays off unless ``api_token`` is given;
    then it is on and every call needs ``?token=<api_token>``.
    """
    args = ["run", "--model", model, "--endpoints", endpoints, "--credentials", credentials,
            "--port", str(port)]
    if api_token:
        args += ["--enable-api", "--auth-token", api_token]
    return args


@dataclass
class Cluster:
    """A running cluster: every server is a program of :attr:`supervisor`.

    Attributes:
        url: the balancer's base URL (``http://127.0.0.1:PORT``).
        actions_url: the action server's base URL.
        replica_ports: the Rasa replicas' ports, in start order.
        replica_names: their program names (``rasa-1``…), by port.
        supervisor: supervisord with every server of the cluster.
        nginx: the balancer (its folder holds ``access.log``).
        tracker_store_url, redis_url: the shared stores.
        postgres, redis: the servers this cluster started (None when given URLs); their
            programs are ``postgres`` and ``redis``.
        folder: logs, endpoints file, the servers' data.
    """

    url: str
    actions_url: str
    replica_ports: List[int]
    replica_names: Dict[int, str]
    supervisor: Supervisor
    nginx: Nginx
    tracker_store_url: str
    redis_url: str
    folder: Path
    postgres: Optional[Postgres] = None
    redis: Optional[Redis] = None

    def kill_replica(self, port: int) -> None:
        """Kill one replica at once (SIGKILL), as a crash would; supervisord restarts it."""
        self.supervisor.kill(self.replica_names[port])

    def replica_log(self, port: int) -> Path:
        """The log of the replica on ``port``."""
        return self.supervisor.log(self.replica_names[port])


def server_env(env: Optional[Dict[str, Optional[str]]] = None) -> Dict[str, str]:
    """The environment of the action server and the Rasa servers this project starts.

    This process's environment, quiet (TensorFlow, telemetry, SQLAlchemy's 2.0 notice), with
    the project importable from any folder (``python -m runtime``) and the action server on
    loopback; then ``env`` on top, where a None value removes a variable.
    """
    result = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", RASA_TELEMETRY_ENABLED="false",
                  SQLALCHEMY_SILENCE_UBER_WARNING="1", PYTHONPATH=str(PROJECT),
                  SANIC_HOST="127.0.0.1")
    for name, value in (env or {}).items():
        if value is None:
            result.pop(name, None)
        else:
            result[name] = value
    return result


def wait_for_http(url: str, proc: subprocess.Popen, log: Path, timeout: float) -> None:
    """Return once ``url`` answers 200.

    Raises:
        RuntimeError: ``proc`` exited first or ``timeout`` seconds passed (the log is quoted).
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url} exited early; log {log}:\n"
                               f"{log.read_text(errors='replace')[-3000:]}")
        if answers_ok(url):
            return
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer in {timeout:.0f} s; log {log}")


@contextmanager
def running_cluster(model: Path, replicas: int = 2, folder: Path = PROJECT / "var" / "cluster",
                    port: Optional[int] = None, interface: str = "127.0.0.1",
                    settings: Optional[BalancerSettings] = None,
                    credentials: Path = PROJECT / "credentials.yml",
                    env: Optional[Dict[str, Optional[str]]] = None,
                    timeout: float = 300, say: Callable[[str], None] = lambda _: None,
                    keep_data: bool = True,
                    page: Optional[Tuple[int, str]] = None) -> Iterator[Cluster]:
    """Start PostgreSQL and Redis (unless their URLs are in ``env`` or the environment), the
    action server, ``replicas`` Rasa servers, the balancer and optionally the demo page, all
    under supervisord (:mod:`runtime.supervise`: restarted when they die); stop them all on
    exit.

    Args:
        model: the trained model every replica loads.
        replicas: how many Rasa servers (1 or more).
        folder: where logs, the endpoints file and the servers' data go.
        port: the balancer's port (a free one by default).
        interface: the balancer's and the page's address (``0.0.0.0`` for every interface).
        settings: the balancer's limits (default: from the environment).
        credentials: the channels file of the replicas.
        env: extra environment variables for the servers; a None value removes a variable.
        timeout: seconds to wait for each server.
        say: progress messages (``print`` for ``make serve``).
        keep_data: keep the PostgreSQL data it created (False: delete them on exit).
        page: ``(port, URL of the balancer as browsers reach it)`` to run the demo page too.

    Raises:
        runtime.services.MissingProgram: PostgreSQL, Redis or nginx is not installed.
        RuntimeError: a server did not start (its log is quoted).
    """
    if replicas < 1:
        raise ValueError("replicas must be 1 or more")
    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    base_env = server_env(env)
    progs: List[Program] = []
    with ExitStack() as stack:
        postgres = redis = None
        tracker_url = base_env.get(TRACKER_STORE_URL_ENV, "")
        if not tracker_url:
            postgres = Postgres(folder / "postgres")
            if not keep_data:
                stack.callback(postgres.remove_data)
            say("Preparing PostgreSQL (tracker store)...")
            postgres.prepare()
            if postgres.stopped_stale:
                say(f"Stopped a PostgreSQL that an earlier run left on {postgres.data} (pid "
                    f"{postgres.stopped_stale}).")
            progs.append(Program("postgres", postgres.command(), f"tcp:{postgres.port}", 3,
                                 "INT", priority=10))
            tracker_url = postgres.url
        redis_url = base_env.get(REDIS_URL_ENV, "")
        if not redis_url:
            redis = Redis(folder / "redis")
            redis.folder.mkdir(parents=True, exist_ok=True)
            progs.append(Program("redis", redis.command(), f"tcp:{redis.port}", 2,
                                 priority=10))
            redis_url = redis.url
        base_env.update({TRACKER_STORE_URL_ENV: tracker_url, REDIS_URL_ENV: redis_url})

        actions_port = free_port()
        progs.append(actions_program(actions_port))
        endpoints = write_endpoints(folder / "endpoints.yml",
                                    f"http://127.0.0.1:{actions_port}/webhook")
        ports = [free_port() for _ in range(replicas)]
        names = {p: f"rasa-{i}" for i, p in enumerate(ports, 1)}
        for replica_port in ports:
            argv = [str(PYTHON), "-m", "runtime",
                    *rasa_run_args(str(model), str(endpoints), str(credentials), replica_port,
                                   base_env.get(API_TOKEN_ENV) or None),
                    "--interface", "127.0.0.1"]
            progs.append(Program(names[replica_port], argv,
                                 f"http://127.0.0.1:{replica_port}{HEALTH_PATH}", 20,
                                 priority=30))
        balancer_port = port or free_port()
        nginx = Nginx(folder / "nginx", nginx_config(
            f"{interface}:{balancer_port}", ports, str((folder / "nginx").resolve()),
            settings or BalancerSettings.from_env()), balancer_port)
        progs.append(Program("balancer", nginx.prepare(),
                             f"http://127.0.0.1:{balancer_port}{HEALTH_PATH}", 2, "QUIT",
                             priority=40))
        if page is not None:
            progs.append(page_program(page[0], interface, page[1]))

        say(f"Starting under supervisord: {', '.join(p.name for p in progs)} (replicas on "
            f"ports {', '.join(map(str, ports))}, the balancer on {interface}:{balancer_port}; "
            "loading the model takes a minute)...")
        base_env.setdefault(PUBLIC_URL_ENV, f"http://127.0.0.1:{balancer_port}")  # charts
        supervisor = stack.enter_context(Supervisor(folder, progs, base_env, say))
        supervisor.wait_ready(timeout=timeout, say=say)
        yield Cluster(url=f"http://127.0.0.1:{balancer_port}",
                      actions_url=f"http://127.0.0.1:{actions_port}", replica_ports=ports,
                      replica_names=names, supervisor=supervisor, nginx=nginx,
                      tracker_store_url=tracker_url, redis_url=redis_url, folder=folder,
                      postgres=postgres, redis=redis)


def hide_password(url: str) -> str:
    """A database URL for printing: its password replaced by ``***``."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url.split("@")[-1]
