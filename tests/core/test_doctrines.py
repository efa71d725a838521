import re

import numpy as np
import pytest

from game.core.model import rng
from game.core.model.doctrines import DOCTRINES, filtered, source
from game.core.model.engine import Engine
from game.core.play.session import Game
from game.core.model.vocab import Action

from .helpers import C, D, rivals, versus

EA_DOCTRINES = sorted(DOCTRINES)


def test_reciprocity_is_tit_for_tat():
    """Reciprocity opens with dialogue and answers each move with the opponent's previous family."""
    script = [C, D, D, C, D, C, C]
    assert versus("reciprocity", script) == [(C, C), (C, D), (D, D), (D, C), (C, D), (D, C), (C, C)]


def test_deterrence_always_deters_and_dialogue_always_talks():
    """In two_rivals the deterrence doctrine never talks and the dialogue doctrine never deters."""
    script = [C, D, C, D, D, C]
    assert [m for m, _ in versus("deterrence", script)] == [D] * 6
    assert [m for m, _ in versus("dialogue", script)] == [C] * 6


def test_generous_reciprocity_forgives_with_its_own_draws():
    """Against constant deterrence, generous reciprocity forgives exactly when its draw falls under 1/3."""
    seed = 12
    script = [D] * 30
    moves = [m for m, _ in versus("generous-reciprocity", script, seed=seed)]
    expected = [C]
    for t in range(2, 31):
        u1 = rng.turn_draws([seed], t, 2)[1][1][0, 0]
        expected.append(C if u1 < 1 / 3 else D)
    assert moves == expected
    assert 3 <= moves.count(C) <= 20  # it sometimes forgives, and not always


def test_grit_answers_pressure_but_not_arming():
    """GRIT keeps reassuring through the opponent's arming but answers pressure with pressure."""
    sc = rivals({"action_noise": 0.0}, turns=5)
    game = Game(sc, 1, ["grit", "human"])
    for act in (Action.ARM, Action.ARM, Action.PRESSURE, Action.SUMMIT, Action.SUMMIT):
        game.play_turn({1: (act, 0)})
    mine = [t["actions"]["AZR"]["action"] for t in game.turns]
    assert mine[:3] == ["CBM", "SUMMIT", "SUMMIT"]
    assert mine[3] == "PRESSURE" and mine[4] == "SUMMIT"


def test_grit_keeps_the_capacity_to_answer():
    """GRIT stops giving up capability once it is below KEEP of its starting strength (no cards:
    the capability it sees is the one before the turn)."""
    import attrs

    from game.core.model.doctrines import Grit
    from game.core.files.scenario import load_scenario

    sc = attrs.evolve(load_scenario("east_asia_2023"), cards=())
    eng = Engine(sc, [5], ["grit"] * sc.n, turns=30)
    start = eng.state.capability[0].copy()
    while not eng.done:
        before = eng.state.capability[0].copy()
        log = eng.step()
        weak = before < Grit.KEEP * start
        assert not (weak & (log.intended[0] == Action.CBM)).any()


def test_fixed_policies_play_their_action():
    """Each always-ACTION policy chooses its action every turn where it can, and stands firm in a crisis."""
    from game.core.files.scenario import load_scenario

    sc = load_scenario("east_asia_2023")
    for action in Action:
        eng = Engine(sc, [2], [f"always-{action.name.lower()}"] * sc.n, turns=4)
        log = eng.step()
        made = log.intended[0] == action
        assert made.any(), action
        assert (made | (log.refused[0] != "") | (log.intended[0] == Action.HOLD)).all(), action


def test_an_alliance_with_a_rival_is_refused_with_its_reason():
    """In two_rivals ALLY aimed at the rival is refused (the actor holds) and the record says why."""
    sc = rivals({"action_noise": 0.0}, turns=3)
    game = Game(sc, 1, ["reciprocity", "human"])
    entry = game.play_turn({1: (Action.ALLY, 0)})
    assert entry["actions"]["AMB"]["action"] == "HOLD"
    assert entry["refused"]["AMB"] == "an alliance with a rival"


def test_always_ally_no_longer_exploits_reciprocity_in_two_rivals():
    """Ally at the rival was once an unanswered defection; now it is refused, so it earns no temptation."""
    sc = rivals({"action_noise": 0.0}, turns=20)
    game = Game(sc, 1, ["always-ally", "reciprocity"])
    game.autoplay()
    assert game.record()["payoffs"]["AZR"] <= 3.0 * 20


def test_opportunist_probes_the_weakest_rival():
    """On its first turn the opportunist presses the rival whose defence looks weakest to it."""
    from game.core.files.scenario import load_scenario

    sc = load_scenario("east_asia_2023")
    eng = Engine(sc, [3], ["opportunist"] * sc.n)
    log = eng.step()
    chn = sc.index("CHN")
    assert log.intended[0, chn] == Action.PRESSURE
    target = log.target[0, chn]
    assert sc.actors[target].bloc != sc.actors[chn].bloc


@pytest.mark.parametrize("name", EA_DOCTRINES)
def test_every_doctrine_is_reproducible_and_valid(name):
    """Every doctrine gives the same moves for the same seed, and only valid actions and targets."""
    from game.core.files.scenario import load_scenario

    sc = load_scenario("east_asia_2023")

    def moves(seed):
        eng = Engine(sc, [seed, seed + 1, seed + 2], [name] * sc.n, turns=8)
        out = []
        while not eng.done:
            log = eng.step()
            assert ((log.intended >= 0) & (log.intended < len(Action))).all()
            assert ((log.target >= -1) & (log.target < sc.n)).all()
            assert (log.target != np.arange(sc.n)[None, :]).all()
            out.append((log.intended.copy(), log.target.copy()))
        return out

    a, b = moves(4), moves(4)
    assert len(a) == len(b) and all(np.array_equal(x[0], y[0]) and np.array_equal(x[1], y[1]) for x, y in zip(a, b))
    cls = DOCTRINES[name]
    assert cls.name == name and cls.description and isinstance(cls.classifier["stochastic"], bool)


@pytest.mark.parametrize("name", EA_DOCTRINES)
def test_every_doctrine_carries_its_classifier_tags_and_names_its_source(name):
    """Each doctrine has every classifier tag, with a family among deterrence, dialogue and mixed, and a
    docstring whose first line names its source (a year in brackets, or 'from no literature')."""
    cls = DOCTRINES[name]
    assert set(cls.classifier) == {"family", "stochastic", "reactive", "memory_depth", "fixed"}
    assert cls.classifier["family"] in {"deterrence", "dialogue", "mixed"}
    assert cls.classifier["fixed"] == (not cls.plays_by_type)
    line = source(cls)
    assert re.search(r"\((19|20)\d\d\)", line) or "from no literature" in line, line


def test_doctrines_are_filtered_by_their_tags():
    """filtered keeps the doctrines whose tags hold every KEY=VALUE given, and rejects an unknown tag."""
    assert [c.name for c in filtered({"family": "dialogue", "fixed": "false"})] == ["dialogue", "grit"]
    assert [c.name for c in filtered({"stochastic": "True"})] == ["generous-reciprocity", "random"]
    assert len(filtered({})) == len(DOCTRINES)
    with pytest.raises(ValueError, match="unknown tag 'colour'"):
        filtered({"colour": "red"})


def test_random_doctrine_uses_every_action():
    """The random baseline reaches every regular action (its type decides challenges)."""
    from game.core.files.scenario import load_scenario

    sc = load_scenario("east_asia_2023")
    eng = Engine(sc, np.arange(50), ["random"] * sc.n, turns=3)
    seen = set()
    while not eng.done:
        seen |= set(np.unique(eng.step().intended).tolist())
    assert seen >= set(range(len(Action) - 1))
