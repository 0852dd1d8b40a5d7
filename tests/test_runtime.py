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


def test_install_swaps_the_classes(monkeypatch):
    monkeypatch.setattr(rasa_action, "RemoteAction", rasa_action.RemoteAction)
    monkeypatch.setattr(rasa_agent, "Agent", rasa_agent.Agent)
    patches.install()
    assert rasa_action.RemoteAction is patches.GuardedRemoteAction
    assert rasa_agent.Agent is patches.GuardedAgent
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
