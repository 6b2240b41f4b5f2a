"""Does an unknown capitalised word look like a person's name?  A character n-gram classifier.

The name rules (``names.py``) find names from lists and context.  A single capitalised word
that is on no list and has no cue ("Why is Glyceria so impulsive?") is left to this model:
a logistic regression over the word's character 1-5-grams (hashed with CRC-32, binary,
L2-normalised), trained on

* positives: the given names and surnames of our lists, the US Census lists and Faker's ~85
  locales (``lexicon.gazetteer_first_names`` / ``gazetteer_surnames``),
* negatives: English words (WordNet verbs, adjectives, adverbs and nouns via spaCy's tables,
  irregular plurals), the SEND vocabulary (``send_terms.txt``), and place names: our list of
  UK councils and counties (``uk_places.txt``), Faker's address providers (cities, counties,
  regions, countries of ~85 locales) and the area descriptions of ``phonenumbers``,

words on both sides left out.  The trained weights (and the published place words) are shipped as a small file
(``pipeline/resources/namelike.npz``, built deterministically in ~10 s by
``python -m pipeline.recognizers.namelike``); inference is pure Python (no scikit-learn at
run time).  If the file is missing the model is trained in memory once per process.

The rule that uses it (``names._unknown_word_spans``) is OFF by default: measured in one run
(benchmarks/bench_anonymise.py) it added 1 name of 388 on presidio-synthetic's DEV half, none
of 469 on the held-out TEST half, and cost 1 polis word in 22,934 (see ``names.py``).
"""
from __future__ import annotations

import zlib
from functools import lru_cache
from pathlib import Path

import numpy as np

from .lexicon import (
    RESOURCES,
    _LATIN_NAME_WORD,
    _strings,
    common_nouns,
    dictionary_nouns,
    english_words,
    fold_accents,
    gazetteer_first_names,
    gazetteer_surnames,
    irregular_plurals,
    send_term_words,
    send_terms,
)

MODEL_FILE = RESOURCES / "namelike.npz"
N_BUCKETS = 1 << 17
NGRAMS = (1, 2, 3, 4, 5)
SEED = 0

# Faker address attributes that hold place names (not streets, which are often people's names)
_PLACE_ATTRS = frozenset("cities city_names real_city_names counties countries states regions towns "
                         "villages settlements districts provinces boroughs localities places "
                         "area_names prefectures region_names".split())


def _features(word: str) -> list[int]:
    """Sorted distinct hashed character n-grams of ``word`` (lower case, accents folded)."""
    w = "<" + fold_accents(word.lower()) + ">"
    out = set()
    for n in NGRAMS:
        for i in range(len(w) - n + 1):
            out.add(zlib.crc32(w[i:i + n].encode("utf-8")) % N_BUCKETS)
    return sorted(out)


def _place_name_words(names) -> set[str]:
    out: set[str] = set()
    for s in names:
        for w in s.replace("-", " ").replace(",", " ").split():
            if _LATIN_NAME_WORD.fullmatch(w) and len(w) >= 3:
                out.add(w.lower())
                out.add(fold_accents(w.lower()))
    return out


def uk_place_words() -> set[str]:
    """Words of our own list of UK councils, counties and regions (``uk_places.txt``)."""
    from .lexicon import _read_words

    return _place_name_words(" ".join(_read_words("uk_places.txt")).split())


def _published_place_words() -> set[str]:
    """Place names of Faker's address providers (~85 locales) and of the phone-number area
    descriptions of ``phonenumbers`` (English; e.g. "Wigan", "Sheffield", "New Jersey")."""
    from .lexicon import faker_providers

    names: list[str] = []
    for provider in faker_providers("address"):
        for attr, value in vars(provider).items():
            if attr in _PLACE_ATTRS:
                names.extend(_strings(value))
    try:
        from phonenumbers.geodata import GEOCODE_DATA

        names.extend({d["en"] for d in GEOCODE_DATA.values() if "en" in d})
    except ImportError:  # pragma: no cover
        pass
    return _place_name_words(names)


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Lower-case words of place names: ours (UK councils) and the published ones, the latter
    read from the model file when it holds them (no Faker/phonenumbers import at run time)."""
    words = uk_place_words()
    if MODEL_FILE.is_file():
        with np.load(MODEL_FILE) as z:
            if "places" in z.files:
                return frozenset(words | {str(w) for w in z["places"]})
    return frozenset(words | _published_place_words())


def training_words() -> tuple[list[str], list[str]]:
    """(positives, negatives), sorted, words on both sides left out."""
    pos = set(gazetteer_first_names()) | set(gazetteer_surnames())
    neg = (set(english_words()) | set(dictionary_nouns()) | set(common_nouns()) | set(irregular_plurals())
           | set(send_term_words()) | {t for t in send_terms() if " " not in t} | _published_place_words()
           | uk_place_words())
    both = pos & neg
    keep = lambda w: len(w) >= 2 and w.replace("-", "").replace("'", "").isalpha()  # noqa: E731
    return sorted(w for w in pos - both if keep(w)), sorted(w for w in neg - both if keep(w))


def train() -> tuple[np.ndarray, float]:
    """(weights over N_BUCKETS, bias) of a logistic regression; deterministic (fixed seed)."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import SGDClassifier

    pos, neg = training_words()
    words = pos + neg
    y = np.array([1] * len(pos) + [0] * len(neg), dtype=np.int8)
    indptr, indices = [0], []
    for w in words:
        f = _features(w)
        indices.extend(f)
        indptr.append(len(indices))
    data = np.empty(len(indices), dtype=np.float64)
    for i in range(len(words)):
        a, b = indptr[i], indptr[i + 1]
        data[a:b] = 1.0 / np.sqrt(b - a)
    x = csr_matrix((data, np.array(indices, dtype=np.int32), np.array(indptr, dtype=np.int64)),
                   shape=(len(words), N_BUCKETS))
    clf = SGDClassifier(loss="log_loss", alpha=1e-6, max_iter=40, tol=None, random_state=SEED,
                        class_weight="balanced", shuffle=True)
    clf.fit(x, y)
    return clf.coef_[0].astype(np.float32), float(clf.intercept_[0])


def build(path: Path = MODEL_FILE) -> Path:
    """Train and write the model file (float16 weights)."""
    w, b = train()
    places = np.array(sorted(_published_place_words()))
    np.savez_compressed(path, weights=w.astype(np.float16), bias=np.array([b], dtype=np.float32),
                        buckets=np.array([N_BUCKETS]), ngrams=np.array(NGRAMS), places=places)
    return path


@lru_cache(maxsize=1)
def _model() -> tuple[list[float], float]:
    if MODEL_FILE.is_file():
        with np.load(MODEL_FILE) as z:
            if int(z["buckets"][0]) == N_BUCKETS and tuple(int(n) for n in z["ngrams"]) == NGRAMS:
                return z["weights"].astype(np.float32).tolist(), float(z["bias"][0])
    w, b = train()  # no shipped model (or another layout): train once in memory
    return w.tolist(), b


@lru_cache(maxsize=65536)
def name_probability(word: str) -> float:
    """Probability (0-1) that ``word``, taken alone, is a person's name rather than a word or place."""
    import math

    f = _features(word)
    if not f:
        return 0.0
    w, b = _model()
    z = b + sum(w[i] for i in f) / math.sqrt(len(f))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


if __name__ == "__main__":  # python -m pipeline.recognizers.namelike
    import time

    t0 = time.perf_counter()
    p = build()
    print(f"wrote {p} ({p.stat().st_size} bytes) in {time.perf_counter() - t0:.1f} s")
