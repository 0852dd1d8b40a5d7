"""The open data shipped in opendata/: what the manifest says, and what the releases hold."""

from __future__ import annotations

import gzip
import shutil

import pytest

from careerdata import open_data

#: Rows of each table in the releases' data dictionaries (O*NET 30.1 text, O*NET 29.0 Excel)
#: and in BLS Employment Projections 2024–34 Table 1.2 (line items and summary rows).
DICTIONARY_ROWS = {
    "onet-30.1/occupation_data": 1016, "onet-30.1/task_statements": 18796,
    "onet-30.1/technology_skills": 32773, "onet-30.1/education_training_experience": 37125,
    "onet-30.1/job_zones": 923, "onet-30.1/interests": 8307,
    "onet-30.1/alternate_titles": 56505, "onet-30.1/reported_titles": 7955,
    "onet-30.1/related_occupations": 18460, "onet-30.1/work_styles": 37422,
    "onet-29.0/skills": 61530, "onet-29.0/knowledge": 58014,
}


def test_every_table_matches_its_manifest_entry():
    releases, tables = open_data.manifest()
    assert set(releases) == {"onet-30.1", "onet-29.0", "bls-ep-2024-34"}
    assert all(r.licence and r.attribution and r.source for r in releases.values())
    for name, table in tables.items():
        assert table.release in releases
        assert sum(1 for _ in open_data.read_rows(name)) == table.rows, name


def test_the_tables_hold_what_the_releases_data_dictionaries_count():
    _, tables = open_data.manifest()
    for name, rows in DICTIONARY_ROWS.items():
        assert tables[name].rows == rows, name
    occupations = list(open_data.read_rows("bls-ep-2024-34/occupations"))
    assert sum(r["Occupation type"] == "Line item" for r in occupations) == 832
    total = next(r for r in occupations if r["2024 National Employment Matrix code"] == "00-0000")
    assert total["2024 National Employment Matrix title"] == "Total, all occupations"
    codes = {r["O*NET-SOC Code"] for r in open_data.read_rows("onet-30.1/task_statements")}
    assert len(codes) == 923 and "29-1141.00" in codes  # Registered Nurses


def test_a_changed_or_missing_table_is_refused(tmp_path):
    shutil.copytree(open_data.OPENDATA, tmp_path / "opendata")
    folder = tmp_path / "opendata"
    path = folder / "onet-30.1" / "job_zones.tsv.gz"
    with gzip.open(path, "at", encoding="utf-8") as handle:
        handle.write("99-9999.00\t3\n")
    with pytest.raises(open_data.OpenDataError, match="SHA-256"):
        list(open_data.read_rows("onet-30.1/job_zones", folder))
    path.unlink()
    with pytest.raises(open_data.OpenDataError, match="missing"):
        list(open_data.read_rows("onet-30.1/job_zones", folder))
    with pytest.raises(open_data.OpenDataError, match="no table"):
        list(open_data.read_rows("onet-30.1/nothing", folder))
