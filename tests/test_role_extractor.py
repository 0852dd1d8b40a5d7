"""The NLU component that finds role names, exact or misspelt, from the generated lookup table."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.exceptions import InvalidConfigException
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from careerdata.role_files import read_dataset
from nlu_components.role_extractor import RoleMentionExtractor, alias_index_from

PROJECT = Path(__file__).resolve().parent.parent
GENERATED = PROJECT / "data" / "nlu" / "roles_generated.yml"


@pytest.fixture()
def extractor(tmp_path) -> RoleMentionExtractor:
    """An extractor trained on the generated role data, persisted and loaded back."""
    storage = LocalModelStorage(tmp_path)
    resource = Resource("role_extractor")
    context = ExecutionContext(graph_schema=None, model_id="test")
    trained = RoleMentionExtractor.create({}, storage, resource, context)
    trained.train(load_data(str(GENERATED)))
    return RoleMentionExtractor.load({}, storage, resource, context)


def parse(extractor: RoleMentionExtractor, text: str, entities=None) -> list:
    message = Message.build(text=text)
    if entities:
        message.set("entities", entities)
    WhitespaceTokenizer(WhitespaceTokenizer.get_default_config()).process([message])
    extractor.process([message])
    return [(text[e["start"]:e["end"]], e["value"], e["extractor"])
            for e in message.get("entities", [])]


def test_alias_index_maps_every_alias_to_a_canonical_name():
    index = alias_index_from(load_data(str(GENERATED)), "role")
    assert index["data eng"] == "Data Engineer"
    assert index["data scientists"] == "Data Scientist"
    assert index["lead machine learning engineer"] == "Lead Machine Learning Engineer"
    assert set(index.values()) == set(read_dataset().role_names())


def test_misspelt_and_exact_names_become_role_entities_with_their_positions(extractor):
    assert parse(extractor, "what do sofware data engineers do?") == [
        ("sofware data engineers", "Software Data Engineer", "RoleMentionExtractor")]
    assert parse(extractor, "Machin Learning Enginer vs data scienist") == [
        ("Machin Learning Enginer", "Machine Learning Engineer", "RoleMentionExtractor"),
        ("data scienist", "Data Scientist", "RoleMentionExtractor")]
    assert parse(extractor, "what does a datascientist do") == [
        ("datascientist", "Data Scientist", "RoleMentionExtractor")]
    assert parse(extractor, "skills of a machine-learning enginer") == [
        ("machine-learning enginer", "Machine Learning Engineer", "RoleMentionExtractor")]
    assert parse(extractor, "what's the weather in Paris?") == []
    assert parse(extractor, "I studied big data. Engineers earn more?") == []
    assert parse(extractor, "we need machine learning engineers") == [
        ("machine learning engineers", "Machine Learning Engineer", "RoleMentionExtractor")]
    assert parse(extractor, "how much does a plumber earn") == []


def test_a_mention_another_extractor_found_is_not_repeated(extractor):
    found = {"entity": "role", "start": 8, "end": 22, "value": "Data Engineer",
             "extractor": "SpacyEntityExtractor"}
    assert parse(extractor, "what do data engineers do", [found]) == [
        ("data engineers", "Data Engineer", "SpacyEntityExtractor")]
    # a longer, misspelt name around it is still added; the actions prefer the longer span
    found_inside = {**found, "start": 16, "end": 30}
    assert parse(extractor, "what do sofware data engineers do", [found_inside])[1] == (
        "sofware data engineers", "Software Data Engineer", "RoleMentionExtractor")


def test_a_learned_entity_on_the_same_span_is_kept_for_the_actions_to_choose(extractor):
    learned = {"entity": "role", "start": 8, "end": 30, "value": "sofware data engineers",
               "extractor": "CRFEntityExtractor"}
    assert parse(extractor, "what do sofware data engineers do", [learned]) == [
        ("sofware data engineers", "sofware data engineers", "CRFEntityExtractor"),
        ("sofware data engineers", "Software Data Engineer", "RoleMentionExtractor")]


def test_training_without_the_lookup_table_fails_clearly(tmp_path):
    extractor = RoleMentionExtractor.create(
        {}, LocalModelStorage(tmp_path), Resource("x"), ExecutionContext(None, "test"))
    with pytest.raises(InvalidConfigException, match="no lookup table 'role'"):
        extractor.train(TrainingData())
