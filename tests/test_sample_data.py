"""The bundled sample rounds are what their generator scripts build (content and files agree)."""
from __future__ import annotations

import importlib.util
import json

import pytest

from tests.conftest import ROOT


def _load(script: str):
    path = ROOT / "scripts" / script
    if not path.is_file():
        pytest.skip(f"scripts/{script} is not there")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_sample_round_files_match_their_generator():
    mod = _load("make_sample_round.py")
    assert mod.main(["--check"]) == 0


def test_seeded_identifiers_are_valid_so_the_anonymiser_is_really_tested():
    mod = _load("make_sample_round.py")
    values = json.loads((ROOT / "tests" / "fixtures" / "sample_seeded_pii.json").read_text())
    nhs = [v["value"] for v in values if v["type"] == "NHS_NUMBER"]
    upn = [v["value"] for v in values if v["type"] == "UPN"]
    assert nhs and all(mod.nhs_number_valid(v) for v in nhs)
    assert upn and all(mod.upn_valid(v) for v in upn)


def test_january_round_files_match_their_generator():
    assert _load("make_sample_round_jan2025.py").main(["--check"]) == 0
