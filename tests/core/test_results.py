"""The results of many games: one Wilson interval, one mean trust, and every run's summary read from them."""

import numpy as np
import pytest

from game.core.files.scenario import load_scenario
from game.core.model.pairs import row_sum
from game.core.model.vocab import Outcome
from game.core.runs import measures as M
from game.core.runs.batch import run_batch
from game.core.runs.experiment import parse_axis, run_conditions, run_sweep
from game.core.runs.game_table import play_table
from game.core.runs.results import RATES, Z95, Condition, mean_trust, outcome_counts, wilson

GAMES = 150
SEEDS = np.arange(1, GAMES + 1)
TURNS = 12  # a fifth of the games have ended in war by then: enough to compare every count, rate and interval


def test_wilson_interval_of_ten_in_a_hundred_is_the_published_one():
    """10 of 100 gives the 95% Wilson interval 0.0552–0.1744 (Newcombe 1998), with z = 1.959964."""
    assert Z95 == 1.959964
    lo, hi = wilson(10, 100)
    assert lo == pytest.approx(0.05523, abs=5e-5) and hi == pytest.approx(0.17437, abs=5e-5)
    assert (lo, hi) == wilson(10, 100, z=1.959964)


def test_wilson_interval_stays_within_zero_and_one():
    """No games gives the whole range; none or all of them keep the interval inside 0..1."""
    assert wilson(0, 0) == (0.0, 1.0)
    for k in (0, 1, 49, 50):
        lo, hi = wilson(k, 50)
        assert 0.0 <= lo <= hi <= 1.0 and lo - 1e-12 <= k / 50 <= hi + 1e-12
    assert wilson(0, 50)[0] < 1e-12 and wilson(50, 50)[1] > 1 - 1e-12
    assert 0.0 < wilson(0, 50)[1] < 0.1 and 0.9 < wilson(50, 50)[0] < 1.0


def test_mean_trust_honours_its_mask():
    """Mean trust counts only the pairs its mask marks: leaving a pair out changes the mean to the others'."""
    rng = np.random.default_rng(3)
    trust = rng.uniform(0, 1, (5, 4, 4)).astype(np.float32)
    off = ~np.eye(4, dtype=bool)
    assert np.allclose(mean_trust(trust, off), trust[:, off].mean(axis=1), atol=1e-6)
    fewer = off.copy()
    fewer[0, 1] = False
    assert np.allclose(mean_trust(trust, fewer), trust[:, fewer].mean(axis=1), atol=1e-6)
    assert not np.allclose(mean_trust(trust, fewer), mean_trust(trust, off))


def test_mean_trust_keeps_the_recorded_digits():
    """Over the off-diagonal pairs, mean trust is the sum of every cell less the diagonal, to the last bit."""
    rng = np.random.default_rng(4)
    trust = rng.uniform(0, 1, (50, 8, 8)).astype(np.float32)
    recorded = (row_sum(row_sum(trust)) - np.trace(trust, axis1=-2, axis2=-1)) / 56
    got = mean_trust(trust, ~np.eye(8, dtype=bool))
    assert got.dtype == np.float32 and np.array_equal(got, recorded)


def test_outcome_counts_name_every_ending():
    """Each game's outcome code is counted under its ending's rate name."""
    codes = np.array([1, 1, 2, 3, 4, 4, 4], dtype=np.int8)
    assert outcome_counts(codes) == {"war": 2, "lockin": 1, "community": 1, "none": 3}
    assert set(RATES) == {"war", "lockin", "community", "none"}


@pytest.fixture(scope="module")
def same_games():
    """One doctrine in one world over the same seeds, run as compare, sweep, batch and the per-game table do."""
    sc = load_scenario("east_asia_2023")
    world = M.in_world(sc, "spiral-world")
    doctrines = ["deterrence"] * sc.n
    cond = Condition("deterrence", world.worldview)
    compare = run_conditions(sc, [cond], GAMES, seed=1, turns=TURNS, workers=1)[0]
    share = world.worldview["greedy_share"]
    sweep = run_sweep(
        sc, [parse_axis(f"greedy_share={share!r}:1:2")], ["deterrence"], world.worldview, GAMES, turns=TURNS, workers=1
    )
    batch = run_batch(world, SEEDS, doctrines, turns=TURNS)
    table = play_table(world, SEEDS, doctrines, turns=TURNS)
    return {
        "compare": compare,
        "sweep": sweep.points[0][1]["deterrence"],
        "batch": batch,
        "table": table,
        "summary": batch.results(cond, sc.codes),
    }


def test_every_run_reads_the_same_rates_and_intervals(same_games):
    """Compare, sweep, a batch, its summary and the per-game table agree on every ending's count, rate and interval."""
    first = same_games["compare"]
    assert sum(first.counts.values()) == GAMES and first.counts["war"] > 0
    for name, run in same_games.items():
        assert run.counts == first.counts, name
        for rate in RATES:
            assert run.rate(rate) == first.rate(rate), (name, rate)
            assert run.ci(rate) == first.ci(rate) == wilson(first.counts[rate], GAMES), (name, rate)


def test_a_rate_can_be_named_by_its_outcome(same_games):
    """A rate asked for by its Outcome is the rate of its name."""
    batch = same_games["batch"]
    assert batch.rate(Outcome.REGIONAL_WAR) == batch.rate("war") == np.mean(batch.outcome == 1)


def test_compare_and_the_batch_summary_agree_on_the_means(same_games):
    """The condition's final mean trust and tension are those of the batch's games, summed as they finished."""
    compare, summary, batch = same_games["compare"], same_games["summary"], same_games["batch"]
    assert compare.as_dict() == summary.as_dict()
    assert compare.mean_trust == float(batch.final_trust.mean())
    assert same_games["sweep"].mean_trust == compare.mean_trust
