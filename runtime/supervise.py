"""The servers of ``make serve`` under supervisord: each one restarted when it dies, the others
kept serving.

``python -m runtime.supervise --out build/serve/supervisord.conf --model M …`` writes the
configuration that ``scripts/serve.sh`` runs with ``supervisord -n``: three programs (the action
server, the Rasa server, the demo page), each restarted after it exits (``autorestart``), given
``startsecs`` to count as started and ``startretries`` tries with a growing wait before
supervisord marks it ``FATAL``; stopped with SIGTERM (Sanic finishes the requests in flight)
and killed after ``stopwaitsecs``. supervisord's own socket, pid file and logs live in the same
folder; ``supervisorctl -c CONF status`` shows the state of each program.
"""

from __future__ import annotations

import argparse
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence

PROJECT = Path(__file__).resolve().parent.parent
#: Seconds a program must run to count as started; a program that dies sooner is retried.
START_SECONDS = {"actions": 5, "rasa": 20, "page": 2}
#: Tries before supervisord gives a program up (FATAL), each wait one second longer.
START_RETRIES = 5
#: Seconds between SIGTERM and SIGKILL when stopping (requests in flight finish).
STOP_WAIT_SECONDS = 15


@dataclass(frozen=True)
class Program:
    """One supervised server: its ``name``, command line (``argv``, run in the project folder)
    and environment additions."""

    name: str
    argv: Sequence[str]
    env: Dict[str, str]


def programs(model: str, endpoints: str, rasa_port: int, actions_port: int, web_port: int,
             interface: str, public_url: str, api_token: Optional[str] = None) -> List[Program]:
    """The three programs of the single-server layout, as ``scripts/serve.sh`` ran them."""
    python = str(PROJECT / ".venv" / "bin" / "python")
    rasa = [python, "-m", "runtime", "run", "--model", model, "--endpoints", endpoints,
            "--credentials", "credentials.yml", "--port", str(rasa_port),
            "--interface", interface]
    if api_token:
        rasa += ["--enable-api", "--auth-token", api_token]
    return [
        Program("actions", [str(PROJECT / ".venv" / "bin" / "rasa"), "run", "actions",
                            "--actions", "actions", "--port", str(actions_port)], {}),
        Program("rasa", rasa, {}),
        Program("page", [python, "-m", "channels.demo_page", "--host", interface,
                         "--port", str(web_port), "--rasa-url", public_url], {}),
    ]


def _quote(value: str) -> str:
    """A value for supervisord's INI: ``%`` doubled (its expansion marker)."""
    return value.replace("%", "%%")


def config(folder: Path, progs: Sequence[Program], env: Optional[Dict[str, str]] = None) -> str:
    """The text of supervisord.conf for ``progs``, with its socket, pid file and logs in
    ``folder`` (each program's log is ``folder/NAME.log``) and ``env`` for every program."""
    folder = Path(folder).resolve()
    lines = [
        "[unix_http_server]", f"file={folder / 'supervisor.sock'}", "",
        "[supervisord]", "nodaemon=true", f"logfile={folder / 'supervisord.log'}",
        f"pidfile={folder / 'supervisord.pid'}", f"childlogdir={folder}", "",
        "[rpcinterface:supervisor]",
        "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface", "",
        "[supervisorctl]", f"serverurl=unix://{folder / 'supervisor.sock'}", "",
    ]
    for prog in progs:
        merged = {**(env or {}), **prog.env}
        lines += [
            f"[program:{prog.name}]",
            "command=" + _quote(" ".join(shlex.quote(a) for a in prog.argv)),
            f"directory={PROJECT}",
            "autostart=true", "autorestart=true",
            f"startsecs={START_SECONDS.get(prog.name, 5)}", f"startretries={START_RETRIES}",
            "stopsignal=TERM", f"stopwaitsecs={STOP_WAIT_SECONDS}",
            "stopasgroup=true", "killasgroup=true",
            f"stdout_logfile={folder / (prog.name + '.log')}", "redirect_stderr=true",
            "stdout_logfile_maxbytes=10MB", "stdout_logfile_backups=2",
        ]
        if merged:
            lines.append("environment=" + ",".join(
                f'{k}="{_quote(v)}"' for k, v in sorted(merged.items())))
        lines.append("")
    return "\n".join(lines)


def main(argv: Optional[List[str]] = None) -> int:
    """Command line: write the configuration of ``scripts/serve.sh`` (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--endpoints", required=True)
    parser.add_argument("--rasa-port", type=int, default=5005)
    parser.add_argument("--actions-port", type=int, default=5055)
    parser.add_argument("--web-port", type=int, default=8080)
    parser.add_argument("--interface", default="127.0.0.1")
    parser.add_argument("--public-url", required=True)
    parser.add_argument("--api-token", default=None)
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args(argv)
    env = dict(item.split("=", 1) for item in args.env)
    progs = programs(args.model, args.endpoints, args.rasa_port, args.actions_port,
                     args.web_port, args.interface, args.public_url, args.api_token)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(config(args.out.parent, progs, env), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
