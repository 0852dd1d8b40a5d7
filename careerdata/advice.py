"""Fit across every occupation: the conversation's profile (skills and tools, RIASEC interest
areas, education, lowest pay, place) scored against each occupation of the
:class:`careerdata.rankings.Catalog`.

The score of an occupation (0–100 %) is the average of what the profile gives: the interest
match, how strongly O*NET 30.1 rates the occupation in the interest areas named (its 1–7
Occupational Interest score, as a share: 7 is 100 %, 1 is 0 %), and the skill match, the share
of the skills and tools named that O*NET lists among the occupation's technology and tools.
Education, lowest pay, field and place filter; they never score. Ties go to more openings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

from careerdata.depth import education_terms
from careerdata.interests import AREAS
from careerdata.rankings import Catalog, Filters, Row, in_area
from careerdata.technology import TechnologyIndex

#: An interest score (1–7) from which an area counts as matched, O*NET's "high" band.
STRONG_INTEREST = 5.0


@dataclass(frozen=True)
class Profile:
    """What the user told: skills and tools (canonical names), interest areas (of
    :data:`careerdata.interests.AREAS`), the highest education they have (a BLS category, or
    None), the lowest pay wanted (USD a year) and their current role."""

    skills: Tuple[str, ...] = ()
    interests: Tuple[str, ...] = ()
    education: Optional[str] = None
    min_pay: Optional[int] = None
    current: Optional[str] = None

    def __bool__(self) -> bool:
        return bool(self.skills or self.interests)


@dataclass(frozen=True)
class Match:
    """One occupation's fit: its row (median as ranked: national or the area's), the score
    (0–100), the interest areas it rates 5 or more among those named (with their 1–7 scores),
    the skills named that O*NET lists for it and those it does not, and up to three of its
    Hot Technologies the user did not name."""

    row: Row
    score: int
    interests: Tuple[Tuple[str, float], ...] = ()
    weak: Tuple[Tuple[str, float], ...] = ()
    skills: Tuple[str, ...] = ()
    unused: Tuple[str, ...] = ()
    learn: Tuple[str, ...] = ()


@dataclass
class Fit:
    """The best matches, how many occupations qualified, and the skills no O*NET technology
    names (not counted)."""

    matches: List[Match]
    total: int
    uncounted: List[str] = field(default_factory=list)


def _skill_users(skills: Sequence[str], technology: TechnologyIndex,
                 catalog: Catalog) -> Tuple[Dict[str, FrozenSet[str]], List[str]]:
    """``({skill: catalog roles whose O*NET technology names it}, skills named nowhere)``; a
    detailed O*NET occupation counts for its SOC occupation."""
    users: Dict[str, FrozenSet[str]] = {}
    uncounted: List[str] = []
    for skill in skills:
        roles = {catalog.parents.get(r, r) for r, _, _ in technology.users(skill).occupations}
        if roles:
            users[skill] = frozenset(roles)
        else:
            uncounted.append(skill)
    return users, uncounted


def fit(profile: Profile, catalog: Catalog, technology: TechnologyIndex,
        filters: Filters = Filters(), pay: Optional[Dict[str, int]] = None,
        limit: int = 5) -> Fit:
    """The occupations that fit ``profile`` best (see the module docstring), within
    ``filters`` and the profile's education and lowest pay; ``pay`` an area's medians
    (``{soc_code: USD a year}``) as in :meth:`careerdata.rankings.Catalog.kept`.

    Raises:
        ValueError: the profile names an interest area outside RIASEC or an unknown education.
    """
    unknown = [a for a in profile.interests if a not in AREAS]
    if unknown:
        raise ValueError(f"unknown interest areas {unknown}")
    users, uncounted = _skill_users(profile.skills, technology, catalog)
    cap = education_terms().lower(filters.education, profile.education)
    lowest = max(filters.min_pay or 0, profile.min_pay or 0) or None
    rows = catalog.kept(Filters(cap, filters.groups, filters.zone, lowest), pay)
    positions = [AREAS.index(a) for a in profile.interests]
    scored: List[Tuple[float, Row]] = []
    for row in rows:
        parts = []
        if positions:
            if not row.interests:
                continue
            parts.append(sum((row.interests[i] - 1) / 6 for i in positions) / len(positions))
        if users:
            parts.append(sum(row.role in roles for roles in users.values()) / len(users))
        if parts:
            scored.append((sum(parts) / len(parts), row))
    scored.sort(key=lambda s: (-s[0], -s[1].openings, s[1].role))
    matches = [_explain(in_area(row, pay), score, positions, users, profile, technology)
               for score, row in scored[:limit] if score > 0]
    return Fit(matches, sum(1 for s, _ in scored if s > 0), uncounted)


def _explain(row: Row, score: float, positions: List[int], users: Dict[str, FrozenSet[str]],
             profile: Profile, technology: TechnologyIndex) -> Match:
    rated = [(AREAS[i], row.interests[i]) for i in positions]
    known = {s.lower() for s in profile.skills}
    learn = [e for e in technology.hot(row.role) if e.lower() not in known
             and not any(k in e.lower() for k in known)][:3]
    return Match(row, round(score * 100),
                 tuple(r for r in rated if r[1] >= STRONG_INTEREST),
                 tuple(r for r in rated if r[1] < STRONG_INTEREST),
                 tuple(s for s, roles in users.items() if row.role in roles),
                 tuple(s for s, roles in users.items() if row.role not in roles),
                 tuple(learn))
