"""One conversation's messages handled one at a time, across replicas when Redis is there.

``endpoints.yml`` names :class:`ConversationLockStore` as the lock store. With
``CAREERBOT_REDIS_URL`` (``redis://[:password@]host:port/db``) the tickets live in Redis
(Rasa's ``RedisLockStore``), shared by every Rasa replica; without it, in the process (Rasa's
``InMemoryLockStore``: right for a single server).

When Redis cannot be reached the turn is not refused: the documented choice (README,
"Deploying") is to answer, serialising the conversation within this replica only, and to log an
error (at most once a minute while Redis stays down, and once when it is back).
"""

from __future__ import annotations

import logging
import os
import time
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Mapping, Optional
from urllib.parse import unquote, urlparse

from rasa.core.lock import TicketLock
from rasa.core.lock_store import (
    DEFAULT_SOCKET_TIMEOUT_IN_SECONDS,
    LOCK_LIFETIME,
    InMemoryLockStore,
    LockStore,
    RedisLockStore,
)

logger = logging.getLogger(__name__)

REDIS_URL_ENV = "CAREERBOT_REDIS_URL"
#: Seconds between two "Redis is down" errors in the log.
LOG_EVERY = 60.0


def redis_lock_store(url: str, socket_timeout: float = 2.0) -> RedisLockStore:
    """Rasa's Redis lock store for a ``redis://`` or ``rediss://`` URL (database 1 by default).

    Raises:
        ValueError: the URL's scheme is not redis or rediss.
    """
    parts = urlparse(url)
    if parts.scheme not in ("redis", "rediss"):
        raise ValueError(f"{REDIS_URL_ENV} must be a redis:// URL, not {url!r}")
    db = parts.path.strip("/") or "1"
    return RedisLockStore(
        host=parts.hostname or "localhost", port=parts.port or 6379, db=int(db),
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        use_ssl=parts.scheme == "rediss", socket_timeout=socket_timeout or
        DEFAULT_SOCKET_TIMEOUT_IN_SECONDS,
    )


class ConversationLockStore(InMemoryLockStore):
    """Redis tickets when configured, the in-process lock otherwise or while Redis is down.

    Args:
        endpoint_config: Rasa's endpoint entry (unused: the URL comes from the environment).
        redis_url: overrides ``CAREERBOT_REDIS_URL`` (tests).
        environ: where to read ``CAREERBOT_REDIS_URL``.
    """

    def __init__(self, endpoint_config: Any = None, redis_url: Optional[str] = None,
                 environ: Mapping[str, str] = os.environ) -> None:
        super().__init__()
        url = redis_url or environ.get(REDIS_URL_ENV, "").strip()
        self.redis: Optional[RedisLockStore] = redis_lock_store(url) if url else None
        self._down_since: Optional[float] = None
        self._last_log = 0.0
        if self.redis is not None:
            logger.info("Conversation locks are kept in Redis at %s",
                        urlparse(url)._replace(netloc=urlparse(url).hostname or "").geturl())

    @asynccontextmanager
    async def lock(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME,
                   wait_time_in_seconds: float = 1) -> AsyncIterator[TicketLock]:
        """Hold the conversation's lock for the duration of the ``async with`` block."""
        if self.redis is None:
            async with super().lock(conversation_id, lock_lifetime, wait_time_in_seconds) as lk:
                yield lk
            return
        shared = self.redis.lock(conversation_id, lock_lifetime, wait_time_in_seconds)
        try:
            held = await shared.__aenter__()
        except Exception as error:  # redis.ConnectionError, TimeoutError, LockError from them
            self._redis_down(error)
            async with super().lock(conversation_id, lock_lifetime, wait_time_in_seconds) as lk:
                yield lk
            return
        self._redis_up()
        try:
            yield held
        except BaseException as error:
            if not await self._release(shared, type(error), error, error.__traceback__):
                raise
        else:
            await self._release(shared, None, None, None)

    async def _release(self, shared: Any, *exc: Any) -> bool:
        try:
            return bool(await shared.__aexit__(*exc))
        except Exception as error:  # Redis went down during the turn: the ticket expires
            self._redis_down(error)
            return False

    def _redis_down(self, error: Exception) -> None:
        now = time.monotonic()
        if self._down_since is None:
            self._down_since = now
        if now - self._last_log >= LOG_EVERY:
            self._last_log = now
            logger.error("Redis lock store unreachable (%s): conversations are serialised "
                         "within this replica only until it is back.", error)

    def _redis_up(self) -> None:
        if self._down_since is not None:
            logger.warning("Redis lock store reachable again after %.0f s.",
                           time.monotonic() - self._down_since)
            self._down_since = None
            self._last_log = 0.0
