"""Which installed spaCy English model to use (never downloads one): see pipeline.models."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .. import models


@lru_cache(maxsize=1)
def spacy_model_path() -> Path:
    """The data folder of the installed model (contains config.cfg, ner/, lemmatizer/)."""
    return models.spacy_model_path()


def spacy_model_name() -> str:
    """What to give spaCy or Presidio to load the model: its folder (a path never triggers
    Presidio's download of a model it does not find as a package)."""
    return str(spacy_model_path())
