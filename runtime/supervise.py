"""The servers of ``make serve`` (both layouts) under supervisord: each one restarted when it
dies, the others kept serving.

:class:`Supervisor` writes ``supervisord.conf`` for a list of :class:`Program` into a folder
(its socket, pid file and one log per program, ``NAME.log``, live there too), runs supervisord
in the foreground as a child and talks to it over its XML-RPC socket. Every program is:

- restarted after it exits (``autorestart``), counted as started after ``startsecs`` and given
  ``startretries`` tries with a growing wait before supervisord marks it ``FATAL``;
- stopped with its stop signal (SIGTERM: Sanic finishes the requests in flight; SIGINT for
  PostgreSQL: fast shutdown) and killed after ``stopwaitsecs``; the stop order is the reverse of
  the start order (``priority``): the page and balancer first, the stores last;
- run through util-linux's ``setpriv --pdeathsig``: if supervisord itself is killed outright,
  the kernel sends each program its stop signal, so none outlives it. supervisord gets SIGTERM
  the same way when the process that started it dies.

A supervisord of an earlier run that is still alive is stopped before a new one starts, and
a pid file or socket whose process is gone is removed (:func:`clear_stale`).
``supervisorctl -c FOLDER/supervisord.conf status`` shows the state of each program.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import time
import xmlrpc.client
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence

from runtime.services import answers_ok, stale_pid, stop_pid

PROJECT = Path(__file__).resolve().parent.parent
VENV_BIN = PROJECT / ".venv" / "bin"
#: Tries before supervisord gives a program up (FATAL), each wait one second longer.
START_RETRIES = 5
#: Seconds between the stop signal and SIGKILL (requests in flight finish).
STOP_WAIT_SECONDS = 15


@dataclass(frozen=True)
class Program:
    """One supervised server.

    Attributes:
        name: its name in supervisord (``supervisorctl status NAME``) and its log's name.
        argv: command line, run in the project's folder with supervisord's environment.
        ready: how to tell it is up: an ``http://`` URL that answers 200, or ``tcp:PORT``.
        start_seconds: seconds it must run to count as started (a quicker death is retried).
        stop_signal: ``TERM``, ``INT`` or ``QUIT``.
        priority: start order (lower first); stopped in the reverse order.
    """

    name: str
    argv: Sequence[str]
    ready: str
    start_seconds: int = 5
    stop_signal: str = "TERM"
    priority: int = 50


def single_programs(model: str, endpoints: str, rasa_port: int, actions_port: int,
                    web_port: int, interface: str, public_url: str,
                    api_token: Optional[str] = None) -> List[Program]:
    """The three programs of ``make serve``: the action server, the Rasa server (its HTTP API
    on only with ``api_token``) and the demo page."""
    python = str(VENV_BIN / "python")
    rasa = [python, "-m", "runtime", "run", "--model", model, "--endpoints", endpoints,
            "--credentials", "credentials.yml", "--port", str(rasa_port),
            "--interface", interface]
    if api_token:
        rasa += ["--enable-api", "--auth-token", api_token]
    return [
        actions_program(actions_port),
        Program("rasa", rasa, f"http://127.0.0.1:{rasa_port}/health", 20, priority=30),
        page_program(web_port, interface, public_url),
    ]


def actions_program(port: int) -> Program:
    """The action server on 127.0.0.1:``port``."""
    return Program("actions", [str(VENV_BIN / "rasa"), "run", "actions", "--actions", "actions",
                               "--port", str(port)],
                   f"http://127.0.0.1:{port}/health", 5, priority=20)


def page_program(port: int, interface: str, public_url: str) -> Program:
    """The demo page with the chat widget, connecting to ``public_url``."""
    return Program("page", [str(VENV_BIN / "python"), "-m", "channels.demo_page", "--host",
                            interface, "--port", str(port), "--rasa-url", public_url],
                   f"http://127.0.0.1:{port}/", 2, priority=60)


def _quote(value: str) -> str:
    """A value for supervisord's INI: ``%`` doubled (its expansion marker)."""
    return value.replace("%", "%%")


def _with_death_signal(argv: Sequence[str], sig: str) -> List[str]:
    """``argv`` run so that it gets ``sig`` when its parent dies (``setpriv --pdeathsig``;
    merged into a ``setpriv`` already there, since a later change of user would clear it)."""
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return list(argv)
    if argv and Path(argv[0]).name == "setpriv":
        return [argv[0], "--pdeathsig", sig, *argv[1:]]
    return [setpriv, "--pdeathsig", sig, *argv]


def config(folder: Path, progs: Sequence[Program]) -> str:
    """The text of supervisord.conf for ``progs``, with its socket, pid file and logs in
    ``folder`` (each program's log is ``folder/NAME.log``)."""
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
        argv = _with_death_signal(prog.argv, prog.stop_signal)
        lines += [
            f"[program:{prog.name}]",
            "command=" + _quote(" ".join(shlex.quote(a) for a in argv)),
            f"directory={PROJECT}", f"priority={prog.priority}",
            "autostart=true", "autorestart=true",
            f"startsecs={prog.start_seconds}", f"startretries={START_RETRIES}",
            f"stopsignal={prog.stop_signal}", f"stopwaitsecs={STOP_WAIT_SECONDS}",
            "stopasgroup=true", "killasgroup=true",
            f"stdout_logfile={folder / (prog.name + '.log')}", "redirect_stderr=true",
            "stdout_logfile_maxbytes=10MB", "stdout_logfile_backups=2", "",
        ]
    return "\n".join(lines)


def clear_stale(folder: Path) -> Optional[int]:
    """Stop a supervisord of ``folder`` left by an earlier run (its pid file names a live
    supervisord of this configuration; it stops its programs), then remove its pid file and
    socket. Returns the pid stopped, if any."""
    folder = Path(folder).resolve()
    pid = stale_pid(folder / "supervisord.pid", "supervisord", str(folder / "supervisord.conf"))
    if pid is not None:
        stop_pid(pid, signal.SIGTERM, timeout=STOP_WAIT_SECONDS * 4)
    for leftover in ("supervisord.pid", "supervisor.sock"):
        (folder / leftover).unlink(missing_ok=True)
    return pid


def _is_ready(check: str) -> bool:
    import socket

    if check.startswith("tcp:"):
        try:
            with socket.create_connection(("127.0.0.1", int(check[4:])), timeout=1):
                return True
        except OSError:
            return False
    return answers_ok(check)


class Supervisor:
    """supervisord running ``progs`` from ``folder`` (see the module docstring).

    Args:
        folder: configuration, socket, pid file and logs (created).
        progs: the programs, in start order.
        env: the environment of supervisord and so of every program.
        say: progress messages (what an earlier run left and was stopped).

    Use as a context manager, or :meth:`start` then :meth:`stop`.
    """

    def __init__(self, folder: Path, progs: Sequence[Program],
                 env: Optional[Dict[str, str]] = None,
                 say: Callable[[str], None] = lambda _: None) -> None:
        self.folder = Path(folder).resolve()
        self.programs = {p.name: p for p in progs}
        self.env = env
        self.say = say
        self.conf = self.folder / "supervisord.conf"
        self.proc: Optional[subprocess.Popen] = None

    def start(self) -> "Supervisor":
        """Write the configuration, clear what an earlier run left, start supervisord."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.conf.write_text(config(self.folder, list(self.programs.values())),
                             encoding="utf-8")
        stale = clear_stale(self.folder)
        if stale:
            self.say(f"Stopped a supervisord that an earlier run left (pid {stale}) and its "
                     "servers.")
        argv = _with_death_signal([str(VENV_BIN / "supervisord"), "-c", str(self.conf)], "TERM")
        with open(self.folder / "supervisord.out", "a") as out:
            self.proc = subprocess.Popen(argv, cwd=PROJECT, env=self.env, stdout=out,
                                         stderr=subprocess.STDOUT, start_new_session=True)
        return self

    def __enter__(self) -> "Supervisor":
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    def stop(self, timeout: float = STOP_WAIT_SECONDS * 4) -> None:
        """Stop supervisord, which stops every program (reverse start order) first."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def running(self) -> bool:
        """supervisord itself is running (started here, or by another process: its pid
        file names a live supervisord of this configuration)."""
        if self.proc is None:
            return stale_pid(self.folder / "supervisord.pid", "supervisord",
                             str(self.conf)) is not None
        return self.proc.poll() is None

    def _rpc(self) -> xmlrpc.client.ServerProxy:
        from supervisor.xmlrpc import SupervisorTransport

        transport = SupervisorTransport(None, None, f"unix://{self.folder / 'supervisor.sock'}")
        return xmlrpc.client.ServerProxy("http://127.0.0.1", transport=transport)

    def processes(self) -> Dict[str, Dict]:
        """Program name → supervisord's process info (``statename``: ``RUNNING``,
        ``STARTING``, ``BACKOFF``, ``FATAL``…; ``pid``; ``spawnerr``…); empty while supervisord
        is not answering."""
        try:
            return {info["name"]: info for info in self._rpc().supervisor.getAllProcessInfo()}
        except (OSError, xmlrpc.client.Error):
            return {}

    def states(self) -> Dict[str, str]:
        """Program name → supervisord state (see :meth:`processes`)."""
        return {name: info["statename"] for name, info in self.processes().items()}

    def pid(self, name: str) -> int:
        """The pid of program ``name`` (0 when it is not running)."""
        return int(self._rpc().supervisor.getProcessInfo(name)["pid"])

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """Send ``sig`` to program ``name``, as a crash would (supervisord restarts it)."""
        os.kill(self.pid(name), sig)

    def stop_program(self, name: str) -> None:
        """Stop program ``name`` and wait (it stays stopped until :meth:`start_program`)."""
        self._rpc().supervisor.stopProcess(name, True)

    def start_program(self, name: str, timeout: float = 300) -> None:
        """Start program ``name`` (again) and wait until it is ready."""
        self._rpc().supervisor.startProcess(name, False)
        self.wait_ready([name], timeout)

    def log(self, name: str) -> Path:
        """The log of program ``name``."""
        return self.folder / f"{name}.log"

    def wait_ready(self, names: Optional[Sequence[str]] = None, timeout: float = 300,
                   say: Callable[[str], None] = lambda _: None) -> None:
        """Return once every program of ``names`` (default: all, in start order) is ready.

        Raises:
            RuntimeError: supervisord exited, a program was given up (FATAL) or ``timeout``
                seconds passed; the message quotes the end of the program's log.
        """
        deadline = time.monotonic() + timeout
        for name in names or list(self.programs):
            program = self.programs[name]
            while not _is_ready(program.ready):
                state = self.states().get(name)
                if not self.running() or state == "FATAL" or time.monotonic() > deadline:
                    why = ("supervisord stopped" if not self.running() else
                           "it kept dying (FATAL)" if state == "FATAL" else
                           f"no answer at {program.ready} in {timeout:.0f} s")
                    raise RuntimeError(f"the {name} server did not start: {why}; the end of "
                                       f"its log ({self.log(name)}):\n{self._tail(name)}")
                time.sleep(0.3)
            say(f"  {name}: up")

    def _tail(self, name: str) -> str:
        log = self.log(name)
        return log.read_text(errors="replace")[-2500:] if log.exists() else "(no log)"
