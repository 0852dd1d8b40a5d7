"""``GET /health`` on every Rasa server: which parts of the assistant are up, in one answer.

For a load balancer's health check, a Kubernetes probe (``deploy/helm/``), Docker's
``healthcheck`` (``deploy/docker-compose.yml``) and ``make serve``, which waits for it. The
answer (JSON)::

    {"status": "ok" | "degraded" | "down",
     "parts": {"rasa": "up" | "loading",
               "action_server": "up" | "down" | "not configured",
               "tracker_store": "up" | "down",
               "lock_store": "up" | "down" | "in memory"}}

HTTP 200 while this server can answer its users: the model is loaded. Whatever else is down,
the user still gets a reply (the apology of the README's fault table, a conversation kept in
memory, the in-process lock), so a part that is down makes the status ``degraded``, not a
failed probe that would take the server out of the balancer. HTTP 503 (``down``) only while
the model is loading. Each part is asked with a :data:`PART_TIMEOUT` second limit, all at once.
"""

from __future__ import annotations

import asyncio
from typing import Any, Awaitable, Dict, Optional

import sqlalchemy as sa

#: The route's path, the same on every Rasa server and through the balancer.
HEALTH_PATH = "/health"
#: Seconds each part gets to answer.
PART_TIMEOUT = 2.0
UP, DOWN = "up", "down"


async def _within(check: Awaitable[bool]) -> str:
    try:
        return UP if await asyncio.wait_for(check, PART_TIMEOUT) else DOWN
    except Exception:  # noqa: BLE001 - any failure of a part means it is down
        return DOWN


async def _action_server(url: str) -> bool:
    import aiohttp

    health = url.rsplit("/webhook", 1)[0] + "/health"
    timeout = aiohttp.ClientTimeout(total=PART_TIMEOUT)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        async with session.get(health) as response:
            return response.status == 200


def _select_one(engine: Any) -> bool:
    with engine.connect() as connection:
        connection.execute(sa.text("SELECT 1"))
    return True


async def _tracker_store(store: Any) -> bool:
    store = getattr(store, "_tracker_store", store)  # inside Rasa's FailSafeTrackerStore
    engine = getattr(store, "engine", None)
    if engine is None:  # a store without a database (in memory): as up as this server
        return True
    return await asyncio.get_running_loop().run_in_executor(None, _select_one, engine)


async def parts(agent: Optional[Any]) -> Dict[str, str]:
    """The state of each part as seen from the Rasa server that runs ``agent``.

    Args:
        agent: the server's ``rasa.core.agent.Agent`` (None or not ready: still loading).

    Returns:
        ``{"rasa", "action_server", "tracker_store", "lock_store"}`` → state (module docstring).
    """
    if agent is None or not agent.is_ready():
        return {"rasa": "loading"}
    result = {"rasa": UP}
    checks: Dict[str, Awaitable[str]] = {}
    endpoint = getattr(agent, "action_endpoint", None)
    if endpoint is not None and endpoint.url:
        checks["action_server"] = _within(_action_server(endpoint.url))
    else:
        result["action_server"] = "not configured"
    checks["tracker_store"] = _within(_tracker_store(agent.tracker_store))
    redis = getattr(agent.lock_store, "redis", None)
    if redis is not None:
        checks["lock_store"] = _within(redis.ping())
    else:
        result["lock_store"] = "in memory"
    states = await asyncio.gather(*checks.values())
    result.update(zip(checks, states))
    return {part: result[part] for part in ("rasa", "action_server", "tracker_store",
                                              "lock_store")}


def status(states: Dict[str, str]) -> str:
    """``down`` while the model loads, ``degraded`` when a part is down, ``ok`` otherwise."""
    if states.get("rasa") != UP:
        return "down"
    return "degraded" if DOWN in states.values() else "ok"


def add_route(app: Any) -> None:
    """Add ``GET /health`` to a Sanic ``app`` of Rasa (its agent in ``app.ctx.agent``)."""
    from sanic import response

    async def health(request: Any) -> Any:
        states = await parts(getattr(request.app.ctx, "agent", None))
        overall = status(states)
        return response.json({"status": overall, "parts": states},
                             status=503 if overall == "down" else 200)

    app.add_route(health, HEALTH_PATH, methods=["GET"], name="careerbot_health")
