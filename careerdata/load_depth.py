"""``make db``: every occupation in depth, from ``opendata/`` into the tables of
:mod:`careerdata.models_depth`.

The ``loaded_files`` row ``opendata/MANIFEST.yml`` holds the SHA-256 of the manifest, which names
every table's own SHA-256: when it is unchanged nothing is read; otherwise every depth table is
replaced in one transaction, each table read through :func:`careerdata.open_data.read_rows`
(checked against the manifest). Answers built on these tables cite the releases the manifest names
("O*NET 30.1, Dec 2025, CC BY 4.0"; "BLS Employment Projections 2024–34").
"""

from __future__ import annotations

import hashlib
import time
from datetime import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterable, Iterator, List, Optional, Tuple

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Engine

from careerdata import models as m
from careerdata import models_depth as d
from careerdata import open_data
from careerdata.sources import sha256_file

SOC = "O*NET-SOC Code"
#: Bump when :data:`PLAN` loads other tables or columns (the manifest's SHA-256 would not show).
LOADER_VERSION = "3"
#: The one ``releases`` row an earlier version wrote for all of ``opendata/`` (replaced).
LEGACY_RELEASE = "depth"
BLS_CODE = "2024 National Employment Matrix code"


@dataclass
class DepthReport:
    """What :func:`sync` did: ``loaded`` False when nothing had changed; rows per table."""

    loaded: bool
    rows: Dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def summary(self) -> str:
        """A few lines for ``make db``."""
        if not self.loaded:
            return f"unchanged ({self.seconds:.1f} s)"
        counts = ", ".join(f"{name} {count:,}" for name, count in self.rows.items())
        return f"loaded in {self.seconds:.1f} s: {counts}"


def _flag(value: str) -> bool:
    return value.strip().upper() == "Y"


def _number(value: str) -> Optional[float]:
    text = value.replace(",", "").replace("$", "").replace(">=", "").strip()
    try:
        return float(text)
    except ValueError:
        return None


def _tasks(rows: Iterable[Dict[str, str]]) -> Iterator[Dict]:
    for r in rows:
        kind = r["Task Type"] if r["Task Type"] in ("Core", "Supplemental") else None
        yield {"onet_code": r[SOC], "task_id": int(r["Task ID"]), "text": r["Task"], "kind": kind}


def _technology(tool: bool) -> Callable[[Iterable[Dict[str, str]]], Iterator[Dict]]:
    def rows_of(rows: Iterable[Dict[str, str]]) -> Iterator[Dict]:
        for r in rows:
            yield {"onet_code": r[SOC], "example": r["Example"],
                   "commodity_code": r["Commodity Code"], "commodity_title": r["Commodity Title"],
                   "tool": tool, "hot": _flag(r.get("Hot Technology", "")),
                   "in_demand": _flag(r.get("In Demand", ""))}
    return rows_of


def _ratings(kind: str) -> Callable[[Iterable[Dict[str, str]]], Iterator[Dict]]:
    def rows_of(rows: Iterable[Dict[str, str]]) -> Iterator[Dict]:
        for r in rows:
            value = _number(r["Data Value"])
            if value is None:
                continue
            yield {"onet_code": r[SOC], "kind": kind, "element_id": r["Element ID"],
                   "element_name": r["Element Name"], "scale": r["Scale ID"], "value": value,
                   "suppress": _flag(r.get("Recommend Suppress", "")),
                   "not_relevant": _flag(r.get("Not Relevant", ""))}
    return rows_of


def _education(rows: Iterable[Dict[str, str]]) -> Iterator[Dict]:
    for r in rows:
        if not r["Category"].isdigit():
            continue  # the IM scale rows have no category
        yield {"onet_code": r[SOC], "scale": r["Scale ID"], "category": int(r["Category"]),
               "percent": float(r["Data Value"]), "suppress": _flag(r["Recommend Suppress"])}


def _categories(rows: Iterable[Dict[str, str]]) -> Iterator[Dict]:
    for r in rows:
        yield {"scale": r["Scale ID"], "category": int(r["Category"]),
               "description": r["Category Description"]}


def _job_zones(rows: Iterable[Dict[str, str]]) -> Iterator[Dict]:
    for r in rows:
        yield {"onet_code": r[SOC], "zone": int(r["Job Zone"])}


def _job_zone_names(rows: Iterable[Dict[str, str]]) -> Iterator[Dict]:
    for r in rows:
        yield {"zone": int(r["Job Zone"]), "name": r["Name"]}


def _interest_keywords(rows: Iterable[Dict[str, str]]) -> Iterator[Dict]:
    for r in rows:
        yield {"element_id": r["Element ID"], "area": r["Element Name"], "keyword": r["Keyword"],
               "kind": r["Keyword Type"]}


def _related(rows: Iterable[Dict[str, str]]) -> Iterator[Dict]:
    for r in rows:
        yield {"onet_code": r[SOC], "related_code": r["Related O*NET-SOC Code"],
               "tier": r["Relatedness Tier"], "rank": int(r["Index"])}


def _titles(reported: bool) -> Callable[[Iterable[Dict[str, str]]], Iterator[Dict]]:
    def rows_of(rows: Iterable[Dict[str, str]]) -> Iterator[Dict]:
        for r in rows:
            title = r["Reported Job Title"] if reported else r["Alternate Title"]
            short = None if reported or r["Short Title"] in ("", "n/a") else r["Short Title"]
            yield {"onet_code": r[SOC], "title": title, "short": short, "reported": reported}
    return rows_of


def _projections(rows: Iterable[Dict[str, str]]) -> Iterator[Dict]:
    for r in rows:
        wage = r["Median annual wage, dollars, 2024[1]"]
        text = {key: (r[col] if r[col] not in ("", "—") else None) for key, col in (
            ("education", "Typical education needed for entry"),
            ("experience", "Work experience in a related occupation"),
            ("training", "Typical on-the-job training needed to attain competency in the "
                         "occupation"))}
        median = _number(wage)
        yield {"soc_code": r[BLS_CODE], "title": r["2024 National Employment Matrix title"],
               "line_item": r["Occupation type"] == "Line item",
               "employment_2024": float(r["Employment, 2024"]),
               "employment_2034": float(r["Employment, 2034"]),
               "change": float(r["Employment change, numeric, 2024–34"]),
               "change_percent": float(r["Employment change, percent, 2024–34"]),
               "openings": float(r["Occupational openings, 2024–34 annual average"]),
               "median_wage": int(median) if median is not None else None,
               "wage_topcoded": wage.startswith(">="), **text}


#: ``(model, [(table of opendata/, row maker)])``, in loading order.
PLAN: List[Tuple[type, List[Tuple[str, Callable]]]] = [
    (d.OnetTask, [("onet-30.1/task_statements", _tasks)]),
    (d.OnetTechnology, [("onet-30.1/technology_skills", _technology(False)),
                        ("onet-30.1/tools_used", _technology(True))]),
    (d.OnetRating, [("onet-29.0/skills", _ratings("skill")),
                    ("onet-29.0/knowledge", _ratings("knowledge")),
                    ("onet-30.1/interests", _ratings("interest")),
                    ("onet-30.1/work_styles", _ratings("work_style")),
                    ("onet-30.1/work_values", _ratings("work_value"))]),
    (d.OnetEducation, [("onet-30.1/education_training_experience", _education)]),
    (d.OnetEducationCategory, [("onet-30.1/education_categories", _categories)]),
    (d.OnetJobZone, [("onet-30.1/job_zones", _job_zones)]),
    (d.OnetJobZoneName, [("onet-30.1/job_zone_reference", _job_zone_names)]),
    (d.OnetRelated, [("onet-30.1/related_occupations", _related)]),
    (d.OnetInterestKeyword, [("onet-30.1/riasec_keywords", _interest_keywords)]),
    (d.OnetTitle, [("onet-30.1/alternate_titles", _titles(False)),
                   ("onet-30.1/reported_titles", _titles(True))]),
    (d.Projection, [("bls-ep-2024-34/occupations", _projections)]),
]


def _batches(rows: Iterator[Dict], size: int = 5000) -> Iterator[List[Dict]]:
    batch: List[Dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def release_label(release: open_data.Release) -> str:
    """What an answer cites: ``O*NET 30.1, Dec 2025`` for an O*NET release (key ``onet-30.1``,
    published ``2025-12``), else the release's title ("BLS Employment Projections 2024–34")."""
    if release.key.startswith("onet-"):
        when = release.published
        try:
            when = datetime.strptime(release.published, "%Y-%m").strftime("%b %Y")
        except ValueError:
            pass
        return f"O*NET {release.key.split('-', 1)[1]}, {when}"
    return release.title


def _cite_releases(conn, folder: Path, digest: str) -> None:
    """Write the manifest's releases into ``releases`` (the answers cite them from there)."""
    releases, _ = open_data.manifest(folder)
    conn.execute(delete(m.Release.__table__).where(
        m.Release.dataset.in_([*releases, LEGACY_RELEASE])))
    conn.execute(insert(m.Release.__table__), [
        {"dataset": key, "title": r.title, "release": release_label(r), "code": None,
         "package": f"opendata/{key}", "licence": r.licence, "url": r.source, "sha256": digest}
        for key, r in releases.items()])


def sync(engine: Engine, folder: Path = open_data.OPENDATA) -> DepthReport:
    """Load the depth tables from ``folder`` (``opendata/``) when its manifest changed.

    Raises:
        careerdata.open_data.OpenDataError: the manifest or a table is missing or changed.
    """
    started = time.perf_counter()
    manifest = Path(folder) / open_data.MANIFEST_FILE
    if not manifest.is_file():
        raise open_data.OpenDataError(f"no {open_data.MANIFEST_FILE} in {folder}")
    # the tables this loader fills are part of what was loaded: a new table reloads
    digest = hashlib.sha256(f"{sha256_file(manifest)} {LOADER_VERSION}".encode()).hexdigest()
    m.Base.metadata.create_all(engine)
    with engine.begin() as conn:
        _cite_releases(conn, folder, digest)
        current = conn.execute(
            select(m.LoadedFile.sha256).where(m.LoadedFile.path == d.DIGEST_PATH)).scalar()
        if current == digest:
            return DepthReport(False, seconds=time.perf_counter() - started)
        report = DepthReport(True)
        for model, sources in PLAN:
            conn.execute(delete(model.__table__))
            count = 0
            for name, make_rows in sources:
                for batch in _batches(make_rows(open_data.read_rows(name, folder))):
                    conn.execute(insert(model.__table__), batch)
                    count += len(batch)
            report.rows[model.__tablename__] = count
        conn.execute(delete(m.LoadedFile.__table__).where(m.LoadedFile.path == d.DIGEST_PATH))
        conn.execute(insert(m.LoadedFile.__table__), [{"path": d.DIGEST_PATH, "sha256": digest}])
    report.seconds = time.perf_counter() - started
    return report
