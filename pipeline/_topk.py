"""The numba kernel behind :func:`pipeline.themes._topk_rows`, in a module of its own so that
numba can cache its compiled code on disk (``cache=True`` needs a top-level function): the
parallel kernel takes about 4 s to compile, once per machine instead of once per run.
numba comes with UMAP; this module is imported only when themes need neighbours."""
from __future__ import annotations

import numba
import numpy as np


@numba.njit(parallel=True, cache=True)
def topk(s, kk):
    """Per row of ``s``, the ``kk`` largest values and their columns (descending; ties by lower column)."""
    n, m = s.shape
    idx = np.empty((n, kk), np.int64)
    val = np.empty((n, kk), np.float32)
    for r in numba.prange(n):
        vals = np.full(kk, -np.inf, np.float32)
        ids = np.full(kk, -1, np.int64)
        for j in range(m):
            v = s[r, j]
            if v > vals[kk - 1]:  # strictly greater: an equal later column never displaces
                p = kk - 1
                while p > 0 and vals[p - 1] < v:
                    vals[p] = vals[p - 1]
                    ids[p] = ids[p - 1]
                    p -= 1
                vals[p] = v
                ids[p] = j
        idx[r] = ids
        val[r] = vals
    return idx, val
