"""A US tile-grid map of the states (issue 28): every state a square of the same size, placed
roughly where it lies, coloured by a value. Used for "where it pays best" and "where the jobs
are" by state; the top metro areas stay bars (:mod:`actions.charts`).

:data:`GRID` is the layout (50 states and DC by postal abbreviation), :func:`state_tiles`
builds the :class:`actions.charts.Chart` (kind :data:`TILES`) and :func:`draw` draws it on
matplotlib axes for :mod:`actions.chart_render`. Territories (Guam, Puerto Rico, the Virgin
Islands) have no tile; the footer says so when they have a figure.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

from actions.charts import Chart, Row, best_paying, where_jobs_are
from careerdata.place_rankings import CONCENTRATION, PAY

TILES = "tiles"
#: How many areas a chart of places asks for: every state (and territory) on the map, the top
#: metro areas as bars.
LIMITS = {"S": 60, "M": 5}
#: Rows of the map, top to bottom; ``.`` is sea.
GRID = """
AK .  .  .  .  .  .  .  .  .  .  ME
.  .  .  .  .  .  .  .  .  .  VT NH
.  WA ID MT ND MN IL WI MI NY RI MA
.  OR NV WY SD IA IN OH PA NJ CT .
.  CA UT CO NE MO KY WV VA MD DE .
.  .  AZ NM KS AR TN NC SC DC .  .
.  .  .  .  OK LA MS AL GA .  .  .
HI .  .  .  TX .  .  .  .  FL .  .
"""


def positions() -> Dict[str, Tuple[int, int]]:
    """``{postal abbreviation: (column, row)}`` of :data:`GRID` (row 0 on top)."""
    found: Dict[str, Tuple[int, int]] = {}
    for row, line in enumerate(GRID.strip().splitlines()):
        for column, cell in enumerate(line.split()):
            if cell != ".":
                found[cell] = (column, row)
    return found


def places(role: str, basis: str, area_type: str, found, citation: str) -> Optional[Chart]:
    """The chart of a ranking of places for ``role``: by state (``area_type`` ``S``) a tile map
    of every state, by metro area (``M``) the top ones as bars. ``found``: the ranking of
    ``basis``, at least :data:`LIMITS` long: :class:`careerdata.wages.Ranked` rows for ``pay``,
    a :class:`careerdata.place_rankings.JobsRanking` otherwise. None without figures."""
    if area_type == "S":
        return pay_by_state(role, found, citation) if basis == PAY else jobs_by_state(
            role, found, citation)
    if basis == PAY:
        return best_paying(role, found, True, citation)
    return where_jobs_are(role, found, True, citation)


def state_tiles(title: str, axis: str, values: Sequence[Tuple[str, str, float, str]],
                footer: str, what: str, reference: Optional[Tuple[str, float]] = None) -> Chart:
    """The tile map of ``values``: ``(postal abbreviation, state name, value, short text)``
    of each state with a figure, any order. ``what`` names the value in the alt text ("annual
    median", "people employed"); ``reference``, a labelled value to compare with (the
    location quotient's 1.0). States without a figure are drawn grey ("no estimate")."""
    grid = positions()
    shown = sorted((v for v in values if v[0] in grid), key=lambda v: -v[2])
    missing = [v[1] for v in values if v[0] not in grid]
    rows = tuple(Row(usps, (value,), (False,), text) for usps, _, value, text in shown)
    if missing:
        footer += f"; not drawn: {', '.join(sorted(missing))}"
    top = ", ".join(f"{name} {text}" for _, name, _, text in shown[:3])
    low = ", ".join(f"{name} {text}" for _, name, _, text in shown[-2:])
    alt = (f"Map of the states coloured by {what}: highest {top}; lowest {low}"
           f" ({len(shown)} states with a figure).")
    marks = (reference,) if reference else ()
    return Chart(TILES, title, axis, rows, footer, alt, marks)


def draw(figure, axes, chart: Chart) -> None:
    """Draw ``chart`` (kind :data:`TILES`) on ``axes``, with a colour bar labelled with the
    chart's axis."""
    from matplotlib import cm, colors

    grid = positions()
    values = {row.label: row for row in chart.rows}
    numbers: List[float] = [row.values[0] for row in chart.rows if row.values[0] is not None]
    low, high = (min(numbers), max(numbers)) if numbers else (0.0, 1.0)
    scale = colors.Normalize(vmin=low, vmax=high if high > low else low + 1)
    palette = cm.get_cmap("Blues")
    for usps, (column, row) in grid.items():
        found = values.get(usps)
        value = found.values[0] if found else None
        fill = palette(0.15 + 0.8 * scale(value)) if value is not None else "#e5e7eb"
        axes.add_patch(_square(column, row, fill))
        dark = value is not None and scale(value) > 0.55
        axes.text(column + 0.5, -row - 0.38, usps, ha="center", va="center", fontsize=8,
                  fontweight="bold", color="white" if dark else "#1f2937")
        axes.text(column + 0.5, -row - 0.7, found.text if found else "–", ha="center",
                  va="center", fontsize=6, color="white" if dark else "#374151")
    axes.set_xlim(-0.2, 12.2)
    axes.set_ylim(-8.2, 0.2)
    axes.set_aspect("equal")
    axes.axis("off")
    bar = figure.colorbar(cm.ScalarMappable(norm=scale, cmap=palette), ax=axes,
                          orientation="horizontal", fraction=0.05, pad=0.02, shrink=0.6)
    bar.set_label(chart.axis, fontsize=8)
    bar.ax.tick_params(labelsize=7)
    if "USD" in chart.axis:
        from matplotlib.ticker import FuncFormatter

        bar.ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"${v / 1000:,.0f}k"))


def _square(column: int, row: int, fill):
    from matplotlib.patches import Rectangle

    return Rectangle((column + 0.04, -row - 0.96), 0.92, 0.92, facecolor=fill,
                     edgecolor="white", linewidth=1)


def _short_money(value: float) -> str:
    return f"${value / 1000:.0f}k"


def _short_count(value: float) -> str:
    return f"{value / 1000:.1f}k" if value >= 1000 else f"{value:.0f}"


def pay_by_state(role: str, ranked: Sequence, citation: str) -> Optional[Chart]:
    """Every state's annual median for ``role`` (``ranked``: :class:`careerdata.wages.Ranked`
    of all states) as a tile map; None when none has one. A top-coded median reads "≥"."""
    values = [(r.place.usps, r.place.name, float(r.annual_median),
               ("≥" if r.topcoded else "") + _short_money(r.annual_median))
              for r in ranked if r.place.usps]
    if not values:
        return None
    return state_tiles(f"{role}: annual median wage by state", "Annual median wage (USD a year)",
                       values, f"Source: {citation} (cross-industry; excludes the "
                       "self-employed)", "annual median")


def jobs_by_state(role: str, ranking, citation: str) -> Optional[Chart]:
    """Every state's employment, or location quotient, for ``role`` (``ranking``: a
    :class:`careerdata.place_rankings.JobsRanking` of all states) as a tile map; None when
    no state has an estimate."""
    if not ranking.areas:
        return None
    concentrated = ranking.basis == CONCENTRATION
    values = [(r.place.usps, r.place.name, r.quotient if concentrated else float(r.employment),
               f"{r.quotient:.2f}" if concentrated else _short_count(r.employment))
              for r in ranking.areas if r.place.usps]
    footer = f"Source: {citation} (employment estimates; cross-industry; excludes the " \
             "self-employed)"
    if concentrated:
        return state_tiles(f"{role}: where the jobs are most concentrated (location quotient)",
                           "Location quotient (1.0 = as common as nationally)", values, footer,
                           "location quotient", ("As common as nationally", 1.0))
    return state_tiles(f"{role}: people employed by state", "People employed", values, footer,
                       "people employed")
