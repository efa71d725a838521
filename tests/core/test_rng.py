"""The batched Philox generator: Random123's known answer, and a game's words whatever batch,
selection of games or pass over the games they come from."""

import numpy as np
import pytest

from game.core.model import rng


def test_batched_philox_gives_random123s_known_answer():
    """Counter (0, 0, 0, 0) under key (0, 0) gives Random123's Philox4x32-10 known-answer vector."""
    words = rng.words_for(rng.key_schedule(np.zeros(1, dtype=np.uint64)), 0, [0], [0])
    assert [int(w) for w in words[:, 0]] == [0x6627E8D5, 0xE169C58D, 0xBC57AC4C, 0x9B00DBD8]


def test_a_strided_key_selection_gives_those_games_words():
    """The keys of some games only (a strided selection, as the engine hands over) give those games' words."""
    keys = rng.key_schedule(np.arange(50, dtype=np.uint64) * 977 + 3)
    some = keys[:, :, ::3]
    assert np.array_equal(rng.words_for(some, 5, [3, 3], [40, 41]), rng.words_for(keys, 5, [3, 3], [40, 41])[:, ::3])


@pytest.mark.parametrize("games", [1, 15, 16, 17, 1001])
def test_a_batch_gives_each_games_words_alone(games):
    """Every block of a turn in a batch, over one pass or several, equals each game's words worked out alone."""
    seeds = np.random.default_rng(games).integers(0, rng.MAX_SEED, games, dtype=np.uint64)
    keys = rng.key_schedule(seeds)
    _, streams, index = rng._turn_counters(8)
    for turn in (1, 17, 30):
        words = rng.words_for(keys, turn, streams, index)
        for g in sorted({0, games // 2, games - 1}):
            assert np.array_equal(words[:, g], rng.words_for(keys[:, :, g : g + 1], turn, streams, index)[:, 0])


def test_halves_are_each_words_low_then_high_16_bits():
    """Half h of a run of words is (x + 0.5) / 2**16 of word h // 2's low 16 bits when h is even, its high ones when
    odd."""
    words = np.random.default_rng(3).integers(0, 2**32, (9, 37), dtype=np.uint64).astype(np.uint32)
    for first, count in [(0, 18), (3, 7), (1, 1), (5, 5)]:
        got = rng._halves(words, first, count)
        for i, h in enumerate(range(first, first + count)):
            x = (words[h // 2] >> (16 * (h % 2))) & 0xFFFF
            assert got.dtype == np.float32 and np.array_equal(got[i], (x + 0.5) / 65536.0)


@pytest.mark.parametrize("stakes, n", [(4, 8), (1, 3), (3, 5), (0, 4)])
def test_the_crisis_draws_are_the_crisis_streams_halves_by_name(stakes, n):
    """CrisisDraws holds, from the crisis stream's 16-bit halves in order, backing (B, S, N) at half s·N + k, then
    accident (B, S) at S·N + s, then fortune (B, S) at S·(N + 1) + s."""
    seeds = np.array([0, 7, 2**40 + 3], dtype=np.uint64)
    keys = rng.key_schedule(seeds)
    draws = rng.crisis_draws(keys, 9, stakes, n)
    count = stakes * (n + 2)
    blocks = max(1, -(-count // 8))
    halves = rng._halves(rng.words_for(keys, 9, [rng.CRISIS] * blocks, range(blocks)), 0, count).T  # (B, count)
    assert draws.backing.shape == (3, stakes, n) and draws.accident.shape == draws.fortune.shape == (3, stakes)
    for s in range(stakes):
        for k in range(n):
            assert np.array_equal(draws.backing[:, s, k], halves[:, s * n + k])
        assert np.array_equal(draws.accident[:, s], halves[:, stakes * n + s])
        assert np.array_equal(draws.fortune[:, s], halves[:, stakes * (n + 1) + s])
    alone = rng.crisis_draws(keys[:, :, 1:2], 9, stakes, n)
    assert np.array_equal(alone.fortune[0], draws.fortune[1]) and np.array_equal(alone.backing[0], draws.backing[1])
