"""Reverse look-ups by O*NET skill or knowledge area ("which jobs need critical thinking?",
"what can I do with a psychology degree?") and by typical entry education ("which jobs need an
associate's degree?"), over every occupation of the :class:`careerdata.rankings.Catalog`.

Element names are read from the loaded O*NET 29.0 ratings (each "A and B" also by its parts) and
the everyday names of ``data/onet_elements.yml``. An occupation needs an element when O*NET rates
its importance :data:`HIGH_IMPORTANCE` or more (1–5 scale).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from careerdata import models_depth as d
from careerdata.depth import education_terms
from careerdata.rankings import Catalog, Row
from careerdata.text import normalize

ALIASES_FILE = Path(__file__).resolve().parent.parent / "data" / "onet_elements.yml"
#: O*NET importance (1–5) from which an occupation counts as needing a skill or knowledge area.
HIGH_IMPORTANCE = 3.5
SKILL, KNOWLEDGE = "skill", "knowledge"
#: Words of a message about studying: a name both a skill and a knowledge area is knowledge then.
_STUDY = re.compile(r"\b(?:degree|major|majored|studied|study|studies|diploma|course)\b", re.I)
@dataclass(frozen=True)
class Needed:
    """An occupation that needs an element: its catalog row, and O*NET's importance (1–5) and
    level (0–7) of the element for it."""

    row: Row
    importance: float
    level: Optional[float]


class ElementNames:
    """Finds O*NET skills and knowledge areas named in a message: :meth:`find`."""

    def __init__(self, elements: List[Tuple[str, str]], aliases: Dict[str, List[str]]) -> None:
        """``elements``: ``(kind, element name)``; ``aliases``: ``{element name: names}``.

        Raises:
            ValueError: an alias names no element of ``elements``.
        """
        self._names: Dict[str, List[Tuple[str, str]]] = {}
        known = {name for _, name in elements}
        unknown = sorted(set(aliases) - known)
        if unknown:
            raise ValueError(f"aliases of unknown O*NET elements: {', '.join(unknown)}")
        for kind, name in elements:
            words = [name, *(p for p in name.split(" and ") if " and " in name),
                     *aliases.get(name, ())]
            for word in words:
                self._names.setdefault(normalize(word), []).append((kind, name))
        alternatives = "|".join(re.escape(n) for n in sorted(self._names, key=len, reverse=True))
        self._pattern = re.compile(rf"\b(?:{alternatives})\b") if self._names else None

    def find(self, text: str) -> List[Tuple[str, str]]:
        """``[(kind, element name)]`` the message names, in text order; a name that is both a
        skill and a knowledge area is the knowledge area in a message about studying."""
        if self._pattern is None:
            return []
        found: List[Tuple[str, str]] = []
        study = bool(_STUDY.search(text))
        for match in self._pattern.finditer(normalize(text)):
            options = self._names[match.group(0)]
            kinds = {k for k, _ in options}
            prefer = KNOWLEDGE if study or SKILL not in kinds else SKILL
            chosen = [o for o in options if o[0] == prefer] or options
            if chosen[0] not in found:
                found.append(chosen[0])
        return found


def read_names(session: Session, path: Path = ALIASES_FILE) -> ElementNames:
    """The :class:`ElementNames` of the loaded O*NET 29.0 skills and knowledge areas."""
    rows = session.execute(select(d.OnetRating.kind, d.OnetRating.element_name)
                           .where(d.OnetRating.kind.in_((SKILL, KNOWLEDGE)))
                           .distinct()).all()
    raw = yaml.safe_load(Path(path).read_text("utf-8")) or {}
    aliases = {k: [str(v) for v in vs] for k, vs in (raw.get("aliases") or {}).items()}
    return ElementNames([(k, n) for k, n in rows], aliases if rows else {})


def needing(session: Session, catalog: Catalog, kind: str, name: str) -> List[Needed]:
    """Every catalog occupation whose O*NET-SOC ``.00`` occupation rates ``name`` (of ``kind``)
    :data:`HIGH_IMPORTANCE` or more: most important first, then most openings."""
    rated: Dict[str, Dict[str, float]] = {}
    for code, scale, value in session.execute(
            select(d.OnetRating.onet_code, d.OnetRating.scale, d.OnetRating.value)
            .where(d.OnetRating.kind == kind, d.OnetRating.element_name == name,
                   d.OnetRating.onet_code.like("%.00"))).all():
        rated.setdefault(code[:7], {})[scale] = value
    by_soc = {r.soc_code: r for r in catalog.rows}
    found = [Needed(by_soc[soc], v["IM"], v.get("LV")) for soc, v in rated.items()
             if soc in by_soc and v.get("IM", 0) >= HIGH_IMPORTANCE]
    return sorted(found, key=lambda n: (-n.importance, -n.row.openings, n.row.role))


def entry_level(text: str) -> Optional[str]:
    """The typical entry education a look-up asks about (a BLS category, by the words of
    ``data/bls_education.yml``), or None."""
    return education_terms().named(text)


def with_entry_education(catalog: Catalog, level: str) -> List[Row]:
    """Every catalog occupation whose typical entry education is ``level``, most openings
    first."""
    return sorted((r for r in catalog.rows if r.education == level),
                  key=lambda r: (-r.openings, r.role))
