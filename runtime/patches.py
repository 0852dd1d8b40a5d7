"""The places where Rasa 3.6 has no extension point, kept in this one module.

1. **The custom action call.** Rasa waits up to 5 minutes for the action server (a constant)
   and, when the call fails (server down, HTTP 500, a body that is not the expected JSON), logs
   the error and says nothing to the user. :class:`GuardedRemoteAction` bounds the wait
   (``CAREERBOT_ACTION_TIMEOUT``, seconds, default 10) and turns every failure into a short
   apology (:data:`runtime.guard.UNAVAILABLE`); the conversation goes on, and the next message
   reaches the action server again.
2. **The class of an event.** Rasa finds the class of every event it reads (from the tracker
   store, from the action server) by walking all subclasses of ``Event`` and asking each if it
   is abstract: 4 % of the Rasa server's time. :func:`event_class` remembers the answers.
3. **The start of a turn.** An empty message crashes the intent classifier and a 100,000-
   character one keeps the server busy for half a minute. :class:`GuardedAgent` screens each
   message before NLU (:func:`runtime.guard.screen`) and answers any failure of the turn itself
   (a tracker store that is down, say) with the same apology.
4. **The routes of the server.** :func:`configure_app` adds ``GET /health``
   (:mod:`runtime.health`) and ``GET /charts/…`` (:mod:`runtime.chart_proxy`) to the app Rasa
   builds, with or without its HTTP API.

:func:`install` swaps the two classes, the look-up and the app's factory where Rasa uses them;
``python -m runtime`` (Rasa's command line) calls it. ``tests/test_runtime.py`` fails when
Rasa's version or the patched signatures change: the module must then be checked against the
new Rasa.
"""

from __future__ import annotations

import asyncio
import logging
import os
from functools import lru_cache
from typing import Any, Dict, List, Mapping, Optional

import rasa
import rasa.core.actions.action as rasa_action
import rasa.core.agent as rasa_agent
import rasa.core.run as rasa_run
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.shared.core.events import BotUttered, Event

from runtime import chart_proxy, guard, health
from runtime.settings import ACTION_TIMEOUT_ENV

logger = logging.getLogger(__name__)

#: The Rasa release this module was written against and tested with.
TESTED_RASA_VERSION = "3.6.21"
DEFAULT_ACTION_TIMEOUT = 10.0


def action_timeout(environ: Mapping[str, str] = os.environ) -> float:
    """Seconds to wait for the action server, from ``CAREERBOT_ACTION_TIMEOUT`` (default 10).

    Raises:
        ValueError: the variable is set but is not a positive number.
    """
    return guard.positive_setting(environ, ACTION_TIMEOUT_ENV, DEFAULT_ACTION_TIMEOUT)


#: Rasa's own ``Event.resolve_by_type`` (a static method), kept by :func:`install`.
_RESOLVE_BY_TYPE = Event.resolve_by_type
_EVENT_CLASSES: Dict[str, type] = {}


def event_class(type_name: str, default: Optional[type] = None) -> Optional[type]:
    """Rasa's ``Event.resolve_by_type``, remembering each event class found by its type name.

    A name Rasa does not know is not remembered: it gets Rasa's answer each time (``default``,
    None for the old ``topic`` event, or Rasa's error).

    Raises:
        ValueError: no event class has ``type_name`` and there is no ``default`` (Rasa's).
    """
    found = _EVENT_CLASSES.get(type_name)
    if found is None:
        found = _RESOLVE_BY_TYPE(type_name, default)
        if found is not None and found is not default and found.type_name == type_name:
            _EVENT_CLASSES[type_name] = found
    return found


@lru_cache(maxsize=1)
def response_validator() -> Any:
    """A jsonschema validator of Rasa's action server response schema
    (``RemoteAction.action_response_format_spec()``), the schema checked once, when built.

    Raises:
        jsonschema.SchemaError: Rasa's schema is not a valid JSON schema.
    """
    from jsonschema.validators import validator_for

    schema = rasa_action.RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


class GuardedRemoteAction(rasa_action.RemoteAction):
    """Rasa's custom action call, bounded in time, with a polite reply when it fails."""

    def _validate_action_result(self, result: Dict[str, Any]) -> bool:
        """Rasa's check of an action server response, with the validator built once.

        Raises:
            jsonschema.ValidationError: ``result`` does not match the schema (Rasa's message).
        """
        from jsonschema.exceptions import best_match

        error = best_match(response_validator().iter_errors(result))
        if error is None:
            return True
        error.message += (
            ". Failed to validate Action server response from API, make sure your response "
            "from the Action endpoint is valid. For more information about the format visit "
            f"{rasa_action.DOCS_BASE_URL}/custom-actions")
        raise error

    async def run(self, output_channel, nlg, tracker, domain) -> List[Event]:  # noqa: D102
        timeout = action_timeout()
        try:
            return await asyncio.wait_for(
                super().run(output_channel, nlg, tracker, domain), timeout
            )
        except rasa_action.ActionExecutionRejection:
            raise
        except asyncio.TimeoutError:
            logger.error("Custom action '%s' took longer than %.0f s (%s): the user is told "
                         "to try again.", self.name(), timeout, ACTION_TIMEOUT_ENV)
        except Exception as error:  # server down, HTTP 500, malformed JSON: all alike to users
            cause = f" ({error.__cause__})" if error.__cause__ else ""
            logger.error("Custom action '%s' failed: %s%s. The user is told to try again.",
                         self.name(), error, cause)
            logger.debug("Custom action '%s' failed", self.name(), exc_info=True)
        return [BotUttered(guard.text_of(guard.UNAVAILABLE, {}))]


class GuardedAgent(rasa_agent.Agent):
    """Rasa's agent, screening each message before NLU and answering any failed turn."""

    async def handle_message(self, message: UserMessage) -> Optional[List[Dict[str, Any]]]:
        """Handle one message; see :mod:`runtime.patches` for what differs from Rasa's."""
        refusal = guard.screen(message.text, guard.max_message_chars())
        if refusal is not None:
            logger.info("Message of %d characters from %s not read: %s",
                        len(message.text or ""), message.sender_id, refusal.name)
            return await self._say(message, refusal.name, refusal.variables)
        try:
            return await super().handle_message(message)
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("The turn of conversation %s failed: the user is told to try "
                             "again.", message.sender_id)
            return await self._say(message, guard.UNAVAILABLE, {})

    @staticmethod
    async def _say(message: UserMessage, name: str,
                   variables: Mapping[str, Any]) -> Optional[List[Dict[str, Any]]]:
        text = guard.text_of(name, variables)
        output = message.output_channel
        try:
            await output.send_response(message.sender_id, {"text": text})
        except Exception:
            logger.exception("Could not send %s to %s", name, message.sender_id)
        return output.messages if isinstance(output, CollectingOutputChannel) else None


#: Rasa's own ``rasa.core.run.configure_app``, kept by :func:`install`.
_CONFIGURE_APP = rasa_run.configure_app


def configure_app(*args: Any, **kwargs: Any) -> Any:
    """Rasa's ``configure_app`` (same arguments, same Sanic app) with ``GET /health`` and
    ``GET /charts/…`` added."""
    app = _CONFIGURE_APP(*args, **kwargs)
    health.add_route(app)
    chart_proxy.add_route(app)
    return app


def install() -> None:
    """Make Rasa build :class:`GuardedAgent` and :class:`GuardedRemoteAction`, and find event
    classes through :func:`event_class`.

    Rasa creates both by their module-level names (``rasa.core.agent.load_agent`` and
    ``rasa.core.actions.action.action_for_name_or_text``), so replacing those names is enough.
    Logs a warning when the installed Rasa is not the tested release.
    """
    if rasa.__version__ != TESTED_RASA_VERSION:
        logger.warning("runtime.patches was tested with Rasa %s, not %s",
                       TESTED_RASA_VERSION, rasa.__version__)
    rasa_action.RemoteAction = GuardedRemoteAction
    rasa_agent.Agent = GuardedAgent
    Event.resolve_by_type = staticmethod(event_class)
    rasa_run.configure_app = configure_app
