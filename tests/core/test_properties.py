"""Property tests: any seed, any doctrine mix, any parameters in range."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core.model import params as P
from game.core.model.doctrines import DOCTRINES
from game.core.model.engine import Engine
from game.core.files.scenario import load_scenario
from game.core.play.session import Game

SCENARIOS = {name: load_scenario(name) for name in ("east_asia_2023", "two_rivals")}


@st.composite
def worlds(draw):
    preset = draw(st.sampled_from(P.PRESET_NAMES))
    overrides = {}
    for spec in draw(st.lists(st.sampled_from(P.PARAMS), max_size=6, unique_by=lambda s: s.name)):
        overrides[spec.name] = draw(st.floats(spec.low, spec.high, allow_nan=False))
    return P.Worldview.from_preset(preset, overrides)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(sorted(SCENARIOS)),
    seed=st.integers(0, 2**63 - 1),
    world=worlds(),
    doctrines=st.lists(st.sampled_from(sorted(DOCTRINES)), min_size=8, max_size=8),
    turns=st.integers(1, 40),
)
def test_any_game_ends_in_bounds(name, seed, world, doctrines, turns):
    """Any seed, doctrines and parameters: the game ends by its turn limit, in bounds, with no NaN."""
    sc = SCENARIOS[name].with_worldview(world)
    eng = Engine(sc, [seed, seed ^ 1], doctrines[: sc.n], turns=turns)
    steps = 0
    while not eng.done:
        log = eng.step()
        steps += 1
        s = eng.state
        for arr in (*s.arrays().values(), log.trust, log.payoff, log.security):
            assert np.isfinite(arr).all()
        assert (s.tension >= 0).all() and (s.tension <= 1).all()
        assert (s.regional_tension >= 0).all() and (s.regional_tension <= 100.001).all()
        assert (s.crisis >= 0).all() and (s.crisis <= 4).all()
        assert (s.capability > 0).all() and (s.capability <= 10.0001).all()
        assert ((log.trust >= 0) & (log.trust <= 1)).all()
        assert ((log.security >= 0) & (log.security <= 100.0001)).all()
    assert steps <= turns


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**63 - 1), world=worlds())
def test_same_seed_same_record(seed, world):
    """Any seed and world: replaying gives the same JSON record, and it loads back equal."""
    from game.core.files.record import GameRecord

    sc = SCENARIOS["east_asia_2023"].with_worldview(world).with_turns(8)
    a = Game(sc, seed)
    a.autoplay()
    b = Game(sc, seed)
    b.autoplay()
    text = a.record().to_json()
    assert text == b.record().to_json()
    assert GameRecord.from_json(text) == a.record()
