"""two_rivals with dynamics off, both types feeling the same matrix (secure_payoff_T = payoff_T),
is exactly the iterated prisoner's dilemma."""

import numpy as np
import pytest

from game.core.model import rng
from game.core.play.session import Game

from .helpers import rivals

PD = (3.0, 0.0, 5.0, 1.0)  # R, S, T, P


def reference(seed, a, b, turns, noise_rate, q=1 / 3, payoffs=PD):
    """A plain iterated prisoner's dilemma reading the game's random stream the same way."""
    R, S, T, P = payoffs
    table = {("C", "C"): (R, R), ("C", "D"): (S, T), ("D", "C"): (T, S), ("D", "D"): (P, P)}
    hist = [[], []]
    score = [0.0, 0.0]
    for t in range(1, turns + 1):
        noise, u1, _ = rng.turn_draws([seed], t, 2)[1]
        moves = []
        for seat, strat in enumerate((a, b)):
            opp = hist[1 - seat]
            if strat == "deterrence":
                m = "D"
            elif strat == "dialogue":
                m = "C"
            elif strat == "reciprocity":
                m = opp[-1] if opp else "C"
            elif strat == "generous-reciprocity":
                m = "C" if not opp or opp[-1] == "C" or u1[0, seat] < q else "D"
            else:
                raise ValueError(strat)
            if noise[0, seat] < noise_rate:
                m = "C" if m == "D" else "D"
            moves.append(m)
        for seat in (0, 1):
            hist[seat].append(moves[seat])
        pa, pb = table[tuple(moves)]
        score[0] += pa
        score[1] += pb
    return score, hist


def play(seed, a, b, turns, noise):
    game = Game(rivals({"action_noise": noise, "secure_payoff_T": 5.0}, turns=turns), seed, [a, b])
    game.autoplay()
    rec = game.record()
    fam = lambda m: "D" if m["action"] in ("ARM", "ALLY", "PRESSURE", "CHALLENGE") else "C"  # noqa: E731
    hist = [[fam(t["actions"][c]) for t in rec.turns] for c in ("AZR", "AMB")]
    return [rec["payoffs"]["AZR"], rec["payoffs"]["AMB"]], hist


def test_known_match_scores():
    """Classic matches score as in the iterated-dilemma literature (Axelrod's Match, 20 turns)."""
    assert play(1, "reciprocity", "deterrence", 20, 0.0)[0] == [19.0, 24.0]
    assert play(1, "reciprocity", "reciprocity", 20, 0.0)[0] == [60.0, 60.0]
    assert play(1, "dialogue", "deterrence", 20, 0.0)[0] == [0.0, 100.0]
    assert play(1, "deterrence", "deterrence", 20, 0.0)[0] == [20.0, 20.0]


STRATS = ["deterrence", "dialogue", "reciprocity", "generous-reciprocity"]


@pytest.mark.parametrize("a", STRATS)
@pytest.mark.parametrize("b", STRATS)
def test_noisy_matches_equal_the_reference_dilemma(a, b):
    """With action noise, every pairing's moves and summed payoffs equal the plain dilemma's."""
    for seed in (1, 2, 3):
        got_score, got_hist = play(seed, a, b, 40, 0.1)
        want_score, want_hist = reference(seed, a, b, 40, 0.1)
        assert got_hist == want_hist
        assert got_score == want_score


def test_generous_copes_with_noise_better_than_strict():
    """Under noise, generous reciprocators earn more with each other than strict ones do."""
    from game.core.runs.batch import run_batch

    sc = rivals({"action_noise": 0.05, "secure_payoff_T": 5.0}, turns=100)
    seeds = np.arange(200)
    gen = run_batch(sc, seeds, ["generous-reciprocity"] * 2).payoff.sum(axis=1)
    tft = run_batch(sc, seeds, ["reciprocity"] * 2).payoff.sum(axis=1)
    # same seeds, same noise draws: a paired comparison
    assert gen.mean() > tft.mean() + 40, (gen.mean(), tft.mean())
    assert (gen > tft).mean() > 0.8
