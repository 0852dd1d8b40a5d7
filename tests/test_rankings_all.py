"""Rankings over every occupation (careerdata/rankings.py; BLS Employment Projections 2024–34,
BLS OEWS May 2025)."""

from __future__ import annotations

import pytest

from actions import rankings as rk
from careerdata import rankings
from careerdata.depth import education_terms
from tests.test_actions import make_tracker, run


@pytest.mark.parametrize("text, cap", [
    ("best paying jobs without a degree", "Some college, no degree"),
    ("jobs for someone with no college", "Some college, no degree"),
    ("what pays well with an associate's?", "Associate's degree"),
    ("fastest growing jobs", None),
    ("a field that doesnt need a 4 year degree", "Associate's degree"),
    ("jobs without a bachelor's", "Associate's degree"),
    ("which jobs don't require any degree", "Some college, no degree"),
    ("a 4 year degree", "Bachelor's degree"),
])
def test_the_entry_education_a_question_allows(text, cap):
    assert rankings.education_cap(text) == cap


def test_rankings_of_every_occupation(role_store):
    catalog = role_store.catalog
    growth, total = catalog.rank(rankings.GROWTH)
    assert total > 800 and growth[0].role == "Wind Turbine Service Technicians"
    assert growth[0].change_percent == 49.9  # BLS Employment Projections 2024–34, Table 1.2
    openings, _ = catalog.rank(rankings.OPENINGS)
    assert openings[0].role == "Fast Food and Counter Workers" and openings[0].openings == 904_300
    no_degree = rankings.Filters(education="Some college, no degree")
    paid, within = catalog.rank(rankings.PAY, no_degree)
    assert within < total and paid[0].role == "Commercial Pilots" and paid[0].median == 123_220
    levels = education_terms().levels[:4]
    assert all(r.education in levels for r in paid)
    with pytest.raises(ValueError):
        catalog.rank("fame")


def test_rankings_filter_by_field_job_zone_lowest_pay_and_place(role_store):
    catalog = role_store.catalog
    assert catalog.groups["29"] == "Healthcare practitioners and technical occupations"
    builders = rankings.Filters("Some college, no degree", rankings.field_groups("construction"))
    rows, total = catalog.rank(rankings.GROWTH, builders)
    assert rows[0].role == "Solar Photovoltaic Installers" and rows[0].change_percent == 42.1
    assert total == 60 and all(r.group == "47" for r in rows)
    zone, _ = catalog.rank(rankings.PAY, rankings.Filters(zone=2))
    assert all(r.zone <= 2 for r in zone)
    floor, _ = catalog.rank(rankings.OPENINGS, rankings.Filters(min_pay=100_000), limit=50)
    assert all(r.median >= 100_000 for r in floor)
    texas = role_store.area_pay("4800000")  # BLS OEWS May 2025, Texas
    care, _ = catalog.rank(rankings.PAY, rankings.Filters(groups=frozenset({"29"})), pay=texas)
    assert care[0].role == "Cardiologists" and care[0].median == 410_150  # national: 496,010


@pytest.mark.parametrize("text, pay", [
    ("jobs paying at least $60k", 60_000), ("over 80,000 a year", 80_000),
    ("$50k+ please", 50_000), ("six figures", 100_000), ("best paid jobs", None),
])
def test_the_lowest_pay_a_message_asks_for(text, pay):
    assert rankings.min_pay(text) == pay


@pytest.mark.parametrize("text, groups", [
    ("best paid healthcare jobs", {"29", "31"}), ("construction jobs", {"47"}),
    ("is it a good job", set()), ("jobs in tech", {"15"}),
])
def test_the_field_a_message_names(text, groups):
    assert rankings.field_groups(text) == groups


@pytest.mark.parametrize("text, zone", [
    ("best paid jobs in job zone 2", 2), ("job zone three jobs", 3), ("zone 9", None),
])
def test_the_job_zone_a_question_caps(text, zone):
    assert rankings.job_zone(text) == zone
    assert rankings.filters_of(text).zone == zone


@pytest.mark.parametrize("text, level", [
    ("which jobs need an associate's degree?", "Associate's degree"),
    ("I have a PhD", "Doctoral or professional degree"),
    ("pay of a master electrician", None),  # "master" alone is no degree
    ("sales associates", None),
])
def test_education_levels_are_named_by_the_words_of_data_bls_education(text, level):
    assert education_terms().named(text) == level


def test_every_field_of_data_fields_is_a_soc_major_group(role_store):
    assert set(rankings.read_field_words()) == set(role_store.catalog.groups) - {"00"}


def test_a_ranking_question_also_ranks_every_occupation(use_db):
    messages, _ = run(rk.ActionRankRoles(), make_tracker("which jobs have the most openings?",
                                                         "rank_roles"))
    assert len(messages) == 1  # the articles cite growth, not openings
    said = messages[0]["text"]
    assert said.startswith("**Across all occupations: most openings a year**")
    assert "Fast Food and Counter Workers: +6.1%, 904,300 openings a year" in said
    assert "BLS Employment Projections 2024–34; BLS OEWS, May 2025" in said


def test_a_ranking_question_with_a_place_and_a_field_ranks_there(use_db):
    text = "best paid healthcare jobs in Texas"
    messages, _ = run(rk.ActionRankRoles(), make_tracker(text, "rank_roles", [
        {"entity": "location", "value": "Texas", "start": 27, "end": 32}]))
    assert len(messages) == 1  # not the article roles' national figures
    said = messages[0]["text"]
    assert said.startswith("**Across all occupations: best paid (median in Texas)**")
    assert "Only occupations in healthcare practitioners and technical occupations and in " \
           "healthcare support occupations." in said
    assert "Cardiologists: +4.1%, 600 openings a year, median $410,150 a year in Texas" in said


@pytest.mark.parametrize("text, first", [
    ("which role pays the most?", "**Roles ranked by pay**"),
    ("which of the data jobs is growing fastest?", "**Roles ranked by job outlook**"),
    ("best paying jobs", "**Across all occupations: best paid (national median)**"),
])
def test_article_roles_come_first_only_when_asked_about_roles(use_db, text, first):
    messages, _ = run(rk.ActionRankRoles(), make_tracker(text, "rank_roles"))
    assert messages[0]["text"].startswith(first)
    assert len(messages) == 2
