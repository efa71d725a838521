"""The engine's short-axis operations give exactly what plain numpy gives."""
import numpy as np
import pytest

from game.core.fastops import (add_rows_cols, any_last, argmax_masked, count_last, games_add, games_mul, max_last,
                               mul_cols, select, share_rows, spread_cols, spread_games, spread_rows, sum_last,
                               transposed, with_transposed)
from game.core.vocab import FAMILY, TARGETED, family_of, targeted


def _wide_range(rng, size):
    # values over many orders of magnitude, both signs: any change in the order of a sum shows
    return (rng.standard_normal(size) * np.exp(rng.standard_normal(size) * 4)).astype(np.float32)


@pytest.mark.parametrize("offset", range(8))
def test_sum_last_adds_in_einsums_order_at_any_offset(offset):
    rng = np.random.default_rng(offset)
    for rows in (1, 7, 64, 1001):
        flat = _wide_range(rng, rows * 8 + 8)
        x = flat[offset:offset + rows * 8].reshape(rows, 8)
        assert np.array_equal(sum_last(x), np.einsum("...j->...", x))
        y = x.reshape(-1, 1, 8)
        assert sum_last(y).shape == (rows, 1)
        assert np.array_equal(sum_last(y), np.einsum("...j->...", y))


def test_sum_last_of_other_shapes_and_types():
    rng = np.random.default_rng(1)
    x = _wide_range(rng, 6 * 5).reshape(6, 5)
    assert np.array_equal(sum_last(x), np.einsum("...j->...", x))
    t = _wide_range(rng, 40 * 8 * 8).reshape(40, 8, 8).transpose(0, 2, 1)   # not contiguous
    assert np.array_equal(sum_last(t), np.einsum("...j->...", np.ascontiguousarray(t)))   # any layout, one order
    m = rng.random((3, 8, 8)) < 0.5
    assert np.array_equal(sum_last(m), m.sum(axis=-1).astype(np.float32))


def test_reductions_match_numpy():
    rng = np.random.default_rng(2)
    m = rng.random((50, 8, 8)) < 0.3
    assert np.array_equal(any_last(m), m.any(axis=-1))
    assert np.array_equal(count_last(m), m.sum(axis=-1).astype(np.float32))
    x = _wide_range(rng, 50 * 8 * 8).reshape(50, 8, 8)
    assert np.array_equal(max_last(x), x.max(axis=-1))


def test_spreads_match_broadcasting():
    rng = np.random.default_rng(3)
    v = _wide_range(rng, 20 * 8).reshape(20, 8)
    assert np.array_equal(spread_cols(v), np.broadcast_to(v[:, None, :], (20, 8, 8)))
    assert np.array_equal(spread_rows(v), np.broadcast_to(v[:, :, None], (20, 8, 8)))
    b = rng.random((20, 8)) < 0.5
    assert np.array_equal(spread_rows(b), np.broadcast_to(b[:, :, None], (20, 8, 8)))
    c = _wide_range(rng, 20)
    assert np.array_equal(spread_games(c, 8), np.broadcast_to(c[:, None, None], (20, 8, 8)))
    # other element sizes and actor counts, and a view that is not contiguous
    for n in (2, 3, 8):
        for a in (rng.random((9, n)) < 0.5, rng.integers(-1, n, (9, n)).astype(np.int8),
                  _wide_range(rng, 9 * n).reshape(9, n), rng.standard_normal((9, n)),
                  _wide_range(rng, 9 * 2 * n).reshape(9, 2 * n)[:, ::2]):
            assert spread_cols(a).dtype == a.dtype == spread_rows(a).dtype
            assert np.array_equal(spread_cols(a), np.broadcast_to(a[:, None, :], (9, n, n)))
            assert np.array_equal(spread_rows(a), np.broadcast_to(a[:, :, None], (9, n, n)))
            if a.dtype.kind == "f":
                assert np.array_equal(max_last(a), a.max(axis=-1))


def test_pair_operations_match_broadcasting():
    rng = np.random.default_rng(5)
    for b, n in ((1, 8), (33, 8), (7, 3)):
        x = _wide_range(rng, b * n * n).reshape(b, n, n)
        r, c = np.abs(_wide_range(rng, b * n)).reshape(b, n), np.abs(_wide_range(rng, b * n)).reshape(b, n)
        assert np.array_equal(mul_cols(x, c), x * c[:, None, :])
        y = x.copy()
        assert mul_cols(y, c, out=y) is y and np.array_equal(y, x * c[:, None, :])
        assert np.array_equal(add_rows_cols(r, c), r[:, :, None] + c[:, None, :])
        assert np.array_equal(share_rows(r, c), r[:, :, None] / (c[:, None, :] + r[:, :, None]))
        assert np.array_equal(mul_cols(x.transpose(0, 2, 1), c), x.transpose(0, 2, 1) * c[:, None, :])
        assert np.array_equal(mul_cols(x.astype(np.float64), c), x.astype(np.float64) * c[:, None, :])


def test_transposes_and_per_game_operations_match_numpy():
    rng = np.random.default_rng(6)
    for b, n in ((1, 8), (29, 8), (5, 3)):
        x = _wide_range(rng, b * n * n).reshape(b, n, n)
        bits = rng.integers(0, 256, (b, n, n)).astype(np.uint8)
        mask = rng.random((b, n, n)) < 0.4
        assert np.array_equal(transposed(bits), bits.transpose(0, 2, 1))
        assert np.array_equal(transposed(x), x.transpose(0, 2, 1))
        assert np.array_equal(with_transposed(x), x + x.transpose(0, 2, 1))
        assert np.array_equal(with_transposed(bits), bits | bits.transpose(0, 2, 1))
        assert np.array_equal(with_transposed(mask), mask | mask.transpose(0, 2, 1))
        v = _wide_range(rng, b)
        assert np.array_equal(games_add(x, v), x + v[:, None, None])
        assert np.array_equal(games_mul(x, v), x * v[:, None, None])
        assert np.array_equal(games_add(x, np.float32(0.25)), x + np.float32(0.25))
        y = x.copy()
        assert games_mul(y, v, out=y) is y and np.array_equal(y, x * v[:, None, None])
        flat = x.reshape(b, -1)
        assert np.array_equal(games_add(flat, v), flat + v[:, None])


def test_select_matches_where_for_every_type():
    rng = np.random.default_rng(4)
    cond = rng.random((30, 8)) < 0.5
    for dtype in (np.int8, np.int16, np.int64, np.float32, np.float64):
        x = (rng.standard_normal((30, 8)) * 50).astype(dtype)
        y = (rng.standard_normal((30, 8)) * 50).astype(dtype)
        got = select(cond, x, y, dtype)
        assert got.dtype == dtype and np.array_equal(got, np.where(cond, x, y))
        assert np.array_equal(select(cond, 3, y, dtype), np.where(cond, dtype(3), y))
        assert np.array_equal(select(cond, x, -7, dtype), np.where(cond, x, dtype(-7)))
        assert np.array_equal(select(cond, x[0], y, dtype), np.where(cond, x[0], y))   # broadcast
        assert np.array_equal(select(cond[::2], x[::2], y[::2], dtype), np.where(cond[::2], x[::2], y[::2]))


@pytest.mark.parametrize("density", [0.0, 0.05, 0.5, 1.0])
def test_argmax_masked_takes_the_lowest_index_of_the_best_allowed(density):
    rng = np.random.default_rng(int(density * 100))
    values = rng.integers(0, 4, (40, 8, 8)).astype(np.float32)   # many ties
    mask = rng.random((40, 8, 8)) < density
    got = argmax_masked(values, mask)
    want = np.where(mask.any(axis=-1), np.argmax(np.where(mask, values, -np.inf), axis=-1), -1)
    assert np.array_equal(got, want)
    shared = np.broadcast_to(mask[0], mask.shape)   # the same mask in every game
    want = np.where(shared.any(axis=-1), np.argmax(np.where(shared, values, -np.inf), axis=-1), -1)
    assert np.array_equal(argmax_masked(values, shared), want)
    # a few seats of three actors, values spread from one row per game (a broadcast view)
    row = rng.integers(0, 3, (40, 1, 3)).astype(np.float32)
    few = np.broadcast_to(row, (40, 2, 3))
    m3 = rng.random((40, 2, 3)) < density
    want = np.where(m3.any(axis=-1), np.argmax(np.where(m3, few, -np.inf), axis=-1), -1)
    assert np.array_equal(argmax_masked(few, m3), want)


def test_family_and_targeted_by_comparison_match_the_tables():
    actions = np.tile(np.arange(8, dtype=np.int8), (3, 1))
    assert np.array_equal(family_of(actions), FAMILY[actions])
    assert family_of(actions).dtype == FAMILY.dtype
    assert np.array_equal(targeted(actions), TARGETED[actions])
