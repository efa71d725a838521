"""Counter-based random numbers (Philox4x32-10, after Random123).

Every draw is a pure function of (seed, turn, stream, i, j), so a game's random
numbers never depend on which other games share its batch, or on how many draws
came before.
"""
from __future__ import annotations

import numpy as np

_M0 = np.uint64(0xD2511F53)
_M1 = np.uint64(0xCD9E8D57)
_W0 = np.uint64(0x9E3779B9)
_W1 = np.uint64(0xBB67AE85)
_MASK = np.uint64(0xFFFFFFFF)
_S32 = np.uint64(32)
ROUNDS = 10

# Streams: one per kind of draw, so adding a draw of one kind never shifts another.
DISPOSITION, CARD, ACTOR, PAIR = range(4)


def philox4x32(c0, c1, c2, c3, k0, k1, rounds: int = ROUNDS):
    """Philox4x32 block function on uint64 arrays holding 32-bit words."""
    c0, c1, c2, c3 = (np.asarray(c, dtype=np.uint64) for c in (c0, c1, c2, c3))
    k0 = np.asarray(k0, dtype=np.uint64)
    k1 = np.asarray(k1, dtype=np.uint64)
    for r in range(rounds):
        p0 = c0 * _M0
        p1 = c2 * _M1
        c0, c1, c2, c3 = (
            (p1 >> _S32) ^ c1 ^ k0,
            p1 & _MASK,
            (p0 >> _S32) ^ c3 ^ k1,
            p0 & _MASK,
        )
        if r != rounds - 1:
            k0 = (k0 + _W0) & _MASK
            k1 = (k1 + _W1) & _MASK
    return c0, c1, c2, c3


def _to_unit(word):
    # (w + 0.5) / 2**32 lies strictly inside (0, 1): safe for log() and logit().
    return (word.astype(np.float64) + 0.5) * (1.0 / 4294967296.0)


_CHUNK = 16384  # elements per pass: keeps the temporaries in cache


def blocks_for(seeds, turn: int, streams: np.ndarray, index: np.ndarray):
    """Four words per (game, cell) for counters (turn, streams[m], index[m], 0): (B, M) each."""
    seeds = np.asarray(seeds, dtype=np.uint64).reshape(-1)
    b, m = seeds.shape[0], len(streams)
    size = b * m
    k0 = np.repeat(seeds & _MASK, m)
    k1 = np.repeat(seeds >> _S32, m)
    c0 = np.full(size, turn, dtype=np.uint64)
    c1 = np.tile(np.asarray(streams, dtype=np.uint64), b)
    c2 = np.tile(np.asarray(index, dtype=np.uint64), b)
    c3 = np.zeros(size, dtype=np.uint64)
    p0 = np.empty(min(size, _CHUNK), dtype=np.uint64)
    p1 = np.empty_like(p0)
    for s in range(0, size, _CHUNK):
        e = min(size, s + _CHUNK)
        _rounds(c0[s:e], c1[s:e], c2[s:e], c3[s:e], k0[s:e], k1[s:e], p0[: e - s], p1[: e - s])
    return tuple(w.reshape(b, m) for w in (c0, c1, c2, c3))


def _rounds(c0, c1, c2, c3, k0, k1, p0, p1):
    # In place: the words end as the Philox output, the key is consumed.
    for r in range(ROUNDS):
        np.multiply(c0, _M0, out=p0)
        np.multiply(c2, _M1, out=p1)
        np.right_shift(p1, _S32, out=c0)
        c0 ^= c1
        c0 ^= k0
        np.right_shift(p0, _S32, out=c2)
        c2 ^= c3
        c2 ^= k1
        np.bitwise_and(p1, _MASK, out=c1)
        np.bitwise_and(p0, _MASK, out=c3)
        if r != ROUNDS - 1:
            k0 += _W0
            k0 &= _MASK
            k1 += _W1
            k1 &= _MASK


def uniforms(seeds, turn: int, stream: int, n: int):
    """One uniform in (0, 1) per game and index, (B, n), from counters (turn, stream, i, 0)."""
    return _to_unit(blocks_for(seeds, turn, np.full(n, stream), np.arange(n))[0])


def _pair_maps(n: int):
    """Index maps from (i, j) cells to a row of per-pair values [upper..., lower..., fill]."""
    iu, ju = np.triu_indices(n, 1)
    k = len(iu)
    both = np.full((n, n), 2 * k, dtype=np.intp)  # the diagonal reads the fill value
    both[iu, ju] = np.arange(k)
    both[ju, iu] = np.arange(k) + k
    same = np.full((n, n), k, dtype=np.intp)
    same[iu, ju] = np.arange(k)
    same[ju, iu] = np.arange(k)
    return k, both.reshape(-1), same.reshape(-1)


_MAPS: dict[int, tuple] = {}


def _halves(words32):
    """16-bit uniforms in (0, 1) from 32-bit words (B, W) -> (B, 2W): each word's low half
    first (a little-endian view of the same bytes, so no shifting is needed)."""
    h = words32.view("<u2").astype(np.float32)
    h += np.float32(0.5)
    h *= np.float32(1.0 / 65536.0)
    return h


def turn_layout(n: int) -> tuple[int, int, int]:
    """Blocks per game-turn: (actor blocks, pair blocks, pairs). The actor blocks hold the card
    draw (one 32-bit word) and three 16-bit uniforms per actor; the pair blocks hold five
    16-bit uniforms per unordered pair."""
    k = n * (n - 1) // 2
    actor_words = 1 + -(-3 * n // 2)
    pair_words = -(-5 * k // 2)
    return -(-actor_words // 4), -(-pair_words // 4), k


def turn_draws(seeds, turn: int, n: int):
    """All of one turn's draws from one pass of Philox: the card draw; per actor the action-noise
    draw and two for its doctrine; per unordered pair two for perception noise (Box-Muller, both
    ways), one challenge draw each way and one accident draw. 16-bit uniforms are plenty for
    probabilities a game compares against, and they halve the blocks to compute.
    Returns (card (B,), actor (noise, u1, u2) each (B, n), normal, challenge, accident (B, n, n))."""
    if n not in _MAPS:
        _MAPS[n] = _pair_maps(n)
    k, both, same = _MAPS[n]
    a_blocks, p_blocks, _ = turn_layout(n)
    streams = np.concatenate([np.full(a_blocks, ACTOR), np.full(p_blocks, PAIR)])
    index = np.concatenate([np.arange(a_blocks), np.arange(p_blocks)])
    w = blocks_for(seeds, turn, streams, index)
    b = w[0].shape[0]
    # block by block, four words each, as 32-bit words (the values never exceed 32 bits)
    words = np.stack(w, axis=2).astype("<u4").reshape(b, -1)  # little-endian on every machine
    card = _to_unit(words[:, 0])
    ah = _halves(np.ascontiguousarray(words[:, 1:4 * a_blocks]))[:, :3 * n].reshape(b, 3, n)
    actor = (ah[:, 0], ah[:, 1], ah[:, 2])
    ph = _halves(np.ascontiguousarray(words[:, 4 * a_blocks:]))[:, :5 * k].reshape(b, 5, k)
    r = np.sqrt(np.float32(-2.0) * np.log(ph[:, 0]))
    angle = np.float32(2.0 * np.pi) * ph[:, 1]
    zero = np.zeros((b, 1), dtype=np.float32)
    one = np.ones((b, 1), dtype=np.float32)
    normal = np.concatenate([r * np.cos(angle), r * np.sin(angle), zero], axis=1)
    challenge = np.concatenate([ph[:, 2], ph[:, 3], one], axis=1)
    accident = np.concatenate([ph[:, 4], one], axis=1)
    return (card, actor, normal[:, both].reshape(b, n, n), challenge[:, both].reshape(b, n, n),
            accident[:, same].reshape(b, n, n))


def actor_draws(seeds, turn: int, n: int):
    """The per-actor draws of a turn alone: (noise, u1, u2), each (B, n) — as turn_draws gives."""
    return turn_draws(seeds, turn, n)[1]
