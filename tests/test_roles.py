"""Role recognition: canonical names, plurals, case, short forms, typos, generic and unknown."""

from __future__ import annotations

import pytest

from careerdata.roles import AMBIGUOUS, KNOWN, UNKNOWN, RoleResolver
from careerdata.text import clean_user_text, normalize, plural


@pytest.fixture()
def resolver(role_store) -> RoleResolver:
    return RoleResolver(role_store.alias_index)


@pytest.mark.parametrize(
    "mention, role",
    [
        ("Machine Learning Engineer", "Machine Learning Engineer"),
        ("machine learning engineers", "Machine Learning Engineer"),
        ("MACHINE-LEARNING ENGINEER", "Machine Learning Engineer"),
        ("ML engineer", "Machine Learning Engineer"),
        ("mle", "Machine Learning Engineer"),
        ("MLEs", "Machine Learning Engineer"),
        ("machin learning enginer", "Machine Learning Engineer"),
        ("the data engineer's", "Data Engineer"),
        ("data eng", "Data Engineer"),
        ("data enginer", "Data Engineer"),
        ("Data Sceintist", "Data Scientist"),
        ("data scientists", "Data Scientist"),
        ("data specalist", "Data Specialist"),
        ("specialist", "Data Specialist"),
        ("lead MLE", "Lead Machine Learning Engineer"),
        ("lead ml enginer", "Lead Machine Learning Engineer"),
        ("sofware data engineer", "Software Data Engineer"),
        ("lead ml enginer manage", "Lead Machine Learning Engineer"),
        # a learned entity that took a neighbouring word: the word check keeps it apart
        ("need machine learning engineers", "Machine Learning Engineer"),
        ("datascientist", "Data Scientist"),
    ],
)
def test_known_roles(resolver, mention, role):
    result = resolver.resolve(mention)
    assert (result.kind, result.role) == (KNOWN, role)


@pytest.mark.parametrize(
    "mention, candidates",
    [
        ("engineer", {"Data Engineer", "Machine Learning Engineer",
                      "Lead Machine Learning Engineer", "Software Data Engineer"}),
        ("engineers", {"Data Engineer", "Machine Learning Engineer",
                       "Lead Machine Learning Engineer", "Software Data Engineer"}),
        ("data", {"Data Engineer", "Data Scientist", "Data Specialist", "Software Data Engineer"}),
        ("machine learning", {"Machine Learning Engineer", "Lead Machine Learning Engineer"}),
        ("software engineer", {"Software Data Engineer"}),
    ],
)
def test_generic_mentions_are_ambiguous(resolver, mention, candidates):
    result = resolver.resolve(mention)
    assert result.kind == AMBIGUOUS and set(result.candidates) == candidates


@pytest.mark.parametrize(
    "mention",
    ["plumber", "nurse", "web developer", "data analyst", "devops engineer x", "", "x" * 500,
     "'; DROP TABLE roles; --", "<script>alert(1)</script>", "🤖"],
)
def test_unknown_mentions(resolver, mention):
    assert resolver.resolve(mention).kind == UNKNOWN


def test_scan_finds_roles_in_free_text(resolver):
    assert resolver.scan("is a machin learning enginer paid more than a data scientst?") == [
        "Machine Learning Engineer", "Data Scientist"]
    assert resolver.scan("tell me about lead ML engineers") == ["Lead Machine Learning Engineer"]
    assert resolver.scan("what's the weather like") == []
    assert resolver.scan("I studied big data. Engineers earn more?") == []  # not across "."
    assert resolver.scan("big data, engineers") == []
    assert resolver.scan("engineer " * 5000) == []


def test_find_mentions_prefers_the_longer_name_and_checks_every_word(resolver):
    def found(text):
        return [(m.role, " ".join(normalize(text).split()[m.start:m.start + m.size]))
                for m in resolver.find_mentions(normalize(text).split())]

    # a misspelt longer name wins over the exact shorter name inside it
    assert found("what do sofware data engineers do") == [
        ("Software Data Engineer", "sofware data engineers")]
    # ... but a neighbouring word that only looks like the missing one does not
    assert found("which companies need machne learning engineers") == [
        ("Machine Learning Engineer", "machne learning engineers")]
    assert found("data engineers and machine learning engineers") == [
        ("Data Engineer", "data engineers"), ("Machine Learning Engineer", "machine learning engineers")]
    # windows with extra words, generic words and short lookalikes are not names
    assert found("data engineer vs data scientist") == [
        ("Data Engineer", "data engineer"), ("Data Scientist", "data scientist")]
    assert found("read machine learning engineers") == [
        ("Machine Learning Engineer", "machine learning engineers")]
    # words typed together
    assert found("what does a datascientist do") == [("Data Scientist", "datascientist")]
    assert found("machine learningengineer skills") == [
        ("Machine Learning Engineer", "machine learningengineer")]
    assert found("software engineer and data analyst") == []
    assert found("engineer") == []
    assert found("") == []


def test_text_helpers():
    assert normalize("The Machine-Learning Engineer's") == "machine learning engineer"
    assert normalize("C++ / C#") == "c++ c#"
    assert plural("Data Scientist") == "Data Scientists"
    assert plural("Boss") == "Bosses"
    assert plural("Data Deputy") == "Data Deputies"
    cleaned = clean_user_text("<b>**plumber**</b> [x](http://evil)" + "y" * 100, 30)
    assert "<" not in cleaned and "*" not in cleaned and "[" not in cleaned
    assert len(cleaned) == 30
