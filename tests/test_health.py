"""``GET /health`` (runtime/health.py): which parts are up, and 503 only while the model loads.

The states come from real parts: a SQLite tracker store, an action server and a Redis on ports
where nothing listens (down). The route itself is checked on the app Rasa builds with the
project's patch (runtime/patches.py); tests/test_supervise.py asks it of running servers.
"""

from __future__ import annotations

import asyncio
import json
from types import SimpleNamespace

import sqlalchemy as sa

from runtime import health
from runtime.lock_store import redis_client
from runtime.services import free_port


class Agent(SimpleNamespace):
    """The attributes of ``rasa.core.agent.Agent`` that the health check reads."""

    def is_ready(self) -> bool:
        return self.ready


def agent(tmp_path, ready=True, action_url=None, redis_url=None, tracker=True) -> Agent:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'tracker.db'}") if tracker else \
        sa.create_engine(f"sqlite:///{tmp_path / 'missing' / 'tracker.db'}")
    return Agent(ready=ready,
                 action_endpoint=SimpleNamespace(url=action_url) if action_url else None,
                 tracker_store=SimpleNamespace(_tracker_store=SimpleNamespace(engine=engine)),
                 lock_store=SimpleNamespace(redis=redis_client(redis_url) if redis_url else None))


def test_loading_is_down_everything_reachable_is_ok(tmp_path):
    assert asyncio.run(health.parts(None)) == {"rasa": "loading"}
    assert health.status({"rasa": "loading"}) == "down"
    states = asyncio.run(health.parts(agent(tmp_path)))
    assert states == {"rasa": "up", "action_server": "not configured", "tracker_store": "up",
                      "lock_store": "in memory"}
    assert health.status(states) == "ok"


def test_parts_that_do_not_answer_are_down_and_the_server_degraded_not_down(tmp_path):
    closed = free_port()
    states = asyncio.run(health.parts(agent(
        tmp_path, action_url=f"http://127.0.0.1:{closed}/webhook",
        redis_url=f"redis://127.0.0.1:{closed}/1", tracker=False)))
    assert states == {"rasa": "up", "action_server": "down", "tracker_store": "down",
                      "lock_store": "down"}
    assert health.status(states) == "degraded"


def test_rasa_apps_get_the_route_through_the_patch(monkeypatch):
    import rasa.core.actions.action as rasa_action
    import rasa.core.agent as rasa_agent
    import rasa.core.run as rasa_run
    from rasa.shared.core.events import Event

    from runtime import patches

    for owner, name in [(rasa_action, "RemoteAction"), (rasa_agent, "Agent"),
                        (rasa_run, "configure_app")]:
        monkeypatch.setattr(owner, name, getattr(owner, name))  # put back after the test
    monkeypatch.setattr(Event, "resolve_by_type", Event.__dict__["resolve_by_type"])
    patches.install()
    assert rasa_run.configure_app is patches.configure_app
    app = rasa_run.configure_app(enable_api=False)
    routes = {route.path: route for route in app.router.routes}
    route = routes[health.HEALTH_PATH.strip("/")]
    assert route.methods == {"GET"}
    loading = SimpleNamespace(app=SimpleNamespace(ctx=SimpleNamespace()))
    response = asyncio.run(route.handler(loading))
    assert response.status == 503
    assert json.loads(response.body) == {"status": "down", "parts": {"rasa": "loading"}}
