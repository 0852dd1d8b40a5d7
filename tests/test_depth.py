"""Every occupation in depth: what the store reads for each topic and how the answers read.

Figures are the published ones (O*NET 30.1 and 29.0, BLS Employment Projections 2024–34 Table
1.2, BLS OEWS May 2025), checked by hand against the official files.
"""

from __future__ import annotations

import pytest

from actions import official
from actions import render_depth as rd
from actions.reply import to_message
from careerdata import depth, load_titles, topics

NURSE = "Registered Nurses"


def text(reply) -> str:
    return to_message(reply, "cmdline")["text"]


def answer(store, role: str, topic: str) -> str:
    (reply,) = official.depth_replies(store, role, topic)
    return text(reply)


def test_every_depth_topic_has_a_reader_and_a_renderer():
    from careerdata import role_facts
    from careerdata.store import TOPICS

    declared = {t.key for t in topics.ALL if t.depth}
    assert declared == set(depth.READERS) == set(rd.RENDERERS)
    assert set(role_facts.ARTICLE_READERS) == set(TOPICS)  # the articles' topics, one reader each
    assert {topics.KNOWLEDGE, topics.SIMILAR, topics.WORK_STYLES} <= declared


def test_responsibilities_list_core_tasks_first_and_say_how_many_are_left(role_store):
    found = role_store.depth(NURSE, topics.RESPONSIBILITIES)
    kinds = [i.flags[0] for i in found.items]
    assert kinds == sorted(kinds, key=lambda k: k != "Core") and len(found.items) == 27
    said = answer(role_store, NURSE, topics.RESPONSIBILITIES)
    assert "O*NET lists 27 tasks (15 core)" in said
    assert "• Maintain accurate, detailed reports and records." in said
    assert "…and 21 more tasks: say “more”, or see O*NET OnLine" in said
    assert said.endswith("Source: O*NET 30.1, Dec 2025, CC BY 4.0")


def test_more_shows_the_rest_of_the_list(role_store):
    (reply,) = official.depth_replies(role_store, NURSE, topics.RESPONSIBILITIES, more=True)
    said = text(reply)
    assert "Continued: 7–26 of 27." in said and "…and 1 more on O*NET OnLine." in said
    assert "• Maintain accurate, detailed reports and records." not in said
    (reply,) = official.depth_replies(role_store, NURSE, topics.OUTLOOK, more=True)
    assert "That was all of it." in text(reply)


def test_skills_rank_by_importance_with_the_level_in_words(role_store):
    found = role_store.depth(NURSE, topics.SKILLS)
    importance = [i.value for i in found.items]
    assert importance == sorted(importance, reverse=True)
    assert found.items[0].label == "Social Perceptiveness" and found.items[0].value == 4.12
    said = answer(role_store, NURSE, topics.SKILLS)
    assert "Social Perceptiveness — importance 4.1 of 5, advanced level (4.4 of 7)" in said
    assert "Knowledge it draws on most: Psychology, Customer and Personal Service" in said
    assert "O*NET 29.0, Aug 2024, CC BY 4.0" in said


@pytest.mark.parametrize("level, word", [(1.0, "basic"), (3.9, "intermediate"), (4.0, "advanced"),
                                         (6.08, "expert"), (7.0, "expert"), (None, None)])
def test_levels_in_plain_words(level, word):
    assert rd.level_word(level) == word


def test_knowledge_is_its_own_topic(role_store):
    said = answer(role_store, NURSE, topics.KNOWLEDGE)
    assert "Psychology — importance 4.6 of 5, expert level (6.1 of 7)" in said


def test_education_gives_bls_entry_requirements_job_zone_and_reported_levels(role_store):
    said = answer(role_store, "Plumbers, Pipefitters, and Steamfitters", topics.EDUCATION)
    assert "Typical entry education: High school diploma or equivalent" in said
    assert "Typical on-the-job training: Apprenticeship (typically 4 years (1 to 6)" in said
    assert "O*NET job zone: 3 of 5, medium preparation" in said
    assert "Sources: BLS Employment Projections 2024–34; O*NET 30.1, Dec 2025, CC BY 4.0" in said
    nurse = answer(role_store, NURSE, topics.EDUCATION)
    assert "Bachelor's degree (usually 4 years of full-time study)" in nurse
    # the largest share is one O*NET flags for suppression: shown, and said to be imprecise
    assert "Bachelor's Degree 56% (low precision); Post-Secondary Certificate 22%" in nurse


def test_technology_puts_hot_and_in_demand_software_first_then_tools(role_store):
    found = role_store.depth("Accountants and Auditors", topics.TOOLS)
    assert found.items[0].flags == ("Hot Technology", "In Demand")
    flags = [len(i.flags) for i in found.items]
    assert flags == sorted(flags, reverse=True)
    said = answer(role_store, "Accountants and Auditors", topics.TOOLS)
    assert "• Intuit QuickBooks (Hot Technology, In Demand)" in said
    assert "• Tools: 10-key calculators" in said


def test_outlook_compares_growth_with_all_occupations(role_store):
    said = answer(role_store, NURSE, topics.OUTLOOK)
    assert "Employment: 3,391,000 in 2024 → 3,557,100 projected for 2034" in said
    assert ("Change: +4.9% (+166,100 jobs), faster than the average of all occupations (+3.1%)"
            in said)
    assert "Openings: about 189,100 a year" in said
    assert said.endswith("Source: BLS Employment Projections 2024–34")


def test_a_detailed_occupation_says_its_figures_are_the_parents(role_store):
    said = answer(role_store, "Acute Care Nurses", topics.OUTLOOK)
    assert "these are for Registered Nurses (SOC 29-1141), the occupation it belongs to" in said


def test_similar_jobs_closest_first_with_their_median_pay(role_store):
    said = answer(role_store, "Paralegals and Legal Assistants", topics.SIMILAR)
    first = said.splitlines()[2]
    assert first == "• Legal Secretaries and Administrative Assistants — median $55,570 a year"
    assert "BLS OEWS, May 2025" in said and "O*NET 30.1" in said
    nurse = answer(role_store, NURSE, topics.SIMILAR)
    assert ("Acute Care Nurses — median $97,550 a year, the median of all Registered Nurses"
            in nurse)


def test_work_styles_give_the_riasec_interests(role_store):
    said = answer(role_store, NURSE, topics.WORK_STYLES)
    assert "• Attention to Detail" in said
    assert "Interests (RIASEC): Social 5.6 of 7, Investigative 4.8 of 7, Conventional 4.6 of 7; " \
           "interest code SIC" in said


def test_an_article_role_gets_its_mapped_occupation_labelled(role_store):
    said = answer(role_store, "Data Engineer", topics.EDUCATION)
    assert said.startswith("Database Architects — education")
    assert "occupation closest to Data Engineer: Database Architects (15-1243.00)" in said


def test_two_occupations_compared_on_a_depth_topic(role_store):
    reply = official.compare_depth(role_store, "Accountants and Auditors",
                                   "Financial and Investment Analysts", topics.TOOLS)
    said = text(reply)
    assert said.startswith("Accountants and Auditors vs Financial and Investment Analysts")
    assert "• Both: Microsoft Excel" in said
    assert "• Only Accountants and Auditors: Intuit QuickBooks" in said
    outlook = text(official.compare_depth(role_store, NURSE,
                                          "Licensed Practical and Licensed Vocational Nurses",
                                          topics.OUTLOOK))
    assert "• Registered Nurses: +4.9% 2024–34, about 189,100 openings a year" in outlook
    assert "All occupations: +3.1% 2024–34." in outlook


def test_an_occupation_definition_adds_its_main_tasks(role_store):
    facts = role_store.topic_facts(NURSE, topics.DEFINITION)
    assert [f.text.startswith("Main task: ") for f in facts.facts] == [False, True, True]
    assert depth.ONET_30 in facts.sources


# --- job titles people use ----------------------------------------------------------------------
def test_title_forms_keep_acronyms_and_drop_single_english_words():
    assert load_titles.title_forms("Registered Nurse (RN)", "RN") == {"registered nurse", "rn"}
    assert load_titles.title_forms("Project Manager", "PM") == {"project manager", "pm"}
    assert load_titles.title_forms("Supervisor") == set()
    assert load_titles.title_forms("Information Technology Specialist", "IT") == {
        "information technology specialist"}


@pytest.mark.parametrize("said, role", [
    ("forklift driver", "Industrial Truck and Tractor Operators"),
    ("HR generalist", "Human Resources Specialists"),
    ("UX designer", "Web and Digital Interface Designers"),  # shared, but plainly this one
    ("project manager", "Information Technology Project Managers"),
    ("senior tax accountant", "Accountants and Auditors"),
    ("LPN", "Licensed Practical and Licensed Vocational Nurses"),
    ("MLOps engineer", "Machine Learning Engineer"),
])
def test_titles_people_use_resolve_to_their_occupation(role_store, said, role):
    found = role_store.resolver.resolve(said)
    assert (found.kind, found.role) == ("known", role)


def test_a_title_several_occupations_share_asks_which_likeliest_first(role_store):
    found = role_store.resolver.resolve("line cook")
    assert found.kind == "ambiguous" and found.candidates[0] == "Cooks, Restaurant"
    assert "Cooks, Fast Food" in found.candidates
    asked = role_store.resolver.generic_mention("what does a line cook earn?")
    assert asked is not None and asked.candidates[0] == "Cooks, Restaurant"


def test_titles_are_found_inside_a_question(role_store):
    assert role_store.resolver.scan("what does a forklift driver earn in ohio") == [
        "Industrial Truck and Tractor Operators"]
    # a longer title wins over the name inside it
    assert role_store.resolver.scan("skills of a senior tax accountant") == [
        "Accountants and Auditors"]


def test_a_bare_shared_title_asks_which_one():
    from actions import actions as act
    from tests.test_actions import make_tracker, run

    messages, _ = run(act.ActionRephrase(), make_tracker("LCSW", "nlu_fallback"))
    said = messages[0]["text"]
    assert "“LCSW” could mean several roles. Which one do you mean?" in said
    assert "Healthcare Social Workers" in said


def test_the_bls_education_terms_match_the_projections_table():
    from careerdata import open_data

    terms = depth.education_terms()
    rows = list(open_data.read_rows("bls-ep-2024-34/occupations"))
    education = {r["Typical education needed for entry"] for r in rows} - {"—"}
    training = {r["Typical on-the-job training needed to attain competency in the occupation"]
                for r in rows} - {"—"}
    assert set(terms.levels) == education  # every category, each once, in the file's order
    assert len(terms.levels) == 8 and terms.levels[0] == "No formal educational credential"
    assert set(terms.study) <= education and set(terms.training) <= training
    assert training - set(terms.training) == {"None"}
