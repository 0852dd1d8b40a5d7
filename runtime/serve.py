"""``make serve`` (``scripts/serve.sh``): every server of the assistant under supervisord, until
Ctrl-C, SIGTERM or the death of the process that started it.

Two layouts, the same supervision (:mod:`runtime.supervise`):

- ``--replicas 1``: the action server, one Rasa server with the channels of credentials.yml
  (REST, socket.io for the widget, Slack) and the demo page; logs in ``build/serve/``.
- ``--replicas N`` (N ≥ 2): PostgreSQL, Redis, the action server, N Rasa replicas, nginx on the
  Rasa port and the demo page (:func:`runtime.cluster.running_cluster`); logs in
  ``var/cluster/``.

A server that dies is restarted; the terminal says so, and says once when supervisord gave a
server up (FATAL) while the others keep serving. ``GET /health`` on the Rasa port says which
parts are up (:mod:`runtime.health`).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
import urllib.request
from contextlib import ExitStack
from pathlib import Path
from typing import Dict, List, Optional, Set

from runtime.cluster import hide_password, running_cluster, server_env
from runtime.endpoints import write_endpoints
from runtime.health import HEALTH_PATH
from runtime.settings import PUBLIC_URL_ENV
from runtime.supervise import Supervisor, single_programs

PROJECT = Path(__file__).resolve().parent.parent
#: Seconds between two looks at the servers' states.
POLL_SECONDS = 2.0


def _interrupt(*_: object) -> None:
    """SIGTERM or SIGHUP: stop as on Ctrl-C (once: a second signal does not cut the stop
    short)."""
    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(sig, signal.SIG_IGN)
    raise KeyboardInterrupt


def _slack_line(rasa_url: str) -> str:
    try:
        with urllib.request.urlopen(f"{rasa_url}/webhooks/slack/", timeout=5) as response:
            on = json.load(response).get("status") == "ok"
    except (OSError, ValueError):
        on = False
    if on:
        return "on — Event Subscriptions and Interactivity URL: " \
               "https://<public host>/webhooks/slack/webhook"
    return 'off — set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to enable it (README, "Slack")'


class Watch:
    """Tells the terminal when a server stops or is restarted, comes back, or is given up
    (FATAL)."""

    def __init__(self, supervisor: Supervisor) -> None:
        self.supervisor = supervisor
        self.last: Dict[str, Dict] = {}
        self.down: Set[str] = set()

    def look(self) -> None:
        """Compare the processes with the last look and report the changes (stderr)."""
        processes = self.supervisor.processes()
        ctl = f".venv/bin/supervisorctl -c {self.supervisor.conf}"
        for name, info in processes.items():
            state, before = info["statename"], self.last.get(name, info)
            log = self.supervisor.log(name)
            if state == "FATAL":
                if name not in self.down or before["statename"] != "FATAL":
                    say(f"error: the {name} server keeps dying and was given up (FATAL); the "
                        f"others keep serving. Its log: {log}; start it again with: "
                        f"{ctl} start {name}")
                self.down.add(name)
            elif name not in self.down and (state in ("BACKOFF", "EXITED") or (
                    before["pid"] and info["pid"] != before["pid"])):
                say(f"warning: the {name} server stopped; supervisord restarts it (log: {log})")
                self.down.add(name)
            if state == "RUNNING" and name in self.down:
                say(f"the {name} server is running again")
                self.down.discard(name)
        self.last = processes


def say(message: str) -> None:
    """A line on stderr, at once."""
    print(message, file=sys.stderr, flush=True)


def watch(supervisor: Supervisor) -> int:
    """Report state changes until supervisord exits (1) or the parent process is gone (0)."""
    parent = os.getppid()
    watcher = Watch(supervisor)
    while supervisor.running():
        if os.getppid() != parent:
            say("The process that started make serve is gone: stopping.")
            return 0
        watcher.look()
        time.sleep(POLL_SECONDS)
    say(f"error: supervisord stopped; see the logs in {supervisor.folder}/")
    return 1


def main(argv: Optional[List[str]] = None) -> int:
    """Command line of ``scripts/serve.sh``; 0 after a stop asked for, 1 on a failure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--replicas", type=int, default=1)
    parser.add_argument("--rasa-port", type=int, default=5005)
    parser.add_argument("--actions-port", type=int, default=5055)
    parser.add_argument("--web-port", type=int, default=8080)
    parser.add_argument("--interface", default="127.0.0.1")
    parser.add_argument("--public-url", default=None,
                        help="the Rasa port as browsers reach it (default http://localhost:PORT)")
    args = parser.parse_args(argv)
    public_url = args.public_url or f"http://localhost:{args.rasa_port}"
    page_origins = f"http://localhost:{args.web_port} http://127.0.0.1:{args.web_port}"
    origins = " ".join(filter(None, [os.environ.get("WEBCHAT_ALLOWED_ORIGINS"), page_origins]))
    token = os.environ.get("RASA_API_TOKEN") or None
    for sig in (signal.SIGTERM, signal.SIGHUP):  # as systemd, Docker, Kubernetes or a
        signal.signal(sig, _interrupt)            # closed terminal stop it
    rasa_url = f"http://127.0.0.1:{args.rasa_port}"
    try:
        with ExitStack() as stack:
            return _serve(stack, args, public_url, origins, token, rasa_url)
    except RuntimeError as error:
        say(f"error: {error}")
        return 1


def _serve(stack: ExitStack, args: argparse.Namespace, public_url: str, origins: str,
           token: Optional[str], rasa_url: str) -> int:
    """Start the layout of ``args`` in ``stack``, say where everything is, watch it; Ctrl-C
    or SIGTERM return 0 (``stack`` then stops everything)."""
    try:
        # the charts beside the answers are loaded from the address clients talk to
        env = {"WEBCHAT_ALLOWED_ORIGINS": origins,
               PUBLIC_URL_ENV: os.environ.get(PUBLIC_URL_ENV) or public_url}
        if args.replicas > 1:
            cluster = stack.enter_context(running_cluster(
                Path(args.model), args.replicas, PROJECT / "var" / "cluster",
                args.rasa_port, args.interface, env=env, say=print,
                page=(args.web_port, public_url)))
            supervisor = cluster.supervisor
            servers = "\n".join(
                f"  Rasa replica {cluster.replica_names[p]:<19}http://127.0.0.1:{p}"
                for p in cluster.replica_ports)
            servers = (f"  Load balancer (nginx)           {public_url}  — every channel; "
                       f"socket.io sticky per client\n{servers}\n"
                       f"  Action server                   {cluster.actions_url}\n"
                       f"  Tracker store                   "
                       f"{hide_password(cluster.tracker_store_url)}\n"
                       f"  Lock store                      {hide_password(cluster.redis_url)}")
        else:
            folder = PROJECT / "build" / "serve"
            endpoints = write_endpoints(folder / "endpoints.yml",
                                        f"http://127.0.0.1:{args.actions_port}/webhook")
            progs = single_programs(args.model, str(endpoints), args.rasa_port,
                                    args.actions_port, args.web_port, args.interface,
                                    public_url, token)
            print(f"Starting the action server (port {args.actions_port}), the Rasa server "
                  f"({args.interface}:{args.rasa_port}; loading the model takes a minute) "
                  f"and the demo page ({args.interface}:{args.web_port}) under supervisord "
                  f"(logs in {folder}/)...", flush=True)
            supervisor = stack.enter_context(Supervisor(folder, progs, server_env(env), print))
            supervisor.wait_ready(say=print)
            servers = (f"  Rasa server                     {public_url}\n"
                       f"  Action server                   "
                       f"http://localhost:{args.actions_port}")
        print(f"""
Everything is up:
  Demo page with the chat widget  http://localhost:{args.web_port}
{servers}
  Channels: REST   POST {public_url}/webhooks/rest/webhook
            widget {public_url}/socket.io/ — allowed origins: {origins}
            Slack  {_slack_line(rasa_url)}
  Health           {public_url}{HEALTH_PATH}
Logs in {supervisor.folder}/; a server that dies is restarted
(.venv/bin/supervisorctl -c {supervisor.conf} status).
Press Ctrl-C to stop.""", flush=True)
        status = watch(supervisor)
        print("Stopping...", flush=True)
        return status
    except KeyboardInterrupt:
        print("\nStopping...", flush=True)
        return 0


if __name__ == "__main__":
    sys.exit(main())
