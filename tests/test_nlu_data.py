"""NLU data is tied to the role data: generated parts are current, no role or place is typed by
hand, generated names resolve, the held-out sets stay apart from the training data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from careerdata import load_skills
from careerdata.names import phrase_words
from careerdata.roles import UNKNOWN
from careerdata.text import normalize
from careerdata.store import TOPICS
from nlu_build import build

PROJECT = Path(__file__).resolve().parent.parent
NLU_DIR = PROJECT / "data" / "nlu"
HELDOUT = PROJECT / "tests" / "data" / "nlu_heldout.yml"
ANNOTATION = re.compile(r"\[([^\]]+)\]\((\w+)\)|\[([^\]]+)\]\{\"entity\": ?\"(\w+)\"[^}]*\}")

GENERATED = PROJECT / "build" / "nlu" / "official_generated.yml"
TEMPLATES = PROJECT / "data" / "templates"
HELDOUT_LABOUR = PROJECT / "tests" / "data" / "nlu_heldout_labour.yml"
HELDOUT_GUIDANCE = PROJECT / "tests" / "data" / "nlu_heldout_guidance.yml"
HELDOUT_FRESH = PROJECT / "tests" / "data" / "nlu_heldout_fresh.yml"
LANGUAGES = PROJECT / "tests" / "data" / "languages_heldout.yml"
OFFDOMAIN = PROJECT / "tests" / "data" / "offdomain_heldout.yml"
SOCIAL = PROJECT / "tests" / "data" / "social_heldout.yml"
NEGATIVES = PROJECT / "build" / "nlu" / "negatives_generated.yml"


def _examples(path: Path):
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    for block in content.get("nlu", []):
        if "intent" in block:
            for line in block["examples"].splitlines():
                line = line.strip()
                if line.startswith("- "):
                    yield block["intent"], line[2:].strip()


def _plain(example: str) -> str:
    text = ANNOTATION.sub(lambda m: m.group(1) or m.group(3), example)
    return re.sub(r"[^\w\s]", "", text.lower()).strip()


def _training_files():
    return [p for p in sorted(NLU_DIR.glob("*.yml")) if p.name != "roles_generated.yml"]


def test_generated_nlu_file_is_current(dataset):
    skills = load_skills.dataset_index(dataset, load_skills.read_aliases(PROJECT / "data")).names()
    expected = build.generated_nlu(dataset, build.read_topics(PROJECT / "data"), skills,
                                   build.career_words(PROJECT / "data"),
                                   build.statement_words(PROJECT / "data"),
                                   build.employment_words(PROJECT / "data"),
                                   build.interest_words(PROJECT / "data"))
    actual = (NLU_DIR / "roles_generated.yml").read_text(encoding="utf-8")
    assert actual == expected, "data/nlu/roles_generated.yml is stale: run `make db`"


def test_every_role_name_and_alias_reaches_the_entity_ruler(dataset):
    patterns = build.ruler_patterns(dataset, build.read_topics(PROJECT / "data"))
    by_id = {}
    for p in patterns:
        by_id.setdefault(p["id"], set()).add(p["pattern"])
    for role in dataset.roles.values():
        for name in [role.name, *role.aliases]:
            assert name.lower() in by_id[role.name]


def test_topic_words_cover_every_topic():
    topics = build.read_topics(PROJECT / "data")
    from careerdata import topics as declared

    assert set(topics) == {t.key for t in declared.ALL if t.named}
    words = [w for ws in topics.values() for w in ws]
    assert len(words) == len(set(words)), "a topic word is listed under two topics"


def _exact_roles(role_store, text: str):
    """Role names or aliases written out exactly in ``text`` (typo matches left out)."""
    words = phrase_words(text, normalize)
    return [m.role for m in role_store.resolver.find_mentions(words) if m.score > 100]


#: Intents whose hand-written examples may name a place unannotated: other subjects and languages
#: ("is it going to snow in Chicago"), where a place is no career evidence.
PLACE_FREE_INTENTS = frozenset({"out_of_scope", "other_language", "goodbye", "thank+goodbye",
                                "bot_challenge"})


def test_no_role_or_place_is_typed_by_hand_in_the_training_data(role_store):
    """Hand-written examples name no role and no place: those come from the templates. A place
    is a capitalised word, not the first, that is a place alias of the data ("in Texas",
    "Chicago"; "reading" and "college" written in lower case are words)."""
    for path in _training_files():
        for intent, example in _examples(path):
            assert not ANNOTATION.search(example), f"{path.name}: annotated by hand: {example}"
            assert not _exact_roles(role_store, example), f"{path.name}: names a role: {example}"
            if intent in PLACE_FREE_INTENTS:
                continue
            places = [w for w in re.findall(r"(?<=\s)[A-Z][a-z]+", example)
                      if w.lower() in role_store.places.aliases]
            assert not places, f"{path.name}: names a place {places}: {example}"


def _template_texts():
    for path in sorted(TEMPLATES.glob("*.yml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        for intent, lines in raw["templates"].items():
            for line in lines:
                yield path.name, intent, line


def test_templates_name_no_role(role_store):
    texts = list(_template_texts())
    assert len(texts) > 500
    for name, _, line in texts:
        assert not ANNOTATION.search(line), f"{name}: annotated by hand: {line}"
        bare = re.sub(r"\{\w+\}s?", ",", line)
        assert not _exact_roles(role_store, bare), f"{name}: names a role: {line}"


def _generated_annotations(label: str):
    """Names annotated ``label`` in the generated examples, the made-up ones left out (they
    must stay unknown: ``test_made_up_names_name_no_role_and_no_place``)."""
    from nlu_build.official import is_made_up

    names = [m.group(1) for _, e in _examples(GENERATED) for m in ANNOTATION.finditer(e)
             if m.group(2) == label]
    kept = [n for n in names if not is_made_up(n)]
    assert len(kept) < len(names), "no made-up names in the generated examples"
    return kept


def test_generated_role_names_resolve(role_store):
    """Generated names are the database's (a few with a deliberate typo)."""
    names = _generated_annotations("role")
    assert len(names) > 1000
    lost = [n for n in names if role_store.resolver.resolve(n).kind == UNKNOWN]
    assert len(lost) <= 0.03 * len(names), f"{len(lost)} unresolved, e.g. {lost[:10]}"


def test_generated_places_resolve(role_store):
    places = _generated_annotations("location")
    assert len(places) > 50
    lost = [p for p in places if role_store.places.resolve(p).kind == UNKNOWN]
    assert not lost, f"unresolved places: {lost[:10]}"


@pytest.mark.parametrize("heldout_file",
                         [HELDOUT, HELDOUT_LABOUR, HELDOUT_GUIDANCE, HELDOUT_FRESH, OFFDOMAIN,
                          SOCIAL], ids=lambda p: p.name)
def test_heldout_set_is_apart_from_training_data(heldout_file):
    training = {_plain(e) for p in [*_training_files(), GENERATED, NEGATIVES]
                for _, e in _examples(p)}
    heldout = [(_plain(e), e) for _, e in _examples(heldout_file)]
    assert len(heldout) >= 150
    leaked = [original for plain, original in heldout if plain in training]
    assert not leaked, f"held-out messages also in the training data: {leaked}"


def test_language_set_is_apart_from_training_data():
    """The held-out messages of tests/data/languages_heldout.yml are not training examples."""
    training = {_plain(e) for p in [*_training_files(), GENERATED] for _, e in _examples(p)}
    sets = yaml.safe_load(LANGUAGES.read_text(encoding="utf-8"))
    messages = sets["not_english"] + sets["english"]
    assert len(sets["not_english"]) >= 60 and len(sets["english"]) >= 80
    leaked = [m for m in messages if _plain(m) in training]
    assert not leaked, f"held-out messages also in the training data: {leaked}"


@pytest.mark.parametrize("path", _training_files(), ids=lambda p: p.name)
def test_training_files_have_no_duplicate_examples(path):
    seen = set()
    for _, example in _examples(path):
        plain = _plain(example)
        assert plain not in seen, f"duplicate example: {example}"
        seen.add(plain)


def test_example_questions_in_responses_name_roles_of_the_database(role_store):
    """Example questions quoted in domain responses and fixed replies name real roles."""
    from actions import render

    domain = yaml.safe_load((PROJECT / "domain.yml").read_text(encoding="utf-8"))
    texts = [v["text"] for variants in domain["responses"].values() for v in variants]
    texts += render.capabilities_reply(role_store.role_names()).bullets
    quoted = [q for t in texts for q in re.findall(r"“([^”]+)”", t)]
    role_like = [q for q in quoted if re.search(r"engineer|scientist|specialist|clerk", q, re.I)]
    assert role_like, "no example question found to check"
    for example in role_like:
        assert role_store.resolver.scan(example), f"{example!r} names no role of the database"


def test_made_up_names_name_no_role_and_no_place(role_store):
    """The made-up names of the generated examples must stay unknown, or the NLU would learn to
    tag real names' contexts with wrong values."""
    import random

    from careerdata.roles import UNKNOWN
    from nlu_build.official import made_up_name

    rng = random.Random(7)
    roles = {made_up_name("role", rng) for _ in range(300)}
    places = {made_up_name("place", rng) for _ in range(300)}
    assert len(roles) > 250 and len(places) > 250
    # an O*NET short title ("LOTA") may come out: in a role's context it is one, so no harm
    acronyms = {t for t in role_store.job_titles if " " not in t and len(t) <= 6}
    assert all(role_store.resolver.resolve(r).kind == UNKNOWN for r in roles - acronyms)
    assert all(role_store.places.resolve(p).kind == UNKNOWN for p in places)


def test_skill_aliases_name_skills_of_the_role_files(dataset):
    aliases = load_skills.read_aliases(PROJECT / "data")
    index = load_skills.dataset_index(dataset, aliases)
    for alias, skill in aliases.items():
        assert index.resolve(alias) == index.vocabulary[normalize(skill)], alias
    # every term and tool of every role file is a skill the NLU knows
    lookup = (NLU_DIR / "roles_generated.yml").read_text(encoding="utf-8")
    for role in dataset.roles.values():
        for term in [t for s in role.skills for t in s.terms] + [t.name for t in role.tools]:
            assert f"    - {term}\n" in lookup, term


def test_an_alias_of_a_skill_no_role_has_is_refused(dataset, data_copy):
    (data_copy / "skills.yml").write_text("aliases:\n  COBOL: [cobol85]\n", encoding="utf-8")
    with pytest.raises(load_skills.DataError, match="COBOL"):
        load_skills.dataset_index(dataset, load_skills.read_aliases(data_copy))


@pytest.mark.parametrize("questions_file", [PROJECT / "tests" / "data" / "depth_heldout.yml",
                                            PROJECT / "tests" / "data" / "advice_heldout.yml"],
                         ids=lambda p: p.name)
def test_question_sets_are_apart_from_training_data(questions_file):
    """The depth and advice questions (and their set-up messages) are no training examples."""
    training = {_plain(e) for p in [*_training_files(), GENERATED, NEGATIVES]
                for _, e in _examples(p)}
    questions = yaml.safe_load(questions_file.read_text(encoding="utf-8"))["questions"]
    texts = [t for q in questions for t in (q["text"], *(q.get("setup") or ()))]
    assert len(texts) >= 100
    leaked = [t for t in texts if _plain(t) in training]
    assert not leaked, f"held-out questions also in the training data: {leaked}"


@pytest.mark.parametrize("name", ["offdomain_support.yml", "offdomain_lookalike.yml",
                                  "languages_heldout_2.yml"])
def test_helper_written_sets_of_other_domains_and_languages_are_apart_from_training(name):
    """Issue 27's held-out sets (scripts/eval_domain.py, SOURCES and LANGUAGE_SOURCES): written
    by helpers who had not read data/, never trained on, not even by accident."""
    from scripts.eval_domain import read_kinds, read_languages

    path = PROJECT / "tests" / "data" / name
    rows = read_languages(path, "languages") if name.startswith("languages") else \
        read_kinds(path)
    training = {_plain(e) for p in [*_training_files(), GENERATED, NEGATIVES]
                for _, e in _examples(p)}
    assert len(rows) >= 300 and len({kind for kind, _ in rows}) >= 10
    leaked = [text for _, text in rows if _plain(text) in training]
    assert not leaked, f"held-out messages also in the training data: {leaked}"
