"""The action server's start-up plugin: the role store is read before the first question."""

from __future__ import annotations

import gc
import logging

import rasa_sdk_plugins
from careerdata import store


class _App:
    def __init__(self):
        self.listeners = []
        self.routes = []

    def register_listener(self, listener, event):
        self.listeners.append((listener, event))

    def add_route(self, handler, uri, methods=None, name=None):
        self.routes.append((uri, tuple(methods or ())))


def test_rasa_sdk_finds_the_plugin_and_it_warms_the_store_before_the_server_starts(monkeypatch):
    """The plugin warms the store before the server starts and adds the charts' route."""
    from rasa_sdk import plugin

    plugin.plugin_manager.cache_clear()
    try:
        app = _App()
        plugin.plugin_manager().hook.attach_sanic_app_extensions(app=app)
    finally:
        plugin.plugin_manager.cache_clear()
    assert app.listeners == [(rasa_sdk_plugins.warm_up, "before_server_start")]
    assert ("/charts/<path:path>", ("GET",)) in app.routes  # the pictures (issue 28)
    warmed = []
    monkeypatch.setattr(store.RoleStore, "warm_up", lambda self: warmed.append(self))
    gc.unfreeze()
    try:
        rasa_sdk_plugins.warm_up(app, None)
        assert gc.get_freeze_count() > 0  # what start-up made is out of the collector's passes
    finally:
        gc.unfreeze()
    assert warmed == [store.get_store()]


def test_warm_up_reads_the_names_places_and_skills():
    """On the project's database (``make db``), everything the first questions need is read."""
    roles = store.get_store()
    roles.warm_up()
    for name in ("alias_index", "resolver", "places", "citations", "skills"):
        assert name in vars(roles), name  # cached_property: computed and kept


def test_an_unreadable_database_is_logged_not_raised(monkeypatch, tmp_path, caplog):
    monkeypatch.setenv(store.DB_URL_ENV, f"sqlite:///{tmp_path / 'absent.db'}")
    with caplog.at_level(logging.WARNING, logger="rasa_sdk_plugins"):
        rasa_sdk_plugins.warm_up()
    assert "not read at start-up" in caplog.text


def test_any_failure_of_the_warm_up_is_logged_and_the_server_starts(monkeypatch, caplog):
    def broken(self):
        raise KeyError("a bug")

    monkeypatch.setattr(store.RoleStore, "warm_up", broken)
    with caplog.at_level(logging.ERROR, logger="rasa_sdk_plugins"):
        rasa_sdk_plugins.warm_up()
    assert "not read at start-up" in caplog.text and "a bug" in caplog.text
