"""Where an occupation's jobs are: states or metro areas ranked by BLS OEWS employment or by
concentration (issue 28).

- **employment**: how many people the occupation employs in the area (OEWS May 2025 estimates;
  self-employed excluded, as BLS says);
- **concentration**: the location quotient, the occupation's share of the area's jobs divided by
  its share of the nation's jobs (1.0: as common as nationally; 2.0: twice as common). BLS
  publishes it with OEWS; here it is computed from the same OEWS employment figures: the
  occupation's employment and the area's total employment (all occupations).

Areas without an employment estimate (BLS suppresses some) are left out and counted apart. The
pay ranking stays :func:`careerdata.wages.rank_areas`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from careerdata import models as m
from careerdata.wages import NATIONAL, Place

#: What a ranking of places can be by: pay (the median, :func:`careerdata.wages.rank_areas`),
#: employment, or concentration. The keys of data/rank_by.yml.
PAY, EMPLOYMENT, CONCENTRATION = "pay", "employment", "concentration"
BASES = (PAY, EMPLOYMENT, CONCENTRATION)
#: The phrases that ask for each basis (data/rank_by.yml).
RANK_BY_FILE = Path(__file__).resolve().parent.parent / "data" / "rank_by.yml"
_WORDS = re.compile(r"[a-z0-9%'-]+")


@lru_cache(maxsize=4)
def read_rank_by(path: Path = RANK_BY_FILE) -> Dict[str, Tuple[str, ...]]:
    """``{basis: (phrase, ...)}`` of ``data/rank_by.yml`` (lower case).

    Raises:
        ValueError: a key is not one of :data:`BASES`, or a value is not a list.
    """
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    if set(raw) - set(BASES) or not all(isinstance(v, list) for v in raw.values()):
        raise ValueError(f"{path}: expected lists under {', '.join(BASES)}")
    return {basis: tuple(" ".join(_WORDS.findall(str(w).lower())) for w in words)
            for basis, words in raw.items()}


def rank_basis(text: str, path: Path = RANK_BY_FILE) -> str:
    """What a question ranking places asks for: ``concentration`` when it says so ("where are
    nurses most concentrated?"), else ``pay`` with a pay phrase ("where do nurses earn the
    most?"), else ``employment`` with an employment phrase ("which states have the most
    registered nurses?", "where are the most jobs for electricians?"), else ``pay``."""
    padded = f" {' '.join(_WORDS.findall(text.lower()))} "
    phrases = read_rank_by(path)
    for basis in (CONCENTRATION, PAY, EMPLOYMENT):
        if any(f" {phrase} " in padded for phrase in phrases.get(basis, ())):
            return basis
    return PAY


@dataclass(frozen=True)
class JobsRank:
    """One area where the occupation works: ``employment`` (people), ``share`` (% of the area's
    jobs), ``quotient`` (location quotient, see the module), and the annual median (USD a year,
    None when BLS published none; ``topcoded`` when it is only a floor)."""

    place: Place
    employment: int
    share: float
    quotient: float
    annual_median: Optional[int]
    topcoded: bool


@dataclass(frozen=True)
class JobsRanking:
    """The top areas by ``basis``, how many areas have an employment estimate (``counted``),
    and the occupation's national employment and share of all jobs (%); national figures are
    None when BLS published none."""

    basis: str
    areas: List[JobsRank]
    counted: int
    national_employment: Optional[int]
    national_share: Optional[float]


def rank_by_jobs(session: Session, soc_code: str, area_type: str, basis: str = EMPLOYMENT,
                 limit: int = 5) -> JobsRanking:
    """Areas of ``area_type`` (``S`` states, ``M`` metro areas) where ``soc_code`` (a SOC code
    with OEWS figures) employs most people (``basis`` ``employment``) or is most concentrated
    (``concentration``: highest location quotient; ties by employment), the top ``limit``.

    Raises:
        ValueError: ``basis`` is neither ``employment`` nor ``concentration``.
    """
    if basis not in (EMPLOYMENT, CONCENTRATION):
        raise ValueError(f"rank places by employment or concentration, not {basis!r}")
    national = session.execute(
        select(m.Wage.employment, m.Area.employment)
        .join(m.Area, m.Area.code == m.Wage.area_code)
        .where(m.Wage.soc_code == soc_code, m.Wage.area_code == NATIONAL)
    ).first()
    national_share = (national[0] / national[1] if national and national[0] and national[1]
                      else None)
    rows = session.execute(
        select(m.Area, m.Wage.employment, m.Wage.annual_median, m.Wage.topcoded)
        .join(m.Wage, m.Wage.area_code == m.Area.code)
        .where(m.Wage.soc_code == soc_code, m.Area.type == area_type,
               m.Wage.employment.is_not(None), m.Area.employment.is_not(None),
               m.Area.employment > 0)
    ).all()
    ranked = []
    for area, employment, median, topcoded in rows:
        share = employment / area.employment
        quotient = share / national_share if national_share else 0.0
        ranked.append(JobsRank(Place(area.code, area.type, area.name, area.usps), employment,
                               round(100 * share, 3), round(quotient, 2), median,
                               "annual_median" in (topcoded or "")))
    if basis == EMPLOYMENT:
        ranked.sort(key=lambda r: (-r.employment, r.place.name))
    else:
        ranked.sort(key=lambda r: (-r.quotient, -r.employment, r.place.name))
    return JobsRanking(basis, ranked[:limit], len(ranked),
                       national[0] if national else None,
                       round(100 * national_share, 3) if national_share else None)
