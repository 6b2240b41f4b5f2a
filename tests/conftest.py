"""Shared test fixtures: paths, and one pipeline run of the sample round per session."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATASETS = SHARED / "datasets"
SAMPLE_ROUND = ROOT / "data" / "raw" / "sample"
FRAMEWORK = ROOT / "data" / "frameworks" / "send-strategy-2025-28.yaml"


def need_dataset(name: str) -> Path:
    """The path of a shared dataset, or skip the test with a clear reason."""
    path = DATASETS / name
    if not path.exists():
        pytest.skip(f"../shared/datasets/{name} is not present on this machine")
    return path
