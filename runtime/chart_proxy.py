"""``GET /charts/…`` on every Rasa server: the action server's charts, passed on (issue 28).

Clients (the web widget, Slack) load a chart from the address they already talk to: the Rasa
server, or the balancer in front of several. The action server, which holds the role database,
draws it (:mod:`actions.chart_route`); this route fetches the same path from the action server
of the endpoint configuration and returns its answer (PNG, ``Cache-Control``, ``ETag``), or
HTTP 503 when the action server does not answer within :data:`TIMEOUT` seconds. Nothing but
the path is passed on; the action server decides what it names.
"""

from __future__ import annotations

from typing import Any

#: The route, the same on the action server.
ROUTE = "/charts/<path:path>"
#: Seconds the action server gets to draw a chart.
TIMEOUT = 10.0
#: Headers of the action server's answer passed back to the client.
PASSED_HEADERS = ("Content-Type", "Cache-Control", "ETag")


def action_base(agent: Any) -> str:
    """The action server's address of ``agent``'s endpoint configuration, without
    ``/webhook`` ("" when there is none)."""
    endpoint = getattr(agent, "action_endpoint", None)
    url = getattr(endpoint, "url", None) or ""
    return url.rsplit("/webhook", 1)[0].rstrip("/")


def add_route(app: Any) -> None:
    """Add ``GET /charts/…`` to a Sanic ``app`` of Rasa (its agent in ``app.ctx.agent``)."""
    import aiohttp
    from sanic import response

    async def chart(request: Any, path: str) -> Any:
        base = action_base(getattr(request.app.ctx, "agent", None))
        if not base:
            return response.text("no action server is configured", status=503)
        headers = {}
        if request.headers.get("if-none-match"):
            headers["If-None-Match"] = request.headers["if-none-match"]
        timeout = aiohttp.ClientTimeout(total=TIMEOUT)
        try:
            async with aiohttp.ClientSession(timeout=timeout) as session:
                async with session.get(f"{base}/charts/{path}", headers=headers) as answer:
                    body = await answer.read()
                    kept = {k: answer.headers[k] for k in PASSED_HEADERS if k in answer.headers}
        except Exception:  # noqa: BLE001 - any failure: the picture is missing, say so
            return response.text("the chart is not available right now", status=503)
        content_type = kept.pop("Content-Type", "application/octet-stream")
        return response.raw(body, status=answer.status, content_type=content_type,
                            headers=kept)

    app.add_route(chart, ROUTE, methods=["GET"], name="careerbot_charts")
