"""scripts/public_corpora.py: public corpora of other domains in the held-out ``kinds`` form (on
tiny files of their layouts; the corpora themselves are never committed)."""

from __future__ import annotations

import json

import pytest

from scripts import eval_domain, public_corpora


def test_clinc150_keeps_the_off_domain_test_messages_and_measures_small_talk_on_our_intents(
        tmp_path):
    domains = {"banking": ["balance"], "small_talk": ["greeting", "tell_joke"],
               "meta": ["yes"], "work": ["payday", "schedule_meeting"]}
    full = {"train": [["what's my balance", "balance"]],
            "test": [["how much is in my checking", "balance"], ["hi, how are you", "greeting"],
                     ["tell me a joke", "tell_joke"], ["yes please", "yes"],
                     ["when do i get paid", "payday"], ["book a meeting", "schedule_meeting"]],
            "oos_test": [["how old is the moon", "oos"], ["what do welders earn", "oos"]]}
    (tmp_path / "data_full.json").write_text(json.dumps(full))
    (tmp_path / "domains.json").write_text(json.dumps(domains))
    career = {1: public_corpora.digest("what do welders earn")}
    data = public_corpora.clinc150(tmp_path / "data_full.json", career)
    assert data["kinds"] == {"banking": ["how much is in my checking"],
                             "small_talk": ["hi, how are you", "tell me a joke"],
                             "oos": ["how old is the moon"]}
    assert data["on_intent"] == {"greet|how_are_you": ["hi, how are you"],
                                 "own_employment": ["when do i get paid"]}
    assert data["career"] == ["what do welders earn"]
    with pytest.raises(ValueError, match="another copy"):
        public_corpora.clinc150(tmp_path / "data_full.json", {0: career[1]})


def test_the_committed_career_labels_name_positions_of_clinc150_out_of_scope_messages():
    positions = public_corpora.career_positions()
    assert len(positions) == 21
    assert all(0 <= p < 1000 and len(h) == 12 and int(h, 16) >= 0 for p, h in positions.items())


def test_banking77_by_category_and_read_back_by_the_evaluation(tmp_path):
    (tmp_path / "test.csv").write_text('text,category\nWhere is my card?,card_arrival\n'
                                       '"Is it free, or not?",fees\n', encoding="utf-8")
    public_corpora.main(["--banking", str(tmp_path / "test.csv"), "--out", str(tmp_path)])
    assert eval_domain.read_kinds(tmp_path / "banking77.yml") == [
        ("card_arrival", "Where is my card?"), ("fees", "Is it free, or not?")]
    assert eval_domain.read_on_intent(tmp_path / "banking77.yml") == []
    assert eval_domain.read_career(tmp_path / "banking77.yml") == []
