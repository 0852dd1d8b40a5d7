"""Turn a place a user typed into an OEWS area: known, ambiguous or unknown.

Names come from the ``area_aliases`` table (state and metro names, principal cities, USPS
abbreviations, short names such as "NYC" from ``data/places.yml``); nothing here knows a place
by name. A name several areas share is decided by its kind: a short name or an area's own name
beats a postal abbreviation, which beats a city ("New York" is the state, "NYC" the metro area).
What is still shared ("Portland", "Springfield") is ambiguous, with the areas ranked by total
employment. Postal abbreviations count only when typed in capitals ("TX", not "in" or "or").
Misspellings of names of six or more characters are matched too ("Californa", "Seatle").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from careerdata.names import NameMatcher, phrase_words
from careerdata.roles import AMBIGUOUS, KNOWN, MAX_CANDIDATES, UNKNOWN
from careerdata.text import normalize
from careerdata.wages import Place

#: Alias kinds, most decisive first.
KIND_PRIORITY = {"short": 0, "name": 1, "usps": 2, "city": 3}
USPS = "usps"


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

    def _decide(self, text: str, key: str) -> PlaceResolution:
        entries = self.aliases[key]
        best = min(KIND_PRIORITY.get(kind, 9) for _, kind in entries)
        codes = list(dict.fromkeys(c for c, kind in entries if KIND_PRIORITY.get(kind, 9) == best))
        if len(codes) == 1:
            return PlaceResolution(KNOWN, text, place=self.places[codes[0]])
        codes.sort(key=lambda c: -(self._employment.get(c) or 0))
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
        if len(key) >= self.matcher.min_length:
            close = self.matcher.close(key)
            if close is not None:
                return self._decide(mention, close[0])
        return PlaceResolution(UNKNOWN, mention)

    def scan(self, message: str) -> List[PlaceResolution]:
        """Places named anywhere in a whole message, in order, for when the NLU found none.

        Postal abbreviations count only in capitals ("nurses in OH")."""
        upper = {w for w in message.split() if w.strip(".,;:!?").isupper()}
        upper = {w.strip(".,;:!?").lower() for w in upper}
        words = phrase_words(message, normalize)
        found: List[PlaceResolution] = []
        for match in self.matcher.find(words):
            found.append(self._decide(" ".join(words[match.start : match.start + match.size]),
                                      match.name))
        for word in words:
            if word in self._usps and word in upper:
                found.append(self._decide(word.upper(), word))
        return found

    def all_names(self) -> Sequence[str]:
        """Every normalised alias (for generating NLU data)."""
        return list(self.aliases)
