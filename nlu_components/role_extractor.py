"""A Rasa NLU entity extractor for role (or skill) names, exact or misspelt, driven by the data.

Listed in ``config.yml`` as ``nlu_components.role_extractor.RoleMentionExtractor``, after the
tokenizer and the other entity extractors. At training time it reads the names and aliases of the
``role`` lookup table and the synonyms of the training data (both generated from
``data/roles/*.yml`` by ``python -m nlu_build.build``), so it knows no role by itself. At
prediction time it looks for them in the tokens of each message with
:meth:`careerdata.roles.RoleResolver.find_mentions` (exact names, plurals and close misspellings,
RapidFuzz ratio >= 86, such as "sofware data engineer") and adds ``role`` entities whose value is
the canonical role name. A second instance with ``entity: skill`` and ``lookup: skill`` does the
same for the skills and tools of the role files and ``data/skills.yml``, and a third with
``entity: topic`` and ``lookup: topic`` for the topic words of ``data/topics.yml`` ("educaton",
"SKILS", "outlok"; ``english_words_exact`` keeps "trips" from being read as "tips").

It replaced the entity recognition of ``DIETClassifier``: more accurate on the held-out set, with
no TensorFlow graph to build at training time (see "NLU pipeline" and "Performance" in README.md).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Dict, List, Optional, Text, Tuple

import rasa.shared.utils.io
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.exceptions import InvalidConfigException
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_CONFIDENCE,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from careerdata.names import MIN_FUZZY_LENGTH, NameMatcher
from careerdata.roles import PHRASE_END
from careerdata.text import normalize

ALIASES_FILE = "role_aliases.json"
#: Extractors whose entities already are role-data names: a mention inside one is not repeated.
_EXACT_EXTRACTORS = frozenset({"SpacyEntityExtractor"})
#: Extractors of the data's names, whose entities ``skip_inside`` looks at (not learned ones).
_RULE_EXTRACTORS = frozenset({"SpacyEntityExtractor", "RoleMentionExtractor"})
#: Code the persisted alias index depends on (part of the training cache key).
_CODE = [Path(__file__)] + [
    Path(__file__).resolve().parent.parent / "careerdata" / f"{name}.py" for name in ("text", "names", "roles", "english")
]


def alias_index_from(training_data: TrainingData, lookup: str) -> Dict[str, str]:
    """``{normalised name or alias: canonical name}`` from a lookup table and the synonyms.

    Args:
        training_data: Rasa training data with a lookup table named ``lookup`` whose elements are
            the role names and aliases; ``entity_synonyms`` maps an alias (any case) to its
            canonical name. An element without a synonym is itself canonical.
        lookup: the lookup table's name (``"role"``).

    Raises:
        InvalidConfigException: there is no such lookup table, or it is empty.
    """
    synonyms = {key.lower(): value for key, value in training_data.entity_synonyms.items()}
    elements: List[str] = []
    for table in training_data.lookup_tables:
        if table.get("name") == lookup:
            elements.extend(str(e) for e in table.get("elements") or [])
    if not elements:
        raise InvalidConfigException(
            f"RoleMentionExtractor: the training data has no lookup table '{lookup}' with "
            "elements; run `python -m nlu_build.build` (make db) to generate it."
        )
    index: Dict[str, str] = {}
    for element in elements:
        key = normalize(element)
        if key:
            index.setdefault(key, synonyms.get(element.lower(), element))
    return index


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class RoleMentionExtractor(GraphComponent, EntityExtractorMixin):
    """Adds ``role`` entities for names and aliases of the role lookup table, typos included."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """``entity``: the entity type to add; ``lookup``: the lookup table of names;
        ``min_fuzzy_length``: names shorter than this (characters) match exactly only;
        ``skip_inside``: entity types inside whose spans (found by the entity ruler or another
        instance of this extractor) no mention is added: a ``skill`` extractor skips "machine
        learning" in the role "machine learning engineer", the role extractor the skill
        "statistics" (close to "statisticians"); ``english_words_exact``: a word of ordinary English
        (:func:`careerdata.english.is_english_word`) is never read as a misspelt name."""
        return {"entity": "role", "lookup": "role", "min_fuzzy_length": MIN_FUZZY_LENGTH,
                "skip_inside": [], "english_words_exact": False}

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        """A hash of the code that builds the alias index (this module and ``careerdata/text.py``),
        so that Rasa's training cache does not reuse an index built by older code."""
        digest = hashlib.sha256()
        for path in _CODE:
            digest.update(path.read_bytes())
        return digest.hexdigest()

    @staticmethod
    def required_components() -> List[type]:
        """Tokens come from a tokenizer earlier in the pipeline."""
        return [Tokenizer]

    @staticmethod
    def required_packages() -> List[Text]:
        """Fuzzy matching needs RapidFuzz."""
        return ["rapidfuzz"]

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        alias_index: Optional[Dict[str, str]] = None,
    ) -> None:
        """Keep the config; ``alias_index`` is ``{normalised alias: canonical name}``."""
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._index = dict(alias_index or {})
        self._matcher = self._new_matcher(self._index) if alias_index else None

    def _new_matcher(self, index: Dict[str, str]) -> NameMatcher:
        return NameMatcher(index, min_length=self._config["min_fuzzy_length"],
                           english_words_exact=self._config["english_words_exact"])

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> RoleMentionExtractor:
        """A new, untrained extractor (see :class:`GraphComponent`)."""
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        """Read the names and aliases from ``training_data`` and persist them.

        Raises:
            InvalidConfigException: the lookup table is missing (see :func:`alias_index_from`).
        """
        index = alias_index_from(training_data, self._config["lookup"])
        self._index = index
        self._matcher = self._new_matcher(index)
        with self._model_storage.write_to(self._resource) as directory:
            rasa.shared.utils.io.dump_obj_as_json_to_file(directory / ALIASES_FILE, index)
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> RoleMentionExtractor:
        """The extractor persisted by :meth:`train`.

        Raises:
            ValueError, FileNotFoundError: the model has no alias file for this component.
        """
        with model_storage.read_from(resource) as directory:
            index = rasa.shared.utils.io.read_json_file(directory / ALIASES_FILE)
        return cls(config, model_storage, resource, index)

    def process(self, messages: List[Message]) -> List[Message]:
        """Add the role entities found in each message to its ``entities`` (in place).

        Args:
            messages: tokenized messages (``text_tokens`` set by the tokenizer).

        Returns:
            The same messages.
        """
        if self._matcher is None:
            return messages
        for message in messages:
            found = self.add_extractor_name(self._extract(message))
            if found:
                message.set(ENTITIES, message.get(ENTITIES, []) + found, add_to_output=True)
        return messages

    def _extract(self, message: Message) -> List[Dict[Text, Any]]:
        """The role entities of one message: ``{entity, start, end, value, confidence}`` dicts
        with character offsets into the text and the canonical role name as value.

        Tokens are normalised as role names are (``careerdata.text.normalize``); punctuation that
        ends a phrase (``.,;:!?``, as a token or at a token's end) is a boundary no name runs
        across, and a token that normalises to several words ("machine-learning") gives each
        word the token's offsets.
        Mentions inside an entity of :data:`_EXACT_EXTRACTORS` are left out; overlaps with
        learned entities are kept, for the actions to choose (longer span, then role data).
        """
        text = message.get(TEXT) or ""
        tokens = message.get(TOKENS_NAMES[TEXT]) or []
        words: List[str] = []
        offsets: List[Tuple[int, int]] = []
        for index, token in enumerate(tokens):
            for word in normalize(token.text).split() or [""]:
                words.append(word)
                offsets.append((token.start, token.end))
            gap_end = tokens[index + 1].start if index + 1 < len(tokens) else len(text)
            if PHRASE_END.search(text[token.start:gap_end]):
                words.append("")  # "big data. Engineers": no name across the full stop
                offsets.append((token.end, token.end))
        entity = self._config["entity"]
        exact = [
            (e.get(ENTITY_ATTRIBUTE_START), e.get(ENTITY_ATTRIBUTE_END))
            for e in message.get(ENTITIES, [])
            if e.get(ENTITY_ATTRIBUTE_TYPE) == entity and e.get("extractor") in _EXACT_EXTRACTORS
        ]
        others = [
            (e.get(ENTITY_ATTRIBUTE_START), e.get(ENTITY_ATTRIBUTE_END))
            for e in message.get(ENTITIES, [])
            if e.get(ENTITY_ATTRIBUTE_TYPE) in self._config["skip_inside"]
            and e.get("extractor") in _RULE_EXTRACTORS
        ]
        entities = []
        for mention in self._matcher.find(words):
            start = offsets[mention.start][0]
            end = offsets[mention.start + mention.size - 1][1]
            if any(s is not None and s <= start and end <= e for s, e in exact):
                continue  # the entity ruler found this name (or a longer one) already
            if any(s is not None and s <= start and end <= e for s, e in others):
                continue  # inside another entity: "machine learning" in a role's name
            entities.append(
                {
                    ENTITY_ATTRIBUTE_TYPE: entity,
                    ENTITY_ATTRIBUTE_START: start,
                    ENTITY_ATTRIBUTE_END: end,
                    ENTITY_ATTRIBUTE_VALUE: self._index[mention.name],
                    ENTITY_ATTRIBUTE_CONFIDENCE: min(mention.score, 100.0) / 100,
                }
            )
        return entities
