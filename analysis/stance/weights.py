"""Linear models as data: named features, weights and a softmax, saved as gzipped JSON.

Both learned models of the package that ship as weights (the stance classifier and
sentiment toward a target) are multinomial logistic regressions.  Their predictions
are computed here from the stored arrays -- the same code for a freshly fitted model
and for one read back from disk -- and floats are written with ``repr`` precision, so
a saved and re-loaded model gives *bit-identical* probabilities in every process.

Examples
--------
>>> import numpy as np
>>> softmax(np.array([[0.0, 0.0], [1.0, 0.0]])).round(3).tolist()
[[0.5, 0.5], [0.731, 0.269]]
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix

__all__ = ["read_json", "softmax", "sparse_rows", "write_json"]


def softmax(scores: np.ndarray) -> np.ndarray:
    """Row-wise softmax of class scores (shifted by the row maximum for stability)."""
    shifted = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


def sparse_rows(rows: Sequence[dict[str, float]], index: dict[str, int]) -> csr_matrix:
    """A CSR matrix of feature dicts over a fixed feature index (unknown names dropped).

    Column order inside each row follows the index, so sums are formed in one
    fixed order whatever the dict order was.

    Examples
    --------
    >>> sparse_rows([{"b": 2.0, "a": 1.0, "z": 5.0}], {"a": 0, "b": 1}).toarray().tolist()
    [[1.0, 2.0]]
    """
    indptr, indices, data, where = [0], [], [], []
    get = index.get
    for n, row in enumerate(rows):
        for k, v in row.items():
            c = get(k)
            if c is not None:
                indices.append(c)
                data.append(v)
        where.extend([n] * (len(indices) - len(where)))
        indptr.append(len(indices))
    cols = np.asarray(indices, dtype=np.int64)
    order = np.lexsort((cols, np.asarray(where, dtype=np.int64)))  # by row, then column
    return csr_matrix((np.asarray(data, dtype=float)[order], cols[order],
                       np.asarray(indptr, dtype=np.int64)), shape=(len(rows), len(index)))


def _plain(value):
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def write_json(data: dict, path: str | Path) -> Path:
    """Write ``data`` as JSON, gzipped when ``path`` ends in ``.gz`` (no timestamp, so
    the bytes depend only on the content)."""
    path = Path(path)
    text = json.dumps(data, default=_plain, ensure_ascii=False, sort_keys=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0))
    else:
        path.write_text(text, encoding="utf-8")
    return path


def read_json(source: str | Path | Iterable[bytes]) -> dict:
    """Read what :func:`write_json` wrote (a path, or the bytes of a package resource)."""
    if isinstance(source, bytes | bytearray):
        raw = bytes(source)
    else:
        path = Path(source)
        if not path.is_file():
            raise FileNotFoundError(f"model file {path} not found; give the path that "
                                    f"save() wrote")
        raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ValueError(f"{source if not isinstance(source, bytes) else 'data'} is not a "
                         f"saved model (JSON): {err}") from None
