"""The context name probe: real encoder, real trained weights (pipeline/resources/name_probe.npz)."""
from __future__ import annotations

import numpy as np
import pytest

from pipeline.anonymise import anonymise_texts
from pipeline.config import AnonymiseSettings
from pipeline.recognizers import context_names as cn

OFF = AnonymiseSettings(context_names=False)


def test_the_shipped_probe_loads_with_its_training_record():
    probe = cn.load_probe()
    assert probe is not None, "pipeline/resources/name_probe.npz is missing"
    assert probe.meta["feature_version"] == cn.FEATURE_VERSION
    assert 0.5 <= probe.threshold < 1.0
    assert probe.w1.shape == (384 + cn.N_FLAGS, 64) and probe.w2.shape == (64, 1)
    assert "DEV half" in probe.meta["trained_on"]


def test_candidates_are_the_words_no_list_decides():
    text = "However Zorbek told the SENCO in May that the EHCP and Mr Jones were late."
    words = {text[s:e] for s, e in cn.candidates(text)}
    assert "Zorbek" in words
    # English words, roles, SEND terms, titles, months, stop words are never judged
    assert not words & {"However", "SENCO", "EHCP", "May", "Mr", "the", "told", "late"}
    # spans already found are not judged again
    s = text.index("Zorbek")
    assert "Zorbek" not in {text[a:b] for a, b in cn.candidates(text, [(s, s + 6)])}
    # lower case: only words on a name list that are not English
    low = "then fatima said the bus was late"
    assert {low[a:b] for a, b in cn.candidates(low)} == {"fatima"}


def test_a_name_only_its_context_gives_away_is_redacted():
    text = "When Oluwadamilare came home he was exhausted."
    assert "Oluwadamilare" in anonymise_texts([text], OFF)[0][0]  # no rule finds it
    out, counts = anonymise_texts([text])[0]
    assert "Oluwadamilare" not in out and counts == {"PERSON": 1}


@pytest.mark.parametrize("text", [
    "We use Makaton and PECS at home.",
    "We shop at Tesco and Aldi.",
    "The Ofsted report on the Local Offer was poor.",
    "My son uses Widgit symbols and a Proloquo2Go device.",
])
def test_ordinary_capitalised_words_are_kept(text):
    assert anonymise_texts([text])[0][0] == text


def test_probabilities_separate_a_name_from_a_product():
    texts = ["When Oluwadamilare came home he was exhausted.",
             "We went to Legoland, and Great Ormond Street were brilliant."]
    cands = [cn.candidates(t) for t in texts]
    X, where = cn.features(texts, cands)
    p = dict(((texts[i][s:e]), pi) for (i, s, e), pi in zip(where, cn.load_probe().proba(X)))
    assert p["Oluwadamilare"] >= cn.load_probe().threshold > max(p["Legoland"], p["Ormond"], p["Street"])


def test_long_sentences_are_read_in_windows():
    filler = "and then we waited for the plan " * 40  # one sentence of about 1,300 characters
    text = f"{filler}until Oluwadamilare came home he was exhausted {filler}"
    cands = cn.candidates(text)
    assert len(cn._segments(text, cands)) == len(cands) >= 1
    X, where = cn.features([text], [cands])
    assert X.shape == (len(cands), 384 + cn.N_FLAGS) and np.isfinite(X).all()
    assert [text[s:e] for _, s, e in where] == [text[s:e] for s, e in cands]
