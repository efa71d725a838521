"""The rules one at a time, on small hand-built states of two or three actors.

Each test calls a rule function directly (not the engine) and works out what it should give
from the equation in docs/MODEL.md §7, with the named constants (constants.K) and the worldview
presets (params.PRESETS), so that a test fails if a rule changes.
"""
from __future__ import annotations

import attrs
import numpy as np
import pytest

from game.core import params as P
from game.core.constants import K
from game.core.params import Worldview
from game.core.rules import actions, arms, crises, economy, endings, events, perception, resolve_image, scores
from game.core.rules import tension_dynamics
from game.core.rules.choice import action_noise
from game.core.rules.in_force import InForce
from game.core.rules.moves import Moves
from game.core.scenario import EndRules, load_scenario
from game.core.state import State, sigmoid
from game.core.vocab import DETERRENCE_ACTIONS, DIALOGUE_ACTIONS, OUTCOME_INDEX, Action, Outcome, targeted

TOL = 1e-5
NONE = -1


# ---------------------------------------------------------------- helpers

def in_force(preset: str = "spiral-world", b: int = 1, **overrides) -> InForce:
    """The parameters of B games of one worldview."""
    return InForce(np.tile(Worldview.from_preset(preset, overrides).array(), (b, 1)))


def value(preset: str, name: str, **overrides) -> float:
    """A worldview parameter as the tests reckon with it: float64."""
    return Worldview.from_preset(preset, overrides)[name]


def moves(*games) -> Moves:
    """Moves from one list of (action, target) per game, one pair per actor."""
    action = np.array([[a for a, _ in game] for game in games], dtype=np.int8)
    target = np.array([[t for _, t in game] for game in games], dtype=np.int8)
    return Moves(action, target)


def off(n: int) -> np.ndarray:
    return (~np.eye(n, dtype=bool)).astype(np.float32)


def pair(n: int, cells: dict, fill: float = 0.0, b: int = 1, dtype=np.float32) -> np.ndarray:
    """A (B, N, N) pair array with the given cells set (both ways), zero on the diagonal."""
    a = np.full((n, n), fill, dtype=np.float64)
    for (i, j), v in cells.items():
        a[i, j] = a[j, i] = v
    np.fill_diagonal(a, 0.0)
    return np.tile(a.astype(dtype), (b, 1, 1))


def make_state(b: int, n: int, **fields) -> State:
    """A State of B games and N actors: neutral values unless a field is given; a given value is
    broadcast to the field's shape, so a per-actor list serves every game."""
    shapes = {
        "capability": ((b, n), np.float32, 5.0), "prosperity": ((b, n), np.float32, 5.0),
        "greedy": ((b, n), bool, False), "trust_logodds": ((b, n, n), np.float32, 0.0),
        "alliance": ((b, n, n), np.float32, 0.0), "ties": ((b, n, n), np.float32, 0.0),
        "tension": ((b, n, n), np.float32, 0.0), "crisis": ((b, n, n), np.int8, 0),
        "forum": ((b,), np.float32, 0.0), "regional_tension": ((b,), np.float32, 0.0),
        "resolve": ((b, n), np.float32, K.START_RESOLVE), "last_action": ((b, n), np.int8, -1),
        "last_target": ((b, n), np.int8, -1), "card_shift": ((b, len(P.NAMES)), np.float64, 0.0),
        "card_shift_left": ((b,), np.int16, 0), "lockin_run": ((b,), np.int16, 0),
        "community_run": ((b,), np.int16, 0), "outcome": ((b,), np.int8, 0), "end_turn": ((b,), np.int16, 0),
        "payoff": ((b, n), np.float64, 0.0), "security_sum": ((b, n), np.float64, 0.0),
    }
    unknown = set(fields) - set(shapes) - {"turn"}
    assert not unknown, unknown
    arrays = {name: np.broadcast_to(np.asarray(fields.get(name, default), dtype=dtype), shape).copy()
              for name, (shape, dtype, default) in shapes.items()}
    return State(turn=fields.get("turn", 0), **arrays)


def f64(x) -> np.ndarray:
    return np.asarray(x, dtype=np.float64)


# ---------------------------------------------------------------- §7.4 perception

def test_cbm_moves_the_targets_trust_at_full_weight_and_a_bystanders_at_bystander_weight():
    """A CBM moves its target's and a bystander's trust log-odds exactly by the update formula."""
    preset = "spiral-world"
    p = in_force(preset)
    m, r = value(preset, "trust_memory"), value(preset, "reassurance_signal")
    camp_bias, suspicion = value(preset, "camp_bias"), value(preset, "suspicion_bias")
    # actor 0 offers a CBM to actor 1 (same bloc); actor 2 (the other bloc) looks on; 1 and 2 hold
    mv = moves([(Action.CBM, 1), (Action.HOLD, NONE), (Action.HOLD, NONE)])
    same_bloc = np.array([[1, 1, 0], [1, 1, 0], [0, 0, 1]], dtype=bool)
    camp = (~same_bloc).astype(np.float32)
    start = np.array([[0.0, 0.4, -0.8], [0.3, 0.0, -0.2], [-1.1, 0.5, 0.0]])
    now = np.array([[0.0, 1.0, -1.5], [-0.6, 0.0, 0.7], [-2.0, 0.2, 0.0]])
    reading = perception.read_moves(mv, p, same_bloc)
    assert reading[0, 1, 0] == pytest.approx(r, abs=TOL)                          # the target
    assert reading[0, 2, 0] == pytest.approx(K.BYSTANDER_WEIGHT * r, abs=TOL)    # the bystander
    new, _ = perception.update_trust(now[None].astype(np.float32), start[None].astype(np.float32), reading,
                                     np.zeros((1, 3, 3), np.float32), p, camp, np.zeros((1, 3, 3), np.float32),
                                     off(3))
    ew, lmax = float(K.EVIDENCE_WEIGHT), float(K.TRUST_LOGODDS_MAX)

    def by_hand(i, j, read):
        evidence = read - camp_bias * camp[i, j] + suspicion
        return np.clip(m * now[i, j] + (1 - m) * start[i, j] + ew * evidence, -lmax, lmax)

    assert new[0, 1, 0] == pytest.approx(by_hand(1, 0, r), abs=TOL)
    assert new[0, 2, 0] == pytest.approx(by_hand(2, 0, float(K.BYSTANDER_WEIGHT) * r), abs=TOL)
    assert new[0, 1, 0] - by_hand(1, 0, 0.0) == pytest.approx(ew * r, abs=TOL)
    assert new[0, 2, 0] - by_hand(2, 0, 0.0) == pytest.approx(ew * float(K.BYSTANDER_WEIGHT) * r, abs=TOL)
    assert (np.diagonal(new[0]) == 0).all()


def test_an_alliance_move_reassures_its_partner_alarms_the_other_bloc_and_says_nothing_to_its_own():
    """An ALLY move reads ALLY_PARTNER_SIGNAL to its partner, alliance_signal to the other bloc, 0 to its own."""
    p = in_force("spiral-world")
    same_bloc = np.ones((4, 4), dtype=bool)   # actors 0, 1, 3 in one bloc, 2 in another
    same_bloc[2, :] = same_bloc[:, 2] = False
    same_bloc[2, 2] = True
    mv = moves([(Action.ALLY, 1), (Action.HOLD, NONE), (Action.HOLD, NONE), (Action.HOLD, NONE)])
    reading = perception.read_moves(mv, p, same_bloc)
    assert reading[0, 1, 0] == pytest.approx(K.ALLY_PARTNER_SIGNAL, abs=TOL)
    assert reading[0, 2, 0] == pytest.approx(value("spiral-world", "alliance_signal"), abs=TOL)
    assert reading[0, 3, 0] == 0.0
    assert reading[0, 0, 1] == pytest.approx(K.HOLD_SIGNAL, abs=TOL)


# ---------------------------------------------------------------- §7.3 actions

def test_arming_raises_capability_by_the_shrinking_step_and_costs_prosperity():
    """ARM adds ARM_STEP·(1 − c/CAPABILITY_MAX) capability and costs ARM_COST prosperity; HOLD changes nothing."""
    c = np.array([2.0, 8.0, 5.0])
    st = make_state(1, 3, capability=c, prosperity=[4.0, 4.0, 4.0])
    after = actions.act(st, moves([(Action.ARM, NONE), (Action.ARM, NONE), (Action.HOLD, NONE)]))
    step = float(K.ARM_STEP) * (1.0 - c / float(K.CAPABILITY_MAX))
    np.testing.assert_allclose(after.capability[0], [c[0] + step[0], c[1] + step[1], c[2]], atol=TOL)
    np.testing.assert_allclose(after.prosperity[0], [4.0 - K.ARM_COST, 4.0 - K.ARM_COST, 4.0], atol=TOL)
    assert step[0] > step[1]   # the weak gain more from a turn of arming than the strong


def test_a_cbm_gives_up_capability_and_prosperity():
    """CBM costs its mover CBM_COST capability and CBM_PROSPERITY_COST prosperity, its target nothing."""
    st = make_state(1, 2, capability=[5.0, 5.0], prosperity=[4.0, 4.0])
    after = actions.act(st, moves([(Action.CBM, 1), (Action.HOLD, NONE)]))
    np.testing.assert_allclose(after.capability[0], [5.0 - K.CBM_COST, 5.0], atol=TOL)
    np.testing.assert_allclose(after.prosperity[0], [4.0 - K.CBM_PROSPERITY_COST, 4.0], atol=TOL)


def test_trading_raises_both_partners_ties_and_prosperity():
    """A trade raises the pair's ties by TRADE_TIES both ways and both partners' prosperity by TRADE_GAIN."""
    st = make_state(1, 3, prosperity=[4.0, 4.0, 4.0], ties=pair(3, {(0, 1): 0.2, (1, 2): 0.3}))
    after = actions.act(st, moves([(Action.TRADE, 1), (Action.HOLD, NONE), (Action.HOLD, NONE)]))
    expected_ties = pair(3, {(0, 1): 0.2 + float(K.TRADE_TIES), (1, 2): 0.3})
    np.testing.assert_allclose(after.ties, expected_ties, atol=TOL)
    np.testing.assert_allclose(after.prosperity[0], [4.0 + K.TRADE_GAIN, 4.0 + K.TRADE_GAIN, 4.0], atol=TOL)


def test_pressure_costs_both_sides_the_target_more():
    """PRESSURE costs its mover PRESSURE_COST and its target PRESSURED_COST prosperity."""
    st = make_state(1, 3, prosperity=[4.0, 4.0, 4.0])
    after = actions.act(st, moves([(Action.PRESSURE, 1), (Action.HOLD, NONE), (Action.HOLD, NONE)]))
    np.testing.assert_allclose(after.prosperity[0], [4.0 - K.PRESSURE_COST, 4.0 - K.PRESSURED_COST, 4.0], atol=TOL)
    assert K.PRESSURED_COST > K.PRESSURE_COST


def test_the_forum_grows_more_when_all_attend_than_when_one_does():
    """The forum grows by FORUM_GAIN times the share attending: collective, and decays by FORUM_DECAY."""
    f0 = 0.2
    st = make_state(3, 3, forum=f0)
    everyone = [(Action.FORUM, NONE)] * 3
    one = [(Action.FORUM, NONE), (Action.HOLD, NONE), (Action.HOLD, NONE)]
    nobody = [(Action.HOLD, NONE)] * 3
    after = actions.act(st, moves(everyone, one, nobody)).forum
    kept = f0 * (1.0 - float(K.FORUM_DECAY))
    gain = float(K.FORUM_GAIN) * (1.0 - f0)
    np.testing.assert_allclose(after, [kept + gain, kept + gain / 3.0, kept], atol=TOL)
    assert after[0] > after[1] > f0 > after[2]


# ---------------------------------------------------------------- §7.10 the ladder

def ladder(rung: int, challenger: int | None, greedy=(False, False), win: float = 0.3, talk: bool = False,
           pressure: bool = False, accident: bool = False) -> np.ndarray:
    """The crisis matrix of two actors after one turn of climb_ladder."""
    challenged = np.zeros((1, 2, 2), dtype=bool)
    if challenger is not None:
        challenged[0, challenger, 1 - challenger] = True
    crisis = pair(2, {(0, 1): rung}, dtype=np.int8)
    return crises.climb_ladder(crisis, challenged, pair(2, {(0, 1): win}), np.array([greedy]),
                               pair(2, {(0, 1): talk}, dtype=bool), pair(2, {(0, 1): pressure}, dtype=bool),
                               pair(2, {(0, 1): accident}, dtype=bool))


def rung_of(crisis: np.ndarray) -> int:
    assert crisis[0, 0, 1] == crisis[0, 1, 0], "a crisis is the pair's, the same both ways"
    assert crisis[0, 0, 0] == crisis[0, 1, 1] == 0
    return int(crisis[0, 0, 1])


@pytest.mark.parametrize("rung", [0, 1, K.WAR_RUNG - 2])
def test_a_challenge_climbs_one_rung_when_the_pair_is_not_talking(rung):
    """A challenge between a pair that is not talking climbs its crisis one rung, below the brink."""
    assert rung_of(ladder(rung, challenger=0)) == rung + 1
    assert rung_of(ladder(rung, challenger=1)) == rung + 1


def test_talk_stops_a_fearful_challenge_climbing_but_not_a_greedy_one():
    """With talk a security-seeker's challenge does not climb; a greedy challenger's does."""
    assert rung_of(ladder(1, challenger=0, talk=True)) == 1
    assert rung_of(ladder(1, challenger=0, talk=True, greedy=(True, False))) == 2
    # the greed must be the challenger's: a greedy target does not make the challenge climb
    assert rung_of(ladder(1, challenger=0, talk=True, greedy=(False, True))) == 1


def test_a_quiet_turn_steps_the_crisis_down_unless_someone_keeps_up_pressure_without_talk():
    """Without a challenge a crisis steps down one rung, unless pressure continues and nobody talks."""
    assert rung_of(ladder(2, challenger=None)) == 1
    assert rung_of(ladder(2, challenger=None, pressure=True)) == 2
    assert rung_of(ladder(2, challenger=None, pressure=True, talk=True)) == 1
    assert rung_of(ladder(0, challenger=None)) == 0


def test_war_comes_at_the_brink_only_from_a_greedy_challenger_expecting_to_win_or_by_accident():
    """At the brink a challenge ends in war only for a greedy challenger with win > WAR_ODDS, or by accident."""
    brink, above, below = K.WAR_RUNG - 1, float(K.WAR_ODDS) + 0.1, float(K.WAR_ODDS) - 0.1
    assert rung_of(ladder(brink, 0, greedy=(True, False), win=above)) == K.WAR_RUNG
    assert rung_of(ladder(brink, 0, greedy=(True, False), win=above, talk=True)) == K.WAR_RUNG
    assert rung_of(ladder(brink, 0, greedy=(True, False), win=below)) == brink
    assert rung_of(ladder(brink, 0, greedy=(False, False), win=above)) == brink
    assert rung_of(ladder(brink, 0, greedy=(False, True), win=above)) == brink
    assert rung_of(ladder(brink, 0, accident=True)) == K.WAR_RUNG
    # no challenge, no war: an accident needs a challenge at the brink; below the brink, one rung only
    assert rung_of(ladder(brink, None, accident=True, pressure=True)) == brink
    assert rung_of(ladder(brink - 1, 0, greedy=(True, False), win=above, accident=True)) == brink


def test_accidents_happen_at_the_brink_with_chance_accident_rate_times_misperception():
    """accidents() is true at the brink exactly where the draw is below ACCIDENT_RATE·misperception."""
    p = in_force("spiral-world")
    chance = float(K.ACCIDENT_RATE) * value("spiral-world", "misperception")
    at_brink = pair(2, {(0, 1): True}, dtype=bool)
    assert crises.accidents(at_brink, pair(2, {(0, 1): chance - 0.01}), p)[0, 0, 1]
    assert not crises.accidents(at_brink, pair(2, {(0, 1): chance + 0.01}), p)[0, 0, 1]
    assert not crises.accidents(np.zeros_like(at_brink), pair(2, {(0, 1): 0.0}), p).any()


# ---------------------------------------------------------------- §7.9 the challenge

def challenge_z(preset="spiral-world", win=0.6, trust=0.5, tension=0.4, ties=0.0, forum=0.0,
                resolve=0.5, greedy=False, **overrides) -> float:
    """z of actor 0 against actor 1, from challenge_logodds."""
    p = in_force(preset, **overrides)
    z = crises.challenge_logodds(pair(2, {(0, 1): win}), pair(2, {(0, 1): trust}), pair(2, {(0, 1): tension}),
                                 pair(2, {(0, 1): ties}), np.array([forum], np.float32),
                                 np.array([[0.5, resolve]], np.float32), np.array([[greedy, False]]), p)
    return float(z[0, 0, 1])


def z_by_hand(preset="spiral-world", win=0.6, trust=0.5, tension=0.4, ties=0.0, forum=0.0, resolve=0.5,
              greedy=False, **overrides) -> float:
    g = float(greedy)
    return (K.CRISIS_BASE + K.GREED_WEIGHT * g * (win - K.WIN_THRESHOLD)
            + K.FEAR_WEIGHT * value(preset, "first_strike", **overrides) * (1 - trust) * tension
            - K.RETALIATION_WEIGHT * (1 - win) * resolve
            - K.FUTURE_WEIGHT * value(preset, "shadow_of_future", **overrides) * (ties + forum)
            * (1 - K.GREEDY_DISCOUNT * g))


@pytest.mark.parametrize("case", [
    dict(), dict(greedy=True), dict(greedy=True, win=0.3, ties=0.4, forum=0.2), dict(preset="deterrence-world"),
    dict(trust=0.1, tension=0.9, resolve=0.9), dict(greedy=True, preset="deterrence-world", ties=1.0)])
def test_challenge_logodds_follow_the_formula(case):
    """z is CRISIS_BASE + greed + fear − retaliation − future, each term as written."""
    assert challenge_z(**case) == pytest.approx(float(z_by_hand(**case)), abs=TOL)


def test_greed_raises_the_odds_of_a_challenge_only_for_a_greedy_challenger():
    """Better odds of winning add GREED_WEIGHT per unit for a greedy challenger; otherwise only retaliation falls."""
    for greedy in (False, True):
        gain = challenge_z(win=0.8, greedy=greedy) - challenge_z(win=0.6, greedy=greedy)
        expected = 0.2 * (K.GREED_WEIGHT * greedy + K.RETALIATION_WEIGHT * 0.5)
        assert gain == pytest.approx(float(expected), abs=TOL)
    assert challenge_z(win=0.8, greedy=True) > challenge_z(win=0.8, greedy=False)
    assert challenge_z(win=0.3, greedy=True) < challenge_z(win=0.3, greedy=False)   # below WIN_THRESHOLD


def test_fear_grows_with_first_strike_distrust_and_tension():
    """The fear term FEAR_WEIGHT·first_strike·(1 − trust)·tension raises z with each of its factors."""
    base = challenge_z(first_strike=0.2)
    assert challenge_z(first_strike=0.6) - base == pytest.approx(float(K.FEAR_WEIGHT * 0.4 * 0.5 * 0.4), abs=TOL)
    assert challenge_z(first_strike=0.2, trust=0.1) - base == pytest.approx(float(K.FEAR_WEIGHT * 0.2 * 0.4 * 0.4),
                                                                             abs=TOL)
    assert challenge_z(first_strike=0.2, tension=0.9) - base == pytest.approx(float(K.FEAR_WEIGHT * 0.2 * 0.5 * 0.5),
                                                                              abs=TOL)
    assert challenge_z(first_strike=0.0, tension=0.9) == challenge_z(first_strike=0.0, tension=0.1)


def test_ties_and_the_forum_lower_the_odds_of_a_challenge_less_for_a_greedy_challenger():
    """Ties and forum lower z by FUTURE_WEIGHT·shadow_of_future per unit, discounted by GREEDY_DISCOUNT if greedy."""
    shadow = value("spiral-world", "shadow_of_future")
    for greedy in (False, True):
        drop = challenge_z(greedy=greedy) - challenge_z(greedy=greedy, ties=0.5)
        assert drop == pytest.approx(float(K.FUTURE_WEIGHT * shadow * 0.5 * (1 - K.GREEDY_DISCOUNT * greedy)), abs=TOL)
        assert challenge_z(greedy=greedy, forum=0.5) == pytest.approx(challenge_z(greedy=greedy, ties=0.5), abs=TOL)
    assert challenge_z(greedy=False) - challenge_z(greedy=False, ties=0.5) \
        > challenge_z(greedy=True) - challenge_z(greedy=True, ties=0.5) > 0


def test_defence_counts_credible_allies_and_resolve_and_sets_the_odds_of_winning():
    """Defence counts credible allies times (DEFENCE_RESOLVE_BASE + resolve), and win = c_i / (c_i + defence_j)."""
    preset = "deterrence-world"
    p = in_force(preset)
    c = np.array([[4.0, 2.0, 3.0]], np.float32)
    alliance = pair(3, {(1, 2): 0.5})
    resolve = np.array([[0.5, 0.8, 0.2]], np.float32)
    d = crises.defence(c, alliance, resolve, p)
    adv, cred = value(preset, "defence_advantage"), value(preset, "ally_credibility")
    expected = adv * np.array([4.0, 2.0 + cred * 0.5 * 3.0, 3.0 + cred * 0.5 * 2.0]) \
        * (float(K.DEFENCE_RESOLVE_BASE) + f64(resolve[0]))
    np.testing.assert_allclose(d[0], expected, atol=TOL)
    win = crises.win_odds(c, d)
    assert win[0, 0, 1] == pytest.approx(4.0 / (4.0 + expected[1]), abs=TOL)
    assert win[0, 2, 0] == pytest.approx(3.0 / (3.0 + expected[0]), abs=TOL)


def test_challenges_are_drawn_by_sigmoid_of_z_and_never_against_oneself():
    """i challenges j where its draw is below sigmoid(z_ij), never on the diagonal."""
    z = np.array([[[5.0, 0.0], [-1.0, 5.0]]], np.float32)
    u = np.full((1, 2, 2), 0.4, np.float32)
    got = crises.challenges(z, u, ~np.eye(2, dtype=bool))
    assert got.tolist() == [[[False, True], [False, False]]]   # sigmoid(0) = 0.5 > 0.4 > sigmoid(−1)


# ---------------------------------------------------------------- §7.5 resolve

def test_a_deterrence_move_raises_resolve_and_a_cbm_lowers_it():
    """A deterrence move adds RESOLVE_STEP, a CBM takes RESOLVE_LOSS·weakness_invites, both plus reversion."""
    preset = "deterrence-world"
    p = in_force(preset)
    wi = value(preset, "weakness_invites")
    r = np.array([0.3, 0.6, 0.7])
    mv = moves([(Action.ARM, NONE), (Action.CBM, 2), (Action.HOLD, NONE)])
    calm = pair(3, {(0, 1): 0.1, (1, 2): 0.1, (0, 2): 0.1})
    got = resolve_image.update_resolve(r[None].astype(np.float32), calm, mv, p)
    back = float(K.RESOLVE_REVERSION) * (float(K.START_RESOLVE) - r)
    expected = r + back + np.array([float(K.RESOLVE_STEP), -float(K.RESOLVE_LOSS) * wi, 0.0])
    np.testing.assert_allclose(got[0], expected, atol=TOL)


def test_restraint_is_meek_under_pressure_or_high_tension_and_free_in_a_spiral_world():
    """HOLD loses RESOLVE_LOSS·weakness_invites under pressure or above TENSE; nothing if calm or weakness_invites is 0."""
    r = np.full((1, 3), 0.5, np.float32)   # at START_RESOLVE: no reversion
    pressured = moves([(Action.PRESSURE, 1), (Action.HOLD, NONE), (Action.HOLD, NONE)])
    calm = pair(3, {}, fill=0.0)
    tense = pair(3, {(1, 2): float(K.TENSE) + 0.05})
    loss = float(K.RESOLVE_LOSS) * value("deterrence-world", "weakness_invites")
    got = resolve_image.update_resolve(r, calm, pressured, in_force("deterrence-world"))
    np.testing.assert_allclose(got[0], [0.5 + K.RESOLVE_STEP, 0.5 - loss, 0.5], atol=TOL)
    holds = moves([(Action.HOLD, NONE)] * 3)
    got = resolve_image.update_resolve(r, tense, holds, in_force("deterrence-world"))
    np.testing.assert_allclose(got[0], [0.5, 0.5 - loss, 0.5 - loss], atol=TOL)
    assert value("spiral-world", "weakness_invites") == 0.0
    got = resolve_image.update_resolve(r, tense, holds, in_force("spiral-world"))
    np.testing.assert_allclose(got[0], [0.5, 0.5, 0.5], atol=TOL)


# ---------------------------------------------------------------- §7.6 arms dynamics

def arms_setup(preset="spiral-world"):
    p = in_force(preset)
    c0 = np.array([[6.0, 3.0, 1.5]], np.float32)
    trust = sigmoid(np.array([[[0.0, 0.8, -1.2], [0.5, 0.0, -0.4], [-2.0, 0.1, 0.0]]], np.float32))
    alliance = pair(3, {(0, 1): 0.6})
    threat0 = arms.threat(trust, alliance, c0, off(3))
    return p, c0, trust, alliance, threat0, arms.rest_grievance(p, c0[0], threat0)


def test_threat_is_the_distrusted_non_allied_capability_around_an_actor():
    """threat_i = Σ_j (1 − trust_ij)(1 − alliance_ij)·c_j / (N − 1)."""
    _, c0, trust, alliance, threat0, _ = arms_setup()
    t, a, c = f64(trust[0]), f64(alliance[0]), f64(c0[0])
    expected = [sum((1 - t[i, j]) * (1 - a[i, j]) * c[j] for j in range(3) if j != i) / 2 for i in range(3)]
    np.testing.assert_allclose(threat0[0], expected, atol=TOL)


@pytest.mark.parametrize("preset", list(P.PRESETS))
def test_capability_stays_at_rest_while_trust_is_unchanged(preset):
    """With the rest grievance, a security-seeker's capability stays where it began while beliefs stay the same."""
    p, c0, trust, alliance, threat0, g = arms_setup(preset)
    c = c0
    for _ in range(5):
        c = arms.arms_dynamics(c, arms.threat(trust, alliance, c, off(3)), g, np.zeros((1, 3), bool), p)
    np.testing.assert_allclose(c, c0, atol=TOL)


def test_falling_trust_and_greed_raise_capability_by_the_richardson_terms():
    """Lower trust adds arms_fear·Δthreat capability; a greedy actor adds GREED_ARMING more."""
    preset = "spiral-world"
    p, c0, trust, alliance, threat0, g = arms_setup(preset)
    worse = trust * 0.5
    threat1 = arms.threat(worse, alliance, c0, off(3))
    got = arms.arms_dynamics(c0, threat1, g, np.array([[False, True, False]]), p)
    fear = value(preset, "arms_fear")
    expected = f64(c0[0]) + fear * (f64(threat1[0]) - f64(threat0[0])) + np.array([0.0, K.GREED_ARMING, 0.0])
    np.testing.assert_allclose(got[0], expected, atol=TOL)
    assert (got[0] > c0[0]).all()


# ---------------------------------------------------------------- §7.7, §7.8 tension

def tension_after(pressure=False, ties=0.0, forum=0.0, tension=0.3, trust=0.5, race=(0.0, 0.0), camp=0.0,
                  preset="spiral-world") -> float:
    """Pair tension of two actors after update_tension with the given causes."""
    p = in_force(preset)
    pulls = tension_dynamics.tension_pulls(
        pair(2, {(0, 1): tension}), pair(2, {(0, 1): trust}), np.array([race], np.float32),
        pair(2, {(0, 1): pressure}, dtype=bool), pair(2, {(0, 1): ties}), np.array([forum], np.float32),
        np.array([[0.0, camp], [camp, 0.0]], np.float32), p)
    new = tension_dynamics.update_tension(pair(2, {(0, 1): tension}), pulls, np.zeros((1, 2, 2), np.float32), off(2))
    assert new[0, 0, 1] == new[0, 1, 0] and new[0, 0, 0] == 0
    return float(new[0, 0, 1])


def test_tension_closes_a_share_of_the_gap_to_its_target():
    """tension ← tension + TENSION_RATE·(target − tension), the target summing the causes."""
    preset = "spiral-world"
    camp_bias, shadow = value(preset, "camp_bias"), value(preset, "shadow_of_future")
    t, trust, race, ties, forum = 0.3, 0.4, (0.2, 0.1), 0.2, 0.1
    target = (K.DISTRUST_TENSION * (1 - trust) + K.ARMS_TENSION * sum(race) + K.BLOC_TENSION * camp_bias
              + K.PRESSURE_TENSION - K.TIES_TENSION * shadow * ties - K.FORUM_TENSION * forum)
    got = tension_after(pressure=True, ties=ties, forum=forum, tension=t, trust=trust, race=race, camp=1.0)
    assert got == pytest.approx(float(t + K.TENSION_RATE * (target - t)), abs=TOL)


def test_pressure_raises_pair_tension_and_ties_and_the_forum_lower_it():
    """Pressure adds TENSION_RATE·PRESSURE_TENSION; ties and forum take TENSION_RATE times their terms."""
    shadow = value("spiral-world", "shadow_of_future")
    base = tension_after()
    assert tension_after(pressure=True) - base == pytest.approx(float(K.TENSION_RATE * K.PRESSURE_TENSION), abs=TOL)
    assert base - tension_after(ties=0.6) == pytest.approx(float(K.TENSION_RATE * K.TIES_TENSION * shadow * 0.6),
                                                           abs=TOL)
    assert base - tension_after(forum=0.5) == pytest.approx(float(K.TENSION_RATE * K.FORUM_TENSION * 0.5), abs=TOL)
    assert tension_after(tension=0.05, ties=1.0, forum=1.0, trust=0.99) == 0.0   # a negative target: calm, not below


def test_regional_tension_of_equal_pair_tensions_is_that_tension_on_the_gauge():
    """Equal pair tensions t give regional tension REGIONAL_TENSION_SCALE·t, whatever the capabilities."""
    c = np.array([[9.0, 1.0, 0.5]], np.float32)
    rt = tension_dynamics.regional_tension(pair(3, {}, fill=0.4), c)
    assert rt[0] == pytest.approx(float(K.REGIONAL_TENSION_SCALE) * 0.4, abs=1e-4)


def test_regional_tension_weighs_a_pair_by_its_strength():
    """Regional tension is the pair tensions' mean weighted by c_i + c_j, times REGIONAL_TENSION_SCALE."""
    c = np.array([9.0, 1.0, 0.5])
    t = {(0, 1): 0.8, (0, 2): 0.1, (1, 2): 0.5}
    rt = tension_dynamics.regional_tension(pair(3, t), c[None].astype(np.float32))
    by_hand = sum(v * (c[i] + c[j]) for (i, j), v in t.items()) / sum(c[i] + c[j] for (i, j) in t)
    assert rt[0] == pytest.approx(float(K.REGIONAL_TENSION_SCALE) * by_hand, abs=1e-4)


# ---------------------------------------------------------------- §7.11 economy

def test_prosperity_grows_more_with_ties_and_less_under_regional_tension():
    """Growth is GROWTH·(1 + mean ties)·(1 − regional_tension/TENSION_DRAG), clipped at PROSPERITY_MAX."""
    ties = pair(3, {(0, 1): 0.6, (0, 2): 0.2})
    prosperity = np.array([[4.0, 4.0, float(K.PROSPERITY_MAX)]], np.float32)
    got = economy.grow(prosperity, ties, np.array([50.0], np.float32))
    drag = 1.0 - 50.0 / float(K.TENSION_DRAG)
    mean_ties = np.array([0.8, 0.6, 0.2]) / 2
    expected = np.minimum(f64(prosperity[0]) + float(K.GROWTH) * (1 + mean_ties) * drag, float(K.PROSPERITY_MAX))
    np.testing.assert_allclose(got[0], expected, atol=TOL)


# ---------------------------------------------------------------- §7.13 endings

END = EndRules(lockin_threshold=60.0, lockin_turns=3, community_trust=0.7, community_tension=25.0,
               community_turns=2)


def ending(st: State, trust: float = 0.5, turn: int = 5, limit: int = 30, dynamics: bool = True, end=END) -> State:
    n = st.capability.shape[1]
    return endings.check_endings(st, pair(n, {}, fill=trust), off(n), end, turn, limit, dynamics)


def test_a_pair_at_war_ends_the_game_in_regional_war():
    """A crisis at WAR_RUNG in any pair ends the game in a regional war."""
    st = make_state(1, 3, crisis=pair(3, {(1, 2): K.WAR_RUNG}, dtype=np.int8))
    assert ending(st).outcome[0] == OUTCOME_INDEX[Outcome.REGIONAL_WAR]
    st = make_state(1, 3, crisis=pair(3, {(1, 2): K.WAR_RUNG - 1}, dtype=np.int8))
    assert ending(st).outcome[0] == 0


def test_tension_held_above_the_threshold_locks_the_region_into_a_cold_war():
    """Regional tension above lockin_threshold for lockin_turns turns in a row is a cold-war lock-in."""
    high = END.lockin_threshold + 1
    st = ending(make_state(1, 3, regional_tension=high, lockin_run=END.lockin_turns - 2))
    assert st.outcome[0] == 0 and st.lockin_run[0] == END.lockin_turns - 1
    st = ending(st)
    assert st.outcome[0] == OUTCOME_INDEX[Outcome.COLD_WAR_LOCK_IN]
    cooled = ending(make_state(1, 3, regional_tension=END.lockin_threshold, lockin_run=END.lockin_turns - 1))
    assert cooled.outcome[0] == 0 and cooled.lockin_run[0] == 0


def test_high_trust_and_low_tension_held_long_enough_make_a_security_community():
    """High mean trust and low regional tension held for community_turns turns make a security community."""
    st = make_state(1, 3, regional_tension=END.community_tension - 1, community_run=END.community_turns - 1)
    assert ending(st, trust=END.community_trust + 0.05).outcome[0] == OUTCOME_INDEX[Outcome.SECURITY_COMMUNITY]
    distrust = ending(st, trust=END.community_trust - 0.05)
    assert distrust.outcome[0] == 0 and distrust.community_run[0] == 0


def test_the_turn_limit_ends_a_game_nothing_else_ended():
    """At the turn limit a game still going ends in turn-limit, and not before."""
    st = make_state(1, 3, regional_tension=40.0)
    assert ending(st, turn=29, limit=30).outcome[0] == 0
    assert ending(st, turn=30, limit=30).outcome[0] == OUTCOME_INDEX[Outcome.TURN_LIMIT]


def test_war_takes_precedence_over_every_other_ending():
    """A state that meets war, lock-in and the turn limit at once ends in war; lock-in comes before community."""
    st = make_state(1, 3, crisis=pair(3, {(0, 1): K.WAR_RUNG}, dtype=np.int8), regional_tension=90.0,
                    lockin_run=END.lockin_turns)
    assert ending(st, turn=30, limit=30).outcome[0] == OUTCOME_INDEX[Outcome.REGIONAL_WAR]
    loose = EndRules(lockin_threshold=20.0, lockin_turns=1, community_trust=0.5, community_tension=50.0,
                     community_turns=1)
    st = make_state(1, 3, regional_tension=30.0)
    assert ending(st, trust=0.9, end=loose).outcome[0] == OUTCOME_INDEX[Outcome.COLD_WAR_LOCK_IN]


def test_an_ended_game_keeps_its_ending_and_without_dynamics_only_the_turn_limit_ends_a_game():
    """An outcome once set is not replaced, and with dynamics off war and lock-in are not checked."""
    done = make_state(1, 3, outcome=OUTCOME_INDEX[Outcome.SECURITY_COMMUNITY],
                      crisis=pair(3, {(0, 1): K.WAR_RUNG}, dtype=np.int8))
    assert ending(done).outcome[0] == OUTCOME_INDEX[Outcome.SECURITY_COMMUNITY]
    st = make_state(1, 3, crisis=pair(3, {(0, 1): K.WAR_RUNG}, dtype=np.int8), regional_tension=90.0,
                    lockin_run=END.lockin_turns)
    assert ending(st, dynamics=False).outcome[0] == 0
    assert ending(st, dynamics=False, turn=30, limit=30).outcome[0] == OUTCOME_INDEX[Outcome.TURN_LIMIT]


# ---------------------------------------------------------------- §7.1 the card draw

@pytest.fixture(scope="module")
def deck():
    sc = load_scenario("east_asia_2023")
    return events.prepare_deck(sc.cards, sc.codes)


def allowed_cards(deck, turn: int, rt: float) -> np.ndarray:
    return ((deck.min_turn <= turn) & (turn <= deck.max_turn) & (deck.min_tension <= rt) & (rt <= deck.max_tension))


def test_the_draw_never_takes_a_card_outside_its_turn_or_tension_bounds(deck):
    """Over many turns, tensions and draws, every card drawn is eligible and the bounded cards do occur."""
    assert (deck.min_turn > 0).any() and (deck.max_turn < 10_000).any()
    assert (deck.min_tension > 0).any() and (deck.max_tension < 100).any()
    rng = np.random.default_rng(7)
    rt = np.concatenate([np.linspace(0.0, 100.0, 41), [29.99, 30.0, 49.99, 50.0, 65.0, 85.0, 85.01]])
    seen = set()
    for turn in range(0, 13):
        for _ in range(5):
            card = events.draw_cards(deck, turn, rt.astype(np.float32), rng.random(rt.size))
            for k, r in zip(card, rt.astype(np.float32)):
                assert k >= 0 and allowed_cards(deck, turn, float(r))[k], (turn, r, k)
                seen.add(int(k))
    bounded = np.flatnonzero((deck.min_turn > 0) | (deck.max_turn < 10_000) | (deck.min_tension > 0)
                             | (deck.max_tension < 100))
    assert set(bounded.tolist()) & seen


def test_the_draw_takes_the_first_card_whose_cumulative_weight_exceeds_u_times_total(deck):
    """card = the first k with W_k > u·W_last, W the cumulative weight of the eligible cards."""
    rng = np.random.default_rng(11)
    for turn, rt in ((1, 10.0), (4, 40.0), (7, 70.0), (20, 90.0)):
        ok = allowed_cards(deck, turn, rt)
        w = np.cumsum(np.where(ok, deck.weight, 0.0))
        total = w[-1]
        u = np.concatenate([rng.random(50), [1e-6, 1 - 1e-6]])
        edges = [w[k] / total for k in np.flatnonzero(ok)[:-1]]
        exact = [x for x in edges if x * total in w]   # u·total lands on a cumulative weight: the next card
        assert exact
        for x in edges:                                 # either side of each eligible card's upper edge
            u = np.concatenate([u, [x - 1e-9, x + 1e-9]])
        u = np.concatenate([u, exact])
        got = events.draw_cards(deck, turn, np.full(u.size, rt, np.float32), u)
        expected = [next(k for k in range(len(w)) if w[k] > x * total) for x in u]
        assert got.tolist() == expected
        assert all(ok[got])


def test_no_card_is_drawn_where_none_is_allowed(deck):
    """With no eligible weight the draw gives −1, no card."""
    none = attrs.evolve(deck, weight=np.zeros_like(deck.weight))
    assert events.draw_cards(none, 3, np.array([10.0, 90.0], np.float32), np.array([0.2, 0.9])).tolist() == [-1, -1]


# ---------------------------------------------------------------- §7.2 action noise

def every_action():
    """One actor per action, each targeted one aimed at the next actor."""
    n = len(Action)
    action = np.array([list(Action)], dtype=np.int8)
    target = np.where(targeted(action), (np.arange(n) + 1) % n, -1).astype(np.int8)
    return action, target


def test_action_noise_one_flips_every_move_to_the_other_family():
    """With noise 1 deterrence becomes HOLD with no target, dialogue PRESSURE on its partner or ARM without one."""
    action, target = every_action()
    u = np.linspace(0.01, 0.99, action.shape[1])[None]
    got_a, got_t = action_noise(action, target, u, np.array([1.0], np.float32))
    for a, t, ga, gt in zip(action[0], target[0], got_a[0], got_t[0]):
        if a in DETERRENCE_ACTIONS:
            assert (ga, gt) == (Action.HOLD, -1)
        elif t >= 0:
            assert a in DIALOGUE_ACTIONS and (ga, gt) == (Action.PRESSURE, t)
        else:
            assert a in DIALOGUE_ACTIONS and (ga, gt) == (Action.ARM, -1)


def test_action_noise_zero_flips_nothing():
    """With noise 0 every move is executed as intended."""
    action, target = every_action()
    got_a, got_t = action_noise(action, target, np.full(action.shape, 1e-6), np.array([0.0], np.float32))
    assert got_a.tolist() == action.tolist() and got_t.tolist() == target.tolist()


def test_action_noise_flips_where_the_draw_is_below_the_noise():
    """A move flips exactly where the actor's draw is below action_noise."""
    action = np.array([[Action.SUMMIT, Action.SUMMIT, Action.SUMMIT]], np.int8)
    target = np.array([[1, 0, 0]], np.int8)
    got_a, _ = action_noise(action, target, np.array([[0.1, 0.25, 0.3]]), np.array([0.25], np.float32))
    assert got_a.tolist() == [[Action.PRESSURE, Action.SUMMIT, Action.SUMMIT]]


# ---------------------------------------------------------------- §7.12 scores

def test_payoffs_of_two_actors_are_the_2x2_game():
    """Dialogue and deterrence pairs pay (R,R), (S,T), (T,S), (P,P)."""
    preset = "deterrence-world"
    R, S, T, Pp = (value(preset, name) for name in ("payoff_R", "payoff_S", "payoff_T", "payoff_P"))
    family = np.array([[1, 1], [1, 0], [0, 1], [0, 0]], np.int8)
    got = scores.payoffs(family, in_force(preset, b=4))
    np.testing.assert_array_equal(got, [[R, R], [S, T], [T, S], [Pp, Pp]])
    assert len({R, S, T, Pp}) == 4


def test_payoffs_sum_over_every_partner():
    """With three actors each one's payoff is the sum of its 2x2 payoffs against both others."""
    preset = "spiral-world"
    R, S, T, Pp = (value(preset, name) for name in ("payoff_R", "payoff_S", "payoff_T", "payoff_P"))
    got = scores.payoffs(np.array([[1, 1, 0]], np.int8), in_force(preset))
    np.testing.assert_array_equal(got[0], [R + S, R + S, T + T])


def test_security_falls_with_tension_and_with_the_worst_crisis():
    """security_i = SECURITY_SCALE·(1 − mean tension of i's pairs)·(1 − worst rung / WAR_RUNG)."""
    tension = pair(3, {(0, 1): 0.4, (0, 2): 0.2})
    crisis = pair(3, {(0, 1): 2, (1, 2): K.WAR_RUNG}, dtype=np.int8)
    got = scores.security(tension, crisis)
    scale, war = float(K.SECURITY_SCALE), K.WAR_RUNG
    expected = [scale * (1 - 0.3) * (1 - 2 / war), 0.0, 0.0]
    np.testing.assert_allclose(got[0], expected, atol=1e-4)
