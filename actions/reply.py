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


@dataclass
class Reply:
    """One bot message before formatting.

    ``lines`` come before the bullets, ``notes`` after them; ``buttons`` are ``(title, payload)`` pairs; ``needs_choice`` marks replies whose buttons the
    user must use to go on (shown even in ``rasa shell``).
    """

    heading: str
    bullets: List[str] = field(default_factory=list)
    lines: List[str] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)
    footer: Optional[str] = None
    buttons: List[Tuple[str, str]] = field(default_factory=list)
    needs_choice: bool = False


def payload(intent: str, **entities: str) -> str:
    """A button payload that triggers ``intent`` with ``entities``: ``/intent{"role": "..."}``."""
    if not entities:
        return f"/{intent}"
    return f"/{intent}{json.dumps(entities, ensure_ascii=False)}"


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
    return message
