"""Career guidance end to end over REST: the trained model, Rasa and the action server.

Needs a trained model (``make test`` trains first)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
import yaml

from runtime.stack import running_stack

pytestmark = pytest.mark.e2e
HELDOUT = Path(__file__).resolve().parent / "data" / "nlu_heldout_guidance.yml"
_ids = itertools.count()


@pytest.fixture(scope="module")
def stack(db_url):
    with running_stack(db_url=db_url) as running:
        yield running


def sender() -> str:
    return f"guidance-{next(_ids)}"


def statements() -> list:
    """The held-out statements about oneself (intent ``inform_skills``), as typed."""
    for block in yaml.safe_load(HELDOUT.read_text(encoding="utf-8"))["nlu"]:
        if block.get("intent") == "inform_skills":
            return [re.sub(r"\[([^\]]+)\]\(\w+\)", r"\1", line.strip()[2:])
                    for line in block["examples"].splitlines() if line.strip().startswith("- ")]
    return []


def test_profile_over_several_turns_then_fit_and_gap(stack):
    user = sender()
    assert "Noted: you know Python and SQL." in stack.text(user, "I know Python and SQL")
    reply = stack.text(user, "I also know Power BI")
    assert "Your profile: Skills and tools: Python, SQL, Power BI." in reply
    fit = stack.text(user, "which role fits me?")
    assert "Roles that fit your skills" in fit and "Data Engineer —" in fit
    gap = stack.text(user, "what should I learn for it?")
    assert "You already have:" in gap and "— what to learn" in gap


def test_gap_without_a_profile(stack):
    reply = stack.text(sender(), "what should I learn to become a data engineer?")
    assert "Data Engineer — what to learn" in reply
    assert "SQL and databases" in reply and "Getting started:" in reply


def test_yes_and_no(stack):
    assert stack.text(sender(), "do data engineers use kubernetes?").startswith("**No —")
    assert stack.text(sender(), "does an ML engineer use Docker?").startswith("**Yes —")


def test_unknown_skill_and_ranking(stack):
    assert "not in my sources" in stack.text(sender(), "which roles need Quenya?")
    assert "Occupations that use COBOL" in stack.text(sender(), "which roles need COBOL?")
    assert "Roles ranked by pay" in stack.text(sender(), "which role pays the most?")


def test_statements_about_oneself_are_never_goodbye_or_thanks(stack):
    said = statements()
    assert len(said) >= 20
    wrong = []
    for message in said:
        reply = stack.text(sender(), message)
        if "Goodbye" in reply or "You're welcome" in reply:
            wrong.append(message)
    assert not wrong, f"read as goodbye or thanks: {wrong}"
