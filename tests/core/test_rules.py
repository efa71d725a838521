"""The rules one at a time, on small hand-built states of two or three actors (second edition).

Each test calls a rule function directly (not the engine) and works out what it should give
from the equation in docs/MODEL.md §7, with the named constants (constants.K) and the worldview
presets (params.PRESETS), so that a test fails if a rule changes.
"""

from __future__ import annotations

import itertools

import attrs
import numpy as np
import pytest

from game.core.model import params as P
from game.core.model.constants import K
from game.core.model.doctrines import ALWAYS, PLAYING_DOCTRINES, View, make
from game.core.model.params import Worldview
from game.core.model.rules import actions, arms, challenge, choice, crises, economy, endings, events, perception
from game.core.model.rules import bargaining, resolve_image, scores, tension_dynamics, war
from game.core.model.rules.bargaining import Footing
from game.core.model.rules.challenge import challenge_choice
from game.core.model.rules.crises import FIRST, OUT, SECOND, Stakes
from game.core.model.rules.in_force import InForce
from game.core.model.rules.moves import Moves
from game.core.files.scenario import load_scenario
from game.core.model.world import EndRules
from game.core.model.state import State, sigmoid
from game.core.model.vocab import DETERRENCE_ACTIONS, DIALOGUE_ACTIONS, OUTCOME_INDEX, Action, Outcome, Stance, targeted

TOL = 1e-5
NONE = -1
BRINK = K.WAR_RUNG - 1


# ---------------------------------------------------------------- helpers


def in_force(preset: str = "spiral-world", b: int = 1, **overrides) -> InForce:
    """The parameters of B games of one worldview."""
    return InForce(np.tile(Worldview.from_preset(preset, overrides).array(), (b, 1)))


def value(preset: str, name: str, **overrides) -> float:
    """A worldview parameter as the tests reckon with it: float64."""
    return Worldview.from_preset(preset, overrides)[name]


def k(name: str) -> float:
    """A model constant as a float64."""
    return float(getattr(K, name))


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


def make_stakes(parties, values, blocs, nuclear=None) -> Stakes:
    """Stakes from (first party, second party) pairs, their values, each actor's bloc id and nuclear flag."""
    n = len(blocs)
    return Stakes(
        party=np.array(parties, dtype=np.intp).reshape(-1, 2),
        value=np.array(values, dtype=np.float64),
        bloc=np.array(blocs),
        nuclear=np.array(nuclear if nuclear is not None else [False] * n),
    )


def make_state(b: int, n: int, s: int = 1, cards: int = 0, **fields) -> State:
    """A State of B games, N actors, S stakes and a deck of `cards`: neutral values unless a field is
    given; a given value is broadcast to the field's shape, so a per-actor list serves every game."""
    shapes = {
        "capability": ((b, n), np.float32, 5.0),
        "prosperity": ((b, n), np.float32, 5.0),
        "greedy": ((b, n), bool, False),
        "trust_logodds": ((b, n, n), np.float32, 0.0),
        "alliance": ((b, n, n), np.float32, 0.0),
        "ties": ((b, n, n), np.float32, 0.0),
        "tension": ((b, n, n), np.float32, 0.0),
        "crisis": ((b, n, n), np.int8, 0),
        "stake_rung": ((b, s), np.int8, 0),
        "stake_challenger": ((b, s), np.int8, -1),
        "stake_opened": ((b, s), np.int16, 0),
        "escalated": ((b, s, n), bool, False),
        "backing": ((b, s, n), np.int8, OUT),
        "credibility": ((b, n, n), np.float32, 0.7),
        "stakes_won": ((b, n), np.float32, 0.0),
        "stakes_lost": ((b, n), np.float32, 0.0),
        "fought": ((b, n, n), bool, False),
        "cards_seen": ((b, cards), bool, False),
        "forum": ((b,), np.float32, 0.0),
        "regional_tension": ((b,), np.float32, 0.0),
        "resolve": ((b, n), np.float32, K.START_RESOLVE),
        "last_action": ((b, n), np.int8, -1),
        "last_target": ((b, n), np.int8, -1),
        "card_shift": ((b, len(P.NAMES)), np.float64, 0.0),
        "card_shift_left": ((b,), np.int16, 0),
        "lockin_run": ((b,), np.int16, 0),
        "community_run": ((b,), np.int16, 0),
        "outcome": ((b,), np.int8, 0),
        "end_turn": ((b,), np.int16, 0),
        "payoff": ((b, n), np.float64, 0.0),
        "security_sum": ((b, n), np.float64, 0.0),
    }
    unknown = set(fields) - set(shapes) - {"turn"}
    assert not unknown, unknown
    arrays = {
        name: np.broadcast_to(np.asarray(fields.get(name, default), dtype=dtype), shape).copy()
        for name, (shape, dtype, default) in shapes.items()
    }
    return State(turn=fields.get("turn", 0), **arrays)


def view_of(st: State, stakes: Stakes | None, p: InForce, u_pair=None, u2=0.5) -> View:
    """What a doctrine sees of a hand-built state."""
    b, n = st.capability.shape
    bloc = stakes.bloc if stakes is not None else np.zeros(n, dtype=int)
    defence = war.defence_of_all(stakes, st.capability, st.alliance, st.credibility, p) if stakes else None
    return View(
        turn=1,
        trust=sigmoid(st.trust_logodds),
        tension=st.tension,
        capability=st.capability,
        alliance=st.alliance,
        ties=st.ties,
        resolve=st.resolve,
        defence=defence,
        last_action=st.last_action,
        last_target=st.last_target,
        same_bloc=bloc[:, None] == bloc[None, :],
        start_capability=st.capability[0],
        u1=np.full((b, n), 0.5, np.float32),
        u2=np.broadcast_to(np.asarray(u2, np.float32), (b, n)).copy(),
        greedy=st.greedy,
        stakes=stakes,
        stake_rung=st.stake_rung,
        credibility=st.credibility,
        u_pair=np.full((b, n, n), 0.5, np.float32) if u_pair is None else u_pair,
        params=p,
        forum=st.forum,
        types_differ=np.ones(b, bool),
    )


def f64(x) -> np.ndarray:
    return np.asarray(x, dtype=np.float64)


# ---------------------------------------------------------------- §7.4 perception


def test_every_action_carries_the_signal_of_its_worldview_and_constants():
    """signal_table gives each action its log-likelihood ratio: the worldview's for arming and reassurance, a constant
    otherwise, and nothing for a challenge, which read_challenges reads."""
    preset = "spiral-world"
    table = perception.signal_table(in_force(preset))[0]
    arming, reassure = value(preset, "arming_signal"), value(preset, "reassurance_signal")
    expected = {
        Action.ARM: arming,
        Action.ALLY: 0.0,
        Action.PRESSURE: arming + k("PRESSURE_SIGNAL"),
        Action.SUMMIT: k("SUMMIT_SIGNAL"),
        Action.CBM: reassure * -np.log(1.0 - k("GREEDY_CBM_SKIP")),
        Action.FORUM: k("FORUM_SIGNAL"),
        Action.TRADE: k("TRADE_SIGNAL"),
        Action.HOLD: k("HOLD_SIGNAL"),
        Action.CHALLENGE: 0.0,  # read by the model's own odds (read_challenges)
    }
    for action, signal in expected.items():
        assert table[action] == pytest.approx(signal, abs=TOL), action.name


def test_cbm_moves_the_targets_trust_at_full_weight_and_a_bystanders_at_bystander_weight():
    """A CBM, read at −ln(1 − GREEDY_CBM_SKIP)·reassurance_signal, moves its target's and a bystander's trust exactly by
    the update formula."""
    preset = "spiral-world"
    p = in_force(preset)
    m = value(preset, "trust_memory")
    r = value(preset, "reassurance_signal") * -np.log(1.0 - k("GREEDY_CBM_SKIP"))
    camp_bias, suspicion = value(preset, "camp_bias"), value(preset, "suspicion_bias")
    # actor 0 offers a CBM to actor 1 (same bloc); actor 2 (the other bloc) looks on; 1 and 2 hold
    mv = moves([(Action.CBM, 1), (Action.HOLD, NONE), (Action.HOLD, NONE)])
    same_bloc = np.array([[1, 1, 0], [1, 1, 0], [0, 0, 1]], dtype=bool)
    camp = (~same_bloc).astype(np.float32)
    start = np.array([[0.0, 0.4, -0.8], [0.3, 0.0, -0.2], [-1.1, 0.5, 0.0]])
    now = np.array([[0.0, 1.0, -1.5], [-0.6, 0.0, 0.7], [-2.0, 0.2, 0.0]])
    reading = perception.read_moves(mv, p, same_bloc)
    assert reading[0, 1, 0] == pytest.approx(r, abs=TOL)  # the target
    assert reading[0, 2, 0] == pytest.approx(k("BYSTANDER_WEIGHT") * r, abs=TOL)  # the bystander
    new, _ = perception.update_trust(
        now[None].astype(np.float32),
        start[None].astype(np.float32),
        reading,
        np.zeros((1, 3, 3), np.float32),
        p,
        camp,
        np.zeros((1, 3, 3), np.float32),
        off(3),
    )
    ew, lmax = k("EVIDENCE_WEIGHT"), k("TRUST_LOGODDS_MAX")

    def by_hand(i, j, read):
        evidence = read - camp_bias * camp[i, j] + suspicion
        return np.clip(m * now[i, j] + (1 - m) * start[i, j] + ew * evidence, -lmax, lmax)

    assert new[0, 1, 0] == pytest.approx(by_hand(1, 0, r), abs=TOL)
    assert new[0, 2, 0] == pytest.approx(by_hand(2, 0, k("BYSTANDER_WEIGHT") * r), abs=TOL)
    assert new[0, 1, 0] - by_hand(1, 0, 0.0) == pytest.approx(ew * r, abs=TOL)
    assert new[0, 2, 0] - by_hand(2, 0, 0.0) == pytest.approx(ew * k("BYSTANDER_WEIGHT") * r, abs=TOL)
    assert (np.diagonal(new[0]) == 0).all()


def challenge_scene(trust=0.2, tension=0.6, types_differ=True):
    """Two rivals over a stake of value 2 (0 the first party), no crisis open; 0 challenges 1, 2 holds."""
    p = in_force("spiral-world")
    stakes = make_stakes([(0, 1)], [2.0], [0, 1, 2])
    logodds = float(np.log(trust / (1 - trust)))
    st = make_state(1, 3, tension=pair(3, {(0, 1): tension}), trust_logodds=pair(3, {(0, 1): logodds}))
    v = attrs.evolve(view_of(st, stakes, p), types_differ=np.array([types_differ]))
    return v, moves([(Action.CHALLENGE, 1), (Action.HOLD, NONE), (Action.HOLD, NONE)])


def test_a_challenge_is_read_by_the_models_odds_of_it_under_each_type():
    """read_challenges: everyone reads ln sigmoid(z_secure) − ln sigmoid(z_greedy) from a challenge, the challenger's
    two log-odds of it in the state it was made in; nothing from the others."""
    v, mv = challenge_scene()
    p = v.params
    win = war.crisis_odds(v.stakes, 0, np.zeros(1, int), v.capability, v.alliance, v.credibility, p)[:, 0]
    greedy_z = challenge.greedy_challenge_logodds(2.0, win, v.resolve[:, 1], v.ties[:, 0, 1], v.forum, False, p)
    secure_z = challenge.secure_challenge_logodds(challenge.fear(v.trust[:, 0, 1], v.tension[:, 0, 1], p), 0, 0, p)
    expected = np.log(sigmoid(f64(secure_z))) - np.log(sigmoid(f64(greedy_z)))
    reading = perception.read_challenges(v, mv)
    assert reading[0, 0] == pytest.approx(float(np.clip(expected[0], -k("READING_MAX"), k("READING_MAX"))), abs=1e-4)
    assert reading[0, 1] == reading[0, 2] == 0.0


def test_a_challenge_reads_as_greed_without_fear_and_as_security_seeking_where_fear_drives_it():
    """A challenge made without fear is evidence of greed, at most READING_MAX; one made in great fear, where a
    security-seeker would challenge more often than a greedy actor, reads as security-seeking (the spiral world's
    pre-emptive challenges); where the types want the same, a challenge says nothing."""
    afraid, mv = challenge_scene(trust=0.02, tension=0.95)
    calm, _ = challenge_scene(trust=0.98, tension=0.0)
    assert perception.read_challenges(calm, mv)[0, 0] == pytest.approx(-k("READING_MAX"))
    assert perception.read_challenges(afraid, mv)[0, 0] > 0.0
    alike, _ = challenge_scene(types_differ=False)
    assert (perception.read_challenges(alike, mv) == 0.0).all()


def answer_readings(action, target):
    """What each of three actors reads from actor 0's answer (action, target) to actor 2's summit aimed at it last
    turn (2 is in the other bloc; 1 in 0's), with 1 and 2 holding now."""
    p = in_force("spiral-world")
    same_bloc = np.array([[1, 1, 0], [1, 1, 0], [0, 0, 1]], dtype=bool)
    last = moves([(Action.HOLD, NONE), (Action.HOLD, NONE), (Action.SUMMIT, 0)])
    now = moves([(action, target), (Action.HOLD, NONE), (Action.HOLD, NONE)])
    plain = perception.read_moves(now, p, same_bloc)
    return perception.read_moves(now, p, same_bloc, last)[0, :, 0], plain[0, :, 0]


@pytest.mark.parametrize(
    "action, target, kind",
    [
        (Action.PRESSURE, 2, "exploited"),
        (Action.SUMMIT, 2, "reciprocated"),
        (Action.TRADE, 1, "ignored"),
        (Action.FORUM, NONE, "other"),
    ],
    ids=lambda x: x if isinstance(x, str) else None,
)
def test_an_answer_to_an_opening_is_read_by_the_models_chances_under_each_type(action, target, kind):
    """read_answers: exploiting an opening reads ln(a / (q + (1 − q)·a)) in place of the move's reading, reciprocating
    adds ln(1 / ((1 − q)·c)), talk aimed elsewhere ln(a / ((1 − q)·(1 − c))), any other move ln(1 / (1 − q)); the one
    who opened reads it in full, the others at BYSTANDER_WEIGHT, each within ±ANSWER_MAX (q = GREEDY_EXPLOIT,
    a = action_noise, c = 1/2)."""
    q, a, c, cap = k("GREEDY_EXPLOIT"), value("spiral-world", "action_noise"), 0.5, k("ANSWER_MAX")
    expected = {
        "exploited": np.log(a / (q + (1 - q) * a)),
        "reciprocated": -np.log((1 - q) * c),
        "ignored": np.log(a / ((1 - q) * (1 - c))),
        "other": -np.log(1 - q),
    }[kind]
    expected = float(np.clip(expected, -cap, cap))
    got, plain = answer_readings(action, target)
    base = np.zeros(3) if kind == "exploited" else plain
    assert got[2] == pytest.approx(base[2] + expected, abs=1e-5)
    assert got[1] == pytest.approx(base[1] + k("BYSTANDER_WEIGHT") * expected, abs=1e-5)


def test_nothing_answers_an_opening_from_ones_own_bloc():
    """A summit from an actor of one's own bloc is no opening to answer: the moves read as they would without it."""
    p = in_force("spiral-world")
    same_bloc = np.ones((3, 3), dtype=bool)
    last = moves([(Action.HOLD, NONE), (Action.HOLD, NONE), (Action.SUMMIT, 0)])
    now = moves([(Action.PRESSURE, 2), (Action.HOLD, NONE), (Action.HOLD, NONE)])
    np.testing.assert_array_equal(
        perception.read_moves(now, p, same_bloc, last), perception.read_moves(now, p, same_bloc)
    )


def test_an_alliance_move_reassures_its_partner_alarms_the_other_bloc_and_says_nothing_to_its_own():
    """An ALLY move reads ALLY_PARTNER_SIGNAL to its partner, alliance_signal to the other bloc, 0 to its own."""
    p = in_force("spiral-world")
    same_bloc = np.ones((4, 4), dtype=bool)  # actors 0, 1, 3 in one bloc, 2 in another
    same_bloc[2, :] = same_bloc[:, 2] = False
    same_bloc[2, 2] = True
    mv = moves([(Action.ALLY, 1), (Action.HOLD, NONE), (Action.HOLD, NONE), (Action.HOLD, NONE)])
    reading = perception.read_moves(mv, p, same_bloc)
    assert reading[0, 1, 0] == pytest.approx(k("ALLY_PARTNER_SIGNAL"), abs=TOL)
    assert reading[0, 2, 0] == pytest.approx(value("spiral-world", "alliance_signal"), abs=TOL)
    assert reading[0, 3, 0] == 0.0
    assert reading[0, 0, 1] == pytest.approx(k("HOLD_SIGNAL"), abs=TOL)


def crisis_scene(stance_pairs, rung=1):
    """Games of two rivals in an open crisis over one stake of value 2, the first party's stances and the second's
    given per game; stances (B, 1, 2)."""
    b = len(stance_pairs)
    p = in_force("spiral-world", b=b)
    stakes = make_stakes([(0, 1)], [2.0], [0, 1])
    st = make_state(b, 2, tension=pair(2, {(0, 1): 0.6}, b=b), stake_rung=rung, stake_challenger=0)
    stance = np.array([[[a, c]] for a, c in stance_pairs], np.int8)
    return view_of(st, stakes, p), stance, st


@pytest.mark.parametrize("name", ["deterrence", "dialogue"])
def test_stances_are_read_by_how_often_each_type_would_take_them(name):
    """read_stances: each party's stance reads ln P(stance | security-seeker) − ln P(stance | greedy), the chances
    stance_chances counts from the party's doctrine over its private draws in the footing others see."""
    doctrine = make(name)
    pairs = [(a, c) for a in Stance for c in (Stance.SETTLE, Stance.STAND_FIRM)]
    v, stance, st = crisis_scene(pairs)
    reading = perception.read_stances(v, lambda i: doctrine, stance, st.escalated, st.stake_challenger)
    odds = war.crisis_odds(v.stakes, 0, np.zeros(len(pairs), int), v.capability, v.alliance, v.credibility, v.params)
    for side in (0, 1):
        f = choice.footing(v, v.stakes, 0, side, np.zeros(len(pairs), int), odds[:, side], v.params, None)
        f = attrs.evolve(f, face=np.zeros(len(pairs), np.float32))
        chance = perception.stance_chances(doctrine, f, v.stake_rung[:, 0], False, v.params.game("misperception"))
        took = stance[:, 0, side]
        expected = np.log(chance[1, np.arange(len(pairs)), took]) - np.log(chance[0, np.arange(len(pairs)), took])
        np.testing.assert_allclose(reading[:, side], np.clip(expected, -3, 3), atol=1e-5)
    np.testing.assert_allclose(chance.sum(axis=2), 1.0, atol=1e-6)


def test_a_stance_both_types_take_alike_says_nothing_and_a_closed_crisis_is_not_read():
    """A fixed policy stands firm whatever its type, so its stance reads 0; no stance is read over a stake with no
    crisis open or at war."""
    v, stance, st = crisis_scene([(Stance.STAND_FIRM, Stance.STAND_FIRM)])
    fixed = make("always-hold")
    assert (perception.read_stances(v, lambda i: fixed, stance, st.escalated, st.stake_challenger) == 0).all()
    for rung in (0, K.WAR_RUNG):
        v, stance, st = crisis_scene([(Stance.ESCALATE, Stance.SETTLE)], rung=rung)
        reading = perception.read_stances(v, lambda i: make("dialogue"), stance, st.escalated, st.stake_challenger)
        assert (reading == 0).all()


def test_a_stance_only_one_type_takes_on_every_draw_reads_the_prior_bounded_ratio():
    """Where every grid draw gives one type a stance and the other never, the chance ratio is
    STANCE_PRIOR / (STANCE_GRID + STANCE_PRIOR) (the counts' pseudo-count)."""
    m = 1
    f = Footing(
        odds=np.full(m, 0.5, np.float32), sure=np.full(m, 0.5, np.float32), value=2.0,
        war_cost=np.zeros(m, np.float32), fear=np.zeros(m, np.float32), face=np.zeros(m, np.float32),
        u=np.ones(m, np.float32), their_resolve=np.zeros(m, np.float32), provoked=np.zeros(m, bool),
    )  # fmt: skip
    chance = perception.stance_chances(make("deterrence"), f, np.array([1], np.int8), False, np.zeros(m, np.float32))
    grid, prior = k("STANCE_GRID"), k("STANCE_PRIOR")
    # an irresolute other: a greedy party always escalates, a security-seeker never does without fear
    assert chance[0, 0, Stance.ESCALATE] == pytest.approx((grid + prior) / (grid + 4 * prior))
    assert chance[1, 0, Stance.ESCALATE] == pytest.approx(prior / (grid + 4 * prior))


# ---------------------------------------------------------------- §7.3 actions


def test_arming_raises_capability_by_the_shrinking_step_and_costs_prosperity():
    """ARM adds ARM_STEP·(1 − c/CAPABILITY_MAX) capability and costs ARM_COST of the actor's starting prosperity;
    HOLD changes nothing."""
    c = np.array([2.0, 8.0, 5.0])
    st = make_state(1, 3, capability=c, prosperity=[4.0, 4.0, 4.0])
    start = np.array([1.0, 1.0, 1.0])
    after = actions.act(st, moves([(Action.ARM, NONE), (Action.ARM, NONE), (Action.HOLD, NONE)]), start)
    step = k("ARM_STEP") * (1.0 - c / k("CAPABILITY_MAX"))
    np.testing.assert_allclose(after.capability[0], [c[0] + step[0], c[1] + step[1], c[2]], atol=TOL)
    np.testing.assert_allclose(after.prosperity[0], [4.0 - k("ARM_COST"), 4.0 - k("ARM_COST"), 4.0], atol=TOL)
    assert step[0] > step[1]  # the weak gain more from a turn of arming than the strong


def test_the_costs_of_moves_are_shares_of_the_actors_starting_prosperity():
    """Arming and pressure cost each actor the same share of its own starting prosperity: a poor actor pays little."""
    st = make_state(1, 3, prosperity=[4.0, 4.0, 4.0])
    start = np.array([8.0, 1.0, 2.0])
    after = actions.act(st, moves([(Action.ARM, NONE), (Action.ARM, NONE), (Action.PRESSURE, 1)]), start)
    expected = [
        4.0 - k("ARM_COST") * 8.0,
        4.0 - k("ARM_COST") * 1.0 - k("PRESSURED_COST") * 1.0,
        4.0 - k("PRESSURE_COST") * 2.0,
    ]
    np.testing.assert_allclose(after.prosperity[0], expected, atol=TOL)


def test_a_cbm_gives_up_capability_and_prosperity():
    """CBM costs its mover CBM_COST capability and CBM_PROSPERITY_COST of its starting prosperity, its target
    nothing."""
    st = make_state(1, 2, capability=[5.0, 5.0], prosperity=[4.0, 4.0])
    after = actions.act(st, moves([(Action.CBM, 1), (Action.HOLD, NONE)]), np.ones(2))
    np.testing.assert_allclose(after.capability[0], [5.0 - k("CBM_COST"), 5.0], atol=TOL)
    np.testing.assert_allclose(after.prosperity[0], [4.0 - k("CBM_PROSPERITY_COST"), 4.0], atol=TOL)


def test_trading_raises_both_partners_ties_and_prosperity_and_a_summit_adds_a_little():
    """A trade raises the pair's ties by TRADE_TIES and both partners' prosperity by TRADE_GAIN; a summit adds
    SUMMIT_TIES."""
    st = make_state(1, 3, prosperity=[4.0, 4.0, 4.0], ties=pair(3, {(0, 1): 0.2, (1, 2): 0.3}))
    after = actions.act(st, moves([(Action.TRADE, 1), (Action.SUMMIT, 2), (Action.HOLD, NONE)]), np.ones(3))
    expected_ties = pair(3, {(0, 1): 0.2 + k("TRADE_TIES"), (1, 2): 0.3 + k("SUMMIT_TIES")})
    np.testing.assert_allclose(after.ties, expected_ties, atol=TOL)
    np.testing.assert_allclose(after.prosperity[0], [4.0 + k("TRADE_GAIN"), 4.0 + k("TRADE_GAIN"), 4.0], atol=TOL)


def test_an_alliance_move_strengthens_the_pair_up_to_one():
    """ALLY adds ALLY_STEP to the pair's alliance, both ways, never above 1."""
    st = make_state(1, 3, alliance=pair(3, {(0, 1): 0.5, (0, 2): 0.95}))
    after = actions.act(st, moves([(Action.ALLY, 1), (Action.HOLD, NONE), (Action.ALLY, 0)]), np.ones(3))
    np.testing.assert_allclose(after.alliance, pair(3, {(0, 1): 0.5 + k("ALLY_STEP"), (0, 2): 1.0}), atol=TOL)


def test_pressure_costs_both_sides_the_target_more():
    """PRESSURE costs its mover PRESSURE_COST and its target PRESSURED_COST of their starting prosperity."""
    st = make_state(1, 3, prosperity=[4.0, 4.0, 4.0])
    after = actions.act(st, moves([(Action.PRESSURE, 1), (Action.HOLD, NONE), (Action.HOLD, NONE)]), np.ones(3))
    np.testing.assert_allclose(
        after.prosperity[0], [4.0 - k("PRESSURE_COST"), 4.0 - k("PRESSURED_COST"), 4.0], atol=TOL
    )
    assert K.PRESSURED_COST > K.PRESSURE_COST


def test_the_forum_grows_with_the_share_attending_to_the_power_forum_collective():
    """The forum gains FORUM_GAIN·share^FORUM_COLLECTIVE·(1 − forum) and decays by FORUM_DECAY: all attending far
    outweigh one."""
    f0 = 0.2
    st = make_state(3, 3, forum=f0)
    everyone = [(Action.FORUM, NONE)] * 3
    one = [(Action.FORUM, NONE), (Action.HOLD, NONE), (Action.HOLD, NONE)]
    nobody = [(Action.HOLD, NONE)] * 3
    after = actions.act(st, moves(everyone, one, nobody), np.ones(st.prosperity.shape[1])).forum
    kept = f0 * (1.0 - k("FORUM_DECAY"))
    gain = k("FORUM_GAIN") * (1.0 - f0)
    np.testing.assert_allclose(after, [kept + gain, kept + gain * (1 / 3) ** k("FORUM_COLLECTIVE"), kept], atol=TOL)
    assert after[0] - kept == pytest.approx(3 ** k("FORUM_COLLECTIVE") * (after[1] - kept), abs=TOL)


# ---------------------------------------------------------------- §7.5 resolve


def test_a_deterrence_move_raises_resolve_by_resolve_gain_and_a_cbm_lowers_it():
    """A deterrence move adds resolve_gain, a CBM takes RESOLVE_LOSS·weakness_invites, both plus reversion."""
    preset = "deterrence-world"
    p = in_force(preset)
    wi, gain = value(preset, "weakness_invites"), value(preset, "resolve_gain")
    r = np.array([0.3, 0.6, 0.7])
    mv = moves([(Action.ARM, NONE), (Action.CBM, 2), (Action.HOLD, NONE)])
    calm = pair(3, {(0, 1): 0.1, (1, 2): 0.1, (0, 2): 0.1})
    no = np.zeros((1, 3), bool)
    got = resolve_image.update_resolve(r[None].astype(np.float32), calm, mv, p, no, no)
    back = k("RESOLVE_REVERSION") * (k("START_RESOLVE") - r)
    expected = r + back + np.array([gain, -k("RESOLVE_LOSS") * wi, 0.0])
    np.testing.assert_allclose(got[0], expected, atol=TOL)


def test_standing_firm_in_a_crisis_is_tough_and_backing_down_is_meek():
    """Standing firm adds resolve_gain even with a dialogue move; backing down takes RESOLVE_LOSS·weakness_invites."""
    preset = "deterrence-world"
    p = in_force(preset)
    r = np.full((1, 3), 0.5, np.float32)  # at START_RESOLVE: no reversion
    calm = pair(3, {})
    holds = moves([(Action.HOLD, NONE)] * 3)
    got = resolve_image.update_resolve(
        r, calm, holds, p, np.array([[True, False, False]]), np.array([[False, True, False]])
    )
    loss = k("RESOLVE_LOSS") * value(preset, "weakness_invites")
    np.testing.assert_allclose(got[0], [0.5 + value(preset, "resolve_gain"), 0.5 - loss, 0.5], atol=TOL)


def test_restraint_is_meek_under_pressure_or_high_tension_and_free_in_a_spiral_world():
    """HOLD loses RESOLVE_LOSS·weakness_invites under pressure or above TENSE; nothing if calm or weakness_invites is
    0."""
    r = np.full((1, 3), 0.5, np.float32)
    no = np.zeros((1, 3), bool)
    pressured = moves([(Action.PRESSURE, 1), (Action.HOLD, NONE), (Action.HOLD, NONE)])
    calm = pair(3, {}, fill=0.0)
    tense = pair(3, {(1, 2): k("TENSE") + 0.05})
    loss = k("RESOLVE_LOSS") * value("deterrence-world", "weakness_invites")
    got = resolve_image.update_resolve(r, calm, pressured, in_force("deterrence-world"), no, no)
    np.testing.assert_allclose(got[0], [0.5 + value("deterrence-world", "resolve_gain"), 0.5 - loss, 0.5], atol=TOL)
    holds = moves([(Action.HOLD, NONE)] * 3)
    got = resolve_image.update_resolve(r, tense, holds, in_force("deterrence-world"), no, no)
    np.testing.assert_allclose(got[0], [0.5, 0.5 - loss, 0.5 - loss], atol=TOL)
    assert value("spiral-world", "weakness_invites") == 0.0
    got = resolve_image.update_resolve(r, tense, holds, in_force("spiral-world"), no, no)
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
        c = arms.arms_dynamics(c, arms.threat(trust, alliance, c, off(3)), g, p)
    np.testing.assert_allclose(c, c0, atol=TOL)


def test_falling_trust_raises_capability_by_the_richardson_terms():
    """Lower trust adds arms_fear·Δthreat capability, the same for either type."""
    preset = "spiral-world"
    p, c0, trust, alliance, threat0, g = arms_setup(preset)
    worse = trust * 0.5
    threat1 = arms.threat(worse, alliance, c0, off(3))
    got = arms.arms_dynamics(c0, threat1, g, p)
    fear = value(preset, "arms_fear")
    expected = f64(c0[0]) + fear * (f64(threat1[0]) - f64(threat0[0]))
    np.testing.assert_allclose(got[0], expected, atol=TOL)
    assert (got[0] > c0[0]).all()


# ---------------------------------------------------------------- §7.7, §7.8 tension


def tension_after(
    pressure=False,
    ties=0.0,
    forum=0.0,
    tension=0.3,
    trust=0.5,
    race=(0.0, 0.0),
    camp=0.0,
    rung=0,
    preset="spiral-world",
) -> float:
    """Pair tension of two actors after update_tension with the given causes."""
    p = in_force(preset)
    pulls = tension_dynamics.tension_pulls(
        pair(2, {(0, 1): tension}),
        pair(2, {(0, 1): trust}),
        np.array([race], np.float32),
        pair(2, {(0, 1): pressure}, dtype=bool),
        pair(2, {(0, 1): rung}, dtype=np.int8),
        pair(2, {(0, 1): ties}),
        np.array([forum], np.float32),
        np.array([[0.0, camp], [camp, 0.0]], np.float32),
        p,
    )
    new = tension_dynamics.update_tension(pair(2, {(0, 1): tension}), pulls, np.zeros((1, 2, 2), np.float32), off(2))
    assert new[0, 0, 1] == new[0, 1, 0] and new[0, 0, 0] == 0
    return float(new[0, 0, 1])


def test_tension_closes_a_share_of_the_gap_to_its_target():
    """tension ← tension + TENSION_RATE·(target − tension), the target summing the causes, the open crisis included."""
    preset = "spiral-world"
    camp_bias, shadow = value(preset, "camp_bias"), value(preset, "shadow_of_future")
    t, trust, race, ties, forum, rung = 0.3, 0.4, (0.2, 0.1), 0.2, 0.1, 2
    target = (
        k("DISTRUST_TENSION") * (1 - trust)
        + k("ARMS_TENSION") * sum(race)
        + k("BLOC_TENSION") * camp_bias
        + k("PRESSURE_TENSION")
        + k("CRISIS_TENSION") * rung / K.WAR_RUNG
        - k("TIES_TENSION") * shadow * ties
        - k("FORUM_TENSION") * forum
    )
    got = tension_after(pressure=True, ties=ties, forum=forum, tension=t, trust=trust, race=race, camp=1.0, rung=rung)
    assert got == pytest.approx(t + k("TENSION_RATE") * (target - t), abs=TOL)


def test_pressure_and_an_open_crisis_raise_pair_tension_and_ties_and_the_forum_lower_it():
    """Pressure adds TENSION_RATE·PRESSURE_TENSION, a crisis TENSION_RATE·CRISIS_TENSION·rung/WAR_RUNG; ties and forum
    take their terms."""
    shadow = value("spiral-world", "shadow_of_future")
    rate = k("TENSION_RATE")
    base = tension_after()
    assert tension_after(pressure=True) - base == pytest.approx(rate * k("PRESSURE_TENSION"), abs=TOL)
    for rung in (1, BRINK):
        assert tension_after(rung=rung) - base == pytest.approx(rate * k("CRISIS_TENSION") * rung / K.WAR_RUNG, abs=TOL)
    assert base - tension_after(ties=0.6) == pytest.approx(rate * k("TIES_TENSION") * shadow * 0.6, abs=TOL)
    assert base - tension_after(forum=0.5) == pytest.approx(rate * k("FORUM_TENSION") * 0.5, abs=TOL)
    assert tension_after(tension=0.05, ties=1.0, forum=1.0, trust=0.99) == 0.0  # a negative target: calm, not below


def test_regional_tension_of_equal_pair_tensions_is_that_tension_on_the_gauge():
    """Equal pair tensions t give regional tension REGIONAL_TENSION_SCALE·t, whatever the capabilities."""
    c = np.array([[9.0, 1.0, 0.5]], np.float32)
    rt = tension_dynamics.regional_tension(pair(3, {}, fill=0.4), c)
    assert rt[0] == pytest.approx(k("REGIONAL_TENSION_SCALE") * 0.4, abs=1e-4)


def test_regional_tension_weighs_a_pair_by_its_strength():
    """Regional tension is the pair tensions' mean weighted by c_i + c_j, times REGIONAL_TENSION_SCALE."""
    c = np.array([9.0, 1.0, 0.5])
    t = {(0, 1): 0.8, (0, 2): 0.1, (1, 2): 0.5}
    rt = tension_dynamics.regional_tension(pair(3, t), c[None].astype(np.float32))
    by_hand = sum(v * (c[i] + c[j]) for (i, j), v in t.items()) / sum(c[i] + c[j] for (i, j) in t)
    assert rt[0] == pytest.approx(k("REGIONAL_TENSION_SCALE") * by_hand, abs=1e-4)


# ---------------------------------------------------------------- §7.9 the challenge


def greedy_z_by_hand(preset, stake_value, win, resolve, ties, forum, nuclear_target) -> float:
    return (
        k("GREED_WEIGHT") * stake_value * (win - k("WIN_THRESHOLD"))
        - k("RESOLVE_DETERS") * resolve
        - k("FUTURE_WEIGHT") * value(preset, "shadow_of_future") * (ties + forum)
        - k("NUCLEAR_DETERS") * nuclear_target
        + k("CRISIS_BASE")
    )


@pytest.mark.parametrize(
    "preset, stake_value, win, resolve, ties, forum, nuclear_target",
    [
        ("spiral-world", 3.0, 0.7, 0.5, 0.0, 0.0, False),
        ("spiral-world", 1.0, 0.3, 0.2, 0.4, 0.2, False),
        ("deterrence-world", 2.0, 0.8, 0.9, 0.5, 0.0, True),
        ("deterrence-world", 3.0, 0.45, 0.0, 0.0, 1.0, True),
    ],
)
def test_greedy_challenge_logodds_follow_the_formula(preset, stake_value, win, resolve, ties, forum, nuclear_target):
    """z = GREED_WEIGHT·value·(win − WIN_THRESHOLD) − RESOLVE_DETERS·resolve − FUTURE_WEIGHT·shadow·(ties + forum) −
    NUCLEAR_DETERS·[target nuclear] + CRISIS_BASE."""
    a = lambda x: np.array([x], np.float32)  # noqa: E731
    z = challenge.greedy_challenge_logodds(
        stake_value, a(win), a(resolve), a(ties), a(forum), nuclear_target, in_force(preset)
    )
    assert z[0] == pytest.approx(
        greedy_z_by_hand(preset, stake_value, win, resolve, ties, forum, nuclear_target), abs=1e-4
    )


def test_a_greedy_actor_is_drawn_by_a_valuable_stake_it_expects_to_win():
    """Each unit of odds beyond WIN_THRESHOLD adds GREED_WEIGHT·value; below it, a more valuable stake pulls less."""
    p = in_force("spiral-world")
    a = lambda x: np.array([x], np.float32)  # noqa: E731

    def z(v, w):
        return float(challenge.greedy_challenge_logodds(v, a(w), a(0.5), a(0.0), a(0.0), False, p)[0])

    assert z(3.0, 0.8) - z(3.0, 0.6) == pytest.approx(k("GREED_WEIGHT") * 3.0 * 0.2, abs=1e-4)
    assert z(3.0, 0.8) > z(1.0, 0.8)
    assert z(3.0, 0.3) < z(1.0, 0.3)


def test_fear_is_first_strike_times_offence_times_distrust_times_tension():
    """fear = first_strike·2 / (1 + defence_advantage)·(1 − trust)·tension."""
    p = in_force("spiral-world")
    got = challenge.fear(np.array([0.2], np.float32), np.array([0.7], np.float32), p)
    offence = 2.0 / (1.0 + value("spiral-world", "defence_advantage"))
    assert got[0] == pytest.approx(value("spiral-world", "first_strike") * offence * 0.8 * 0.7, abs=TOL)


def test_defence_advantage_eases_fear():
    """The same distrust and tension make less fear where defence has the advantage (Jervis 1978)."""
    trust, tension = np.array([0.2], np.float32), np.array([0.7], np.float32)
    offence_world = challenge.fear(trust, tension, in_force("spiral-world", defence_advantage=0.6))
    defence_world = challenge.fear(trust, tension, in_force("spiral-world", defence_advantage=1.8))
    assert defence_world[0] < offence_world[0]


def test_a_protector_counts_in_proportion_to_the_targets_resolve():
    """A challenger counts commitments to its target by min(1, resolve / START_RESOLVE), others in full."""
    credibility = np.full((1, 3, 3), 0.8, np.float32)
    resolve = np.array([[0.5, 0.1, 0.9]], np.float32)
    counted = challenge.counted_credibility(credibility, resolve, 1)
    assert counted[0, 0, 1] == pytest.approx(0.8 * 0.1 / float(K.START_RESOLVE))
    assert (counted[0, :, [0, 2]] == credibility[0, :, [0, 2]]).all()
    assert challenge.counted_credibility(credibility, resolve, 2)[0, 0, 2] == pytest.approx(0.8)


def test_a_security_seeker_challenges_only_from_fear_and_smoothly():
    """secure z = ln(fear / FEAR_SCALE) − FUTURE_WEIGHT·shadow·(ties + forum) + CRISIS_BASE: no
    challenge without fear, and a chance that rises with fear without a jump."""
    preset = "spiral-world"
    p = in_force(preset, b=4)
    fear_now = np.array([0.0, 0.01, 0.05, 0.4], np.float32)
    ties, forum = np.full(4, 0.3, np.float32), np.full(4, 0.1, np.float32)
    z = challenge.secure_challenge_logodds(fear_now, ties, forum, p)
    assert z[0] == -np.inf and sigmoid(z[0]) == 0.0
    for i in (1, 2, 3):
        expected = (
            np.log(float(fear_now[i]) / k("FEAR_SCALE"))
            - k("FUTURE_WEIGHT") * value(preset, "shadow_of_future") * 0.4
            + k("CRISIS_BASE")
        )
        assert z[i] == pytest.approx(expected, abs=1e-4)
    assert np.all(np.diff(sigmoid(z)) > 0)
    fine = np.linspace(0.0, 0.5, 501).astype(np.float32)
    chance = sigmoid(challenge.secure_challenge_logodds(fine, np.zeros(501), np.zeros(501), in_force(preset, b=501)))
    assert np.abs(np.diff(chance)).max() < 0.01


def test_win_odds_give_the_defender_its_defence_advantage():
    """win = S_c / (S_c + defence_advantage·S_d)."""
    for preset in P.PRESETS:
        da = value(preset, "defence_advantage")
        got = war.win_odds(np.array([4.0], np.float32), np.array([3.0], np.float32), in_force(preset))
        assert got[0] == pytest.approx(4.0 / (4.0 + da * 3.0), abs=TOL)


def test_may_back_excludes_the_parties_allies_of_the_other_side_and_the_other_sides_bloc():
    """An ally of a party may back it unless it is a party, an ally of the other party too, or in the other party's
    bloc."""
    # 0 (bloc 0) against 1 (bloc 1); 2 allied with 0 only; 3 allied with both; 4 allied with 0 but in bloc 1;
    # 5 allied with 0 just below ALLY_THRESHOLD; 0 and 1 themselves allied
    stakes = make_stakes([(0, 1)], [2.0], [0, 1, 2, 3, 1, 5])
    strong, weak = 1.0, k("ALLY_THRESHOLD") - 0.01
    alliance = pair(
        6,
        {
            (0, 2): strong,
            (0, 3): strong,
            (1, 3): strong,
            (0, 4): strong,
            (0, 5): weak,
            (0, 1): strong,
            (1, 5): k("ALLY_THRESHOLD"),
        },
    )
    first = crises.may_back(stakes, alliance, 0, 0)
    second = crises.may_back(stakes, alliance, 0, 1)
    assert first[0].tolist() == [False, False, True, False, False, False]
    assert second[0].tolist() == [False, False, False, False, False, True]  # 5 is 1's ally at the threshold


def test_crisis_odds_count_credible_backers_and_the_defender_defends():
    """Each side's strength is its party's capability plus eligible allies' times their credibility; the non-challenger
    gets defence_advantage."""
    preset = "deterrence-world"
    da = value(preset, "defence_advantage")
    stakes = make_stakes([(0, 1)], [2.0], [0, 1, 2])
    capability = np.array([[4.0, 3.0, 2.0]], np.float32)
    alliance = pair(3, {(1, 2): 0.8})
    credibility = np.full((1, 3, 3), 0.6, np.float32)
    credibility[0, 2, 1] = 0.5  # 2's commitment to 1
    s0, s1 = 4.0, 3.0 + 0.5 * 2.0
    p = in_force(preset)
    first_challenges = war.crisis_odds(stakes, 0, np.array([0]), capability, alliance, credibility, p)[0]
    np.testing.assert_allclose(first_challenges, [s0 / (s0 + da * s1), da * s1 / (s0 + da * s1)], atol=TOL)
    second_challenges = war.crisis_odds(stakes, 0, np.array([1]), capability, alliance, credibility, p)[0]
    np.testing.assert_allclose(second_challenges, [da * s0 / (s1 + da * s0), s1 / (s1 + da * s0)], atol=TOL)


def test_defence_of_all_counts_every_allys_credible_capability():
    """defence_j = defence_advantage·(capability_j + Σ_k [alliance_jk ≥ ALLY_THRESHOLD]·credibility_kj·capability_k)."""
    preset = "spiral-world"
    stakes = make_stakes([(0, 1)], [1.0], [0, 1, 1])
    capability = np.array([[4.0, 3.0, 2.0]], np.float32)
    alliance = pair(3, {(1, 2): 0.9, (0, 2): k("ALLY_THRESHOLD") - 0.01})
    credibility = np.zeros((1, 3, 3), np.float32)
    credibility[0, 2, 1], credibility[0, 1, 2] = 0.5, 0.25
    got = war.defence_of_all(stakes, capability, alliance, credibility, in_force(preset))
    da = value(preset, "defence_advantage")
    np.testing.assert_allclose(got[0], [da * 4.0, da * (3.0 + 0.5 * 2.0), da * (2.0 + 0.25 * 3.0)], atol=TOL)


# ---------------------------------------------------------------- §7.2 choice


def test_rivals_share_a_stake_or_sit_in_two_treaty_blocs():
    """Two actors are rivals if they share a stake or belong to different blocs, neither non-aligned."""
    stakes = make_stakes([(0, 2)], [1.0], [0, 1, 2])
    rival = choice.rivals(stakes, ["east", "west", "non-aligned", "west"])
    assert rival.tolist() == [
        [False, True, True, True],
        [True, False, False, False],
        [True, False, False, False],
        [True, False, False, False],
    ]


def test_a_move_that_cannot_be_made_is_refused_with_its_reason():
    """refusal: a targeted move with no target or at oneself, an ALLY with a rival, a CHALLENGE with no free stake
    against its target."""
    stakes = make_stakes([(0, 1)], [2.0], [0, 1, 2])
    rival = choice.rivals(stakes, ["a", "b", "non-aligned"])
    action = np.array(
        [
            [Action.CHALLENGE, Action.ALLY, Action.ALLY],
            [Action.CHALLENGE, Action.CHALLENGE, Action.TRADE],
            [Action.SUMMIT, Action.PRESSURE, Action.ARM],
        ],
        np.int8,
    )
    target = np.array([[1, 0, 0], [1, 2, NONE], [NONE, 1, NONE]])
    rung = np.array([[0], [1], [0]], np.int8)
    why = choice.refusal(action, target, stakes, rung, rival)
    challenge = "no stake open to challenge with that actor"
    assert why.tolist() == [
        ["", "an alliance with a rival", ""],
        [challenge, challenge, "no target"],
        ["no target", "no target", ""],
    ]


def every_action():
    """One actor per action, each targeted one aimed at the next actor."""
    n = len(Action)
    action = np.array([list(Action)], dtype=np.int8)
    target = np.where(targeted(action), (np.arange(n) + 1) % n, -1).astype(np.int8)
    return action, target


def test_action_noise_one_flips_every_move_to_the_other_family():
    """With noise 1 deterrence (a challenge too) becomes HOLD with no target, dialogue PRESSURE on its partner or ARM
    without one."""
    action, target = every_action()
    u = np.linspace(0.01, 0.99, action.shape[1])[None]
    got_a, got_t = choice.action_noise(action, target, u, np.array([1.0], np.float32))
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
    got_a, got_t = choice.action_noise(action, target, np.full(action.shape, 1e-6), np.array([0.0], np.float32))
    assert got_a.tolist() == action.tolist() and got_t.tolist() == target.tolist()


def test_action_noise_flips_where_the_draw_is_below_the_noise():
    """A move flips exactly where the actor's draw is below action_noise."""
    action = np.array([[Action.SUMMIT, Action.SUMMIT, Action.SUMMIT]], np.int8)
    target = np.array([[1, 0, 0]], np.int8)
    got_a, _ = choice.action_noise(action, target, np.array([[0.1, 0.25, 0.3]]), np.array([0.25], np.float32))
    assert got_a.tolist() == [[Action.PRESSURE, Action.SUMMIT, Action.SUMMIT]]


def test_a_humans_stance_is_taken_as_given():
    """choose_stances takes a human party's stance for (actor, stake) as given; the AI party's comes from its doctrine.
    choose_stances takes a human party's stance for (actor, stake) as given; the AI party's comes from its doctrine."""
    stakes = make_stakes([(0, 1)], [2.0], [0, 1])
    p = in_force("spiral-world")
    st = make_state(1, 2, stake_rung=[[1]], stake_challenger=[[0]])
    stance, _ = choice.choose_stances(
        view_of(st, stakes, p),
        lambda i: make("always-hold"),
        {(1, 0): Stance.BACK_DOWN},
        stakes,
        st.stake_challenger,
        p,
    )
    assert stance[0, 0].tolist() == [Stance.STAND_FIRM, Stance.BACK_DOWN]


def test_no_stance_is_taken_in_a_game_without_an_open_crisis():
    """In a batch, a game whose stake has no crisis open gets STAND_FIRM there, whatever other games have open."""
    stakes = make_stakes([(0, 1)], [2.0], [0, 1])
    p = in_force("spiral-world", b=3)
    st = make_state(3, 2, stake_rung=[[1], [0], [K.WAR_RUNG]], stake_challenger=[[0], [-1], [0]])
    stance, _ = choice.choose_stances(
        view_of(st, stakes, p), lambda i: make("dialogue"), {}, stakes, st.stake_challenger, p
    )
    assert stance[0, 0].tolist() == [Stance.SETTLE, Stance.SETTLE]  # two security-seekers of a doctrine not tough
    assert stance[1:, 0].tolist() == [[Stance.STAND_FIRM, Stance.STAND_FIRM]] * 2


def test_only_eligible_allies_of_an_open_crisis_back():
    """choose_backing: an eligible ally backs its party (FIRST or SECOND) where its draw is below its credibility."""
    stakes = make_stakes([(0, 1)], [2.0], [0, 1, 2, 3])
    p = in_force("spiral-world", b=3)
    credibility = np.full((3, 4, 4), 0.6, np.float32)
    st = make_state(
        3,
        4,
        s=1,
        stake_rung=[[1], [1], [0]],
        stake_challenger=[[0], [0], [-1]],
        credibility=credibility,
        alliance=pair(4, {(0, 2): 0.8, (1, 3): 0.8}, b=3),
    )
    u = np.full((3, 1, 4), 0.5, np.float32)
    u[1, 0, 2] = 0.7  # actor 2's backing draw for the stake in game 1: above its credibility
    backing, eligible = choice.choose_backing(view_of(st, stakes, p), lambda i: make("reciprocity"), {}, stakes, u)
    assert backing[:, 0].tolist() == [[OUT, OUT, FIRST, SECOND], [OUT, OUT, OUT, SECOND], [OUT, OUT, OUT, OUT]]
    assert eligible[0][0].tolist() == [[False, False, True, False], [False, False, True, False], [False] * 4]


# ---------------------------------------------------------------- §7.10 the ladder and war


def expected_resolution(a: Stance, b: Stance, rung: int, accident: bool):
    """(new rung, winner, settled, war) as docs/MODEL.md §7.10 states it."""
    if a == b == Stance.SETTLE:
        return 0, -1, True, False
    if a == b == Stance.BACK_DOWN:
        return 0, -1, False, False
    if a == Stance.BACK_DOWN:
        return 0, 1, False, False
    if b == Stance.BACK_DOWN:
        return 0, 0, False, False
    if rung < BRINK:
        return rung + 1, -1, False, False
    if Stance.ESCALATE in (a, b) or accident:
        return K.WAR_RUNG, -1, False, True
    return rung, -1, False, False


@pytest.mark.parametrize("a, b", list(itertools.product(Stance, Stance)), ids=lambda s: s.name)
def test_resolve_stances_for_every_pair_of_stances(a, b):
    """At every rung, with and without an accident, the stances settle, hand over or climb the crisis as stated."""
    cases = list(itertools.product((1, 2, BRINK), (False, True)))
    rung = np.array([r for r, _ in cases], np.int8)
    accident = np.array([x for _, x in cases])
    res = crises.resolve_stances(rung, np.tile(np.array([a, b], np.int8), (len(cases), 1)), accident)
    for g, (r, x) in enumerate(cases):
        got = (int(res.rung[g]), int(res.winner[g]), bool(res.settled[g]), bool(res.war[g]))
        assert got == expected_resolution(a, b, r, x), (r, x)


def resolve_one(a, b, rung, accident=False):
    res = crises.resolve_stances(np.array([rung], np.int8), np.array([[a, b]], np.int8), np.array([accident]))
    return int(res.rung[0]), int(res.winner[0]), bool(res.settled[0]), bool(res.war[0])


def test_both_settling_closes_the_crisis_with_the_stake_split():
    """Both SETTLE: the crisis closes (rung 0), nobody wins outright, the stake is split."""
    assert resolve_one(Stance.SETTLE, Stance.SETTLE, 2) == (0, -1, True, False)
    assert resolve_one(Stance.SETTLE, Stance.SETTLE, BRINK, accident=True) == (0, -1, True, False)


def test_one_backing_down_hands_the_stake_to_the_other():
    """One BACK_DOWN: the crisis closes and the other side wins, even at the brink with an accident drawn."""
    assert resolve_one(Stance.BACK_DOWN, Stance.ESCALATE, 1) == (0, 1, False, False)
    assert resolve_one(Stance.STAND_FIRM, Stance.BACK_DOWN, BRINK, accident=True) == (0, 0, False, False)


def test_escalating_or_a_stand_off_climbs_one_rung_below_the_brink():
    """Below the brink an ESCALATE, a stand-off, or a refused offer climbs exactly one rung."""
    for a, b in (
        (Stance.ESCALATE, Stance.ESCALATE),
        (Stance.STAND_FIRM, Stance.STAND_FIRM),
        (Stance.SETTLE, Stance.STAND_FIRM),
    ):
        assert resolve_one(a, b, 1) == (2, -1, False, False)
        assert resolve_one(a, b, BRINK - 1, accident=True) == (BRINK, -1, False, False)


def test_at_the_brink_war_comes_only_from_an_escalation_or_an_accident():
    """At the brink a stand-off stays there; war comes by an ESCALATE or an accident."""
    assert resolve_one(Stance.STAND_FIRM, Stance.STAND_FIRM, BRINK) == (BRINK, -1, False, False)
    assert resolve_one(Stance.STAND_FIRM, Stance.STAND_FIRM, BRINK, accident=True) == (K.WAR_RUNG, -1, False, True)
    assert resolve_one(Stance.SETTLE, Stance.ESCALATE, BRINK) == (K.WAR_RUNG, -1, False, True)


def test_accidents_happen_at_the_brink_with_chance_accident_rate_times_misperception():
    """accidents() is true at the brink exactly where the draw is below ACCIDENT_RATE·misperception."""
    p = in_force("spiral-world", b=4)
    chance = k("ACCIDENT_RATE") * value("spiral-world", "misperception")
    rung = np.array([BRINK, BRINK, BRINK - 1, K.WAR_RUNG], np.int8)
    u = np.array([chance - 0.01, chance + 0.01, 0.0, 0.0], np.float32)
    assert crises.accidents(rung, u, p).tolist() == [True, False, False, False]


def test_a_challenge_opens_a_crisis_over_the_most_valuable_free_stake_they_share():
    """open_crises: a CHALLENGE by i at j opens rung 1 over their most valuable stake with none open, i the challenger.
    open_crises: a CHALLENGE by i at j opens rung 1 over their most valuable stake with none open, i the challenger."""
    stakes = make_stakes([(0, 1), (1, 0), (0, 2)], [1.0, 3.0, 2.0], [0, 1, 2])
    action = np.array(
        [
            [Action.CHALLENGE, Action.HOLD, Action.HOLD],
            [Action.CHALLENGE, Action.HOLD, Action.HOLD],
            [Action.HOLD, Action.HOLD, Action.HOLD],
        ],
        np.int8,
    )
    target = np.array([[1, NONE, NONE], [1, NONE, NONE], [NONE, NONE, NONE]])
    rung0 = np.array([[0, 0, 0], [0, 2, 0], [0, 0, 0]], np.int8)
    rung, challenger, opened = crises.open_crises(
        rung0, np.full((3, 3), -1, np.int8), np.zeros((3, 3), np.int16), stakes, action, target, 7
    )
    assert rung.tolist() == [[0, 1, 0], [1, 2, 0], [0, 0, 0]]
    assert challenger.tolist() == [[-1, 0, -1], [0, -1, -1], [-1, -1, -1]]
    assert opened.tolist() == [[0, 7, 0], [7, 0, 0], [0, 0, 0]]


def test_settle_accounts_give_the_winner_the_stake_and_each_side_its_odds_in_a_settlement():
    """The winner gains the stake's value and the other loses it; a settlement gives each side its share (the first
    side's odds, the second 1 − them) and counts the other's share as lost (Fearon 1995)."""
    won, lost = np.zeros((3, 3), np.float32), np.zeros((3, 3), np.float32)
    won, lost = crises.settle_accounts(
        won,
        lost,
        np.array([2, 0]),
        3.0,
        np.array([0, -1, -1]),
        np.array([False, True, False]),
        np.array([0.5, 0.75, 0.5], np.float32),
    )
    assert won.tolist() == [[0, 0, 3], [0.75, 0, 2.25], [0, 0, 0]]
    assert lost.tolist() == [[3, 0, 0], [2.25, 0, 0.75], [0, 0, 0]]


def test_credibility_rises_when_an_ally_backs_and_falls_when_it_stays_out():
    """A backer's commitment gains BACKING_GAIN of the gap to 1; an eligible ally that stays out loses ABANDON_LOSS
    (not below 0)."""
    stakes = make_stakes([(0, 1)], [2.0], [0, 1, 2, 3])
    credibility = np.full((2, 4, 4), 0.6, np.float32)
    credibility[1, 3, 1] = 0.1
    # game 0: 2 backs 0, 3 (an ally of 1) stays out; game 1: 2 stays out, 3 stays out
    backing = np.array([[OUT, OUT, FIRST, OUT], [OUT, OUT, OUT, OUT]], np.int8)
    eligible = [np.array([[False, False, True, False]] * 2), np.array([[False, False, False, True]] * 2)]
    got = crises.update_credibility(credibility, stakes, 0, backing, eligible)
    assert got[0, 2, 0] == pytest.approx(0.6 + k("BACKING_GAIN") * 0.4, abs=TOL)
    assert got[0, 3, 1] == pytest.approx(0.6 - k("ABANDON_LOSS"), abs=TOL)
    assert got[1, 2, 0] == pytest.approx(0.6 - k("ABANDON_LOSS"), abs=TOL)
    assert got[1, 3, 1] == 0.0
    untouched = np.ones((4, 4), bool)
    untouched[2, 0] = untouched[3, 1] = False
    assert (got[:, untouched] == credibility[:, untouched]).all()


def test_a_war_is_fought_by_the_parties_and_their_backers_and_won_by_the_fortunes_of_war():
    """war_sides are each party and its backers; the first side wins when its draw is below its odds, the defender with
    defence_advantage."""
    preset = "spiral-world"
    p = in_force(preset, b=2)
    stakes = make_stakes([(0, 1)], [2.0], [0, 1, 2])
    backing = np.array([[OUT, OUT, SECOND]] * 2, np.int8)
    first, second = war.war_sides(stakes, 0, backing)
    assert first[0].tolist() == [True, False, False] and second[0].tolist() == [False, True, True]
    capability = np.array([[4.0, 3.0, 2.0]] * 2, np.float32)
    first_wins = 4.0 / (4.0 + value(preset, "defence_advantage") * 5.0)
    u = np.array([first_wins - 0.01, first_wins + 0.01])
    got = war.fortunes_of_war(first, second, np.array([0, 0]), capability, u, p)
    assert got.tolist() == [0, 1]


def crisis_turn(
    stance,
    rung=2,
    escalated=(False, False, False),
    backing=(OUT, OUT, OUT),
    resolve=0.5,
    eligible=((False,) * 3, (False,) * 3),
    accident=0.99,
    fortune=0.99,
    preset="spiral-world",
    capability=(4.0, 3.0, 2.0),
):
    """One turn of step 8 as the engine runs it (resolve_crises, fight_wars, settle_crises) over a stake between
    actors 0 (challenger) and 1, actor 2 an outsider, with the stake's accident and fortunes-of-war draws."""
    n = 3
    stakes = make_stakes([(0, 1)], [2.0], [0, 1, 2])
    st = make_state(
        1,
        n,
        stake_rung=[[rung]],
        stake_challenger=[[0]],
        escalated=[[escalated]],
        backing=[[backing]],
        resolve=resolve,
        capability=capability,
    )
    stance = np.array([[stance]], np.int8)
    elig = [[np.array([eligible[0]]), np.array([eligible[1]])]]  # per stake, per side
    p = in_force(preset)
    resolved = crises.resolve_crises(st.stake_rung, stance, np.array([[accident]], np.float32), p)
    resolved, fought = war.fight_wars(
        stakes, resolved, st.stake_challenger, st.backing, st.capability, np.array([[fortune]], np.float32), p
    )
    share = np.full((1, 1), 0.5, np.float32)
    return crises.settle_crises(st, stakes, resolved, stance, share, elig, p), fought


def test_backing_down_after_escalating_costs_audience_cost_in_resolve():
    """A party that backs down after escalating loses audience_cost of its resolve image (not below 0); the other wins
    the stake."""
    preset = "spiral-world"
    cost = value(preset, "audience_cost")
    st, fought = crisis_turn((Stance.BACK_DOWN, Stance.STAND_FIRM), escalated=(True, False, False))
    assert st.resolve[0].tolist() == pytest.approx([0.5 - cost, 0.5, 0.5], abs=TOL)
    assert st.stake_rung[0, 0] == 0 and not st.escalated.any() and not fought.any()
    assert st.stakes_won[0].tolist() == [0.0, 2.0, 0.0] and st.stakes_lost[0].tolist() == [2.0, 0.0, 0.0]
    low, _ = crisis_turn((Stance.BACK_DOWN, Stance.STAND_FIRM), escalated=(True, False, False), resolve=cost / 2)
    assert low.resolve[0, 0] == 0.0


def test_backing_down_without_having_escalated_costs_no_audience_cost():
    """A party that never escalated in the crisis pays no audience cost for backing down."""
    st, _ = crisis_turn((Stance.BACK_DOWN, Stance.STAND_FIRM), escalated=(False, True, False))
    assert st.resolve[0].tolist() == [0.5, 0.5, 0.5]


def test_an_escalation_is_remembered_while_the_crisis_stays_open():
    """An ESCALATE that leaves the crisis open marks the party as having escalated; the crisis climbs a rung."""
    st, _ = crisis_turn((Stance.ESCALATE, Stance.STAND_FIRM), rung=1)
    assert st.stake_rung[0, 0] == 2 and st.escalated[0, 0].tolist() == [True, False, False]


def test_settle_crises_moves_credibility_of_allies_that_stay_out():
    """An eligible ally that stays out of its partner's open crisis loses ABANDON_LOSS of that commitment's
    credibility."""
    st, _ = crisis_turn((Stance.STAND_FIRM, Stance.STAND_FIRM), eligible=((False, False, False), (False, False, True)))
    assert st.credibility[0, 2, 1] == pytest.approx(0.7 - k("ABANDON_LOSS"), abs=TOL)
    assert st.credibility[0, 2, 0] == pytest.approx(0.7, abs=TOL)


def test_an_escalation_at_the_brink_starts_a_war_between_the_sides():
    """At the brink an ESCALATE makes the stake's rung WAR_RUNG; the parties and backers fight; the fortunes of war
    give the stake."""
    first_wins = 4.0 / (4.0 + value("spiral-world", "defence_advantage") * 5.0)
    st, fought = crisis_turn(
        (Stance.ESCALATE, Stance.STAND_FIRM),
        rung=BRINK,
        backing=(OUT, OUT, SECOND),
        fortune=first_wins - 0.01,
        eligible=((False,) * 3, (False, False, True)),
    )
    assert st.stake_rung[0, 0] == K.WAR_RUNG
    assert fought[0].tolist() == [[False, True, True], [True, False, False], [True, False, False]]
    assert st.stakes_won[0].tolist() == [2.0, 0.0, 0.0] and st.stakes_lost[0].tolist() == [0.0, 2.0, 0.0]


def test_a_stand_off_at_the_brink_slips_into_war_only_by_an_accident_draw():
    """At the brink two parties standing firm go to war where the accident draw is below ACCIDENT_RATE·misperception."""
    chance = k("ACCIDENT_RATE") * value("spiral-world", "misperception")
    for draw, rung in ((chance + 0.01, BRINK), (chance - 0.01, K.WAR_RUNG)):
        st, _ = crisis_turn((Stance.STAND_FIRM, Stance.STAND_FIRM), rung=BRINK, accident=draw)
        assert st.stake_rung[0, 0] == rung


def test_a_crisis_is_open_from_rung_one_to_the_brink():
    """is_open: rungs 1 … BRINK are open crises; 0 is none and WAR_RUNG a war."""
    assert crises.is_open(np.arange(K.WAR_RUNG + 1)).tolist() == [False] + [True] * BRINK + [False]


def test_postures_are_taken_from_open_crises_only():
    """postures: a party stood firm if it stood firm or escalated in an open crisis, yielded if it backed down
    in one."""
    stakes = make_stakes([(0, 1), (2, 1)], [1.0, 1.0], [0, 1, 2])
    stance = np.array(
        [
            [[Stance.ESCALATE, Stance.BACK_DOWN], [Stance.SETTLE, Stance.STAND_FIRM]],
            [[Stance.STAND_FIRM, Stance.STAND_FIRM], [Stance.BACK_DOWN, Stance.SETTLE]],
        ],
        np.int8,
    )
    stood, yielded = crises.postures(stakes, stance, np.array([[2, 1], [0, BRINK]], np.int8), 3)
    assert stood.tolist() == [[True, True, False], [False, False, False]]
    assert yielded.tolist() == [[False, True, False], [False, False, True]]


def test_held_is_the_value_of_the_stakes_an_actor_is_party_to():
    """Stakes.held: each actor's summed stake values."""
    assert make_stakes([(0, 1), (2, 0)], [3.0, 1.5], [0, 1, 2]).held(4).tolist() == [4.5, 3.0, 1.5, 0.0]


def test_pair_rungs_give_each_pair_its_highest_crisis():
    """pair_rungs: the highest rung over the stakes a pair shares, both ways."""
    stakes = make_stakes([(0, 1), (1, 0), (1, 2)], [1.0, 2.0, 1.0], [0, 1, 2])
    got = crises.pair_rungs(stakes, np.array([[1, 3, 2]], np.int8), 3)
    assert got[0].tolist() == [[0, 3, 0], [3, 0, 2], [0, 2, 0]]


def test_the_first_sides_odds_give_the_defence_advantage_to_whichever_side_did_not_challenge():
    """first_side_odds = S1/(S1 + da·S2) when the first party challenged (or none did), 1 − S2/(S2 + da·S1) when the
    second did."""
    for preset in P.PRESETS:
        da = value(preset, "defence_advantage")
        got = war.first_side_odds(
            np.full(3, 4.0, np.float32), np.full(3, 3.0, np.float32), np.array([0, 1, 0]), in_force(preset, b=3)
        )
        assert got.tolist() == pytest.approx(
            [4.0 / (4.0 + da * 3.0), 1.0 - 3.0 / (3.0 + da * 4.0), 4.0 / (4.0 + da * 3.0)], abs=TOL
        )


def test_the_odds_of_a_crisis_and_the_fortunes_of_war_read_one_formula():
    """With no allies the expected odds (crisis_odds) and the odds the fortunes of war draw against are the same
    first_side_odds of the parties' capabilities, whichever side challenged."""
    preset = "deterrence-world"
    p = in_force(preset, b=2)
    stakes = make_stakes([(0, 1)], [2.0], [0, 1])
    capability = np.array([[4.0, 3.0]] * 2, np.float32)
    challenger = np.array([0, 1])
    odds = war.first_side_odds(capability[:, 0], capability[:, 1], challenger, p)
    expected = war.crisis_odds(stakes, 0, challenger, capability, pair(2, {}, b=2), np.zeros((2, 2, 2), np.float32), p)
    assert expected[:, 0].tolist() == pytest.approx(odds.tolist(), abs=TOL)
    first, second = war.war_sides(stakes, 0, np.full((2, 2), OUT, np.int8))
    for shift, side in ((-1e-3, 0), (1e-3, 1)):
        got = war.fortunes_of_war(first, second, challenger, capability, odds + shift, p)
        assert got.tolist() == [side, side]


def test_resolve_crises_resolves_each_open_crisis_and_leaves_the_others():
    """resolve_crises: each stake with a crisis open is resolved by its stances (an accident at the brink where its
    draw is low); a stake with none open keeps its rung, with no winner, settlement or war."""
    p = in_force("spiral-world", b=2)
    rung = np.array([[1, 0, BRINK], [BRINK, K.WAR_RUNG, 2]], np.int8)
    stance = np.array(
        [
            [
                [Stance.BACK_DOWN, Stance.STAND_FIRM],
                [Stance.SETTLE, Stance.SETTLE],
                [Stance.STAND_FIRM, Stance.STAND_FIRM],
            ],
            [[Stance.SETTLE, Stance.SETTLE], [Stance.ESCALATE, Stance.ESCALATE], [Stance.STAND_FIRM, Stance.ESCALATE]],
        ],
        np.int8,
    )
    accident = np.array([[0.99, 0.99, 1e-4], [1e-4, 1e-4, 1e-4]], np.float32)
    res = crises.resolve_crises(rung, stance, accident, p)
    assert res.rung.tolist() == [[0, 0, K.WAR_RUNG], [0, K.WAR_RUNG, BRINK]]
    assert res.winner.tolist() == [[1, -1, -1], [-1, -1, -1]]
    assert res.settled.tolist() == [[False, False, False], [True, False, False]]
    assert res.war.tolist() == [[False, False, True], [False, False, False]]


def test_fight_wars_gives_each_war_to_its_fortunes_and_marks_the_enemies():
    """fight_wars: only a stake that became a war gets its winner from the fortunes-of-war draw; every member of one
    side fought every member of the other; other winners stand."""
    p = in_force("spiral-world", b=2)
    stakes = make_stakes([(0, 1), (2, 1)], [2.0, 1.0], [0, 1, 2])
    resolved = crises.Resolution(
        rung=np.array([[K.WAR_RUNG, 0], [0, 0]], np.int8),
        winner=np.array([[-1, 0], [1, -1]]),
        settled=np.zeros((2, 2), bool),
        war=np.array([[True, False], [False, False]]),
    )
    backing = np.full((2, 2, 3), OUT, np.int8)
    backing[:, 0, 2] = FIRST
    capability = np.array([[4.0, 3.0, 2.0]] * 2, np.float32)
    got, fought = war.fight_wars(
        stakes, resolved, np.array([[0, 2], [0, 2]], np.int8), backing, capability, np.full((2, 2), 0.99, np.float32), p
    )
    assert got.winner.tolist() == [[1, 0], [1, -1]]
    assert fought[0].tolist() == [[False, True, False], [True, False, True], [False, True, False]]
    assert not fought[1].any()


def test_settle_crises_leaves_a_stake_with_no_crisis_open_as_it_was():
    """settle_crises changes nothing for a stake whose crisis is open in no game: its escalation marks, accounts and
    credibility stay."""
    stakes = make_stakes([(0, 1)], [2.0], [0, 1, 2])
    st = make_state(1, 3, stake_rung=[[K.WAR_RUNG]], escalated=[[[True, False, False]]], stakes_won=[[1.0, 0.0, 0.0]])
    resolved = crises.resolve_crises(
        st.stake_rung,
        np.array([[[Stance.BACK_DOWN, Stance.SETTLE]]], np.int8),
        np.full((1, 1), 0.99, np.float32),
        in_force("spiral-world"),
    )
    after = crises.settle_crises(
        st,
        stakes,
        resolved,
        np.array([[[Stance.BACK_DOWN, Stance.SETTLE]]], np.int8),
        np.full((1, 1), 0.5, np.float32),
        [[np.ones((1, 3), bool), np.ones((1, 3), bool)]],
        in_force("spiral-world"),
    )
    assert after.stake_rung.tolist() == [[K.WAR_RUNG]] and after.escalated.tolist() == st.escalated.tolist()
    assert after.stakes_won.tolist() == st.stakes_won.tolist() and (after.credibility == st.credibility).all()


# ---------------------------------------------------------------- §7.11 economy


def test_prosperity_grows_more_with_ties_and_less_under_regional_tension():
    """Growth is GROWTH·(1 + mean ties)·(1 − regional_tension/TENSION_DRAG)·(1 − g + g·prosperity0 / mean
    prosperity0), g = GROWTH_IN_PROPORTION, clipped at PROSPERITY_MAX: the larger economy grows a little more."""
    ties = pair(3, {(0, 1): 0.6, (0, 2): 0.2})
    prosperity = np.array([[4.0, 4.0, k("PROSPERITY_MAX")]], np.float32)
    start = np.array([1.0, 5.0, 6.0])
    got = economy.grow(prosperity, ties, np.array([50.0], np.float32), start)
    drag = 1.0 - 50.0 / k("TENSION_DRAG")
    mean_ties = np.array([0.8, 0.6, 0.2]) / 2
    g = k("GROWTH_IN_PROPORTION")
    scale = 1.0 - g + g * start / start.mean()
    expected = np.minimum(f64(prosperity[0]) + k("GROWTH") * (1 + mean_ties) * drag * scale, k("PROSPERITY_MAX"))
    np.testing.assert_allclose(got[0], expected, atol=TOL)
    assert got.dtype == np.float32


def test_a_war_costs_every_side_prosperity_and_cuts_the_ties_between_enemies():
    """war_costs: each actor at war loses WAR_PROSPERITY_COST of its starting prosperity (not below 0); the enemies'
    ties fall to 0."""
    fought = pair(3, {(0, 1): True, (0, 2): True}, dtype=bool)
    ties = pair(3, {(0, 1): 0.5, (1, 2): 0.4, (0, 2): 0.3})
    start = np.array([5.0, 4.0, 3.0])
    prosperity, cut = war.war_costs(np.array([[5.0, 1.0, 3.0]], np.float32), ties, fought, start)
    w = k("WAR_PROSPERITY_COST")
    np.testing.assert_allclose(prosperity[0], [5.0 - w * 5.0, max(1.0 - w * 4.0, 0.0), 3.0 - w * 3.0], atol=TOL)
    np.testing.assert_allclose(cut, pair(3, {(1, 2): 0.4}), atol=TOL)


def test_a_regional_war_costs_bystanders_by_their_ties_to_the_sides():
    """A bystander loses WAR_SPILLOVER of its starting prosperity times its closest ties to an actor at war."""
    fought = pair(4, {(0, 1): True}, dtype=bool)
    ties = pair(4, {(0, 2): 0.5, (1, 2): 0.2, (0, 3): 0.1})
    start = np.array([4.0, 4.0, 2.0, 6.0])
    prosperity, _ = war.war_costs(np.full((1, 4), 5.0, np.float32), ties, fought, start)
    spill = k("WAR_SPILLOVER")
    np.testing.assert_allclose(prosperity[0, 2:], [5.0 - spill * 0.5 * 2.0, 5.0 - spill * 0.1 * 6.0], atol=TOL)


# ---------------------------------------------------------------- §7.12 scores


def test_payoffs_of_two_actors_are_the_2x2_game_their_types_feel():
    """Dialogue and deterrence pay (R,R), (S,T), (T,S), (P,P), T being payoff_T for a greedy actor and secure_payoff_T
    for a security-seeker."""
    preset = "deterrence-world"
    R, S, T, Pp, Ts = (
        value(preset, name) for name in ("payoff_R", "payoff_S", "payoff_T", "payoff_P", "secure_payoff_T")
    )
    family = np.array([[1, 1], [1, 0], [0, 1], [0, 0]], np.int8)
    greedy = np.array([[True, False]] * 4)
    got = scores.payoffs(family, greedy, in_force(preset, b=4))
    np.testing.assert_array_equal(got, [[R, R], [S, Ts], [T, S], [Pp, Pp]])
    assert Ts < R < T  # a security-seeker feels an assurance game, a greedy actor a prisoner's dilemma


def test_with_secure_payoff_t_equal_to_payoff_t_both_types_feel_the_same_matrix():
    """Setting secure_payoff_T = payoff_T makes a security-seeker's payoffs those of a greedy actor."""
    preset = "spiral-world"
    p = in_force(preset, b=4, secure_payoff_T=value(preset, "payoff_T"))
    family = np.array([[1, 1], [1, 0], [0, 1], [0, 0]], np.int8)
    greedy_first = scores.payoffs(family, np.array([[True, False]] * 4), p)
    both_secure = scores.payoffs(family, np.zeros((4, 2), bool), p)
    np.testing.assert_array_equal(greedy_first, both_secure)


def test_payoffs_sum_over_every_partner():
    """With three actors each one's payoff is the sum of its 2x2 payoffs against both others."""
    preset = "spiral-world"
    R, S, T = (value(preset, name) for name in ("payoff_R", "payoff_S", "payoff_T"))
    got = scores.payoffs(np.array([[1, 1, 0]], np.int8), np.array([[False, False, True]]), in_force(preset))
    np.testing.assert_array_equal(got[0], [R + S, R + S, T + T])


def test_security_falls_with_tension_and_with_the_worst_crisis():
    """security_i = SECURITY_SCALE·(1 − mean tension of i's pairs)·(1 − worst rung / WAR_RUNG)."""
    tension = pair(3, {(0, 1): 0.4, (0, 2): 0.2})
    crisis = pair(3, {(0, 1): 2, (1, 2): K.WAR_RUNG}, dtype=np.int8)
    got = scores.security(tension, crisis)
    scale, war = k("SECURITY_SCALE"), K.WAR_RUNG
    expected = [scale * (1 - 0.3) * (1 - 2 / war), 0.0, 0.0]
    np.testing.assert_allclose(got[0], expected, atol=1e-4)


def test_score_parts_follow_their_formulas():
    """security per turn (over the turn limit for an actor at war), prosperity against its start, stakes against those
    held, relations from payoff_S to the best payoff."""
    preset = "spiral-world"
    st = make_state(
        1,
        3,
        security_sum=[300.0, 150.0, 240.0],
        prosperity=[6.0, 2.0, 9.0],
        stakes_won=[2.0, 0.0, 0.0],
        stakes_lost=[0.0, 2.0, 0.0],
        payoff=[30.0, 20.0, 10.0],
        fought=pair(3, {(1, 2): True}, dtype=bool),
    )
    parts = scores.score_parts(
        st, np.array([4.0, 4.0, 3.0]), np.array([2.0, 3.0, 0.0]), np.array([[5]]), 30, st.fought, in_force(preset)
    )
    scale = k("SECURITY_SCALE")
    S, best = value(preset, "payoff_S"), max(value(preset, "payoff_T"), value(preset, "payoff_R"))
    np.testing.assert_allclose(parts["security"][0], [300 / 5, 150 / 30, 240 / 30], atol=TOL)
    np.testing.assert_allclose(parts["prosperity"][0], [scale / 2 * 6 / 4, scale / 2 * 2 / 4, scale], atol=TOL)
    np.testing.assert_allclose(parts["stakes"][0], [scale, scale / 2 - scale / 2 * 2 / 3, scale / 2], atol=TOL)
    per_turn = np.array([30.0, 20.0, 10.0]) / (5 * 2)
    np.testing.assert_allclose(parts["relations"][0], scale * (per_turn - S) / (best - S), atol=TOL)


PARTS = {
    "security": np.array([[80.0, 60.0, 40.0, 20.0]]),
    "prosperity": np.array([[50.0, 70.0, 30.0, 50.0]]),
    "stakes": np.array([[70.0, 30.0, 50.0, 100.0]]),
    "relations": np.array([[40.0, 90.0, 10.0, 60.0]]),
}


def weighted(kind: str, i: int) -> float:
    return sum(k(f"{kind}_{name.upper()}_WEIGHT") * PARTS[name][0, i] for name in PARTS)


def test_the_headline_score_weighs_the_parts_by_type():
    """score = Σ parts weighted by GREEDY_*_WEIGHT for a greedy actor, SECURE_*_WEIGHT for a security-seeker; each
    type's weights sum to 1."""
    for kind in ("GREEDY", "SECURE"):
        assert sum(k(f"{kind}_{name.upper()}_WEIGHT") for name in PARTS) == pytest.approx(1.0, abs=TOL)
    greedy = np.array([[True, False, True, False]])
    got = scores.headline_score(PARTS, greedy, np.zeros((1, 4, 4), bool), np.zeros(4, bool), True)
    expected = [weighted("GREEDY", 0), weighted("SECURE", 1), weighted("GREEDY", 2), weighted("SECURE", 3)]
    np.testing.assert_allclose(got[0], expected, atol=TOL)


def test_war_cuts_the_score_and_a_war_with_nuclear_actors_on_both_sides_cuts_it_most():
    """An actor that fought keeps WAR_SCORE_FACTOR of its score, NUCLEAR_SCORE_FACTOR if nuclear actors stood on both
    sides."""
    nuclear = np.array([True, True, False, False])
    greedy = np.zeros((3, 4), bool)
    fought = np.zeros((3, 4, 4), bool)
    for g, pairs in enumerate([[(0, 1), (2, 1)], [(2, 3)], [(1, 2)]]):
        for i, j in pairs:
            fought[g, i, j] = fought[g, j, i] = True
    got = scores.headline_score(
        {name: np.repeat(v, 3, axis=0) for name, v in PARTS.items()}, greedy, fought, nuclear, True
    )
    base = np.array([weighted("SECURE", i) for i in range(4)])
    war, nuke = k("WAR_SCORE_FACTOR"), k("NUCLEAR_SCORE_FACTOR")
    # game 0: 0 and its backer 2 against 1, nuclear on both sides; game 1: two non-nuclear actors;
    # game 2: a non-nuclear actor alone against a nuclear one
    np.testing.assert_allclose(got[0], base * [nuke, nuke, nuke, 1.0], atol=TOL)
    np.testing.assert_allclose(got[1], base * [1.0, 1.0, war, war], atol=TOL)
    np.testing.assert_allclose(got[2], base * [1.0, war, war, 1.0], atol=TOL)


def test_without_dynamics_the_score_is_the_relations_part_alone():
    """With dynamics off the headline score is the relations part, whatever the type or a war."""
    fought = np.ones((1, 4, 4), bool)
    got = scores.headline_score(PARTS, np.array([[True, False, True, False]]), fought, np.ones(4, bool), False)
    np.testing.assert_array_equal(got, PARTS["relations"])


# ---------------------------------------------------------------- §7.13 endings

END = EndRules(lockin_threshold=60.0, lockin_turns=3, community_trust=0.7, community_tension=25.0, community_turns=2)


def ending(st: State, trust: float = 0.5, turn: int = 5, limit: int = 30, dynamics: bool = True, end=END) -> State:
    n = st.capability.shape[1]
    return endings.check_endings(st, pair(n, {}, fill=trust), off(n), end, turn, limit, dynamics)


def test_a_stake_at_war_ends_the_game_in_regional_war():
    """A crisis over any stake at WAR_RUNG ends the game in a regional war; one at the brink does not."""
    st = make_state(1, 3, s=2, stake_rung=[[1, K.WAR_RUNG]])
    assert ending(st).outcome[0] == OUTCOME_INDEX[Outcome.REGIONAL_WAR]
    st = make_state(1, 3, s=2, stake_rung=[[BRINK, BRINK]])
    assert ending(st).outcome[0] == 0


def test_tension_held_above_the_threshold_to_the_turn_limit_is_a_cold_war():
    """Regional tension above lockin_threshold for the last lockin_turns turns of the turn limit is a
    cold-war lock-in; held as long before the limit, it does not end the game (a war may still come)."""
    high = END.lockin_threshold + 1
    st = ending(make_state(1, 3, regional_tension=high, lockin_run=END.lockin_turns - 2), turn=10)
    assert st.outcome[0] == 0 and st.lockin_run[0] == END.lockin_turns - 1
    st = ending(st, turn=11)
    assert st.outcome[0] == 0 and st.lockin_run[0] == END.lockin_turns
    assert ending(st, turn=29, limit=29).outcome[0] == OUTCOME_INDEX[Outcome.COLD_WAR_LOCK_IN]
    at_war = attrs.evolve(st, stake_rung=np.full_like(st.stake_rung, K.WAR_RUNG))
    assert ending(at_war, turn=29, limit=29).outcome[0] == OUTCOME_INDEX[Outcome.REGIONAL_WAR]
    cooled = ending(make_state(1, 3, regional_tension=END.lockin_threshold, lockin_run=END.lockin_turns - 1))
    assert cooled.outcome[0] == 0 and cooled.lockin_run[0] == 0
    short = make_state(1, 3, regional_tension=high, lockin_run=END.lockin_turns - 2)
    assert ending(short, turn=30, limit=30).outcome[0] == OUTCOME_INDEX[Outcome.TURN_LIMIT]


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
    """A state that meets war, lock-in and the turn limit at once ends in war; a security community comes
    before a lock-in, which is read only at the turn limit."""
    st = make_state(1, 3, stake_rung=[[K.WAR_RUNG]], regional_tension=90.0, lockin_run=END.lockin_turns)
    assert ending(st, turn=30, limit=30).outcome[0] == OUTCOME_INDEX[Outcome.REGIONAL_WAR]
    loose = EndRules(
        lockin_threshold=20.0, lockin_turns=1, community_trust=0.5, community_tension=50.0, community_turns=1
    )
    st = make_state(1, 3, regional_tension=30.0)
    assert ending(st, trust=0.9, end=loose).outcome[0] == OUTCOME_INDEX[Outcome.SECURITY_COMMUNITY]
    assert ending(st, trust=0.9, end=loose, turn=30, limit=30).outcome[0] == OUTCOME_INDEX[Outcome.SECURITY_COMMUNITY]
    assert ending(st, trust=0.1, end=loose, turn=30, limit=30).outcome[0] == OUTCOME_INDEX[Outcome.COLD_WAR_LOCK_IN]


def test_an_ended_game_keeps_its_ending_and_without_dynamics_only_the_turn_limit_ends_a_game():
    """An outcome once set is not replaced, and with dynamics off war and lock-in are not checked."""
    done = make_state(1, 3, outcome=OUTCOME_INDEX[Outcome.SECURITY_COMMUNITY], stake_rung=[[K.WAR_RUNG]])
    assert ending(done).outcome[0] == OUTCOME_INDEX[Outcome.SECURITY_COMMUNITY]
    st = make_state(1, 3, stake_rung=[[K.WAR_RUNG]], regional_tension=90.0, lockin_run=END.lockin_turns)
    assert ending(st, dynamics=False).outcome[0] == 0
    assert ending(st, dynamics=False, turn=30, limit=30).outcome[0] == OUTCOME_INDEX[Outcome.TURN_LIMIT]


# ---------------------------------------------------------------- §7.1 the card draw


def small_deck(
    paragraph=(1, 4, 7, 10, 13),
    weight=(1.0, 2.0, 1.0, 3.0, 1.0),
    min_turn=None,
    max_turn=None,
    min_tension=None,
    max_tension=None,
) -> events.Deck:
    """A deck of bare draw tables (no effects), every card allowed unless bounds are given."""
    size = len(paragraph)
    fill = lambda x, default: np.array(x if x is not None else [default] * size)  # noqa: E731
    return events.Deck(
        effects=None,
        paragraph=np.array(paragraph),
        weight=np.array(weight, dtype=np.float64),
        min_turn=fill(min_turn, 0),
        max_turn=fill(max_turn, 10_000),
        min_tension=fill(min_tension, 0.0),
        max_tension=fill(max_tension, 100.0),
    )


def draw_by_hand(deck, turn, limit, rt, seen, u) -> int:
    """The first card whose cumulative order-weighted weight exceeds u·total, among the allowed unseen ones."""
    allowed = (deck.min_turn <= turn) & (turn <= deck.max_turn) & (deck.min_tension <= rt) & (rt <= deck.max_tension)
    pool = allowed & ~seen if (allowed & ~seen).any() else allowed
    place = 1.0 + (deck.paragraph.max() - 1.0) * (turn - 1) / max(limit - 1, 1)
    w = np.where(pool, deck.weight * np.exp(-np.abs(deck.paragraph - place) / k("CARD_ORDER_SPREAD")), 0.0)
    if w.sum() == 0:
        return -1
    cum = np.cumsum(w)
    return int(np.argmax(cum > u * cum[-1]))


def test_the_draw_weighs_each_card_by_its_distance_from_the_turns_place_in_the_article():
    """card = the first k with cumulative weight·exp(−|paragraph − place|/CARD_ORDER_SPREAD) above u·total."""
    deck = small_deck()
    u = np.linspace(0.003, 0.997, 167)
    for turn, seen in ((1, [False] * 5), (8, [False] * 5), (15, [True, False, True, False, False]), (30, [True] * 5)):
        seen = np.array(seen)
        got = events.draw_cards(deck, turn, 30, np.zeros(u.size, np.float32), np.tile(seen, (u.size, 1)), u)
        assert got.tolist() == [draw_by_hand(deck, turn, 30, 0.0, seen, x) for x in u], turn


def test_cards_come_roughly_in_the_articles_order():
    """With equal weights the first turn favours the first paragraph's card and the last turn the last paragraph's, by
    exp(−12/CARD_ORDER_SPREAD)."""
    deck = small_deck(paragraph=(1, 13), weight=(1.0, 1.0))
    u = (np.arange(10_000) + 0.5) / 10_000
    unseen = np.zeros((u.size, 2), bool)
    odds = np.exp(-12.0 / k("CARD_ORDER_SPREAD"))
    first = events.draw_cards(deck, 1, 30, np.zeros(u.size, np.float32), unseen, u)
    last = events.draw_cards(deck, 30, 30, np.zeros(u.size, np.float32), unseen, u)
    assert (first == 0).mean() == pytest.approx(1 / (1 + odds), abs=1e-3)
    assert (last == 1).mean() == pytest.approx(1 / (1 + odds), abs=1e-3)


def test_no_card_repeats_while_unseen_allowed_cards_remain_and_then_seen_ones_come_back():
    """A game draws every allowed card once before any comes back; a card outside its bounds never comes."""
    deck = small_deck(max_turn=[10_000, 10_000, 10_000, 10_000, 0])  # the last card is never allowed after turn 0
    rng = np.random.default_rng(5)
    seen = np.zeros((20, 5), bool)
    for turn in range(1, 5):
        card = events.draw_cards(deck, turn, 30, np.zeros(20, np.float32), seen, rng.random(20))
        assert not seen[np.arange(20), card].any() and (card != 4).all()
        seen[np.arange(20), card] = True
    assert seen[:, :4].all()
    card = events.draw_cards(deck, 5, 30, np.zeros(20, np.float32), seen, rng.random(20))
    assert ((card >= 0) & (card < 4)).all()


def test_the_draw_keeps_to_each_cards_turn_and_tension_bounds():
    """A card is drawn only at turns within [min_turn, max_turn] and regional tension within [min_tension,
    max_tension]; none allowed gives −1."""
    deck = small_deck(
        min_turn=[0, 5, 0, 0, 0],
        max_turn=[10_000, 10_000, 3, 10_000, 10_000],
        min_tension=[0, 0, 0, 50, 0],
        max_tension=[100, 100, 100, 100, 30],
    )
    u = np.linspace(0.001, 0.999, 300)
    for turn, rt, allowed in ((1, 10.0, {0, 2, 4}), (4, 60.0, {0, 3}), (6, 40.0, {0, 1})):
        got = events.draw_cards(deck, turn, 30, np.full(u.size, rt, np.float32), np.zeros((u.size, 5), bool), u)
        assert set(got.tolist()) == allowed
    closed = small_deck(min_turn=[50] * 5)
    assert events.draw_cards(
        closed, 3, 30, np.zeros(2, np.float32), np.zeros((2, 5), bool), np.array([0.2, 0.9])
    ).tolist() == [-1, -1]


@pytest.fixture(scope="module")
def article_deck():
    sc = load_scenario("east_asia_2023")
    return sc, events.prepare_deck(sc.cards, sc.codes)


def test_a_game_of_the_article_deck_draws_no_card_twice_while_it_has_unseen_ones(article_deck):
    """Over a whole game of the shipped deck, a seen card is drawn only when every allowed card was seen."""
    sc, deck = article_deck
    rng = np.random.default_rng(9)
    b = 16
    seen = np.zeros((b, len(sc.cards)), bool)
    rt = np.linspace(5.0, 95.0, b).astype(np.float32)
    for turn in range(1, sc.turns + 1):
        card = events.draw_cards(deck, turn, sc.turns, rt, seen, rng.random(b))
        for g in range(b):
            allowed = (
                (deck.min_turn <= turn)
                & (turn <= deck.max_turn)
                & (deck.min_tension <= rt[g])
                & (rt[g] <= deck.max_tension)
            )
            assert card[g] >= 0 and allowed[card[g]]
            assert not seen[g, card[g]] or seen[g, allowed].all()
        seen[np.arange(b), card] = True


def test_applying_a_card_marks_it_seen(article_deck):
    """apply_card marks the drawn card as seen in its game, and no card (−1) marks nothing."""
    sc, deck = article_deck
    st = make_state(2, sc.n, cards=len(sc.cards))
    after, _, _ = events.apply_card(st, deck, np.array([3, -1]))
    assert np.flatnonzero(after.cards_seen[0]).tolist() == [3] and not after.cards_seen[1].any()


def test_a_cards_crisis_moves_every_stake_its_two_actors_share():
    """card_crises moves each stake of the pair by the card's amount within 0 and the brink; a crisis it opens has no
    challenger; a war stays."""
    party = np.array([[0, 1], [1, 0], [1, 2]])
    shift = np.zeros((4, 3, 3), np.int8)
    shift[:, 0, 1] = shift[:, 1, 0] = [1, 2, -2, 1]
    rung0 = np.array([[0, 2, 0], [2, 0, 0], [1, 1, 1], [K.WAR_RUNG, 0, 0]], np.int8)
    challenger0 = np.array([[-1, 1, -1], [0, -1, -1], [0, 1, 2], [0, -1, -1]], np.int8)
    opened0 = np.full((4, 3), 2, np.int16)
    rung, challenger, opened = events.card_crises(rung0, challenger0, opened0, party, shift, 9)
    assert rung.tolist() == [[1, 3, 0], [BRINK, 2, 0], [0, 0, 1], [K.WAR_RUNG, 1, 0]]
    assert challenger.tolist() == [[-1, 1, -1], [0, -1, -1], [-1, -1, 2], [0, -1, -1]]
    assert opened.tolist() == [[9, 2, 2], [2, 9, 2], [2, 2, 2], [2, 9, 2]]


# ---------------------------------------------------------------- §7.14 doctrines in a crisis


def stance_grid(fear_values, sure_minus_odds=0.0, their_resolve=1.0, face=0.0, u=0.5, provoked=False):
    """Every combination of odds, rung and fear as a flat Footing and its rungs (stake value 2, greedy war cost)."""
    odds, rung, fear = np.meshgrid(np.linspace(0.0, 1.0, 41), np.array([1, 2, BRINK]), fear_values, indexing="ij")
    odds = odds.ravel().astype(np.float32)
    m = odds.size
    f = Footing(
        odds=odds,
        sure=np.clip(odds + sure_minus_odds, 0.0, 1.0).astype(np.float32),
        value=2.0,
        war_cost=np.full(m, k("GREEDY_WAR_COST"), np.float32),
        fear=fear.ravel().astype(np.float32),
        face=np.full(m, face, np.float32),
        u=np.full(m, u, np.float32),
        their_resolve=np.full(m, their_resolve, np.float32),
        provoked=np.full(m, provoked, bool),
    )
    return f, rung.ravel().astype(np.int8)


@pytest.mark.parametrize("name", PLAYING_DOCTRINES)
def test_a_security_seeker_never_escalates_without_fear(name):
    """A security-seeker's stance is never ESCALATE with no fear, at any odds or rung, whatever its draw; at the
    brink it backs down below BACK_DOWN_ODDS."""
    f, rung = stance_grid(np.zeros(1), u=0.0)
    stance = make(name).stance(f, rung, np.zeros(rung.shape, bool))
    assert (stance != Stance.ESCALATE).all()
    at_brink = rung == BRINK
    assert (stance[at_brink & (f.odds < k("BACK_DOWN_ODDS"))] == Stance.BACK_DOWN).all()


def test_pre_emption_is_a_chance_that_rises_smoothly_with_fear():
    """A security-seeker strikes first at the brink with chance sigmoid(ln(fear / FEAR_SCALE) +
    PREEMPT_BASE): nil without fear, rising with it, with no jump (no threshold)."""
    fear = np.linspace(0.0, 1.0, 1001).astype(np.float32)
    chance = sigmoid(bargaining.fear_logodds(fear) + k("PREEMPT_BASE"))
    assert chance[0] == 0.0 and np.all(np.diff(chance) > 0) and np.abs(np.diff(chance)).max() < 0.01
    assert bargaining.preempts(fear, np.full(fear.shape, 0.5)).tolist() == (chance > 0.5).tolist()


@pytest.mark.parametrize("name", PLAYING_DOCTRINES)
def test_a_fearful_security_seeker_strikes_first_at_the_brink_by_its_draw(name):
    """A security-seeker escalates at the brink where its draw is below its chance of pre-empting, never below the
    brink."""
    f, rung = stance_grid(np.array([0.9]), u=0.01)
    stance = make(name).stance(f, rung, np.zeros(rung.shape, bool))
    assert (stance[rung == BRINK] == Stance.ESCALATE).all()
    assert (stance[rung < BRINK] != Stance.ESCALATE).all()
    f, rung = stance_grid(np.array([0.9]), u=0.9999)
    assert (make(name).stance(f, rung, np.zeros(rung.shape, bool)) != Stance.ESCALATE).all()


@pytest.mark.parametrize("name", PLAYING_DOCTRINES)
def test_a_greedy_party_chooses_war_only_where_it_beats_the_settlement(name):
    """Against a resolute other with no private information war is never worth more than the settlement: a greedy
    party does not escalate at the brink; it backs down where war is worth less than its face, else holds."""
    f, rung = stance_grid(np.array([0.0]), sure_minus_odds=0.0, their_resolve=1.0)
    stance = make(name).stance(f, rung, np.ones(rung.shape, bool))
    brink = rung == BRINK
    assert (stance[brink] != Stance.ESCALATE).all()
    assert (stance[brink & (f.war_value < 0)] == Stance.BACK_DOWN).all()
    assert (stance[brink & (f.war_value >= 0)] != Stance.BACK_DOWN).all()


@pytest.mark.parametrize("name", PLAYING_DOCTRINES)
def test_a_greedy_party_goes_to_war_on_private_confidence_or_against_an_irresolute_other(name):
    """It escalates where (1 − r)·value + r·EV(war) beats odds·value: its own reckoning beats the public odds by more
    than the war's cost, or the other's resolve image is low."""
    for sure_minus_odds, their_resolve in ((0.3, 1.0), (0.0, 0.0)):
        f, rung = stance_grid(np.array([0.0]), sure_minus_odds=sure_minus_odds, their_resolve=their_resolve)
        greedy = np.ones(rung.shape, bool)
        stance = make(name).stance(f, rung, greedy)
        assert (stance[f.war_gain > 0] == Stance.ESCALATE).all()
        assert (f.war_gain[f.odds < 0.6] > 0).all()


def test_backing_down_after_escalating_costs_face_in_the_decision():
    """A greedy party that escalated in the crisis backs down at the brink only where war is worth less than minus
    its face (audience costs lock it in: Fearon 1994)."""
    f, rung = stance_grid(np.array([0.0]), face=0.0)
    bare = make("reciprocity").stance(f, rung, np.ones(rung.shape, bool))
    f, rung = stance_grid(np.array([0.0]), face=1.0)
    locked = make("reciprocity").stance(f, rung, np.ones(rung.shape, bool))
    brink = rung == BRINK
    assert (bare[brink] == Stance.BACK_DOWN).sum() > (locked[brink] == Stance.BACK_DOWN).sum()
    assert (locked[brink & (f.war_value < -1.0)] == Stance.BACK_DOWN).all()


def test_an_escalation_is_read_as_resolve():
    """Footing.resolve_seen is 1 where the other party escalated in this crisis, else its resolve image; so a greedy
    party with no private information does not gamble on an escalator yielding (Fearon 1994)."""
    f, rung = stance_grid(np.array([0.0]), their_resolve=0.0, provoked=True)
    assert (f.resolve_seen == 1.0).all()
    assert (make("reciprocity").stance(f, rung, np.ones(rung.shape, bool))[rung == BRINK] != Stance.ESCALATE).all()
    f, rung = stance_grid(np.array([0.0]), their_resolve=0.25, provoked=False)
    assert (f.resolve_seen == np.float32(0.25)).all()


@pytest.mark.parametrize("name", PLAYING_DOCTRINES)
def test_a_security_seeker_answers_an_escalation_in_kind_below_the_brink_unless_soft(name):
    """Provoked (the other escalated in this crisis) and unafraid, a security-seeker of a doctrine that is not soft
    escalates below the brink whatever the odds; a soft one never does; unprovoked and unafraid, none does."""
    f, rung = stance_grid(np.zeros(1), provoked=True)
    stance = make(name).stance(f, rung, np.zeros(rung.shape, bool))
    answers = stance[rung < BRINK] == Stance.ESCALATE
    assert answers.all() if make(name).toughness >= 0 else not answers.any()
    f, rung = stance_grid(np.zeros(1), provoked=False)
    assert (make(name).stance(f, rung, np.zeros(rung.shape, bool))[rung < BRINK] != Stance.ESCALATE).all()


def test_a_frightened_security_seeker_holds_on_below_the_brink():
    """Below the brink a security-seeker whose pre-emption draw fires stands firm (it would strike at the brink)."""
    f, rung = stance_grid(np.array([0.9]), u=0.01)
    stance = make("reciprocity").stance(f, rung, np.zeros(rung.shape, bool))
    assert (stance[rung < BRINK] == Stance.STAND_FIRM).all()


def test_a_security_seeker_backs_down_at_the_brink_by_its_own_reckoning():
    """At the brink an unafraid security-seeker backs down where its own reckoning (its allies' real backing) is below
    BACK_DOWN_ODDS, even at good public odds: the allies it counted on did not show."""
    f, rung = stance_grid(np.zeros(1), sure_minus_odds=-1.0)
    stance = make("reciprocity").stance(f, rung, np.zeros(rung.shape, bool))
    assert (stance[rung == BRINK] == Stance.BACK_DOWN).all()
    f, rung = stance_grid(np.zeros(1), sure_minus_odds=1.0)
    assert (make("reciprocity").stance(f, rung, np.zeros(rung.shape, bool))[rung == BRINK] != Stance.BACK_DOWN).all()


@pytest.mark.parametrize("cls", ALWAYS, ids=lambda c: c.name)
def test_a_fixed_policy_stands_firm_whatever_its_type(cls):
    """An always-* policy stands firm in every crisis, greedy or not, afraid or not."""
    f, rung = stance_grid(np.array([0.0, 0.9]))
    for greedy in (False, True):
        stance = cls().stance(f, rung, np.full(rung.shape, greedy))
        assert (stance == Stance.STAND_FIRM).all()


def test_an_ally_backs_as_often_as_its_commitment_is_credible():
    """Doctrine.backs: the ally backs where its draw is below the commitment's credibility."""
    got = make("reciprocity").backs(np.array([0.7, 0.7, 0.0], np.float32), np.array([0.69, 0.71, 0.01]))
    assert got.tolist() == [True, False, False]


def test_the_challenge_decision_follows_the_actors_type():
    """challenge_choice: a greedy actor challenges where its draw is below sigmoid(greedy z); a security-seeker without
    fear never does."""
    preset = "spiral-world"
    p = in_force(preset, b=3)
    stakes = make_stakes([(0, 1)], [3.0], [0, 1])
    st = make_state(3, 2, capability=[8.0, 2.0], greedy=[[True, False], [True, False], [False, False]])
    win = 8.0 / (8.0 + value(preset, "defence_advantage") * 2.0)
    z = greedy_z_by_hand(preset, 3.0, win, 0.5, 0.0, 0.0, False)
    chance = 1.0 / (1.0 + np.exp(-z))
    u = np.full((3, 2, 2), 0.5, np.float32)
    u[:, 0, 1] = [chance - 0.01, chance + 0.01, 1e-4]
    target, fires = challenge_choice(view_of(st, stakes, p, u_pair=u), 0)
    assert fires.tolist() == [True, False, False] and target.tolist() == [1, -1, -1]


def test_the_challenge_step_turns_a_seats_move_into_its_challenge_where_its_type_fires():
    """challenges: where challenge_choice fires, an AI seat whose doctrine plays by type challenges the stake's other
    party whatever its doctrine chose; a fixed policy's move, and every move where the types want the same, stand."""
    preset = "spiral-world"
    p = in_force(preset, b=2)
    stakes = make_stakes([(0, 1)], [3.0], [0, 1])
    st = make_state(2, 2, capability=[8.0, 2.0], greedy=[[True, False], [True, False]])
    u = np.full((2, 2, 2), 0.99, np.float32)
    u[:, 0, 1] = [1e-4, 0.99]  # 0's challenge draw against 1: fires in game 0 only
    view = view_of(st, stakes, p, u_pair=u)
    action = np.full((2, 2), Action.SUMMIT, np.int8)
    target = np.array([[NONE, 0], [NONE, 0]])
    for doctrine, challenged in ((make("dialogue"), True), (make("always-summit"), False)):
        got_a, got_t = challenge.challenges(view, [(doctrine, np.array([0, 1]))], action, target)
        first = [Action.CHALLENGE if challenged else Action.SUMMIT, Action.SUMMIT]
        assert got_a.tolist() == [first, [Action.SUMMIT, Action.SUMMIT]]
        assert got_t.tolist() == [[1 if challenged else NONE, 0], [NONE, 0]]
    alike = attrs.evolve(view, types_differ=np.zeros(2, bool))
    got_a, _ = challenge.challenges(alike, [(make("dialogue"), np.array([0, 1]))], action, target)
    assert (got_a == Action.SUMMIT).all()


def test_a_greedy_actor_skips_only_a_small_share_of_the_reassurance_its_doctrine_calls_for():
    """Unprovoked, a greedy actor whose doctrine calls for a CBM arms instead only where its draw is at or above
    1 − GREEDY_CBM_SKIP; a security-seeker always pays."""
    p = in_force("spiral-world", b=1)
    st = make_state(1, 3, tension=pair(3, {}, fill=0.9), greedy=[[True, True, False]])
    edge = 1.0 - k("GREEDY_CBM_SKIP")
    u2 = np.array([[edge - 0.01, edge + 0.01, 0.99]], np.float32)
    action, target = make("dialogue").decide(view_of(st, None, p, u2=u2), np.arange(3))
    assert action.tolist() == [[Action.CBM, Action.ARM, Action.CBM]]
    assert target[0, 1] == -1


def opening_scene(greedy, u2):
    """Three actors, 0 and 1 in one bloc, 2 in the other; last turn 2 made a summit aimed at 0 (an opening); 0
    plays reciprocity, whose rotation calls for a summit at turn 4."""
    b = len(greedy)
    p = in_force("spiral-world", b=b)
    st = make_state(
        b, 3, tension=pair(3, {(0, 1): 0.9, (0, 2): 0.1}, b=b), greedy=[[g, False, False] for g in greedy],
        last_action=[[Action.HOLD, Action.HOLD, Action.SUMMIT]], last_target=[[NONE, NONE, 0]],
    )  # fmt: skip
    v = attrs.evolve(view_of(st, make_stakes([], [], [0, 0, 1]), p, u2=u2), turn=4)
    return make("reciprocity").decide(v, np.arange(1))


def test_a_greedy_actor_exploits_an_opening_with_chance_greedy_exploit_and_a_security_seeker_reciprocates():
    """After a rival's opening (a summit aimed at it), a greedy actor pressures the rival where its draw is below
    GREEDY_EXPLOIT and otherwise keeps its doctrine's move and target; a security-seeker aims its talk at the rival."""
    q = k("GREEDY_EXPLOIT")
    u2 = np.array([[q - 0.01, 0, 0], [q + 0.01, 0, 0], [q - 0.01, 0, 0]], np.float32)
    action, target = opening_scene([True, True, False], u2)
    assert action[:, 0].tolist() == [Action.PRESSURE, Action.SUMMIT, Action.SUMMIT]
    assert target[:, 0].tolist() == [2, 1, 2]  # 1: its doctrine's own draw, the most tense partner
