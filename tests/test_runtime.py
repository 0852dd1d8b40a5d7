"""Units of the runtime package: message screening, settings, the endpoints file, the stores,
and the guard that fails when the Rasa internals patched by runtime/patches.py change."""

from __future__ import annotations

import asyncio
import inspect
import socket

import pytest
import rasa
import rasa.core.actions.action as rasa_action
import rasa.core.agent as rasa_agent
import yaml

from runtime import guard, patches
from runtime.endpoints import endpoints_for
from runtime.settings import ACTION_TIMEOUT_ENV, MAX_MESSAGE_CHARS_ENV
from runtime.lock_store import ConversationLockStore, redis_client
from runtime.tracker_store import DEFAULT_SQLITE_FILE, ConversationStore, tracker_store_url


def test_screen_refuses_empty_and_overlong_messages_only():
    assert guard.screen(None, 10).name == guard.EMPTY
    assert guard.screen(" \n\t", 10).name == guard.EMPTY
    assert guard.screen("x" * 10, 10) is None
    refusal = guard.screen("x" * 11, 10)
    assert refusal.name == guard.TOO_LONG
    assert guard.text_of(refusal.name, refusal.variables).count("10") == 1
    assert "11 characters" in guard.text_of(refusal.name, refusal.variables)


def test_settings_have_defaults_and_refuse_nonsense():
    assert guard.max_message_chars({}) == 2000
    assert guard.max_message_chars({MAX_MESSAGE_CHARS_ENV: "500"}) == 500
    assert patches.action_timeout({}) == 10
    assert patches.action_timeout({ACTION_TIMEOUT_ENV: "2.5"}) == 2.5
    for bad in ("0", "-1", "ten"):
        with pytest.raises(ValueError):
            guard.max_message_chars({MAX_MESSAGE_CHARS_ENV: bad})
        with pytest.raises(ValueError):
            patches.action_timeout({ACTION_TIMEOUT_ENV: bad})


def test_the_patched_rasa_internals_are_those_this_module_was_written_for():
    """Fails when Rasa changes: check runtime/patches.py against the new release first."""
    assert rasa.__version__ == patches.TESTED_RASA_VERSION
    run = inspect.signature(rasa_action.RemoteAction.run)
    assert list(run.parameters) == ["self", "output_channel", "nlg", "tracker", "domain"]
    handle = inspect.signature(rasa_agent.Agent.handle_message)
    assert list(handle.parameters) == ["self", "message"]
    # Rasa builds both by their module-level names: that is what install() replaces.
    assert "RemoteAction(action_name_or_text" in inspect.getsource(
        rasa_action.action_for_name_or_text)
    assert "agent = Agent(" in inspect.getsource(rasa_agent.load_agent)
    assert "DEFAULT_REQUEST_TIMEOUT" in inspect.getsource(rasa_action.RemoteAction.run)
    # The response check that GuardedRemoteAction replaces, and the event look-up.
    assert "self._validate_action_result(response)" in inspect.getsource(
        rasa_action.RemoteAction.run)
    from rasa.shared.core import events

    assert "Event.resolve_by_type(event_name, default)" in inspect.getsource(
        events.Event.from_parameters)


def test_event_class_gives_rasas_answers():
    from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered

    assert patches.event_class("user") is UserUttered
    assert patches.event_class("user") is UserUttered  # remembered
    assert patches.event_class("slot") is SlotSet
    assert patches.event_class("no such event", ActionExecuted) is ActionExecuted
    assert patches.event_class("topic") is None  # Rasa's: an old event, skipped
    with pytest.raises(ValueError):
        patches.event_class("no such event")
    assert "no such event" not in patches._EVENT_CLASSES


def test_action_responses_are_checked_against_rasas_schema():
    from jsonschema import ValidationError

    action = patches.GuardedRemoteAction("action_answer_topic", None)
    good = {"events": [{"event": "slot", "name": "role", "value": "Data Engineer"}],
            "responses": [{"text": "hello"}]}
    assert action._validate_action_result(good)
    assert action._validate_action_result({})
    for bad in ({"events": [{"event": "slot", "name": 3}]}, {"responses": "hello"},
                {"events": "none"}):
        with pytest.raises(ValidationError, match="Failed to validate Action server response"):
            action._validate_action_result(bad)


def test_install_swaps_the_classes(monkeypatch):
    from rasa.shared.core.events import Event

    monkeypatch.setattr(rasa_action, "RemoteAction", rasa_action.RemoteAction)
    monkeypatch.setattr(rasa_agent, "Agent", rasa_agent.Agent)
    monkeypatch.setattr(Event, "resolve_by_type", Event.__dict__["resolve_by_type"])
    patches.install()
    assert rasa_action.RemoteAction is patches.GuardedRemoteAction
    assert rasa_agent.Agent is patches.GuardedAgent
    assert Event.resolve_by_type is patches.event_class
    action = rasa_action.action_for_name_or_text("action_answer_topic", _domain(), None)
    assert isinstance(action, patches.GuardedRemoteAction)


def _domain():
    from rasa.shared.core.domain import Domain

    return Domain.load("domain.yml")


def test_endpoints_file_keeps_the_stores_and_sets_the_action_server():
    config = endpoints_for("http://127.0.0.1:1234/webhook")
    assert config["action_endpoint"]["url"] == "http://127.0.0.1:1234/webhook"
    assert config["tracker_store"]["type"] == "runtime.tracker_store.ConversationStore"
    assert config["lock_store"]["type"] == "runtime.lock_store.ConversationLockStore"
    assert yaml.safe_load(yaml.safe_dump(config)) == config


def test_tracker_store_url_defaults_to_a_sqlite_file_under_var():
    assert tracker_store_url({}) == f"sqlite:///{DEFAULT_SQLITE_FILE}"
    assert DEFAULT_SQLITE_FILE.parent.name == "var"
    assert tracker_store_url({"CAREERBOT_TRACKER_STORE_URL": "postgresql://h/db"}) == \
        "postgresql://h/db"


def test_tracker_store_keeps_a_conversation_in_its_file(tmp_path):
    from rasa.shared.core.events import SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    url = f"sqlite:///{tmp_path / 'sub' / 'c.db'}"
    store = ConversationStore(domain=_domain(), url=url)
    tracker = DialogueStateTracker("u1", _domain().slots)
    tracker.update(UserUttered("what does a data engineer do?"))
    tracker.update(SlotSet("role", "Data Engineer"))
    asyncio.run(store.save(tracker))
    again = asyncio.run(ConversationStore(domain=_domain(), url=url).retrieve("u1"))
    assert again.get_slot("role") == "Data Engineer"
    assert store.engine.pool._pre_ping


def _conversation():
    """Rasa events of a conversation of three turns and a second session, as JSON."""
    from rasa.shared.core.events import (ActionExecuted, BotUttered, SessionStarted, SlotSet,
                                         UserUttered)

    def turn(text, intent, at):
        return [UserUttered(text, {"name": intent, "confidence": 0.9},
                            parse_data={"intent": {"name": intent, "confidence": 0.9},
                                        "entities": [], "text": text}, timestamp=at),
                ActionExecuted("action_answer_topic", timestamp=at + 0.1),
                BotUttered("an answer", {"buttons": None}, timestamp=at + 0.2),
                SlotSet("role", "Data Engineer", timestamp=at + 0.3),
                ActionExecuted("action_listen", timestamp=at + 0.4)]

    start = [ActionExecuted("action_session_start", timestamp=1.0),
             SessionStarted(timestamp=1.1), ActionExecuted("action_listen", timestamp=1.2)]
    later = [ActionExecuted("action_session_start", timestamp=100.0),
             SessionStarted(timestamp=100.1), SlotSet("role", "Data Engineer", timestamp=100.2),
             ActionExecuted("action_listen", timestamp=100.3)]
    events = start + turn("what does a data engineer do?", "ask_definition", 2.0) + \
        turn("and skills?", "ask_skills", 3.0) + later + turn("and tools?", "ask_tools", 101.0)
    return [e.as_dict() for e in events]


def test_tracker_store_writes_and_reads_what_rasas_own_store_does(tmp_path):
    """The project's store and Rasa's SQLTrackerStore, given the same turns (a new session
    among them), hold the same rows and give back the same latest session."""
    import sqlite3

    from rasa.core.tracker_store import SQLTrackerStore

    from scripts.bench_store import replay, turns_of

    turns = turns_of(_conversation())
    stores = {"rasa": SQLTrackerStore(domain=_domain(), dialect="sqlite",
                                      db=str(tmp_path / "rasa.db")),
              "ours": ConversationStore(domain=_domain(), url=f"sqlite:///{tmp_path / 'o.db'}")}
    for store in stores.values():
        asyncio.run(replay(store, turns, conversations=2))
    rows = {}
    for label in stores:
        with sqlite3.connect(tmp_path / ("rasa.db" if label == "rasa" else "o.db")) as db:
            rows[label] = db.execute("SELECT sender_id, type_name, timestamp, intent_name, "
                                     "action_name, data FROM events ORDER BY id").fetchall()
    assert len(rows["ours"]) == 2 * len(_conversation())
    assert rows["ours"] == rows["rasa"]
    latest = {label: asyncio.run(store.retrieve("bench-1")) for label, store in stores.items()}
    assert [e.as_dict() for e in latest["ours"].events] == \
        [e.as_dict() for e in latest["rasa"].events]
    assert latest["ours"].events[0].type_name == "session_started"
    assert latest["ours"].get_slot("role") == "Data Engineer"


def test_tracker_store_counts_the_stored_events_of_a_tracker_it_did_not_read(tmp_path):
    """A tracker built elsewhere (no mark of what is stored) gets Rasa's count: nothing is
    written twice."""
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    url = f"sqlite:///{tmp_path / 'c.db'}"
    store = ConversationStore(domain=_domain(), url=url)
    tracker = DialogueStateTracker("u1", _domain().slots)
    tracker.update(UserUttered("hello"))
    asyncio.run(store.save(tracker))
    copy = DialogueStateTracker.from_events("u1", list(tracker.events), _domain().slots)
    copy.update(ActionExecuted("utter_greet"))
    asyncio.run(store.save(copy))
    asyncio.run(store.save(copy))  # nothing new: nothing written
    again = asyncio.run(ConversationStore(domain=_domain(), url=url).retrieve("u1"))
    assert [e.type_name for e in again.events] == ["user", "action"]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_redis_urls_are_read_and_checked():
    kwargs = redis_client("redis://:s3cret@example.org:6390/3").connection_pool.connection_kwargs
    assert (kwargs["host"], kwargs["port"], kwargs["db"], kwargs["password"]) == \
        ("example.org", 6390, 3, "s3cret")
    with pytest.raises(ValueError):
        redis_client("http://example.org")


def test_lock_store_without_redis_is_in_process():
    store = ConversationLockStore(environ={})
    assert store.redis is None

    async def turn():
        async with store.lock("c1") as lock:
            return lock.conversation_id

    assert asyncio.run(turn()) == "c1"


def test_lock_store_answers_when_redis_is_down(caplog):
    store = ConversationLockStore(redis_url=f"redis://127.0.0.1:{_closed_port()}/1")
    order = []

    async def turn(n):
        async with store.lock("c1", wait_time_in_seconds=0.01):
            order.append(("start", n))
            await asyncio.sleep(0.05)
            order.append(("end", n))

    async def both():
        await asyncio.gather(turn(1), turn(2))

    asyncio.run(both())
    # Serialised within the process: one turn ends before the other starts.
    assert [kind for kind, _ in order] == ["start", "end", "start", "end"]
    assert "Redis lock store unreachable" in caplog.text
    assert caplog.text.count("Redis lock store unreachable") == 1  # once a minute at most


def test_the_http_api_needs_a_token_to_be_turned_on():
    from runtime.cluster import rasa_run_args

    off = rasa_run_args("m.tar.gz", "e.yml", "c.yml", 5005)
    assert "--enable-api" not in off and "--auth-token" not in off
    on = rasa_run_args("m.tar.gz", "e.yml", "c.yml", 5005, api_token="t0ken")
    assert on[-3:] == ["--enable-api", "--auth-token", "t0ken"]
