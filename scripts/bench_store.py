"""The tracker store alone: what reading and writing a conversation costs per turn.

``make bench`` (``scripts/bench.py``) records the events of one real conversation of its
sequential run (the Rasa server's ``/conversations/<id>/tracker``) and replays them here, turn by
turn, into a new SQLite file, as the Rasa server does: read the tracker, add the turn's events,
write it. The same replay runs against Rasa's own ``SQLTrackerStore`` and against the project's
:class:`runtime.tracker_store.ConversationStore`, so the table shows what the project's store
costs and what it saves.

Usage on its own: ``python scripts/bench_store.py EVENTS.json`` (a list of Rasa events as JSON).
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))


def turns_of(events: List[Dict[str, Any]]) -> List[List[Dict[str, Any]]]:
    """Split a conversation's events (Rasa's JSON) into turns, each starting at a ``user``
    event; the events before the first user message are the first turn."""
    turns: List[List[Dict[str, Any]]] = [[]]
    for event in events:
        if event.get("event") == "user" and turns[-1]:
            turns.append([])
        turns[-1].append(event)
    return [t for t in turns if t]


async def replay(store: Any, turns: List[List[Dict[str, Any]]], conversations: int
                 ) -> Dict[str, List[float]]:
    """Play ``turns`` into ``store`` for ``conversations`` conversations, one turn each in turn
    (as concurrent users would); return the read and write times of every turn (ms).

    Raises:
        ValueError: an event cannot be read back by Rasa.
    """
    from rasa.shared.core.events import Event

    parsed = [[Event.from_parameters(e) for e in turn] for turn in turns]
    reads: List[float] = []
    writes: List[float] = []
    for turn in parsed:
        for index in range(conversations):
            sender = f"bench-{index}"
            start = time.perf_counter()
            tracker = await store.retrieve(sender)
            if tracker is None:
                tracker = store.init_tracker(sender)
            reads.append((time.perf_counter() - start) * 1000)
            for event in turn:
                tracker.update(event)
            start = time.perf_counter()
            await store.save(tracker)
            writes.append((time.perf_counter() - start) * 1000)
    return {"read": reads, "write": writes}


def store_makers(domain: Any) -> Dict[str, Callable[[str], Any]]:
    """``{label: make(sqlite_path)}`` of the stores compared: Rasa's own SQL tracker store and
    the project's."""
    from rasa.core.tracker_store import SQLTrackerStore

    from runtime.tracker_store import ConversationStore

    return {
        "rasa": lambda path: SQLTrackerStore(domain=domain, dialect="sqlite", db=path),
        "ours": lambda path: ConversationStore(domain=domain, url=f"sqlite:///{path}"),
    }


def bench_store(events: List[Dict[str, Any]], conversations: int = 50,
                spread: Optional[Callable[[List[float]], Dict[str, float]]] = None
                ) -> Dict[str, Dict[str, Dict[str, float]]]:
    """Replay ``events`` (one conversation, Rasa's JSON) into each store of
    :func:`store_makers`, ``conversations`` times over, in a new SQLite file each.

    Returns:
        ``{store: {"read": spread, "write": spread, "turn": spread}}`` of milliseconds per turn,
        where ``spread`` gives p50/p95/p99 (``scripts.bench.spread`` by default).
    """
    import os
    import warnings

    os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")  # Rasa's store: 1.x API
    warnings.filterwarnings("ignore")
    from rasa.shared.core.domain import Domain

    if spread is None:
        from scripts.bench import spread as default_spread

        spread = default_spread
    domain = Domain.load(str(PROJECT / "domain.yml"))
    turns = turns_of(events)
    result: Dict[str, Dict[str, Dict[str, float]]] = {}
    for label, make in store_makers(domain).items():
        with tempfile.TemporaryDirectory(prefix="careerbot-store-") as tmp:
            store = make(str(Path(tmp) / "conversations.db"))
            times = asyncio.run(replay(store, turns, conversations))
            store.engine.dispose()
        both = [r + w for r, w in zip(times["read"], times["write"])]
        result[label] = {"read": spread(times["read"]), "write": spread(times["write"]),
                         "turn": spread(both)}
    return result


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python scripts/bench_store.py EVENTS.json")
    print(json.dumps(bench_store(json.loads(Path(sys.argv[1]).read_text())), indent=2))
