"""The intent classifier and the CRF entity extractor: Rasa's, stored and loaded for speed.

Both must give exactly Rasa's predictions after a save and a load (README, "Performance").
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.nlu.extractors.crf_entity_extractor import CRFEntityExtractor
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu_components.entity_extractor import StoredCRFEntityExtractor, model_file
from nlu_components.intent_classifier import FastLogisticRegressionClassifier, WEIGHTS_FILE


def _context(name: str) -> ExecutionContext:
    return ExecutionContext(GraphSchema({}), node_name=name)


def _message(text: str, intent: str, row: sp.spmatrix) -> Message:
    message = Message({TEXT: text, "intent": intent})
    message.add_features(Features(sp.coo_matrix(row), "sentence", TEXT, "test"))
    return message


def _intent_data(seed: int = 3):
    rng = np.random.default_rng(seed)
    intents = ["ask_skills", "ask_salary", "greet", "goodbye"]
    messages = []
    for i in range(80):
        row = sp.random(1, 300, density=0.05, format="csr", random_state=seed + i)
        row[0, intents.index(intents[i % 4]) * 7] = 3.0  # a feature that tells the intent
        messages.append(_message(f"m{i}", intents[i % 4], row))
    return TrainingData(messages), rng


def test_intent_classifier_predicts_as_rasas_after_a_save_and_a_load(tmp_path):
    storage = LocalModelStorage(tmp_path)
    data, _ = _intent_data()
    ours = FastLogisticRegressionClassifier.create(
        FastLogisticRegressionClassifier.get_default_config(), storage, Resource("ours"),
        _context("ours"))
    ours.train(data)
    rasas = LogisticRegressionClassifier.create(
        LogisticRegressionClassifier.get_default_config(), LocalModelStorage(tmp_path),
        Resource("rasa"), _context("rasa"))
    rasas.train(data)
    loaded = FastLogisticRegressionClassifier.load(
        FastLogisticRegressionClassifier.get_default_config(), storage, Resource("ours"),
        _context("ours"))
    with storage.read_from(Resource("ours")) as folder:
        assert (folder / WEIGHTS_FILE).is_file()
        assert not list(folder.glob("*.skops"))
    assert loaded.clf.coef_.flags["F_CONTIGUOUS"]  # coef_.T is read without a copy
    messages = data.training_examples[:20]
    assert sp.issparse(loaded._create_X(messages[:1]))
    assert (loaded._create_X(messages) != rasas._create_X(messages)).nnz == 0
    np.testing.assert_array_equal(loaded.clf.predict_proba(loaded._create_X(messages)),
                                  rasas.clf.predict_proba(rasas._create_X(messages)))
    for message in messages:
        ours_msg, rasa_msg = Message(dict(message.data), features=message.features), \
            Message(dict(message.data), features=message.features)
        loaded.process([ours_msg])
        rasas.process([rasa_msg])
        assert ours_msg.get("intent_ranking") == rasa_msg.get("intent_ranking")


def test_an_untrained_intent_classifier_loads_empty_as_rasas_does(tmp_path):
    loaded = FastLogisticRegressionClassifier.load(
        FastLogisticRegressionClassifier.get_default_config(), LocalModelStorage(tmp_path),
        Resource("none"), _context("none"))
    assert not hasattr(loaded.clf, "coef_")


def _to_tag(text: str) -> Message:
    """A message as the CRF sees it: tokens, and features from some featurizer."""
    message = Message({TEXT: text})
    WhitespaceTokenizer(WhitespaceTokenizer.get_default_config()).process([message])
    message.add_features(Features(sp.coo_matrix([[1.0]]), "sentence", TEXT, "test"))
    return message


def _entity_data() -> TrainingData:
    roles = ["data engineer", "nurse", "welder", "plumber", "data scientist", "electrician",
             "teacher", "chef"]
    templates = ["what does a {} do", "how much does a {} earn", "skills of a {} please",
                 "tell me about the {} job", "is a {} well paid"]
    messages = []
    for text, role in [(t.format(r), r) for t in templates for r in roles]:
        start = text.index(role)
        message = Message({TEXT: text, "intent": "ask", "entities": [
            {"start": start, "end": start + len(role), "value": role, "entity": "role"}]})
        # Rasa's CRF trains only on messages some featurizer has seen
        message.add_features(Features(sp.coo_matrix([[1.0]]), "sentence", TEXT, "test"))
        messages.append(message)
    data = TrainingData(messages)
    WhitespaceTokenizer(WhitespaceTokenizer.get_default_config()).process_training_data(data)
    return data


def test_crf_loads_the_models_it_trained_and_tags_as_rasas(tmp_path, monkeypatch):
    storage = LocalModelStorage(tmp_path)
    config = CRFEntityExtractor.get_default_config()
    trained = StoredCRFEntityExtractor.create(config, storage, Resource("crf"), _context("crf"))
    trained.train(_entity_data())
    with storage.read_from(Resource("crf")) as folder:
        assert model_file(folder, "entity").is_file()
    with monkeypatch.context() as patch:
        patch.setattr(CRFEntityExtractor, "train_model",
                      classmethod(lambda *args: pytest.fail("the CRF was trained again")))
        loaded = StoredCRFEntityExtractor.load(config, storage, Resource("crf"),
                                               _context("crf"))
    rasas = CRFEntityExtractor.load(config, storage, Resource("crf"), _context("crf"))
    seen = {}
    for text in ("what does a plumber do", "how much does a data engineer earn",
                 "hello there"):
        found = {}
        for label, extractor in (("loaded", loaded), ("trained", trained), ("rasa", rasas)):
            message = _to_tag(text)
            extractor.process([message])
            found[label] = message.get("entities")
        assert found["loaded"] == found["trained"] == found["rasa"]
        assert all(e["extractor"] == "CRFEntityExtractor" for e in found["loaded"])
        seen[text] = [e["value"] for e in found["loaded"]]
    assert seen == {"what does a plumber do": ["plumber"],
                    "how much does a data engineer earn": ["data engineer"], "hello there": []}


def test_a_crf_without_stored_models_is_loaded_rasas_way(tmp_path):
    """A model trained by Rasa's own class (no model files) still loads: trained again."""
    storage = LocalModelStorage(tmp_path)
    config = CRFEntityExtractor.get_default_config()
    CRFEntityExtractor.create(config, storage, Resource("crf"), _context("crf")).train(
        _entity_data())
    loaded = StoredCRFEntityExtractor.load(config, storage, Resource("crf"), _context("crf"))
    message = _to_tag("what does a data engineer do")
    loaded.process([message])
    assert [e["value"] for e in message.get("entities")] == ["data engineer"]


@pytest.mark.parametrize("component", [FastLogisticRegressionClassifier, StoredCRFEntityExtractor])
def test_the_components_are_registered_under_their_own_names(component):
    from rasa.engine.recipes.default_recipe import DefaultV1Recipe

    assert DefaultV1Recipe._from_registry(component.__name__).clazz is component
    assert DefaultV1Recipe._from_registry("CRFEntityExtractor").clazz is CRFEntityExtractor
