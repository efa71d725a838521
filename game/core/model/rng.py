"""Counter-based random numbers (Philox4x32-10, after Random123).

Every draw is a pure function of (seed, turn, stream, i, j), so a game's random
numbers never depend on which other games share its batch, or on how many draws
came before.
"""

from __future__ import annotations

import functools

import attrs
import numpy as np

_M0 = np.uint64(0xD2511F53)
_M1 = np.uint64(0xCD9E8D57)
_W0 = np.uint64(0x9E3779B9)
_W1 = np.uint64(0xBB67AE85)
_MASK = np.uint64(0xFFFFFFFF)
_S32 = np.uint64(32)
ROUNDS = 10

MAX_SEED = 2**63 - 1  # seeds key the generator with 64 bits; kept to what a signed 64-bit integer holds

# Streams: one per kind of draw, so adding a draw of one kind never shifts another.
DISPOSITION, CARD, ACTOR, PAIR, CRISIS, WORLD = range(6)


def _to_unit(word):
    # (w + 0.5) / 2**32 lies strictly inside (0, 1): safe for log() and logit().
    return (word.astype(np.float64) + 0.5) * (1.0 / 4294967296.0)


def key_schedule(seeds) -> np.ndarray:
    """Each game's Philox round keys, (ROUNDS, 2, B): worked out once per batch, not per draw."""
    seeds = np.asarray(seeds, dtype=np.uint64).reshape(-1)
    ks = np.empty((ROUNDS, 2, seeds.shape[0]), dtype=np.uint64)
    ks[0, 0] = seeds & _MASK
    ks[0, 1] = seeds >> _S32
    for r in range(1, ROUNDS):
        np.add(ks[r - 1, 0], _W0, out=ks[r, 0])
        ks[r, 0] &= _MASK
        np.add(ks[r - 1, 1], _W1, out=ks[r, 1])
        ks[r, 1] &= _MASK
    return ks


_GAMES_PER_PASS = 768  # a pass's words and temporaries stay in the processor's cache


def words_for(keys: np.ndarray, turn: int, streams, index) -> np.ndarray:
    """Philox4x32-10 for counters (turn, streams[m], index[m], 0) in every game: (4M, B) uint32,
    block m's word w at row 4m + w. keys: key_schedule(seeds), or some games' columns of it.
    Blocks run down the rows and games along them, so each game's key is one broadcast row."""
    b = keys.shape[2]
    m = len(streams)
    out = np.empty((m, 4, b), dtype=np.uint32)
    # round 0 and the key-free half of round 1 are the same in every game: worked out once per block
    p0 = np.uint64(turn) * _M0  # round 0: c0 = turn, c3 = 0
    p1 = np.asarray(index, dtype=np.uint64)[:, None] * _M1  # c2 = index
    c0_r0 = (p1 >> _S32) ^ np.asarray(streams, dtype=np.uint64)[:, None]  # c1 = stream
    c1_r0 = p1 & _MASK
    c2_r0 = p0 >> _S32
    c3_r0 = p0 & _MASK
    size = -(-b // max(1, -(-b // _GAMES_PER_PASS)))  # passes of equal size, none much smaller
    for s in range(0, b, size):
        e = min(b, s + size)
        k = keys[:, :, s:e]
        c0 = c0_r0 ^ k[0, 0]  # (M, g)
        c2 = c2_r0 ^ k[0, 1]  # (g,): the same in every block
        q0 = c0 * _M0  # round 1
        q1 = c2 * _M1
        c0 = (q1 >> _S32) ^ c1_r0 ^ k[1, 0]
        c1 = np.broadcast_to(q1 & _MASK, c0.shape).copy()
        c2 = (q0 >> _S32) ^ c3_r0 ^ k[1, 1]
        c3 = q0 & _MASK
        for r in range(2, ROUNDS):  # in place: no new arrays per round
            np.multiply(c0, _M0, out=q0)
            np.multiply(c2, _M1, out=c0)  # c0: product 1
            np.right_shift(c0, _S32, out=c2)
            c2 ^= c1
            c2 ^= k[r, 0]  # c2: the new c0
            np.bitwise_and(c0, _MASK, out=c1)
            np.right_shift(q0, _S32, out=c0)
            c0 ^= c3
            c0 ^= k[r, 1]  # c0: the new c2
            np.bitwise_and(q0, _MASK, out=c3)
            c0, c2 = c2, c0
        o = out[:, :, s:e]
        o[:, 0], o[:, 1], o[:, 2], o[:, 3] = c0, c1, c2, c3
    return out.reshape(4 * m, b)


def uniforms(seeds, turn: int, stream: int, n: int):
    """One uniform in (0, 1) per game and index, (B, n), from counters (turn, stream, i, 0)."""
    words = words_for(key_schedule(seeds), turn, np.full(n, stream), np.arange(n))
    return np.ascontiguousarray(_to_unit(words[0::4]).T)


@functools.lru_cache(maxsize=None)
def _pair_maps(n: int):
    """Index map from (i, j) cells to a row of per-pair values [upper..., lower..., fill]."""
    iu, ju = np.triu_indices(n, 1)
    k = len(iu)
    both = np.full((n, n), 2 * k, dtype=np.intp)  # the diagonal reads the fill value
    both[iu, ju] = np.arange(k)
    both[ju, iu] = np.arange(k) + k
    return k, both.reshape(-1)


def _halves(words: np.ndarray, first: int, count: int) -> np.ndarray:
    """Halves first .. first + count - 1 of 32-bit words (W, B), half h being word h // 2's low
    half when h is even, its high half when odd, as rows (count, B) of 16-bit uniforms
    (x + 0.5) / 2**16: exact in float32, strictly inside (0, 1)."""
    words = words[first // 2 : (first + count + 1) // 2]
    h = np.empty((words.shape[0], 2, words.shape[1]), dtype=np.float32)
    h[:, 0] = words & np.uint32(0xFFFF)
    h[:, 1] = words >> np.uint32(16)
    h += np.float32(0.5)
    h *= np.float32(1.0 / 65536.0)
    return h.reshape(-1, words.shape[1])[first % 2 : first % 2 + count]


@functools.lru_cache(maxsize=None)
def _turn_counters(n: int) -> tuple[int, np.ndarray, np.ndarray]:
    """(actor blocks, stream and index of every block) that turn_draws computes each turn. The
    actor blocks hold the card draw (one 32-bit word) and three 16-bit uniforms per actor; the
    pair blocks four 16-bit uniforms per unordered pair: two for perception noise, two challenge
    draws."""
    pairs = n * (n - 1) // 2
    a_blocks, p_blocks = -(-(1 + -(-3 * n // 2)) // 4), -(-4 * pairs // 8)
    streams = np.concatenate([np.full(a_blocks, ACTOR), np.full(p_blocks, PAIR)])
    index = np.concatenate([np.arange(a_blocks), np.arange(p_blocks)])
    return a_blocks, streams, index


def _cells(rows: np.ndarray, index: np.ndarray, n: int) -> np.ndarray:
    """(rows, games) -> (games, n, n) with [g, i, j] = rows[index[i * n + j], g]."""
    return np.ascontiguousarray(rows[index].T).reshape(-1, n, n)


def turn_draws(seeds, turn: int, n: int, keys: np.ndarray | None = None):
    """One turn's draws in every game from one pass of Philox: the card draw; per actor the
    action-noise draw and two for its doctrine; per ordered pair a perception-noise normal
    (Box-Muller, one uniform pair serving both ways) and a challenge draw. 16-bit uniforms are
    plenty for probabilities a game compares against, and they halve the blocks to compute.
    keys: key_schedule(seeds), when the caller keeps it.
    Returns (card (B,), actor (noise, u1, u2) each (B, n), normal (B, n, n), challenge (B, n, n))."""
    if keys is None:
        keys = key_schedule(seeds)
    k, both = _pair_maps(n)
    a_blocks, streams, index = _turn_counters(n)
    words = words_for(keys, turn, streams, index)
    b = words.shape[1]
    card = _to_unit(words[0])
    ah = _halves(words[1:], 0, 3 * n)  # (3n, B): noise, u1, u2 per actor
    actor = tuple(np.ascontiguousarray(ah[i * n : (i + 1) * n].T) for i in range(3))
    ph = _halves(words[4 * a_blocks :], 0, 4 * k)  # (4k, B): Box-Muller's uniforms, then the challenges
    # per-pair rows (pair, game), with one fill row that the diagonal reads
    normal = np.empty((2 * k + 1, b), dtype=np.float32)
    r = np.sqrt(np.float32(-2.0) * np.log(ph[:k]))
    angle = np.float32(2.0 * np.pi) * ph[k : 2 * k]
    np.multiply(r, np.cos(angle), out=normal[:k])
    np.multiply(r, np.sin(angle), out=normal[k : 2 * k])
    normal[2 * k] = 0.0
    challenge = np.empty((2 * k + 1, b), dtype=np.float32)
    challenge[: 2 * k] = ph[2 * k :]
    challenge[2 * k] = 1.0
    return card, actor, _cells(normal, both, n), _cells(challenge, both, n)


@attrs.frozen(eq=False)
class CrisisDraws:
    """One turn's draws for the crises of every game, 16-bit uniforms from the crisis stream,
    drawn every turn whether or not a crisis is open (docs/MODEL.md §10)."""

    backing: np.ndarray  # (B, S, N) ally k's draw for backing its partner over stake s (§7.14)
    accident: np.ndarray  # (B, S) whether the brink slips into war by accident (§7.10)
    fortune: np.ndarray  # (B, S) which side wins a war over the stake (§7.10)
    preempt: np.ndarray  # (B, S, 2) whether a security-seeking party strikes first at the brink (§7.14)
    hunch: np.ndarray  # (B, S, 2) a party's misjudgement of its odds, uniform on (-1, 1) (§7.14)

    def of_games(self, keep: np.ndarray) -> "CrisisDraws":
        """The same draws for the games in keep only."""
        return CrisisDraws(**{f.name: getattr(self, f.name)[keep] for f in attrs.fields(CrisisDraws)})


def crisis_draws(keys: np.ndarray, turn: int, stakes: int, n: int) -> CrisisDraws:
    """The turn's crisis draws for S stakes and N actors: the halves of the crisis stream's blocks
    are, in order, a backing draw for every stake and actor (half s·N + k), an accident draw for
    every stake (half S·N + s), a fortunes-of-war draw for every stake (half S·(N + 1) + s), then a
    pre-emption draw for every stake and side (half S·(N + 2) + 2s + side) and a hunch for every
    stake and side (half S·(N + 4) + 2s + side, as 2u − 1)."""
    count = stakes * (n + 6)
    blocks = max(1, -(-count // 8))
    u = _halves(words_for(keys, turn, np.full(blocks, CRISIS), np.arange(blocks)), 0, count)
    b = u.shape[1]
    first, second = stakes * (n + 2), stakes * (n + 4)
    return CrisisDraws(
        backing=np.ascontiguousarray(u[: stakes * n].T).reshape(b, stakes, n),
        accident=np.ascontiguousarray(u[stakes * n : stakes * (n + 1)].T),
        fortune=np.ascontiguousarray(u[stakes * (n + 1) : first].T),
        preempt=np.ascontiguousarray(u[first:second].T).reshape(b, stakes, 2),
        hunch=(2.0 * np.ascontiguousarray(u[second:count].T) - 1.0).reshape(b, stakes, 2).astype(np.float32),
    )
