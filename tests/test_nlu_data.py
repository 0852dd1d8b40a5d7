"""NLU data is tied to the role data: generated parts are current, hand-written role
annotations all resolve, the held-out set stays apart from the training data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from careerdata.roles import AMBIGUOUS, KNOWN, UNKNOWN, RoleResolver
from careerdata.store import TOPICS
from nlu_build import build

PROJECT = Path(__file__).resolve().parent.parent
NLU_DIR = PROJECT / "data" / "nlu"
HELDOUT = PROJECT / "tests" / "data" / "nlu_heldout.yml"
ANNOTATION = re.compile(r"\[([^\]]+)\]\((\w+)\)|\[([^\]]+)\]\{\"entity\": ?\"(\w+)\"[^}]*\}")

#: Roles that NLU examples mention on purpose although the database does not hold them, so
#: that the model learns to extract them and the assistant can say it does not know them.
NOT_IN_DATABASE = {
    "plumber", "plumbers", "nurse", "nurses", "accountant", "accountants", "web developer",
    "web developers", "product manager", "product managers", "chef", "chefs", "teacher",
    "teachers", "devops engineer", "devops engineers", "pilot", "pilots", "lawyer", "lawyers",
    "data analyst", "data analysts", "software engineer", "software engineers", "architect",
    "architects", "dentist", "dentists", "graphic designer", "graphic designers",
    "data professional", "data professionals", "engineer", "engineers", "pharmacist",
    "pharmacists", "electrician", "electricians", "ux designer", "ux designers",
}


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
    expected = build.generated_nlu(dataset, build.read_topics(PROJECT / "data"))
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
    assert set(topics) == set(TOPICS)
    words = [w for ws in topics.values() for w in ws]
    assert len(words) == len(set(words)), "a topic word is listed under two topics"


def test_every_role_annotation_resolves_or_is_a_declared_outsider(role_store):
    resolver = RoleResolver(role_store.alias_index)
    problems = []
    seen_roles = set()
    for path in _training_files():
        for intent, example in _examples(path):
            for m in ANNOTATION.finditer(example):
                text, entity = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
                assert entity == "role", f"{path.name}: unexpected entity {entity!r}"
                result = resolver.resolve(text)
                if text.lower() in NOT_IN_DATABASE:
                    if result.kind == KNOWN:
                        problems.append(f"{path.name}: {text!r} is declared unknown but "
                                        f"resolves to {result.role}")
                elif result.kind != KNOWN:
                    problems.append(f"{path.name}: {text!r} ({intent}) does not resolve to a "
                                    "role of the database")
                else:
                    seen_roles.add(result.role)
    assert not problems, "\n".join(problems)
    assert seen_roles == set(role_store.role_names())


def test_declared_outsiders_are_unknown_or_ambiguous(role_store):
    resolver = RoleResolver(role_store.alias_index)
    for name in NOT_IN_DATABASE:
        assert resolver.resolve(name).kind in (UNKNOWN, AMBIGUOUS), name


def test_heldout_set_is_apart_from_training_data():
    training = {_plain(e) for p in _training_files() for _, e in _examples(p)}
    heldout = [(_plain(e), e) for _, e in _examples(HELDOUT)]
    assert len(heldout) >= 200
    leaked = [original for plain, original in heldout if plain in training]
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
    role_like = [q for q in quoted if re.search(r"engineer|scientist|specialist", q, re.I)]
    assert role_like, "no example question found to check"
    for example in role_like:
        assert role_store.resolver.scan(example), f"{example!r} names no role of the database"
