"""Map comments onto a framework's must/should/could priorities, and report the gaps.

The method (measured in ``benchmarks/bench_mapping.py``; plain cosine similarity of the
comment to the priority title is the baseline it beats):

1. Every priority becomes a set of *prototype texts*: its title; each *aim* of the title
   (titles join several aims with commas and "and": "Ensure enough school places and
   provide education for children out of settings" -> two aims, see ``split_aims``); its
   description, each sentence of it and each quoted term in it; each example phrase.
   Asides of a description ("NB: ...", "... distinguishes it from 'X'", "intended to go
   under 'Y' rather than here", "does not include ...") are left out, with the names
   they quote (``split_asides``): they speak of other topics, and as prototypes they
   drew those topics' comments to the wrong priority (nhs-fft-v6 development half
   macro-F1 0.290 -> 0.317; using them as negative prototypes instead did not help).
2. A comment's raw score for a priority blends its best cosine similarity over the
   priority's prototypes (max-sim) with its similarity to the priority's centroid (the
   mean of its prototypes): ``(1 - w) * maxsim + w * centroid`` (all-MiniLM-L6-v2
   embeddings, L2-normalised).
   A comment of several sentences is also scored sentence by sentence (``score_texts``):
   ``(1 - w) * comment + w * max(comment, best sentence)`` with ``sentence_weight`` 0.4,
   so one clear sentence is not lost in the average of a long comment (development half
   0.317 -> 0.325; the sentences are embedded, so only in rounds of up to
   ``sentence_max_points`` comments).
3. What the round gives (only with ``refine_min_points`` comments or more): first a
   per-priority calibration, each priority's column of scores standardised over the
   round's own comments (mean 0, sd 1, put back on the common scale) and blended in with
   ``standardise_weight`` (a priority whose wording sits close to every comment no longer
   wins comments just for that; see ``_standardise``); then a logistic regression is
   self-trained on the round's own embeddings, from the comments that match each
   priority most confidently (largest margin over the runner-up), and its centred class
   probabilities are added to the raw scores with ``self_train_weight``.  A text repeated
   word for word by many respondents counts once in both.  Round-level hub corrections,
   CSLS, kNN smoothing and a Rocchio step were measured too and are off by default (none
   beat the above on the development data; the switches stay for analysts).  Weights and
   margin were chosen on the development halves only (nhs-fft-v6 dev half, SEND
   development set, clinc150 validation split).
4. A calibrated score in 0..1: ``sigmoid((raw - center) / scale)``, a logistic map fitted
   on clinc150's validation queries (in-scope vs out-of-scope, classes balanced) with the
   clinc intents as a framework (0.5 = as likely in scope as not, on clinc); "none" when
   the best calibrated score is under the threshold: ``DEFAULT_THRESHOLD`` (0.3), chosen
   on the SEND development set (benchmarks/data/send_mapping_devset.jsonl) in the middle
   of a plateau where comment-level accuracy (a correct top priority or a correct
   "none") is flat from 0.2 to 0.4; consultation comments are longer and mix topics, so
   their best scores run lower than clinc's short queries and 0.5 said "none" too often
   (it also raises macro-F1 on the nhs-fft-v6 development half).
   ``MappingSettings.threshold`` overrides it.  Further
   priorities are kept when their raw score is within ``margin`` of the best one and
   their own calibrated score clears the threshold, up to ``top_k``.

Only text the framework file gives (titles, descriptions, examples) and the round's own
comments are used: no labelled data from the round, nothing from a hub.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

import numpy as np
import pandas as pd

from .config import Framework, MappingSettings
from .errors import InputFileError, PipelineError

for _var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
    os.environ.setdefault(_var, "1")

DEFAULT_MODEL = "all-MiniLM-L6-v2"

#: Calibrated "none" threshold used when ``MappingSettings.threshold`` is None (chosen on
#: the SEND development set, see the module docstring; 0.5 is clinc150's balanced point).
DEFAULT_THRESHOLD = 0.3


def none_threshold(settings: MappingSettings) -> float:
    """The calibrated score under which a comment maps to no priority (setting or default)."""
    return DEFAULT_THRESHOLD if settings.threshold is None else float(settings.threshold)


# --------------------------------------------------------------------------- parameters
@dataclass(frozen=True)
class MatchParams:
    """Tuning of the matcher.  Defaults were fixed on clinc150 (the "none" decision) and
    on a development half of nhs-fft-v6 (the rest); see benchmarks/bench_mapping.py."""

    use_aims: bool = True
    use_description: bool = True
    use_examples: bool = True
    centroid_weight: float = 0.6      # raw = (1-w) * max-sim + w * sim to the centroid
    hub_weight: float = 0.0           # subtract this share of a priority's mean excess
    refine_weight: float = 0.0        # Rocchio step towards confident round comments
    refine_min_points: int = 40       # refine / hub-correct only with this many comments
    refine_top_share: float = 0.25    # comments (per priority) used for its refinement
    calib_center: float = 0.4655      # logistic calibration: sigmoid((raw - c) / s)
    calib_scale: float = 0.0533
    margin: float = 0.1               # keep further priorities within this raw margin
    description_sentences: bool = True  # each sentence of a description is a prototype
    quoted_terms: bool = True         # quoted words in a description become prototypes
    self_train_weight: float = 0.4    # weight of a classifier self-trained on the round
    self_train_share: float = 0.3     # most confident share of each priority's comments
    self_train_max: int = 300         # at most this many per priority (keeps 100k rounds fast)
    knn_weight: float = 0.0           # smooth scores over each comment's nearest neighbours
    knn_k: int = 10
    csls_weight: float = 0.0          # subtract a priority's mean score over its top comments
    csls_k: int = 20
    standardise_weight: float = 0.3   # blend in each priority's scores standardised over the round
    dedupe_round: bool = True         # round statistics and self-training count a repeated text once
    drop_asides: bool = True          # description asides ("NB: ...") are no prototypes
    sentence_weight: float = 0.4      # blend in a multi-sentence comment's best sentence
    sentence_max_points: int = 20_000  # ... in rounds up to this many comments (sentences are embedded)

    def replace(self, **kw) -> "MatchParams":
        from dataclasses import replace

        return replace(self, **kw)


DEFAULT_PARAMS = MatchParams()

#: Plain title similarity: the baseline the method must beat (no round-level step: no
#: self-training, no standardisation; the same selection rule as the method).
BASELINE_PARAMS = MatchParams(
    use_aims=False, use_description=False, use_examples=False, centroid_weight=0.0,
    hub_weight=0.0, refine_weight=0.0, self_train_weight=0.0, standardise_weight=0.0,
    sentence_weight=0.0,
)


# --------------------------------------------------------------------------- embeddings
def _embed(texts: Sequence[str], model_name: str = DEFAULT_MODEL, cache_dir=None) -> np.ndarray:
    """L2-normalised embeddings (pipeline.embed: cached by text, ONNX backend)."""
    from .embed import embed_texts

    return np.asarray(embed_texts([str(t) for t in texts], model_name, cache_dir=cache_dir), dtype=np.float32)


# --------------------------------------------------------------------------- aims
_PAREN = re.compile(r"\s*\([^)]*\)")


@lru_cache(maxsize=1)
def _nlp():
    import spacy

    try:
        from .models import spacy_model_path

        return spacy.load(str(spacy_model_path()), disable=["ner", "lemmatizer"])
    except Exception:  # noqa: BLE001 - fall back to the plain rule below
        return None


def _verb_starts(text: str) -> set[int]:
    """Character offsets of the words that spaCy tags as a base-form verb (the imperative
    that opens an aim) when it reads the whole title; a small list of imperative verbs
    catches what the tagger misreads ("... and train case managers")."""
    starts: set[int] = set()
    nlp = _nlp()
    if nlp is not None:
        doc = nlp(text)
        starts |= {t.idx for t in doc if t.tag_ == "VB" or (t.pos_ == "VERB" and t.i == 0)}
    for m in re.finditer(r"\b(" + "|".join(_IMPERATIVES) + r")\b", text):
        starts.add(m.start())
    return starts


_IMPERATIVES = (
    "ensure", "provide", "improve", "train", "develop", "offer", "deliver", "support",
    "reduce", "increase", "meet", "listen", "focus", "enhance", "engage", "consult",
    "communicate", "simplify", "streamline", "advocate", "commit", "capture", "address",
    "understand", "empower", "measure", "use", "learn", "hold", "take", "know", "have",
    "be", "make", "create", "build", "review", "promote", "work", "involve", "give",
)


def split_aims(title: str) -> list[str]:
    """The aims a priority title joins: "Ensure enough school places and provide education
    for children out of settings." -> ["Ensure enough school places", "provide education for
    children out of settings"].  Splits at top-level commas and at "and" when a verb
    follows (so "statutory duties and deadlines" stays whole); a bare noun phrase after a
    comma ("teamwork") takes the verb of the aim before it, when that aim opens with a
    verb.  A title with one aim gives [title]."""
    text = " ".join(title.split()).rstrip(".").strip()
    if not text:
        return [title]
    verbs = _verb_starts(text)
    cuts: list[tuple[int, int]] = []  # (end of previous aim, start of next)
    depth = 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in ",;":
            nxt = i + 1
            m = re.match(r"\s*(and\s+|or\s+)?", text[nxt:])
            cuts.append((i, nxt + (m.end() if m else 0)))
        elif depth == 0 and text.startswith(" and ", i) and (i + 5) in verbs:
            cuts.append((i, i + 5))
    pieces: list[tuple[int, str]] = []
    pos = 0
    for end, nxt in cuts:
        pieces.append((pos, text[pos:end].strip()))
        pos = nxt
    pieces.append((pos, text[pos:].strip()))
    out: list[str] = []
    lead_verb = ""
    for start, piece in pieces:
        if not piece:
            continue
        lead = start + (len(text[start:]) - len(text[start:].lstrip()))
        if lead in verbs or not out:
            lead_verb = piece.split()[0] if lead in verbs else ""
            out.append(piece)
        else:
            out.append(f"{lead_verb} {piece}" if lead_verb else piece)
    out = [_PAREN.sub("", a).strip() or a for a in out]
    seen: set[str] = set()
    uniq = [a for a in out if not (a.lower() in seen or seen.add(a.lower()))]
    return uniq if len(uniq) > 1 else [text]


_QUOTED = re.compile(r"[\"'‘“]([^\"'’”]{3,80})[\"'’”]")


def _quoted(text: str) -> list[str]:
    """Quoted words and phrases of a description ("staff as 'friendly', 'helpful'")."""
    return [" ".join(m.split()) for m in _QUOTED.findall(text) if m.strip()]


def _sentences(text: str) -> list[str]:
    """Sentences of a description, split at . ! ? followed by a space; an abbreviation
    ("e.g. video, telephone, face-to-face etc.") cuts a list out as a short piece of its
    own, which measured better than whole sentences (a few key words make a specific
    prototype).  Pieces under three words are dropped."""
    bits = re.split(r"(?<=[.!?])\s+", text.strip())
    return [b.strip() for b in bits if len(b.split()) >= 3]


#: A description sentence that is an aside about *other* categories or about what the
#: priority does not cover ("NB: ...", "does not include ...", "see also ...", "intended to
#: go under ... rather than here", "distinguishes it from ..."): its words name other
#: topics, so as a prototype it would attract their comments.
_ASIDE = re.compile(
    r"^(?:N\.?\s?B\.?\b|Note\b|Please note\b|Except\b|Excluding\b|Excludes\b|Not\s+including\b)"
    r"|\b(?:do|does|should|will|must)\s+not\s+(?:include|cover|be\s+(?:used|coded|included))\b"
    r"|\bnot\s+(?:included|covered)\s+(?:here|in\s+this)\b"
    r"|\bsee\s+(?:also|instead)\b|\brather\s+than\s+here\b"
    r"|\b(?:intended|meant|belong|belongs|should)\s+to\s+go\s+(?:under|in|into|to)\b"
    r"|\bgo(?:es)?\s+under\b|\bdistinguish(?:es|ed)?\b|\bdistinction\b"
    r"|\bunlikely\s+to\s+(?:have|be|appear|see)\b",
    re.I,
)


def split_asides(description: str) -> tuple[list[str], list[str]]:
    """(the sentences that say what a priority covers, its asides): see ``_ASIDE``.  A
    description that is one aside is kept whole as what it covers."""
    sents = _sentences(description) or ([" ".join(str(description).split())] if str(description).strip() else [])
    keep: list[str] = []
    asides: list[str] = []
    for x in sents:
        if not _ASIDE.search(x):
            keep.append(x)
            continue
        # a piece may join a sentence and an aside ("... etc.) The main distinction ..."):
        # keep the part before the aside
        parts = [q for q in re.split(r"(?<=[.!?][)\]])\s+(?=[A-Z])", x) if q.strip()]
        for q in parts:
            if len(q.split()) >= 3:
                (asides if _ASIDE.search(q) else keep).append(q.strip())
    if not keep:
        return sents, []
    return keep, asides


# --------------------------------------------------------------------------- matcher
@dataclass
class PriorityIndex:
    """A framework's prototype texts, embedded once."""

    ids: list[str]
    tiers: list[str]
    titles: list[str]
    texts: list[str]
    owner: np.ndarray                 # prototype -> priority index
    kinds: list[str]                  # title | aim | description | example
    emb: np.ndarray                   # prototype embeddings (L2-normalised)
    centroids: np.ndarray             # one per priority (L2-normalised)
    params: MatchParams = field(default_factory=MatchParams)


def build_index(framework: Framework, params: MatchParams = DEFAULT_PARAMS,
                model_name: str = DEFAULT_MODEL) -> PriorityIndex:
    texts: list[str] = []
    owner: list[int] = []
    kinds: list[str] = []

    def add(i: int, t: str, kind: str) -> None:
        t = " ".join(str(t).split())
        if t:
            texts.append(t)
            owner.append(i)
            kinds.append(kind)

    for i, p in enumerate(framework.priorities):
        add(i, _PAREN.sub("", p.title).strip() if params.use_aims else p.title, "title")
        if params.use_aims:
            aims = split_aims(p.title)
            if len(aims) > 1:
                for a in aims:
                    add(i, a, "aim")
        if params.use_description and p.description:
            if params.drop_asides:
                sents = split_asides(p.description)[0]
                desc = " ".join(sents)
            else:
                sents, desc = _sentences(p.description), p.description
            add(i, desc, "description")
            if len(sents) > 1 and params.description_sentences:
                for s in sents:
                    add(i, s, "description")
            if params.quoted_terms:
                for q in _quoted(desc):
                    add(i, q, "description")
        if params.use_examples:
            for e in p.examples:
                add(i, e, "example")
    emb = _embed(texts, model_name)
    owner_a = np.asarray(owner, dtype=int)
    n_p = len(framework.priorities)
    cents = np.zeros((n_p, emb.shape[1]), dtype=np.float32)
    for i in range(n_p):
        c = emb[owner_a == i].mean(axis=0)
        cents[i] = c / (np.linalg.norm(c) or 1.0)
    return PriorityIndex(
        ids=[p.id for p in framework.priorities], tiers=[p.tier for p in framework.priorities],
        titles=[p.title for p in framework.priorities], texts=texts, owner=owner_a,
        kinds=kinds, emb=emb, centroids=cents, params=params,
    )


def _max_by_owner(sims: np.ndarray, owner: np.ndarray, n_p: int) -> np.ndarray:
    out = np.full((sims.shape[0], n_p), -1.0, dtype=np.float32)
    for i in range(n_p):
        cols = owner == i
        if cols.any():
            out[:, i] = sims[:, cols].max(axis=1)
    return out


def raw_scores(index: PriorityIndex, emb: np.ndarray, params: MatchParams | None = None
               ) -> np.ndarray:
    """(n_comments, n_priorities) raw scores of L2-normalised comment embeddings."""
    prm = params or index.params
    n_p = len(index.ids)
    if emb.shape[0] == 0:
        return np.zeros((0, n_p), dtype=np.float32)
    maxsim = _max_by_owner(emb @ index.emb.T, index.owner, n_p)
    cent = emb @ index.centroids.T
    w = prm.centroid_weight
    raw = (1 - w) * maxsim + w * cent
    n = emb.shape[0]
    if n >= prm.refine_min_points and prm.refine_weight > 0 and w > 0:
        # One Rocchio step: move each priority's centroid towards the round comments that
        # match it best (its top share among the comments whose best priority it is).
        best = raw.argmax(axis=1)
        new_c = index.centroids.copy()
        for i in range(n_p):
            members = np.flatnonzero(best == i)
            if len(members) < 3:
                continue
            k = max(3, int(np.ceil(len(members) * prm.refine_top_share)))
            top = members[np.argsort(-raw[members, i])[:k]]
            c = emb[top].mean(axis=0)
            mixed = (1 - prm.refine_weight) * index.centroids[i] + prm.refine_weight * c / (np.linalg.norm(c) or 1.0)
            new_c[i] = mixed / (np.linalg.norm(mixed) or 1.0)
        raw = (1 - w) * maxsim + w * (emb @ new_c.T)
    if n >= prm.refine_min_points and prm.hub_weight > 0:
        mu = raw.mean(axis=0)
        raw = raw - prm.hub_weight * (mu - mu.mean())[None, :]
    if n >= prm.refine_min_points and prm.csls_weight > 0:
        k = min(prm.csls_k, n)
        r = -np.sort(-raw, axis=0)[:k].mean(axis=0)
        raw = raw - prm.csls_weight * (r - r.mean())[None, :]
    if n >= prm.refine_min_points and prm.standardise_weight > 0:
        raw = _standardise(raw, prm.standardise_weight, emb if prm.dedupe_round else None)
    if n >= prm.refine_min_points and prm.knn_weight > 0:
        raw = (1 - prm.knn_weight) * raw + prm.knn_weight * _knn_mean(emb, raw, prm.knn_k)
    if n >= prm.refine_min_points and prm.self_train_weight > 0:
        raw = _self_train(raw, emb, prm)
    return raw.astype(np.float32)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def comment_sentences(texts: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """The sentences (of two words or more) of every comment that has more than one, and
    for each the position of its comment."""
    sents: list[str] = []
    owner: list[int] = []
    for i, t in enumerate(texts):
        parts = [p.strip() for p in _SENTENCE_END.split(str(t or "").strip()) if len(p.split()) >= 2]
        if len(parts) > 1:
            sents.extend(parts)
            owner.extend([i] * len(parts))
    return sents, np.asarray(owner, dtype=int)


def score_texts(index: PriorityIndex, texts: Sequence[str], emb: np.ndarray,
                params: MatchParams | None = None, *, model_name: str = DEFAULT_MODEL,
                cache_dir=None) -> np.ndarray:
    """Raw scores of comments (``emb``: their L2-normalised embeddings, one per text).

    A comment that raises several things in several sentences has its embedding pulled
    towards their average, so its best priority can score lower than its clearest
    sentence does: each sentence is scored too (in the same round, so the round-level
    steps see them), and a priority's score becomes ``(1 - w) * comment + w * max(comment,
    best sentence)`` with ``w = sentence_weight``; only in rounds of up to
    ``sentence_max_points`` comments, since the sentences must be embedded (larger rounds
    score the comments alone and stay fast)."""
    prm = params or index.params
    n = emb.shape[0]
    w = prm.sentence_weight
    if w > 0 and 0 < n <= prm.sentence_max_points:
        sents, owner = comment_sentences(texts)
        if sents:
            e_s = _embed(sents, model_name, cache_dir)
            both = raw_scores(index, np.vstack([emb, e_s]).astype(np.float32), prm)
            raw, r_s = both[:n].copy(), both[n:]
            best = np.full_like(raw, -np.inf)
            np.maximum.at(best, owner, r_s)
            has = np.zeros(n, dtype=bool)
            has[owner] = True
            raw[has] = (1 - w) * raw[has] + w * np.maximum(raw[has], best[has])
            return raw.astype(np.float32)
    return raw_scores(index, emb, prm)


def _standardise(raw: np.ndarray, weight: float, emb: np.ndarray | None = None) -> np.ndarray:
    """Per-priority calibration from the round: each priority's column of scores is
    standardised over the round's own comments (mean 0, sd 1), put back on the common
    scale (mean of the column means, mean of the column sds) and blended in with
    ``weight``.  A priority whose prototypes sit close to everything (a "hub": generic
    wording, long definitions) no longer wins comments just by scoring high on all of
    them, and one with a narrow spread of scores gets its best comments lifted."""
    if emb is not None:
        uniq = raw[_first_of_duplicates(emb)]
    else:
        uniq = raw
    mu = uniq.mean(axis=0)
    sd = uniq.std(axis=0)
    sd = np.where(sd > 1e-6, sd, 1e-6)
    z = (raw - mu[None, :]) / sd[None, :] * float(sd.mean()) + float(mu.mean())
    return (1 - weight) * raw + weight * z


def _first_of_duplicates(emb: np.ndarray) -> np.ndarray:
    """True for the first comment of each set of identical embeddings (identical texts):
    a text repeated by many respondents ("Nothing", "Did not answer") counts once in the
    round's statistics and in the self-training set, so it cannot fill a priority's
    training examples on its own."""
    _, first = np.unique(np.round(emb, 5), axis=0, return_index=True)
    mask = np.zeros(emb.shape[0], dtype=bool)
    mask[first] = True
    return mask


def _knn_mean(emb: np.ndarray, raw: np.ndarray, k: int, chunk: int = 2048) -> np.ndarray:
    """Mean raw scores of each comment's k nearest other comments (cosine), in chunks."""
    n = emb.shape[0]
    k = max(1, min(k, n - 1))
    out = np.empty_like(raw)
    for a in range(0, n, chunk):
        sims = emb[a:a + chunk] @ emb.T
        sims[np.arange(sims.shape[0]), np.arange(a, a + sims.shape[0])] = -np.inf
        nn = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        out[a:a + chunk] = raw[nn].mean(axis=1)
    return out


def _self_train(raw: np.ndarray, emb: np.ndarray, prm: MatchParams) -> np.ndarray:
    """Self-training on the round: a logistic regression fitted on the comments that
    match a priority most confidently (largest margin over the runner-up), whose
    probabilities (centred) are added to the raw scores."""
    from sklearn.linear_model import LogisticRegression

    n, n_p = raw.shape
    srt = np.sort(raw, axis=1)
    margin = srt[:, -1] - (srt[:, -2] if n_p > 1 else 0.0)
    best = raw.argmax(axis=1)
    first = _first_of_duplicates(emb) if prm.dedupe_round else np.ones(n, dtype=bool)
    xs, ys = [], []
    for i in range(n_p):
        members = np.flatnonzero((best == i) & first)
        if len(members) < 3:
            continue
        k = min(max(3, int(np.ceil(len(members) * prm.self_train_share))), max(3, prm.self_train_max))
        xs.extend(members[np.argsort(-margin[members])[:k]].tolist())
        ys.extend([i] * k)
    classes = sorted(set(ys))
    if len(classes) < 2:
        return raw
    clf = LogisticRegression(C=1.0, max_iter=300)
    clf.fit(emb[xs], ys)
    proba = np.zeros_like(raw)
    proba[:, classes] = clf.predict_proba(emb)
    return raw + prm.self_train_weight * (proba - 1.0 / len(classes))


def calibrate(raw: np.ndarray, params: MatchParams = DEFAULT_PARAMS) -> np.ndarray:
    """Calibrated 0..1 scores: a logistic map of raw scores (fitted on clinc150)."""
    z = (np.asarray(raw, dtype=np.float64) - params.calib_center) / params.calib_scale
    return 1.0 / (1.0 + np.exp(-z))


def select(raw: np.ndarray, params: MatchParams = DEFAULT_PARAMS, *, top_k: int = 3,
           threshold: float = DEFAULT_THRESHOLD) -> list[list[tuple[int, float]]]:
    """For each comment, [(priority index, calibrated score)] best first; [] for none."""
    cal = calibrate(raw, params)
    out: list[list[tuple[int, float]]] = []
    order = np.argsort(-raw, axis=1, kind="stable")
    for r in range(raw.shape[0]):
        picks: list[tuple[int, float]] = []
        best = order[r, 0] if raw.shape[1] else None
        if best is not None and cal[r, best] >= threshold:
            for j in order[r, :max(1, top_k)]:
                if cal[r, j] < threshold or raw[r, best] - raw[r, j] > params.margin:
                    break
                picks.append((int(j), float(cal[r, j])))
        out.append(picks)
    return out


# --------------------------------------------------------------------------- public API
_INDEX_CACHE: dict[tuple, PriorityIndex] = {}


def _index_for(framework: Framework, params: MatchParams, model_name: str) -> PriorityIndex:
    from .config import config_hash

    key = (config_hash(framework), params, model_name)
    if key not in _INDEX_CACHE:
        if len(_INDEX_CACHE) > 8:
            _INDEX_CACHE.clear()
        _INDEX_CACHE[key] = build_index(framework, params, model_name)
    return _INDEX_CACHE[key]


def _clean_texts(series: pd.Series) -> list[str]:
    return ["" if (v is None or (isinstance(v, float) and np.isnan(v))) else " ".join(str(v).split())
            for v in series.tolist()]


def map_priorities(points: pd.DataFrame, framework: Framework,
                   settings: MappingSettings | None = None, *,
                   embeddings: np.ndarray | None = None, text_column: str = "text",
                   model_name: str = DEFAULT_MODEL, params: MatchParams | None = None,
                   cache_dir=None) -> pd.DataFrame:
    """Every row of ``points`` back, in order, with ``priority_ids`` (";"-joined, best
    first, "" when nothing fits), ``priority_scores`` (";"-joined calibrated 0..1 scores,
    3 d.p., same order) and ``top_priority`` ("" when none).

    ``embeddings`` (one L2-normalised row per point, e.g. from the themes stage) saves
    embedding the texts again.  ``settings.top_k`` caps the priorities per point;
    ``settings.threshold`` (calibrated, 0..1) overrides the default "none" threshold
    ``DEFAULT_THRESHOLD``.
    """
    settings = settings or MappingSettings()
    prm = params or DEFAULT_PARAMS
    if text_column not in points.columns:
        raise PipelineError(f"mapping: text column {text_column!r} not found "
                            f"(columns: {', '.join(map(str, points.columns[:12]))})")
    if not framework.priorities:
        raise PipelineError("mapping: the framework has no priorities")
    out = points.copy()
    texts = _clean_texts(points[text_column])
    n = len(texts)
    if embeddings is not None:
        emb = np.asarray(embeddings, dtype=np.float32)
        if emb.ndim != 2 or emb.shape[0] != n:
            raise PipelineError(f"mapping: {emb.shape[0] if emb.ndim else 0} embeddings given for {n} rows")
    else:
        emb = None
    has_text = np.array([bool(t.strip()) for t in texts], dtype=bool)
    ids_col = [""] * n
    scores_col = [""] * n
    if has_text.any():
        index = _index_for(framework, prm, model_name)
        rows = np.flatnonzero(has_text)
        e = emb[rows] if emb is not None else _embed([texts[i] for i in rows], model_name, cache_dir)
        if e.shape[1] != index.emb.shape[1]:
            raise PipelineError(f"mapping: embeddings have {e.shape[1]} dimensions, the model "
                                f"{model_name!r} gives {index.emb.shape[1]}")
        raw = score_texts(index, [texts[i] for i in rows], e, prm, model_name=model_name,
                          cache_dir=cache_dir)
        picks = select(raw, prm, top_k=max(1, settings.top_k), threshold=none_threshold(settings))
        for r, pk in zip(rows, picks):
            ids_col[r] = ";".join(index.ids[j] for j, _ in pk)
            scores_col[r] = ";".join(f"{s:.3f}" for _, s in pk)
    out["priority_ids"] = ids_col
    out["priority_scores"] = scores_col
    out["top_priority"] = [s.split(";")[0] if s else "" for s in ids_col]
    return out


def map_table(df: pd.DataFrame, text_column: str, framework, settings: MappingSettings | None = None,
              **kw) -> pd.DataFrame:
    """The standalone tool: any table with a text column, every row back with the mapping
    columns added (``python -m pipeline map IN --text-column COL --framework F.yaml``).
    ``framework`` is a Framework or the path of a framework YAML file."""
    from .config import load_framework

    if not isinstance(framework, Framework):
        framework = load_framework(framework)
    if text_column not in df.columns:
        raise InputFileError(f"text column {text_column!r} not found in the input "
                             f"(columns: {', '.join(map(str, df.columns[:12]))})")
    return map_priorities(df, framework, settings, text_column=text_column, **kw)


def _explode(mapped: pd.DataFrame) -> pd.DataFrame:
    """One row per (point row, priority): row, priority_id, score, rank (0 = best)."""
    recs = []
    for pos, (ids, scores) in enumerate(zip(mapped["priority_ids"].fillna("").astype(str),
                                            mapped["priority_scores"].fillna("").astype(str))):
        if not ids:
            continue
        sc = scores.split(";") if scores else []
        for rank, pid in enumerate(ids.split(";")):
            try:
                s = float(sc[rank])
            except (IndexError, ValueError):
                s = float("nan")
            recs.append((pos, pid, s, rank))
    return pd.DataFrame(recs, columns=["row", "priority_id", "score", "rank"])


def _col(df: pd.DataFrame, name: str, fallback: str | None = None) -> pd.Series:
    if name in df.columns:
        return df[name].fillna("").astype(str)
    if fallback and fallback in df.columns:
        return df[fallback].fillna("").astype(str)
    return pd.Series([str(i) for i in range(len(df))], index=df.index)


def _respondents(df: pd.DataFrame) -> pd.Series:
    rid = _col(df, "respondent_id", "response_id")
    resp = _col(df, "response_id")
    return rid.where(rid != "", resp)


def _quote_columns(df: pd.DataFrame, text_column: str = "text") -> tuple[list, list, list]:
    return (_col(df, "response_id").tolist(), _col(df, "point_id").tolist(),
            _clean_texts(df[text_column]) if text_column in df.columns else [""] * len(df))


def _quotes(df: pd.DataFrame, order: Sequence[int], n: int, text_column: str = "text",
            cols: tuple[list, list, list] | None = None) -> str:
    """JSON list of up to n quotes {response_id, point_id, text}, one per response."""
    out, seen = [], set()
    resp, pid, texts = cols or _quote_columns(df, text_column)
    for i in order:
        if len(out) >= n:
            break
        if resp[i] in seen or not texts[i]:
            continue
        seen.add(resp[i])
        out.append({"response_id": resp[i], "point_id": pid[i], "text": texts[i]})
    return json.dumps(out, ensure_ascii=False)


def theme_priorities(mapped_points: pd.DataFrame, themes: pd.DataFrame) -> pd.DataFrame:
    """Which priorities a theme's comments support: one row per (theme, priority) with
    theme_id, priority_id, n_points (points of the theme listing the priority), share (of
    the theme's points) and mean_score (mean calibrated score of those points); themes in
    the order of the theme table, priorities by n_points (then mean_score) descending."""
    cols = ["theme_id", "priority_id", "n_points", "share", "mean_score"]
    if "theme_id" not in mapped_points.columns:
        raise PipelineError("mapping: points have no theme_id column (run themes first)")
    mp = mapped_points.reset_index(drop=True)
    ex = _explode(mp)
    if ex.empty:
        return pd.DataFrame(columns=cols)
    ex["theme_id"] = mp["theme_id"].to_numpy()[ex["row"].to_numpy()]
    sizes = mp["theme_id"].value_counts()
    g = ex.groupby(["theme_id", "priority_id"]).agg(n_points=("row", "nunique"),
                                                    mean_score=("score", "mean")).reset_index()
    g["share"] = [n / sizes.get(t, n) for t, n in zip(g["theme_id"], g["n_points"])]
    g["mean_score"] = g["mean_score"].round(3)
    g["share"] = g["share"].round(3)
    order = {t: i for i, t in enumerate(themes["theme_id"].tolist())} if "theme_id" in themes else {}
    g["_o"] = [order.get(t, len(order)) for t in g["theme_id"]]
    g = g.sort_values(["_o", "theme_id", "n_points", "mean_score"],
                      ascending=[True, True, False, False], kind="stable")
    return g[cols].reset_index(drop=True)


def _count_json(values: pd.Series, who: pd.Series, blank: str = "(unknown)") -> str:
    """JSON {value: distinct respondents}, largest first; "" values counted as ``blank``."""
    d = pd.DataFrame({"v": values.replace("", blank).to_numpy(), "w": who.to_numpy()})
    c = d.groupby("v")["w"].nunique().sort_values(ascending=False, kind="stable")
    return json.dumps({str(k): int(v) for k, v in c.items()}, ensure_ascii=False)


def evidence_strength(n_respondents: int, weak_below: int = 5) -> str:
    """none (0) / weak (< weak_below) / moderate (< 3 x weak_below) / strong."""
    if n_respondents <= 0:
        return "none"
    if n_respondents < weak_below:
        return "weak"
    if n_respondents < 3 * weak_below:
        return "moderate"
    return "strong"


def coverage(mapped_points: pd.DataFrame, framework: Framework,
             settings: MappingSettings | None = None, *, n_quotes: int = 3,
             text_column: str = "text") -> pd.DataFrame:
    """Evidence for every priority of the framework, in framework order.

    Columns: priority_id, tier, title, n_points (points listing the priority anywhere in
    priority_ids), n_primary (points where it is the top priority), n_responses,
    n_respondents (distinct respondent_id, else response_id), by_group / by_channel /
    by_event (JSON objects {value: distinct respondents}, largest first), strength
    (strong / moderate / weak / none by distinct respondents: see evidence_strength, with
    ``settings.weak_evidence_below``), theme_ids (";"-joined, top 3 by points) and themes
    (JSON [{theme_id, label, n_points}]), quotes (JSON [{response_id, point_id, text}]:
    the highest-scoring points, one per response), flag_low_evidence (fewer respondents
    than ``weak_evidence_below``).
    """
    settings = settings or MappingSettings()
    mp = mapped_points.reset_index(drop=True)
    ex = _explode(mp) if len(mp) and "priority_ids" in mp.columns else _explode(
        pd.DataFrame({"priority_ids": [], "priority_scores": []}))
    who = _respondents(mp) if len(mp) else pd.Series([], dtype=str)
    resp = _col(mp, "response_id") if len(mp) else pd.Series([], dtype=str)
    groups = mp["group"].fillna("").astype(str) if "group" in mp.columns else pd.Series([""] * len(mp))
    channels = mp["channel"].fillna("").astype(str) if "channel" in mp.columns else pd.Series([""] * len(mp))
    events = mp["event"].fillna("").astype(str) if "event" in mp.columns else pd.Series([""] * len(mp))
    has_theme = "theme_id" in mp.columns
    labels = {}
    if has_theme and "theme_label" in mp.columns:
        labels = dict(zip(mp["theme_id"], mp["theme_label"].fillna("").astype(str)))
    qcols = _quote_columns(mp, text_column)
    recs = []
    for p in framework.priorities:
        sub = ex[ex["priority_id"] == p.id] if not ex.empty else ex
        rows = sub["row"].to_numpy() if not sub.empty else np.array([], dtype=int)
        n_resp_ = int(who.iloc[rows].nunique()) if len(rows) else 0
        rec = {
            "priority_id": p.id, "tier": p.tier, "title": p.title,
            "n_points": int(len(set(rows.tolist()))),
            "n_primary": int((sub["rank"] == 0).sum()) if not sub.empty else 0,
            "n_responses": int(resp.iloc[rows].nunique()) if len(rows) else 0,
            "n_respondents": n_resp_,
            "by_group": _count_json(groups.iloc[rows].reset_index(drop=True), who.iloc[rows].reset_index(drop=True)) if len(rows) else "{}",
            "by_channel": _count_json(channels.iloc[rows].reset_index(drop=True), who.iloc[rows].reset_index(drop=True)) if len(rows) else "{}",
            "by_event": _count_json(events.iloc[rows].reset_index(drop=True),
                                    who.iloc[rows].reset_index(drop=True), blank="(no event)")
            if len(rows) else "{}",
            "strength": evidence_strength(n_resp_, settings.weak_evidence_below),
        }
        if has_theme and len(rows):
            tc = mp["theme_id"].iloc[rows].value_counts()
            tc = tc.sort_index(kind="stable").sort_values(ascending=False, kind="stable").head(3)
            rec["theme_ids"] = ";".join(str(t) for t in tc.index)
            rec["themes"] = json.dumps([{"theme_id": int(t) if str(t).lstrip("-").isdigit() else str(t),
                                         "label": labels.get(t, ""), "n_points": int(c)}
                                        for t, c in tc.items()], ensure_ascii=False)
        else:
            rec["theme_ids"] = ""
            rec["themes"] = "[]"
        order = sub.sort_values(["rank", "score"], ascending=[True, False], kind="stable")["row"].tolist() \
            if not sub.empty else []
        rec["quotes"] = _quotes(mp, order, n_quotes, text_column, qcols)
        rec["flag_low_evidence"] = bool(n_resp_ < settings.weak_evidence_below)
        recs.append(rec)
    return pd.DataFrame(recs)


def emerging_issues(mapped_points: pd.DataFrame, themes: pd.DataFrame, *,
                    min_share_unmapped: float = 0.5, score_threshold: float = DEFAULT_THRESHOLD,
                    n_quotes: int = 3, text_column: str = "text") -> pd.DataFrame:
    """Themes whose comments fit no priority: most of their points unmapped (share >=
    ``min_share_unmapped``) or the theme's mean best score under ``score_threshold``;
    ranked by distinct respondents, then points.  Columns: theme_id, label, n_points,
    n_respondents, share_unmapped, mean_top_score, quotes (JSON, unmapped points first),
    point_ids (";"-joined ids of the unmapped points)."""
    cols = ["theme_id", "label", "n_points", "n_respondents", "share_unmapped",
            "mean_top_score", "quotes", "point_ids"]
    if "theme_id" not in mapped_points.columns:
        raise PipelineError("mapping: points have no theme_id column (run themes first)")
    mp = mapped_points.reset_index(drop=True)
    who = _respondents(mp)
    unm = mp["priority_ids"].fillna("").astype(str) == ""
    top = [float(s.split(";")[0]) if s else 0.0 for s in mp["priority_scores"].fillna("").astype(str)]
    top = np.asarray(top)
    labels = {}
    if "theme_id" in themes.columns and "label" in themes.columns:
        labels = dict(zip(themes["theme_id"], themes["label"].fillna("").astype(str)))
    if "theme_label" in mp.columns:
        for t, lab in zip(mp["theme_id"], mp["theme_label"].fillna("").astype(str)):
            labels.setdefault(t, lab)
    pids = _col(mp, "point_id").tolist()
    qcols = _quote_columns(mp, text_column)
    recs = []
    for t, idx in mp.groupby("theme_id", sort=False).indices.items():
        idx = np.asarray(idx)
        share = float(unm.iloc[idx].mean())
        mean_top = float(top[idx].mean())
        if share < min_share_unmapped and mean_top >= score_threshold:
            continue
        u = idx[unm.iloc[idx].to_numpy()]
        u_set = set(u.tolist())
        order = list(u[np.argsort(top[u], kind="stable")]) + [i for i in idx if i not in u_set]
        recs.append({
            "theme_id": t, "label": labels.get(t, ""), "n_points": int(len(idx)),
            "n_respondents": int(who.iloc[idx].nunique()), "share_unmapped": round(share, 3),
            "mean_top_score": round(mean_top, 3),
            "quotes": _quotes(mp, order, n_quotes, text_column, qcols),
            "point_ids": ";".join(pids[i] for i in u),
        })
    if not recs:
        return pd.DataFrame(columns=cols)
    df = pd.DataFrame(recs)
    df = df.sort_values(["n_respondents", "n_points"], ascending=False, kind="stable")
    return df[cols].reset_index(drop=True)
