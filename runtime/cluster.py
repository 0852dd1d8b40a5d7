"""Several Rasa replicas behind one port: ``make serve REPLICAS=N`` and the replica tests.

Layout (all on 127.0.0.1 but the balancer, which listens on ``--interface``)::

    clients ──> nginx :RASA_PORT ──> Rasa replica 1..N ──> action server
                                        │         │
                              PostgreSQL (tracker store)  Redis (lock store)

PostgreSQL and Redis are started in ``folder`` (:mod:`runtime.services`) unless the URLs of
running ones are given (``CAREERBOT_TRACKER_STORE_URL``, ``CAREERBOT_REDIS_URL``).

Usage: ``python -m runtime.cluster --model MODEL --replicas N [--port P] …`` (``--help``).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional

from runtime.balancer import BalancerSettings, nginx_config
from runtime.endpoints import write_endpoints
from runtime.services import Nginx, Postgres, Redis, free_port, stop_process, wait_for_port
from runtime.settings import API_TOKEN_ENV, REDIS_URL_ENV, TRACKER_STORE_URL_ENV

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = PROJECT / ".venv" / "bin" / "python"
RASA = PROJECT / ".venv" / "bin" / "rasa"


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
    """A running cluster; every process is a child of this one.

    Attributes:
        url: the balancer's base URL (``http://127.0.0.1:PORT``).
        actions_url: the action server's base URL.
        replica_ports: the Rasa replicas' ports, in start order.
        replicas: the replicas' processes, by port.
        tracker_store_url, redis_url: the shared stores.
        postgres, redis: the servers this cluster started (None when given URLs).
        folder: logs, endpoints file, the servers' data.
    """

    url: str
    actions_url: str
    replica_ports: List[int]
    replicas: Dict[int, subprocess.Popen]
    actions: subprocess.Popen
    nginx: Nginx
    tracker_store_url: str
    redis_url: str
    folder: Path
    postgres: Optional[Postgres] = None
    redis: Optional[Redis] = None
    start_replica: Callable[[int], subprocess.Popen] = field(default=None, repr=False)

    def kill_replica(self, port: int) -> None:
        """Kill one replica at once (SIGKILL), as a crash would."""
        proc = self.replicas[port]
        proc.kill()
        proc.wait()


def _get_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


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
        if _get_ok(url):
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
                    keep_data: bool = True) -> Iterator[Cluster]:
    """Start PostgreSQL and Redis (unless their URLs are in ``env`` or the environment), the
    action server, ``replicas`` Rasa servers and the balancer; stop them all on exit.

    Args:
        model: the trained model every replica loads.
        replicas: how many Rasa servers (1 or more).
        folder: where logs, the endpoints file and the servers' data go.
        port: the balancer's port (a free one by default).
        interface: the balancer's address (``0.0.0.0`` for every interface).
        settings: the balancer's limits (default: from the environment).
        credentials: the channels file of the replicas.
        env: extra environment variables for the action server and the replicas; a None
            value removes a variable.
        timeout: seconds to wait for each server.
        say: progress messages (``print`` for ``make serve``).
        keep_data: keep the PostgreSQL data it created (False: delete them on exit).

    Raises:
        runtime.services.MissingProgram: PostgreSQL, Redis or nginx is not installed.
        RuntimeError: a server did not start (its log is quoted).
    """
    if replicas < 1:
        raise ValueError("replicas must be 1 or more")
    folder.mkdir(parents=True, exist_ok=True)
    base_env = server_env(env)
    with ExitStack() as stack:
        postgres = redis = None
        tracker_url = base_env.get(TRACKER_STORE_URL_ENV, "")
        if not tracker_url:
            say("Starting PostgreSQL (tracker store)...")
            postgres = Postgres(folder / "postgres")
            if not keep_data:
                stack.callback(postgres.remove_data)
            postgres.start()
            stack.callback(postgres.stop)
            tracker_url = postgres.url
        redis_url = base_env.get(REDIS_URL_ENV, "")
        if not redis_url:
            say("Starting Redis (lock store)...")
            redis = Redis(folder / "redis").start()
            stack.callback(redis.stop)
            redis_url = redis.url
        base_env.update({TRACKER_STORE_URL_ENV: tracker_url, REDIS_URL_ENV: redis_url})

        actions_port = free_port()
        actions_log = folder / "actions.log"
        say(f"Starting the action server on 127.0.0.1:{actions_port}...")
        with open(actions_log, "w") as out:
            actions = subprocess.Popen(
                [str(RASA), "run", "actions", "--actions", "actions", "--port",
                 str(actions_port)], cwd=PROJECT, env=base_env, stdout=out,
                stderr=subprocess.STDOUT)
        stack.callback(stop_process, actions)
        endpoints = write_endpoints(folder / "endpoints.yml",
                                    f"http://127.0.0.1:{actions_port}/webhook")

        def start_replica(replica_port: int) -> subprocess.Popen:
            log = folder / f"rasa.{replica_port}.log"
            with open(log, "a") as out:
                return subprocess.Popen(
                    [str(PYTHON), "-m", "runtime",
                     *rasa_run_args(str(model), str(endpoints), str(credentials), replica_port,
                                    base_env.get(API_TOKEN_ENV) or None),
                     "--interface", "127.0.0.1"],
                    cwd=PROJECT, env=base_env, stdout=out, stderr=subprocess.STDOUT)

        ports = [free_port() for _ in range(replicas)]
        say(f"Starting {replicas} Rasa replica(s) on ports {', '.join(map(str, ports))}; "
            "loading the model takes a minute...")
        procs: Dict[int, subprocess.Popen] = {}
        for replica_port in ports:
            procs[replica_port] = start_replica(replica_port)
        stack.callback(lambda: [stop_process(p) for p in procs.values()])
        wait_for_http(f"http://127.0.0.1:{actions_port}/health", actions, actions_log,
                      timeout)
        for replica_port, proc in procs.items():
            wait_for_http(f"http://127.0.0.1:{replica_port}/", proc,
                          folder / f"rasa.{replica_port}.log", timeout)

        balancer_port = port or free_port()
        nginx = Nginx(folder / "nginx", nginx_config(
            f"{interface}:{balancer_port}", ports, str((folder / "nginx").resolve()),
            settings or BalancerSettings.from_env()), balancer_port)
        say(f"Starting the load balancer (nginx) on {interface}:{balancer_port}...")
        nginx.start()
        stack.callback(nginx.stop)
        yield Cluster(url=f"http://127.0.0.1:{balancer_port}",
                      actions_url=f"http://127.0.0.1:{actions_port}", replica_ports=ports,
                      replicas=procs, actions=actions, nginx=nginx,
                      tracker_store_url=tracker_url, redis_url=redis_url, folder=folder,
                      postgres=postgres, redis=redis, start_replica=start_replica)


def _hide_password(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url.split("@")[-1]


def _interrupt(*_) -> None:
    """A SIGTERM handler: stop as on Ctrl-C (raises KeyboardInterrupt, once: a second SIGTERM
    does not cut the clean-up short)."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise KeyboardInterrupt


def main(argv: Optional[List[str]] = None) -> int:
    """``make serve REPLICAS=N``: run the cluster and the demo page until Ctrl-C."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=5005, help="the balancer's port")
    parser.add_argument("--web-port", type=int, default=8080, help="the demo page's port")
    parser.add_argument("--interface", default="127.0.0.1")
    parser.add_argument("--public-url", default=None,
                        help="the balancer as browsers reach it (default http://localhost:PORT)")
    args = parser.parse_args(argv)
    public_url = args.public_url or f"http://localhost:{args.port}"
    page_origins = f"http://localhost:{args.web_port} http://127.0.0.1:{args.web_port}"
    origins = " ".join(filter(None, [os.environ.get("WEBCHAT_ALLOWED_ORIGINS"), page_origins]))
    folder = PROJECT / "var" / "cluster"
    # SIGTERM (systemd, Docker, Kubernetes, `kill`) stops everything as Ctrl-C does: the
    # ExitStack of running_cluster stops nginx, the replicas, the action server, Redis and
    # PostgreSQL, so that none outlives this process and the next start finds no lock file.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        with running_cluster(args.model, args.replicas, folder, args.port, args.interface,
                             env={"WEBCHAT_ALLOWED_ORIGINS": origins}, say=print) as cluster:
            page_log = folder / "page.log"
            with open(page_log, "w") as out:
                page = subprocess.Popen(
                    [str(PYTHON), "-m", "channels.demo_page", "--host", args.interface,
                     "--port", str(args.web_port), "--rasa-url", public_url],
                    cwd=PROJECT, stdout=out, stderr=subprocess.STDOUT)
            try:
                wait_for_port(args.web_port, page, page_log)
                replicas = "\n".join(f"    replica {i}  http://127.0.0.1:{p}  "
                                     f"(log: {folder}/rasa.{p}.log)"
                                     for i, p in enumerate(cluster.replica_ports, 1))
                print(f"""
Everything is up:
  Demo page with the chat widget  http://localhost:{args.web_port}
  Load balancer (nginx)           {public_url}  — REST, Slack, socket.io (sticky per client)
{replicas}
  Action server                   {cluster.actions_url}
  Tracker store                   {_hide_password(cluster.tracker_store_url)}
  Lock store                      {_hide_password(cluster.redis_url)}
Logs in {folder}/. Press Ctrl-C to stop.""", flush=True)
                stopped: set = set()
                while True:
                    time.sleep(1)
                    for replica_port, proc in cluster.replicas.items():
                        if replica_port not in stopped and proc.poll() is not None:
                            stopped.add(replica_port)
                            print(f"warning: replica on port {replica_port} stopped (exit "
                                  f"{proc.returncode}); the balancer routes around it",
                                  file=sys.stderr, flush=True)
            finally:
                stop_process(page)
    except KeyboardInterrupt:
        print("\nStopping...")
        return 0
    except RuntimeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
