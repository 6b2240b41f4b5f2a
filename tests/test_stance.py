"""Stance: rule layer + the shipped classifier, on real text (real model)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pipeline.embed import embed_texts
from pipeline.stance import (CLASSES, RESOURCE, STANCES, classifier_probs, classify_stance, load_nhs_fft,
                             stance_details)

DATASETS = Path(__file__).resolve().parents[1].parent / "shared" / "datasets"

CASES = [
    ("The staff at the special school have been wonderful and so kind to my son.", "praise"),
    ("We waited eighteen months for an EHCP assessment and nobody answered my emails.", "concern"),
    ("There should be more SENCOs with proper training in mainstream schools.", "suggestion"),
    ("I would like the council to publish how long assessments take.", "suggestion"),
    ("Please give parents one named contact at the council.", "suggestion"),
    ("I shouldn't have to fight for every bit of support my daughter needs.", "concern"),
    ("The key worker could not have been more helpful.", "praise"),
    ("I couldn't get through to anyone on the phone for weeks.", "concern"),
    ("", "neutral"),
]


def test_clear_cases():
    texts = [t for t, _ in CASES]
    got = classify_stance(texts)
    assert got == [s for _, s in CASES]
    assert set(got) <= set(STANCES)


def test_details_explain_the_decision():
    d = stance_details(["There should be more short breaks.", "Brilliant respite service, thank you."])
    assert list(d.columns) == ["stance", "cue", "p_concern", "p_neutral", "p_praise"]
    assert d.loc[0, "cue"] == "suggestion"
    assert d.loc[1, "p_praise"] > 0.5
    assert np.allclose(d[["p_concern", "p_neutral", "p_praise"]].sum(axis=1), 1.0, atol=1e-3)


def test_uses_given_embeddings_and_checks_length():
    texts = [t for t, _ in CASES[:3]]
    e = embed_texts(texts)
    assert classify_stance(texts, e) == classify_stance(texts)
    from pipeline.errors import PipelineError

    with pytest.raises(PipelineError):
        classify_stance(texts, e[:2])


def test_word_list_fallback_without_weights(tmp_path):
    got = classify_stance(["Rude staff and a terrible long wait.", "Lovely friendly helpful staff."],
                          weights_path=tmp_path / "missing.npz")
    assert got == ["concern", "praise"]


def test_shipped_weights_are_small_and_complete():
    assert RESOURCE.is_file() and RESOURCE.stat().st_size < 1_000_000
    p = classifier_probs(np.eye(384, dtype=np.float32)[:3])
    assert p.shape == (3, len(CLASSES))


@pytest.mark.skipif(not (DATASETS / "nhs-fft-v6").is_dir(), reason="../shared/datasets/nhs-fft-v6 not available")
def test_agrees_with_labellers_on_held_out_nhs_fft():
    df = load_nhs_fft(DATASETS)
    h = df[df["heldout"] & df["Comment sentiment"].isin([1, 2, 4, 5])].iloc[:300]
    gold = np.where(h["Comment sentiment"] <= 2, "praise", "concern")
    p = classifier_probs(embed_texts(h["text"].tolist()))
    pred = np.where(p[:, 0] >= p[:, 2], "concern", "praise")
    acc = (pred == gold).mean()
    recall_concern = (pred[gold == "concern"] == "concern").mean()
    assert acc >= 0.8, acc
    assert recall_concern >= 0.7, recall_concern
