"""Each security concept wins in its own world: the model bakes in neither conclusion."""

import numpy as np

from game.core.model import params as P
from game.core.runs.batch import run_batch_parallel
from game.core.files.scenario import load_scenario
from game.core.model.vocab import Outcome
from game.core.runs.results import wilson

GAMES = 1500


def war_counts(preset):
    sc = load_scenario("east_asia_2023")
    sc = sc.with_worldview(P.Worldview.from_preset(preset))
    seeds = np.arange(GAMES) + 100_000  # common random numbers: the same seeds for both doctrines
    out = {}
    for doctrine in ("deterrence", "dialogue"):
        res = run_batch_parallel(sc, seeds, [doctrine] * sc.n, workers=2, chunk=750)
        out[doctrine] = int((res.outcome == 1).sum())
        assert res.rate(Outcome.REGIONAL_WAR) == out[doctrine] / GAMES
    return out


def test_deterrence_leads_in_the_deterrence_world():
    """In deterrence-world all-deterrence has a lower war rate than all-dialogue, 95% intervals apart."""
    wars = war_counts("deterrence-world")
    det = wilson(wars["deterrence"], GAMES)
    dia = wilson(wars["dialogue"], GAMES)
    assert det[1] < dia[0], (wars, det, dia)


def test_dialogue_leads_in_the_spiral_world():
    """In spiral-world all-dialogue has a lower war rate than all-deterrence, 95% intervals apart."""
    wars = war_counts("spiral-world")
    det = wilson(wars["deterrence"], GAMES)
    dia = wilson(wars["dialogue"], GAMES)
    assert dia[1] < det[0], (wars, det, dia)
