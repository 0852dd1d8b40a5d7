"""Where the jobs are (issue 28): states and metro areas ranked by BLS OEWS employment and by
concentration (location quotient), the phrases that ask for each, and the action's answer."""

from __future__ import annotations

import json

import pytest

from actions import actions as act
from careerdata import place_rankings as pr
from careerdata import store
from tests.test_actions import make_tracker, role, run


@pytest.fixture(autouse=True)
def _db(use_db):
    yield
    store.reset_stores()


@pytest.mark.parametrize("text, basis", [
    ("which states have the most registered nurses?", pr.EMPLOYMENT),
    ("where are the most jobs for electricians?", pr.EMPLOYMENT),
    ("which metro area employs the most plumbers", pr.EMPLOYMENT),
    ("where are nurses most concentrated", pr.CONCENTRATION),
    ("highest location quotient for welders", pr.CONCENTRATION),
    ("where do nurses earn the most", pr.PAY),
    ("which state pays electricians the most", pr.PAY),
    ("best paying states for nurses", pr.PAY),
    ("rank the states by nurse salary", pr.PAY),
])
def test_the_question_says_what_places_are_ranked_by(text, basis):
    assert pr.rank_basis(text) == basis


def test_the_phrases_are_data_and_a_bad_file_is_refused(tmp_path):
    phrases = pr.read_rank_by()
    assert set(phrases) == set(pr.BASES) and all(phrases.values())
    bad = tmp_path / "rank_by.yml"
    bad.write_text("tallest: [highest]\n", encoding="utf-8")
    with pytest.raises(ValueError):
        pr.read_rank_by(bad)


def test_states_by_employment_and_by_location_quotient(role_store):
    """Electricians (SOC 47-2111), BLS OEWS May 2025: Texas employs the most (76,770 of its
    14,071,160 jobs); nationally 757,220 of 155,495,730 (0.487 %), so Texas's location
    quotient is (76,770 / 14,071,160) / (757,220 / 155,495,730) = 1.12."""
    jobs = role_store.rank_by_jobs("47-2111", "S", pr.EMPLOYMENT, limit=54)
    assert jobs.counted == 54 and jobs.national_employment == 757220
    assert jobs.national_share == pytest.approx(0.487, abs=0.001)
    texas = jobs.areas[0]
    assert (texas.place.name, texas.employment) == ("Texas", 76770)
    assert texas.quotient == pytest.approx(1.12, abs=0.01)
    assert texas.share == pytest.approx(0.546, abs=0.001)
    assert [r.employment for r in jobs.areas] == sorted((r.employment for r in jobs.areas),
                                                        reverse=True)
    dense = role_store.rank_by_jobs("47-2111", "S", pr.CONCENTRATION, limit=54)
    assert [r.quotient for r in dense.areas] == sorted((r.quotient for r in dense.areas),
                                                       reverse=True)
    assert {r.place.name for r in dense.areas} == {r.place.name for r in jobs.areas}
    with pytest.raises(ValueError):
        role_store.rank_by_jobs("47-2111", "S", pr.PAY)


def _answer(text, entities, rank_by=None):
    if rank_by:
        entities = entities + [{"entity": "rank_by", "value": rank_by}]
    messages, slots = run(act.ActionRankPlaces(), make_tracker(text, "rank_places", entities))
    return messages[0], slots


def _picture(message) -> dict:
    """The chart of a reply (rasa-webchat's image attachment, sent after the text)."""
    return message["custom"]["attachment"]["payload"]


def test_where_the_jobs_are_is_answered_by_employment():
    message, slots = _answer("where are the most jobs for electricians?",
                             [role("Electricians", "electricians", 29, "SpacyEntityExtractor")])
    text = message["text"]
    assert text.startswith("**Electricians — states with the most jobs**")
    assert "Nationally: 757,220 employed, 0.49% of all jobs." in text
    assert "Texas: 76,770 employed (0.55% of its jobs)" in text
    assert text.index("Texas") < text.index("California") < text.index("Florida")
    assert "BLS OEWS, May 2025" in text and "best-paying" not in text
    assert slots["topic"] == "employment"
    entities = [json.loads("{" + b["payload"].split("{", 1)[1]) for b in message["buttons"]]
    assert {"role": "Electricians", "place_kind": "states", "rank_by": "concentration"} in entities
    picture = _picture(message)
    assert picture["src"].endswith("/charts/places/Electricians/employment/S.png")
    assert picture["title"].startswith("Map of the states coloured by people employed: highest "
                                       "Texas 76.8k, California 73.3k, Florida 49.7k")


def test_where_the_jobs_are_most_concentrated_gives_location_quotients():
    message, _ = _answer("where are electricians most concentrated?",
                         [role("Electricians", "electricians", 10, "SpacyEntityExtractor")])
    text = message["text"]
    assert text.startswith("**Electricians — states where the jobs are most concentrated**")
    assert "Location quotient" in text and "× the national share" in text
    assert _picture(message)["src"].endswith("/charts/places/Electricians/concentration/S.png")


def test_a_button_asks_for_the_basis_and_pay_stays_the_default():
    by_button, _ = _answer('/rank_places{"role": "Electricians"}', [
        {"entity": "role", "value": "Electricians"}], rank_by="concentration")
    assert "most concentrated" in by_button["text"]
    paid, slots = _answer("which state pays electricians the most",
                          [role("Electricians", "electricians", 16, "SpacyEntityExtractor")])
    assert paid["text"].startswith("**Electricians — best-paying states**")
    assert slots["topic"] == "salary"
    assert any('"rank_by": "employment"' in b["payload"] for b in paid["buttons"])


def test_one_role_in_two_places_is_compared_with_its_picture():
    """Issue 28's "one occupation in two places": both medians and middle halves, one chart."""
    text = "registered nurse salary in Texas vs California"
    entities = [role("Registered Nurses", "registered nurse", 0, "SpacyEntityExtractor"),
                {"entity": "topic", "value": "salary", "start": 17, "end": 23},
                {"entity": "location", "value": "Texas", "start": 27, "end": 32},
                {"entity": "location", "value": "California", "start": 36, "end": 46}]
    messages, slots = run(act.ActionAnswerTopic(), make_tracker(text, "ask_salary", entities))
    (message,) = messages
    assert message["text"].startswith("**Registered Nurses — salary, Texas vs California**")
    assert "Texas: median $95,970 a year" in message["text"]
    assert "California: median $" in message["text"]
    picture = _picture(message)
    assert picture["src"].endswith("/charts/compare-places/Registered%20Nurses/4800000/"
                                   "0600000.png")
    assert picture["title"].startswith("Pay ranges of Registered Nurses compared: Texas median "
                                       "$95,970")
    assert slots["place"] == "4800000"
