"""Advice across every occupation: interests read from words, fit, the profile in slots, moving
between occupations (careerdata/interests.py, advice.py, switching.py; actions/advice.py,
profile.py). Figures are checked against O*NET 30.1 / 29.0, BLS Employment Projections 2024–34
and BLS OEWS May 2025 as shipped."""

from __future__ import annotations

import pytest

from actions import advice as adv
from actions import context as ctx
from careerdata import advice, store, switching, topics
from careerdata.interests import AREAS, InterestReader, read_areas, read_everyday
from careerdata.rankings import Filters
from tests.test_actions import make_tracker, run
from tests.test_guidance import role, skill


@pytest.fixture(autouse=True)
def _db(use_db):
    yield
    store.reset_stores()


# -- interests (unit) -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def reader() -> InterestReader:
    onet = [("Realistic", "Work with Hands"), ("Realistic", "Machines"), ("Realistic", "Repair"),
            ("Social", "Help"), ("Social", "People"), ("Investigative", "Problem Solve"),
            ("Social", "Teach")]
    return InterestReader([*onet, *read_everyday()])


@pytest.mark.parametrize("text, areas", [
    ("I like working with my hands and fixing machines", ["Realistic"]),
    ("I enjoy helping people", ["Social"]),
    ("solving problems is my thing", ["Investigative"]),
    ("I love drawing, and I like numbers and spreadsheets", ["Artistic", "Conventional"]),
    ("I'm a teacher", []),  # a job, not an interest in teaching
    ("which jobs suit me?", []),
])
def test_interests_said_in_words_are_riasec_areas(reader, text, areas):
    assert reader.areas(text) == areas


def test_every_area_of_data_interests_is_an_onet_area(role_store, tmp_path):
    assert {area for area, _ in read_everyday()} <= set(AREAS)
    with pytest.raises(ValueError):
        InterestReader([("Sporty", "football")])
    partial = tmp_path / "interests.yml"
    partial.write_text("areas:\n  Realistic: {about: a, button: b, words: [c]}\n", "utf-8")
    with pytest.raises(ValueError):
        read_areas(partial)
    loaded = role_store.interests.areas("I like to repair engines and analyze data")
    assert loaded == ["Realistic", "Investigative", "Conventional"]  # O*NET's own keywords


# -- fit and moves over the data --------------------------------------------------------------------

def test_fit_from_interests_ranks_by_onet_interest_scores_within_the_limits(role_store):
    catalog, tech = role_store.catalog, role_store.technology
    result = advice.fit(advice.Profile(interests=("Realistic",)), catalog, tech)
    assert result.total > 600 and result.matches[0].score == 100  # OI Realistic 7.00
    assert result.matches[0].interests == (("Realistic", 7.0),)
    limited = advice.fit(advice.Profile(interests=("Social",), education="High school diploma "
                                        "or equivalent", min_pay=40_000), catalog, tech)
    assert all(m.row.median >= 40_000 and m.row.education in (
        "No formal educational credential", "High school diploma or equivalent")
        for m in limited.matches)
    assert limited.matches[0].row.role == "Self-Enrichment Teachers"  # OI Social 7.00
    with pytest.raises(ValueError):
        advice.fit(advice.Profile(interests=("Sporty",)), catalog, tech)


def test_fit_from_skills_counts_what_onet_lists_and_says_what_it_cannot(role_store):
    result = advice.fit(advice.Profile(skills=("Python", "Quenya")), role_store.catalog,
                        role_store.technology, Filters(groups=frozenset({"15"})))
    assert result.uncounted == ["Quenya"]
    assert all(m.row.group == "15" and m.skills == ("Python",) for m in result.matches)
    nothing = advice.fit(advice.Profile(skills=("Python",)), role_store.catalog,
                         role_store.technology, Filters(groups=frozenset({"35"})))
    assert nothing.matches == [] and nothing.total == 0  # no food-service job lists Python


def test_moves_from_a_job_are_related_occupations_that_pay_more(role_store):
    related = role_store.depth("Cashiers", topics.SIMILAR)
    found, total = switching.moves("Cashiers", related, role_store.catalog,
                                   "Some college, no degree")
    assert total == 20 and found[0].row.role == "First-Line Supervisors of Non-Retail Sales Workers"
    assert all(m.row.median > 32_880 for m in found)  # OEWS May 2025 Cashiers median


# -- the actions --------------------------------------------------------------------------------------

def test_a_statement_records_skills_products_interests_education_and_pay():
    text = "I know Access and Excel, I like helping people, I don't have a degree, at least $45k"
    messages, slots = run(adv.ActionRecordSkills(), make_tracker(
        text, "inform_skills", [skill("Microsoft Excel", "Excel", text)]))
    assert slots[ctx.SLOT_KNOWN_SKILLS] == ["Microsoft Excel", "Microsoft Access"]
    assert slots[ctx.SLOT_INTERESTS] == ["Social"]
    assert slots[ctx.SLOT_EDUCATION] == "Some college, no degree"
    assert slots[ctx.SLOT_MIN_PAY] == 45_000
    said = messages[0]["text"]
    assert "Microsoft Access: my articles list it for Data Specialist; O*NET lists it for" in said
    forget, slots = run(adv.ActionRecordSkills(), make_tracker(
        "forget Java", "inform_skills", [skill("Java", "Java", "forget Java")],
        slots={ctx.SLOT_KNOWN_SKILLS: ["Python"]}))
    assert "You hadn't told me you know Java" in forget[0]["text"]
    assert slots[ctx.SLOT_KNOWN_SKILLS] == ["Python"]
    cleared, slots = run(adv.ActionRecordSkills(), make_tracker(
        "forget everything", "inform_skills", slots={ctx.SLOT_KNOWN_SKILLS: ["Python"],
                                                     ctx.SLOT_INTERESTS: ["Social"]}))
    assert "I've forgotten everything" in cleared[0]["text"]
    assert "as a skill or tool" not in cleared[0]["text"]
    loosened, slots = run(adv.ActionRecordSkills(), make_tracker(
        "forget my pay limit", "inform_skills",
        slots={ctx.SLOT_MIN_PAY: 60_000.0, ctx.SLOT_EDUCATION: "Bachelor's degree"}))
    assert "Noted: I've forgotten your lowest pay." in loosened[0]["text"]
    assert "as a skill or tool" not in loosened[0]["text"]
    assert slots[ctx.SLOT_MIN_PAY] is None and slots[ctx.SLOT_EDUCATION] == "Bachelor's degree"
    assert slots[ctx.SLOT_KNOWN_SKILLS] is None and slots[ctx.SLOT_INTERESTS] is None


def test_the_profile_is_shown_on_request():
    empty, _ = run(adv.ActionProfile(), make_tracker("what do you know about me?",
                                                     "ask_profile"))
    assert "I know nothing about you yet" in empty[0]["text"]
    shown, _ = run(adv.ActionProfile(), make_tracker(
        "what do you know about me?", "ask_profile",
        slots={ctx.SLOT_KNOWN_SKILLS: ["Python"], ctx.SLOT_INTERESTS: ["Realistic"],
               ctx.SLOT_EDUCATION: "Bachelor's degree", ctx.SLOT_PLACE: "4800000"}))
    said = shown[0]["text"]
    for part in ("Skills and tools: Python", "Interests: Realistic", "Education: Bachelor's degree",
                 "Place for pay: Texas"):
        assert part in said


def test_fit_across_every_occupation_explains_each_row_with_pay_in_the_place():
    text = "I like working with my hands, which jobs fit me in Texas?"
    messages, slots = run(adv.ActionFit(), make_tracker(text, "ask_fit", [
        {"entity": "location", "value": "Texas", "start": text.index("Texas"), "end": len(text) - 1}],
        slots={ctx.SLOT_EDUCATION: "High school diploma or equivalent"}))
    (said,) = [m["text"] for m in messages]  # no article role lists no skill: one reply
    assert said.startswith("**Across all occupations: best fits for you**")
    # OEWS May 2025, Texas: Electricians (47-2111) median $58,570; OI Realistic 7.00
    assert "Electricians — 100%: you like Realistic (7.0/7 here)" in said
    assert "Median $58,570 a year, +9.5% 2024–34, entry: High school diploma or equivalent" in said
    assert "O*NET 30.1, Dec 2025, CC BY 4.0" in said and "Score: the average" in said
    assert slots[ctx.SLOT_INTERESTS] == ["Realistic"]


def test_a_current_job_and_a_better_paid_move():
    text = "I'm a cashier and want a better paying job without going back to school"
    messages, slots = run(adv.ActionFit(), make_tracker(text, "ask_fit", [
        role("Cashiers", "cashier", text)]))
    said = messages[0]["text"]
    assert "Where Cashiers can move: related occupations that pay more" in said
    assert "First-Line Supervisors of Non-Retail Sales Workers: median $87,520 a year" in said
    assert slots[ctx.SLOT_CURRENT_ROLE] == "Cashiers"


def test_an_ambiguous_job_asks_which_one_and_the_choice_is_recorded():
    asked, _ = run(adv.ActionRecordSkills(), make_tracker("I'm a teacher", "inform_skills"))
    assert "Which kind of teacher are you?" in asked[0]["text"]
    choice = asked[0]["buttons"][0]["payload"]
    assert choice.startswith('/inform_skills{"role": ')


def test_reverse_look_ups_by_skill_knowledge_and_entry_education():
    from actions import guidance as g

    text = "what jobs can I get with a psychology degree?"
    messages, _ = run(g.ActionRolesBySkill(), make_tracker(text, "ask_roles_by_skill"))
    said = messages[0]["text"]
    # O*NET 29.0 Knowledge, Psychology IM: 19-3033.00 5.00 (LV 6.88)
    assert said.startswith("**Occupations that need Psychology: ")
    assert "Clinical and Counseling Psychologists: importance 5.0/5, level 6.9/7" in said
    assert "O*NET 29.0, Aug 2024, CC BY 4.0" in said
    skills, _ = run(g.ActionRolesBySkill(), make_tracker("which jobs need critical thinking",
                                                         "ask_roles_by_skill"))
    assert "the skill Critical Thinking 3.5 or more of 5" in skills[0]["text"]
    level, _ = run(g.ActionRolesBySkill(), make_tracker(
        "which jobs need an associate's degree?", "ask_roles_by_skill"))
    said = level[0]["text"]
    assert "typical entry education is “Associate's degree”: 48" in said
    assert "BLS Employment Projections 2024–34" in said
    # an industry the articles name keeps its answer: "government" is no O*NET element here
    industry, _ = run(g.ActionRolesBySkill(), make_tracker(
        "which jobs are there in government?", "ask_roles_by_skill"))
    assert industry[0]["text"].startswith("**Roles in Government**")


def test_every_alias_of_data_onet_elements_names_a_loaded_element(role_store):
    from careerdata.elements import ElementNames

    assert role_store.elements.find("I studied math") == [("knowledge", "Mathematics")]
    with pytest.raises(ValueError):
        ElementNames([("skill", "Writing")], {"Juggling": ["juggle"]})


def test_not_knowing_a_skill_is_news_and_forgetting_one_never_recorded_is_said():
    text = "i don't know python though"
    said, _ = run(adv.ActionRecordSkills(), make_tracker(
        text, "inform_skills", [skill("Python", "python", text)],
        slots={ctx.SLOT_KNOWN_SKILLS: ["SQL"]}))
    assert said[0]["text"].startswith("**Noted: you don't know Python.**")


def test_a_topic_question_about_occupations_in_general_is_a_reverse_look_up():
    from actions import actions as act

    text = "jobs that require knowledge of chemistry"
    messages, _ = run(act.ActionAnswerTopic(), make_tracker(
        text, "ask_knowledge", [{"entity": "topic", "value": "knowledge", "start": 18,
                                 "end": 27}]))
    assert messages[0]["text"].startswith("**Occupations that need Chemistry: ")
    text = "What occupations typically require a master's degree to get started?"
    messages, _ = run(act.ActionAnswerTopic(), make_tracker(text, "ask_education"))
    assert "typical entry education is “Master's degree”" in messages[0]["text"]


def test_the_advice_judge_reads_the_headings_of_each_kind():
    from scripts.eval_advice import judge

    codes = {"Cashiers": "41-2011.00", "Electricians": "47-2111.00",
             "Heating, Air Conditioning, and Refrigeration Mechanics and Installers": "49-9021.00"}
    switch = {"kind": "switch", "onet": ["47-2111.00", "49-9021.00"]}
    reply = "**From Electricians to Heating, Air Conditioning, and Refrigeration Mechanics and " \
            "Installers**\n- Mechanical"
    assert judge(reply, switch, codes) == "right"
    assert judge(reply, {**switch, "onet": ["41-2011.00", "49-9021.00"]}, codes) == \
        "wrong occupation"
    assert judge("**Where Cashiers can move: related occupations that pay more**",
                 {"kind": "moves", "onet": ["41-2011.00"]}, codes) == "right"
    assert judge("**Tell me about yourself first.**", {"kind": "fit"}, codes) == "missed"
    assert judge("**“nurses” could mean several roles. Which one do you mean?**",
                 {"kind": "ranking"}, codes) == "asked which"


def test_similar_jobs_that_pay_more_are_moves_and_plain_similar_jobs_stay_similar():
    from actions import actions as act

    text = "I'm a preschool teacher and the pay is terrible. What similar jobs pay more?"
    teacher = "Preschool Teachers, Except Special Education"
    messages, _ = run(act.ActionAnswerTopic(), make_tracker(text, "ask_similar", [
        role(teacher, "preschool teacher", text)]))
    assert messages[0]["text"].startswith(f"**Where {teacher} can move")
    text = "what else could i do with financial analyst experience, similar roles?"
    analyst = "Financial and Investment Analysts"
    messages, _ = run(act.ActionAnswerTopic(), make_tracker(text, "ask_similar", [
        role(analyst, "financial analyst", text)]))
    assert messages[0]["text"].startswith(f"**{analyst} — similar jobs")


def test_two_jobs_with_a_switch_word_between_are_a_move_from_the_first_to_the_second():
    from actions import actions as act

    text = "how can a bookkeeper become an accountant"
    clerks, accountants = ("Bookkeeping, Accounting, and Auditing Clerks",
                           "Accountants and Auditors")
    messages, slots = run(act.ActionAnswerTopic(), make_tracker(text, "ask_tips", [
        role(clerks, "bookkeeper", text), role(accountants, "accountant", text)]))
    assert messages[0]["text"].startswith(f"**From {clerks} to {accountants}")
    assert slots[ctx.SLOT_CURRENT_ROLE] == clerks
    text = "what do a bookkeeper and an accountant need to know"  # no switch word: no move
    messages, _ = run(act.ActionAnswerTopic(), make_tracker(text, "ask_tips", [
        role(clerks, "bookkeeper", text), role(accountants, "accountant", text)]))
    assert not messages[0]["text"].startswith("**From ")


def test_a_move_question_naming_only_the_users_own_job_lists_where_it_leads():
    from actions import actions as act

    text = "Been an electrician for 12 years, how do I make that switch?"
    messages, slots = run(act.ActionAnswerTopic(), make_tracker(text, "ask_tips", [
        role("Electricians", "electrician", text)]))
    said = messages[0]["text"]
    assert said.startswith("**Where Electricians can move")
    assert "Tell me the job you want" in said
    assert slots[ctx.SLOT_CURRENT_ROLE] == "Electricians"


def test_profile_edits_add_and_remove_products_correct_education_and_move_the_place():
    added, slots = run(adv.ActionRecordSkills(), make_tracker(
        "also add QuickBooks to what I know", "inform_skills",
        slots={ctx.SLOT_KNOWN_SKILLS: ["Salesforce"]}))
    assert slots[ctx.SLOT_KNOWN_SKILLS] == ["Salesforce", "Intuit QuickBooks"]
    removed, slots = run(adv.ActionRecordSkills(), make_tracker(
        "remove revit from my skills, i havent used it in years", "inform_skills",
        slots={ctx.SLOT_KNOWN_SKILLS: ["Autodesk AutoCAD", "Autodesk Revit"]}))
    assert "I've forgotten Autodesk Revit" in removed[0]["text"]
    assert slots[ctx.SLOT_KNOWN_SKILLS] == ["Autodesk AutoCAD"]
    text = "Correction: I don't actually have a bachelor's, I have a master's."
    _, slots = run(adv.ActionRecordSkills(), make_tracker(
        text, "inform_skills", slots={ctx.SLOT_EDUCATION: "Bachelor's degree"}))
    assert slots[ctx.SLOT_EDUCATION] == "Master's degree"
    text = "I'm moving to Colorado next month"
    moved, slots = run(adv.ActionRecordSkills(), make_tracker(
        text, "inform_skills", [{"entity": "location", "value": "Colorado",
                                 "start": text.index("Colorado"), "end": len(text) - 11}],
        slots={ctx.SLOT_PLACE: "4800000"}))
    assert moved[0]["text"].startswith("**Noted: you're in Colorado.**")
    assert slots[ctx.SLOT_PLACE] == "0800000"
    _, slots = run(adv.ActionRecordSkills(), make_tracker(
        "forget everything", "inform_skills", slots={ctx.SLOT_PLACE: "4800000"}))
    assert slots[ctx.SLOT_PLACE] is None
    text = "I did a couple years of college but never finished"
    said, slots = run(adv.ActionRecordSkills(), make_tracker(
        text, "inform_skills", [{"entity": "location", "value": "Fairbanks-College, AK",
                                 "start": text.index("college"), "end": text.index(" but")}]))
    assert ctx.SLOT_PLACE not in slots and "you're in" not in said[0]["text"]


@pytest.mark.parametrize("text, intent, heading", [
    ("jobs that need a masters", "ask_roles_by_skill",
     "**Occupations whose typical entry education is “Master's degree”"),
    ("careers w/ just a GED", "list_roles",
     "**Occupations whose typical entry education is “High school diploma or equivalent”"),
    ("whats the fastest growing field right now that doesnt need a 4 year degree",
     "ask_roles_by_skill", "**Across all occupations: fastest growing"),
    ("which jobs have the most openings that only need a high school diploma",
     "ask_roles_by_skill", "**Across all occupations: most openings a year"),
    ("What jobs can I get right out of high school without going to college?", "ask_fit",
     "**Occupations whose typical entry education is “High school diploma or equivalent”"),
])
def test_an_entry_education_named_is_a_look_up_or_a_ranking_within_it(text, intent, heading):
    from actions import actions as act
    from actions import guidance as g

    action = {"ask_roles_by_skill": g.ActionRolesBySkill(), "ask_fit": adv.ActionFit(),
              "list_roles": act.ActionListRoles()}[intent]
    messages, _ = run(action, make_tracker(text, intent))
    assert messages[0]["text"].startswith(heading)


def test_a_move_question_naming_one_job_lists_its_moves_whatever_topic_it_was_read_as():
    from actions import actions as act

    text = "what can a bank teller move into"
    messages, slots = run(act.ActionAnswerTopic(), make_tracker(text, "ask_definition", [
        role("Tellers", "bank teller", text)]))
    assert messages[0]["text"].startswith("**Where Tellers can move")
    assert slots[ctx.SLOT_CURRENT_ROLE] == "Tellers"
    text = "what does a bank teller do"  # no move: the definition
    messages, _ = run(act.ActionAnswerTopic(), make_tracker(text, "ask_definition", [
        role("Tellers", "bank teller", text)]))
    assert messages[0]["text"].startswith("**Tellers — what the role is")


def test_a_move_question_naming_a_job_the_nlu_missed_reads_it_or_asks_which():
    text = "I'm a warehouse worker, what could I switch to that pays more?"
    messages, _ = run(adv.ActionFit(), make_tracker(text, "ask_fit"))
    assert messages[0]["text"].startswith("**Which kind of warehouse worker are you?")
    text = "i'm a bank teller, what could I move to that pays more"
    messages, slots = run(adv.ActionFit(), make_tracker(text, "ask_fit"))
    assert messages[0]["text"].startswith("**Where Tellers can move")


def test_a_statement_that_also_asks_is_recorded_then_answered():
    text = ("I have a bachelor's in biology, I like lab work and research, and I'm in "
            "North Carolina. What should I look at?")
    start = text.index("North Carolina")
    messages, slots = run(adv.ActionRecordSkills(), make_tracker(text, "inform_skills", [
        {"entity": "location", "value": "North Carolina", "start": start, "end": start + 14}]))
    assert messages[0]["text"].startswith("**Noted: you're in North Carolina")
    assert messages[-1]["text"].startswith("**Across all occupations: best fits for you")
    assert "in North Carolina" in messages[-1]["text"]
    text = "I've gotten pretty good at Photoshop. What occupations actually use it day to day?"
    messages, slots = run(adv.ActionRecordSkills(), make_tracker(text, "inform_skills"))
    assert messages[0]["text"].startswith("**Noted: you know Adobe Photoshop")
    assert messages[1]["text"].startswith("**Occupations that use Adobe Photoshop")
    messages, _ = run(adv.ActionRecordSkills(), make_tracker("I know Photoshop", "inform_skills"))
    assert len(messages) == 1


def test_a_fit_question_with_limits_but_nothing_to_score_ranks_within_the_limits():
    messages, _ = run(adv.ActionFit(), make_tracker(
        "What are my options?", "ask_fit", slots={
            ctx.SLOT_EDUCATION: "High school diploma or equivalent", ctx.SLOT_MIN_PAY: 55_000.0,
            ctx.SLOT_PLACE: "3900000"}))
    said = messages[0]["text"]
    assert said.startswith("**Across all occupations: most openings a year")
    assert "in Ohio" in said and "$55,000" in said and "High school diploma" in said
    assert "Growth and openings are national" in said
    assert messages[1]["text"].startswith("**For a fit, tell me more about yourself.")


def test_a_statement_that_also_asks_which_jobs_is_recorded_then_looked_up():
    text = "I did a couple years of college. What jobs usually take some college but no degree?"
    messages, _ = run(adv.ActionRecordSkills(), make_tracker(text, "inform_skills"))
    assert messages[0]["text"].startswith("**Noted: your education")
    assert messages[1]["text"].startswith(
        "**Occupations whose typical entry education is “Some college, no degree”")


@pytest.mark.parametrize("text, level", [
    ("I don't have a degree", "Some college, no degree"),
    ("I have no college degree", "Some college, no degree"),
    ("I don't have a degree, only high school", "High school diploma or equivalent"),
    ("I don't have a bachelor's, I have a master's", "Master's degree"),
    ("I don't have a 4 year degree", "Associate's degree"),
    ("I have a psychology degree", "Bachelor's degree"),
])
def test_the_education_a_statement_gives(text, level):
    from actions.profile import stated_education

    assert stated_education(text) == level
