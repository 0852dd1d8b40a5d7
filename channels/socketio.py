"""The website chat widget's channel: Rasa's socket.io channel with configurable allowed origins.

Rasa's own ``socketio`` channel turns the Engine.IO origin check off, so a page on any site could
open a conversation. This subclass keeps Rasa's protocol and options (``session_persistence``,
``metadata_key``, ...) and lets the socket.io server accept only the origins (scheme, host and
port, as a browser sends them in ``Origin``) of the sites that embed the widget; Engine.IO then
both refuses other origins (polling and WebSocket) and answers the allowed ones with CORS headers.

It also fixes ``session_persistence: true`` (which rasa-webchat needs): Rasa 3.6 calls
``AsyncServer.enter_room`` without ``await``, and since python-socketio 5.10 made it a coroutine
the widget's socket never joins its session's room, so it never receives an answer (RasaHQ/rasa
issue 13027). The ``session_request`` handler here awaits it.

The origins come from, in order:

1. the environment variable ``WEBCHAT_ALLOWED_ORIGINS``: origins separated by commas or spaces,
   or ``*`` for any site;
2. ``cors_allowed_origins`` under this channel in ``credentials.yml`` (a list, or a string as
   above);
3. otherwise only the Rasa server's own origin (Engine.IO's default).
"""

from __future__ import annotations

import inspect
import logging
import os
import re
import uuid
from typing import Any, Awaitable, Callable, Dict, List, Optional, Sequence, Union

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from rasa.shared.exceptions import InvalidConfigException
from sanic import Blueprint

logger = logging.getLogger(__name__)

#: Environment variable with the allowed origins; overrides ``credentials.yml``.
ORIGINS_ENV = "WEBCHAT_ALLOWED_ORIGINS"
_ORIGIN = re.compile(r"^https?://[^/\s?#]+$")
#: Session ids the widget may ask for (it makes 32 hex digits); others get a fresh one.
_SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{1,128}$")

#: What Engine.IO accepts: ``"*"`` (any origin), a list of origins, or None (same origin only).
AllowedOrigins = Union[str, List[str], None]


def parse_origins(value: Union[str, Sequence[str], None]) -> AllowedOrigins:
    """Turn a configured value into the allowed origins for the socket.io server.

    Args:
        value: ``None`` or ``""`` (nothing configured), ``"*"``, a string of origins separated by
            commas and/or white space (``"https://a.example, http://localhost:8080"``), or a
            sequence of origins. A trailing ``/`` is dropped (browsers never send one).

    Returns:
        ``None`` when nothing is configured (same origin only), ``"*"`` for any origin, else the
        list of origins in the order given, without duplicates.

    Raises:
        InvalidConfigException: an entry is not ``scheme://host[:port]`` with scheme http or
            https (a path, query or missing scheme would never match a browser's ``Origin``).
    """
    if value is None:
        return None
    items = re.split(r"[,\s]+", value) if isinstance(value, str) else [str(v) for v in value]
    origins = [item.strip().rstrip("/") for item in items if item and item.strip()]
    if not origins:
        return None
    if "*" in origins:
        return "*"
    for origin in origins:
        if not _ORIGIN.match(origin):
            raise InvalidConfigException(
                f"invalid origin {origin!r} in the web chat's allowed origins: write "
                f"scheme://host[:port], e.g. https://www.example.com or http://localhost:8080"
            )
    return list(dict.fromkeys(origins))


class SocketIOInput(RasaSocketIOInput):
    """Rasa's socket.io input channel whose server accepts only the configured origins.

    Registered in ``credentials.yml`` as ``channels.socketio.SocketIOInput``; its name stays
    ``socketio``, so the actions format replies for it as Markdown and the widget connects to
    ``/socket.io`` as with Rasa's channel.
    """

    #: Origins the socket.io server accepts (see :func:`parse_origins`).
    allowed_origins: AllowedOrigins = None

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        """Build the channel from its ``credentials.yml`` section.

        Args:
            credentials: Rasa's socket.io options (``user_message_evt``, ``bot_message_evt``,
                ``session_persistence``, ``metadata_key``, ...) plus ``cors_allowed_origins``;
                may be None.

        Raises:
            InvalidConfigException: an allowed origin is malformed (see :func:`parse_origins`).
        """
        credentials = credentials or {}
        channel = super().from_credentials(credentials)
        configured = os.environ.get(ORIGINS_ENV) or credentials.get("cors_allowed_origins")
        channel.allowed_origins = parse_origins(configured)
        logger.info("Web chat (socket.io) accepts origins: %s",
                    channel.allowed_origins or "the Rasa server's own origin only")
        return channel

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's socket.io blueprint, with the origin check on and a working session request."""
        blueprint = super().blueprint(on_new_message)
        sio = self.sio
        assert sio is not None  # created by Rasa's blueprint()
        sio.eio.cors_allowed_origins = self.allowed_origins

        async def session_request(sid: str, data: Optional[Dict[str, Any]]) -> None:
            """Confirm the session the widget asks for (or a new one) and join its room."""
            requested = (data or {}).get("session_id") if isinstance(data, dict) else None
            session_id = (requested if isinstance(requested, str) and _SESSION_ID.match(requested)
                          else uuid.uuid4().hex)
            if self.session_persistence:
                joined = sio.enter_room(sid, session_id, namespace=self.namespace)
                if inspect.isawaitable(joined):  # a coroutine since python-socketio 5.10
                    await joined
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        sio.on("session_request", handler=session_request, namespace=self.namespace)
        return blueprint
