"""A fake Slack for tests: a Web API on loopback that records messages, and signed event requests.

:class:`FakeSlackAPI` answers ``POST /api/chat.postMessage`` the way Slack does for an app with
granular bot scopes (``invalid_auth`` for a wrong token, ``invalid_arguments`` for the legacy
``as_user`` argument, ``no_text`` without text or blocks) and records every call. Point the bot
at it with ``SLACK_API_URL=fake.api_url``. :func:`signed_headers` signs a request body as Slack
does (``v0`` HMAC-SHA256 of ``v0:{timestamp}:{body}`` with the signing secret).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional
from urllib.parse import parse_qs


@dataclass
class ApiCall:
    """One request to the fake Web API: the method, the bearer token, the arguments, the answer."""

    method: str
    token: Optional[str]
    args: Dict[str, Any]
    answer: Dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when the fake answered ``ok: true``."""
        return bool(self.answer.get("ok"))


class FakeSlackAPI:
    """A Slack Web API on ``127.0.0.1`` that records calls; use as a context manager.

    Args:
        token: the bot token it accepts (``Authorization: Bearer <token>``).
    """

    def __init__(self, token: str) -> None:
        self.token = token
        self.calls: List[ApiCall] = []
        self._changed = threading.Condition()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8")
                if "json" in (self.headers.get("Content-Type") or ""):
                    args = json.loads(raw or "{}")
                else:
                    args = {k: v[0] for k, v in parse_qs(raw).items()}
                auth = self.headers.get("Authorization") or ""
                token = auth[len("Bearer "):] if auth.startswith("Bearer ") else None
                method = self.path.rsplit("/", 1)[-1]
                answer = fake._answer(method, token, args)
                fake._record(ApiCall(method, token, args, answer))
                body = json.dumps(answer).encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.api_url = f"http://127.0.0.1:{self._server.server_address[1]}/api/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> "FakeSlackAPI":
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _answer(self, method: str, token: Optional[str], args: Dict[str, Any]) -> Dict[str, Any]:
        if token != self.token:
            return {"ok": False, "error": "invalid_auth"}
        if method != "chat.postMessage":
            return {"ok": False, "error": "unknown_method"}
        if "as_user" in args:
            return {"ok": False, "error": "invalid_arguments", "deprecated_argument": "as_user"}
        if not args.get("channel"):
            return {"ok": False, "error": "channel_not_found"}
        if not args.get("text") and not args.get("blocks"):
            return {"ok": False, "error": "no_text"}
        return {"ok": True, "channel": args["channel"], "ts": f"{time.time():.6f}",
                "message": {"text": args.get("text", ""), "blocks": args.get("blocks", [])}}

    def _record(self, call: ApiCall) -> None:
        with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    def posts(self, channel: Optional[str] = None) -> List[ApiCall]:
        """The ``chat.postMessage`` calls so far, all or to ``channel`` only."""
        with self._changed:
            return [c for c in self.calls if c.method == "chat.postMessage"
                    and (channel is None or c.args.get("channel") == channel)]

    def wait_for(self, predicate: Callable[[List[ApiCall]], bool], timeout: float = 60) -> None:
        """Block until ``predicate(self.posts())`` is true.

        Raises:
            AssertionError: it is still false after ``timeout`` seconds (the posts are shown).
        """
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                posts = [c for c in self.calls if c.method == "chat.postMessage"]
                if predicate(posts):
                    return
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no matching chat.postMessage in {timeout:.0f}s; "
                                         f"calls: {[(c.args, c.answer) for c in self.calls]}")
                self._changed.wait(left)


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """Slack's request signature: ``v0=`` + hex HMAC-SHA256 of ``v0:{timestamp}:{body}``."""
    digest = hmac.new(secret.encode("utf-8"), b"v0:" + timestamp.encode("ascii") + b":" + body,
                      hashlib.sha256).hexdigest()
    return f"v0={digest}"


def signed_headers(secret: str, body: bytes, content_type: str = "application/json",
                   timestamp: Optional[int] = None) -> Dict[str, str]:
    """Headers of a request from Slack carrying ``body``, signed with ``secret``.

    Args:
        secret: the app's signing secret.
        body: the exact bytes that will be sent.
        content_type: ``application/json`` (Events API) or
            ``application/x-www-form-urlencoded`` (interactivity).
        timestamp: Unix time to sign with (default: now).
    """
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    return {"Content-Type": content_type, "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": signature(secret, stamp, body)}
