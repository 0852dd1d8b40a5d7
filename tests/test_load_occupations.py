"""A role for every official occupation: roles, merging with article roles, aliases, re-runs."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Dict, List, Tuple

import pytest
from sqlalchemy import delete, event, select, update
from sqlalchemy.orm import Session

from careerdata import load_occupations, models as m, store

NATIONAL = "0000000"

#: (soc_code, title, level, national employment)
OCCUPATIONS = [
    ("15-0000", "Computer and Mathematical Occupations", 0, 5_200_000),
    ("13-1020", "Buyers and Purchasing Agents", 3, 480_000),  # OEWS aggregate, no O*NET code
    ("15-1221", "Computer and Information Research Scientists", 3, 40_000),
    ("15-1252", "Software Developers", 3, 1_650_000),
    ("15-2051", "Data Scientists", 3, 262_440),
    ("29-1141", "Registered Nurses", 3, 3_300_000),
    ("29-1151", "Nurse Anesthetists", 3, 50_000),
    # synthetic: an OEWS-only title that is another occupation's singular title
    ("29-1150", "Nurse Anesthetist", 3, 10),
    ("33-3021", "Detectives and Criminal Investigators", 3, 110_000),
    ("33-9021", "Private Detectives and Investigators", 3, 35_000),
    ("35-2012", "Cooks, Institution and Cafeteria", 3, 440_000),
    ("35-2014", "Cooks, Restaurant", 3, 1_400_000),
    ("55-1010", "Air Crew Officers", 3, None),  # synthetic: same title as an O*NET occupation
]

#: (onet_code, title, wage_soc)
ONET = [
    ("13-1021.00", "Buyers and Purchasing Agents, Farm Products", "13-1020"),
    ("13-1022.00", "Wholesale and Retail Buyers, Except Farm Products", "13-1020"),
    ("15-1221.00", "Computer and Information Research Scientists", "15-1221"),
    ("15-1252.00", "Software Developers", "15-1252"),
    ("15-2051.00", "Data Scientists", "15-2051"),
    ("15-2051.01", "Business Intelligence Analysts", "15-2051"),
    ("29-1141.00", "Registered Nurses", "29-1141"),
    ("29-1141.01", "Acute Care Nurses", "29-1141"),
    ("29-1151.00", "Nurse Anesthetists", "29-1151"),
    ("33-3021.00", "Detectives and Criminal Investigators", "33-3021"),
    ("33-9021.00", "Private Detectives and Investigators", "33-9021"),
    ("35-2012.00", "Cooks, Institution and Cafeteria", "35-2012"),
    ("35-2014.00", "Cooks, Restaurant", "35-2014"),
    ("55-1011.00", "Air Crew Officers", None),
    ("55-3016.00", "Infantry", None),
]

#: (slug, name, soc_code, mapping, aliases as load_articles writes them)
ARTICLE_ROLES = [
    ("data_scientist", "Data Scientist", "15-2051", m.MAPPING_SAME, ["Data Scientist"]),
    (
        "machine_learning_engineer", "Machine Learning Engineer", "15-1221", m.MAPPING_CLOSEST,
        ["Machine Learning Engineer", "Machine Learning Engineers", "ML Engineer",
         "ML Engineers", "Computer Research Scientist", "Computer Research Scientists"],
    ),
]


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A SQLite file with the test data, made once and copied for each test."""
    path = tmp_path_factory.mktemp("occupations") / "roles.db"
    engine = store.make_engine(f"sqlite:///{path}")
    m.Base.metadata.create_all(engine)
    with Session(engine, future=True) as session, session.begin():
        session.add(m.Area(code=NATIONAL, type="N", state_code="00", name="National"))
        for soc, title, level, _ in OCCUPATIONS:
            session.add(m.Occupation(soc_code=soc, title=title, level=level))
        session.flush()
        for soc, _, _, employment in OCCUPATIONS:
            session.add(m.Wage(soc_code=soc, area_code=NATIONAL, employment=employment))
        for code, title, wage_soc in ONET:
            session.add(m.OnetOccupation(
                onet_code=code, soc_code=code[:7], title=title, description=f"{title}.",
                wage_soc=wage_soc,
            ))
        for dataset, digest in ((m.DATASET_OEWS, "a" * 64), (m.DATASET_ONET, "b" * 64)):
            session.add(m.Release(
                dataset=dataset, title=dataset, release="test", package="test", sha256=digest
            ))
        for slug, name, soc, mapping, aliases in ARTICLE_ROLES:
            role = m.Role(slug=slug, name=name, kind=m.KIND_ARTICLE, soc_code=soc, mapping=mapping)
            role.aliases = [m.Alias(alias=a, normalized=a.lower()) for a in aliases]
            session.add(role)
    engine.dispose()
    return path


@pytest.fixture()
def engine(template, tmp_path):
    shutil.copy(template, tmp_path / "roles.db")
    engine = store.make_engine(f"sqlite:///{tmp_path / 'roles.db'}")
    yield engine
    engine.dispose()


def roles(engine) -> Dict[str, m.Role]:
    with Session(engine, future=True) as session:
        rows = session.scalars(select(m.Role)).all()
        session.expunge_all()
    return {r.slug: r for r in rows}


def aliases(engine) -> Dict[str, str]:
    """``{normalized alias: role slug}``."""
    with Session(engine, future=True) as session:
        return dict(session.execute(
            select(m.Alias.normalized, m.Role.slug).join(m.Role, m.Alias.role_id == m.Role.id)
        ).all())


def writes_during(engine, action) -> List[str]:
    """Run ``action`` and return the INSERT/UPDATE/DELETE statements it sent."""
    seen: List[str] = []

    def record(conn, cursor, statement, *args):
        if statement.lstrip().split(" ", 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen


def test_a_role_for_every_occupation(engine):
    report = load_occupations.sync(engine)
    assert report.changed
    got = roles(engine)
    occupations = {s for s, r in got.items() if r.kind == m.KIND_OCCUPATION}
    assert occupations == {
        "onet-13-1021-00", "onet-13-1022-00", "onet-15-1221-00", "onet-15-1252-00",
        "onet-15-2051-01", "onet-29-1141-00", "onet-29-1141-01", "onet-29-1151-00",
        "onet-33-3021-00", "onet-33-9021-00", "onet-35-2012-00", "onet-35-2014-00",
        "onet-55-1011-00", "onet-55-3016-00", "soc-13-1020", "soc-29-1150",
    }
    assert (report.onet_roles, report.soc_roles, report.roles) == (14, 2, 16)

    def row(slug) -> Tuple:
        r = got[slug]
        return r.name, r.onet_code, r.soc_code, r.mapping, r.employment

    assert row("onet-29-1141-00") == (
        "Registered Nurses", "29-1141.00", "29-1141", m.MAPPING_SAME, 3_300_000)
    # a sub-occupation: its parent's figures
    assert row("onet-29-1141-01") == (
        "Acute Care Nurses", "29-1141.01", "29-1141", m.MAPPING_PART, 3_300_000)
    # an O*NET occupation inside an OEWS aggregate, and the aggregate itself
    assert row("onet-13-1021-00") == ("Buyers and Purchasing Agents, Farm Products",
                                      "13-1021.00", "13-1020", m.MAPPING_PART, 480_000)
    assert row("soc-13-1020") == (
        "Buyers and Purchasing Agents", None, "13-1020", m.MAPPING_SAME, 480_000)
    # no OEWS figures at all
    assert row("onet-55-3016-00") == ("Infantry", "55-3016.00", None, None, None)
    # the same title under an OEWS-only code: one role, the O*NET one, with the OEWS figures
    assert row("onet-55-1011-00") == (
        "Air Crew Officers", "55-1011.00", "55-1010", m.MAPPING_SAME, None)
    assert any("55-1010" in s for s in report.skipped)


def test_article_role_mapped_same_is_the_occupation(engine):
    report = load_occupations.sync(engine)
    got = roles(engine)
    assert "onet-15-2051-00" not in got and "Data Scientists" not in {r.name for r in got.values()}
    scientist = got["data_scientist"]
    assert (scientist.kind, scientist.onet_code, scientist.employment) == (
        m.KIND_ARTICLE, "15-2051.00", 262_440)
    names = aliases(engine)
    # its own alias stays, the occupation's title comes to it
    assert names["data scientist"] == names["data scientists"] == "data_scientist"
    assert report.merged == ["Data Scientist = Data Scientists (15-2051.00)"]
    assert report.added_to_articles == 1
    # the sub-occupation of the same SOC code keeps a role of its own
    assert got["onet-15-2051-01"].soc_code == "15-2051"


def test_article_role_mapped_closest_stays_separate(engine):
    load_occupations.sync(engine)
    got = roles(engine)
    engineer = got["machine_learning_engineer"]
    assert (engineer.onet_code, engineer.employment) == (None, None)
    research = got["onet-15-1221-00"]
    assert (research.name, research.soc_code, research.mapping) == (
        "Computer and Information Research Scientists", "15-1221", m.MAPPING_SAME)
    names = aliases(engine)
    # the article role's own aliases win over the occupation's
    assert names["computer research scientist"] == "machine_learning_engineer"
    assert names["computer research scientists"] == "machine_learning_engineer"
    assert names["information research scientist"] == "onet-15-1221-00"
    assert names["computer and information research scientists"] == "onet-15-1221-00"


def test_aliases_and_collisions(engine):
    report = load_occupations.sync(engine)
    names = aliases(engine)
    assert names["registered nurse"] == names["registered nurses"] == "onet-29-1141-00"
    assert names["restaurant cook"] == "onet-35-2014-00"
    assert names["farm products buyer"] == "onet-13-1021-00"
    assert names["wholesale buyer"] == "onet-13-1022-00"
    assert names["private detective"] == names["private investigator"] == "onet-33-9021-00"
    assert names["criminal investigator"] == "onet-33-3021-00"
    # names two occupations would both get go to neither
    for shared in ("cook", "cooks", "buyer", "buyers", "purchasing agent"):
        assert shared not in names
    assert report.shared_dropped >= 5
    # a bare word that ends another occupation's name is left to the resolver as generic
    assert "detective" not in names and "detectives" not in names
    assert report.generic_dropped >= 2
    # each title and its singular stay; an exact collision goes to the larger occupation
    assert names["nurse anesthetists"] == names["nurse anesthetist"] == "onet-29-1151-00"
    assert report.title_collisions == [
        "'Nurse Anesthetist' kept by Nurse Anesthetists, not Nurse Anesthetist"]
    assert names["buyers and purchasing agents"] == "soc-13-1020"
    # no alias is stored twice, every one is normalised
    with Session(engine, future=True) as session:
        rows = session.execute(select(m.Alias.alias, m.Alias.normalized)).all()
    assert all(n == n.lower().strip() and n for _, n in rows)


def test_second_sync_writes_nothing(engine):
    first = load_occupations.sync(engine)
    before = aliases(engine)
    reports = []
    statements = writes_during(engine, lambda: reports.append(load_occupations.sync(engine)))
    assert statements == []
    (second,) = reports
    assert not second.changed
    assert (second.roles, second.aliases) == (first.roles, first.aliases)
    assert aliases(engine) == before
    assert "unchanged" in second.summary()


def test_changed_release_rebuilds_the_same(engine):
    load_occupations.sync(engine)
    before_roles = {s: (r.name, r.soc_code, r.mapping) for s, r in roles(engine).items()}
    before = aliases(engine)
    with Session(engine, future=True) as session, session.begin():
        session.execute(update(m.Release).where(m.Release.dataset == m.DATASET_ONET)
                        .values(sha256="c" * 64))
    report = load_occupations.sync(engine)
    assert report.changed and report.added_to_articles == 1
    assert aliases(engine) == before
    assert {s: (r.name, r.soc_code, r.mapping) for s, r in roles(engine).items()} == before_roles


def test_rebuild_takes_back_aliases_given_to_an_article_role(engine):
    load_occupations.sync(engine)
    with Session(engine, future=True) as session, session.begin():
        session.execute(update(m.OnetOccupation).where(m.OnetOccupation.onet_code == "15-2051.00")
                        .values(title="Data Science Specialists"))
    report = load_occupations.sync(engine)
    assert report.changed
    names = aliases(engine)
    assert "data scientists" not in names  # was the old title's, added to the article role
    assert names["data scientist"] == "data_scientist"  # the role's own alias stays
    assert names["data science specialist"] == "data_scientist"
    assert names["data science specialists"] == "data_scientist"
    assert report.added_to_articles == 2


def test_an_article_change_rebuilds(engine):
    load_occupations.sync(engine)
    with Session(engine, future=True) as session, session.begin():
        session.execute(update(m.Role).where(m.Role.slug == "machine_learning_engineer")
                        .values(mapping=m.MAPPING_SAME))
    report = load_occupations.sync(engine)
    assert report.changed
    got = roles(engine)
    assert "onet-15-1221-00" not in got  # now merged into the article role
    assert got["machine_learning_engineer"].onet_code == "15-1221.00"
    assert aliases(engine)["information research scientist"] == "machine_learning_engineer"


def test_empty_database(tmp_path):
    engine = store.make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        report = load_occupations.sync(engine)
        assert report.changed and report.roles == 0 and report.aliases == 0
        assert not load_occupations.sync(engine).changed
    finally:
        engine.dispose()


def test_a_recreated_article_role_is_merged_again(engine):
    load_occupations.sync(engine)
    with Session(engine, future=True) as session, session.begin():
        # what load_articles does when a role file changes: the role and its aliases anew
        session.execute(update(m.Role).where(m.Role.slug == "data_scientist")
                        .values(onet_code=None, employment=None))
        session.execute(delete(m.Alias).where(m.Alias.normalized == "data scientists"))
    report = load_occupations.sync(engine)
    assert report.changed
    assert roles(engine)["data_scientist"].onet_code == "15-2051.00"
    assert aliases(engine)["data scientists"] == "data_scientist"
