"""How a reply looks on each channel: :class:`Reply` (what every ``*_reply`` function of
:mod:`actions.render` and :mod:`actions.render_official` builds) and :func:`to_message`, which
formats it for the output channel:

* ``cmdline`` (``rasa shell``): plain text with ``•`` bullets; buttons only where the user must
  choose (a shell menu otherwise interrupts typing), other suggestions as a hint line;
* ``slack``: Slack mrkdwn (``*bold*``, ``•`` bullets);
* anything else (``rest``, ``socketio``, ...): Markdown (``**bold**``, ``-`` bullets), one
  block per paragraph or list (see :data:`MARKDOWN_BLOCK_BREAK`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple


@dataclass(frozen=True)
class Picture:
    """A chart beside a reply: its ``url`` (:func:`actions.charts.chart_url`), ``alt``, one
    sentence saying what it shows (screen readers, Slack's ``alt_text``, the widget's caption),
    and its short ``title`` (Slack's image title; the alt text when empty)."""

    url: str
    alt: str
    title: str = ""


@dataclass
class Reply:
    """One bot message before formatting.

    ``lines`` come before the bullets, ``notes`` after them; ``buttons`` are ``(title,
    payload)`` pairs; ``needs_choice`` marks replies whose buttons the user must use to go on
    (shown even in ``rasa shell``); ``picture`` is a chart shown beside
    the text where the channel can (:func:`picture_json`); the text is complete without it.
    """

    heading: str
    bullets: List[str] = field(default_factory=list)
    lines: List[str] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)
    footer: Optional[str] = None
    buttons: List[Tuple[str, str]] = field(default_factory=list)
    needs_choice: bool = False
    picture: Optional[Picture] = None


def payload(intent: str, **entities: str) -> str:
    """A button payload that triggers ``intent`` with ``entities``: ``/intent{"role": "..."}``."""
    if not entities:
        return f"/{intent}"
    return f"/{intent}{json.dumps(entities, ensure_ascii=False)}"


#: The environment variable giving the public address of the charts (:mod:`actions.charts`).
PUBLIC_URL_ENV = "CAREERBOT_PUBLIC_URL"
#: Block Kit limits of an image block (https://api.slack.com/reference/block-kit/blocks).
SLACK_ALT_MAX, SLACK_TITLE_MAX, SLACK_TEXT_MAX = 2000, 2000, 3000

#: Between the Markdown blocks of a reply (heading, lines, the list, notes, source): a line holding
#: one space. To Markdown it is a blank line, so the list ends before the source line instead of
#: swallowing it as a lazy continuation of its last item; Rasa's ``rest`` and ``socketio``
#: channels, which cut a text into separate messages at ``"\n\n"``, keep the reply whole.
MARKDOWN_BLOCK_BREAK = "\n \n"


def to_message(reply: Reply, channel: Optional[str]) -> Dict[str, object]:
    """Format ``reply`` for ``channel`` as keyword arguments of ``dispatcher.utter_message``."""
    if channel == "slack":
        bold, bullet = ("*", "*"), "•"
    elif channel == "cmdline":
        bold, bullet = ("", ""), "•"
    else:
        bold, bullet = ("**", "**"), "-"
    parts = [f"{bold[0]}{reply.heading}{bold[1]}"]
    parts += reply.lines
    if reply.bullets:
        parts.append("\n".join(f"{bullet} {b}" for b in reply.bullets))
    parts += reply.notes
    show_buttons = bool(reply.buttons) and (channel != "cmdline" or reply.needs_choice)
    repeats_bullets = {t for t, _ in reply.buttons} <= set(reply.bullets)
    if channel == "cmdline" and reply.buttons and not reply.needs_choice and not repeats_bullets:
        parts.append("You could ask next: " + " · ".join(t for t, _ in reply.buttons) + ".")
    if reply.footer:
        parts.append(f"_{reply.footer}_" if channel not in ("cmdline",) else reply.footer)
    markdown = channel not in ("slack", "cmdline")
    message: Dict[str, object] = {"text": (MARKDOWN_BLOCK_BREAK if markdown else "\n").join(parts)}
    if show_buttons:
        message["buttons"] = [{"title": t, "payload": p} for t, p in reply.buttons]
    picture = picture_json(reply.picture, channel)
    if picture is not None:
        message["json_message"] = picture
    return message


def picture_json(picture: Optional[Picture], channel: Optional[str]) -> Optional[Dict[str, object]]:
    """The custom message that shows ``picture`` on ``channel``, sent after the text:

    * ``slack``: a Block Kit ``image`` block (``alt_text``, the chart's ``title``), only when
      the picture's address is public ``https://`` (``CAREERBOT_PUBLIC_URL``, or ``RASA_PUBLIC_URL`` with
      ``make serve``): Slack downloads the image itself and refuses a message whose image it
      cannot fetch;
    * ``cmdline``: None (``rasa shell`` shows text);
    * anything else (``socketio``, ``rest``): rasa-webchat's image attachment, ``{"attachment":
      {"type": "image", "payload": {"src", "title"}}}``, the title being the alt text (the
      widget shows it as the caption and ``web/public/careerbot.js`` sets it as ``alt``); on
      ``socketio`` wrapped in ``{"data": …}``, which Rasa's channel emits as the message.
    """
    if picture is None or channel == "cmdline":
        return None
    if channel == "slack":
        if not picture.url.startswith("https://"):
            return None  # Slack downloads the image itself: a public https:// address only
        return {"text": picture.alt[:SLACK_TEXT_MAX],
                "blocks": [{"type": "image", "image_url": picture.url,
                            "alt_text": picture.alt[:SLACK_ALT_MAX],
                            "title": {"type": "plain_text",
                                      "text": (picture.title or picture.alt)[:SLACK_TITLE_MAX]}}]}
    attachment = {"attachment": {"type": "image",
                                 "payload": {"src": picture.url, "title": picture.alt}}}
    # Rasa's socket.io output sends a custom message as the keyword arguments of
    # AsyncServer.emit: what the widget receives goes under ``data``.
    return {"data": attachment} if channel == "socketio" else attachment
