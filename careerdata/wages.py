"""Queries over the official labour-market data: pay, employment, rankings, industries.

The figures are BLS Occupational Employment and Wage Statistics (OEWS, May 2025 release),
cross-industry estimates; descriptions are O*NET's. Both are loaded by ``make db``
(:mod:`careerdata.load_oews`, :mod:`careerdata.load_onet`). Every result carries the
:class:`Citation` of its dataset release, so that every answer can name its source.

Functions take an open SQLAlchemy ``Session`` and return frozen dataclasses (no ORM rows escape);
:class:`careerdata.store.RoleStore` wraps them. Wages are USD: hourly figures an hour, annual
figures a year; employment counts people (self-employed excluded, as BLS says).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, FrozenSet, List, Optional, Tuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from careerdata import models as m

#: OEWS area code of the United States as a whole.
NATIONAL = "0000000"
PERCENTILES = ("p10", "p25", "median", "p75", "p90")


@dataclass(frozen=True)
class Citation:
    """A dataset release: ``"BLS OEWS, May 2025"``-style ``short`` name, plus where it came from."""

    dataset: str
    title: str
    release: str
    package: str
    licence: Optional[str] = None
    url: Optional[str] = None

    @property
    def short(self) -> str:
        """``BLS OEWS, May 2025`` or ``O*NET 29.1``: what a source line names."""
        if self.dataset == m.DATASET_OEWS:
            return f"BLS OEWS, {self.release}"
        return self.release


@dataclass(frozen=True)
class Place:
    """An OEWS area: ``type`` is ``N`` (the nation), ``S`` (a state or territory) or ``M``
    (a metro area); ``name`` as BLS writes it ("Seattle-Tacoma-Bellevue, WA"); national is
    named "United States"; ``usps``: a state's postal abbreviation (None otherwise)."""

    code: str
    type: str
    name: str
    usps: Optional[str] = field(default=None, compare=False)


@dataclass(frozen=True)
class Figures:
    """One OEWS cell. ``hourly``/``annual`` map :data:`PERCENTILES` and ``mean`` to USD (an
    hour / a year), None where BLS released none. ``topcoded`` holds the keys
    (``"annual_p90"``, ``"hourly_median"`` ...) whose value is only a floor ("$239,200 or more").
    """

    employment: Optional[int]
    hourly: Dict[str, Optional[float]]
    annual: Dict[str, Optional[int]]
    topcoded: FrozenSet[str] = frozenset()
    hourly_only: bool = False
    annual_only: bool = False

    @property
    def has_wages(self) -> bool:
        """True when BLS released at least a median (hourly or annual) for the cell."""
        return self.annual.get("median") is not None or self.hourly.get("median") is not None


@dataclass(frozen=True)
class Occupation:
    """The official occupation behind a role.

    ``role`` is the role's canonical name, ``kind`` ``article`` or ``occupation``; ``soc_code``
    and ``title`` name the OEWS occupation whose figures the role uses (None when there is
    none); ``mapping`` is ``same``, ``part`` (an O*NET occupation inside that SOC occupation) or
    ``closest`` (an article role; ``note`` says why); ``description`` is O*NET's, if any.
    """

    role: str
    kind: str
    soc_code: Optional[str]
    title: Optional[str]
    mapping: Optional[str]
    note: Optional[str]
    onet_code: Optional[str]
    description: Optional[str]
    employment: Optional[int]


@dataclass(frozen=True)
class Pay:
    """Pay of ``occupation`` in ``place``; ``figures`` None when BLS has no cell there, and then
    ``national`` holds the national figures (when the place was not national)."""

    occupation: Occupation
    place: Place
    figures: Optional[Figures]
    national: Optional[Figures]
    citation: Citation


@dataclass(frozen=True)
class Ranked:
    """A place and the annual median (USD a year) that ranks it; ``topcoded`` when that median
    is only a floor."""

    place: Place
    annual_median: int
    topcoded: bool
    employment: Optional[int]


def citations(session: Session) -> Dict[str, Citation]:
    """``{dataset: Citation}`` for every loaded release (``oews``, ``onet``)."""
    return {
        r.dataset: Citation(r.dataset, r.title, r.release, r.package, r.licence, r.url)
        for r in session.scalars(select(m.Release))
    }


def _place(area: m.Area) -> Place:
    name = "United States" if area.type == m.AREA_NATIONAL else area.name
    return Place(area.code, area.type, name, area.usps)


def place(session: Session, code: str) -> Place:
    """The :class:`Place` of OEWS area ``code``. Raises ``KeyError`` for an unknown code."""
    area = session.get(m.Area, code)
    if area is None:
        raise KeyError(f"unknown area {code!r}")
    return _place(area)


def occupation(session: Session, role: str) -> Occupation:
    """The :class:`Occupation` behind ``role`` (canonical name). Raises ``KeyError`` for an
    unknown role."""
    row = session.scalars(select(m.Role).where(m.Role.name == role)).first()
    if row is None:
        raise KeyError(f"unknown role {role!r}")
    title = None
    if row.soc_code:
        occ = session.get(m.Occupation, row.soc_code)
        title = occ.title if occ else None
    description = None
    if row.onet_code:
        onet = session.get(m.OnetOccupation, row.onet_code)
        description = onet.description if onet else None
    return Occupation(
        row.name, row.kind, row.soc_code if title else None, title, row.mapping,
        row.mapping_note, row.onet_code, description, row.employment,
    )


def _figures(w: m.Wage) -> Figures:
    return Figures(
        employment=w.employment,
        hourly={"mean": w.hourly_mean, **{p: getattr(w, f"hourly_{p}") for p in PERCENTILES}},
        annual={"mean": w.annual_mean, **{p: getattr(w, f"annual_{p}") for p in PERCENTILES}},
        topcoded=frozenset(filter(None, (w.topcoded or "").split(","))),
        hourly_only=bool(w.hourly_only),
        annual_only=bool(w.annual_only),
    )


def figures(session: Session, soc_code: str, area_code: str) -> Optional[Figures]:
    """The OEWS cell of one occupation in one area, or None when BLS has none."""
    row = session.get(m.Wage, (soc_code, area_code))
    return _figures(row) if row is not None else None


def pay(session: Session, role: str, area_code: str, cite: Citation) -> Pay:
    """Pay and employment of ``role`` in area ``area_code`` (see :class:`Pay`).

    Raises ``KeyError`` for an unknown role or area."""
    occ = occupation(session, role)
    where = place(session, area_code)
    found = figures(session, occ.soc_code, area_code) if occ.soc_code else None
    national = None
    if (found is None or not found.has_wages) and area_code != NATIONAL and occ.soc_code:
        national = figures(session, occ.soc_code, NATIONAL)
    return Pay(occ, where, found, national, cite)


def rank_areas(
    session: Session, soc_code: str, area_type: str, limit: int = 5
) -> Tuple[List[Ranked], int]:
    """Areas of ``area_type`` (``S`` or ``M``) by annual median of ``soc_code``, highest first.

    Returns the top ``limit`` and how many areas have a median at all. Top-coded medians rank
    first (their true value is at least the floor)."""
    rows = session.execute(
        select(m.Area, m.Wage.annual_median, m.Wage.topcoded, m.Wage.employment)
        .join(m.Wage, m.Wage.area_code == m.Area.code)
        .where(
            m.Wage.soc_code == soc_code,
            m.Area.type == area_type,
            m.Wage.annual_median.is_not(None),
        )
    ).all()
    ranked = [
        Ranked(_place(a), median, "annual_median" in (top or ""), emp)
        for a, median, top, emp in rows
    ]
    ranked.sort(key=lambda r: (-r.annual_median, not r.topcoded, r.place.name))
    return ranked[:limit], len(ranked)


def top_industries(session: Session, soc_code: str, limit: int = 5) -> List[Tuple[str, int]]:
    """The 3-digit industries employing most people in ``soc_code`` nationally, as
    ``(industry name, employment)``, largest first (sectors when no 3-digit figures exist)."""
    for level in (3, 2):
        rows = session.execute(
            select(m.Industry.name, m.IndustryEmployment.employment)
            .join(m.Industry, m.Industry.code == m.IndustryEmployment.industry_code)
            .where(m.IndustryEmployment.soc_code == soc_code, m.Industry.level == level)
            .order_by(m.IndustryEmployment.employment.desc())
            .limit(limit)
        ).all()
        if rows:
            return [(name, emp) for name, emp in rows]
    return []
