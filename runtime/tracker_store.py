"""Conversations in SQL: Rasa's ``SQLTrackerStore`` with the URL from the environment.

``endpoints.yml`` names :class:`ConversationStore` as the tracker store. The database is
``CAREERBOT_TRACKER_STORE_URL`` (any SQLAlchemy URL, e.g.
``postgresql://rasa:secret@db:5432/rasa``) or, by default, the SQLite file
``var/conversations.db`` of the project (a git-ignored folder). Connections are checked before
use (``pool_pre_ping``), so a PostgreSQL restart costs no user a failed turn once the server is
back: Rasa's own store keeps the dead connections of its pool and fails the next turns.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any, Mapping, Optional

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker

from runtime.settings import TRACKER_STORE_URL_ENV

logger = logging.getLogger(__name__)

DEFAULT_SQLITE_FILE = Path(__file__).resolve().parent.parent / "var" / "conversations.db"


def tracker_store_url(environ: Mapping[str, str] = os.environ) -> str:
    """The tracker store's SQLAlchemy URL: ``CAREERBOT_TRACKER_STORE_URL`` or the SQLite file
    ``var/conversations.db`` of the project."""
    return environ.get(TRACKER_STORE_URL_ENV, "").strip() or f"sqlite:///{DEFAULT_SQLITE_FILE}"


class ConversationStore(SQLTrackerStore):
    """Rasa's SQL tracker store on :func:`tracker_store_url`, reconnecting after restarts.

    Rasa builds it from ``endpoints.yml`` (``tracker_store: type:
    runtime.tracker_store.ConversationStore``) with the keyword arguments below.

    Args:
        domain: the bot's domain (Rasa passes it).
        host: ignored (Rasa passes the ``url`` of the endpoint entry, unused here).
        event_broker: Rasa's event broker, if any.
        url: a SQLAlchemy URL overriding the environment (tests).
        **kwargs: passed on to ``SQLTrackerStore`` (e.g. ``login_db``).

    Raises:
        sqlalchemy.exc.ArgumentError: the URL is not a SQLAlchemy URL.
    """

    def __init__(self, domain: Any = None, host: Optional[str] = None,
                 event_broker: Any = None, url: Optional[str] = None, **kwargs: Any) -> None:
        parsed = make_url(url or tracker_store_url())
        if parsed.drivername.startswith("sqlite") and parsed.database:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        super().__init__(
            domain=domain, dialect=parsed.drivername, host=parsed.host, port=parsed.port,
            db=parsed.database or "", username=parsed.username, password=parsed.password,
            event_broker=event_broker, query=dict(parsed.query) or None, **kwargs,
        )
        engine_url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(engine_url, pool_pre_ping=True,
                                       **create_engine_kwargs(engine_url))
        self.sessionmaker = sessionmaker(bind=self.engine)
        logger.info("Conversations are kept in %s", engine_url.render_as_string(
            hide_password=True))
