"""Stance of each comment: concern | praise | suggestion | neutral.

Two explainable layers, both offline:

1. A rule layer of cue phrases.  Suggestion cues ("should", "would like", "could",
   "need(s) to", "please", "wish", "suggest", "it would help", ...) mark a comment as a
   suggestion unless negated into a complaint ("should not have to", "could not get",
   "couldn't") or turned into praise ("could not have been more helpful").
2. A small logistic-regression classifier over the sentence embeddings (384 numbers in,
   concern / neutral / praise out), fitted on the labellers' sentiment in the NHS Friends
   and Family Test v6 data set (The-Strategy-Unit/pxtextmining, MIT; sentiment 1-2 ->
   praise, 3 -> neutral/mixed, 4-5 -> concern; 1 is "very positive").  It was fitted on a
   fixed 80 % of the comments (sha256 of the Comment ID, bucket != 0); the other 20 %
   are held out for ``benchmarks/bench_themes.py``.  The weights are shipped as
   ``pipeline/resources/stance_lr.npz`` (a few KB) together with the training metadata;
   ``python -m pipeline.stance train`` re-creates it from ../shared/datasets.

A suggestion cue wins unless the classifier is very sure of praise; otherwise the
classifier's most probable class is the stance.  When the weights file is missing a
plain word-list fallback is used (and logged).
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import PipelineError

log = logging.getLogger(__name__)

STANCES = ("concern", "praise", "suggestion", "neutral")
CLASSES = ("concern", "neutral", "praise")  # classifier output order
RESOURCE = Path(__file__).resolve().parent / "resources" / "stance_lr.npz"
PRAISE_SURE = 0.85  # classifier praise probability that overrides a suggestion cue

_SUGGEST = re.compile(
    r"\b(should|shouldn't|could|would\s+(?:like|love|prefer|welcome|be\s+(?:good|great|nice|helpful|useful|better))"
    r"|needs?\s+to|needs?\s+more|there\s+needs|please|wish|suggest\w*|recommend\w*|ought\s+to"
    r"|it\s+would\s+help|would\s+help|if\s+only|must\s+(?:be|have|make|ensure|provide|improve)"
    r"|why\s+not|more\s+\w+\s+(?:is|are)\s+needed|improve(?:ment)?s?\s+(?:to|in|would))\b",
    re.I,
)
# Cues that look like suggestions but are complaints about what happened.
_NEG_SUGGEST = re.compile(
    r"\b(?:should(?:\s+not|n't|\s+never)\s+have\s+(?:to|been|had)|should\s+have\s+been\s+(?:told|seen|given|offered|assessed|informed)"
    r"|could(?:\s+not|n't|\s+never|\s+hardly)\b(?!\s+have\s+been\s+(?:more|better|nicer|kinder|happier))"
    r"|cannot|can't|wish\s+i\s+had\s+(?:not|never)|i\s+need(?:ed)?\s+to\s+(?:chase|ring|call|phone|wait|fight|keep))",
    re.I,
)
# "could not have been more helpful" and friends: praise.
_PRAISE_IDIOM = re.compile(
    r"\b(?:could(?:\s+not|n't)|couldn't)\s+have\s+(?:been|asked\s+for)\s+(?:more|better|nicer|kinder|happier|a\s+better)"
    r"|\bcan(?:not|'t)\s+(?:fault|thank|praise)\b|\bcouldn't\s+(?:fault|ask\s+for\s+more)|\bnothing\s+(?:to\s+improve|could\s+be\s+better)",
    re.I,
)

# Fallback word lists (only when the classifier weights are missing).
_PRAISE_WORDS = re.compile(
    r"\b(great|excellent|brilliant|fantastic|amazing|helpful|kind|caring|friendly|wonderful|thank|thanks|"
    r"supportive|happy|pleased|good|lovely|outstanding|professional|efficient)\b", re.I)
_CONCERN_WORDS = re.compile(
    r"\b(not|no|never|poor|bad|terrible|awful|wait(?:ing|ed)?|delay\w*|rude|unhappy|worried|worry|concern\w*|"
    r"difficult|struggl\w*|fail\w*|lack\w*|ignored|problem\w*|frustrat\w*|long|late|cancel\w*|refus\w*)\b", re.I)

_MODEL: dict[str, object] = {}


def _load_weights(path: Path = RESOURCE):
    key = str(path)
    if key not in _MODEL:
        if not path.is_file():
            _MODEL[key] = None
            log.warning("stance weights %s missing; using the word-list fallback", path)
        else:
            with np.load(path, allow_pickle=False) as z:
                _MODEL[key] = (z["coef"].astype(np.float32), z["intercept"].astype(np.float32),
                               [str(c) for c in z["classes"]])
    return _MODEL[key]


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def classifier_probs(embeddings: np.ndarray, weights_path: Path = RESOURCE) -> np.ndarray | None:
    """Probabilities (n, 3) for concern, neutral, praise from the shipped classifier."""
    w = _load_weights(weights_path)
    if w is None:
        return None
    coef, intercept, classes = w
    p = _softmax(np.asarray(embeddings, dtype=np.float32) @ coef.T + intercept)
    order = [classes.index(c) for c in CLASSES]
    return p[:, order]


def _cues(text: str) -> str:
    """The rule layer's verdict for one text: 'praise', 'suggestion', 'complaint' or ''."""
    if _PRAISE_IDIOM.search(text):
        return "praise"
    sug = [m for m in _SUGGEST.finditer(text)]
    if not sug:
        return "complaint" if _NEG_SUGGEST.search(text) else ""
    # A suggestion cue counts unless every cue sits inside a negated/complaint phrase.
    neg_spans = [m.span() for m in _NEG_SUGGEST.finditer(text)]
    for m in sug:
        if not any(a <= m.start() < b for a, b in neg_spans):
            return "suggestion"
    return "complaint"


def stance_details(texts: list[str], embeddings: np.ndarray | None = None, *,
                   model_name: str = "all-MiniLM-L6-v2", weights_path: Path = RESOURCE) -> pd.DataFrame:
    """Stance with its reasons: columns stance, cue, p_concern, p_neutral, p_praise."""
    texts = ["" if t is None or (isinstance(t, float) and np.isnan(t)) else str(t) for t in texts]
    n = len(texts)
    if n == 0:
        return pd.DataFrame(columns=["stance", "cue", "p_concern", "p_neutral", "p_praise"])
    probs = None
    if _load_weights(weights_path) is not None:
        if embeddings is None:
            from .embed import embed_texts
            embeddings = embed_texts(texts, model_name)
        embeddings = np.asarray(embeddings)
        if embeddings.shape[0] != n:
            raise PipelineError(f"stance: {embeddings.shape[0]} embeddings given for {n} texts")
        probs = classifier_probs(embeddings, weights_path)
    if probs is None:  # word-list fallback
        probs = np.zeros((n, 3), dtype=np.float32)
        for i, t in enumerate(texts):
            c, p = len(_CONCERN_WORDS.findall(t)), len(_PRAISE_WORDS.findall(t))
            probs[i] = (c + 0.5, 1.0, p + 0.5)
        probs /= probs.sum(axis=1, keepdims=True)
    stances, cues = [], []
    for i, t in enumerate(texts):
        cue = _cues(t) if t.strip() else ""
        pc, pn, pp = (float(x) for x in probs[i])
        if not t.strip():
            s = "neutral"
        elif cue == "praise":
            s = "praise"
        elif cue == "suggestion" and pp < PRAISE_SURE:
            s = "suggestion"
        elif cue == "complaint" and pp < PRAISE_SURE:
            s = "concern"
        else:
            s = CLASSES[int(np.argmax(probs[i]))]
        stances.append(s)
        cues.append(cue)
    return pd.DataFrame({"stance": stances, "cue": cues, "p_concern": probs[:, 0].round(4),
                         "p_neutral": probs[:, 1].round(4), "p_praise": probs[:, 2].round(4)})


def classify_stance(texts: list[str], embeddings: np.ndarray | None = None, **kwargs) -> list[str]:
    """One stance per text, in order: concern | praise | suggestion | neutral."""
    return stance_details(texts, embeddings, **kwargs)["stance"].tolist()


# --------------------------------------------------------------------------- training
NHS_FFT_FILE = "nhs-fft-v6/v6framework_230831.csv"


def sentiment_to_class(sentiment: float) -> str | None:
    """Labeller sentiment (1 very positive .. 5 very negative) -> classifier class."""
    if sentiment is None or (isinstance(sentiment, float) and np.isnan(sentiment)):
        return None
    s = int(round(float(sentiment)))
    return "praise" if s <= 2 else "neutral" if s == 3 else "concern"


def heldout_bucket(comment_id: str) -> int:
    """0..4, from sha256 of the Comment ID; bucket 0 is held out from training."""
    return int(hashlib.sha256(str(comment_id).encode()).hexdigest(), 16) % 5


def load_nhs_fft(datasets_dir: Path) -> pd.DataFrame:
    """The nhs-fft-v6 comments with text, sentiment class and held-out flag."""
    path = Path(datasets_dir) / NHS_FFT_FILE
    if not path.is_file():
        raise PipelineError(f"{path}: nhs-fft-v6 data set not found")
    df = pd.read_csv(path)
    df = df[df["FFT answer"].fillna("").astype(str).str.strip() != ""].copy()
    df["text"] = df["FFT answer"].astype(str)
    df["stance_gold"] = df["Comment sentiment"].map(sentiment_to_class)
    df["heldout"] = df["Comment ID"].map(heldout_bucket) == 0
    return df


def train_stance_model(datasets_dir: Path, out_path: Path = RESOURCE, *, cache_dir: Path | None = None,
                       model_name: str = "all-MiniLM-L6-v2", C: float = 1.0) -> dict:
    """Fit the embedding classifier on the training 80 % of nhs-fft-v6 and save it."""
    from sklearn.linear_model import LogisticRegression

    from .embed import embed_texts

    df = load_nhs_fft(datasets_dir)
    tr = df[df["stance_gold"].notna() & ~df["heldout"]]
    x = embed_texts(tr["text"].tolist(), model_name, cache_dir=cache_dir)
    clf = LogisticRegression(C=C, max_iter=2000, class_weight="balanced")
    clf.fit(x, tr["stance_gold"].to_numpy())
    meta = {"data": "nhs-fft-v6 (The-Strategy-Unit/pxtextmining @ ba6c0a2f, MIT)", "n_train": int(len(tr)),
            "split": "sha256(Comment ID) % 5 != 0", "model": model_name, "C": C,
            "classes": list(clf.classes_), "mapping": "sentiment 1-2 praise, 3 neutral, 4-5 concern"}
    out_path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out_path, coef=clf.coef_.astype(np.float32), intercept=clf.intercept_.astype(np.float32),
                        classes=np.array(clf.classes_, dtype="U16"), meta=np.array(json.dumps(meta)))
    _MODEL.pop(str(out_path), None)
    return meta


if __name__ == "__main__":  # python -m pipeline.stance train [DATASETS_DIR]
    if len(sys.argv) >= 2 and sys.argv[1] == "train":
        root = Path(__file__).resolve().parents[2] / "shared" / "datasets"
        ds = Path(sys.argv[2]) if len(sys.argv) > 2 else root
        print(json.dumps(train_stance_model(ds, cache_dir=Path(__file__).resolve().parents[1] / ".cache"), indent=1))
    else:
        print("usage: python -m pipeline.stance train [DATASETS_DIR]")
