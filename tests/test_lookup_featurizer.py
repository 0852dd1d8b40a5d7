"""The lookup featurizer finds exactly what Rasa's lookup-table expressions find."""

from __future__ import annotations

import random
import re

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.regex_featurizer import RegexFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.nlu.utils.pattern_utils import _generate_lookup_regex
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu_components.lookup_featurizer import LookupMatcher, LookupRegexFeaturizer, lookup_entries

#: Entries that test the regex engine's rules: prefixes listed before and after longer entries,
#: punctuation at either end, the same entry twice, digits, underscores, a pipe, a backslash,
#: and letters outside ASCII that match ASCII when case is ignored (KELVIN SIGN, dotted I).
ENTRIES = ["data", "data engineer", "engineer", "machine learning engineer", "machine",
           "c++", ".net", "node.js", "r", "sql", "SQL", "new york", "new york city", "york",
           "a|b", "back\\slash", "x_ray tech", "911 dispatcher", "café", "\u212aelvin",
           "\u0130stanbul", "st. louis", "-dash", "end-"]


def _rasas_spans(entries, text, flags=re.IGNORECASE):
    pattern = _generate_lookup_regex({"elements": entries})
    return [m.span() for m in re.finditer(pattern, text, flags=flags)]


def test_entries_are_read_back_from_rasas_expression_and_nothing_else():
    assert lookup_entries(_generate_lookup_regex({"elements": ENTRIES})) == ENTRIES
    assert lookup_entries(r"\b[0-9]{5}\b") is None  # a regex feature, not a lookup table
    assert lookup_entries(_generate_lookup_regex({"elements": ["a", "b"]}, False)) is None
    assert lookup_entries(r"(\ba\b|\b\b)") is None  # an empty entry


@pytest.mark.parametrize("text", [
    "what does a data engineer do?", "DATA ENGINEER", "data engineers", "Data-engineer",
    "i know c++ and .net and node.js", "r or R, and sql", "new york city", "in New York, NY",
    "a|b and back\\slash", "x_ray tech", "911 dispatcher pay", "kelvin in istanbul",
    "st. louis", "-dash end-", "", "   ", "...", "machine learning engineer vs machine",
])
def test_the_matcher_finds_what_the_regex_finds(text):
    assert LookupMatcher(ENTRIES).spans(text) == _rasas_spans(ENTRIES, text)
    assert LookupMatcher(list(reversed(ENTRIES))).spans(text) == \
        _rasas_spans(list(reversed(ENTRIES)), text)
    assert LookupMatcher(ENTRIES, ignore_case=False).spans(text) == \
        _rasas_spans(ENTRIES, text, flags=0)


def test_the_matcher_finds_what_the_regex_finds_in_random_texts():
    rng = random.Random(2026)
    words = ENTRIES + ["the", "a", "DATA", "Engineer", ",", ".", "-", "++", "_", "new", "2", "k"]
    for _ in range(3000):
        entries = rng.sample(ENTRIES, rng.randint(1, len(ENTRIES)))
        text = rng.choice(["", " ", "-"]).join(rng.choice(words) for _ in range(rng.randint(0, 9)))
        if not text.isascii():
            continue  # the featurizer sends these through the regex
        assert LookupMatcher(entries).spans(text) == _rasas_spans(entries, text), (entries, text)


def test_the_matcher_reads_ascii_only():
    with pytest.raises(ValueError):
        LookupMatcher(ENTRIES).spans("café owner")


def _featurizer(cls, tmp_path):
    context = ExecutionContext(GraphSchema({}), node_name=cls.__name__)
    patterns = [{"name": "role", "pattern": _generate_lookup_regex({"elements": ENTRIES})},
                {"name": "zip", "pattern": r"\b[0-9]{5}\b"}]
    return cls({**cls.get_default_config(), "case_sensitive": False},
               LocalModelStorage(tmp_path), Resource(cls.__name__), context,
               known_patterns=patterns)


def test_features_are_rasas(tmp_path):
    """The same token and sentence features as Rasa's featurizer, ASCII or not."""
    ours = _featurizer(LookupRegexFeaturizer, tmp_path)
    rasas = _featurizer(RegexFeaturizer, tmp_path)
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    for text in ("what does a data engineer earn in 10001", "café owner in new york",
                 "C++ and SQL", "hello"):
        found = []
        for featurizer in (ours, rasas):
            message = Message({TEXT: text})
            tokenizer.process([message])
            featurizer.process([message])
            sequence, sentence = message.get_sparse_features(TEXT)
            found.append((sequence.features.toarray(), sentence.features.toarray(),
                          [t.get("pattern") for t in message.get("text_tokens")]))
        np.testing.assert_array_equal(found[0][0], found[1][0])
        np.testing.assert_array_equal(found[0][1], found[1][1])
        assert found[0][2] == found[1][2]
    assert ours._matcher(ours.known_patterns[0]["pattern"]) is not None
    assert ours._matcher(ours.known_patterns[1]["pattern"]) is None  # regex: Rasa's way
