"""Operations over the short actor axis (reductions, spreads, argmax, operations between a pair
array and a per-actor or per-game one, transposes) and a branch-free select, in numpy.
numpy reduces or broadcasts over a length-8 last axis an order of magnitude slower than it adds
two whole arrays, so these work column by column, on whole spread arrays, or on the 8 bytes of a
row read as one 64-bit word. Each gives exactly plain numpy's values: tests hold them to that."""
from __future__ import annotations

import numpy as np

_BIG = np.float32(1e30)
_BYTES = np.uint64(0x0101010101010101)  # a byte times this is that byte in all 8 places of a word
_INDEX_OF_BYTE = np.uint64(0x0001020304050607)


def any_last(m: np.ndarray) -> np.ndarray:
    if m.shape[-1] == 8 and m.dtype == np.bool_ and m.flags.c_contiguous:
        return m.view(np.uint64)[..., 0] != 0
    cols = np.moveaxis(m, -1, 0).copy()
    out = cols[0].copy()
    for k in range(1, cols.shape[0]):
        out |= cols[k]
    return out


def count_last(m: np.ndarray) -> np.ndarray:
    """How many are set along the last axis of a bool array, as float32 (exact: small counts)."""
    if m.shape[-1] == 8 and m.dtype == np.bool_ and m.flags.c_contiguous:
        # the eight bytes of a row, times _BYTES, sum into the top byte
        w = m.view(np.uint64)[..., 0] * _BYTES
        return (w >> np.uint64(56)).astype(np.float32)
    return m.sum(axis=-1, dtype=np.float32)


def max_last(x: np.ndarray) -> np.ndarray:
    x = np.ascontiguousarray(x)
    n = x.shape[-1]
    # column by column over a flat (rows, N) view: no transposed copy
    flat = x.reshape(-1, n)
    out = flat[:, 0].copy()
    for k in range(1, n):
        np.maximum(out, flat[:, k], out=out)
    return out.reshape(x.shape[:-1])


def argmax_masked(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Index of the largest value among mask on the last axis (ties: lowest index); -1 if none."""
    if values.ndim == 3 and values.shape[-1] == 8:
        if mask.dtype == np.bool_ and mask.flags.c_contiguous:
            # a sparse mask (say, who pressured me): work out only the rows that have a candidate
            has = any_last(mask)
            count = np.count_nonzero(has)
            if 2 * count < has.size:
                out = np.full(has.shape, -1, dtype=np.int64)
                if count:
                    rows = np.flatnonzero(has)
                    g, k = np.divmod(rows, has.shape[1])
                    out.reshape(-1)[rows] = _argmax8(_penalised(values[g, k], mask[g, k])[:, None, :])[:, 0]
                return out
        if mask.strides[0] == 0:  # the same mask in every game (say, everyone but oneself): its few
            vals = np.array(values, dtype=np.float32)   # closed cells set far below, in a copy
            vals.reshape(vals.shape[0], -1)[:, np.flatnonzero(~mask[0].reshape(-1))] = -_BIG
            return _argmax8(vals)
        return _argmax8(_penalised(values, mask))
    vals = _penalised(values, mask)
    cols = np.moveaxis(vals, -1, 0).copy()
    best = cols[0].copy()
    idx = np.zeros(best.shape, dtype=np.int64)
    for k in range(1, cols.shape[0]):
        gt = cols[k] > best
        np.maximum(best, cols[k], out=best)
        idx += gt * (k - idx)
    idx[best <= -_BIG / 2] = -1
    return idx


def _penalised(values, mask) -> np.ndarray:
    """values as float32, pushed far below any real value where mask is off."""
    return np.asarray(values, dtype=np.float32) - (~mask) * _BIG


def sum_last(x: np.ndarray) -> np.ndarray:
    """Sum over the last axis. einsum reduces each output element on its own, in the same order
    whatever the array's length, so a game's numbers do not depend on its batch; a BLAS
    matrix-vector product across the games axis does not promise that (tail blocks round
    differently), and numpy's own reduction over a short last axis is several times slower."""
    if x.dtype.kind != "f":
        x = x.astype(np.float32)
    if x.shape[-1] == 8 and x.dtype == np.float32:
        # einsum's own order for eight contiguous float32s, ((c0 + c4) + (c1 + c5)) + ((c2 + c6) +
        # (c3 + c7)), worked column by column: the same sums, in about two thirds of the time,
        # and the same for any layout (einsum adds a strided row in another order)
        f = np.ascontiguousarray(x).reshape(-1, 8)
        out = np.add(f[:, 0], f[:, 4])
        t = np.add(f[:, 1], f[:, 5])
        out += t
        np.add(f[:, 2], f[:, 6], out=t)
        u = np.add(f[:, 3], f[:, 7])
        t += u
        out += t
        return out.reshape(x.shape[:-1])
    return np.einsum("...j->...", x)


# numpy broadcasts over a short inner axis (x * v[:, None, :] on (B, 8, 8)) several times slower
# than it combines two whole arrays, and np.repeat builds the full operand faster than that
# difference: so (B, N) operands are spread to (B, N, N) first. The values are the same.
def spread_cols(v: np.ndarray) -> np.ndarray:
    """(B, N) -> (B, N, N) with [b, i, j] = v[b, j]."""
    return np.repeat(v[:, None, :], v.shape[1], axis=1)


def spread_rows(v: np.ndarray) -> np.ndarray:
    """(B, N) -> (B, N, N) with [b, i, j] = v[b, i]."""
    b, n = v.shape
    if n == 8 and v.dtype.itemsize == 1:
        # each byte times _BYTES is that byte eight times over: one multiply per row
        wide = np.ascontiguousarray(v).view(np.uint8).astype(np.uint64) * _BYTES
        return wide.view(np.uint8).reshape(b, n, n).view(v.dtype)
    return np.repeat(v, n, axis=1).reshape(b, n, n)


def mul_cols(x: np.ndarray, v: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """x (B, N, N) times v (B, N) along the columns: [b, i, j] = x[b, i, j] * v[b, j]; out may be x."""
    return np.multiply(x, spread_cols(v), out=out)


def add_rows_cols(r: np.ndarray, c: np.ndarray) -> np.ndarray:
    """[b, i, j] = r[b, i] + c[b, j] for r, c (B, N)."""
    return spread_rows(r) + spread_cols(c)


def share_rows(r: np.ndarray, c: np.ndarray) -> np.ndarray:
    """[b, i, j] = r[b, i] / (c[b, j] + r[b, i]) for r, c (B, N): i's share of the pair's sum."""
    ri = spread_rows(r)
    total = spread_cols(c)
    total += ri
    return np.divide(ri, total, out=total)


def transposed(x: np.ndarray) -> np.ndarray:
    """x (B, N, N) read along its other axis, [b, i, j] = x[b, j, i], as a contiguous array."""
    return np.ascontiguousarray(x.transpose(0, 2, 1))


def with_transposed(x: np.ndarray) -> np.ndarray:
    """Both cells of each pair combined, [b, i, j] = x[b, i, j] + x[b, j, i] for floats, or
    x[b, i, j] | x[b, j, i] for bytes (bit masks)."""
    byte = x.dtype.itemsize == 1 and x.dtype.kind in "ub"
    return x | x.transpose(0, 2, 1) if byte else x + x.transpose(0, 2, 1)


def games_add(x: np.ndarray, v: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """x (B, ...) plus one value per game, v (B,); a single number is added as one."""
    return _games_op(x, v, np.add, out)


def games_mul(x: np.ndarray, v: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """x (B, ...) times one value per game, v (B,); a single number multiplies as one."""
    return _games_op(x, v, np.multiply, out)


def _games_op(x, v, ufunc, out):
    if np.ndim(v) == 0:
        return ufunc(x, v, out=out)
    return ufunc(x, v.reshape(v.shape + (1,) * (x.ndim - 1)), out=out)


def spread_games(c: np.ndarray, n: int) -> np.ndarray:
    """(B,) -> (B, n, n), one value per game; a single number (every game's) stays one."""
    if np.ndim(c) == 0:
        return c
    out = np.empty((c.shape[0], n, n), dtype=c.dtype)
    np.copyto(out, c[:, None, None])   # a broadcast copy: faster than repeating each value
    return out


def per_game(c: np.ndarray) -> np.ndarray:
    """(B,) -> (B, 1), to combine with (B, N); a single number stays one."""
    return c[:, None] if np.ndim(c) else c


def _argmax8(vals: np.ndarray) -> np.ndarray:
    """argmax_masked on a last axis of 8: the first place that holds the row's maximum, found
    as the lowest set byte of the 8 comparison bytes read as one little-endian word."""
    b, k, n = vals.shape
    best = max_last(vals)
    first = vals == np.repeat(best, n, axis=-1).reshape(b, k, n)
    w = first.view("<u8")[..., 0]
    low = w & (~w + np.uint64(1))               # 1 << (8 * index of the first hit)
    # times _INDEX_OF_BYTE, the top byte becomes that index (the constant's byte 7 - k is k)
    idx = ((low * _INDEX_OF_BYTE) >> np.uint64(56)).astype(np.int64)
    idx[best <= -_BIG / 2] = -1
    return idx


_UINT = {1: np.uint8, 2: np.uint16, 4: np.uint32, 8: np.uint64}


def select(cond: np.ndarray, x, y, dtype) -> np.ndarray:
    """np.where(cond, x, y) as `dtype`, by bit masking. numpy's where branches on every element
    and runs an order of magnitude slower than arithmetic when the condition looks random,
    as game masks do; picking bits gives exactly the same values."""
    dtype = np.dtype(dtype)
    u = _UINT[dtype.itemsize]
    xb = np.asarray(x, dtype=dtype).view(u)
    yb = np.asarray(y, dtype=dtype).view(u)
    mask = np.negative(np.asarray(cond, dtype=bool).view(np.uint8).astype(u, copy=False))
    return (yb ^ ((xb ^ yb) & mask)).view(dtype)
