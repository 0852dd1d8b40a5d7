"""A Rasa NLU component that lets the intent featurizers read typos as the words they miss.

Listed in ``config.yml`` as ``nlu_components.typo_lemmas.TypoLemmas``, right after the
tokenizer. ``CountVectorsFeaturizer`` builds its features from each token's *lemma* (its
default ``use_lemma``); the blank spaCy pipeline's lemma is the word itself. This component
sets the lemma of a word the training examples never hold to the word it misspells:

- a word of at least :data:`MIN_LENGTH` letters that is neither in the training examples' words
  nor an ordinary English word (:func:`careerdata.english.is_english_word`: "faucet" is left as
  it is) takes the closest training word with a RapidFuzz ratio of at least ``cutoff``, the most
  frequent on a tie ("educaton" → "education", "wrk" is too short, "skils" → "skills");
- failing that, two training words typed together take both ("whatrole" → "what role").

The token's text is untouched, so the entity extractors (which read the text) and the reply see
what the user typed; only the intent features change. At training time every word is a
training word, so nothing changes there.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Any, Dict, List, Optional, Text

import rasa.shared.utils.io
from rapidfuzz import fuzz, process
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from careerdata.english import is_english_word
from nlu_components.language_gate import OTHER_LANGUAGE, words_of

VOCABULARY_FILE = "word_counts.json"
#: Words shorter than this (letters) are never corrected: "wrk", "ds", "ta".
MIN_LENGTH = 4
#: Pieces of a joined word are at least this long ("whatrole": "what" + "role").
MIN_PIECE = 2


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=True)
class TypoLemmas(GraphComponent):
    """Sets the lemma of a misspelt word to the training word it misspells."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """``cutoff``: the least RapidFuzz ratio (0–100) of a typo to its training word;
        ``min_count``: training words seen fewer times than this are no correction."""
        return {"cutoff": 80.0, "min_count": 2}

    @staticmethod
    def required_components() -> List[type]:
        """Tokens come from a tokenizer earlier in the pipeline."""
        return [Tokenizer]

    def __init__(self, config: Dict[Text, Any], model_storage: Optional[ModelStorage] = None,
                 resource: Optional[Resource] = None,
                 counts: Optional[Dict[str, int]] = None) -> None:
        """Keep the config and ``counts``: ``{lower-case training word: occurrences}``."""
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._use(counts or {})

    def _use(self, counts: Dict[str, int]) -> None:
        self.counts: Dict[str, int] = dict(counts)
        self._choices = sorted(w for w, n in self.counts.items()
                               if n >= self.config["min_count"] and len(w) >= MIN_PIECE)
        self.correct = lru_cache(maxsize=16384)(self._correct)

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "TypoLemmas":
        """A new component, without words until :meth:`train`."""
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        """Count the words of the training examples (every intent but ``other_language``)."""
        counts = Counter(word for example in training_data.intent_examples
                         if example.get(INTENT) != OTHER_LANGUAGE
                         for word in words_of(example.get(TEXT) or ""))
        self._use(counts)
        with self._model_storage.write_to(self._resource) as directory:
            rasa.shared.utils.io.dump_obj_as_json_to_file(directory / VOCABULARY_FILE,
                                                          dict(sorted(counts.items())))
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "TypoLemmas":
        """The component with the word counts persisted by :meth:`train`.

        Raises:
            ValueError, FileNotFoundError: the model has no word counts for this component.
        """
        with model_storage.read_from(resource) as directory:
            counts = rasa.shared.utils.io.read_json_file(directory / VOCABULARY_FILE)
        return cls(config, model_storage, resource, counts)

    def _correct(self, word: str) -> Optional[str]:
        """The training word(s) ``word`` (lower case) misspells, or None to leave it as it is."""
        if (len(word) < MIN_LENGTH or not word.isalpha() or word in self.counts
                or not self._choices or is_english_word(word)):
            return None
        found = process.extract(word, self._choices, scorer=fuzz.ratio,
                                score_cutoff=self.config["cutoff"], limit=5)
        if found:
            return max(found, key=lambda hit: (hit[1], self.counts[hit[0]]))[0]
        pieces = [(word[:i], word[i:]) for i in range(MIN_PIECE, len(word) - MIN_PIECE + 1)
                  if self.counts.get(word[:i], 0) >= self.config["min_count"]
                  and self.counts.get(word[i:], 0) >= self.config["min_count"]]
        if pieces:
            first, second = max(pieces, key=lambda p: min(self.counts[p[0]], self.counts[p[1]]))
            return f"{first} {second}"
        return None

    def process(self, messages: List[Message]) -> List[Message]:
        """Set the lemma of each misspelt token of each message (in place)."""
        for message in messages:
            for token in message.get(TOKENS_NAMES[TEXT]) or []:
                corrected = self.correct(token.text.lower())
                if corrected is not None:
                    token.lemma = corrected
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Training examples are left as they are: all their words are training words."""
        return training_data
