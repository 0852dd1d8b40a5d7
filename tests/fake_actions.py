"""A stand-in action server whose behaviour the fault tests switch: ``ok`` (a valid answer whose
text is :data:`OK_TEXT`), ``slow`` (answers after ``delay`` seconds), ``error`` (HTTP 500),
``garbage`` (HTTP 200 with a body that is not JSON) or ``down`` (the socket is closed).
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Optional

OK_TEXT = "fake action server: normal answer"


class FakeActionServer:
    """Listens on 127.0.0.1:``port`` (a free one by default) in a background thread."""

    def __init__(self, port: int = 0, delay: float = 30.0) -> None:
        self.mode = "ok"
        self.delay = delay
        self.calls = 0
        self._port = port
        self._server: Optional[ThreadingHTTPServer] = None

    @property
    def url(self) -> str:
        """The webhook URL Rasa's ``action_endpoint`` should name."""
        return f"http://127.0.0.1:{self._port}/webhook"

    def start(self) -> "FakeActionServer":
        """Start listening (again, on the same port after :meth:`stop`)."""
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                fake.calls += 1
                if fake.mode == "slow":
                    time.sleep(fake.delay)
                if fake.mode == "error":
                    self._send(500, b'{"error": "boom"}')
                elif fake.mode == "garbage":
                    self._send(200, b"<html>not json</html>")
                else:
                    body = {"events": [], "responses": [{"text": OK_TEXT}]}
                    self._send(200, json.dumps(body).encode())

            def _send(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except OSError:
                    pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self._port), Handler)
        self._server.daemon_threads = True
        self._port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Stop listening: Rasa's calls are refused (the action server is down)."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
