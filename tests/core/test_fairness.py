"""Each security concept wins in its own world: the model bakes in neither conclusion."""

import numpy as np
import pytest

from game.core.model import params as P
from game.core.runs.batch import run_batch_parallel
from game.core.files.scenario import load_scenario
from game.core.model.vocab import Outcome
from game.core.runs.results import wilson

# 500 games put the two rates' intervals far apart (about 5 % against 28 %, and 65 % against 10 %);
# the full 1,500 with --runslow
GAMES = [pytest.param(500, id="500-games"), pytest.param(1500, id="1500-games", marks=pytest.mark.slow)]


def war_counts(preset, games: int):
    sc = load_scenario("east_asia_2023")
    sc = sc.with_worldview(P.Worldview.from_preset(preset))
    seeds = np.arange(games) + 100_000  # common random numbers: the same seeds for both doctrines
    out = {}
    for doctrine in ("deterrence", "dialogue"):
        res = run_batch_parallel(sc, seeds, [doctrine] * sc.n, workers=2, chunk=games // 2)
        out[doctrine] = int((res.outcome == 1).sum())
        assert res.rate(Outcome.REGIONAL_WAR) == out[doctrine] / games
    return out


@pytest.mark.parametrize("games", GAMES)
def test_deterrence_leads_in_the_deterrence_world(games):
    """In deterrence-world all-deterrence has a lower war rate than all-dialogue, 95% intervals apart."""
    wars = war_counts("deterrence-world", games)
    det = wilson(wars["deterrence"], games)
    dia = wilson(wars["dialogue"], games)
    assert det[1] < dia[0], (wars, det, dia)


@pytest.mark.parametrize("games", GAMES)
def test_dialogue_leads_in_the_spiral_world(games):
    """In spiral-world all-dialogue has a lower war rate than all-deterrence, 95% intervals apart."""
    wars = war_counts("spiral-world", games)
    det = wilson(wars["deterrence"], games)
    dia = wilson(wars["dialogue"], games)
    assert dia[1] < det[0], (wars, det, dia)
