"""Small shape helpers for arrays with a leading games axis: (B,) per game, (B, N) per actor,
(B, N, N) per pair, where [b, i, j] is actor i toward actor j."""

from __future__ import annotations

import sys

import numpy as np


def row_sum(x: np.ndarray) -> np.ndarray:
    """Sum over the last axis. einsum adds each row on its own in a fixed order, so a game's
    numbers do not depend on how many games share its batch (a contiguous copy keeps that
    order the same for any layout)."""
    if x.dtype.kind != "f":
        x = x.astype(np.float32)
    return np.einsum("...j->...", np.ascontiguousarray(x))


#: a row of 1, 2, 4 or 8 masks read as one unsigned word: numpy reduces a short last axis row by row,
#: some twenty times slower than it works a whole array, and these few actors are every row here
_WORD = {1: np.uint8, 2: np.uint16, 4: np.uint32, 8: np.uint64}


def _words(mask: np.ndarray):
    """The rows of a mask as words (one per row), or None where its rows do not fit one."""
    if mask.dtype != np.bool_ or mask.shape[-1] not in _WORD:
        return None
    return np.ascontiguousarray(mask).view(_WORD[mask.shape[-1]])[..., 0]


def any_last(mask: np.ndarray) -> np.ndarray:
    """mask.any(axis=-1)."""
    words = _words(mask)
    return mask.any(axis=-1) if words is None else words != 0


def any_first(mask: np.ndarray) -> np.ndarray:
    """(B, N, N) -> (B, N): mask.any(axis=1), [b, j] = some i has mask[b, i, j]."""
    words = _words(mask)
    if words is None or mask.ndim != 3:
        return mask.any(axis=1)
    out = words[:, 0].copy()
    for i in range(1, words.shape[1]):
        out |= words[:, i]
    return out.view(np.bool_).reshape(mask.shape[0], mask.shape[2])


def count_last(mask: np.ndarray) -> np.ndarray:
    """mask.sum(axis=-1) as float32 (a count: exact in any order)."""
    words = _words(mask)
    if words is None or not hasattr(np, "bitwise_count"):
        return mask.sum(axis=-1, dtype=np.float32)
    return np.bitwise_count(words).astype(np.float32)


def max_last(x: np.ndarray) -> np.ndarray:
    """x.max(axis=-1), one column at a time."""
    out = x[..., 0].copy()
    for k in range(1, x.shape[-1]):
        np.maximum(out, x[..., k], out=out)
    return out


def argmax_last(x: np.ndarray) -> np.ndarray:
    """x.argmax(axis=-1) (ties: the lowest index): the first cell equal to the row's largest, found as
    the lowest set byte of the row's word of matches (on a little-endian machine)."""
    words = _words(x == max_last(x)[..., None]) if sys.byteorder == "little" else None
    if words is None:
        return x.argmax(axis=-1)
    lowest = words & (~words + words.dtype.type(1))  # the lowest set bit alone
    return ((np.frexp(lowest.astype(np.float64))[1] - 1) // 8).astype(np.intp)


def cumsum_last(x: np.ndarray) -> np.ndarray:
    """x.cumsum(axis=-1): the same additions in the same order, one column at a time."""
    out = np.empty_like(x)
    out[..., 0] = x[..., 0]
    for k in range(1, x.shape[-1]):
        np.add(out[..., k - 1], x[..., k], out=out[..., k])
    return out


def both_ways(x: np.ndarray) -> np.ndarray:
    """[b, i, j] = x[b, i, j] + x[b, j, i] (or | for masks): both cells of each pair."""
    return x | x.transpose(0, 2, 1) if x.dtype == np.bool_ else x + x.transpose(0, 2, 1)


def pair_mean(x: np.ndarray) -> np.ndarray:
    """[b, i, j] = (x[b, i, j] + x[b, j, i]) / 2: the mean of the pair's two cells."""
    return both_ways(x) * 0.5


def of_row(v: np.ndarray) -> np.ndarray:
    """(B, N) -> (B, N, 1): actor i's value, for pair arrays [b, i, j]."""
    return v[:, :, None]


def of_col(v: np.ndarray) -> np.ndarray:
    """(B, N) -> (B, 1, N): actor j's value, for pair arrays [b, i, j]."""
    return v[:, None, :]


def first_best(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Index of the largest value where mask holds on the last axis (ties: the lowest index);
    -1 where it holds nowhere."""
    masked = np.where(mask, np.asarray(values, dtype=np.float32), -np.inf)
    return np.where(any_last(mask), argmax_last(masked), -1)
