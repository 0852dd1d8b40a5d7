"""The action server's start-up: rasa_sdk's plugin package (``rasa_sdk.plugin`` imports a
top-level ``rasa_sdk_plugins`` when the action server starts and calls :func:`init_hooks`).

Before the server accepts requests, :func:`warm_up` reads the role database's names, places,
skills and releases into memory (:meth:`careerdata.store.RoleStore.warm_up`), work that would
otherwise fall on the first questions (0.2-0.4 s each, README "Performance"), then moves what
the process has made so far out of the garbage collector's reach (``gc.freeze``): it lives as
long as the process, and a full collection no longer walks it (40 ms or more, a pause of
whatever answer it falls on). A database that cannot be read, or any other failure of the
warm-up, is logged and the server starts all the same: the actions read what they need, or say
that the database is down.
"""

from __future__ import annotations

import gc
import logging
import time
from typing import Any

import pluggy

logger = logging.getLogger(__name__)
hookimpl = pluggy.HookimplMarker("rasa_sdk")


def warm_up(*_: Any) -> None:
    """Warm the process's role store (a Sanic listener: the app and loop are ignored)."""
    from careerdata.store import StoreUnavailable, get_store

    start = time.perf_counter()
    try:
        get_store().warm_up()
    except StoreUnavailable as error:
        logger.warning("Role database not read at start-up: %s", error)
        return
    except Exception:  # the server starts all the same: the actions read what they need
        logger.exception("Role database not read at start-up")
        return
    gc.collect()
    gc.freeze()  # read once, kept for the life of the process: no collection walks it again
    logger.info("Role database read into memory in %.2f s", time.perf_counter() - start)


class StartUp:
    """rasa_sdk hook implementations of the project."""

    @hookimpl
    def attach_sanic_app_extensions(self, app: Any) -> None:
        """Run :func:`warm_up` before the action server accepts requests, and serve the charts
        (``GET /charts/…``, :mod:`actions.chart_route`)."""
        from actions import chart_route

        app.register_listener(warm_up, "before_server_start")
        chart_route.add_route(app)


def init_hooks(manager: pluggy.PluginManager) -> None:
    """Register the project's hooks with rasa_sdk's plugin manager."""
    manager.register(StartUp())
