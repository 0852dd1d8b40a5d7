"""Turn a place a user typed into an OEWS area: known, ambiguous or unknown.

Names come from the ``area_aliases`` table (state and metro names, principal cities, USPS
abbreviations, short names such as "NYC" from ``data/places.yml``); nothing here knows a place
by name. A name several areas share is decided by its kind: a short name or an area's own name
beats a postal abbreviation, which beats a city ("New York" is the state, "NYC" the metro area).
What is still shared ("Portland", "Springfield") is ambiguous, with the areas ranked by total
employment, unless the biggest area employs :data:`DOMINANT` times the next ("Cleveland"). Postal abbreviations count only when typed in capitals ("TX", not "in" or "or").
Misspellings of names of six or more characters are matched too ("Californa", "Seatle").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from careerdata.names import NameMatcher, phrase_words
from careerdata.roles import AMBIGUOUS, KNOWN, MAX_CANDIDATES, UNKNOWN
from careerdata.text import normalize
from careerdata.wages import Place

#: Alias kinds, most decisive first.
KIND_PRIORITY = {"short": 0, "name": 1, "usps": 2, "city": 3}
USPS = "usps"
#: A shared name means its biggest area when that one employs this many times the next one.
DOMINANT = 10
#: "in Atlantis", "near Springfield Gardens": a capitalised name after a place preposition, the
#: sign of a place the user meant even when it is not one of the OEWS areas.
_PLACE_AFTER = re.compile(r"\b(?:in|near|around|across)\s+((?:[A-Z][a-z][\w'.-]*)(?:\s+[A-Z][a-z][\w'.-]*){0,3})")
#: Words after which a postal abbreviation is a place even in a message all in capitals.
_PLACE_WORDS = frozenset({"in", "for", "near", "around", "across", "from", "about", "of"})


def _shouted_word(message: str, before: str) -> bool:
    """A message all in capitals (3+ words) where the word before a postal abbreviation is no
    place word: the capitals say nothing."""
    return message.upper() == message and len(message.split()) > 2 and before not in _PLACE_WORDS


@dataclass(frozen=True)
class PlaceResolution:
    """``kind`` is :data:`KNOWN` (``place`` set), :data:`AMBIGUOUS` (``candidates``, likeliest
    first) or :data:`UNKNOWN`; ``text`` is the mention as typed."""

    kind: str
    text: str
    place: Optional[Place] = None
    candidates: Tuple[Place, ...] = ()


class PlaceResolver:
    """Resolve place mentions.

    Args:
        aliases: ``{normalised alias: [(area code, alias kind), ...]}``.
        places: ``{area code: Place}``.
        employment: ``{area code: total employment}``, to rank the areas of a shared name.
    """

    def __init__(
        self,
        aliases: Dict[str, List[Tuple[str, str]]],
        places: Dict[str, Place],
        employment: Optional[Dict[str, int]] = None,
    ) -> None:
        self.aliases = {k: list(v) for k, v in aliases.items()}
        self.places = dict(places)
        self._employment = employment or {}
        self._usps = {k for k, v in self.aliases.items() if all(kind == USPS for _, kind in v)}
        self.matcher = NameMatcher((k for k in self.aliases if k not in self._usps), min_length=6)
        self._usps_of = {code: key.upper() for key, entries in self.aliases.items()
                         for code, kind in entries if kind == USPS}

    def _in_state(self, key: str) -> Optional[PlaceResolution]:
        """"portland oregon", "springfield il", "washington state": a place followed by its
        state. Returns the area of that name in that state (the state itself for "<state>
        state"), or None when ``key`` is not written so."""
        words = key.split()
        if len(words) >= 2 and words[-1] == "state" and " ".join(words[:-1]) in self.aliases:
            found = self._decide(key, " ".join(words[:-1]))
            states = [p for p in ([found.place] if found.place else found.candidates)
                      if p.type == "S"]
            if states:
                return PlaceResolution(KNOWN, key, place=states[0])
        for cut in (1, 2):
            head, tail = " ".join(words[:-cut]), " ".join(words[-cut:])
            if not head or head not in self.aliases or tail not in self.aliases:
                continue
            state = next((c for c, _ in self.aliases[tail]
                          if self.places[c].type == "S" and c in self._usps_of), None)
            if state is None:
                continue
            usps = self._usps_of[state]
            # a metro area's name ends with its states: "Portland-Vancouver-Hillsboro, OR-WA"
            codes = [c for c, _ in self.aliases[head]
                     if usps in self.places[c].name.rsplit(", ", 1)[-1].split("-")]
            if codes:
                codes.sort(key=lambda c: -(self._employment.get(c) or 0))
                return PlaceResolution(KNOWN, key, place=self.places[codes[0]])
        return None

    def _decide(self, text: str, key: str) -> PlaceResolution:
        entries = self.aliases[key]
        best = min(KIND_PRIORITY.get(kind, 9) for _, kind in entries)
        codes = list(dict.fromkeys(c for c, kind in entries if KIND_PRIORITY.get(kind, 9) == best))
        if len(codes) == 1:
            return PlaceResolution(KNOWN, text, place=self.places[codes[0]])
        codes.sort(key=lambda c: -(self._employment.get(c) or 0))
        first, second = (self._employment.get(c) or 0 for c in codes[:2])
        if first >= DOMINANT * max(second, 1):  # "Cleveland": Cleveland, OH, not Cleveland, TN
            return PlaceResolution(KNOWN, text, place=self.places[codes[0]])
        return PlaceResolution(
            AMBIGUOUS, text, candidates=tuple(self.places[c] for c in codes[:MAX_CANDIDATES])
        )

    def resolve(self, mention: str) -> PlaceResolution:
        """Resolve one mention (an entity value or a short phrase)."""
        key = normalize(mention)
        if key.startswith("in "):
            key = key[3:]
        if not key or len(key) > 80:
            return PlaceResolution(UNKNOWN, mention)
        if key in self.aliases and (key not in self._usps or mention.strip().isupper()):
            return self._decide(mention, key)
        in_state = self._in_state(key)
        if in_state is not None:
            return PlaceResolution(KNOWN, mention, place=in_state.place)
        if len(key) >= self.matcher.min_length:
            close = self.matcher.close(key)
            if close is not None:
                return self._decide(mention, close[0])
        return PlaceResolution(UNKNOWN, mention)

    def scan(self, message: str) -> List[PlaceResolution]:
        """Places named anywhere in a whole message, in order, for when the NLU found none.

        Postal abbreviations count only in capitals ("nurses in OH"); in a message all in
        capitals, only after "in", "for", "near"… ("HOW MANY NURSES IN OH", not "FITS ME").
        When no area is named, a capitalised name after "in", "near", "around" or "across" ("in
        Atlantis") is returned as an unknown place, so that the reply says so instead of
        answering for the whole country."""
        upper = {w for w in message.split() if w.strip(".,;:!?").isupper()}
        upper = {w.strip(".,;:!?").lower() for w in upper}
        words = phrase_words(message, normalize)
        found: List[PlaceResolution] = []
        for match in self.matcher.find(words):
            found.append(self._decide(" ".join(words[match.start : match.start + match.size]),
                                      match.name))
        for before, word in zip([""] + words, words):
            if word in self._usps and word in upper and not _shouted_word(message, before):
                found.append(self._decide(word.upper(), word))
        if not found:  # "in Atlantis": a place all the same, and one the data lacks
            found = [PlaceResolution(UNKNOWN, m.group(1)) for m in _PLACE_AFTER.finditer(message)]
        return found

    def shouted_abbreviation(self, mention: str, message: str) -> bool:
        """Whether ``mention`` is a postal abbreviation that says nothing in ``message`` because
        the whole message is in capitals and no place word ("in", "for"…) comes before it:
        "IN" and "ME" in "CAN YOU GIVE ME A RECIPE", unlike "OH" in "NURSES IN OH"."""
        key = normalize(mention)
        if key not in self._usps:
            return False
        words = phrase_words(message, normalize)
        before = next((words[i - 1] for i, w in enumerate(words) if w == key and i), "")
        return _shouted_word(message, before)

    def count(self, area_type: str) -> int:
        """How many areas of ``area_type`` ("N", "S" or "M") the resolver knows."""
        return sum(1 for place in self.places.values() if place.type == area_type)

    def all_names(self) -> Sequence[str]:
        """Every normalised alias (for generating NLU data)."""
        return list(self.aliases)


def read_places(session):
    """``(aliases, places, employment)`` for :class:`PlaceResolver` from the ``areas`` and
    ``area_aliases`` tables."""
    from sqlalchemy import select

    from careerdata import models as m
    from careerdata import wages

    areas = list(session.scalars(select(m.Area)))
    aliases: Dict[str, List[Tuple[str, str]]] = {}
    for alias in session.scalars(select(m.AreaAlias)):
        aliases.setdefault(alias.normalized, []).append((alias.area_code, alias.kind))
    places = {a.code: wages._place(a) for a in areas}
    return aliases, places, {a.code: a.employment or 0 for a in areas}
