"""The context name model: the shipped weights (pipeline/resources/name_probe.npz) on real
sentences through the real engine (spaCy + Presidio)."""
from __future__ import annotations

import numpy as np
import pytest

from pipeline.anonymise import anonymise_texts, anonymiser_fingerprint, get_engine
from pipeline.config import AnonymiseSettings
from pipeline.recognizers import context_names as cn


def _settings(on: bool) -> AnonymiseSettings:
    s = AnonymiseSettings()
    if "context_names" in type(s).model_fields:
        return s.model_copy(update={"context_names": on})
    object.__setattr__(s, "context_names", on)  # until the field is in AnonymiseSettings
    return s


ON, OFF = _settings(True), _settings(False)


def _scores(text: str) -> dict[str, float]:
    doc = get_engine().nlp_engine.nlp["en"](text)
    cands = cn.candidates(text)
    p = cn.load_model().score(cn.candidate_features(text, cands, doc)) if cands else []
    return {text[s:e]: float(x) for (s, e), x in zip(cands, p)}


def test_the_shipped_model_is_small_and_records_its_training():
    model = cn.load_model()
    assert model is not None, "pipeline/resources/name_probe.npz is missing"
    assert cn.MODEL_FILE.stat().st_size < 1_000_000
    assert model.meta["feature_version"] == cn.FEATURE_VERSION
    assert model.weights.shape == (1 << model.bits,) and np.isfinite(model.weights).all()
    assert 0.5 <= model.threshold < 1.0
    assert "DEV half" in model.meta["trained_on"] and "polis" not in model.meta["trained_on"]
    # the threshold was fixed in cross-validation to flag few ordinary-text candidates
    assert model.meta["cv_flagged_ordinary_candidates"] <= model.meta["max_fp"]


def test_the_fingerprint_covers_the_model_file(tmp_path, monkeypatch):
    from pipeline import anonymise as A

    before = anonymiser_fingerprint()
    res = tmp_path / "pipeline" / "resources"
    res.mkdir(parents=True)
    # the same code read from a copy whose model file differs gives another fingerprint
    import shutil
    from pathlib import Path

    src = Path(A.__file__).resolve().parent
    shutil.copytree(src / "recognizers", tmp_path / "pipeline" / "recognizers")
    shutil.copy(src / "anonymise.py", tmp_path / "pipeline" / "anonymise.py")
    for f in (src / "resources").iterdir():
        if f.is_file():
            shutil.copy(f, res / f.name)
    monkeypatch.setattr(A, "__file__", str(tmp_path / "pipeline" / "anonymise.py"))
    assert anonymiser_fingerprint() == before
    (res / "name_probe.npz").write_bytes(b"another model")
    assert anonymiser_fingerprint() != before


def test_candidates_are_words_no_list_decides():
    text = "However Zorbek told the SENCO in May that the EHCP and Mr Jones were late."
    words = {text[s:e] for s, e in cn.candidates(text)}
    assert "Zorbek" in words
    assert not words & {"However", "SENCO", "EHCP", "May", "Mr", "the", "told", "late"}
    s = text.index("Zorbek")  # a span another recognizer found is not judged again
    assert "Zorbek" not in {text[a:b] for a, b in cn.candidates(text, [(s, s + 6)])}
    # a given name that is also an English word, mid-sentence: judged; at a sentence start: not
    assert {"Rose"} <= {w for a, b in cn.candidates("then I told Rose about it") for w in ["then I told Rose about it"[a:b]]}
    assert cn.candidates("Will it help?") == []
    # lower case: only words on a name list that are not English words
    low = "then kowalczyk said the bus was late"
    assert {low[a:b] for a, b in cn.candidates(low)} == {"kowalczyk"}


@pytest.mark.parametrize("text, name", [
    ("Nobody told Winter that the placement had gone.", "Winter"),
])
def test_a_name_with_no_rule_cue_is_caught_by_its_context(text, name):
    assert name in anonymise_texts([text], OFF)[0][0]  # no rule decides it
    out, counts = anonymise_texts([text], ON)[0]
    assert name not in out and counts == {"PERSON": 1}


@pytest.mark.parametrize("text", [
    "We do Yoga on Fridays and have Tea with the Council.",
    "I think Tea and Yoga would help.",
    "The Council said no.",
])
def test_the_model_scores_ordinary_capitalised_words_low(text):
    thr = cn.load_model().threshold
    assert all(p < thr for p in _scores(text).values())
    doc = get_engine().nlp_engine.nlp["en"](text)
    assert cn.context_name_spans(text, (), doc) == []


@pytest.mark.parametrize("text", [
    "Yoga helps him relax after school.",
    "Will it help?",
    "The Council cut the Yoga sessions.",
    "He loves Lego and Minecraft.",
    "My son goes to Beavers and Cubs on a Tuesday.",
    "We use Makaton and PECS at home.",
    "We shop at Tesco and Aldi.",
    "The Ofsted report on the Local Offer was poor.",
])
def test_ordinary_capitalised_words_are_kept(text):
    assert anonymise_texts([text], ON)[0][0] == text


def test_switched_off_by_the_setting(monkeypatch):
    text = "Nobody told Winter that the placement had gone."
    assert "Winter" not in anonymise_texts([text], ON)[0][0]
    assert anonymise_texts([text], OFF)[0][0] == text
    # and without a model file the engine runs as before
    monkeypatch.setattr(cn, "load_model", lambda: None)
    assert anonymise_texts([text], ON)[0][0] == text


def test_context_reads_what_other_recognizers_found():
    text = "Mrs Okafor and Zubeida came to the review."
    s = text.index("Mrs")
    before, after = cn._context(text, text.index("Zubeida"), text.index("Zubeida") + 7,
                                [(s, s + 10, "STAFF")])
    assert before[:2] == ["and", "<PER>"] and after[0] == "came"


def test_a_model_for_other_features_is_refused(tmp_path):
    import json

    bad = tmp_path / "m.npz"
    np.savez_compressed(bad, weights=np.zeros(16, np.float32), threshold=np.float32(0.5),
                        meta=json.dumps({"feature_version": -1, "bits": 4, "intercept": 0.0}))
    with pytest.raises(ValueError, match="retrain"):
        cn.ContextNameModel(bad)
