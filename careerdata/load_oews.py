"""Load BLS Occupational Employment and Wage Statistics (OEWS, May 2025) into the role database.

The source is the snapshot read by :mod:`careerdata.oews_snapshot`. What is loaded:

* ``occupations`` - every OEWS occupation (all levels), SOC codes written ``15-2051``;
* ``areas`` - national, state and metro areas, with ``usps`` for states and ``employment`` =
  the area's all-occupations, cross-industry employment;
* ``area_aliases`` - names users type for the areas (:mod:`careerdata.places`, ``data/places.yml``);
* ``wages`` - the cross-industry estimates of every occupation in every area (missing values as
  :func:`careerdata.oews_snapshot.wage_values` explains them);
* ``industries`` (levels 2 = sectors and 3 = 3-digit NAICS) and ``industry_employment`` - national
  employment of each occupation in those industries, where BLS released it;
* ``releases`` - one ``oews`` row with the release, the package and the snapshot's SHA-256.

:func:`sync` is idempotent: when the ``oews`` release row already has the snapshot's SHA-256 it
writes nothing (it only refreshes the area aliases if ``data/places.yml`` changed); otherwise it
replaces every OEWS row in one transaction. ``make db`` (:mod:`careerdata.load`) runs it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Connection, Engine

from careerdata import models as m
from careerdata import oews_snapshot as snapshot
from careerdata import places, sources
from careerdata.oews_snapshot import SnapshotError

TITLE = "BLS Occupational Employment and Wage Statistics"
LICENCE = "U.S. public domain (BLS); package MIT"
URL = "https://www.bls.gov/oes/"

#: Rows per INSERT batch (bounded memory; large enough for executemany to pay off).
BATCH = 10_000


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

    with snapshot.open_snapshot(path) as snap:
        meta = {}
        if snapshot.has_table(snap, "meta"):
            meta = dict(snap.execute("SELECT name, value FROM meta"))
        release = release_info.get("description") or meta.get("release") or "unknown release"
        code = release_info.get("code") or meta.get("release_code")
        occupations = [
            {"soc_code": snapshot.soc(code_), "title": title, "level": int(level)}
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
            if int(level) in snapshot.INDUSTRY_LEVELS
        ]
        areas = snapshot.area_rows(snap)
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
            for batch in _batches(snapshot.wage_rows(snap, counts)):
                conn.execute(insert(m.Wage.__table__), batch)
            for batch in _batches(snapshot.industry_rows(snap, industry_levels)):
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
