"""Interests said in words ("I like working with my hands", "helping people") read as O*NET's
six RIASEC interest areas (Realistic, Investigative, Artistic, Social, Enterprising,
Conventional).

The words of each area are O*NET 30.1's RIASEC Keywords (table ``onet_interest_keywords``) and
the everyday words of ``data/interests.yml``. A phrase matches a message when each of its words
(function words aside) is a word of the message in some form: Snowball (Porter2) stems are
compared, so "fixing machines" matches "Repair"'s neighbour "fix" and "Machines".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, List, Optional, Tuple

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from careerdata import models_depth as d
from careerdata.depth import RIASEC

#: O*NET's interest areas in RIASEC order (:data:`careerdata.depth.RIASEC`).
AREAS = RIASEC
DEFAULT_FILE = Path(__file__).resolve().parent.parent / "data" / "interests.yml"
_WORD = re.compile(r"[a-z]+")
#: Words that are no content of a phrase (left out of :func:`stems`).
FUNCTION_WORDS = frozenset("a an the to with like of and or in on for my me i".split())


@lru_cache(maxsize=1)
def _stemmer():
    """The Snowball (Porter2) English stemmer of ``snowballstemmer`` (made on first use)."""
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def stem(word: str) -> str:
    """The Snowball (Porter2) stem of a lower-case word, the same for its forms ("teaching",
    "teach"; "machines", "machine"; "caring", "care" — not "car")."""
    return _stemmer().stemWord(word)


def words_of(text: str) -> List[str]:
    """The lower-case words of ``text`` (letters only: "car's" is "car", "s")."""
    return _WORD.findall(text.lower())


def stems(text: str) -> Tuple[str, ...]:
    """The :func:`stem` of each word of ``text`` but function words ("I like fixing cars" ->
    ("fix", "car"))."""
    return tuple(stem(w) for w in words_of(text) if w not in FUNCTION_WORDS)



class InterestReader:
    """Reads RIASEC areas from messages: :meth:`areas`."""

    def __init__(self, phrases: Iterable[Tuple[str, str]]) -> None:
        """``phrases``: ``(area, phrase)`` pairs; areas outside :data:`AREAS` raise ValueError."""
        self._phrases: List[Tuple[str, FrozenSet[str]]] = []
        for area, phrase in phrases:
            if area not in AREAS:
                raise ValueError(f"unknown interest area {area!r}")
            found = frozenset(stems(phrase))
            if found:
                self._phrases.append((area, found))

    def areas(self, text: str) -> List[str]:
        """The areas ``text`` names, in RIASEC order ([] when none): "I like fixing machines
        and helping people" -> ["Realistic", "Social"]."""
        words = frozenset(stems(text))
        found = {area for area, phrase in self._phrases if phrase <= words}
        return [a for a in AREAS if a in found]


@dataclass(frozen=True)
class Area:
    """How the assistant talks about one RIASEC area (``data/interests.yml``): what it is
    ``about``, its ``button`` title and everyday ``words``."""

    name: str
    about: str
    button: str
    words: Tuple[str, ...]


@lru_cache(maxsize=1)
def read_areas(path: Path = DEFAULT_FILE) -> Dict[str, Area]:
    """``{area name: Area}`` of ``data/interests.yml``, in RIASEC order (read once).

    Raises:
        ValueError: the file does not describe exactly O*NET's six areas.
    """
    raw = (yaml.safe_load(Path(path).read_text("utf-8")) or {}).get("areas")
    if not isinstance(raw, dict) or set(raw) != set(AREAS):
        raise ValueError(f"{path}: 'areas' must describe exactly {', '.join(AREAS)}")
    return {a: Area(a, str(raw[a]["about"]), str(raw[a]["button"]),
                    tuple(str(w) for w in raw[a].get("words") or ())) for a in AREAS}


def read_everyday(path: Path = DEFAULT_FILE) -> List[Tuple[str, str]]:
    """``(area, phrase)`` pairs of the everyday words of ``data/interests.yml``."""
    return [(a.name, w) for a in read_areas(path).values() for w in a.words]


def build_reader(session: Optional[Session]) -> InterestReader:
    """An :class:`InterestReader` of O*NET's RIASEC keywords (when ``session`` is given and
    the table is loaded) and ``data/interests.yml``."""
    pairs: List[Tuple[str, str]] = []
    if session is not None:
        pairs += [(a, k) for a, k in session.execute(
            select(d.OnetInterestKeyword.area, d.OnetInterestKeyword.keyword)).all()]
    return InterestReader([*pairs, *read_everyday()])
