"""Rankings over every occupation: fastest growing, most openings (BLS Employment Projections
2024–34) and best paid (BLS OEWS May 2025 median, nationally or in a state or metro area), with
filters: typical entry education ("without a degree"), field (SOC major group, "healthcare"),
O*NET job zone and a lowest pay.

:class:`Catalog` holds one :class:`Row` per SOC occupation (an O*NET ``.00`` occupation or an
OEWS-only one, mapping ``same``; BLS projects and pays SOC occupations, not O*NET's detailed
ones), read once in a few queries (:func:`build_catalog`); ranking and filtering are a pass over
its ~830 rows in memory, never over the database's rating rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Tuple

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from careerdata import models as m
from careerdata import models_depth as d
from careerdata.depth import RIASEC, education_terms
from careerdata.wages import NATIONAL

GROWTH, OPENINGS, PAY = "growth", "openings", "pay"
FIELDS_FILE = Path(__file__).resolve().parent.parent / "data" / "fields.yml"
#: A question or statement without a degree: at most "Some college, no degree" (BLS).
NO_DEGREE = re.compile(r"\b(?:without|no|don'?t have an?|not|never got an?|(?:don'?t|dont|do not|"
                       r"doesn'?t|doesnt|does not) (?:need|require)) (?:a |any )?(?:(?:college|"
                       r"university) )?degree\b|\bno college\b|"
                       r"\bwithout (?:going (?:back )?to )?(?:college|school|university)\b|"
                       r"\bno (?:more )?school", re.IGNORECASE)
NO_DEGREE_LEVEL = "Some college, no degree"
#: Without a four-year degree ("doesn't need a 4 year degree", "no bachelor's"): a two-year
#: degree is still allowed, so at most "Associate's degree".
NO_BACHELORS = re.compile(r"\b(?:without|no|not|don'?t have|never got|(?:don'?t|dont|do not|"
                          r"doesn'?t|doesnt|does not) (?:need|require)) (?:a |an |any )?"
                          r"(?:(?:4|four)[- ]year (?:college )?degree|bachelor'?s(?: degree)?)\b",
                          re.IGNORECASE)
NO_BACHELORS_LEVEL = "Associate's degree"


def degree_cap(text: str) -> Optional[str]:
    """The highest entry education a "without a degree" phrase allows (a BLS category): "no
    degree" -> "Some college, no degree", "doesn't need a 4 year degree" -> "Associate's
    degree"; None when the text has no such phrase."""
    if NO_BACHELORS.search(text):
        return NO_BACHELORS_LEVEL
    return NO_DEGREE_LEVEL if NO_DEGREE.search(text) else None


#: "at least $60k", "over 80,000", "$50k+", "six figures".
_MIN_PAY = re.compile(r"(?:at least|over|above|more than|minimum(?: of)?|min\.?|no less than)\s*"
                      r"\$?\s*(\d[\d,.]*)\s*(k|thousand)?|\$\s*(\d[\d,.]*)\s*(k|thousand)?\s*\+"
                      r"|\$\s*(\d[\d,.]*)\s*(k|thousand)?\s*(?:a year|per year|or more|and up)",
                      re.IGNORECASE)
_SIX_FIGURES = re.compile(r"\bsix[- ]figures?\b", re.IGNORECASE)
#: "job zone 2", "job zone two" (O*NET's five zones of preparation).
_ZONE = re.compile(r"\bjob zone (\d|one|two|three|four|five)\b", re.IGNORECASE)
_ZONE_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


@dataclass(frozen=True)
class Row:
    """One SOC occupation: role name, SOC code, major group (two digits), change 2024–34 (%),
    openings a year (people), national median pay (USD a year; None where BLS publishes none),
    typical entry education (BLS category), job zone (1–5, O*NET; None without O*NET data) and
    RIASEC interest scores (1–7, O*NET order; () without O*NET data)."""

    role: str
    soc_code: str
    change_percent: float
    openings: int
    median: Optional[int]
    education: str
    zone: Optional[int] = None
    interests: Tuple[float, ...] = ()

    @property
    def group(self) -> str:
        """The SOC major group's two digits ("29" of 29-1141)."""
        return self.soc_code[:2]


@dataclass(frozen=True)
class Filters:
    """What a ranking or fit keeps: entry education at most ``education`` (a BLS category),
    SOC major groups ``groups`` (empty: all), job zone at most ``zone``, median pay at least
    ``min_pay`` (USD a year, where it is ranked: nationally or in the area)."""

    education: Optional[str] = None
    groups: FrozenSet[str] = frozenset()
    zone: Optional[int] = None
    min_pay: Optional[int] = None

    def __bool__(self) -> bool:
        return bool(self.education or self.groups or self.zone or self.min_pay)


@dataclass
class Catalog:
    """Every SOC occupation's row (see the module docstring), with the major groups' titles
    (``{"29": "Healthcare practitioners and technical occupations"}``), the roles of O*NET's
    detailed occupations mapped to their SOC occupation's role (``parents``), and the
    all-occupation change 2024–34 (%)."""

    rows: List[Row]
    groups: Dict[str, str] = field(default_factory=dict)
    parents: Dict[str, str] = field(default_factory=dict)
    average_change: Optional[float] = None

    def __post_init__(self) -> None:
        self.by_role = {r.role: r for r in self.rows}

    def row(self, role: str) -> Optional[Row]:
        """The row of ``role``, or of its SOC occupation for a detailed O*NET occupation."""
        return self.by_role.get(role) or self.by_role.get(self.parents.get(role, ""))

    def kept(self, filters: Filters, pay: Optional[Dict[str, int]] = None) -> List[Row]:
        """The rows ``filters`` keep, with their national medians; ``pay`` (``{soc_code:
        median}``, an area's) replaces the national median for the lowest pay, and a row without
        pay there is dropped (the area's medians go into the few rows shown, by
        :func:`in_area`: a pass over every row builds no new rows).

        Raises:
            ValueError: an education level that is not a BLS category.
        """
        allowed = set(education_terms().up_to(filters.education))
        kept = []
        for r in self.rows:
            if r.education not in allowed or (filters.groups and r.group not in filters.groups):
                continue
            if filters.zone and (r.zone is None or r.zone > filters.zone):
                continue
            if pay is not None or filters.min_pay:
                median = median_in(r, pay)
                if median is None or (filters.min_pay and median < filters.min_pay):
                    continue
            kept.append(r)
        return kept

    def rank(self, basis: str, filters: Filters = Filters(), limit: int = 8,
             pay: Optional[Dict[str, int]] = None) -> Tuple[List[Row], int]:
        """``(the top `limit` rows by basis, how many qualified)``; ``basis`` is
        :data:`GROWTH`, :data:`OPENINGS` or :data:`PAY`; ``pay`` as in :meth:`kept` (its
        medians are then the ones ranked and shown).

        Raises:
            ValueError: unknown basis or education level.
        """
        if basis not in (GROWTH, OPENINGS, PAY):
            raise ValueError(f"unknown basis {basis!r}")
        found = self.kept(filters, pay)
        if basis == PAY:
            found = [r for r in found if median_in(r, pay) is not None]
        key = {GROWTH: lambda r: -r.change_percent, OPENINGS: lambda r: -r.openings,
               PAY: lambda r: -(median_in(r, pay) or 0)}[basis]
        found.sort(key=lambda r: (key(r), r.role))
        return [in_area(r, pay) for r in found[:limit]], len(found)


def median_in(row: Row, pay: Optional[Dict[str, int]]) -> Optional[int]:
    """``row``'s median (USD a year) in the area whose medians are ``pay`` (``{soc_code:
    median}``), or nationally when ``pay`` is None; None where BLS publishes none."""
    return pay.get(row.soc_code) if pay is not None else row.median


def in_area(row: Row, pay: Optional[Dict[str, int]]) -> Row:
    """``row`` with its median in the area of ``pay`` (itself when ``pay`` is None)."""
    return row if pay is None else replace(row, median=median_in(row, pay))


def education_cap(text: str) -> Optional[str]:
    """The highest entry education a question allows: "jobs without a degree" -> "Some college,
    no degree" (:func:`degree_cap`), else the level it names by the words of
    ``data/bls_education.yml`` ("with an associate's" -> "Associate's degree"), or None."""
    return degree_cap(text) or education_terms().named(text)


def min_pay(text: str) -> Optional[int]:
    """The lowest pay a message asks for, in USD a year ("at least $60k" -> 60000, "six
    figures" -> 100000), or None. Figures under 1,000 are thousands ("over 80k", "over 80")."""
    if _SIX_FIGURES.search(text):
        return 100_000
    found = _MIN_PAY.search(text)
    if found is None:
        return None
    number, unit = next((found.group(i), found.group(i + 1)) for i in (1, 3, 5)
                        if found.group(i))
    value = float(number.replace(",", "").rstrip("."))
    if unit or value < 1000:
        value *= 1000
    return int(value)


def job_zone(text: str) -> Optional[int]:
    """The O*NET job zone (1–5) a question caps ("job zone 2 jobs"), or None."""
    found = _ZONE.search(text)
    if found is None:
        return None
    word = found.group(1).lower()
    return int(word) if word.isdigit() and 1 <= int(word) <= 5 else _ZONE_WORDS.get(word)


def filters_of(text: str) -> Filters:
    """The :class:`Filters` a question sets: entry education, field, job zone, lowest pay."""
    return Filters(education_cap(text), field_groups(text), job_zone(text), min_pay(text))


def read_field_words(path: Path = FIELDS_FILE) -> Dict[str, Tuple[str, ...]]:
    """``{major group (two digits): everyday words}`` of ``data/fields.yml``."""
    raw = yaml.safe_load(Path(path).read_text("utf-8"))
    return {str(code): tuple(str(w).lower() for w in words)
            for code, words in raw["fields"].items()}


_FIELD_PATTERNS: Dict[str, re.Pattern] = {}


def field_groups(text: str) -> FrozenSet[str]:
    """The SOC major groups a message names through ``data/fields.yml`` ("best paid healthcare
    jobs" -> {"29", "31"}); empty when it names none."""
    if not _FIELD_PATTERNS:
        for code, words in read_field_words().items():
            alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
            _FIELD_PATTERNS[code] = re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)
    return frozenset(code for code, pattern in _FIELD_PATTERNS.items() if pattern.search(text))


def build_catalog(session: Session) -> Catalog:
    """Read the :class:`Catalog`: projections joined to the roles of their SOC codes, the
    national OEWS medians, O*NET job zones and RIASEC interest scores (OI scale)."""
    rows = session.execute(
        select(m.Role.name, m.Role.soc_code, m.Role.onet_code, d.Projection.change_percent,
               d.Projection.openings, d.Projection.education, m.Wage.annual_median,
               d.OnetJobZone.zone)
        .join(d.Projection, d.Projection.soc_code == m.Role.soc_code)
        .outerjoin(m.Wage, (m.Wage.soc_code == m.Role.soc_code) & (m.Wage.area_code == NATIONAL))
        .outerjoin(d.OnetJobZone, d.OnetJobZone.onet_code == m.Role.onet_code)
        .where(m.Role.mapping == m.MAPPING_SAME, m.Role.kind == m.KIND_OCCUPATION,
               d.Projection.line_item.is_(True), d.Projection.education.is_not(None))).all()
    scores: Dict[str, Dict[str, float]] = {}
    for code, name, value in session.execute(
            select(d.OnetRating.onet_code, d.OnetRating.element_name, d.OnetRating.value)
            .where(d.OnetRating.kind == "interest", d.OnetRating.scale == "OI")).all():
        scores.setdefault(code, {})[name] = value
    found = []
    for name, soc, onet, change, openings, education, median, zone in rows:
        areas = scores.get(onet or "", {})
        interests = tuple(areas.get(a, 1.0) for a in RIASEC) if areas else ()
        found.append(Row(name, soc, change, round(openings * 1000), median, education, zone,
                         interests))
    groups = {code[:2]: title for code, title in session.execute(
        select(d.Projection.soc_code, d.Projection.title)
        .where(d.Projection.soc_code.like("%-0000"))).all()}
    total = session.get(d.Projection, "00-0000")
    by_soc = {r.soc_code: r.role for r in found}
    parents = {name: by_soc[soc] for name, soc in session.execute(
        select(m.Role.name, m.Role.soc_code).where(m.Role.soc_code.is_not(None))).all()
        if soc in by_soc and by_soc[soc] != name}
    return Catalog(found, groups, parents, total.change_percent if total else None)
