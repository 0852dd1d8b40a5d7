"""Rasa's CRF entity extractor, loading the models it trained instead of training them again.

Listed in ``config.yml`` as ``nlu_components.entity_extractor.StoredCRFEntityExtractor``. Rasa
3.6's ``CRFEntityExtractor`` keeps only its training set in the model and trains its CRFs again
each time a server loads the model: 2-3 s of every start, the largest part after the imports
(README, "Performance"). This subclass also stores each trained CRF in CRFsuite's own model file
(a binary format, not a pickle) and loads those, so a server starts with the models that were
trained and tested. Features, predictions and the extractor name in the entities
(``CRFEntityExtractor``, which the domain gate and ``rasa test`` read) are Rasa's. A model
without the files (trained by Rasa's class) is loaded Rasa's way.
"""

from __future__ import annotations

import shutil
from collections import OrderedDict
from pathlib import Path
from typing import Any, Dict, Text

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.crf_entity_extractor import CRFEntityExtractor
from rasa.shared.utils.io import read_json_file


def model_file(model_dir: Path, tag_name: str) -> Path:
    """Where the CRF of ``tag_name`` (``entity``, ``role``, ``group``) is stored."""
    return model_dir / f"crf_{tag_name}.crfsuite"


def tagger_from_bytes(data: bytes) -> Any:
    """An ``sklearn_crfsuite.CRF`` that tags with the CRFsuite model ``data`` (the bytes of a
    model file), held in a temporary file the CRF owns and deletes.

    Raises:
        OSError: the temporary file cannot be written.
    """
    import sklearn_crfsuite

    crf = sklearn_crfsuite.CRF()
    crf.modelfile.refresh()  # a new temporary file, as sklearn-crfsuite does when unpickling
    Path(crf.modelfile.name).write_bytes(data)
    return crf


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True
)
class StoredCRFEntityExtractor(CRFEntityExtractor):
    """Rasa's ``CRFEntityExtractor`` that stores its trained CRFs and loads them (see the
    module docstring)."""

    @property
    def name(self) -> Text:
        """The extractor name in the entities: Rasa's, ``CRFEntityExtractor``."""
        return CRFEntityExtractor.__name__

    def persist(self, dataset: Any) -> None:
        """Store the training set and the order of the CRFs as Rasa does, and each trained
        CRF's model file."""
        super().persist(dataset)
        with self._model_storage.write_to(self._resource) as model_dir:
            for tag_name, tagger in self.entity_taggers.items():
                shutil.copyfile(tagger.modelfile.name, model_file(model_dir, tag_name))

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "StoredCRFEntityExtractor":
        """Load the stored CRFs; without them (or without a trained model), Rasa's load."""
        try:
            with model_storage.read_from(resource) as model_dir:
                crf_order = read_json_file(model_dir / "crf_order.json")
                files = [model_file(model_dir, tag) for tag in crf_order]
                if crf_order and all(f.is_file() for f in files):
                    taggers = OrderedDict((tag, tagger_from_bytes(f.read_bytes()))
                                          for tag, f in zip(crf_order, files))
                    extractor = cls(config, model_storage, resource, taggers)
                    extractor.crf_order = crf_order
                    return extractor
        except (ValueError, FileNotFoundError):
            pass
        return super().load(config, model_storage, resource, execution_context, **kwargs)
