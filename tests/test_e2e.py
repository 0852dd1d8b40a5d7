"""End to end: the trained model, the Rasa server and the action server, over the REST channel.

Needs a trained model (``make train``; ``make test`` trains first). Checks that replies carry the
right facts for every role and topic, follow-ups, comparisons, unknown roles and hostile input.
"""

from __future__ import annotations

import itertools

import pytest

from careerdata.topics import title as topic_title
from careerdata.store import TOPICS
from runtime.stack import running_stack
from tests.expected import SEED_ROLES, WITH_LISTINGS

pytestmark = pytest.mark.e2e

QUESTIONS = {
    "definition": "what is a {r}?",
    "responsibilities": "what are the main responsibilities of a {r}?",
    "skills": "what skills does a {r} need?",
    "education": "what degree do I need to become a {r}?",
    "tools": "what tools does a {r} use?",
    "industries": "which industries employ a {r}?",
    "outlook": "what is the job outlook for a {r}?",
    "tips": "any tips for getting started as a {r}?",
    "salary": "how much does a {r} earn?",
}
ROLES = SEED_ROLES
_ids = itertools.count()


@pytest.fixture(scope="module")
def stack(db_url):
    with running_stack(db_url=db_url) as running:
        yield running


def sender() -> str:
    return f"e2e-{next(_ids)}"


def expected_fact(role_store, role: str, topic: str) -> str:
    """A fact the reply must contain, read from the role database (itself from data/)."""
    facts = role_store.topic_facts(role, topic)
    if topic == "salary":
        if not facts.jobs:  # no listing: the BLS figures of the mapped occupation alone
            return "BLS OEWS, May 2025 — United States"
        job = facts.jobs[0]
        return f"{job.currency} {job.salary_min:,}–{job.salary_max:,}"
    first = facts.facts[0]
    if topic in ("tools", "industries", "skills", "tips"):
        return first.name
    return first.text


@pytest.mark.parametrize("topic", TOPICS)
@pytest.mark.parametrize("role", ROLES)
def test_every_role_and_topic(stack, role_store, role, topic):
    reply = stack.text(sender(), QUESTIONS[topic].format(r=role.lower()))
    assert f"{role} — {topic_title(topic)}" in reply
    assert expected_fact(role_store, role, topic) in reply
    if topic != "salary" or role in WITH_LISTINGS:
        assert "Source:" in reply or "Sources:" in reply


def test_figures_from_the_articles(stack):
    assert "USD 100,000–130,000" in stack.text(sender(), "what does a data engineer get paid?")
    assert "31% projected growth, 2019-2029" in stack.text(
        sender(), "is there demand for data engineers?")


def test_follow_ups_keep_role_and_topic(stack):
    user = sender()
    assert "Data Engineer — skills" in stack.text(user, "what skills does a data engineer need?")
    assert "Data Engineer — education" in stack.text(user, "and education?")
    assert "Data Scientist — education" in stack.text(user, "what about data scientists?")
    reply = stack.text(user, "what tools do they use?")
    assert "Data Scientist — tools and software" in reply and "Tableau" in reply


def test_comparison_then_follow_ups(stack):
    user = sender()
    reply = stack.text(user, "ML engineer vs data scientist?")
    assert "Machine Learning Engineer vs Data Scientist — overview" in reply
    assert "Python" in reply
    reply = stack.text(user, "and what about their education?")
    assert "Machine Learning Engineer vs Data Scientist — education" in reply
    reply = stack.text(user, "how much does the data scientist earn?")
    assert "Data Scientist — salary" in reply and "USD 120,000–150,000" in reply
    reply = stack.text(user, "compare the skills of a data engineer and a data scientist")
    assert "Data Engineer vs Data Scientist — skills" in reply and "Both: Python" in reply


def test_an_occupation_in_depth_with_follow_ups(stack):
    user = sender()
    reply = stack.text(user, "what does a registered nurse do day to day?")
    assert "Registered Nurses — responsibilities" in reply
    assert "Maintain accurate, detailed reports and records." in reply
    assert "Continued: 7–26 of 27." in stack.text(user, "more")
    reply = stack.text(user, "what skills do they need?")
    assert "Social Perceptiveness — importance 4.1 of 5" in reply
    assert "Bachelor's degree" in stack.text(user, "and what education?")
    reply = stack.text(user, "is it a growing field?")
    assert "+4.9%" in reply and "BLS Employment Projections 2024–34" in reply
    reply = stack.text(user, "what about LPNs?")
    assert "Licensed Practical and Licensed Vocational Nurses — job outlook" in reply
    reply = stack.text(user, "compare the outlook of registered nurses and LPNs")
    assert "Registered Nurses vs Licensed Practical and Licensed Vocational Nurses" in reply
    reply = stack.text(sender(), "what software do accountants use?")
    assert "Intuit QuickBooks (Hot Technology, In Demand)" in reply
    reply = stack.text(sender(), "jobs similar to paralegal")
    assert "Legal Secretaries and Administrative Assistants — median $55,570 a year" in reply
    reply = stack.text(sender(), "what does a forklift driver need to study?")
    assert "Industrial Truck and Tractor Operators — education" in reply


def test_typos_and_short_forms(stack):
    assert "Machine Learning Engineer — what the role is" in stack.text(
        sender(), "what does a machin learning enginer do")
    assert "Lead Machine Learning Engineer" in stack.text(sender(), "what tools does a lead MLE use")
    assert "Data Engineer — skills" in stack.text(sender(), "skills for a data eng?")


def test_unknown_and_ambiguous_roles(stack):
    reply = stack.text(sender(), "what does an astronaut earn?")
    assert "I don't have “astronaut” in my role database" in reply
    assert "Data Specialist" in reply
    reply = stack.text(sender(), "what does a plumber earn?")
    assert "Plumbers, Pipefitters, and Steamfitters — salary, United States" in reply
    messages = stack.send(sender(), "what does an engineer do?")
    assert "could mean several roles" in messages[0]["text"]
    assert {b["title"] for b in messages[0]["buttons"]} >= {"Data Engineer",
                                                           "Machine Learning Engineer"}


def test_chitchat_and_help(stack):
    assert stack.text(sender(), "hello there!")
    assert "bot" in stack.text(sender(), "are you a bot?").lower()
    assert "I know 6 roles" in stack.text(sender(), "which roles do you know?")
    assert "comparisons" in stack.text(sender(), "what can you do?")
    assert "outside what I can help with" in stack.text(sender(), "what's the weather in Paris?")


@pytest.mark.parametrize(
    "message",
    [
        "'; DROP TABLE roles; --",
        "data engineer' OR '1'='1",
        "<script>alert('x')</script> what skills does a data engineer need?",
        "<img src=x onerror=alert(1)>",
        "🤖🔥💼" * 20,
        "data scientist " * 700,
        "x" * 10_000,
        "{\"$where\": \"1==1\"}",
        "/ask_skills{\"role\": \"<b>plumber</b>\"}",
    ],
)
def test_hostile_input_gets_a_normal_answer(stack, message):
    replies = stack.send(sender(), message)
    assert replies, "the bot went silent"
    text = "\n".join(r.get("text", "") for r in replies)
    assert text.strip() and "Traceback" not in text and "<script" not in text
    assert "<img" not in text and "<b>" not in text
    # the database is intact afterwards
    assert "Data Engineer — skills" in stack.text(sender(), "what skills does a data engineer need?")
