"""One conversation's messages handled one at a time, across replicas when Redis is there.

``endpoints.yml`` names :class:`ConversationLockStore` as the lock store. With
``CAREERBOT_REDIS_URL`` (``redis://[:password@]host:port/db``) the lock of a conversation is
a Redis lock (redis-py's ``Lock``: ``SET NX PX`` with a token, released by a script that checks
the token), shared by every Rasa replica; without it, the lock is Rasa's in-process one (right
for a single server).

Rasa's own ``RedisLockStore`` is not used: it issues tickets with a read and a separate write,
so two replicas that receive messages of one conversation at the same moment can both take
ticket 0 and run together (seen in ``tests/test_cluster.py`` before this module).

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

from rasa.core.lock_store import LOCK_LIFETIME, InMemoryLockStore

from runtime.settings import REDIS_URL_ENV

logger = logging.getLogger(__name__)

KEY_PREFIX = "careerbot:lock:"
#: Seconds between two "Redis is down" errors in the log.
LOG_EVERY = 60.0
#: Seconds between two attempts to take a lock another replica holds.
POLL = 0.05


def redis_client(url: str, socket_timeout: float = 2.0) -> Any:
    """An asyncio Redis client (redis-py) for a ``redis://`` or ``rediss://`` URL.

    Raises:
        ValueError: the URL is not a Redis URL.
    """
    import redis.asyncio

    if not url.startswith(("redis://", "rediss://")):
        raise ValueError(f"{REDIS_URL_ENV} must be a redis:// URL, not {url!r}")
    return redis.asyncio.Redis.from_url(url, socket_timeout=socket_timeout,
                                        socket_connect_timeout=socket_timeout)


class ConversationLockStore(InMemoryLockStore):
    """A Redis lock per conversation when configured; the in-process lock otherwise or while
    Redis is down.

    Args:
        endpoint_config: Rasa's endpoint entry (unused: the URL comes from the environment).
        redis_url: overrides ``CAREERBOT_REDIS_URL`` (tests).
        environ: where to read ``CAREERBOT_REDIS_URL``.

    Raises:
        ValueError: the Redis URL is not a Redis URL.
    """

    def __init__(self, endpoint_config: Any = None, redis_url: Optional[str] = None,
                 environ: Mapping[str, str] = os.environ) -> None:
        super().__init__()
        url = redis_url or environ.get(REDIS_URL_ENV, "").strip()
        self.redis = redis_client(url) if url else None
        self._down_since: Optional[float] = None
        self._last_log = 0.0
        if self.redis is not None:
            kwargs = self.redis.connection_pool.connection_kwargs
            logger.info("Conversation locks are kept in Redis at %s:%s, database %s",
                        kwargs.get("host"), kwargs.get("port"), kwargs.get("db"))

    @asynccontextmanager
    async def lock(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME,
                   wait_time_in_seconds: float = 1) -> AsyncIterator[Any]:
        """Hold the conversation's lock for the ``async with`` block.

        Args:
            conversation_id: the conversation (Rasa's sender id).
            lock_lifetime: seconds after which a lock whose holder died is given up.
            wait_time_in_seconds: pause between attempts of the in-process lock.

        Raises:
            redis.exceptions.LockError: Redis is up but the lock could not be taken within
                ``lock_lifetime`` seconds.
        """
        if self.redis is None:
            async with super().lock(conversation_id, lock_lifetime, wait_time_in_seconds) as lk:
                yield lk
            return
        from redis.exceptions import ConnectionError, TimeoutError

        shared = self.redis.lock(KEY_PREFIX + conversation_id, timeout=lock_lifetime,
                                 sleep=POLL, blocking_timeout=lock_lifetime)
        try:
            taken = await shared.acquire()
        except (ConnectionError, TimeoutError, OSError) as error:
            self._redis_down(error)
            async with super().lock(conversation_id, lock_lifetime, wait_time_in_seconds) as lk:
                yield lk
            return
        if not taken:
            from redis.exceptions import LockError

            raise LockError(f"conversation {conversation_id} stayed locked {lock_lifetime} s")
        self._redis_up()
        try:
            yield shared
        finally:
            try:
                await shared.release()
            except Exception as error:  # expired meanwhile, or Redis went down: it expires
                logger.warning("Could not release the lock of %s: %s", conversation_id, error)

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
