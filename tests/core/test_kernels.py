"""The compiled helpers build, the compiled Philox gives exactly the numpy reference's words, and
a game's record does not depend on whether the compiled helpers or the numpy versions run
(test_fastops.py runs each short-axis operation both ways)."""
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core import kernels, rng

ROOT = Path(__file__).resolve().parents[2]
needs_compiled = pytest.mark.skipif(not rng.compiled(), reason="the compiled Philox is not built here "
                                                                 "(python -m game.core.kernels)")


@pytest.mark.parametrize("name", sorted(kernels.SOURCES))
def test_the_compiled_helpers_build_where_a_c_compiler_is(name):
    if kernels.compiler() is None:
        pytest.skip("no C compiler on this machine")
    path, what = kernels.build(name)
    assert path is not None and path.exists(), what
    assert kernels.load(name) is not None
    if name == "philox":
        assert kernels.load(name).philox_rounds() == rng.ROUNDS


def test_numpy_only_leaves_the_compiled_helpers_unused(monkeypatch):
    monkeypatch.setenv("DOD_NUMPY_ONLY", "1")
    assert all(kernels.load(name) is None for name in kernels.SOURCES)


@needs_compiled
def test_compiled_philox_gives_random123s_known_answer():
    """Counter (0, 0, 0, 0) under key (0, 0): Random123's Philox4x32-10 known-answer vector."""
    words = rng.words_for(rng.key_schedule(np.zeros(1, dtype=np.uint64)), 0, [0], [0])
    assert [int(w) for w in words[:, 0]] == [0x6627E8D5, 0xE169C58D, 0xBC57AC4C, 0x9B00DBD8]


@needs_compiled
@settings(max_examples=60, deadline=None)
@given(seeds=st.lists(st.integers(0, rng.MAX_SEED), min_size=1, max_size=70),
       turn=st.integers(0, 2**32 - 1),
       blocks=st.lists(st.tuples(st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1)), min_size=1, max_size=20))
def test_compiled_philox_equals_the_numpy_reference(seeds, turn, blocks):
    keys = rng.key_schedule(np.array(seeds, dtype=np.uint64))
    streams = [s for s, _ in blocks]
    index = [i for _, i in blocks]
    assert np.array_equal(rng.words_for(keys, turn, streams, index), rng.words_numpy(keys, turn, streams, index))


@needs_compiled
@pytest.mark.parametrize("games", [1, 15, 16, 17, 1001])
def test_compiled_philox_equals_the_numpy_reference_on_a_turns_draws(games):
    """Every block of a turn (the engine's counters) in every game, for batch sizes on and off
    the vector width."""
    keys = rng.key_schedule(np.random.default_rng(games).integers(0, rng.MAX_SEED, games, dtype=np.uint64))
    _, streams, index = rng._turn_counters(8)
    for turn in (1, 17, 30):
        assert np.array_equal(rng.words_for(keys, turn, streams, index), rng.words_numpy(keys, turn, streams, index))


@needs_compiled
def test_compiled_philox_reads_a_strided_key_selection():
    """The engine hands over the keys of some games only (a fancy-indexed, strided selection)."""
    keys = rng.key_schedule(np.arange(50, dtype=np.uint64) * 977 + 3)
    some = keys[:, :, ::3]
    assert np.array_equal(rng.words_for(some, 5, [3, 3], [40, 41]), rng.words_numpy(some, 5, [3, 3], [40, 41]))


def _numpy_only(monkeypatch, f):
    """f() with the compiled helpers set aside: the numpy versions."""
    with monkeypatch.context() as m:
        m.setattr(rng, "_LIB", None)
        return f()


@needs_compiled
def test_halves_and_gathers_are_the_same_from_both_versions(monkeypatch):
    words = np.random.default_rng(3).integers(0, 2**32, (9, 37), dtype=np.uint64).astype(np.uint32)
    for row, first, count in [(0, 0, 18), (1, 3, 7), (2, 1, 1), (4, 5, 5)]:
        fast = rng._halves_rows(words, row, first, count)
        assert np.array_equal(fast, _numpy_only(monkeypatch, lambda: rng._halves_rows(words, row, first, count)))
    rows = np.random.default_rng(4).random((5, 37), dtype=np.float32)
    index = np.array([4, 0, 0, 3, 2, 1, 4])
    assert np.array_equal(rng._gather(rows, index), _numpy_only(monkeypatch, lambda: rng._gather(rows, index)))


@needs_compiled
@pytest.mark.parametrize("games", [1, 17, 640])
def test_a_turns_draws_are_the_same_from_both_versions(monkeypatch, games):
    """Card, actor and pair draws, and the accident draws, value for value (the 16-bit halves,
    their gathering into cells and the normals built from them)."""
    seeds = np.random.default_rng(games).integers(0, rng.MAX_SEED, games, dtype=np.uint64)
    keys = rng.key_schedule(seeds)
    for turn in (1, 12, 30):
        fast = rng.turn_draws(seeds, turn, 8, keys)
        slow = _numpy_only(monkeypatch, lambda: rng.turn_draws(seeds, turn, 8, keys))
        assert np.array_equal(fast[0], slow[0])
        for a, b in zip(fast[1], slow[1]):
            assert a.shape == b.shape == (games, 8) and np.array_equal(a, b)
        for a, b in zip(fast[2:], slow[2:]):
            assert a.dtype == b.dtype and a.shape == b.shape == (games, 8, 8) and np.array_equal(a, b)
        some = keys[:, :, ::2]
        assert np.array_equal(rng.accident_draws(some, turn, 8),
                              _numpy_only(monkeypatch, lambda: rng.accident_draws(some, turn, 8)))


def _run(args: list[str], env_extra: dict) -> dict:
    env = {**os.environ, **env_extra}
    out = subprocess.run([sys.executable, "main.py", *args, "--json"], cwd=ROOT, env=env, capture_output=True,
                         text=True, check=True).stdout
    record = json.loads(out)
    record.pop("seconds", None)
    return record


@needs_compiled
@pytest.mark.parametrize("args", [["simulate", "--seed", "11"],
                                  ["compare", "--games", "400", "--workers", "1"]])
def test_games_are_the_same_with_and_without_the_compiled_helpers(args):
    """One game with its causes, and a batch (blocks, finished games leaving them, cards, shifts)."""
    assert _run(args, {"DOD_NUMPY_ONLY": "1"}) == _run(args, {})


def test_address_is_where_the_data_starts():
    a = np.arange(40, dtype=np.float32).reshape(5, 8)
    ro = a.copy()
    ro.flags.writeable = False
    for x in (a, a[2:], a[1], ro, np.empty(0, dtype=np.float32)):
        assert kernels.address(x) == x.ctypes.data


def test_a_helper_that_cannot_be_built_leaves_the_numpy_version(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setattr(kernels, "BUILD_DIR", blocker / "_build")   # cannot be made
    path, what = kernels.build("philox")
    assert path is None and "numpy version runs" in what
    assert kernels.load("philox") is None
    monkeypatch.setattr(kernels, "compiler", lambda: None)
    assert kernels.build("fastops") == (None, "no C compiler found (set CC): the numpy version runs")
    assert kernels.main(["--quiet"]) == 0
