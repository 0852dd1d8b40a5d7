"""The depth readers and titles on a small copy of the open data (tests/opendata_fixture.py):
a few occupations, the same tables and manifest, loaded in a fraction of a second."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from careerdata import depth, load_depth, load_titles, store, topics
from careerdata import models as m
from careerdata import models_depth as d
from tests.opendata_fixture import make_fixture

ROLES = [  # (name, O*NET code, SOC code, mapping)
    ("Registered Nurses", "29-1141.00", "29-1141", m.MAPPING_SAME),
    ("Acute Care Nurses", "29-1141.01", "29-1141", m.MAPPING_PART),
    ("Electricians", "47-2111.00", "47-2111", m.MAPPING_SAME),
    ("Paralegals and Legal Assistants", "23-2011.00", "23-2011", m.MAPPING_SAME),
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    folder = make_fixture(tmp_path_factory.mktemp("opendata"))
    engine = store.make_engine(f"sqlite:///{tmp_path_factory.mktemp('db') / 'depth.db'}")
    m.Base.metadata.create_all(engine)
    with Session(engine) as session, session.begin():
        for i, (name, code, soc, mapping) in enumerate(ROLES):
            session.add(m.Role(slug=f"onet-{i}", name=name, kind=m.KIND_OCCUPATION,
                               onet_code=code, soc_code=soc, mapping=mapping, employment=1000))
    report = load_depth.sync(engine, folder)
    assert report.loaded and report.rows["projections"] == 4  # 3 SOC codes and all occupations
    load_titles.sync(engine)
    yield engine
    engine.dispose()


def read(engine, role: str, topic: str) -> depth.Depth:
    with Session(engine) as session:
        return depth.read(session, role, topic)


def test_the_fixture_holds_only_its_occupations(engine):
    with Session(engine) as session:
        codes = set(session.scalars(select(d.OnetTask.onet_code)))
        assert codes == {code for _, code, _, _ in ROLES}
        assert session.scalar(select(func.count()).select_from(d.OnetEducationCategory)) > 40


def test_tasks_core_first(engine):
    found = read(engine, "Registered Nurses", topics.RESPONSIBILITIES)
    flags = [i.flags[0] for i in found.items]
    assert len(found.items) == 27 and flags.index("Supplemental") == flags.count("Core") == 15


def test_outlook_against_all_occupations_and_the_parent_of_a_detailed_occupation(engine):
    nurse = read(engine, "Registered Nurses", topics.OUTLOOK)
    assert {i.label: i.value for i in nurse.items}["Change"] == 4.9
    assert {i.label: i.value for i in nurse.extra}["All occupations"] == 3.1
    assert nurse.parent is None
    acute = read(engine, "Acute Care Nurses", topics.OUTLOOK)
    # no OEWS in the fixture: the SOC occupation is named as the projections name it
    assert acute.parent == "Registered nurses (SOC 29-1141)" and acute.items == nurse.items


def test_education_of_a_trade(engine):
    facts = dict(read(engine, "Electricians", topics.EDUCATION).facts)
    assert facts["Typical entry education"] == "High school diploma or equivalent"
    assert facts["Typical on-the-job training"].startswith("Apprenticeship (typically 4 years")
    assert facts["O*NET job zone"] == "3 of 5, medium preparation"


def test_skills_and_knowledge_by_importance(engine):
    skills = read(engine, "Registered Nurses", topics.SKILLS)
    assert skills.items[0].label == "Social Perceptiveness" and skills.items[0].level == 4.38
    assert skills.extra[0].label == "Psychology"
    assert read(engine, "Registered Nurses", topics.KNOWLEDGE).items[0].value == 4.58


def test_similar_jobs_outside_the_fixture_keep_their_code_and_no_median(engine):
    similar = read(engine, "Paralegals and Legal Assistants", topics.SIMILAR)
    assert similar.items[0].label  # a related occupation with no role here: its code or title
    assert similar.items[0].value is None  # no OEWS loaded: no median, none made up


def test_work_styles_and_interest_code(engine):
    found = read(engine, "Registered Nurses", topics.WORK_STYLES)
    assert dict(found.facts)["Interest code"] == "SIC"
    assert [i.label for i in found.extra if "interest" in i.flags] == [
        "Social", "Investigative", "Conventional"]


def test_titles_of_the_fixture_resolve_to_their_roles(engine):
    with Session(engine) as session:
        rows = session.execute(select(d.JobTitle.normalized, m.Role.name, d.JobTitle.shared)
                               .join(m.Role, d.JobTitle.role_id == m.Role.id)).all()
    titles = {t: name for t, name, shared in rows if not shared}
    assert titles["journeyman electrician"] == "Electricians"
    assert not load_titles.sync(engine).loaded  # nothing changed: nothing written
