"""Career guidance: the skill index (unit), and the guidance actions over a real role database
(Tracker + CollectingDispatcher)."""

from __future__ import annotations

from typing import Any, Dict

import pytest

from actions import guidance as g
from actions import advice as adv
from actions.context import SLOT_KNOWN_SKILLS, SLOT_ROLE
from careerdata import store
from careerdata.skills import KIND_SKILL, KIND_TOOL, Requirement, SkillIndex, requirements
from actions import actions as act
from actions import rankings as rk
from tests.test_actions import make_tracker, run


@pytest.fixture(autouse=True)
def _db(use_db):
    yield
    store.reset_stores()


def skill(value: str, text: str, message: str) -> Dict[str, Any]:
    start = message.index(text)
    return {"entity": "skill", "value": value, "start": start, "end": start + len(text),
            "extractor": "RoleMentionExtractor"}


def role(value: str, text: str, message: str) -> Dict[str, Any]:
    start = message.index(text)
    return {"entity": "role", "value": value, "start": start, "end": start + len(text),
            "extractor": "SpacyEntityExtractor"}


# -- the index (unit) ----------------------------------------------------------------------------

def small_index() -> SkillIndex:
    roles = {
        "Analyst": requirements([("SQL and databases", ["SQL"]), ("Statistics and reporting", [])],
                                ["Excel", "SQL"]),
        "Builder": requirements([("Programming", ["Python", "Java"])], ["Docker"]),
    }
    return SkillIndex(roles, {"xl": "Excel", "stats": "statistics"})


def test_requirements_weigh_skills_twice_and_skip_tools_a_skill_names():
    reqs = requirements([("SQL and databases", ["SQL"])], ["SQL", "Excel"])
    assert [(r.kind, r.name, r.weight) for r in reqs] == [
        (KIND_SKILL, "SQL and databases", 2), (KIND_TOOL, "Excel", 1)]
    assert Requirement(KIND_SKILL, "Statistics and data mining (core)", ()).parts == (
        "statistics", "data mining")


def test_resolve_aliases_typos_and_unknown_skills():
    index = small_index()
    assert index.resolve("XL") == "Excel"
    assert index.resolve("stats") == "statistics"
    assert index.resolve("pythn") is None  # shorter than the fuzzy minimum
    assert index.resolve("programing") == "programming"
    assert index.resolve("COBOL") is None
    assert index.scan("I know python, xl and docker") == ["Python", "Excel", "Docker"]


def test_fit_scores_are_weighted_shares_and_never_invent_a_role():
    index = small_index()
    fits = index.fit(["SQL"])
    assert [(f.role, f.score) for f in fits] == [("Analyst", 40)]  # 2 of 2+2+1
    assert index.fit(["COBOL"]) == []
    both = index.fit(["Python", "SQL"])
    assert [f.role for f in both] == ["Builder", "Analyst"]  # 2 of 3 = 67% > 40%


def test_fit_shows_every_role_tied_with_the_last_one():
    roles = {name: requirements([("Programming", ["Python"])], []) for name in "ABCD"}
    assert len(SkillIndex(roles, {}).fit(["Python"], limit=2)) == 4


def test_an_alias_of_an_unknown_skill_is_refused():
    with pytest.raises(ValueError, match="COBOL"):
        SkillIndex({"A": requirements([], ["SQL"])}, {"cob": "COBOL"})


def test_store_index_holds_the_role_files_skills(role_store):
    index = role_store.skills
    assert index.resolve("postgres") == "PostgreSQL"
    assert index.resolve("k8s") == "Kubernetes"
    assert index.resolve("sklearn") == "scikit-learn"
    assert index.resolve("kubernets") == "Kubernetes"
    assert index.resolve("tablaeu") == "Tableau"  # two letters swapped
    assert index.resolve("pyhton") == "Python"
    assert [r for r, _ in index.roles_with("SQL")] == [
        "Data Engineer", "Data Scientist", "Data Specialist", "Software Data Engineer"]
    assert not index.uses("Data Engineer", "Kubernetes").found
    assert index.uses("Data Engineer", "Kubernetes").others == ("Machine Learning Engineer",)
    assert index.uses("Machine Learning Engineer", "Docker").found


# -- actions ---------------------------------------------------------------------------------

def test_roles_by_skill_lists_roles_with_where_and_source():
    text = "which roles need SQL?"
    messages, _ = run(g.ActionRolesBySkill(), make_tracker(text, "ask_roles_by_skill",
                                                           [skill("SQL", "SQL", text)]))
    reply = messages[0]["text"]
    assert "Roles that use SQL" in reply
    assert "Data Engineer — skill “SQL and databases”" in reply
    assert "- Machine Learning Engineer —" not in reply
    assert "Source" in reply


def test_roles_by_industry():
    messages, _ = run(g.ActionRolesBySkill(),
                      make_tracker("which jobs are in healthcare?", "ask_roles_by_skill"))
    assert "Roles in Healthcare" in messages[0]["text"]
    assert "Healthcare and life sciences" in messages[0]["text"]


def test_an_unknown_skill_is_said_plainly():
    text = "who uses Quenya?"
    messages, _ = run(g.ActionRolesBySkill(), make_tracker(text, "ask_roles_by_skill",
                                                           [skill("Quenya", "Quenya", text)]))
    assert "“Quenya” is not in my sources" in messages[0]["text"]
    text = "who uses COBOL?"  # not in the articles, but in O*NET
    messages, _ = run(g.ActionRolesBySkill(), make_tracker(text, "ask_roles_by_skill",
                                                           [skill("COBOL", "COBOL", text)]))
    assert messages[0]["text"].startswith("**Occupations that use COBOL: ")
    untagged, _ = run(adv.ActionRecordSkills(), make_tracker("I know Quenya", "inform_skills"))
    assert "I don't know “Quenya” as a skill or tool" in untagged[0]["text"]
    typo, _ = run(g.ActionRolesBySkill(), make_tracker("what roles use pyhton", "ask_roles_by_skill"))
    assert "Roles that use Python" in typo[0]["text"]  # untagged, misspelt, still resolved


def test_profile_adds_and_removes_skills():
    text = "I know Python and postgres but not R"
    entities = [skill("Python", "Python", text), skill("PostgreSQL", "postgres", text),
                skill("R", "R", text)]
    messages, slots = run(adv.ActionRecordSkills(), make_tracker(
        text, "inform_skills", entities, slots={SLOT_KNOWN_SKILLS: ["R", "Microsoft Excel"]}))
    assert slots[SLOT_KNOWN_SKILLS] == ["Microsoft Excel", "Python", "PostgreSQL"]
    said = messages[0]["text"]
    assert "Noted: you know Python and PostgreSQL; I've forgotten R." in said
    # which roles use what was named: the articles' roles and O*NET's count
    assert "Python: my articles list it for Data Engineer, Data Scientist" in said
    assert "O*NET lists it for" in said
    assert messages[0]["buttons"][0]["payload"] == "/ask_fit"


def test_fit_ranks_roles_and_offers_what_to_learn():
    messages, slots = run(adv.ActionFit(), make_tracker(
        "which role fits me?", "ask_fit", slots={SLOT_KNOWN_SKILLS: ["Python", "SQL"]}))
    reply = messages[0]
    assert "Roles that fit your skills" in reply["text"]
    assert "Data Engineer — 33%" in reply["text"]
    assert "missing Big data" in reply["text"]
    assert reply["buttons"][0]["payload"] == "What should I learn for Data Engineer?"
    assert slots[SLOT_ROLE] == "Data Engineer"


def test_tips_questions_that_ask_what_to_learn_get_the_gap_and_others_the_tips():
    text = "any tips for a data engineer?"
    tips, _ = run(act.ActionAnswerTopic(), make_tracker(
        text, "ask_tips", [role("Data Engineer", "data engineer", text)]))
    assert "Data Engineer — getting started" in tips[0]["text"]
    text = "any tips for getting started as a machine learning engineer?"
    tips, _ = run(act.ActionAnswerTopic(), make_tracker(text, "ask_tips", [
        role("Machine Learning Engineer", "machine learning engineer", text)]))
    assert "Machine Learning Engineer — getting started" in tips[0]["text"]
    text = "what am I missing to become a data engineer?"
    gap, _ = run(act.ActionAnswerTopic(), make_tracker(
        text, "ask_tips", [role("Data Engineer", "data engineer", text)]))
    assert "Data Engineer — what to learn" in gap[0]["text"]


def test_a_switch_between_roles_sharing_a_skill_lists_the_terms_still_missing_within_it():
    text = "how do I switch from data specialist to data scientist?"
    messages, _ = run(act.ActionAnswerTopic(), make_tracker(text, "ask_tips", [
        role("Data Specialist", "data specialist", text),
        role("Data Scientist", "data scientist", text)]))
    said = messages[0]["text"]
    assert "Shared strengths: Programming" in said  # both list a Programming skill …
    # … but Data Scientist's names Python (data/roles/data_scientist.yml) and the other's not
    assert "Programming: you have part of it; also Python" in said


def test_a_move_between_two_roles_needs_no_learning_word():
    text = "I'm currently a data specialist, how do I get to data scientist?"
    messages, _ = run(act.ActionAnswerTopic(), make_tracker(text, "ask_tips", [
        role("Data Specialist", "data specialist", text),
        role("Data Scientist", "data scientist", text)]))
    assert "Data Specialist → Data Scientist — what to learn" in messages[0]["text"]


def test_fit_without_a_profile_asks_for_skills():
    messages, _ = run(adv.ActionFit(), make_tracker("which role fits me?", "ask_fit"))
    assert "Tell me about yourself first" in messages[0]["text"]
    # the interest quiz: one button per RIASEC area, its payload recording the area
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert len(payloads) == 6 and '/inform_skills{"interest": "Realistic"}' in payloads


def test_gap_with_and_without_a_profile():
    text = "what should I learn to become a data engineer?"
    entities = [role("Data Engineer", "data engineer", text)]
    plain, _ = run(act.ActionAnswerTopic(), make_tracker(text, "ask_tips", entities))
    assert "Data Engineer — what to learn" in plain[0]["text"]
    assert "SQL and databases" in plain[0]["text"]
    assert "Getting started:" in plain[0]["text"]
    known, _ = run(act.ActionAnswerTopic(), make_tracker(
        text, "ask_tips", entities, slots={SLOT_KNOWN_SKILLS: ["Python", "SQL"]}))
    assert "You already have: Programming, SQL and databases." in known[0]["text"]
    assert "Big data (Apache Hadoop, Apache Spark)" in known[0]["text"]


@pytest.mark.parametrize("text, first, second", [
    ("how do I switch from data specialist to ML engineer?", "data specialist", "ML engineer"),
    ("what do I need to become a lead ML engineer if I'm an ML engineer", "an ML engineer",
     "lead ML engineer"),
])
def test_transition_knows_which_role_is_the_current_one(text, first, second):
    names = {"data specialist": "Data Specialist", "ML engineer": "Machine Learning Engineer",
             "an ML engineer": "Machine Learning Engineer",
             "lead ML engineer": "Lead Machine Learning Engineer"}
    entities = [role(names[first], first, text), role(names[second], second, text)]
    messages, slots = run(act.ActionAnswerTopic(), make_tracker(text, "ask_tips", entities))
    assert f"{names[first]} → {names[second]} — what to learn" in messages[0]["text"]
    assert "Education (" in messages[0]["text"]
    assert slots[SLOT_ROLE] == names[second]


def test_yes_and_no_with_sources():
    text = "do data engineers use Kubernetes?"
    no, _ = run(g.ActionUses(), make_tracker(text, "ask_uses", [
        role("Data Engineer", "data engineers", text), skill("Kubernetes", "Kubernetes", text)]))
    assert no[0]["text"].startswith("**No — Kubernetes is not in my sources for Data Engineer.")
    assert "Machine Learning Engineer lists it." in no[0]["text"]
    text = "does an ML engineer use Docker?"
    yes, _ = run(g.ActionUses(), make_tracker(text, "ask_uses", [
        role("Machine Learning Engineer", "ML engineer", text), skill("Docker", "Docker", text)]))
    assert yes[0]["text"].startswith("**Yes — Machine Learning Engineer lists Docker")
    assert "Source" in yes[0]["text"]


def test_a_tool_question_about_an_occupation_reads_onet_technology():
    text = "do plumbers use Python?"
    messages, slots = run(g.ActionUses(), make_tracker(text, "ask_uses", [
        role("Plumbers, Pipefitters, and Steamfitters", "plumbers", text),
        skill("Python", "Python", text)]))
    (said,) = [m["text"] for m in messages]
    assert "O*NET does not list Python for Plumbers, Pipefitters, and Steamfitters." in said
    assert "Plumbers, Pipefitters, and Steamfitters — tools and software" in said
    text = "do accountants use excel?"
    messages, _ = run(g.ActionUses(), make_tracker(text, "ask_uses", [
        role("Accountants and Auditors", "accountants", text), skill("Excel", "excel", text)]))
    assert "Yes: O*NET lists Microsoft Excel for Accountants and Auditors." in messages[0]["text"]
    assert "O*NET 30.1, Dec 2025, CC BY 4.0" in messages[0]["text"]
    text = "what should I learn to become a plumber?"
    messages, _ = run(act.ActionAnswerTopic(), make_tracker(text, "ask_tips", [
        role("Plumbers, Pipefitters, and Steamfitters", "plumber", text)]))
    said = messages[0]["text"]  # no current job known: the target's education and training
    assert "Plumbers, Pipefitters, and Steamfitters — education" in said
    assert "Tell me your current job" in said


def test_a_switch_between_occupations_lists_gaps_technology_education_and_pay():
    text = "how do I switch from electrician to HVAC technician?"
    hvac = "Heating, Air Conditioning, and Refrigeration Mechanics and Installers"
    messages, slots = run(act.ActionAnswerTopic(), make_tracker(text, "ask_tips", [
        role("Electricians", "electrician", text), role(hvac, "HVAC technician", text)]))
    said = messages[0]["text"]
    assert f"From Electricians to {hvac}" in said
    # O*NET 29.0 Knowledge LV: Mechanical 3.41 (47-2111.00) -> 5.93 (49-9021.00), IM 4.67
    assert "Mechanical (knowledge): level 3.4 → 5.9 of 7, importance 4.7/5" in said
    assert ("Typical entry education: High school diploma or equivalent → Postsecondary "
            "nondegree award (1 level up)") in said
    # BLS OEWS May 2025 national medians: 47-2111 $63,190, 49-9021 $61,010
    assert "median $63,190 → $61,010 a year (−$2,180)" in said
    assert "O*NET 29.0" in said and "BLS OEWS, May 2025" in said
    assert slots["current_role"] == "Electricians" and slots["role"] == hvac


def test_rankings_use_bls_medians_and_say_ties():
    pay, _ = run(rk.ActionRankRoles(), make_tracker("which role pays the most?", "rank_roles"))
    assert "Roles ranked by pay" in pay[0]["text"]
    assert "a tie, not a finding" in pay[0]["text"]
    assert "BLS OEWS, May 2025" in pay[0]["text"]
    outlook, _ = run(rk.ActionRankRoles(), make_tracker("which role has the best outlook?",
                                                       "rank_roles"))
    assert "Roles ranked by job outlook" in outlook[0]["text"]
    assert "Data Specialist: no growth figure in my sources" in outlook[0]["text"]


def test_good_career_from_context():
    messages, _ = run(rk.ActionGoodCareer(), make_tracker(
        "is it a good career?", "ask_good_career", slots={SLOT_ROLE: "Data Scientist"}))
    text = messages[0]["text"]
    assert "Data Scientist — is it a good career?" in text
    assert "31% projected growth" in text and "median $" in text


@pytest.mark.parametrize("channel, bold", [("slack", "*Roles that use SQL*"),
                                           ("socketio", "**Roles that use SQL**"),
                                           ("cmdline", "Roles that use SQL\n")])
def test_replies_on_every_channel(channel, bold):
    text = "which roles need SQL?"
    messages, _ = run(g.ActionRolesBySkill(), make_tracker(
        text, "ask_roles_by_skill", [skill("SQL", "SQL", text)], channel=channel))
    assert bold in messages[0]["text"]
    assert bool(messages[0].get("buttons")) == (channel != "cmdline")


def test_fit_between_two_named_roles():
    text = "am I better suited to data engineer or data scientist?"
    messages, _ = run(adv.ActionFit(), make_tracker(
        text, "ask_fit", [role("Data Engineer", "data engineer", text),
                          role("Data Scientist", "data scientist", text)],
        slots={SLOT_KNOWN_SKILLS: ["Tableau"]}))
    reply = messages[0]["text"]
    assert reply.index("Data Scientist —") < reply.index("Data Engineer —")
    assert "Data Engineer — 0%: you have none of its skills" in reply


def test_answers_cite_only_the_articles_their_facts_come_from():
    text = "which roles need Snowflake?"
    messages, _ = run(g.ActionRolesBySkill(), make_tracker(
        text, "ask_roles_by_skill", [skill("Snowflake", "Snowflake", text)]))
    reply = messages[0]["text"]
    assert "Machine Learning Engineer vs. Data Engineer" in reply  # Data Engineer's article
    assert "Machine Learning Engineer vs. Data Scientist" not in reply  # no fact of it is used
