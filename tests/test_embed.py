"""Embeddings: the packaged model, order, normalisation, and the cache (real model)."""
from __future__ import annotations

import numpy as np
import pytest

from pipeline.embed import embed_texts, load_model, text_key
from pipeline.errors import PipelineError

TEXTS = [
    "We waited eighteen months for an EHCP assessment.",
    "The school transport is always late in the morning.",
    "Staff at the special school were wonderful with my son.",
    "We waited eighteen months for an EHCP assessment.",  # duplicate on purpose
    "",
]


def test_shape_dtype_normalised_and_order():
    e = embed_texts(TEXTS)
    assert e.shape == (5, 384) and e.dtype == np.float32
    assert np.allclose(np.linalg.norm(e[:4], axis=1), 1.0, atol=1e-5)
    assert np.array_equal(e[0], e[3])  # same text, same vector
    rev = embed_texts(TEXTS[::-1])
    assert np.array_equal(rev[::-1], e)  # input order kept, values identical whatever the order
    # meaning: the two waiting-time texts are closer to each other than to transport
    sims = e @ e.T
    assert sims[0, 3] > sims[0, 1] and sims[0, 2] < 0.9


def test_empty_input_and_missing_model():
    assert embed_texts([]).shape == (0, 384)
    with pytest.raises(PipelineError, match="not found"):
        embed_texts(["x"], model_name="no-such-model-anywhere")


def test_load_model_is_cached():
    assert load_model() is load_model("all-MiniLM-L6-v2")


def test_cache_embeds_only_new_text(tmp_path, monkeypatch):
    from pipeline.embed import model_path
    from pipeline.onnx_encoder import get_encoder

    model = get_encoder(model_path("all-MiniLM-L6-v2")) or load_model()  # the active backend
    calls: list[int] = []
    real = model.encode

    def counting(sentences, *a, **k):
        calls.append(len(sentences))
        return real(sentences, *a, **k)

    monkeypatch.setattr(model, "encode", counting)
    first = embed_texts(TEXTS, cache_dir=tmp_path)
    assert calls == [4]  # 4 distinct texts (the duplicate is embedded once)
    shards = list((tmp_path / "embeddings").rglob("*.npz"))
    assert len(shards) == 1
    again = embed_texts(TEXTS[::-1], cache_dir=tmp_path)
    assert calls == [4]  # nothing re-embedded
    assert np.array_equal(again[::-1], first)
    more = embed_texts(TEXTS + ["Short breaks have been cut."], cache_dir=tmp_path)
    assert calls == [4, 1]  # only the new text
    assert np.array_equal(more[:5], first)
    # the cache stores hashes, never the text itself
    with np.load(shards[0]) as z:
        assert text_key("all-MiniLM-L6-v2", TEXTS[0]) in set(z["keys"].tolist())
    raw = b"".join(p.read_bytes() for p in shards)
    assert b"EHCP" not in raw


def test_corrupt_cache_shard_is_ignored(tmp_path):
    first = embed_texts(TEXTS[:2], cache_dir=tmp_path)
    folder = next((tmp_path / "embeddings").iterdir())
    (folder / "broken.npz").write_bytes(b"not a zip")
    assert np.array_equal(embed_texts(TEXTS[:2], cache_dir=tmp_path), first)


def test_onnx_backend_gives_the_same_vectors_as_sentence_transformers(tmp_path):
    """The ONNX Runtime backend (the default) must not change a single embedding."""
    from pipeline.embed import load_model, model_path
    from pipeline.onnx_encoder import get_encoder

    enc = get_encoder(model_path("all-MiniLM-L6-v2"))
    assert enc is not None, "the ONNX backend should be available in the project's environment"
    texts = ["EHCP took 40 weeks", "", "short breaks at the weekend are brilliant " * 40, "ok"]
    ours = enc.encode(texts)
    ours /= np.linalg.norm(ours, axis=1, keepdims=True)
    ref = load_model().encode(texts, normalize_embeddings=True)
    assert np.abs(ours - ref).max() < 1e-4


def test_int8_model_spec_close_to_float_and_cached_apart(tmp_path):
    """'@int8' runs the quantised copy: vectors close to the float ones (not equal), with
    their own cache keys and cache folder, so float and int8 vectors never mix."""
    from pipeline.embed import choose_precision, model_spec, split_model_spec

    f = embed_texts(TEXTS[:3], cache_dir=tmp_path)
    q = embed_texts(TEXTS[:3], "all-MiniLM-L6-v2@int8", cache_dir=tmp_path)
    assert q.shape == f.shape and q.dtype == np.float32
    cos = (f * q).sum(axis=1)
    assert (cos > 0.97).all() and not np.array_equal(f, q)
    assert (q @ q.T)[0, 1] < 0.9  # still meaningful
    assert text_key("all-MiniLM-L6-v2", TEXTS[0]) != text_key("all-MiniLM-L6-v2@int8", TEXTS[0])
    assert sorted(p.name for p in (tmp_path / "embeddings").iterdir()) == ["all-MiniLM-L6-v2", "all-MiniLM-L6-v2_int8"]
    assert np.array_equal(embed_texts(TEXTS[:3], "all-MiniLM-L6-v2@int8", cache_dir=tmp_path), q)  # from cache
    assert split_model_spec("all-MiniLM-L6-v2@int8") == ("all-MiniLM-L6-v2", "int8")
    assert model_spec("all-MiniLM-L6-v2@int8", "float32") == "all-MiniLM-L6-v2"
    assert choose_precision("auto", 1_000) == "float32" and choose_precision("auto", 50_000) == "int8"
    assert choose_precision("float32", 50_000) == "float32"
    with pytest.raises(PipelineError, match="precision"):
        choose_precision("int4", 10)
