"""Every value a scenario file may hold works: each numeric field at either end of its allowed range plays a
game to its end, in a given world and in a hidden one, with a finite, bounded record."""

import json
import math

import attrs
import pytest

from game.core.files.scenario import END_RANGES, MAX_TURNS, load_scenario
from game.core.model import params as P
from game.core.play.session import Game

EA = load_scenario("east_asia_2023")
TURNS = 3  # a crisis can open and a card can strike; the turn limit itself is checked at its own bounds

# (what, low, high) for each numeric field of a scenario file, as its schema allows them
WORLDVIEW = [(f"worldview.{p.name}", p.low, p.high) for p in P.PARAMS]
FILE = [
    ("hidden_prior", 0.0, 1.0),
    ("turns", 1, MAX_TURNS),
    ("actor.capability", 0.1, 10.0),
    ("actor.prosperity", 0.1, 10.0),
    ("actor.x", 0.0, 1.0),
    ("actor.y", 0.0, 1.0),
    ("stake.value", 0.1, 10.0),
    *[(f"end.{name}", low, high) for name, (low, high) in END_RANGES.items()],
]


def scenario_with(field: str, value):
    """east_asia_2023 with one field set to value (every actor's or stake's, for those)."""
    part, _, name = field.partition(".")
    if part == "worldview":
        return EA.with_worldview(EA.worldview.with_values(**{name: value}))
    if part == "actor":
        return attrs.evolve(EA, actors=tuple(attrs.evolve(a, **{name: value}) for a in EA.actors))
    if part == "stake":
        return attrs.evolve(EA, stakes=tuple(attrs.evolve(s, **{name: value}) for s in EA.stakes))
    if part == "end":
        kind = int if isinstance(getattr(EA.end, name), int) else float
        return attrs.evolve(EA, end=attrs.evolve(EA.end, **{name: kind(value)}))
    return attrs.evolve(EA, **{field: value})


def finite(value) -> bool:
    """Every number in a record's JSON is finite."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(finite(v) for v in value.values())
    if isinstance(value, list):
        return all(finite(v) for v in value)
    return True


CASES = [
    # the longest game the schema allows takes seconds a game: it runs with --runslow
    pytest.param(what, end, value, id=f"{what}-{end}", marks=[pytest.mark.slow] if value == MAX_TURNS else [])
    for what, low, high in WORLDVIEW + FILE
    for end, value in (("low", low), ("high", high))
]


@pytest.mark.parametrize("what,end,value", CASES)
def test_every_allowed_value_plays_to_the_end(what, end, value):
    """A field at the low or the high end of its range: the game plays to its end, in a given world and in a
    hidden one, and its record holds only finite numbers and scores within 0-100."""
    sc = scenario_with(what, value)
    turns = sc.turns if what == "turns" else min(sc.turns, TURNS)
    for hidden in (False, True):
        world = {"hidden": True} if hidden else {"worldview": sc.worldview}
        game = Game(sc, 7, turns=turns, **world)
        game.autoplay()
        assert game.over
        if hidden and what == "hidden_prior":  # the observer starts from the prior (its edges once divided by zero)
            assert all(0.0 <= belief <= 1.0 for _, belief in game.observer_beliefs()), what
        assert finite(json.loads(game.save_text())), what
        assert all(0.0 <= float(s) <= 100.0 for s in game.scores()), (what, game.scores())
