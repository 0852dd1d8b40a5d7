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
])
def test_the_entry_education_a_question_allows(text, cap):
    assert rankings.education_cap(text) == cap


def test_rankings_of_every_occupation(role_store):
    growth, total = role_store.rank_occupations(rankings.GROWTH)
    assert total > 800 and growth[0].role == "Wind Turbine Service Technicians"
    assert growth[0].change_percent == 49.9  # BLS Employment Projections 2024–34, Table 1.2
    openings, _ = role_store.rank_occupations(rankings.OPENINGS)
    assert openings[0].role == "Fast Food and Counter Workers" and openings[0].openings == 904_300
    paid, within = role_store.rank_occupations(rankings.PAY, "Some college, no degree")
    assert within < total and paid[0].role == "Commercial Pilots" and paid[0].median == 123_220
    levels = education_terms().levels[:4]
    assert all(r.education in levels for r in paid)
    with pytest.raises(ValueError):
        role_store.rank_occupations("fame")


def test_a_ranking_question_also_ranks_every_occupation(use_db):
    messages, _ = run(rk.ActionRankRoles(), make_tracker("which jobs have the most openings?",
                                                         "rank_roles"))
    assert messages[0]["text"].startswith("**Roles ranked by job outlook**")  # the articles'
    said = messages[1]["text"]
    assert said.startswith("**Across all occupations: most openings a year**")
    assert "Fast Food and Counter Workers: +6.1%, 904,300 openings a year" in said
    assert "BLS Employment Projections 2024–34; BLS OEWS, May 2025" in said
