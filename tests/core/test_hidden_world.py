"""A world that must be inferred: measured over hidden-world games (seeds drawn so that each world has
G games). Short versions run by default; the issue's sizes (600 games a world) run with --runslow,
as benchmarks/third_edition.py infer, observer and trust print them."""

import csv
import io

import numpy as np
import pytest

from game.core.files.scenario import load_scenario
from game.core.model.engine import Engine
from game.core.runs import measures as M
from game.core.runs.game_table import play_table
from game.core.runs.inference import cross_validated_accuracy, public_features
from game.core.runs.turn_table import turn_table_text
from game.core.teaching import hidden as H

SPIRAL = "spiral-world"


@pytest.fixture(scope="module")
def ea():
    return load_scenario("east_asia_2023")


def hidden_games(sc, per_world: int):
    """(seeds, worldview values, is it the spiral world) of the first seats drawing each world per_world times."""
    seeds, spiral, count, seed = [], [], {w: 0 for w in H.WORLDS}, 0
    while min(count.values()) < per_world:
        seed += 1
        world = H.draw_world(seed, sc.hidden_prior)
        if count[world] < per_world:
            seeds.append(seed)
            spiral.append(world == SPIRAL)
            count[world] += 1
    values = np.array([H.worldview_for(sc, s).array() for s in seeds])
    return np.array(seeds), values, np.array(spiral)


def naming_accuracy(sc, per_world: int) -> float:
    """How often a logistic regression on turns 1-3's public columns names the world (5-fold cross-validation)."""
    seeds, values, spiral = hidden_games(sc, per_world)
    labels = [SPIRAL if s else "deterrence-world" for s in spiral]
    rows = list(csv.DictReader(io.StringIO(turn_table_text(sc, seeds, None, ".csv", values, labels))))
    x, order = public_features(rows, sc.codes, turns=3)
    truth = dict(zip(map(str, seeds), spiral))
    return cross_validated_accuracy(x, np.array([truth[s] for s in order]))[0]


def observer_brier(sc, per_world: int) -> float:
    """The game's observer's mean Brier score at the end of hidden-world games."""
    seeds, values, spiral = hidden_games(sc, per_world)
    like = H._move_likelihoods(sc, tuple(sc.default_doctrines()))
    eng = Engine(sc, seeds, None, values, causes=False)
    logodds = np.full(seeds.size, np.log(sc.hidden_prior / (1 - sc.hidden_prior)))
    last, same_bloc = (np.full((seeds.size, sc.n), -1),) * 2, H.same_blocs(sc)
    while not eng.done:
        log = eng.step()
        logodds += np.where(log.active, H.world_reading(like, H.contexts(*last, same_bloc), log.action), 0.0)
        last = log.action, log.target
    return float(np.mean((1 / (1 + np.exp(-logodds)) - spiral) ** 2))


def hidden_trust(sc, per_world: int):
    """(overall AUC, each seat's AUC) of the others' trust, security-seekers over greedy actors, games of 15+ turns."""
    seeds, values, _ = hidden_games(sc, per_world)
    t = play_table(sc, seeds, None, values)
    long = t.end_turn >= 15
    seat = [M.auc(t.trust_received[long, i][~t.greedy[long, i]], t.trust_received[long, i][t.greedy[long, i]])
            for i in range(sc.n)]  # fmt: skip
    return M.trust_auc(t), seat


def test_the_first_turns_say_little_about_the_world_short(ea):
    """With 100 games a world, turns 1-3's public columns name the world in at most 80% of games."""
    assert naming_accuracy(ea, 100) <= 0.80


def test_trust_learns_type_under_the_hidden_world_short(ea):
    """With 100 games a world, the others' trust separates the types at AUC 0.65 or more."""
    assert hidden_trust(ea, 100)[0] >= 0.65


@pytest.mark.slow
def test_the_first_turns_name_the_world_in_at_most_seventy_percent_of_games(ea):
    """A logistic regression on turns 1-3's public columns names the hidden world in at most 70% of games
    (5-fold cross-validation, 600 games a world)."""
    assert naming_accuracy(ea, 600) <= 0.70


@pytest.mark.slow
def test_the_observer_ends_a_game_with_a_brier_score_of_at_most_a_fifth(ea):
    """The game's observer ends a 30-turn hidden-world game with a mean Brier score of 0.20 or less (600 a world)."""
    assert observer_brier(ea, 600) <= 0.20


@pytest.mark.slow
def test_trust_under_the_hidden_world_separates_the_types_for_every_seat(ea):
    """Under the hidden world trust separates the types at AUC 0.70 or more overall and 0.60 for every seat."""
    overall, seats = hidden_trust(ea, 600)
    assert overall >= 0.70 and min(seats) >= 0.60, (overall, seats)
