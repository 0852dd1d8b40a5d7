"""Pictures beside the text answers (issue 28): what each chart shows, as data.

A :class:`Chart` is built from the same records as the text answer (:class:`careerdata.wages.Pay`,
:class:`careerdata.place_rankings.JobsRanking`, the outlook of :mod:`careerdata.depth`) by a pure
function here, and drawn by :mod:`actions.chart_render` only when a client loads its URL
(:func:`chart_url`): the text answer never waits for a picture. Every chart has a title,
an axis label with its unit, the source and release in its footer, and alt text saying in one
sentence what it shows. Figures BLS did not publish are left out (the row says "not
published"); a top-coded figure is drawn as its floor and labelled "≥ $239,200".

Kinds: :data:`RANGE` (pay percentiles on one axis, one row per occupation or place, optional
reference lines such as the national median) and :data:`BARS` (one value a row: places by
median, employment or concentration; outlook change against the all-occupation average).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional, Sequence, Tuple
from urllib.parse import quote

from actions.reply import PUBLIC_URL_ENV, Picture
from careerdata.place_rankings import CONCENTRATION, JobsRanking
from careerdata.wages import NATIONAL, PERCENTILES, Figures, Pay, Ranked

RANGE, BARS = "range", "bars"
#: The public address of the Rasa server (or of the balancer) that clients load charts from:
#: :data:`actions.reply.PUBLIC_URL_ENV`, else this.
DEFAULT_PUBLIC_URL = "http://localhost:5005"
#: ``off`` turns the pictures off: every answer is text only (``make bench`` compares both).
CHARTS_ENV = "CAREERBOT_CHARTS"
#: The path under which the Rasa server (and through it the action server) serves charts.
CHART_PATH = "/charts"
_OEWS_NOTE = "cross-industry; excludes the self-employed"


@dataclass(frozen=True)
class Row:
    """One row of a chart: its ``label``, ``values`` (RANGE: the five percentiles p10…p90 in
    order; BARS: one value), which of them are only floors (``floors``, top-coded), and the
    ``text`` printed beside it ("$98,630", "76,770 employed", "1.12×"); ``muted`` rows (the
    all-occupation average) are drawn in grey."""

    label: str
    values: Tuple[Optional[float], ...]
    floors: Tuple[bool, ...] = ()
    text: str = ""
    muted: bool = False  # drawn in grey: a comparison line, not the answer


@dataclass(frozen=True)
class Chart:
    """What a picture shows: ``kind`` (:data:`RANGE` or :data:`BARS`), ``title``, ``axis``
    (the value axis's label, with its unit), ``rows`` (top to bottom), labelled reference lines
    ``marks`` (``(label, value)``), ``footer`` (source and release) and ``alt`` (one sentence)."""

    kind: str
    title: str
    axis: str
    rows: Tuple[Row, ...]
    footer: str
    alt: str
    marks: Tuple[Tuple[str, float], ...] = field(default_factory=tuple)


def money(value: Optional[float], floor: bool = False) -> str:
    """``$98,630`` (USD a year), ``≥ $239,200`` for a top-coded floor, "not published" for
    None."""
    if value is None:
        return "not published"
    return f"{'≥ ' if floor else ''}${value:,.0f}"


def _percentiles(figures: Figures) -> Tuple[Tuple[Optional[float], ...], Tuple[bool, ...]]:
    values = tuple(figures.annual.get(p) for p in PERCENTILES)
    floors = tuple(f"annual_{p}" in figures.topcoded for p in PERCENTILES)
    return values, floors


def drawable(figures: Optional[Figures]) -> bool:
    """Whether an OEWS cell has an annual median to draw (hourly-only occupations and
    suppressed cells have none: no picture)."""
    return figures is not None and figures.annual.get("median") is not None


def pay_range(pay: Pay, nationally: Optional[Figures] = None) -> Optional[Chart]:
    """The pay range of one occupation in one place: 10th, 25th, median, 75th and 90th
    percentiles (USD a year), with the national median (of ``nationally``, the national OEWS
    cell) marked when the place is a state or metro area; None when BLS published no annual
    median there."""
    if not drawable(pay.figures):
        return None
    values, floors = _percentiles(pay.figures)
    who, where = pay.occupation.title or pay.occupation.role, pay.place.name
    marks: Tuple[Tuple[str, float], ...] = ()
    national = (nationally or pay.national).annual.get("median") if (
        nationally or pay.national) else None
    if pay.place.code != NATIONAL and national is not None:
        marks = ((f"National median {money(national)}", float(national)),)
    parts = [f"{name} {money(v, f)}" for name, v, f in
             zip(("10th percentile", "median", "90th percentile"),
                 (values[0], values[2], values[4]), (floors[0], floors[2], floors[4]))]
    alt = f"Pay range of {who} in {where}: " + ", ".join(parts) + " a year"
    alt += f"; the national median is {money(national)}." if marks else "."
    return Chart(RANGE, f"{who}: pay in {where}", "Annual wage (USD a year)",
                 (Row(where, values, floors, money(values[2], floors[2])),),
                 f"Source: {pay.citation.short} ({_OEWS_NOTE})", alt, marks)


def pay_compared(first: Pay, second: Pay) -> Optional[Chart]:
    """Two occupations (or one occupation in two places) on the same pay axis; None unless both
    have an annual median."""
    if not (drawable(first.figures) and drawable(second.figures)):
        return None
    rows = []
    for pay in (first, second):
        values, floors = _percentiles(pay.figures)
        label = pay.occupation.title or pay.occupation.role
        if first.occupation == second.occupation:
            label = pay.place.name
        elif first.place != second.place:
            label = f"{label}, {pay.place.name}"
        rows.append(Row(label, values, floors, money(values[2], floors[2])))
    if first.occupation == second.occupation:
        who = first.occupation.title or first.occupation.role
        title = f"{who}: pay in {first.place.name} and {second.place.name}"
        alt = (f"Pay ranges of {who} compared: {rows[0].label} median {rows[0].text}, "
               f"{rows[1].label} median {rows[1].text} a year.")
    else:
        title = f"Pay compared, {first.place.name}"
        alt = (f"Pay ranges compared in {first.place.name}: {rows[0].label} median "
               f"{rows[0].text}, {rows[1].label} median {rows[1].text} a year.")
    return Chart(RANGE, title, "Annual wage (USD a year)", tuple(rows),
                 f"Source: {first.citation.short} ({_OEWS_NOTE})", alt)


def best_paying(role: str, ranked: Sequence[Ranked], metro: bool, citation: str) -> Optional[Chart]:
    """The best-paying states or metro areas by annual median (USD a year); None when none."""
    if not ranked:
        return None
    kind = "metro areas" if metro else "states"
    rows = tuple(Row(r.place.name, (float(r.annual_median),), (r.topcoded,),
                     money(r.annual_median, r.topcoded)) for r in ranked)
    alt = (f"Best-paying {kind} for {role} by annual median: " +
           ", ".join(f"{r.label} {r.text}" for r in rows) + ".")
    return Chart(BARS, f"{role}: best-paying {kind}", "Annual median wage (USD a year)", rows,
                 f"Source: {citation} ({_OEWS_NOTE})", alt)


def where_jobs_are(role: str, ranking: JobsRanking, metro: bool,
                   citation: str) -> Optional[Chart]:
    """The states or metro areas with the most jobs (people employed) or the highest location
    quotient (1.0 = as common as nationally, marked); None when no area has an estimate."""
    if not ranking.areas:
        return None
    kind = "metro areas" if metro else "states"
    if ranking.basis == CONCENTRATION:
        rows = tuple(Row(r.place.name, (r.quotient,), (False,), f"{r.quotient:.2f}×")
                     for r in ranking.areas)
        return Chart(BARS, f"{role}: {kind} where the jobs are most concentrated",
                     "Location quotient (share of the area's jobs ÷ share nationally)", rows,
                     f"Source: {citation} (employment estimates; {_OEWS_NOTE})",
                     f"{kind.capitalize()} where {role} jobs are most concentrated: " +
                     ", ".join(f"{r.label} {r.text} the national share" for r in rows) + ".",
                     (("As common as nationally", 1.0),))
    rows = tuple(Row(r.place.name, (float(r.employment),), (False,), f"{r.employment:,}")
                 for r in ranking.areas)
    return Chart(BARS, f"{role}: {kind} with the most jobs", "People employed", rows,
                 f"Source: {citation} ({_OEWS_NOTE})",
                 f"{kind.capitalize()} with the most {role} jobs: " +
                 ", ".join(f"{r.label} {r.text}" for r in rows) + " employed.")


def outlook(role: str, change: Optional[float], average: Optional[float],
            employment: Tuple[Optional[int], Optional[int]], openings: Optional[int],
            citation: str) -> Optional[Chart]:
    """Projected change in employment 2024–34 (%) against the all-occupation average, with
    employment 2024 → 2034 (people) and annual openings in the title; None without the change
    or the average."""
    if change is None or average is None:
        return None
    rows = (Row(role, (change,), (False,), f"{change:+.1f}%"),
            Row("All occupations", (average,), (False,), f"{average:+.1f}%", muted=True))
    start, end = employment
    counts = (f"{start:,} → {end:,} employed" if start is not None and end is not None
              else "")
    extra = ", ".join(p for p in (counts, f"{openings:,} openings a year" if openings else "")
                      if p)
    title = f"{role}: outlook 2024–34" + (f"\n{extra}" if extra else "")
    alt = (f"Projected change in {role} employment 2024–34: {change:+.1f}% against "
           f"{average:+.1f}% for all occupations" + (f"; {extra}." if extra else "."))
    return Chart(BARS, title, "Projected change in employment, 2024–34 (%)", rows,
                 f"Source: {citation}", alt)


def outlook_of(found: Any, citations: Mapping[str, Any]) -> Optional[Chart]:
    """:func:`outlook` of an outlook record of :func:`careerdata.depth.outlook` (its items
    "Change", "Employment 2024", "Employment 2034 (projected)", "Openings a year (average)" and
    "All occupations"), cited with the releases it names (``citations``: release key →
    :class:`careerdata.wages.Citation`, the store's); None without the change or the average."""
    citation = "; ".join(citations[key].short for key in found.releases if key in citations)
    items = {item.label: item.value for item in (*found.items, *found.extra)}
    counts = (items.get("Employment 2024"), items.get("Employment 2034 (projected)"))
    openings = items.get("Openings a year (average)")
    return outlook(found.occupation or found.role, items.get("Change"),
                   items.get("All occupations"),
                   (int(counts[0]) if counts[0] is not None else None,
                    int(counts[1]) if counts[1] is not None else None),
                   int(openings) if openings is not None else None, citation)


def picture(chart: Optional[Chart], kind: str, *parts: str) -> Optional[Picture]:
    """The :class:`actions.reply.Picture` of ``chart`` at :func:`chart_url` ``(kind, *parts)``;
    None when there is nothing to draw, or when :data:`CHARTS_ENV` is ``off`` (text only)."""
    if chart is None or os.environ.get(CHARTS_ENV, "on").lower() == "off":
        return None
    return Picture(chart_url(kind, *parts), chart.alt, chart.title.replace("\n", " — "))


def public_url() -> str:
    """The address clients load charts from (:data:`PUBLIC_URL_ENV`, without a final slash)."""
    return (os.environ.get(PUBLIC_URL_ENV) or DEFAULT_PUBLIC_URL).rstrip("/")


def chart_url(kind: str, *parts: str) -> str:
    """The URL of a chart: ``<public URL>/charts/<kind>/<part>/….png``, each part
    percent-encoded (role names hold spaces and commas); see :mod:`actions.chart_route`."""
    path = "/".join(quote(p, safe="") for p in (kind, *parts))
    return f"{public_url()}{CHART_PATH}/{path}.png"
