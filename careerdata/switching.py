"""Moving from one occupation to another: what the target needs at a higher level (O*NET 29.0
skills and knowledge), the Hot Technologies it lists that the current occupation does not (O*NET
30.1), the entry education and the pay of both (BLS Employment Projections 2024–34, BLS OEWS May
2025); and the related occupations worth moving to (O*NET 30.1 Related Occupations).

Everything here works on what the store already read (:class:`careerdata.depth.Depth` of both
occupations, :class:`careerdata.rankings.Catalog` rows): no queries of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from careerdata.depth import Depth, education_terms
from careerdata.rankings import Catalog, Row, in_area, median_in
from careerdata.technology import TechnologyIndex

#: A level difference (O*NET's 0–7 level scale) from which a skill counts as a gap.
MIN_GAP = 0.5
#: The importance (1–5) from which a skill or knowledge area of the target counts at all.
MIN_IMPORTANCE = 3.0


@dataclass(frozen=True)
class Gap:
    """A skill or knowledge area (``kind``) the target needs at a higher level: the current
    occupation's level and the target's (0–7), and its importance to the target (1–5)."""

    label: str
    kind: str
    have: float
    need: float
    importance: float


@dataclass(frozen=True)
class Switch:
    """From ``source`` to ``target`` (role names): the gaps (largest first), the Hot
    Technologies to learn, the entry education of both (BLS categories, None when unknown),
    their medians (USD a year, national or the area's; None when unpublished) and the
    release keys the facts come from."""

    source: str
    target: str
    gaps: Tuple[Gap, ...]
    learn: Tuple[str, ...]
    education: Tuple[Optional[str], Optional[str]]
    pay: Tuple[Optional[int], Optional[int]]
    releases: Tuple[str, ...]

    @property
    def education_step(self) -> int:
        """How many BLS education levels higher the target's entry education is (0 when the
        same or lower, or when either is unknown)."""
        return education_terms().steps(*self.education)


def gaps(source: Sequence[Depth], target: Sequence[Depth]) -> List[Gap]:
    """The items of ``target``'s skill and knowledge depths whose level exceeds the source's by
    :data:`MIN_GAP` or more, where the target rates them :data:`MIN_IMPORTANCE` or more;
    largest gap first. An item the source lacks counts from level 0."""
    have: Dict[str, float] = {}
    for depth in source:
        for item in (*depth.items, *depth.extra):
            if item.level is not None:
                have[item.label] = item.level
    found: Dict[str, Gap] = {}
    for depth in target:
        kind = depth.topic
        for item in depth.items:
            if item.level is None or (item.value or 0) < MIN_IMPORTANCE:
                continue
            mine = have.get(item.label, 0.0)
            if item.level - mine >= MIN_GAP and item.label not in found:
                found[item.label] = Gap(item.label, kind, mine, item.level, item.value or 0)
    return sorted(found.values(), key=lambda g: (-(g.need - g.have), -g.importance, g.label))


def switch(source: str, target: str, source_depths: Sequence[Depth],
           target_depths: Sequence[Depth], catalog: Catalog, technology: TechnologyIndex,
           pay: Optional[Dict[str, int]] = None) -> Switch:
    """The :class:`Switch` from ``source`` to ``target`` (role names); ``*_depths`` their skill
    and knowledge :class:`Depth`; ``pay`` an area's medians by SOC code (else national)."""
    rows = catalog.row(source), catalog.row(target)

    tech = [catalog.parents.get(r, r) if r not in catalog.by_role else r for r in (source, target)]
    learn = tuple(e for e in technology.hot(tech[1]) if not technology.uses(tech[0], e))[:5]
    releases = tuple(dict.fromkeys(r for d in (*source_depths, *target_depths)
                                   for r in d.releases))
    return Switch(source, target, tuple(gaps(source_depths, target_depths)), learn,
                  tuple(r.education if r else None for r in rows),
                  tuple(median_in(r, pay) if r else None for r in rows), releases)


@dataclass(frozen=True)
class Move:
    """A related occupation worth moving to: its row (median national or the area's) and the
    O*NET relatedness tier."""

    row: Row
    tier: str


def moves(current: str, related: Depth, catalog: Catalog, education: Optional[str] = None,
          pay: Optional[Dict[str, int]] = None, limit: int = 5) -> Tuple[List[Move], int]:
    """``(the related occupations of `current` that pay more or grow faster, how many do)``,
    within entry education ``education`` (a BLS category; None: any), highest pay first;
    ``related`` is ``current``'s similar-jobs :class:`Depth`; ``pay`` an area's medians.

    Raises:
        ValueError: ``education`` is not a BLS category.
    """
    allowed = education_terms().up_to(education)
    here = catalog.row(current)
    base_pay = median_in(here, pay) if here else None
    found: Dict[str, Move] = {}
    for item in related.items:
        row = catalog.row(item.label)
        if row is None or row.role in found or (here and row.soc_code == here.soc_code):
            continue
        median = median_in(row, pay)
        if median is None or row.education not in allowed:
            continue
        better_pay = base_pay is not None and median > base_pay
        better_outlook = here is not None and row.change_percent > here.change_percent
        if better_pay or (base_pay is None and better_outlook):
            found[row.role] = Move(in_area(row, pay), item.flags[0] if item.flags else "")
    ranked = sorted(found.values(), key=lambda mv: (-(mv.row.median or 0), mv.row.role))
    return ranked[:limit], len(ranked)
