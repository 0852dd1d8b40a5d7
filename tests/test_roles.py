"""Role recognition: canonical names, plurals, case, short forms, typos, generic and unknown."""

from __future__ import annotations

import pytest

from careerdata.roles import AMBIGUOUS, KNOWN, MAX_CANDIDATES, UNKNOWN, RoleResolver
from careerdata.text import clean_user_text, normalize, plural


@pytest.fixture()
def resolver(role_store) -> RoleResolver:
    return role_store.resolver


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
        ("lead MLE", "Lead Machine Learning Engineer"),
        ("lead ml enginer", "Lead Machine Learning Engineer"),
        ("sofware data engineer", "Software Data Engineer"),
        ("lead ml enginer manage", "Lead Machine Learning Engineer"),
        # a learned entity that took a neighbouring word: the word check keeps it apart
        ("need machine learning engineers", "Machine Learning Engineer"),
        ("datascientist", "Data Scientist"),
        # official occupations: a word only one occupation's names use, a plural alias
        ("plumber", "Plumbers, Pipefitters, and Steamfitters"),
        ("pipefitters", "Plumbers, Pipefitters, and Steamfitters"),
        ("web developer", "Web Developers"),
        ("registered nurses", "Registered Nurses"),
    ],
)
def test_known_roles(resolver, mention, role):
    result = resolver.resolve(mention)
    assert (result.kind, result.role) == (KNOWN, role)


@pytest.mark.parametrize(
    "mention, first",
    [
        # article roles come first, then occupations by national employment
        ("engineer", {"Data Engineer", "Machine Learning Engineer",
                      "Lead Machine Learning Engineer", "Software Data Engineer"}),
        ("engineers", {"Data Engineer", "Machine Learning Engineer",
                       "Lead Machine Learning Engineer", "Software Data Engineer"}),
        ("data", {"Data Engineer", "Data Scientist", "Data Specialist", "Software Data Engineer"}),
        ("specialist", {"Data Specialist"}),
        ("nurse", {"Registered Nurses", "Licensed Practical and Licensed Vocational Nurses"}),
    ],
)
def test_generic_mentions_are_ambiguous_likeliest_first(resolver, mention, first):
    result = resolver.resolve(mention)
    assert result.kind == AMBIGUOUS and len(result.candidates) == MAX_CANDIDATES
    assert set(result.candidates[:len(first)]) == first
    assert result.more > 0


def test_singular_and_plural_offer_the_same_candidates(resolver):
    assert resolver.resolve("nurse").candidates == resolver.resolve("nurses").candidates


@pytest.mark.parametrize(
    "mention, candidates",
    [
        ("machine learning", {"Machine Learning Engineer", "Lead Machine Learning Engineer"}),
        ("software data", {"Software Data Engineer"}),
    ],
)
def test_several_words_of_one_role_are_confirmed(resolver, mention, candidates):
    result = resolver.resolve(mention)
    assert result.kind == AMBIGUOUS and set(result.candidates) == candidates


def test_head_noun_is_the_word_before_a_comma(resolver):
    # "Elementary School Teachers, Except Special Education": "education" names no role
    assert resolver.generic_mention("and education?") is None
    assert resolver.generic_mention("what do teachers earn").candidates


@pytest.mark.parametrize(
    "mention",
    ["chief vibes officer", "devops wizard x", "", "x" * 500,
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
    # "software engineer" is a common name of Software Developers; "data wizard" names no role
    assert found("software engineer and data wizard") == [
        ("Software Developers", "software engineer")]
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


def test_common_names_of_occupations_resolve_to_their_title(resolver):
    from careerdata.load_occupations import read_common_names

    common = read_common_names()
    assert len(common) >= 10
    for title, names in common.items():
        for name in names:
            assert resolver.resolve(name).role == title, name


@pytest.mark.parametrize("mention, role", [
    ("brick masons", "Brickmasons and Blockmasons"),
    ("fire fighter", "Firefighters"),
    ("dish washers", "Dishwashers"),
])
def test_a_one_word_name_split_in_two_resolves(resolver, mention, role):
    assert resolver.resolve(mention).role == role
    assert resolver.scan(f"and {mention}?") == [role]


def test_short_or_function_words_never_join_into_a_name(resolver):
    assert resolver.resolve("forester").role == "Foresters"
    assert resolver.resolve("for esters").kind == UNKNOWN
    assert resolver.scan("what is used for esters") == []
    assert resolver.resolve("all ergist").kind == UNKNOWN


@pytest.mark.parametrize("message, subject", [
    ("what does an astronaut earn?", "astronaut"),
    ("how much do dragon tamers make", "dragon tamers"),
    ("what do unicorn groomers in ohio earn", "unicorn groomers"),
])
def test_subject_of_a_job_question_that_names_no_role_is_unknown(resolver, message, subject):
    found = resolver.unknown_subject(message)
    assert found is not None and found.kind == UNKNOWN and found.text == subject


@pytest.mark.parametrize("message", [
    "what do they earn", "what does it take", "what does a typical day look like",
    "what do people in this job do", "how much do nurses make", "what does the job involve",
    "what do you need to study", "what does a data engineer do", "what do most of them earn",
])
def test_no_unknown_subject_in_pronoun_questions_or_known_roles(resolver, message):
    assert resolver.unknown_subject(message) is None


def test_the_plural_of_a_two_letter_alias_is_the_role(role_store):
    # "what do RNs earn?": the entity ruler tags "RNs"; the resolver must know it too
    assert role_store.resolver.resolve("RNs").role == "Registered Nurses"
    assert role_store.resolver.resolve("LPNs").role == \
        "Licensed Practical and Licensed Vocational Nurses"
