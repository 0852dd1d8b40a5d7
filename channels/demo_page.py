"""Serve the demo page with the chat widget: ``python -m channels.demo_page``.

A small static server (the standard library's ``http.server``) for ``web/public/`` plus two
generated paths:

* ``/webchat.js`` — the widget's built script, ``rasa-webchat/lib/index.js`` from
  ``web/node_modules`` (installed by ``make setup`` with ``npm ci``), so nothing is loaded from a
  CDN at run time;
* ``/config.js`` — ``window.CAREERBOT_CONFIG = {"socketUrl": …, "socketPath": "/socket.io/"}``,
  telling the page where the Rasa server is.

Nothing else under ``web/`` (``node_modules`` in particular) is reachable. Every response carries
a Content-Security-Policy that lets the page load only its own files and talk only to the Rasa
server: the widget's stylesheet ``@import``s a font from Google Fonts, which the policy blocks, so
the page makes no request to any other host. Usage::

    python -m channels.demo_page --port 8080 --rasa-url http://localhost:5005
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Optional, Sequence
from urllib.parse import urlsplit

PROJECT = Path(__file__).resolve().parent.parent
PUBLIC_DIR = PROJECT / "web" / "public"
WIDGET_SCRIPT = PROJECT / "web" / "node_modules" / "rasa-webchat" / "lib" / "index.js"


class DemoPageHandler(SimpleHTTPRequestHandler):
    """Static files from :data:`PUBLIC_DIR`, plus ``/webchat.js`` and ``/config.js``."""

    rasa_url = "http://localhost:5005"
    widget_script = WIDGET_SCRIPT
    quiet = False
    content_security_policy = ""

    def send_head(self):  # type: ignore[override]
        """Route the two generated paths; everything else is a file under ``web/public``."""
        path = urlsplit(self.path).path
        if path == "/config.js":
            config = {"socketUrl": self.rasa_url, "socketPath": "/socket.io/"}
            body = f"window.CAREERBOT_CONFIG = {json.dumps(config)};\n".encode("utf-8")
            return self._send_bytes(body, "text/javascript; charset=utf-8")
        if path == "/webchat.js":
            if not self.widget_script.is_file():
                self.send_error(HTTPStatus.NOT_FOUND,
                                "rasa-webchat is not installed: run `make setup`")
                return None
            return self._send_bytes(self.widget_script.read_bytes(),
                                    "text/javascript; charset=utf-8")
        return super().send_head()

    def list_directory(self, path):  # type: ignore[override]
        """No directory listings: only the page's own files are served."""
        self.send_error(HTTPStatus.NOT_FOUND, "File not found")
        return None

    def _send_bytes(self, body: bytes, content_type: str):
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        """Add the content security policy and headers against framing and sniffing."""
        self.send_header("Content-Security-Policy", self.content_security_policy)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "SAMEORIGIN")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (http.server's name)
        """Log requests to stderr unless ``quiet``."""
        if not self.quiet:
            super().log_message(format, *args)


def content_security_policy(rasa_url: str) -> str:
    """The page's Content-Security-Policy: its own files, inline styles, and the Rasa server
    (the socket and the charts).

    Args:
        rasa_url: the Rasa server's base URL (``http://localhost:5005``); its origin and the
            matching ``ws``/``wss`` origin are the only places the page may connect to.

    Raises:
        ValueError: ``rasa_url`` is not an absolute http(s) URL.
    """
    parts = urlsplit(rasa_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"the Rasa URL must be http(s)://host[:port], not {rasa_url!r}")
    origin = f"{parts.scheme}://{parts.netloc}"
    socket_origin = f"{'wss' if parts.scheme == 'https' else 'ws'}://{parts.netloc}"
    return "; ".join([
        "default-src 'self'",
        "script-src 'self'",
        # the widget injects <style> elements; their @import of Google Fonts is refused here
        "style-src 'self' 'unsafe-inline'",
        # the charts beside pay and ranking answers come from the Rasa server (/charts/…)
        f"img-src 'self' data: {origin}",
        "font-src 'self' data:",
        f"connect-src 'self' {origin} {socket_origin}",
        "frame-ancestors 'self'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def make_server(host: str, port: int, rasa_url: str, quiet: bool = False,
                public_dir: Path = PUBLIC_DIR,
                widget_script: Path = WIDGET_SCRIPT) -> ThreadingHTTPServer:
    """Create (bind, not start) the demo page server.

    Args:
        host: interface to listen on, e.g. ``127.0.0.1`` or ``0.0.0.0``.
        port: TCP port; ``0`` picks a free one (read it from ``server.server_address``).
        rasa_url: the Rasa server's base URL as the browser must reach it
            (``http://localhost:5005``); the widget connects to its ``/socket.io/``.
        quiet: do not log each request.
        public_dir: the folder of static files.
        widget_script: the built widget script served as ``/webchat.js``.

    Raises:
        FileNotFoundError: ``public_dir`` or ``widget_script`` does not exist.
        ValueError: ``rasa_url`` is not an absolute http(s) URL.
        OSError: the port cannot be bound.
    """
    policy = content_security_policy(rasa_url)
    if not public_dir.is_dir():
        raise FileNotFoundError(f"no demo page folder at {public_dir}")
    if not widget_script.is_file():
        raise FileNotFoundError(
            f"the chat widget is not installed ({widget_script} is missing): run `make setup`")
    handler = type("Handler", (DemoPageHandler,), {
        "rasa_url": rasa_url.rstrip("/"), "widget_script": widget_script, "quiet": quiet,
        "content_security_policy": policy})
    return ThreadingHTTPServer((host, port), partial(handler, directory=str(public_dir)))


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Command line: serve until interrupted. Returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1", help="interface (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080, help="port (default 8080)")
    parser.add_argument("--rasa-url", default="http://localhost:5005",
                        help="the Rasa server as the browser reaches it")
    parser.add_argument("--quiet", action="store_true", help="do not log requests")
    args = parser.parse_args(argv)
    try:
        server = make_server(args.host, args.port, args.rasa_url, quiet=args.quiet)
    except (FileNotFoundError, ValueError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    with server:
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
