"""Draw a :class:`actions.charts.Chart` as a PNG with matplotlib (its Agg backend: no display).

Imported only when a client loads a chart (:mod:`actions.chart_route`), never on the way of a
text answer. :func:`render` is pure: the same chart gives the same bytes (no timestamp in the
file), so the route can cache by content.
"""

from __future__ import annotations

import io
from typing import List

from actions.charts import BARS, RANGE, Chart

#: Size of a picture: 8 × (2.2 + 0.5 a row) inches at 100 dpi (800 px wide).
WIDTH, BASE_HEIGHT, ROW_HEIGHT, DPI = 8.0, 2.2, 0.5, 100
INK, ACCENT, LIGHT, MARK, GREY = "#1f2937", "#2563eb", "#93c5fd", "#dc2626", "#9ca3af"


def _axis_money(value: float, _position: int = 0) -> str:
    return f"${value / 1000:,.0f}k" if abs(value) >= 1000 else f"${value:,.0f}"


def render(chart: Chart) -> bytes:
    """The PNG bytes of ``chart``.

    Raises:
        ValueError: an unknown ``chart.kind``.
    """
    from actions import chart_tiles

    if chart.kind not in (RANGE, BARS, chart_tiles.TILES):
        raise ValueError(f"unknown chart kind {chart.kind!r}")
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.ticker import FuncFormatter

    if chart.kind == chart_tiles.TILES:
        figure, axes = plt.subplots(figsize=(WIDTH, 6.4), dpi=DPI)
        try:
            chart_tiles.draw(figure, axes, chart)
            axes.set_title(chart.title, fontsize=11, color=INK, loc="left")
            figure.text(0.01, 0.01, chart.footer, fontsize=7, color="#6b7280")
            return _png(figure)
        finally:
            plt.close(figure)
    rows = chart.rows
    figure, axes = plt.subplots(figsize=(WIDTH, BASE_HEIGHT + ROW_HEIGHT * len(rows)), dpi=DPI)
    try:
        positions = list(range(len(rows)))[::-1]  # the first row on top
        if chart.kind == RANGE:
            _draw_ranges(axes, chart, positions)
            axes.xaxis.set_major_formatter(FuncFormatter(_axis_money))
        else:
            _draw_bars(axes, chart, positions)
            if "USD" in chart.axis:
                axes.xaxis.set_major_formatter(FuncFormatter(_axis_money))
        for label, value in chart.marks:
            axes.axvline(value, color=MARK, linestyle="--", linewidth=1.2, label=label)
        if chart.marks:
            axes.legend(loc="lower right", fontsize=8, frameon=False)
        axes.set_yticks(positions)
        axes.set_yticklabels([_short(r.label) for r in rows], fontsize=9, color=INK)
        axes.set_xlabel(chart.axis, fontsize=9, color=INK)
        axes.set_title(chart.title, fontsize=11, color=INK, loc="left")
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        axes.grid(axis="x", color="#e5e7eb", linewidth=0.8)
        axes.set_axisbelow(True)
        figure.text(0.01, 0.01, chart.footer, fontsize=7, color="#6b7280")
        figure.tight_layout(rect=(0, 0.05, 1, 1))
        return _png(figure)
    finally:
        plt.close(figure)


def _png(figure) -> bytes:
    """The PNG bytes of ``figure``, without the date or software matplotlib would write."""
    out = io.BytesIO()
    figure.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()


def _short(label: str, limit: int = 34) -> str:
    return label if len(label) <= limit else label[:limit - 1] + "…"


def _draw_ranges(axes, chart: Chart, positions: List[int]) -> None:
    """Each row: a line from the 10th to the 90th percentile, a box from the 25th to the 75th,
    a mark at the median; missing percentiles are left out, floors labelled "≥"."""
    for row, y in zip(chart.rows, positions):
        p10, p25, median, p75, p90 = row.values
        floors = row.floors or (False,) * 5
        if p10 is not None and p90 is not None:
            axes.plot([p10, p90], [y, y], color=INK, linewidth=1.5, solid_capstyle="butt")
        if p25 is not None and p75 is not None:
            axes.barh(y, p75 - p25, left=p25, height=0.36, color=LIGHT, edgecolor=ACCENT)
        if median is not None:
            axes.plot([median], [y], marker="D", color=ACCENT, markersize=8)
            axes.annotate(("≥ " if floors[2] else "") + f"${median:,.0f}", (median, y),
                          textcoords="offset points", xytext=(0, 12), ha="center", fontsize=8)
        for value, floor in ((p10, floors[0]), (p90, floors[4])):
            if value is not None:
                axes.annotate(("≥ " if floor else "") + f"${value:,.0f}", (value, y),
                              textcoords="offset points", xytext=(0, -16), ha="center",
                              fontsize=7, color="#4b5563")
    axes.set_ylim(min(positions) - 0.8, max(positions) + 0.8)


def _draw_bars(axes, chart: Chart, positions: List[int]) -> None:
    """Each row: one horizontal bar and its text at the end."""
    values = [row.values[0] for row in chart.rows]
    shown = [v if v is not None else 0.0 for v in values]
    axes.barh(positions, shown, height=0.6,
              color=[GREY if row.muted else ACCENT for row in chart.rows])
    for row, y, value in zip(chart.rows, positions, shown):
        axes.annotate(row.text, (value, y), textcoords="offset points",
                      xytext=(4 if value >= 0 else -4, 0), va="center",
                      ha="left" if value >= 0 else "right", fontsize=8, color=INK)
    low, high = min(shown + [0.0]), max(shown + [0.0])
    pad = (high - low) * 0.18 or 1.0
    axes.set_xlim(low - (pad if low < 0 else 0), high + pad)
