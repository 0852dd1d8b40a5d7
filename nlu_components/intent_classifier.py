"""Rasa's logistic-regression intent classifier, with its weights laid out for one message.

Listed in ``config.yml`` as ``nlu_components.intent_classifier.FastLogisticRegressionClassifier``:
the same training, model files and predictions as Rasa's ``LogisticRegressionClassifier``.

scikit-learn scores a message as ``X @ coef_.T``: ``X`` is the message's sparse features (one row)
and ``coef_`` the weights, ``(intents, features)``, stored row by row (C order). SciPy multiplies a
sparse matrix by a dense one through ``other.ravel()``, which copies ``coef_.T`` when it is not
C-contiguous: 33 intents × 42,000 features, 11 MB copied for every message, about 1 ms alone and
more under load (13 % of the Rasa server's time in ``make bench``, README "Performance").
Holding ``coef_`` column by column (Fortran order) makes ``coef_.T`` C-contiguous, so the product
reads the weights of the message's few features only. The numbers are the same, bit for bit.

Rasa also joins each message's sparse features with its dense ones (there are none in this
pipeline) through ``scipy.sparse.hstack``; without dense features the sparse row is used as it is.

The fitted weights are stored as NumPy arrays (``weights.npz``: ``coef``, ``intercept``,
``classes``, read without pickle) rather than through skops: importing ``skops.io`` inside the
Rasa server, with TensorFlow's thousands of modules loaded, took 4 s of every start.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

import numpy as np
from scipy.sparse import csr_matrix, vstack
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers import logistic_regression_classifier as rasa_logreg
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

logger = logging.getLogger(__name__)

#: The file of the fitted weights in the component's model folder.
WEIGHTS_FILE = "weights.npz"


def lay_out_for_rows(clf: Any) -> None:
    """Store a fitted scikit-learn linear model's ``coef_`` (intents × features) in Fortran order,
    so that ``coef_.T`` is C-contiguous; an unfitted model (no ``coef_``) is left alone."""
    coef = getattr(clf, "coef_", None)
    if isinstance(coef, np.ndarray) and not coef.flags["F_CONTIGUOUS"]:
        clf.coef_ = np.asfortranarray(coef)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True
)
class FastLogisticRegressionClassifier(rasa_logreg.LogisticRegressionClassifier):
    """Rasa's ``LogisticRegressionClassifier`` whose weights are laid out for scoring one
    message at a time (see the module docstring); config and model files are Rasa's."""

    def _create_X(self, messages: List[Message]) -> csr_matrix:
        """The messages' sentence features, one row each (Rasa's when a message has dense
        features or no sparse ones)."""
        rows = []
        for message in messages:
            sparse = message.get_sparse_features(attribute=TEXT)[1]
            if sparse is None or message.get_dense_features(attribute=TEXT)[1] is not None:
                return super()._create_X(messages)
            rows.append(csr_matrix(sparse.features))
        return rows[0] if len(rows) == 1 else vstack(rows, format="csr")

    def train(self, training_data: TrainingData) -> Resource:
        """Train as Rasa does (persisted in Rasa's format), then lay the weights out."""
        resource = super().train(training_data)
        lay_out_for_rows(self.clf)
        return resource

    def persist(self) -> None:
        """Store the fitted weights in :data:`WEIGHTS_FILE` (NumPy arrays, no pickle)."""
        with self._model_storage.write_to(self._resource) as model_dir:
            np.savez(model_dir / WEIGHTS_FILE, coef=self.clf.coef_,
                     intercept=self.clf.intercept_, classes=np.asarray(self.clf.classes_, str))

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "FastLogisticRegressionClassifier":
        """Load the fitted weights of :data:`WEIGHTS_FILE` into Rasa's scikit-learn model, laid
        out for scoring; an untrained component (no file), as Rasa's, has none."""
        component = cls(config, execution_context.node_name, model_storage, resource)
        try:
            with model_storage.read_from(resource) as model_dir:
                with np.load(model_dir / WEIGHTS_FILE, allow_pickle=False) as weights:
                    component.clf.coef_ = np.asfortranarray(weights["coef"])
                    component.clf.intercept_ = weights["intercept"]
                    component.clf.classes_ = weights["classes"]
                    component.clf.n_features_in_ = component.clf.coef_.shape[1]
        except (ValueError, FileNotFoundError):
            logger.debug("No trained %s in resource '%s'.", cls.__name__, resource.name)
        return component
