"""Names the rules cannot decide, judged from their context by a small learned probe.

The rules in :mod:`.names` find a name from a list, a cue ("my son X", "Mrs X") or spaCy's
NER.  A name that is on no list, has no cue and that spaCy does not tag ("Why is Glyceria so
impulsive?", "ask ley about it") is left.  This module reads such words in context: each
candidate word's contextual vector from the project's sentence encoder (all-MiniLM-L6-v2,
the same packaged weights the themes use, run by ONNX Runtime in its int8 copy; uncased, so
it also reads lower-case text; torch with the float weights where ONNX is unavailable), plus a
few word-list flags, goes through a one-hidden-layer network trained by
``benchmarks/train_name_probe.py`` on the DEV half of presidio-synthetic (its templates
re-filled with other names, a quarter lower-cased) against ordinary text (banking77).  The
weights (``resources/name_probe.npz``, about 100 KB) and the decision threshold are fixed at
training time; the threshold is the one that flags at most 0.15% of ordinary-text candidates
in cross-validation.

Only candidate words are judged (capitalised words that are not English words, and lower-case words that are on a name list but in no English
dictionary), and only the sentences that hold one are encoded.  Switch it off with
``anonymise.context_names: false``.
"""
from __future__ import annotations

import json
import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from .lexicon import (LO, ROLES, TITLES, UP, first_names, is_english, month_names, send_term_words,
                      send_terms, common_nouns, dictionary_nouns)

PROBE_FILE = Path(__file__).resolve().parents[1] / "resources" / "name_probe.npz"
FEATURE_VERSION = 2
PRECISION = "int8"  # the encoder copy the probe was trained on (about 2.3x less CPU)
PERSON = "PERSON"
_WORD = re.compile(rf"[{UP}{LO}]+(?:['’\-][{UP}{LO}]+)*")
_SEGMENT = re.compile(r"[^\n.!?]*(?:[.!?]+|\n|$)")
_MAX_SEGMENT = 600  # characters; the encoder reads 256 word pieces
_DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _skip_words() -> frozenset[str]:
    roles = {w for r in ROLES for w in r.split()}
    return frozenset(set(TITLES) | set(month_names()) | _DAYS | roles)


def _names():
    from . import names as N  # late: names imports the lexicon at module load

    return N


def candidates(text: str, taken: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Word spans the probe judges: not already found, not a stop word, role, title, month,
    SEND term or all-capitals; capitalised (but not a sentence-initial English word) or
    lower-case and on a name list without being English."""
    N = _names()
    out = []
    for m in _WORD.finditer(text):
        s, e = m.span()
        w = m.group()
        lw = w.lower()
        if len(w) < 2 or (w.isupper()) or any(a < e and b > s for a, b in taken):
            continue
        if N._is_stop(lw) or lw in _skip_words() or lw in send_terms() or lw in send_term_words():
            continue
        if is_english(lw) or lw in common_nouns():
            continue  # "Tea", "Will", "Rose": the rules' cues decide these
        if not w[0].isupper() and (lw in dictionary_nouns() or not (
                N._listed_first(lw) or N._listed_surname(lw) or lw in first_names())):
            continue
        out.append((s, e))
    return out


def word_flags(text: str, s: int, e: int) -> list[float]:
    N = _names()
    w = text[s:e]
    lw = w.lower()
    return [float(v) for v in (
        w[0].isupper(), N._sentence_start(text, s), text == text.lower(), N._listed_first(lw),
        N._listed_surname(lw), lw in first_names(), is_english(lw), lw in common_nouns(),
        lw in dictionary_nouns(), N._unknown_word(w), "-" in w or "'" in w or "’" in w)]


N_FLAGS = 11


def _segments(text: str, cands: list[tuple[int, int]]):
    """(offset, piece, [candidate spans]) for the sentences of ``text`` holding candidates."""
    out = []
    for m in _SEGMENT.finditer(text):
        s, e = m.span()
        if e <= s:
            continue
        mine = [(a, b) for a, b in cands if s <= a and b <= e]
        if not mine:
            continue
        # long sentences: fixed windows around the words (the encoder reads 256 pieces)
        if e - s > _MAX_SEGMENT:
            for a, b in mine:
                ws = max(s, a - _MAX_SEGMENT // 2)
                we = min(e, ws + _MAX_SEGMENT)
                out.append((ws, text[ws:we], [(a, b)]))
        else:
            out.append((s, text[s:e], mine))
    return out


class _Encoder:
    """Contextual word-piece vectors from the packaged sentence model (ONNX, else torch)."""

    def __init__(self):
        from ..embed import _offline_env, model_path
        from ..onnx_encoder import get_encoder

        _offline_env()
        path = model_path()
        self.onnx = get_encoder(path, PRECISION)
        if self.onnx is not None:
            self.tokenizer = self.onnx.tokenizer
        else:
            import torch  # noqa: F401
            from tokenizers import Tokenizer
            from transformers import AutoModel

            self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
            self.tokenizer.enable_truncation(256)
            self.tokenizer.enable_padding()
            self.model = AutoModel.from_pretrained(str(path), local_files_only=True).eval()

    def states(self, pieces: list[str], batch_size: int = 32):
        out = []
        for i in range(0, len(pieces), batch_size):
            encs = self.tokenizer.encode_batch(pieces[i:i + batch_size])
            ids = np.asarray([x.ids for x in encs], dtype=np.int64)
            mask = np.asarray([x.attention_mask for x in encs], dtype=np.int64)
            if self.onnx is not None:
                hidden = self.onnx.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                                      "token_type_ids": np.zeros_like(ids)})[0]
            else:
                import torch

                with torch.no_grad():
                    hidden = self.model(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask),
                                        token_type_ids=torch.zeros_like(torch.from_numpy(ids))
                                        ).last_hidden_state.numpy()
            out.extend((h, np.asarray(x.offsets)) for h, x in zip(hidden, encs))
        return out


_ENCODER: _Encoder | None = None


def _encoder() -> _Encoder:
    global _ENCODER
    with _LOCK:
        if _ENCODER is None:
            _ENCODER = _Encoder()
        return _ENCODER


def features(texts: Sequence[str], cands: Sequence[list[tuple[int, int]]]) -> tuple[np.ndarray, list]:
    """Feature rows (word vector, flags) for every candidate, and [(text index, start, end)]."""
    jobs = []
    for i, (t, cs) in enumerate(zip(texts, cands)):
        for off, piece, mine in _segments(t, cs) if cs else ():
            jobs.append((i, off, piece, mine))
    if not jobs:
        return np.zeros((0, 384 + N_FLAGS), np.float32), []
    states = _encoder().states([p for _, _, p, _ in jobs])
    rows, where = [], []
    for (i, off, piece, mine), (h, offs) in zip(jobs, states):
        valid = offs[:, 1] > offs[:, 0]
        for s, e in mine:
            a, b = s - off, e - off
            sel = valid & (offs[:, 0] < b) & (offs[:, 1] > a)
            vec = h[sel].mean(axis=0) if sel.any() else np.zeros(h.shape[1], np.float32)
            rows.append(np.concatenate([vec, np.asarray(word_flags(texts[i], s, e), np.float32)]))
            where.append((i, s, e))
    return np.vstack(rows).astype(np.float32), where


class NameProbe:
    """The trained probe: standardise, one ReLU layer, logistic output."""

    def __init__(self, path: Path = PROBE_FILE):
        with np.load(path, allow_pickle=False) as z:
            self.mean, self.scale = z["mean"], z["scale"]
            self.w1, self.b1, self.w2, self.b2 = z["w1"], z["b1"], z["w2"], z["b2"]
            self.threshold = float(z["threshold"])
            self.meta = json.loads(str(z["meta"]))
        if self.meta.get("feature_version") != FEATURE_VERSION:
            raise ValueError(f"{path.name} was trained for features v{self.meta.get('feature_version')}")

    def proba(self, X: np.ndarray) -> np.ndarray:
        z = np.maximum((X - self.mean) / self.scale @ self.w1 + self.b1, 0.0) @ self.w2 + self.b2
        return 1.0 / (1.0 + np.exp(-z.ravel()))


@lru_cache(maxsize=1)
def load_probe() -> NameProbe | None:
    return NameProbe() if PROBE_FILE.is_file() else None


def probe_spans(texts: Sequence[str], taken: Sequence[Sequence[tuple[int, int]]]):
    """Per text, [(start, end, "PERSON", probability)] for the candidates the probe judges
    to be names (``taken``: spans already found, which are not judged again)."""
    out: list[list] = [[] for _ in texts]
    probe = load_probe()
    if probe is None:
        return out
    cands = [candidates(t, tk) if t else [] for t, tk in zip(texts, taken)]
    if not any(cands):
        return out
    X, where = features(texts, cands)
    p = probe.proba(X)
    for (i, s, e), pi in zip(where, p):
        if pi >= probe.threshold:
            out[i].append((s, e, PERSON, float(pi)))
    return out
