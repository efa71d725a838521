"""Small shape helpers for arrays with a leading games axis: (B,) per game, (B, N) per actor,
(B, N, N) per pair, where [b, i, j] is actor i toward actor j."""

from __future__ import annotations

import numpy as np


def row_sum(x: np.ndarray) -> np.ndarray:
    """Sum over the last axis. einsum adds each row on its own in a fixed order, so a game's
    numbers do not depend on how many games share its batch (a contiguous copy keeps that
    order the same for any layout)."""
    if x.dtype.kind != "f":
        x = x.astype(np.float32)
    return np.einsum("...j->...", np.ascontiguousarray(x))


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
    return np.where(mask.any(axis=-1), masked.argmax(axis=-1), -1)
