"""Rasa's regex featurizer, finding lookup-table entries in time proportional to the message.

Listed in ``config.yml`` as ``nlu_components.lookup_featurizer.LookupRegexFeaturizer``. Rasa
turns each lookup table into one regular expression, ``(\\bentry1\\b|\\bentry2\\b|...)``, and
runs it over every message: Python's regex engine tries each of the 4,400 role names and 1,800
place names at each position, so the time grows with the data (4-9 % of the Rasa server's time
under load, README "Performance"). :class:`LookupMatcher` reads the entries back from that
expression and walks a trie of them instead: at each position it finds the entries that match
there and keeps the one listed first, which is what the regex engine matches. Features,
predictions and model files are Rasa's; a pattern that is not a lookup table's, and a message
with characters outside ASCII (whose case rules the regex engine applies its own way), go
through the regular expression as before.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np
import scipy.sparse
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.featurizers.sparse_featurizer.regex_featurizer import RegexFeaturizer
from rasa.shared.nlu.constants import ACTION_TEXT, RESPONSE, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

_END = ""  # trie key of "an entry ends here" (no entry character is empty)
_SEPARATOR = "\\b|\\b"


def lookup_entries(pattern: str) -> Optional[List[str]]:
    """The entries of a lookup table's expression as Rasa writes it with word boundaries
    (``(\\bA\\b|\\bB\\b)``, each entry escaped), in order; None for any other expression."""
    if not (pattern.startswith("(\\b") and pattern.endswith("\\b)")):
        return None
    escaped = pattern[3:-3].split(_SEPARATOR)
    entries = [re.sub(r"\\(.)", r"\1", item, flags=re.DOTALL) for item in escaped]
    if any(not entry for entry in entries) or [re.escape(e) for e in entries] != escaped:
        return None
    return entries


@lru_cache(maxsize=None)
def _ascii_fold(char: str) -> str:
    """The ASCII letter (lower case) that ``char``, outside ASCII, matches when the regex engine
    ignores case (KELVIN SIGN matches "k"), else ``char`` itself, which matches no ASCII."""
    same = {a.lower() for a in string.ascii_letters if re.fullmatch(re.escape(char), a, re.I)}
    return same.pop() if len(same) == 1 else char


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


class LookupMatcher:
    """What ``re.finditer`` finds with a lookup table's expression, found through a trie.

    Args:
        entries: the table's entries in the expression's order (none empty).
        ignore_case: match as ``re.IGNORECASE`` does (for ASCII texts).
    """

    def __init__(self, entries: Sequence[str], ignore_case: bool = True) -> None:
        self.ignore_case = ignore_case
        self.trie: Dict[str, Any] = {}
        for index, entry in enumerate(entries):
            node = self.trie
            for char in self._fold_entry(entry):
                node = node.setdefault(char, {})
            node.setdefault(_END, index)  # the first of equal entries wins

    def _fold_entry(self, entry: str) -> str:
        if not self.ignore_case:
            return entry
        return "".join(c.lower() if c.isascii() else _ascii_fold(c) for c in entry)

    def spans(self, text: str) -> List[Tuple[int, int]]:
        """``(start, end)`` of each match, as ``re.finditer`` gives them: left to right, not
        overlapping, at each position the first listed entry that fits between word
        boundaries. ``text`` must be ASCII (see the module docstring).

        Raises:
            ValueError: ``text`` has characters outside ASCII.
        """
        if not text.isascii():
            raise ValueError("LookupMatcher reads ASCII texts only")
        folded = text.lower() if self.ignore_case else text
        words = [_is_word(c) for c in text] + [False]  # past the end: no word character
        found: List[Tuple[int, int]] = []
        position = 0
        while position < len(text):
            best: Optional[Tuple[int, int]] = None  # (entry index, end)
            if (words[position - 1] if position else False) != words[position]:  # \b
                node, end = self.trie, position
                while end < len(text) and folded[end] in node:
                    node, end = node[folded[end]], end + 1
                    index = node.get(_END)
                    if (index is not None and words[end - 1] != words[end]
                            and (best is None or index < best[0])):
                        best = (index, end)
            if best is None:
                position += 1
            else:
                found.append((position, best[1]))
                position = best[1]
        return found


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True
)
class LookupRegexFeaturizer(RegexFeaturizer):
    """Rasa's ``RegexFeaturizer`` with lookup tables matched by :class:`LookupMatcher` (see
    the module docstring); the same features for every message. The tables named in
    ``ignore_lookups`` (config) give no feature: they are other components' data."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        """Rasa's config and ``ignore_lookups``: names of lookup tables left out ([])."""
        return {**RegexFeaturizer.get_default_config(), "ignore_lookups": []}

    def train(self, training_data: TrainingData) -> Resource:
        """Rasa's training, without the patterns of the tables of ``ignore_lookups``."""
        ignored = set(self._config.get("ignore_lookups") or ())
        if ignored:
            training_data = TrainingData(
                training_examples=training_data.training_examples,
                entity_synonyms=training_data.entity_synonyms,
                regex_features=training_data.regex_features,
                lookup_tables=[t for t in training_data.lookup_tables
                               if t.get("name") not in ignored])
        return super().train(training_data)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._matchers: Dict[str, Optional[LookupMatcher]] = {}
        for pattern in self.known_patterns:  # built when the model loads, not on a message
            self._matcher(pattern["pattern"])

    def _matcher(self, pattern: str) -> Optional[LookupMatcher]:
        if pattern not in self._matchers:
            entries = lookup_entries(pattern)
            self._matchers[pattern] = (
                LookupMatcher(entries, ignore_case=not self.case_sensitive) if entries else None)
        return self._matchers[pattern]

    def _spans(self, pattern: str, text: str) -> List[Tuple[int, int]]:
        matcher = self._matcher(pattern) if text.isascii() else None
        if matcher is not None:
            return matcher.spans(text)
        flags = 0 if self.case_sensitive else re.IGNORECASE
        return [match.span() for match in re.finditer(pattern, text, flags=flags)]

    def _features_for_patterns(
        self, message: Message, attribute: str
    ) -> Tuple[Optional[scipy.sparse.coo_matrix], Optional[scipy.sparse.coo_matrix]]:
        """Rasa's features: per token and for the sentence, 1 where a pattern matches (and
        each token's ``pattern`` dict of which patterns cover it)."""
        text = message.get(attribute)
        tokens = message.get(TOKENS_NAMES[attribute], []) if text else []
        if not tokens:
            return None, None
        sequence_features = np.zeros([len(tokens), len(self.known_patterns)])
        sentence_features = np.zeros([1, len(self.known_patterns)])
        for index, pattern in enumerate(self.known_patterns):
            spans = self._spans(pattern["pattern"], text)
            for token_index, token in enumerate(tokens):
                covered = token.get("pattern", default={})
                covered[pattern["name"]] = False
                for start, end in spans:
                    if token.start < end and token.end > start:
                        covered[pattern["name"]] = True
                        sequence_features[token_index][index] = 1.0
                        if attribute in (RESPONSE, TEXT, ACTION_TEXT):
                            sentence_features[0][index] = 1.0
                token.set("pattern", covered)
        return (scipy.sparse.coo_matrix(sequence_features),
                scipy.sparse.coo_matrix(sentence_features))
