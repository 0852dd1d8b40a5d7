"""Slack: Rasa's Slack connector, configured from the environment and made safe to deploy.

Registered in ``credentials.yml`` as ``channels.slack.SlackInput``; its name stays ``slack``
(events arrive at ``/webhooks/slack/webhook``, and the actions format replies as Slack mrkdwn).
What it adds to Rasa's :class:`rasa.core.channels.slack.SlackInput`:

* **Secrets from the environment.** ``SLACK_BOT_TOKEN`` (the bot's ``xoxb-…`` token) and
  ``SLACK_SIGNING_SECRET`` (the app's signing secret); ``credentials.yml`` holds no secret. When
  either is missing the server still starts: the Slack webhook then answers ``503`` and names the
  missing variables, and the other channels work as usual.
* **A configurable Web API address**, ``SLACK_API_URL`` (default ``https://slack.com/api/``), so
  tests can point the bot at a fake Slack on loopback.
* **One answer per event.** Rasa ignores Slack's retries only for the ``http_timeout`` reason;
  here an event whose ``event_id`` was already received (a retry for any reason, or a duplicate
  delivery) is acknowledged with ``X-Slack-No-Retry: 1`` and not answered again.
* **URL verification** answered as Slack documents it (``{"challenge": …}``), once the request's
  signature checks out.
* **Slack formatting.** Replies go out as mrkdwn with ``&``, ``<`` and ``>`` escaped; buttons as
  Block Kit ``actions`` blocks under a mrkdwn ``section`` (Rasa's connector sends plain text there
  and drops every button beyond five); no legacy ``as_user`` argument, which Slack refuses
  (``invalid_arguments``) for apps created with granular bot scopes.

Rasa's connector already checks each request's ``v0`` HMAC-SHA256 signature and refuses requests
whose ``X-Slack-Request-Timestamp`` is more than five minutes from the server's clock.
"""

from __future__ import annotations

import logging
import os
import time
from collections import OrderedDict
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, List, Optional

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot
from rasa.core.channels.slack import SlackInput as RasaSlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.web.async_client import AsyncWebClient

logger = logging.getLogger(__name__)

#: Environment variables read by :meth:`SlackInput.from_credentials`.
TOKEN_ENV = "SLACK_BOT_TOKEN"
SIGNING_SECRET_ENV = "SLACK_SIGNING_SECRET"
API_URL_ENV = "SLACK_API_URL"
DEFAULT_API_URL = "https://slack.com/api/"

#: Block Kit limits (https://api.slack.com/reference/block-kit).
SECTION_TEXT_MAX = 3000
BUTTON_TEXT_MAX = 75
BUTTON_VALUE_MAX = 2000
BUTTONS_PER_ACTIONS_BLOCK = 25
#: chat.postMessage arguments Rasa's connector sends that new Slack apps must not send.
_LEGACY_ARGUMENTS = ("as_user", "type")


def escape_mrkdwn(text: str) -> str:
    """Escape the three characters Slack treats as control sequences in message text.

    ``&`` → ``&amp;``, ``<`` → ``&lt;``, ``>`` → ``&gt;``; mrkdwn emphasis (``*bold*``,
    ``_italic_``) is left as it is. Replies never contain intended ``<…>`` links or mentions.
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def split_text(text: str, limit: int = SECTION_TEXT_MAX) -> List[str]:
    """Split ``text`` into pieces of at most ``limit`` characters, at line ends where possible.

    Args:
        text: the message text (newline-separated lines).
        limit: the longest piece allowed; must be positive.

    Returns:
        The pieces in order (one piece, ``[text]``, when it fits); a single line longer than
        ``limit`` is cut into ``limit``-sized parts.
    """
    pieces: List[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                pieces.append(current)
                current = ""
            pieces.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            pieces.append(current)
            candidate = line
        current = candidate
    if current or not pieces:
        pieces.append(current)
    return pieces


def button_blocks(text: str, buttons: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Block Kit blocks for a message with buttons: mrkdwn sections, then ``actions`` blocks.

    Args:
        text: the message in Slack mrkdwn, already escaped (see :func:`escape_mrkdwn`).
        buttons: Rasa buttons, dicts with ``title`` and ``payload``; the payload becomes the
            button's ``value``, which Slack sends back when it is clicked.

    Returns:
        ``section`` blocks (at most 3,000 characters each) followed by one ``actions`` block per
        25 buttons. Button titles longer than 75 characters are shortened with ``…``.

    Raises:
        ValueError: a button payload is longer than Slack's 2,000-character limit.
    """
    blocks: List[Dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": piece}}
        for piece in split_text(text)
        if piece.strip()
    ]
    elements = []
    for number, button in enumerate(buttons):
        title = str(button["title"])
        if len(title) > BUTTON_TEXT_MAX:
            title = title[: BUTTON_TEXT_MAX - 1] + "…"
        value = str(button["payload"])
        if len(value) > BUTTON_VALUE_MAX:
            raise ValueError(f"button payload longer than {BUTTON_VALUE_MAX} characters: {title}")
        elements.append({
            "type": "button",
            "action_id": f"careerbot_button_{number}",
            "text": {"type": "plain_text", "text": title, "emoji": True},
            "value": value,
        })
    for start in range(0, len(elements), BUTTONS_PER_ACTIONS_BLOCK):
        blocks.append({
            "type": "actions",
            "elements": elements[start: start + BUTTONS_PER_ACTIONS_BLOCK],
        })
    return blocks


class SlackOutput(SlackBot):
    """Rasa's Slack output channel, posting to a configurable Web API in Slack's own format."""

    def __init__(
        self,
        token: str,
        slack_channel: Optional[str] = None,
        thread_id: Optional[str] = None,
        proxy: Optional[str] = None,
        api_url: str = DEFAULT_API_URL,
    ) -> None:
        """Create the output channel.

        Args:
            token: the bot token (``xoxb-…``).
            slack_channel: the channel or DM (id) replies go to; None to use the recipient.
            thread_id: reply in this thread (``ts`` of its first message), or None.
            proxy: an HTTP proxy for the Web API, or None.
            api_url: the Slack Web API base URL (``https://slack.com/api/``).
        """
        super().__init__(token, slack_channel, thread_id, proxy)
        self.client = AsyncWebClient(token, base_url=api_url, proxy=proxy)

    async def _post_message(self, channel: str, **kwargs: Any) -> None:
        for name in _LEGACY_ARGUMENTS:
            kwargs.pop(name, None)
        await super()._post_message(channel, **kwargs)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Post ``text`` (Slack mrkdwn) to the channel, escaped for Slack."""
        await super().send_text_message(recipient_id, escape_mrkdwn(text), **kwargs)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: List[Dict[str, Any]], **kwargs: Any
    ) -> None:
        """Post ``text`` as mrkdwn sections with ``buttons`` (any number) as ``actions`` blocks.

        The plain ``text`` goes along as the notification fallback Slack shows in alerts.
        """
        escaped = escape_mrkdwn(text.strip())
        await self._post_message(
            channel=self.slack_channel or recipient_id,
            text=escaped,
            blocks=button_blocks(escaped, buttons),
        )


class RecentIds:
    """Remembers ids for a while: :meth:`add` tells whether an id is new.

    At most ``size`` ids are kept, each for ``ttl`` seconds (Slack retries an event three times
    within about five minutes). Not shared between processes: with several Rasa workers, put a
    load balancer that sticks to one worker per team in front, or accept rare duplicates.
    """

    def __init__(self, ttl: float = 3600.0, size: int = 10_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._ttl, self._size, self._clock = ttl, size, clock
        self._seen: "OrderedDict[str, float]" = OrderedDict()

    def add(self, key: str) -> bool:
        """Record ``key``; True when it was not seen within ``ttl`` seconds, else False."""
        now = self._clock()
        while self._seen and (next(iter(self._seen.values())) <= now - self._ttl
                              or len(self._seen) >= self._size):
            self._seen.popitem(last=False)
        if key in self._seen:
            return False
        self._seen[key] = now
        return True


class SlackInput(RasaSlackInput):
    """Rasa's Slack input channel with the additions described in :mod:`channels.slack`."""

    def __init__(self, *args: Any, api_url: str = DEFAULT_API_URL, **kwargs: Any) -> None:
        """Same arguments as Rasa's ``SlackInput``, plus ``api_url`` (the Web API base URL).

        Raises:
            InvalidConfigException: the signing secret is empty (from Rasa's constructor).
        """
        super().__init__(*args, **kwargs)
        self.api_url = api_url
        self._events = RecentIds()

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        """Build the channel from its ``credentials.yml`` section and the environment.

        Args:
            credentials: Rasa's Slack options (``use_threads``, ``conversation_granularity``,
                ``slack_channel``, ``errors_ignore_retry``, ``proxy``, ...), or None.
                ``slack_token``, ``slack_signing_secret`` and ``api_url`` may be given there
                too, but default to ``SLACK_BOT_TOKEN``, ``SLACK_SIGNING_SECRET`` and
                ``SLACK_API_URL`` from the environment.

        Returns:
            A :class:`SlackInput`, or a :class:`DisabledSlackInput` when the token or the signing
            secret is missing (so the server starts without Slack).
        """
        credentials = dict(credentials or {})
        token = credentials.get("slack_token") or os.environ.get(TOKEN_ENV, "")
        secret = credentials.get("slack_signing_secret") or os.environ.get(SIGNING_SECRET_ENV, "")
        missing = [name for name, value in ((TOKEN_ENV, token), (SIGNING_SECRET_ENV, secret))
                   if not value.strip()]
        if missing:
            logger.info("Slack channel disabled: %s not set.", " and ".join(missing))
            return DisabledSlackInput(missing)
        credentials.update(slack_token=token.strip(), slack_signing_secret=secret.strip())
        channel = super().from_credentials(credentials)
        channel.api_url = credentials.get("api_url") or os.environ.get(API_URL_ENV) or DEFAULT_API_URL
        logger.info("Slack channel enabled (Web API %s).", channel.api_url)
        return channel

    def get_output_channel(
        self, channel: Optional[str] = None, thread_id: Optional[str] = None
    ) -> OutputChannel:
        """A :class:`SlackOutput` to ``channel`` (default: the configured ``slack_channel``)."""
        return SlackOutput(self.slack_token, channel or self.slack_channel, thread_id,
                           self.proxy, api_url=self.api_url)

    async def process_message(
        self,
        request: Request,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        text: str,
        sender_id: Optional[str],
        metadata: Optional[Dict],
    ) -> Any:
        """Hand a verified user message to Rasa, unless its event was already received.

        Called by Rasa's webhook after the signature and timestamp checks. An Events API
        request whose ``event_id`` was seen before (Slack's retries carry the same id) is
        acknowledged with ``200`` and ``X-Slack-No-Retry: 1`` and not answered again.
        """
        event_id = _event_id(request)
        if event_id and not self._events.add(event_id):
            logger.info("Slack event %s already received (retry %s, reason %s): not answered again.",
                        event_id, request.headers.get(self.retry_num_header, "-"),
                        request.headers.get(self.retry_reason_header, "-"))
            return response.text("", headers={"X-Slack-No-Retry": "1"})
        return await super().process_message(request, on_new_message, text, sender_id, metadata)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's Slack blueprint, with Slack's URL verification answered as documented."""
        blueprint = super().blueprint(on_new_message)

        @blueprint.middleware("request")
        async def url_verification(request: Request) -> Optional[HTTPResponse]:
            if request.method != "POST" or request.headers.get("content-type") != "application/json":
                return None
            try:
                body = request.json
            except Exception:  # malformed JSON: let Rasa's handler refuse it
                return None
            if not isinstance(body, dict) or body.get("type") != "url_verification":
                return None
            if not self.is_request_from_slack_authentic(request):
                return None  # Rasa's handler answers 400
            return response.json({"challenge": body.get("challenge", "")})

        return blueprint


def _event_id(request: Request) -> Optional[str]:
    """The Events API ``event_id`` of a JSON request, or None."""
    if request.headers.get("content-type") != "application/json":
        return None
    try:
        body = request.json
    except Exception:
        return None
    event_id = body.get("event_id") if isinstance(body, dict) else None
    return str(event_id) if event_id else None


class DisabledSlackInput(InputChannel):
    """Stands in for the Slack channel when its secrets are not set.

    Its webhook answers ``503 Service Unavailable`` naming the missing variables, so a Slack app
    pointed at this server shows a clear error and nothing is processed; ``GET
    /webhooks/slack/`` reports ``{"status": "disabled", "missing": [...]}``.
    """

    @classmethod
    def name(cls) -> str:
        return "slack"

    def __init__(self, missing: List[str]) -> None:
        """Args: missing: names of the environment variables that are not set."""
        self.missing = list(missing)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Routes that report the channel as disabled; ``on_new_message`` is never called."""
        blueprint = Blueprint("slack_webhook_disabled", __name__)
        message = (f"Slack is not enabled on this server: set {' and '.join(self.missing)} "
                   f"and restart it.")

        @blueprint.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "disabled", "missing": self.missing})

        @blueprint.route("/webhook", methods=["GET", "POST"])
        async def webhook(_: Request) -> HTTPResponse:
            return response.text(message, status=HTTPStatus.SERVICE_UNAVAILABLE)

        return blueprint
