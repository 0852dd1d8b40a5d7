"""Text normalisation shared by the loader, the role resolver and the NLU generator."""

from __future__ import annotations

import re
from typing import List

_ARTICLES = ("a ", "an ", "the ")
_SEPARATORS = re.compile(r"[-_/]+")
# Keep letters, digits, spaces and the characters of names such as "C++" or "C#".
_UNWANTED = re.compile(r"[^\w\s+#.]")
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Return ``text`` in the form used to compare role names.

    Lower-cases, turns ``-``, ``_`` and ``/`` into spaces, drops other punctuation (keeping
    ``+`` and ``#``), a leading article ("a", "an", "the") and possessive ``'s``, and collapses
    white space. ``"The Machine-Learning Engineer's"`` becomes ``"machine learning engineer"``.
    """
    value = text.lower().replace("\u2019", "'")
    value = re.sub(r"'s\b", "", value)
    value = _SEPARATORS.sub(" ", value)
    value = _UNWANTED.sub(" ", value)
    value = value.replace(".", " ")
    value = _SPACES.sub(" ", value).strip()
    for article in _ARTICLES:
        if value.startswith(article):
            value = value[len(article):]
            break
    return value


def plural(name: str) -> str:
    """Return the English plural of a role name by inflecting its last word.

    ``"Data Scientist"`` -> ``"Data Scientists"``; a last word ending in ``s``, ``x``, ``ch`` or
    ``sh`` takes ``es``; one ending in a consonant + ``y`` takes ``ies``.
    """
    head, _, last = name.rpartition(" ")
    lower = last.lower()
    if lower.endswith(("s", "x", "ch", "sh")):
        last = last + "es"
    elif lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        last = last[:-1] + "ies"
    else:
        last = last + "s"
    return f"{head} {last}" if head else last


def singular_forms(normalized: str) -> List[str]:
    """Return ``normalized`` plus the forms it takes with a plural last word made singular.

    Used on user text: ``"data scientists"`` -> ``["data scientists", "data scientist"]``.
    """
    forms = [normalized]
    head, _, last = normalized.rpartition(" ")
    candidates = []
    if last.endswith("ies") and len(last) > 4:
        candidates.append(last[:-3] + "y")
    if last.endswith("es") and len(last) > 4:
        candidates.append(last[:-2])
    if last.endswith("s") and not last.endswith("ss") and len(last) > 3:
        candidates.append(last[:-1])
    for candidate in candidates:
        form = f"{head} {candidate}" if head else candidate
        if form not in forms:
            forms.append(form)
    return forms


def clean_user_text(text: str, limit: int = 60) -> str:
    """Return user text safe to quote back in a reply: no markup characters, at most ``limit``.

    Removes characters that Markdown, HTML or Slack mrkdwn would interpret (``<>*_`[]|~#&``),
    collapses white space and cuts the result to ``limit`` characters with an ellipsis.
    """
    value = re.sub(r"[<>*_`\[\]|~#&\\{}()]", " ", text)
    value = _SPACES.sub(" ", value).strip()
    if len(value) > limit:
        value = value[: limit - 1].rstrip() + "\u2026"
    return value
