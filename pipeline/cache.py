"""Where the pipeline keeps what it derives once from installed packages and can rebuild at any
time (the ONNX export of the sentence encoder, the capitalisation table of the name rules):
``$PIPELINE_CACHE_DIR``, by default ``~/.cache/consultation-pipeline``.  Never personal data."""
from __future__ import annotations

import os
from pathlib import Path


def default_cache_dir() -> Path:
    return Path(os.environ.get("PIPELINE_CACHE_DIR", Path.home() / ".cache" / "consultation-pipeline"))
