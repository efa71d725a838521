"""The model's properties, measured over thousands of games with common random numbers (every
condition plays seeds 1..G; G = 2000, or DOD_PROPERTY_GAMES). Slow: run with --runslow.
benchmarks/model_properties.py prints the same figures."""

import os

import numpy as np
import pytest

from game.core.runs import measures as M
from game.core.model.doctrines import PLAYING_DOCTRINES
from game.core.model.params import PRESET_NAMES
from game.core.files.scenario import load_scenario
from game.core.runs.game_table import play_table

pytestmark = pytest.mark.slow
GAMES = int(os.environ.get("DOD_PROPERTY_GAMES", "2000"))
SEEDS = np.arange(1, GAMES + 1)


@pytest.fixture(scope="module")
def ea():
    return load_scenario("east_asia_2023")


@pytest.fixture(scope="module")
def seats(ea):
    """Every seat × policy in each preset world, the others playing the scenario's doctrines."""
    return {world: M.seat_policies(ea, world, SEEDS) for world in PRESET_NAMES}


def _by_seat(results):
    out = {}
    for r in results:
        out.setdefault(r.seat, []).append(r)
    return out


def test_agency_a_seats_policy_moves_its_score_and_its_war_rate(seats):
    """In each world, for at least 6 of 8 seats the best and worst policy differ by 10 points of the
    seat's own mean score; in the spiral world also by 10 points of its own war rate."""
    for world, results in seats.items():
        moved = 0
        for code, rows in _by_seat(results).items():
            scores = [r.score for r in rows]
            wars = [r.war_rate for r in rows]
            ok = max(scores) - min(scores) >= 10
            if world == "spiral-world":
                ok &= (max(wars) - min(wars)) * 100 >= 10
            moved += ok
        assert moved >= 6, (world, moved)


def test_no_dominant_move(seats):
    """No policy is best for the same seat in both worlds for more than 3 of 8 seats, and
    always-forum is best for at most half the seats in either world."""
    best = {
        w: {c: max(rows, key=lambda r: r.score).policy for c, rows in _by_seat(res).items()} for w, res in seats.items()
    }
    same = sum(best["deterrence-world"][c] == best["spiral-world"][c] for c in best["spiral-world"])
    assert same <= 3, best
    for world in PRESET_NAMES:
        assert sum(p == "always-forum" for p in best[world].values()) <= 4, best[world]


def test_fair_seats_every_seat_can_beat_its_baseline(seats):
    """Every seat has a policy that beats its AI baseline by 3 points or more in at least one world."""
    for code in _by_seat(seats["spiral-world"]):
        gain = max(r.score - r.baseline for w in PRESET_NAMES for r in seats[w] if r.seat == code)
        assert gain >= 3, (code, gain)


@pytest.mark.parametrize("world,threshold", [("spiral-world", 0.75), ("deterrence-world", 0.65)])
def test_trust_learns_type(ea, world, threshold):
    """The others' mean trust separates greedy from security-seeking actors (AUC, games of 15+ turns)."""
    table = play_table(M.in_world(ea, world), SEEDS)
    assert M.trust_auc(table) >= threshold


@pytest.fixture(scope="module")
def cells(ea):
    return {(w, d): play_table(M.in_world(ea, w), SEEDS, [d] * ea.n) for w in PRESET_NAMES for d in PLAYING_DOCTRINES}


def test_all_four_endings_happen_and_wars_are_not_instant(cells, ea):
    """Each ending occurs in at least 5% of games in some doctrine × world cell; in every cell with
    50 or more wars the median war turn is 6 or later; no war between two actors of one treaty bloc."""
    for ending in (1, 2, 3):  # regional war, cold-war lock-in, security community
        assert max(np.mean(t.outcome == ending) for t in cells.values()) >= 0.05, ending
    assert max(np.mean(t.outcome == 4) for t in cells.values()) >= 0.05
    for key, t in cells.items():
        wars = t.outcome == 1
        if wars.sum() >= 50:
            assert np.median(t.end_turn[wars]) >= 6, key
        assert M.same_bloc_wars(t, ea) == 0, key


def test_all_dialogue_without_greed_reaches_a_security_community(ea):
    """All-dialogue in the spiral world with greedy_share 0 reaches a security community in 30% of games."""
    t = play_table(M.in_world(ea, "spiral-world", greedy_share=0.0), SEEDS, ["dialogue"] * ea.n)
    assert np.mean(t.outcome == 3) >= 0.30


def test_each_family_has_the_lower_war_rate_in_its_own_world(cells):
    """All-deterrence has the lower war rate in the deterrence world, all-dialogue in the spiral
    world, with 95% intervals apart."""

    def interval(world, doctrine):
        return cells[(world, doctrine)].ci("war")

    assert interval("deterrence-world", "deterrence")[1] < interval("deterrence-world", "dialogue")[0]
    assert interval("spiral-world", "dialogue")[1] < interval("spiral-world", "deterrence")[0]


def test_the_verdict_crosses_over_inside_the_greedy_share_range(ea):
    """Along greedy_share in the spiral world, dialogue has the lower war rate at 0 and deterrence
    at 1: the verdict crosses over strictly inside (0, 1)."""

    def gap(g):
        rates = [
            np.mean(play_table(M.in_world(ea, "spiral-world", greedy_share=g), SEEDS, [d] * ea.n).outcome == 1)
            for d in ("deterrence", "dialogue")
        ]
        return rates[0] - rates[1]

    assert gap(0.0) > 0 and gap(1.0) < 0
