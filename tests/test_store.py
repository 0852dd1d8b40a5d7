"""Queries of the role store against the database loaded from the project's data."""

from __future__ import annotations

import pytest

from careerdata import store
from careerdata.store import TOPICS
from tests.data_edit import remove_role
from tests.expected import SEED_ROLES, WITH_LISTINGS

ROLES = SEED_ROLES


def test_role_names(role_store):
    assert role_store.role_names() == ROLES


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("topic", TOPICS)
def test_every_role_has_every_topic_but_salary_only_with_listings(role_store, role, topic):
    facts = role_store.topic_facts(role, topic)
    if topic == "salary":
        assert facts.empty == (role not in WITH_LISTINGS)
    else:
        assert not facts.empty
        # every fact names at least one article, and every named article is described
        for fact in facts.facts:
            assert fact.sources and set(fact.sources) <= set(facts.sources)


def test_facts_and_figures_from_the_articles(role_store):
    salary = role_store.topic_facts("Data Engineer", "salary")
    assert [(j.company, j.salary_min, j.salary_max, j.currency) for j in salary.jobs] == [
        ("murmuration", 100_000, 130_000, "USD")]
    ds = role_store.topic_facts("Data Scientist", "salary").jobs
    assert [(j.title, j.level, j.salary_min, j.salary_max) for j in ds] == [
        ("Senior Data Scientist", "Senior-level / Expert", 120_000, 150_000)]
    outlook = role_store.topic_facts("Data Engineer", "outlook")
    assert any(f.name and "31%" in f.name and "2019-2029" in f.name for f in outlook.facts)
    tools = {f.name for f in role_store.topic_facts("Software Data Engineer", "tools").facts}
    assert {"Apache NiFi", "Talend", "Informatica", "Snowflake"} <= tools
    industries = {f.name for f in role_store.topic_facts("Data Specialist", "industries").facts}
    assert "Education and research" in industries


def test_tips_are_merged_across_articles(role_store):
    tips = role_store.topic_facts("Machine Learning Engineer", "tips")
    titles = [f.name.lower() for f in tips.facts]
    assert len(titles) == len(set(titles))
    assert len(tips.sources) == 3  # the three articles that cover the role


def test_sources_carry_titles_and_dates(role_store):
    facts = role_store.topic_facts("Lead Machine Learning Engineer", "definition")
    (source,) = facts.sources.values()
    assert source.title == "Lead Machine Learning Engineer vs. Software Data Engineer"
    assert source.published is None  # the article gives no date
    facts = role_store.topic_facts("Data Engineer", "definition")
    assert {s.published for s in facts.sources.values()} == {"2024-10-30"}


def test_roles_with_a_tool_or_skill(role_store):
    # SQL: a DE skill, a DS language, a data-specialist tool, an SDE skill ("SQL, NoSQL")
    index = role_store.skills
    assert [r for r, _ in index.roles_with("sql")] == [
        "Data Engineer", "Data Scientist", "Data Specialist", "Software Data Engineer"]
    assert "Machine Learning Engineer" in [r for r, _ in index.roles_with("TensorFlow")]
    assert index.roles_with("COBOL") == []
    assert index.resolve("x' OR '1'='1") is None


def test_compare_lists_what_two_roles_share(role_store):
    comparison = role_store.compare("Data Engineer", "Software Data Engineer", "tools")
    assert {"MySQL", "PostgreSQL", "MongoDB", "Snowflake"} <= set(comparison.shared)
    industries = role_store.compare("Data Scientist", "Data Specialist", "industries")
    assert set(industries.shared) == {
        "Marketing and advertising", "Healthcare and life sciences", "Government and public sector"}


def test_unknown_role_or_topic_raises_key_error(role_store):
    with pytest.raises(KeyError):
        role_store.topic_facts("Plumber", "skills")
    with pytest.raises(KeyError):
        role_store.topic_facts("Data Engineer", "hobbies")


def test_missing_database_is_reported_not_created(tmp_path):
    url = f"sqlite:///{tmp_path / 'absent.db'}"
    with pytest.raises(store.StoreUnavailable):
        store.get_store(url)
    assert not (tmp_path / "absent.db").exists()


def test_empty_database_is_reported(tmp_path):
    from careerdata import models

    url = f"sqlite:///{tmp_path / 'empty.db'}"
    engine = store.make_engine(url)
    models.Base.metadata.create_all(engine)
    with pytest.raises(store.StoreUnavailable):
        store.RoleStore(engine).role_names()


def test_database_url_from_environment(monkeypatch):
    monkeypatch.setenv(store.DB_URL_ENV, "postgresql://u@localhost/careers")
    assert store.database_url() == "postgresql://u@localhost/careers"
    monkeypatch.delenv(store.DB_URL_ENV)
    assert store.database_url().startswith("sqlite:///") and store.database_url().endswith(
        "roles.db")



def test_resolver_is_cached_per_store_and_rebuilt_with_a_new_store(tmp_path, data_copy):
    """After the stores are reset, a new store resolves names from the database it reads."""
    from careerdata import load_articles as loader, role_files

    url = f"sqlite:///{tmp_path / 'names.db'}"
    engine = store.make_engine(url)
    loader.sync(engine, role_files.read_dataset(data_copy))
    engine.dispose()
    first = store.get_store(url)
    assert first.resolver is first.resolver
    assert first.resolver.resolve("data eng").role == "Data Engineer"

    store.reset_stores([url])
    remove_role(data_copy, "data_engineer", "Data Engineer")
    engine = store.make_engine(url)
    loader.sync(engine, role_files.read_dataset(data_copy))
    engine.dispose()
    second = store.get_store(url)
    assert "Data Engineer" not in second.role_names()
    assert second.resolver.resolve("data eng").role != "Data Engineer"
    store.reset_stores([url])
