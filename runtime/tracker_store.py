"""Conversations in SQL: Rasa's ``SQLTrackerStore`` with the URL from the environment.

``endpoints.yml`` names :class:`ConversationStore` as the tracker store. The database is
``CAREERBOT_TRACKER_STORE_URL`` (any SQLAlchemy URL, e.g.
``postgresql://rasa:secret@db:5432/rasa``) or, by default, the SQLite file
``var/conversations.db`` of the project (a git-ignored folder). Connections are checked before
use (``pool_pre_ping``), so a PostgreSQL restart costs no user a failed turn once the server is
back: Rasa's own store keeps the dead connections of its pool and fails the next turns.

Each turn reads the conversation's latest session and writes the turn's new events, in Rasa's
table and format, with less work than Rasa's own ``SQLTrackerStore`` (README, "Performance"):

* the read selects the events' JSON only, not whole ORM rows, and notes on the tracker how many
  events the database holds, so the write needs no ``COUNT`` query to find the new ones (Rasa
  counts again; a tracker that was not read here still gets Rasa's count);
* the write inserts the new events in one statement;
* a SQLite file stays open between turns (SQLAlchemy 1.4 opens and closes it for each session),
  in write-ahead-log mode with ``synchronous=NORMAL``: a commit appends to the log without
  waiting for the disk (a power cut may lose the last turns, never the file).
"""

from __future__ import annotations

import itertools
import json
import logging
import os
from pathlib import Path
from typing import Any, Dict, Iterator, List, Mapping, Optional

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from runtime.settings import TRACKER_STORE_URL_ENV

logger = logging.getLogger(__name__)

DEFAULT_SQLITE_FILE = Path(__file__).resolve().parent.parent / "var" / "conversations.db"
#: Attribute of a tracker read or saved by :class:`ConversationStore`: how many of its first
#: events the database holds.
STORED_EVENTS = "_careerbot_stored_events"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:  # pragma: no cover - driver
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


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
        if engine_url.get_backend_name() == "sqlite":
            # one connection kept open (SQLAlchemy 1.4 opens and closes a file per session)
            self.engine = sa.create_engine(engine_url, pool_pre_ping=True,
                                           poolclass=sa.pool.QueuePool,
                                           connect_args={"check_same_thread": False})
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        else:
            self.engine = sa.create_engine(engine_url, pool_pre_ping=True,
                                           **create_engine_kwargs(engine_url))
        self.sessionmaker = sessionmaker(bind=self.engine)
        logger.info("Conversations are kept in %s", engine_url.render_as_string(
            hide_password=True))

    def _latest_session_data(self, session: Session, sender_id: str) -> List[str]:
        """The JSON of the events of ``sender_id``'s latest session (all its events if none
        started a session), in the order stored: Rasa's query, selecting the data only."""
        events = self.SQLEvent.__table__.c
        start = (
            sa.select(sa.func.max(events.timestamp))
            .where(events.sender_id == sender_id,
                   events.type_name == SessionStarted.type_name)
            .scalar_subquery()
        )
        query = (
            sa.select(events.data)
            .where(events.sender_id == sender_id,
                   sa.or_(events.timestamp >= start, start.is_(None)))
            .order_by(events.id)
        )
        return list(session.execute(query).scalars())

    async def _retrieve(self, sender_id: str,
                        fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
        """The tracker of ``sender_id``'s latest session (Rasa's, marked with how many events
        the database holds), or of all sessions (Rasa's own query); None when there is none.

        Raises:
            sqlalchemy.exc.SQLAlchemyError: the database cannot be read.
        """
        if fetch_events_from_all_sessions:
            return await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        with self.session_scope() as session:
            rows = self._latest_session_data(session, sender_id)
        if not rows or not self.domain:
            return None
        tracker = DialogueStateTracker.from_dict(
            sender_id, [json.loads(data) for data in rows], self.domain.slots)
        setattr(tracker, STORED_EVENTS, len(rows))
        return tracker

    def _additional_events(self, session: Session, tracker: DialogueStateTracker) -> Iterator:
        """The events of ``tracker`` not yet stored: after the count noted when it was read or
        last saved here, else after Rasa's count of the latest session's stored events."""
        stored = getattr(tracker, STORED_EVENTS, None)
        if stored is None or stored > len(tracker.events):
            return super()._additional_events(session, tracker)
        return itertools.islice(tracker.events, stored, len(tracker.events))

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Store the events of ``tracker`` that the database does not hold yet, in one insert,
        as Rasa's rows (sender, type, timestamp, intent, action, JSON).

        Raises:
            sqlalchemy.exc.SQLAlchemyError: the database cannot be written.
        """
        await self.stream_events(tracker)
        with self.session_scope() as session:
            rows: List[Dict[str, Any]] = []
            for event in self._additional_events(session, tracker):
                data = event.as_dict()
                rows.append({
                    "sender_id": tracker.sender_id,
                    "type_name": event.type_name,
                    "timestamp": data.get("timestamp"),
                    "intent_name": (data.get("parse_data") or {}).get("intent", {}).get(
                        INTENT_NAME_KEY),
                    "action_name": data.get("name"),
                    "data": json.dumps(data),
                })
            if rows:
                session.execute(sa.insert(self.SQLEvent.__table__), rows)
                session.commit()
        setattr(tracker, STORED_EVENTS, len(tracker.events))
