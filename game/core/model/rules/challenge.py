"""Rule 2, the challenge (Fearon 1995; Schelling 1966; Jervis 1978): an AI actor whose doctrine
plays by type presses a claim on a stake when its type's motive fires. A greedy actor weighs the
gain it expects against the target's resolve and the future it would lose; a security-seeker
challenges only pre-emptively, from fear (docs/MODEL.md §7.9)."""

from __future__ import annotations

import numpy as np

from ..constants import K
from ..state import sigmoid
from ..vocab import Action
from .bargaining import fear_logodds
from .in_force import InForce
from .war import crisis_odds


def fear(trust, tension, p: InForce):
    """fear = first_strike·(1 − trust)·tension·2 / (1 + defence_advantage): what pushes a security-seeker
    to strike first. The last factor is an attacker's odds at equal strength (win_odds) over its odds
    in an even balance: where defence has the advantage, striking first gains less, and the security
    dilemma eases (Jervis 1978)."""
    offence = 2.0 / (1.0 + p.game("defence_advantage"))
    return p.game("first_strike") * offence * (1.0 - trust) * tension


def greedy_challenge_logodds(value, win, resolve_target, ties, forum, nuclear_target, p: InForce):
    """z = GREED_WEIGHT·value·(win − WIN_THRESHOLD) − RESOLVE_DETERS·resolve_target
         − FUTURE_WEIGHT·shadow_of_future·(ties + forum) − NUCLEAR_DETERS·[target nuclear] + CRISIS_BASE:
    a greedy actor weighs what it could win against the target's resolve and the future it would lose."""
    return (
        K.GREED_WEIGHT * value * (win - K.WIN_THRESHOLD)
        - K.RESOLVE_DETERS * resolve_target
        - K.FUTURE_WEIGHT * p.game("shadow_of_future") * (ties + forum)
        - K.NUCLEAR_DETERS * nuclear_target
        + K.CRISIS_BASE
    )


def secure_challenge_logodds(fear_now, ties, forum, p: InForce):
    """z = ln(fear / FEAR_SCALE) − FUTURE_WEIGHT·shadow_of_future·(ties + forum) + CRISIS_BASE:
    a security-seeker challenges only pre-emptively, with a chance that grows smoothly from nil with its fear
    (bargaining.fear_logodds, the same pull that makes it strike first at the brink)."""
    return fear_logodds(fear_now) - K.FUTURE_WEIGHT * p.game("shadow_of_future") * (ties + forum) + K.CRISIS_BASE


def counted_credibility(credibility, resolve, j: int):
    """The commitments a challenger of j counts: credibility[k, j] · min(1, resolve[j] / START_RESOLVE),
    the rest as they are. A protector's help to a target that looks irresolute is counted only in part
    (Huth 1988: extended deterrence holds where the protected party shows its own resolve; Snyder 1984):
    a party that only concedes cannot shelter wholly behind its ally."""
    counted = credibility.copy()
    counted[:, :, j] *= np.minimum(1.0, resolve[:, j] / K.START_RESOLVE)[:, None]
    return counted


def secure_logodds_at(v, s: int, side: int, p: InForce):
    """secure_challenge_logodds for the party on `side` of stake s challenging the other, in every game
    of the View v, from its fear of the other."""
    i, j = int(v.stakes.party[s, side]), int(v.stakes.party[s, 1 - side])
    return secure_challenge_logodds(fear(v.trust[:, i, j], v.tension[:, i, j], p), v.ties[:, i, j], v.forum, p)


def greedy_logodds_at(v, s: int, side: int, games, p: InForce):
    """greedy_challenge_logodds for the party on `side` of stake s challenging the other in the given
    games of the View v (an index, or slice(None) for all): its odds of winning are crisis_odds with the
    target's protectors counted by counted_credibility. p: the parameters of those games."""
    i, j = int(v.stakes.party[s, side]), int(v.stakes.party[s, 1 - side])
    credibility = counted_credibility(v.credibility[games], v.resolve[games], j)
    capability = v.capability[games]
    sides = np.full(capability.shape[0], side)
    win = crisis_odds(v.stakes, s, sides, capability, v.alliance[games], credibility, p)[:, side]
    return greedy_challenge_logodds(
        v.stakes.value[s], win, v.resolve[games, j], v.ties[games, i, j], v.forum[games], bool(v.stakes.nuclear[j]), p
    )


def challenge_choice(v, i: int, boldness: float = 0.0):
    """(target (B,), fires (B,)): the other party j of the first stake, most valuable first, with
    no crisis open over it, over which i's type moves it to challenge this turn:
    z = greedy z + boldness if i is greedy, else secure z; i challenges j if w_ij < sigmoid(z),
    w_ij its challenge draw, win = crisis_odds with i challenging and j's protectors counted by
    counted_credibility. v: the doctrines' View."""
    b = v.trust.shape[0]
    target, fires = np.full(b, -1), np.zeros(b, dtype=bool)
    if v.stakes is None:
        return target, fires
    p = v.params
    for s in sorted(range(v.stakes.count), key=lambda s: -v.stakes.value[s]):
        if i not in v.stakes.party[s]:
            continue
        side = int(np.flatnonzero(v.stakes.party[s] == i)[0])
        j = int(v.stakes.party[s, 1 - side])
        z = secure_logodds_at(v, s, side, p)
        # a greedy actor's odds of winning, worked out only in the games where it is greedy: they cost most
        g = np.flatnonzero(v.greedy[:, i] & (v.stake_rung[:, s] == 0))
        if g.size:
            z[g] = greedy_logodds_at(v, s, side, g, p.of_games(g))
            z[g] += boldness
        now = ~fires & (v.stake_rung[:, s] == 0) & (v.u_pair[:, i, j] < sigmoid(z))
        target, fires = np.where(now, j, target), fires | now
    return target, fires


def challenges(v, seating, action, target) -> tuple[np.ndarray, np.ndarray]:
    """Where the types want different things, each AI seat whose doctrine plays by type
    challenges over a stake if its type's motive fires (challenge_choice, with its doctrine's
    boldness): its move becomes CHALLENGE at the stake's other party, whatever its doctrine chose.
    seating: (doctrine, seats) pairs; action, target: (B, N) the doctrines' moves."""
    if v.greedy is None or not v.types_differ.any():
        return action, target
    action, target = action.copy(), target.copy()
    for doctrine, seats in seating:
        if not doctrine.plays_by_type:
            continue
        for i in seats:
            j, fires = challenge_choice(v, int(i), doctrine.boldness)
            action[:, i] = np.where(fires, Action.CHALLENGE, action[:, i])
            target[:, i] = np.where(fires, j, target[:, i])
    return action, target
