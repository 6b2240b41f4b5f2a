"""Names no rule decides, judged from their context by a cheap learned model.

The rules in :mod:`.names` find a name from a list, a cue ("my son X", "Mrs X") or spaCy's
NER.  Some words stay undecided: a given name that is also an English word ("then Hunter
said"), a listed name spaCy read as a place or organisation, a lower-case listed name with
no cue in mixed text.  This module scores such *candidate* words with a logistic regression
over features that cost nothing to compute:

* the words around the candidate (lower-cased, at positions -3..-1 and +1..+3, and as a bag),
  punctuation included ("'s", ",");
* the candidate's shape (capitalised, lower case, sentence start, hyphen, suffix, length) and
  whether the whole text is typed without capitals;
* word-list flags (project given names, published given names and surnames, English word,
  noun, SEND term, UK town, ambiguous name);
* the label spaCy's NER gave the word (Presidio's NLP artifacts are already computed; "not
  run" for texts that did not need NER).

Features are hashed (CRC-32) into a fixed table of weights, so scoring a candidate is a few
dictionary-free lookups (microseconds).  The weights and the decision threshold live in
``resources/name_probe.npz`` (produced by ``benchmarks/train_name_probe.py`` with a fixed
seed; the threshold is fixed there from grouped cross-validation, as the score that flags at
most a set share of ordinary-text candidates).

Measured (``benchmarks/bench_anonymise.py``, 2026-11-28, switched on; the TEST half looked at
once): presidio-synthetic TEST-half names 97.0% (14 of 469 missed, the same as without it);
DEV half 99.5% (2 missed, 4 without; the DEV half is in its training data); polis words kept
98.83% against 98.87% without it; UK set and sample-round words kept unchanged; about 0.2 s on
the bench's 2,472 texts.  It helps on no held-out figure, so it is OFF by default; switch it
on with ``anonymise.context_names: true``.
"""
from __future__ import annotations

import json
import re
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

from .lexicon import (
    AMBIGUOUS_NAMES,
    LO,
    ROLES,
    TITLES,
    UP,
    common_nouns,
    day_names,
    dictionary_nouns,
    first_names,
    is_english,
    month_names,
    send_term_words,
    send_terms,
    uk_town_words,
)

MODEL_FILE = Path(__file__).resolve().parents[1] / "resources" / "name_probe.npz"
FEATURE_VERSION = 6
PERSON = "PERSON"
_WORD = re.compile(rf"[{UP}{LO}]+(?:['’\-][{UP}{LO}]+)*")
_TOKEN = re.compile(rf"[{UP}{LO}0-9]+(?:['’\-][{UP}{LO}0-9]+)*|[^\s\w]")
_WINDOW = 60  # characters read on each side of a candidate (enough for three words)


@lru_cache(maxsize=1)
def _skip_words() -> frozenset[str]:
    roles = {w for r in ROLES for w in r.split()}
    return frozenset(set(TITLES) | set(month_names()) | set(day_names()) | roles)


def _names():
    from . import names as N  # late: names imports the lexicon at module load

    return N


def _sentence_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t\"'“‘(":
        j -= 1
    return j < 0 or text[j] in ".!?\n:;"


def _listed(lw: str) -> tuple[bool, bool]:
    """(on a given-name list, on a surname list)."""
    N = _names()
    return (lw in first_names() or N._listed_first(lw)), (N._listed_surname(lw) or lw in N._SURNAME_WORDS)


def candidates(text: str, taken: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Word spans the model judges: not inside a span already found, not a stop word, title,
    role, month, day, SEND term or all-capitals word, and one of

    * a capitalised word that is no English word and no dictionary noun;
    * a capitalised word mid-sentence that is on a name list (also when it is an English
      word: "told Rose", "Hunter said" after a comma), unless it stands in a run of
      capitalised words or after a determiner or place preposition;
    * a lower-case word on a name list that is no English word and no dictionary noun;

    and never a word before a place or organisation word ("Road", "House", "Centre").
    """
    if not text:
        return []
    N = _names()
    out = []
    for m in _WORD.finditer(text):
        s, e = m.span()
        w = m.group()
        if w.endswith(("'s", "’s")):
            w = w[:-2]
            e -= 2
        lw = w.lower()
        if len(w) < 2 or w.isupper() or any(a < e and b > s for a, b in taken):
            continue
        if N._is_stop(lw) or lw in _skip_words() or lw in send_terms() or lw in send_term_words():
            continue
        english = is_english(lw) or lw in common_nouns()
        first, sur = _listed(lw)
        if w[0].isupper():
            if english or lw in dictionary_nouns():
                if not (first or sur) or _sentence_start(text, s):
                    continue
                # an ordinary word inside a proper noun or after a determiner or a place
                # preposition is not judged ("Sandy Lane", "in Sunny Hill", "the Rose")
                prev = N._prev_word(text, s)
                nxt = N._next_word(text, e)
                if prev[:1].isupper() or nxt[:1].isupper() or prev.lower() in N._DETERMINERS \
                        or prev.lower() in N._PLACE_PREPS:
                    continue
        else:
            if english or lw in dictionary_nouns() or not (first or sur):
                continue
        if N._next_word(text, e).lower().rstrip(".") in N._PLACE_HEADS:
            continue  # part of a place's or organisation's name: "Kowalczyk Road"
        out.append((s, e))
    return out


def _shape(w: str) -> str:
    out = []
    for c in w:
        k = "X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c
        if not out or out[-1] != k:
            out.append(k)
    return "".join(out)


_NAME_TYPES = ("PERSON", "CHILD", "STAFF")


def _context(text: str, s: int, e: int, found: Sequence[tuple[int, int, str]] = ()
             ) -> tuple[list[str], list[str]]:
    """Up to three tokens before and after the candidate (nearest first); a token inside a
    span another recognizer found is read as that span's type ("<PER>", "<SCHOOL>")."""
    def toks(a: int, b: int) -> list[str]:
        out = []
        for m in _TOKEN.finditer(text, a, b):
            ts, te = m.span()
            typ = next((t for fs, fe, t in found if fs < te and fe > ts), None)
            if typ is None:
                out.append(m.group())
            else:
                tag = "<PER>" if typ in _NAME_TYPES else f"<{typ}>"
                if not out or out[-1] != tag:
                    out.append(tag)
        return out

    near = [(fs, fe, t) for fs, fe, t in found if fe > s - _WINDOW and fs < e + _WINDOW] if found else ()
    found = near
    before = toks(max(0, s - _WINDOW), s)[-3:][::-1]
    after = toks(e, min(len(text), e + _WINDOW))[:3]
    return before, after


def feature_names(text: str, s: int, e: int, ner: str, lower_text: bool,
                  found: Sequence[tuple[int, int, str]] = ()) -> list[str]:
    """The (string) features of the candidate ``text[s:e]``; ``ner``: the spaCy label of the
    word ("O" for none, "-" when NER did not run); ``lower_text``: no capitals in the text;
    ``found``: (start, end, type) of what other recognizers found (read in the context)."""
    N = _names()
    w = text[s:e]
    lw = w.lower()
    cap = w[0].isupper()
    start = _sentence_start(text, s)
    first, sur = _listed(lw)
    english = is_english(lw)
    noun = lw in dictionary_nouns() or lw in common_nouns()
    gazf = N._gaz_first(lw)
    flags = [("cap" if cap else "low"), ("start" if start else "mid"),
             ("lowtext" if lower_text else "mixtext"),
             "first" if first else "", "sur" if sur else "", "projfirst" if lw in first_names() else "",
             "gazfirst" if gazf else "", "english" if english else "", "noun" if noun else "",
             "town" if lw in uk_town_words() else "", "ambig" if lw in AMBIGUOUS_NAMES else "",
             "unknown" if not (first or sur or english or noun) else "",
             "hyphen" if "-" in w else "", "apos" if ("'" in w or "’" in w) else ""]
    flags = [f for f in flags if f]
    feats = ["bias", f"ner={ner}", f"shape={_shape(w)[:6]}", f"len={min(len(w), 12)}",
             f"suf={lw[-3:]}"]
    feats += flags
    case = "C" if cap else "l"
    feats += [f"{case}&{f}" for f in flags[2:]]
    feats += [f"ner={ner}&{f}" for f in flags[3:] if f in ("first", "sur", "english", "noun", "unknown")]
    feats.append(f"{case}&ner={ner}")
    before, after = _context(text, s, e, [f for f in found if not (f[0] < e and f[1] > s)])
    for k, t in enumerate(before):
        lt = t.lower()
        feats.append(f"p{k + 1}={lt}")
        feats.append(f"bag={lt}")
        if k == 0:
            feats.append(f"{case}&p1={lt}")
            feats.append(f"p1cap={t[:1].isupper()}")
    for k, t in enumerate(after):
        lt = t.lower()
        feats.append(f"n{k + 1}={lt}")
        feats.append(f"bag={lt}")
        if k == 0:
            feats.append(f"{case}&n1={lt}")
            feats.append(f"n1cap={t[:1].isupper()}")
    for tag, toks in (("p1", before[:1]), ("n1", after[:1])):
        for t in toks:  # is the neighbour a name word too ("coral jansen", "Bud Okafor")?
            lt = t.lower()
            if not lt[:1].isalpha():
                continue
            nf, ns = _listed(lt)
            ne = is_english(lt) or lt in dictionary_nouns()
            for f, on in (("first", nf), ("sur", ns), ("english", ne), ("unknown", not (nf or ns or ne))):
                if on:
                    feats.append(f"{tag}:{f}")
                    feats.append(f"{case}&{tag}:{f}")
    if len(before) >= 2:
        feats.append(f"p2p1={before[1].lower()}_{before[0].lower()}")
    if len(after) >= 2:
        feats.append(f"n1n2={after[0].lower()}_{after[1].lower()}")
    if before and after:
        feats.append(f"p1n1={before[0].lower()}_{after[0].lower()}")
    if text[e:e + 2] in ("'s", "’s"):
        feats.append("poss")
    return feats


def hash_features(feats: Sequence[str], bits: int) -> list[int]:
    mask = (1 << bits) - 1
    return [zlib.crc32(f.encode("utf-8")) & mask for f in feats]


def ner_labels(doc) -> Optional[list[tuple[int, int, str]]]:
    """(start, end, label) of spaCy's entities in ``doc``; None when NER did not run."""
    if doc is None or not getattr(doc, "has_annotation", lambda _x: False)("ENT_IOB"):
        return None
    return [(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents]


def _label_at(ents: Optional[list], s: int, e: int) -> str:
    if ents is None:
        return "-"
    for a, b, lab in ents:
        if a < e and b > s:
            return lab
    return "O"


def candidate_features(text: str, cands: Sequence[tuple[int, int]], doc=None,
                       found: Sequence[tuple[int, int, str]] = ()) -> list[list[str]]:
    """Feature lists of the candidates ``cands`` of ``text`` (see :func:`feature_names`)."""
    ents = ner_labels(doc)
    lower_text = not any(c.isupper() for c in text)
    return [feature_names(text, s, e, _label_at(ents, s, e), lower_text, found) for s, e in cands]


class ContextNameModel:
    """The trained weights: score = sigmoid(sum of the hashed features' weights)."""

    def __init__(self, path: Path = MODEL_FILE):
        with np.load(path, allow_pickle=False) as z:
            self.weights = z["weights"].astype(np.float64)
            self.threshold = float(z["threshold"])
            self.meta = json.loads(str(z["meta"]))
        if self.meta.get("feature_version") != FEATURE_VERSION:
            raise ValueError(f"{path.name} was trained for features v{self.meta.get('feature_version')}, "
                             f"this code computes v{FEATURE_VERSION}: retrain it")
        self.bits = int(self.meta["bits"])
        self.intercept = float(self.meta["intercept"])

    def score(self, feats: list[list[str]]) -> np.ndarray:
        w = self.weights
        z = np.asarray([self.intercept + sum(w[i] for i in hash_features(f, self.bits)) for f in feats])
        return 1.0 / (1.0 + np.exp(-z))


@lru_cache(maxsize=1)
def load_model() -> Optional[ContextNameModel]:
    """The shipped model, or None when its file is absent."""
    return ContextNameModel() if MODEL_FILE.is_file() else None


def context_name_spans(text: str, found: Sequence[tuple[int, int, str]] = (), doc=None,
                       model: Optional[ContextNameModel] = None) -> list[tuple[int, int, str, float]]:
    """[(start, end, "PERSON", score)] for the candidate words of ``text`` the model judges
    to be names.  ``found``: (start, end, entity type) of what other recognizers found (not
    judged again; read as context); ``doc``: the spaCy Doc Presidio analysed (its NER labels
    are features)."""
    model = model or load_model()
    if model is None or not text:
        return []
    cands = candidates(text, [(a, b) for a, b, _ in found])
    if not cands:
        return []
    p = model.score(candidate_features(text, cands, doc, found))
    return [(s, e, PERSON, float(pi)) for (s, e), pi in zip(cands, p) if pi >= model.threshold]
