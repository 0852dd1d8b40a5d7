"""Bring the open occupational data the assistant uses into the project, in ``opendata/``.

Usage: ``python scripts/import_open_data.py SOURCE``, a folder of the official files laid out as
``onet-30.1/`` (text files), ``onet-29.0/`` (Skills and Knowledge workbooks) and
``bls-ep-2024-34/occupation.xlsx``. A one-off conversion for maintainers: a user's clone needs
none of it, and nothing else in the project reads such a folder. Needs openpyxl
(``pip install -r requirements-dev.lock``).

It keeps the files and columns of :data:`FILES` only, writes each as a gzip-compressed,
tab-separated UTF-8 file with a header row (``opendata/<release>/<name>.tsv.gz``, reproducible:
no time stamp in the gzip header), and writes ``opendata/MANIFEST.yml``: for each release its
title, date, licence, attribution and official source; for each file its source file and that
file's SHA-256, the columns and rows kept, and the output's SHA-256. The project reads
``opendata/`` only, never the source folder; re-run this script on newer official files to
update it, and ``tests/test_open_data.py`` checks the files against the manifest and the row
counts of the releases' data dictionaries.

Raises (exits with a message): the source folder, a file or a column is missing.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import re
import sys
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

import yaml

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from careerdata.sources import sha256_file  # noqa: E402
OUT = PROJECT / "opendata"
MANIFEST = OUT / "MANIFEST.yml"

ONET_ATTRIBUTION = (
    "This product includes information from the O*NET {release} Database by the U.S. Department "
    "of Labor, Employment and Training Administration (USDOL/ETA), used under the CC BY 4.0 "
    "license. O*NET® is a trademark of USDOL/ETA.")

#: Each release: where it comes from and how to cite it.
RELEASES: Dict[str, Dict[str, str]] = {
    "onet-30.1": {
        "title": "O*NET 30.1 Database", "published": "2025-12", "licence": "CC BY 4.0",
        "attribution": ONET_ATTRIBUTION.format(release="30.1"),
        "source": "https://www.onetcenter.org/dl_files/database/db_30_1_text.zip",
        "dictionary": "https://www.onetcenter.org/dictionary/30.1/text/",
        "obtained_from": "public repository BG-legacy/FairPath, commit 5b46a71, "
                         "backend/data/db_30_1_text/ (row counts checked against the dictionary)",
    },
    "onet-29.0": {
        "title": "O*NET 29.0 Database (Skills and Knowledge)", "published": "2024-08",
        "licence": "CC BY 4.0", "attribution": ONET_ATTRIBUTION.format(release="29.0"),
        "source": "https://www.onetcenter.org/database.html (release 29.0, Excel)",
        "obtained_from": "public repository Allan-Ofula/SmartPath-Personalized-Career-"
                         "Recommendation-Engine, commit c0dd0f9, app/data/ (the newest release "
                         "of these two files obtainable here)",
    },
    "bls-ep-2024-34": {
        "title": "BLS Employment Projections 2024–34", "published": "2025",
        "licence": "public domain (US government work)",
        "attribution": "U.S. Bureau of Labor Statistics, Employment Projections 2024–34, "
                       "Table 1.2",
        "source": "https://www.bls.gov/emp/tables.htm (occupation.xlsx)",
        "obtained_from": "public repository BG-legacy/FairPath, commit 5b46a71, backend/data/",
    },
}

SOC = "O*NET-SOC Code"
RATING = [SOC, "Element ID", "Element Name", "Scale ID", "Data Value"]

#: ``(release, name, source file, sheet or None, columns kept)``: None keeps every column.
FILES: List[Tuple[str, str, str, Optional[str], Optional[List[str]]]] = [
    ("onet-30.1", "occupation_data", "Occupation Data.txt", None, [SOC, "Title", "Description"]),
    ("onet-30.1", "task_statements", "Task Statements.txt", None,
     [SOC, "Task ID", "Task", "Task Type"]),
    ("onet-30.1", "technology_skills", "Technology Skills.txt", None, None),
    ("onet-30.1", "tools_used", "Tools Used.txt", None, None),
    ("onet-30.1", "education_training_experience", "Education, Training, and Experience.txt",
     None, [SOC, "Element ID", "Scale ID", "Category", "Data Value", "Recommend Suppress"]),
    ("onet-30.1", "education_categories", "Education, Training, and Experience Categories.txt",
     None, None),
    ("onet-30.1", "job_zones", "Job Zones.txt", None, [SOC, "Job Zone"]),
    ("onet-30.1", "job_zone_reference", "Job Zone Reference.txt", None, None),
    ("onet-30.1", "interests", "Interests.txt", None, RATING),
    ("onet-30.1", "riasec_keywords", "RIASEC Keywords.txt", None, None),
    ("onet-30.1", "work_styles", "Work Styles.txt", None, RATING),
    ("onet-30.1", "work_values", "Work Values.txt", None, RATING),
    ("onet-30.1", "related_occupations", "Related Occupations.txt", None, None),
    ("onet-30.1", "alternate_titles", "Alternate Titles.txt", None,
     [SOC, "Alternate Title", "Short Title"]),
    ("onet-30.1", "reported_titles", "Sample of Reported Titles.txt", None, None),
    ("onet-29.0", "skills", "Skills.xlsx", "Skills",
     RATING + ["Recommend Suppress", "Not Relevant"]),
    ("onet-29.0", "knowledge", "Knowledge.xlsx", "Knowledge",
     RATING + ["Recommend Suppress", "Not Relevant"]),
    ("bls-ep-2024-34", "occupations", "occupation.xlsx", "Table 1.2", [
        "2024 National Employment Matrix title", "2024 National Employment Matrix code",
        "Occupation type", "Employment, 2024", "Employment, 2034",
        "Employment change, numeric, 2024–34", "Employment change, percent, 2024–34",
        "Occupational openings, 2024–34 annual average", "Median annual wage, dollars, 2024[1]",
        "Typical education needed for entry", "Work experience in a related occupation",
        "Typical on-the-job training needed to attain competency in the occupation"]),
]

_BLS_CODE = re.compile(r"^\d\d-\d\d\d\d$")


class SourceMissing(SystemExit):
    """A source folder, file, sheet or column is missing: the script exits with the message."""


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else repr(value)
    return str(value).strip()


def read_text(path: Path) -> Tuple[List[str], Iterator[List[str]]]:
    """Header and rows of an O*NET text file (tab-separated, UTF-8)."""
    handle = open(path, encoding="utf-8", newline="")
    reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
    return next(reader), (row for row in reader if row)


def read_sheet(path: Path, sheet: str) -> Tuple[List[str], Iterator[List[str]]]:
    """Header and rows of a workbook's sheet: the first row naming every column is the header
    (BLS tables have a title row above it); BLS rows without an occupation code (notes) are
    left out."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    if sheet not in book.sheetnames:
        raise SourceMissing(f"error: {path.name} has no sheet {sheet!r}")
    rows = book[sheet].iter_rows(values_only=True)
    for row in rows:
        if row and all(cell is not None for cell in row):
            header = [_cell(cell) for cell in row]
            break
    else:
        raise SourceMissing(f"error: {path.name} {sheet!r}: no header row")
    bls = "2024 National Employment Matrix code" in header

    def body() -> Iterator[List[str]]:
        for row in rows:
            cells = [_cell(cell) for cell in row]
            if not any(cells):
                continue
            if bls and not _BLS_CODE.match(cells[header.index(
                    "2024 National Employment Matrix code")]):
                continue
            yield cells

    return header, body()


def write_tsv(path: Path, header: Sequence[str], rows: Iterator[Sequence[str]]) -> int:
    """Write ``rows`` under ``header`` as gzip'd TSV with no time stamp; return the row count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw,
                                                 compresslevel=9, mtime=0) as packed:
        text = io.TextIOWrapper(packed, encoding="utf-8", newline="")
        writer = csv.writer(text, delimiter="\t", lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
        text.flush()
        text.detach()
    return count


def import_file(source: Path, release: str, name: str, filename: str, sheet: Optional[str],
                columns: Optional[List[str]]) -> Dict[str, object]:
    """Convert one source file; return its manifest entry."""
    path = source / release / filename
    if not path.is_file():
        raise SourceMissing(f"error: {path} is missing")
    header, rows = read_sheet(path, sheet) if sheet else read_text(path)
    kept = columns or header
    missing = [c for c in kept if c not in header]
    if missing:
        raise SourceMissing(f"error: {path.name} has no column {missing[0]!r}")
    index = [header.index(c) for c in kept]
    out = OUT / release / f"{name}.tsv.gz"
    count = write_tsv(out, kept, ([row[i] if i < len(row) else "" for i in index]
                                  for row in rows))
    entry: Dict[str, object] = {
        "path": out.relative_to(OUT).as_posix(), "release": release,
        "source_file": filename + (f" (sheet {sheet!r})" if sheet else ""),
        "source_sha256": sha256_file(path), "columns": kept, "rows": count,
        "sha256": sha256_file(out),
    }
    print(f"{entry['path']}: {count} rows, {len(kept)} columns, {out.stat().st_size / 1e6:.1f} MB")
    return entry


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder of the official release files")
    args = parser.parse_args(argv)
    if not args.source.is_dir():
        raise SourceMissing(f"error: no source folder {args.source}")
    files = [import_file(args.source, *spec) for spec in FILES]
    manifest = {"releases": RELEASES, "files": files}
    MANIFEST.write_text(
        "# Written by scripts/import_open_data.py from the official release files; do not edit.\n"
        + yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True, width=100),
        encoding="utf-8")
    print(f"wrote {MANIFEST.relative_to(PROJECT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
