"""What the server says instead of an answer: empty and overlong messages, and failures.

Pure functions and the texts; :mod:`runtime.patches` applies them to each incoming message.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Optional

from runtime.settings import MAX_MESSAGE_CHARS_ENV

#: Longer messages are refused before NLU, whose cost grows with the length (README,
#: "Deploying"); ``CAREERBOT_MAX_MESSAGE_CHARS`` changes the limit.
DEFAULT_MAX_MESSAGE_CHARS = 2000

#: What the server says itself, by name. These are not domain responses: no rule or story
#: utters them (Rasa's validator would flag them as unused); the server sends them directly.
EMPTY = "empty_message"
TOO_LONG = "message_too_long"
UNAVAILABLE = "temporarily_unavailable"
TEXTS = {
    EMPTY: "Type a question, for example “what skills does a data engineer need?” or “what "
           "does a nurse earn in Ohio?”",
    TOO_LONG: "That message is too long for me to read ({length} characters). Please ask one "
              "question at a time, in up to {limit} characters.",
    UNAVAILABLE: "Sorry, I can't look that up right now: part of my system is not answering. "
                 "Please try again in a minute.",
}


def positive_setting(environ: Mapping[str, str], name: str, default: float,
                     kind: Callable[[str], float] = float) -> float:
    """The environment variable ``name`` read with ``kind`` (int or float), or ``default``.

    Raises:
        ValueError: the variable is set but is not a positive number of that kind.
    """
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    value = kind(raw)
    if value <= 0:
        raise ValueError(f"{name} must be a positive number, not {raw!r}")
    return value


def max_message_chars(environ: Mapping[str, str] = os.environ) -> int:
    """The longest message read, in characters, from ``CAREERBOT_MAX_MESSAGE_CHARS``.

    Raises:
        ValueError: the variable is set but is not a positive whole number.
    """
    return int(positive_setting(environ, MAX_MESSAGE_CHARS_ENV, DEFAULT_MAX_MESSAGE_CHARS, int))


@dataclass(frozen=True)
class Refusal:
    """A message that is not handed to NLU: the text to say instead (a ``TEXTS`` name), and the
    values of its placeholders."""

    name: str
    variables: Mapping[str, Any]


def screen(text: Optional[str], limit: int) -> Optional[Refusal]:
    """Whether a user message can go to NLU.

    Args:
        text: the message as the channel received it (None for a message without text).
        limit: the longest message read, in characters.

    Returns:
        None when the message is fine; else the refusal (empty or whitespace only: type a
        question; longer than ``limit`` characters: ask one question at a time).
    """
    stripped = (text or "").strip()
    if not stripped:
        return Refusal(EMPTY, {})
    if len(stripped) > limit:
        return Refusal(TOO_LONG, {"limit": f"{limit:,}", "length": f"{len(stripped):,}"})
    return None


def text_of(name: str, variables: Mapping[str, Any]) -> str:
    """The text called ``name`` (one of ``EMPTY``, ``TOO_LONG``, ``UNAVAILABLE``), filled in.

    Raises:
        KeyError: ``name`` is not one of them.
    """
    return TEXTS[name].format(**variables)
