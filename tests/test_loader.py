"""Loading the role data: validation, merging, idempotent sync, edits and removals."""

from __future__ import annotations

import pytest
import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from careerdata import load_articles as loader, role_files, models as m, store
from tests.data_edit import remove_role
from tests.expected import SEED_ROLES

ROLES = set(SEED_ROLES)


def _engine(tmp_path):
    return store.make_engine(f"sqlite:///{tmp_path / 'roles.db'}")


def _snapshot(engine):
    """Every row of every table, to compare database states."""
    with engine.connect() as conn:
        return {
            table.name: sorted(tuple(row) for row in conn.execute(table.select()))
            for table in m.Base.metadata.sorted_tables
        }


def test_dataset_has_the_six_seed_roles_with_every_section(dataset):
    assert {r.name for r in dataset.roles.values()} == ROLES
    for role in dataset.roles.values():
        for section in ("definition", "responsibilities", "skills", "education", "tools",
                        "industries"):
            assert getattr(role, section), f"{role.name} has no {section}"
    assert len(dataset.articles) == 4
    for article in dataset.articles:
        assert len(article.tips) == 5 and len(article.jobs) == 5 and article.outlook


def test_first_sync_loads_everything_and_merges_duplicates(tmp_path, dataset):
    engine = _engine(tmp_path)
    report = loader.sync(engine, dataset)
    assert set(report.added) == ROLES and report.articles_changed
    with Session(engine) as session:
        # The five listings of four articles hold 7 distinct jobs; each keeps every source.
        jobs = session.scalars(select(m.JobListing)).all()
        assert len(jobs) == 7
        murmuration = [j for j in jobs if j.title == "Data Engineer"][0]
        assert {a.id for a in murmuration.sources} == {
            "mle-vs-de", "mle-vs-ds", "mle-vs-dspec", "lmle-vs-sde"}
        assert murmuration.salary_min == 100_000 and murmuration.salary_max == 130_000
        assert murmuration.role.name == "Data Engineer"
        # Machine Learning Engineer: one Python row, with all three of its articles.
        mle = session.scalars(select(m.Role).where(m.Role.name == "Machine Learning Engineer")).one()
        python = [f for f in mle.facts if f.topic == "tools" and f.name == "Python"]
        assert len(python) == 1
        assert {a.id for a in python[0].sources} == {"mle-vs-de", "mle-vs-ds", "mle-vs-dspec"}
        tools = [f.name.lower() for f in mle.facts if f.topic == "tools"]
        assert len(tools) == len(set(tools))
        assert {a.id for a in mle.articles} == {"mle-vs-de", "mle-vs-ds", "mle-vs-dspec"}


def test_second_sync_changes_nothing(tmp_path, dataset):
    engine = _engine(tmp_path)
    loader.sync(engine, dataset)
    before = _snapshot(engine)
    report = loader.sync(engine, dataset)
    assert not report.changed
    assert set(report.unchanged) == ROLES
    assert _snapshot(engine) == before


def test_edited_file_updates_only_its_rows(tmp_path, data_copy):
    engine = _engine(tmp_path)
    loader.sync(engine, role_files.read_dataset(data_copy))
    path = data_copy / "roles" / "data_specialist.yml"
    content = yaml.safe_load(path.read_text())
    content["industries"].append({"name": "Space exploration", "sources": ["mle-vs-dspec"]})
    path.write_text(yaml.safe_dump(content, sort_keys=False))
    report = loader.sync(engine, role_files.read_dataset(data_copy))
    assert report.updated == ["Data Specialist"] and not report.added and not report.removed
    facts = store.RoleStore(engine).topic_facts("Data Specialist", "industries")
    assert "Space exploration" in [f.name for f in facts.facts]


def test_removed_file_removes_the_role(tmp_path, data_copy):
    engine = _engine(tmp_path)
    loader.sync(engine, role_files.read_dataset(data_copy))
    remove_role(data_copy, "data_specialist", "Data Specialist")
    report = loader.sync(engine, role_files.read_dataset(data_copy))
    assert report.removed == ["Data Specialist"]
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(m.Role)) == 5
        orphans = session.scalar(
            select(func.count()).select_from(m.Fact).where(~m.Fact.role_id.in_(select(m.Role.id)))
        )
        assert orphans == 0


@pytest.mark.parametrize(
    "edit, field, reason",
    [
        (lambda d: d.pop("definition"), "definition", "field required"),
        (lambda d: d["skills"][1].update(terms="Python"), "skills[1].terms", "not a valid list"),
        (lambda d: d["tools"][0].update(sources=["no-such-article"]), "tools[0].sources",
         "unknown article id 'no-such-article'"),
        (lambda d: d["tools"][0].update(colour="red"), "tools[0].colour", "extra fields"),
        (lambda d: d.update(aliases=["data scientist"]), "aliases[0]", "already a name of"),
        (lambda d: d["industries"].append(dict(d["industries"][0])), "industries[5].name",
         "duplicate name"),
    ],
)
def test_malformed_role_file_names_file_field_and_reason(data_copy, edit, field, reason):
    path = data_copy / "roles" / "data_engineer.yml"
    content = yaml.safe_load(path.read_text())
    edit(content)
    path.write_text(yaml.safe_dump(content, sort_keys=False))
    with pytest.raises(role_files.DataError) as info:
        role_files.read_dataset(data_copy)
    assert info.value.path == "roles/data_engineer.yml"
    assert info.value.field == field
    assert reason in info.value.reason


def test_broken_yaml_and_bad_salary_are_reported(data_copy):
    (data_copy / "roles" / "data_engineer.yml").write_text("name: [unclosed\n")
    with pytest.raises(role_files.DataError) as info:
        role_files.read_dataset(data_copy)
    assert info.value.path == "roles/data_engineer.yml" and "YAML" in info.value.reason


def test_salary_max_below_min_is_rejected(data_copy):
    path = data_copy / "articles.yml"
    content = yaml.safe_load(path.read_text())
    content["articles"][0]["jobs"][0]["salary_max"] = 1
    path.write_text(yaml.safe_dump(content, sort_keys=False))
    with pytest.raises(role_files.DataError) as info:
        role_files.read_dataset(data_copy)
    assert info.value.field == "articles[0].jobs[0].salary_max"


def test_failed_sync_leaves_the_database_untouched(tmp_path, dataset, monkeypatch):
    engine = _engine(tmp_path)
    loader.sync(engine, dataset)
    before = _snapshot(engine)
    changed = role_files.Dataset(dataset.articles, dataset.roles, {**dataset.hashes,
                                                              "articles.yml": "x"})

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(loader, "match_job_role", boom)
    with pytest.raises(RuntimeError):
        loader.sync(engine, changed)
    assert _snapshot(engine) == before


def test_job_titles_match_the_longest_role_name():
    aliases = {"data engineer": 1, "data scientist": 2, "machine learning engineer": 3,
               "lead machine learning engineer": 4}
    assert loader.match_job_role("Senior Data Scientist", aliases) == 2
    assert loader.match_job_role("Lead Machine Learning Engineer", aliases) == 4
    assert loader.match_job_role("Software Engineer", aliases) is None
    assert loader.match_job_role("Big Data Engineering Manager", aliases) is None


def test_a_database_missing_a_column_or_an_index_of_the_models_is_outdated(tmp_path):
    from sqlalchemy import create_engine, text

    from careerdata import models as m
    from careerdata.load import ensure_schema, outdated_tables

    engine = create_engine(f"sqlite:///{tmp_path / 'schema.db'}", future=True)
    m.Base.metadata.create_all(engine)
    assert outdated_tables(engine) == []
    with engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_onet_ratings_kind_element"))
    assert outdated_tables(engine) == ["onet_ratings"]
    assert ensure_schema(engine) and outdated_tables(engine) == []
