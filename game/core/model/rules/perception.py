"""Rule 4, perception (Kydd): every observer reads every move as evidence that the mover is
security-seeking, and updates its trust (docs/MODEL.md §7.4)."""

from __future__ import annotations

import attrs
import numpy as np

from ..constants import K
from ..vocab import Action, Stance
from .bargaining import reckoning, war_cost
from .challenge import greedy_logodds_at, secure_logodds_at
from .choice import footing
from .crises import is_open
from .in_force import InForce
from .moves import Moves
from .war import crisis_odds


def talks(action) -> np.ndarray:
    """action is a summit, a CBM or trade (a chain of comparisons: np.isin sorts, and costs more)."""
    return (action == Action.SUMMIT) | (action == Action.CBM) | (action == Action.TRADE)


def signal_table(p: InForce) -> np.ndarray:
    """(B, 8): the log-likelihood ratio each action carries, by the worldview and the constants."""
    b = p.values.shape[0]
    by_action = {
        Action.ARM: p.game("arming_signal"),
        Action.ALLY: np.zeros(b, dtype=np.float32),  # read per observer in read_moves
        Action.PRESSURE: p.game("arming_signal") + K.PRESSURE_SIGNAL,
        Action.SUMMIT: K.SUMMIT_SIGNAL,
        Action.CBM: p.game("reassurance_signal") * np.float32(-np.log1p(-K.GREEDY_CBM_SKIP)),
        Action.FORUM: K.FORUM_SIGNAL,
        Action.TRADE: K.TRADE_SIGNAL,
        Action.HOLD: K.HOLD_SIGNAL,
        Action.CHALLENGE: np.zeros(b, dtype=np.float32),  # read by the model's own odds: read_challenges
    }
    table = np.empty((b, len(Action)), dtype=np.float32)
    for action, value in by_action.items():
        table[:, action] = value
    return table


def log_sigmoid(z):
    """ln sigmoid(z), exact far into both tails (−inf at z = −inf)."""
    return -np.logaddexp(0.0, -z)


def bounded(llr, most=K.READING_MAX) -> np.ndarray:
    """A log-likelihood ratio within ±most (READING_MAX unless given), as float32."""
    return np.clip(llr, -most, most).astype(np.float32)


def read_moves(moves: Moves, p: InForce, same_bloc: np.ndarray, last: Moves | None = None) -> np.ndarray:
    """reading[b, i, j]: what observer i reads from actor j's move. A move aimed at someone is
    read at full weight by its target and at BYSTANDER_WEIGHT by the others. An alliance move
    reassures the partner (ALLY_PARTNER_SIGNAL) and is read by the other bloc's actors at
    alliance_signal, by the mover's own bloc at 0."""
    signal = np.take_along_axis(signal_table(p), moves.action.astype(np.intp), axis=1)  # (B, N)
    # a challenge is a public claim: all read it in full
    aimed = (moves.target >= 0) & (moves.action != Action.CHALLENGE)
    seen_by_all = signal * np.where(aimed, K.BYSTANDER_WEIGHT, np.float32(1.0))
    b, n = moves.action.shape
    reading = np.repeat(seen_by_all[:, None, :].astype(np.float32), n, axis=1)
    game, actor = np.nonzero(aimed)  # the target reads an aimed move in full
    reading[game, moves.target[game, actor], actor] = signal[game, actor]
    allied = (moves.action == Action.ALLY)[:, None, :]
    if allied.any():
        is_target = moves.target[:, None, :] == np.arange(n)[None, :, None]  # [b, i, j]: i is j's target
        outsider = ~same_bloc[None] & ~is_target
        reading = np.where(allied & is_target, K.ALLY_PARTNER_SIGNAL, reading)
        reading = np.where(allied & ~is_target, outsider * p.pair("alliance_signal"), reading).astype(np.float32)
    return reading if last is None else read_answers(reading, moves, last, p, same_bloc)


def read_answers(reading, moves: Moves, last: Moves, p: InForce, same_bloc) -> np.ndarray:
    """How an actor answered an opening made to it last turn (a summit, CBM or trade aimed at it by
    another bloc's actor), read by the model's likelihoods (doctrines.Doctrine._answer_by_type): a greedy actor
    exploits it with chance q = GREEDY_EXPLOIT; otherwise a security-seeker aims its talk at the
    conceder, a greedy actor at whom its doctrine draws (one of the N − 1 others, c = 1 / (N − 1));
    either aims elsewhere or pressures the conceder only by accident (chance a = action_noise):
        pressure at a conceder          ln(a / (q + (1 − q)·a))     (exploited; replaces the move's reading)
        talk aimed at a conceder        ln(1 / ((1 − q)·c))         (reciprocated)
        talk aimed at someone else      ln(a / ((1 − q)·(1 − c)))   (ignored)
        any other move                  ln(1 / (1 − q))
    The conceders read it in full, the others at BYSTANDER_WEIGHT; each within ±ANSWER_MAX."""
    b, n = moves.action.shape
    opening = talks(last.action) & (last.target >= 0)  # [b, k]: k made an opening, to last.target
    if not opening.any():
        return reading
    opening &= ~same_bloc[np.arange(n)[None, :], np.clip(last.target, 0, n - 1)]  # to another bloc's actor
    game, opener = np.nonzero(opening)
    opened = last.target[game, opener].astype(np.intp)  # each opening's receiver
    received = np.zeros((b, n), dtype=bool)
    received[game, opened] = True
    q, c = K.GREEDY_EXPLOIT, np.float32(1.0 / max(n - 1, 1))
    rest = np.float32(max(n - 2, 1) / max(n - 1, 1))  # 1 − c; with two actors nobody else is there to talk to
    a = p.game("action_noise")[:, None]
    t = np.clip(moves.target, 0, n - 1)
    to_me = np.take_along_axis(last.target, t, axis=1) == np.arange(n)[None, :]
    at_conceder = (moves.target >= 0) & np.take_along_axis(opening, t, axis=1) & to_me  # j's target opened to j
    exploited = moves.chose(Action.PRESSURE) & at_conceder
    talk = talks(moves.action)
    with np.errstate(divide="ignore"):  # without action noise an accident is impossible: certainty, bounded
        answer = np.select(
            [exploited, talk & at_conceder, talk],
            [
                bounded(np.log(a / (q + (1.0 - q) * a)), K.ANSWER_MAX),
                bounded(-np.log((1.0 - q) * c), K.ANSWER_MAX),
                bounded(np.log(a / ((1.0 - q) * rest)), K.ANSWER_MAX),
            ],
            bounded(-np.log1p(-q), K.ANSWER_MAX),
        )
    answer = np.where(received, answer, np.float32(0.0))  # [b, j]
    if exploited.any():
        reading = np.where(exploited[:, None, :], np.float32(0.0), reading)
    reading = reading + K.BYSTANDER_WEIGHT * answer[:, None, :]
    reading[game, opener, opened] += (1.0 - K.BYSTANDER_WEIGHT) * answer[game, opened]  # the opener reads it in full
    return reading.astype(np.float32)


#: the fields of a View, one row per game, that the readings of challenges and stances look at
_PER_GAME = "trust tension capability alliance ties resolve greedy stake_rung credibility forum types_differ".split()


def view_rows(v, keep):
    """The View of the games in keep only: the readings below look at the few games with a challenge
    or a crisis, and the whole batch would cost as much as the rest of the turn."""
    rows = {name: getattr(v, name)[keep] for name in _PER_GAME if getattr(v, name) is not None}
    return attrs.evolve(v, params=v.params.of_games(keep), **rows)


def read_challenges(v, moves: Moves) -> np.ndarray:
    """(B, N): what everyone reads from each actor's challenge, by the model's own odds of that
    challenge under each type in the state at the start of the turn (rules/challenge.py):
        ln sigmoid(z_secure) − ln sigmoid(z_greedy),  within ±READING_MAX,
    so a challenge is evidence of greed only as far as greedy actors make it more often than
    security-seekers there (nil where the types want the same). v: the doctrines' View."""
    b, n = moves.action.shape
    reading = np.zeros((b, n), dtype=np.float32)
    challenged = moves.chose(Action.CHALLENGE) & v.types_differ[:, None]
    if v.stakes is None or not challenged.any():
        return reading
    keep = np.flatnonzero(challenged.any(axis=1))
    v, target, challenged = view_rows(v, keep), moves.target[keep], challenged[keep]
    p = v.params
    for s in sorted(range(v.stakes.count), key=lambda s: -v.stakes.value[s]):  # the stake open_crises takes
        for side in (0, 1):
            i, j = int(v.stakes.party[s, side]), int(v.stakes.party[s, 1 - side])
            now = challenged[:, i] & (target[:, i] == j) & (v.stake_rung[:, s] == 0)
            if not now.any():
                continue
            challenged[:, i] &= ~now  # one stake read per challenge
            greedy_z = greedy_logodds_at(v, s, side, slice(None), p)
            llr = bounded(log_sigmoid(secure_logodds_at(v, s, side, p)) - log_sigmoid(greedy_z))
            reading[keep, i] = np.where(now, llr, reading[keep, i])
    return reading


#: the private draws over which a stance's chance under each type is counted: STANCE_GRID points of a
#: Latin square over a party's pre-emption draw u and its hunch about the odds (bargaining.reckoning),
#: each draw at the middles of STANCE_GRID equal slices of its range
_U = (2 * np.arange(K.STANCE_GRID) + 1) / (2 * K.STANCE_GRID)
_HUNCH = 2 * _U[::-1] - 1


def stance_chances(doctrine, f, rung, both_nuclear: bool, misperception) -> np.ndarray:
    """(2, B, 4): the chance of each stance under each type (greedy first), by the party's doctrine in
    the footing the others see (public odds, its face), counted over a grid of its private draws
    (_U, _HUNCH), with a pseudo-count of STANCE_PRIOR. Every type and draw in one call of the rule."""
    b, g = rung.shape[0], K.STANCE_GRID
    greedy = np.repeat(np.array([True, False]), g * b)  # (type, draw, game) flattened
    u = np.tile(np.repeat(_U.astype(np.float32), b), 2)
    hunch = np.tile(np.repeat(_HUNCH.astype(np.float32), b), 2)
    wide = {a.name: np.tile(getattr(f, a.name), 2 * g) for a in attrs.fields(type(f)) if a.name != "value"}
    sure = reckoning(wide["odds"], hunch, np.tile(misperception, 2 * g))
    drawn = attrs.evolve(f, **{**wide, "sure": sure, "u": u, "war_cost": war_cost(greedy, both_nuclear)})
    took = doctrine.stance(drawn, np.tile(rung, 2 * g), greedy).astype(np.intp)
    cell = (np.arange(2 * g * b) // (g * b)) * b + np.tile(np.arange(b), 2 * g)  # (type, game)
    counts = np.bincount(cell * len(Stance) + took, minlength=2 * b * len(Stance)).reshape(2, b, len(Stance))
    counts = counts.astype(np.float32) + K.STANCE_PRIOR
    return counts / counts.sum(axis=2, keepdims=True)


def read_stances(v, doctrine_of, stance, escalated, stake_challenger) -> np.ndarray:
    """(B, N): what everyone reads from each actor's stances in its open crises this turn, summed:
        ln P(stance | security-seeker) − ln P(stance | greedy)   within ±READING_MAX,
    each chance the model's own (stance_chances), so escalating, standing firm against an offer to
    settle or settling is evidence only as far as one type takes that stance more often there.
    v: the doctrines' View at the start of the turn; escalated: (B, S, N) who had escalated before."""
    b, n = v.trust.shape[0], v.trust.shape[1]
    reading = np.zeros((b, n), dtype=np.float32)
    stakes = v.stakes
    if stakes is None:
        return reading
    open_now = is_open(v.stake_rung) & v.types_differ[:, None]  # (B, S)
    keep = np.flatnonzero(open_now.any(axis=1))
    if keep.size == 0:
        return reading
    w, open_now = view_rows(v, keep), open_now[keep]
    p = w.params
    for s in np.flatnonzero(open_now.any(axis=0)):
        side_of = stakes.side_of(s, stake_challenger[keep, s])
        odds = crisis_odds(stakes, s, side_of, w.capability, w.alliance, w.credibility, p)
        for side in (0, 1):
            i, j = int(stakes.party[s, side]), int(stakes.party[s, 1 - side])
            f = footing(w, stakes, s, side, side_of, odds[:, side], p, None, escalated[keep])
            both = bool(stakes.nuclear[i] and stakes.nuclear[j])
            # the others read a stance by the doctrine's own rule for each type: a seat's plan is private
            rule = getattr(doctrine_of(i), "doctrine", doctrine_of(i))
            chance = stance_chances(rule, f, w.stake_rung[:, s], both, p.game("misperception"))
            took = stance[keep, s, side].astype(np.intp)[None, :, None]
            taken = np.take_along_axis(chance, np.broadcast_to(took, (2, keep.size, 1)), axis=2)[..., 0]
            reading[keep, i] += np.where(open_now[:, s], bounded(np.log(taken[1]) - np.log(taken[0])), 0.0)
    return reading


def read_turn(v, moves: Moves, stance, start, doctrine_of, same_bloc) -> np.ndarray:
    """reading[b, i, j]: what observer i reads from actor j this turn: its move and its answer to an
    opening (read_moves), its challenge (read_challenges) and its stances (read_stances). v: the
    doctrines' View; start: the state at the start of the turn (last turn's moves, who escalated)."""
    public = read_challenges(v, moves) + read_stances(v, doctrine_of, stance, start.escalated, start.stake_challenger)
    last = Moves(start.last_action, start.last_target)
    return read_moves(moves, v.params, same_bloc, last) + public[:, None, :]


def update_trust(trust_logodds, start_logodds, reading, card_shift, p: InForce, camp, pair_noise, off):
    """L ← clip(L + (m − 1)·L + (1 − m)·L0 + EVIDENCE_WEIGHT·(reading + camp + noise) + card,
    ±TRUST_LOGODDS_MAX), with m = trust_memory, camp = −camp_bias across blocs and
    noise = misperception·N(0, 1) + suspicion_bias. Returns the new log-odds and the parts
    of the change, for the why panel."""
    m = p.pair("trust_memory")
    memory = (m - 1.0) * trust_logodds + (1.0 - m) * start_logodds
    camp_reading = -p.pair("camp_bias") * camp
    noise = p.pair("misperception") * pair_noise + p.pair("suspicion_bias")
    evidence = (reading + camp_reading + noise) * K.EVIDENCE_WEIGHT
    new = np.clip(trust_logodds + (memory + evidence + card_shift), -K.TRUST_LOGODDS_MAX, K.TRUST_LOGODDS_MAX) * off
    parts = {
        "memory": memory,
        "action": K.EVIDENCE_WEIGHT * reading,
        "camp": K.EVIDENCE_WEIGHT * camp_reading,
        "noise": K.EVIDENCE_WEIGHT * noise,
        "card": card_shift,
    }
    return new, parts
