"""Rankings over every occupation: fastest growing, most openings (BLS Employment Projections
2024–34) and best paid (BLS OEWS May 2025 national median), optionally within a typical entry
education ("without a degree").

Each occupation is the role of its SOC code (an O*NET ``.00`` occupation or an OEWS-only one,
mapping ``same``); BLS projects and pays SOC occupations, not O*NET's detailed ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Optional, Tuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from careerdata import models as m
from careerdata import models_depth as d
from careerdata.depth import education_terms
from careerdata.wages import NATIONAL

GROWTH, OPENINGS, PAY = "growth", "openings", "pay"
#: Words of a question that cap the entry education: the highest level allowed.
_CAPS = (
    (re.compile(r"\b(without|no|don'?t have an?|not) (a )?(college )?degree\b|\bno college\b"
                r"|\bhigh school\b"), "Some college, no degree"),
    (re.compile(r"\bassociate'?s?\b|\btwo[- ]year degree\b"), "Associate's degree"),
    (re.compile(r"\bbachelor'?s?\b|\bfour[- ]year degree\b"), "Bachelor's degree"),
)


@dataclass(frozen=True)
class Ranked:
    """One occupation of a ranking: role name, change 2024–34 (%), openings a year (people),
    median pay (USD a year; None where BLS publishes none) and typical entry education."""

    role: str
    change_percent: float
    openings: int
    median: Optional[int]
    education: str


def education_cap(text: str) -> Optional[str]:
    """The highest entry education a question allows ("jobs without a degree" -> "Some
    college, no degree"), or None when it names none."""
    lowered = text.lower()
    return next((cap for pattern, cap in _CAPS if pattern.search(lowered)), None)


def rank(session: Session, basis: str, cap: Optional[str] = None,
         limit: int = 8) -> Tuple[List[Ranked], int]:
    """``(the top `limit` occupations by basis, how many qualified)``; ``basis`` is
    :data:`GROWTH`, :data:`OPENINGS` or :data:`PAY`; ``cap`` an entry education of
    :func:`careerdata.depth.education_terms` ``levels`` (that level and those below).

    Raises:
        ValueError: unknown basis or education level.
    """
    if basis not in (GROWTH, OPENINGS, PAY):
        raise ValueError(f"unknown basis {basis!r}")
    levels = education_terms().levels
    allowed = levels[:levels.index(cap) + 1] if cap else levels
    rows = session.execute(
        select(m.Role.name, d.Projection.change_percent, d.Projection.openings,
               d.Projection.education, m.Wage.annual_median)
        .join(d.Projection, d.Projection.soc_code == m.Role.soc_code)
        .outerjoin(m.Wage, (m.Wage.soc_code == m.Role.soc_code) & (m.Wage.area_code == NATIONAL))
        .where(m.Role.mapping == m.MAPPING_SAME, d.Projection.line_item.is_(True),
               d.Projection.education.in_(allowed))).all()
    found = [Ranked(name, change, round(openings * 1000), median, education)
             for name, change, openings, education, median in rows]
    if basis == PAY:
        found = [r for r in found if r.median is not None]
    key = {GROWTH: lambda r: -r.change_percent, OPENINGS: lambda r: -r.openings,
           PAY: lambda r: -(r.median or 0)}[basis]
    found.sort(key=lambda r: (key(r), r.role))
    return found[:limit], len(found)
