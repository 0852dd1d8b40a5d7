"""PostgreSQL, Redis and nginx from Debian's packages, in a folder of the project
(``var/cluster/`` by ``make serve REPLICAS=N``, a temp folder in the tests): each class prepares
its folder and gives the command line that supervisord runs (:mod:`runtime.cluster`);
:meth:`Nginx.start` also runs nginx directly (the balancer's limits test).

Each server listens on 127.0.0.1 only. PostgreSQL refuses to
run as root: as root, it runs as the ``postgres`` user that Debian's package creates
(through util-linux's ``setpriv``).
"""

from __future__ import annotations

import glob
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import List, Optional, Sequence


class MissingProgram(RuntimeError):
    """A Debian program is not installed; the message says which package to install."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    """Return once 127.0.0.1:``port`` accepts connections.

    Raises:
        RuntimeError: ``proc`` exited first or ``timeout`` seconds passed (the log is quoted).
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited early; log {log}:\n{_tail(log)}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing answered on port {port} in {timeout:.0f} s; log {log}")


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-3000:] if log.exists() else "(no log)"


def _program(name: str, package: str, extra: Sequence[str] = ()) -> str:
    for candidate in [shutil.which(name), *extra]:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise MissingProgram(f"{name} not found: install Debian's {package} (`make setup` does)")


def answers_ok(url: str, timeout: float = 2) -> bool:
    """Whether a GET of ``url`` answers HTTP 200 within ``timeout`` seconds."""
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status == 200
    except OSError:
        return False


def stop_process(proc: Optional[subprocess.Popen], sig: int = signal.SIGTERM,
                 timeout: float = 20) -> None:
    """Send ``sig`` to ``proc`` and wait for it (SIGKILL after ``timeout`` seconds)."""
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(sig)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def stale_pid(pid_file: Optional[Path], program: str, marker: str) -> Optional[int]:
    """The pid in the first line of ``pid_file`` when that process is alive and is ``program``
    run with ``marker`` in its command line (the same folder or configuration): a server of an
    earlier run that was killed outright. None otherwise (no file, a dead process, another
    program that got the pid since)."""
    try:
        pid = int(pid_file.read_text().split()[0])  # type: ignore[union-attr]
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except (AttributeError, OSError, ValueError, IndexError):
        return None
    return pid if program in command and marker in command else None


def stop_pid(pid: int, sig: int = signal.SIGTERM, timeout: float = 20) -> None:
    """Send ``sig`` to the process ``pid`` (not a child) and wait until it is gone; SIGKILL
    after ``timeout`` seconds."""
    try:
        os.kill(pid, sig)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            os.kill(pid, 0)
            time.sleep(0.1)
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return


class Postgres:
    """A PostgreSQL server with trust authentication on loopback, data in ``folder/data``.

    Args:
        folder: its own folder (created; the data survive restarts).
        port: TCP port on 127.0.0.1 (a free one by default).
    """

    USER = "rasa"
    DATABASE = "rasa"

    def __init__(self, folder: Path, port: Optional[int] = None) -> None:
        self.folder = folder
        self.port = port or free_port()
        self.data: Optional[Path] = None
        #: The pid of a server of an earlier run that :meth:`prepare` stopped, if any.
        self.stopped_stale: Optional[int] = None
        versions = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key)
        extra = [f"{d}/postgres" for d in reversed(versions)]
        self.postgres = _program("postgres", "postgresql", extra)
        self.bindir = Path(self.postgres).resolve().parent
        # setpriv runs the program in its own process (runuser forks and waits, so a signal
        # to it would not reach PostgreSQL).
        self._as = (["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups"]
                    if os.geteuid() == 0 else [])

    @property
    def url(self) -> str:
        """SQLAlchemy URL of its ``rasa`` database."""
        return f"postgresql://{self.USER}@127.0.0.1:{self.port}/{self.DATABASE}"

    def _data_folder(self) -> Path:
        """``folder/data``; as root, where the ``postgres`` user can reach it: a folder of
        /tmp named after ``folder`` when a parent of ``folder`` is closed to other users."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if not self._as:
            return self.folder / "data"
        shutil.chown(self.folder, "postgres")
        reachable = subprocess.run([*self._as, "test", "-w", str(self.folder)]).returncode == 0
        if reachable:
            return self.folder / "data"
        digest = hashlib.sha256(str(self.folder.resolve()).encode()).hexdigest()[:16]
        data = Path("/tmp") / f"careerbot-pg-{digest}"
        data.mkdir(mode=0o700, exist_ok=True)
        shutil.chown(data, "postgres")
        return data

    def prepare(self) -> "Postgres":
        """Initialise the data folder the first time and create the database in it (PostgreSQL's
        single-user mode, so before the server runs); stop a server of a previous run that still
        holds the folder (:meth:`clear_stale`).

        Raises:
            RuntimeError: initdb or the database's creation failed (their output is quoted).
        """
        data = self.data = self._data_folder()
        self.stopped_stale = self.clear_stale()
        if not (data / "PG_VERSION").exists():
            init = subprocess.run([*self._as, str(self.bindir / "initdb"), "-D", str(data),
                                   "-U", self.USER, "--auth=trust", "-E", "UTF8", "--no-sync"],
                                  capture_output=True, text=True)
            if init.returncode != 0:
                raise RuntimeError(f"initdb failed:\n{init.stderr[-2000:]}")
            create = subprocess.run(
                [*self._as, self.postgres, "--single", "-D", str(data), "-c", "fsync=off",
                 "postgres"], input=f'CREATE DATABASE "{self.DATABASE}";\n',
                capture_output=True, text=True)
            if create.returncode != 0 or "ERROR" in create.stderr:
                raise RuntimeError(f"creating the database failed:\n{create.stderr[-2000:]}")
        return self

    def clear_stale(self) -> Optional[int]:
        """Stop a server left running on this data folder by an earlier run that was killed
        outright (its ``postmaster.pid`` names a live PostgreSQL of this folder): fast shutdown,
        then SIGKILL after 20 s. A lock file whose process is gone is left to PostgreSQL, which
        removes it itself. Returns the pid stopped, if any."""
        pid = stale_pid(self.data / "postmaster.pid" if self.data else None, "postgres",
                        str(self.data))
        if pid is not None:
            stop_pid(pid, signal.SIGINT)
        return pid

    def command(self) -> List[str]:
        """The server's command line (run as the ``postgres`` user when this process is root)."""
        data = self.data or self._data_folder()
        return [*self._as, self.postgres, "-D", str(data), "-p", str(self.port),
                "-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={data}",
                "-c", "fsync=off"]

    def remove_data(self) -> None:
        """Delete the data folder (after the server stopped; tests and benchmarks)."""
        if self.data is not None:
            shutil.rmtree(self.data, ignore_errors=True)


def _version_key(path: str) -> int:
    part = Path(path).parent.name
    return int(part) if part.isdigit() else 0


class Redis:
    """A Redis server on loopback without persistence (lock tickets only)."""

    def __init__(self, folder: Path, port: Optional[int] = None) -> None:
        self.folder = folder
        self.port = port or free_port()
        self.program = _program("redis-server", "redis-server")

    @property
    def url(self) -> str:
        """``redis://`` URL of database 1 (Rasa's lock store default)."""
        return f"redis://127.0.0.1:{self.port}/1"

    def command(self) -> List[str]:
        """The server's command line."""
        return [self.program, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", str(self.folder)]


class Nginx:
    """nginx in the foreground with a configuration written to ``folder/nginx.conf``.

    Args:
        folder: its own folder (configuration, logs, temp files).
        config: the whole configuration (:func:`runtime.balancer.nginx_config`).
        port: the port the configuration listens on (to wait for it).
    """

    def __init__(self, folder: Path, config: str, port: int) -> None:
        self.folder = folder
        self.config = config
        self.port = port
        self.proc: Optional[subprocess.Popen] = None
        self.program = _program("nginx", "nginx", ["/usr/sbin/nginx"])

    def prepare(self) -> List[str]:
        """Write and check the configuration (``nginx -t``); the command line to run it in the
        foreground.

        Raises:
            RuntimeError: nginx rejected the configuration (its message is quoted).
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.folder / "tmp" / sub).mkdir(parents=True, exist_ok=True)
            os.chmod(self.folder / "tmp" / sub, 0o777)  # workers may run as nobody
        conf = self.folder / "nginx.conf"
        conf.write_text(self.config)
        args: List[str] = [self.program, "-p", str(self.folder), "-c", str(conf), "-e",
                           str(self.folder / "error.log")]
        check = subprocess.run([*args, "-t"], capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(f"nginx rejected {conf}:\n{check.stderr}")
        return [*args, "-g", "daemon off;"]

    def start(self) -> "Nginx":
        """Check the configuration and start."""
        command = self.prepare()
        log = self.folder / "nginx.out"
        with open(log, "a") as out:
            self.proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        wait_for_port(self.port, self.proc, self.folder / "error.log")
        return self

    def stop(self) -> None:
        """Quick shutdown."""
        stop_process(self.proc)
        self.proc = None
