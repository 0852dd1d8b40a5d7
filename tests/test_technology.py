"""Which occupations use a technology or tool (careerdata/technology.py, O*NET 30.1)."""

from __future__ import annotations

from actions import guidance as g
from careerdata.technology import TechnologyIndex
from tests.test_actions import make_tracker, run

ROWS = [  # (O*NET code, example, Hot Technology, In Demand)
    ("1", "Python", True, True), ("2", "Python", True, False), ("3", "Microsoft Excel", True, True),
    ("1", "Microsoft SQL Server", False, False), ("2", "MySQL", False, False),
    ("4", "Python", False, False),  # an occupation with no role: left out
]
ROLES = {"1": ("Software Developers", 1_600_000), "2": ("Home Health Aides", 4_000_000),
         "3": ("Accountants", 1_400_000)}


def test_a_term_matches_examples_with_all_its_words_and_an_equal_example_wins():
    index = TechnologyIndex(ROWS, ROLES)
    assert index.examples("excel") == ["Microsoft Excel"]
    assert index.examples("SQL") == ["Microsoft SQL Server"]  # "MySQL" is another word
    assert index.examples("python") == ["Python"]
    assert index.examples("cobol") == [] and index.examples("") == []
    assert index.examples_of("sql", "Software Developers") == ["Microsoft SQL Server"]
    assert index.examples_of("sql", "Accountants") == []


def test_in_demand_first_then_hot_then_employment():
    users = TechnologyIndex(ROWS, ROLES).users("Python")
    assert [r for r, _, _ in users.occupations] == ["Software Developers", "Home Health Aides"]
    assert (users.in_demand, users.hot) == (1, 2)
    assert TechnologyIndex(ROWS, ROLES).users("Fortran").occupations == ()


def test_which_jobs_use_a_tool_the_articles_never_name(role_store, use_db):
    text = "which jobs use AutoCAD?"
    messages, _ = run(g.ActionRolesBySkill(), make_tracker(text, "ask_roles_by_skill"))
    (said,) = [m["text"] for m in messages]
    assert said.startswith("**Occupations that use AutoCAD: 180 in O*NET**")
    assert "Civil Engineers, 367,840 employed (In Demand, Hot Technology)" in said
    assert "O*NET 30.1, Dec 2025, CC BY 4.0" in said and "BLS OEWS, May 2025" in said


def test_a_skill_of_the_articles_also_lists_every_occupation(role_store, use_db):
    text = "which jobs use Python?"
    tracker = make_tracker(text, "ask_roles_by_skill",
                           [{"entity": "skill", "value": "Python", "start": 15, "end": 21}])
    messages, _ = run(g.ActionRolesBySkill(), tracker)
    assert messages[0]["text"].startswith("**Roles that use Python**")
    assert messages[1]["text"].startswith("**Occupations that use Python: 132 in O*NET**")
    assert "Software Developers, 1,687,890 employed (In Demand, Hot Technology)" in messages[1]["text"]


def test_products_named_among_other_words_are_found(role_store):
    tech = role_store.technology
    assert tech.find_products("Who uses QuickBooks at work? Like what kinds of jobs") == [
        "Intuit QuickBooks"]
    assert tech.find_products("what jobs use Dentrix software") == ["Henry Schein Dentrix"]
    assert tech.find_products("Who uses SketchUp professionally?") == ["Trimble SketchUp Pro"]
    # a capitalised first word is read as written in lower case; no function word starts one
    assert tech.find_products("Time to find jobs that use Revit") == ["Autodesk Revit"]
    assert tech.find_products("which jobs need critical thinking") == []
