"""``GET /charts/<kind>/<part>/….png`` on the action server: the pictures of issue 28.

The action server holds the role database, so it draws the charts; the Rasa server passes the
same path on (:mod:`runtime.chart_proxy`), so clients load them from the address they already
talk to. A path names only data: a chart kind, role names of the database, OEWS area codes, a
ranking basis and an area type (:func:`chart_for`); anything else is 404, and nothing a user
typed is ever drawn. The chart is built from the database like the text answer, drawn by
matplotlib in a worker thread (:mod:`actions.chart_render`) and kept by its content
(:class:`ChartCache`): the same chart is drawn once, whatever URL asks for it.

Paths (each part percent-encoded):

- ``pay/<role>/<area>``: the pay range in an area, the national median marked;
- ``compare/<role>/<role>/<area>``: two occupations' pay on one axis;
- ``compare-places/<role>/<area>/<area>``: one occupation's pay in two places;
- ``places/<role>/<pay|employment|concentration>/<S|M>``: best-paying or where the jobs are,
  every state as a tile map (:mod:`actions.chart_tiles`) or the top metro areas as bars;
- ``outlook/<role>``: projected change 2024–34 against the all-occupation average.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import threading
import time
from collections import OrderedDict
from typing import Any, Dict, List, Optional, Tuple
from urllib.parse import unquote

from actions import chart_tiles, charts
from careerdata import topics
from careerdata.place_rankings import BASES, PAY
from careerdata.wages import NATIONAL

#: Route of the action server (and of the Rasa server's proxy).
ROUTE = charts.CHART_PATH + "/<path:path>"
_AREA = re.compile(r"^\d{7}$")
#: Charts kept in memory (PNG bytes, about 20–40 kB each).
CACHE_SIZE = 256


class ChartCache:
    """PNG bytes by the content of their chart (a SHA-256 of its fields), at most ``size``,
    least recently used dropped first; counts hits, draws and drawing time (seconds) for
    ``make bench``. Thread-safe."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._items: "OrderedDict[str, bytes]" = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.draws = 0
        self.draw_seconds = 0.0

    @staticmethod
    def key(chart: charts.Chart) -> str:
        """The content key of ``chart`` (hex SHA-256 of its fields)."""
        return hashlib.sha256(repr(chart).encode("utf-8")).hexdigest()

    def png(self, chart: charts.Chart) -> Tuple[str, bytes]:
        """``(key, PNG bytes)`` of ``chart``, drawn on the first request only."""
        key = self.key(chart)
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return key, self._items[key]
        from actions.chart_render import render

        start = time.perf_counter()
        data = render(chart)
        with self._lock:
            self.draws += 1
            self.draw_seconds += time.perf_counter() - start
            self._items[key] = data
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return key, data

    def stats(self) -> Dict[str, float]:
        """``{"hits", "draws", "hit_rate" (0–1), "draw_ms" (mean milliseconds a draw)}``."""
        total = self.hits + self.draws
        return {"hits": self.hits, "draws": self.draws,
                "hit_rate": round(self.hits / total, 3) if total else 0.0,
                "draw_ms": round(1000 * self.draw_seconds / self.draws, 1) if self.draws else 0.0}


CACHE = ChartCache()


def chart_for(path: str, store: Any) -> Optional[charts.Chart]:
    """The chart a path names (module docstring), read from ``store`` (a
    :class:`careerdata.store.RoleStore`); None for a path that names no chart or no data to
    draw. Raises :class:`careerdata.store.StoreUnavailable` when the database cannot be read."""
    if not path.endswith(".png"):
        return None
    parts = [unquote(p) for p in path[:-len(".png")].split("/")]
    try:
        return _chart(parts[0], parts[1:], store)
    except KeyError:  # an area code of seven digits that is no OEWS area
        return None


def _chart(kind: str, args: List[str], store: Any) -> Optional[charts.Chart]:
    """The chart of :func:`chart_for`'s path, split (``kind``, its other parts, decoded)."""
    roles = [a for a in args if store.has_role(a)]
    if kind == "pay" and len(args) == 2 and roles == args[:1] and _AREA.match(args[1]):
        nationally = store.pay(args[0]).figures if args[1] != NATIONAL else None
        return charts.pay_range(store.pay(args[0], args[1]), nationally)
    if kind == "compare" and len(args) == 3 and roles == args[:2] and _AREA.match(args[2]):
        return charts.pay_compared(store.pay(args[0], args[2]), store.pay(args[1], args[2]))
    if (kind == "compare-places" and len(args) == 3 and roles == args[:1]
            and all(_AREA.match(a) for a in args[1:])):
        return charts.pay_compared(store.pay(args[0], args[1]), store.pay(args[0], args[2]))
    if (kind == "places" and len(args) == 3 and roles == args[:1] and args[1] in BASES
            and args[2] in ("S", "M")):
        return places_chart(store, args[0], args[1], args[2])
    if kind == "outlook" and len(args) == 1 and roles == args:
        return outlook_chart(store, args[0])
    return None


def places_chart(store: Any, role: str, basis: str, area_type: str) -> Optional[charts.Chart]:
    """The chart of ``role``'s places by ``basis`` (:func:`actions.chart_tiles.places`), read
    from ``store``; None without figures."""
    occ = store.occupation(role)
    if not occ.soc_code:
        return None
    limit = chart_tiles.LIMITS[area_type]
    found = (store.rank_areas(occ.soc_code, area_type, limit)[0] if basis == PAY
             else store.rank_by_jobs(occ.soc_code, area_type, basis, limit))
    return chart_tiles.places(role, basis, area_type, found, store.citations["oews"].short)


def outlook_chart(store: Any, role: str) -> Optional[charts.Chart]:
    """The outlook chart of ``role`` (:func:`actions.charts.outlook_of`); None without it."""
    found = store.depth(role, topics.OUTLOOK)
    return None if found.empty else charts.outlook_of(found, store.citations)


def add_route(app: Any, get_store: Any = None) -> None:
    """Add ``GET /charts/…`` to the action server's Sanic ``app`` (``get_store``: a callable
    returning the role store; :func:`careerdata.store.get_store` by default)."""
    from sanic import response

    if get_store is None:
        from careerdata.store import get_store

    async def chart(request: Any, path: str) -> Any:
        from careerdata.store import StoreUnavailable

        loop = asyncio.get_running_loop()
        try:
            found = await loop.run_in_executor(None, chart_for, path, get_store())
        except StoreUnavailable:
            return response.text("the role database is not available", status=503)
        if found is None:
            return response.text("no such chart", status=404)
        key, data = await loop.run_in_executor(None, CACHE.png, found)
        if request.headers.get("if-none-match") == f'"{key}"':
            return response.empty(status=304)
        return response.raw(data, content_type="image/png",
                            headers={"Cache-Control": "public, max-age=86400",
                                     "ETag": f'"{key}"'})

    async def stats(_: Any) -> Any:
        return response.json(CACHE.stats())

    app.add_route(chart, ROUTE, methods=["GET"], name="careerbot_charts")
    app.add_route(stats, "/chart-stats", methods=["GET"], name="careerbot_chart_stats")
