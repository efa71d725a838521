"""The hidden world: drawn from the seed, named only at the end, and kept out of replays' way."""

import json
import math
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from tests.inprocess import run_main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core.teaching.hidden import brier, draw_world
from game.core.files.scenario import load_scenario
from game.core.play.session import Game

ROOT = Path(__file__).resolve().parents[2]


def _main(*args):
    done = run_main(*args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_hidden_worlds_are_drawn_evenly_and_the_same_seed_draws_the_same_world():
    """Over seeds 1-120 each preset is drawn 35-65% of the time, and a seed always draws the same world."""
    worlds = [draw_world(seed) for seed in range(1, 121)]
    counts = Counter(worlds)
    assert set(counts) == {"deterrence-world", "spiral-world"}
    assert all(42 <= c <= 78 for c in counts.values()), counts
    assert worlds == [draw_world(seed) for seed in range(1, 121)]


def test_simulate_hidden_records_the_truth_and_names_it_only_in_the_closing_summary():
    """simulate --worldview hidden: the record says worldview_hidden and keeps the world drawn; the
    text output names the world only in its last lines."""
    record = json.loads(_main("simulate", "--seed", "4", "--worldview", "hidden", "--json"))
    assert record["worldview_hidden"] is True
    assert record["worldview"]["preset"] == draw_world(4)
    text = _main("simulate", "--seed", "4", "--worldview", "hidden").splitlines()
    named = [k for k, line in enumerate(text) if "spiral-world" in line or "deterrence-world" in line]
    assert named and min(named) >= len(text) - 15, named  # the closing summary: outcome, world, scores


def test_replay_under_the_other_world_keeps_types_and_choices(tmp_path):
    """replay GAME.json --worldview OTHER keeps the dispositions and every human choice, and runs in the other world."""
    sc = load_scenario("east_asia_2023")
    game = Game(sc, 6, ["human"] + sc.default_doctrines()[1:], turns=8)
    for _ in range(8):
        if game.over:
            break
        game.play_turn({0: (4, 1)})  # a CBM toward the United States every turn
    path = tmp_path / "game.json"
    game.save(path)
    mine = json.loads(path.read_text())
    other = "deterrence-world" if mine["worldview"]["preset"] == "spiral-world" else "spiral-world"
    replayed = json.loads(_main("replay", str(path), "--worldview", other, "--json"))
    assert replayed["worldview"]["preset"] == other
    assert replayed["dispositions"] == mine["dispositions"]
    k = min(len(replayed["human_choices"]), len(mine["human_choices"]))
    assert replayed["human_choices"][:k] == mine["human_choices"][:k] and k > 0


def test_a_war_is_recorded_as_its_crisis():
    """A regional war's record has a crisis with its stake, parties, stances and ended: war."""
    sc = load_scenario("east_asia_2023")
    for seed in range(1, 40):
        game = Game(sc, seed, ["always-challenge"] * sc.n)
        game.autoplay()
        record = game.record().data
        if record["outcome"] == "regional-war":
            break
    wars = [c for c in record["crises"] if c["ended"] == "war"]
    assert len(wars) == 1
    war = wars[0]
    assert war["stake"] in {s.id for s in sc.stakes} and len(war["parties"]) == 2 and war["stances"]


def test_brier_scores_the_stated_chances():
    """Brier: 0 for certainty in the truth, 1 for certainty in the wrong world, 0.25 for 50%."""
    assert brier([(10, 1.0)], spiral=True) == 0.0
    assert brier([(10, 0.0)], spiral=True) == 1.0
    assert brier([(10, 0.5), (20, 0.5)], spiral=False) == 0.25


def _with_prior(folder: Path, prior: float) -> Path:
    """two_rivals with its hidden_prior set, written to folder."""
    text = (ROOT / "assets" / "scenarios" / "two_rivals.toml").read_text()
    path = folder / f"prior-{prior!r}.toml"
    path.write_text(text.replace("\nturns = ", f"\nhidden_prior = {prior!r}\nturns = ", 1))
    return path


@pytest.mark.parametrize("prior", [0.0, 1.0])
def test_a_certain_prior_plays_a_hidden_game_to_its_debrief(tmp_path, prior):
    """simulate --worldview hidden with hidden_prior 0 or 1 plays to the end: the world drawn is the certain
    one, and the observer, who starts certain, stays so."""
    record = json.loads(
        _main(
            "simulate",
            "--scenario",
            str(_with_prior(tmp_path, prior)),
            "--worldview",
            "hidden",
            "--turns",
            "6",
            "--json",
        )
    )
    assert record["worldview"]["preset"] == ("spiral-world" if prior == 1.0 else "deterrence-world")
    assert [p for _, p in record["observer"]] == [prior] * 6
    assert record["brier"]["observer"] == 0.0


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prior=st.one_of(st.sampled_from([0.0, 1.0, 5e-324, 1e-300, 1.0 - 2**-53]), st.floats(0.0, 1.0, allow_nan=False)))
def test_any_prior_the_schema_allows_gives_a_sound_observer(tmp_path_factory, prior):
    """For every hidden_prior the scenario schema allows (0 to 1, bounds included), a hidden game's record has
    the observer's chances finite and within 0..1, and its Brier score within 0..1."""
    sc = load_scenario(_with_prior(tmp_path_factory.mktemp("prior"), prior))
    assert sc.hidden_prior == prior
    game = Game(sc, 3, sc.default_doctrines(), hidden=True, turns=4)
    game.autoplay()
    record = game.record().data
    chances = [p for _, p in record["observer"]]
    assert chances and all(math.isfinite(p) and 0.0 <= p <= 1.0 for p in chances)
    assert 0.0 <= record["brier"]["observer"] <= 1.0


def test_each_move_is_read_by_what_was_done_to_its_mover_the_turn_before():
    """contexts: an actor pressured or challenged last turn answers a THREAT, one offered a summit, CBM or trade by
    another bloc an OPENING (a threat counts first), any other NOTHING; from one's own bloc an offer is no opening."""
    from game.core.model.vocab import Action as A
    from game.core.teaching.hidden import CONCESSION, NOTHING, THREAT, contexts

    same_bloc = np.array([[1, 1, 0, 0], [1, 1, 0, 0], [0, 0, 1, 1], [0, 0, 1, 1]], dtype=bool)
    last_action = np.array([[A.SUMMIT, A.CBM, A.PRESSURE, A.TRADE], [-1, -1, -1, -1]])
    last_target = np.array([[2, 0, 1, 1], [-1, -1, -1, -1]])
    got = contexts(last_action, last_target, same_bloc)
    assert got.tolist() == [[NOTHING, THREAT, CONCESSION, NOTHING], [NOTHING] * 4]


def test_the_observer_adds_each_moves_log_likelihood_ratio_given_its_context(monkeypatch):
    """observer_path: after each turn the log-odds of the spiral world grow by Σ ln(like[1, c, a] / like[0, c, a])
    over the actors' moves, c what was done to each the turn before."""
    import game.core.teaching.hidden as H
    from game.core.model.vocab import Action as A

    sc = load_scenario("two_rivals")
    like = np.random.default_rng(3).dirichlet(np.ones(9), size=(2, 3))
    monkeypatch.setattr(H, "_move_likelihoods", lambda scenario, doctrines: like)
    a, b = sc.codes
    turns = [
        {"turn": 1, "actions": {a: {"action": "CBM", "target": b}, b: {"action": "ARM", "target": None}}},
        {"turn": 2, "actions": {a: {"action": "SUMMIT", "target": b}, b: {"action": "PRESSURE", "target": a}}},
    ]
    path = H.observer_path(sc, sc.default_doctrines(), turns)
    step = np.log(like[1] / like[0])
    other_bloc = sc.actors[0].bloc != sc.actors[1].bloc
    after_cbm = H.CONCESSION if other_bloc else H.NOTHING
    first = step[0, A.CBM] + step[0, A.ARM]
    second = first + step[0, A.SUMMIT] + step[after_cbm, A.PRESSURE]
    assert [t for t, _ in path] == [1, 2]
    assert [p for _, p in path] == pytest.approx([1 / (1 + np.exp(-first)), 1 / (1 + np.exp(-second))])
