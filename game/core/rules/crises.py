"""Rule 8, crises (Fearon 1995; Schelling 1960): challenges open a crisis or climb its
ladder; at the brink war is chosen or comes by accident (docs/MODEL.md §7.9, §7.10)."""
from __future__ import annotations

import numpy as np

from ..constants import K
from ..pairs import both_ways, of_col, of_row, row_sum
from ..state import sigmoid
from .in_force import InForce


def defence(capability, alliance, resolve, p: InForce):
    """defence_j = defence_advantage·(capability_j + ally_credibility·Σ_k alliance_jk·capability_k)
    ·(DEFENCE_RESOLVE_BASE + resolve_j): what a challenger of j must overcome."""
    allies = row_sum(alliance * of_col(capability))
    return (p.actor("defence_advantage") * (capability + p.actor("ally_credibility") * allies)
            * (K.DEFENCE_RESOLVE_BASE + resolve))


def win_odds(capability, defence_now):
    """win_ij = capability_i / (capability_i + defence_j): i's chance against j."""
    return of_row(capability) / (of_col(defence_now) + of_row(capability))


def challenge_logodds(win, trust, tension, ties, forum, resolve, greedy, p: InForce):
    """z_ij = GREED_WEIGHT·[i greedy]·(win_ij − WIN_THRESHOLD)                      greed
            + FEAR_WEIGHT·first_strike·(1 − trust_ij)·tension_ij                  fear
            − RETALIATION_WEIGHT·(1 − win_ij)·resolve_j                           retaliation
            − FUTURE_WEIGHT·shadow_of_future·(ties_ij + forum)·(1 − GREEDY_DISCOUNT·[i greedy])
            + CRISIS_BASE"""
    greedy_rows = np.broadcast_to(of_row(greedy), win.shape)
    greed = (win - K.WIN_THRESHOLD) * (greedy_rows * K.GREED_WEIGHT)
    fear = ((K.FEAR_WEIGHT * p.pair("first_strike")) * (1.0 - trust)) * tension
    retaliation = ((1.0 - win) * K.RETALIATION_WEIGHT) * of_col(resolve)
    future = ((K.FUTURE_WEIGHT * p.pair("shadow_of_future")) * (ties + forum[:, None, None])) \
        * (1.0 - K.GREEDY_DISCOUNT * greedy_rows)
    return greed + fear - retaliation - future + K.CRISIS_BASE


def challenges(z, u, off):
    """i challenges j with chance sigmoid(z_ij)."""
    return (u < sigmoid(z)) & off


def at_the_brink(crisis, challenged):
    """(B, N, N): a challenge between i and j while their crisis stands at the brink."""
    return both_ways(challenged) & (crisis == K.WAR_RUNG - 1)


def climb_ladder(crisis, challenged, win, greedy, talk, pressure_between, accident):
    """Per pair, with c = a challenge between them this turn:
    climb one rung   if c, below the brink, and they are not talking (talk defuses fear, not
                     greed: a greedy challenge climbs anyway);
    step down a rung if no challenge, rung > 0, and they talk or nobody pressures;
    war (one more)   at the brink (rung WAR_RUNG − 1) with c, if a greedy challenger with
                     win > WAR_ODDS chooses it, or by accident."""
    greedy_challenge = challenged & np.broadcast_to(of_row(greedy), challenged.shape)
    either = both_ways(challenged)
    greedy_either = both_ways(greedy_challenge)
    chooses_war = both_ways(greedy_challenge & (win > K.WAR_ODDS))
    war = at_the_brink(crisis, challenged) & (chooses_war | accident)
    climb = either & (~talk | greedy_either) & (crisis < K.WAR_RUNG - 1)
    calm = ~either & (talk | ~pressure_between) & (crisis > 0)
    rung = crisis + climb.astype(np.int8) - calm.astype(np.int8) + war.astype(np.int8)
    off = ~np.eye(crisis.shape[-1], dtype=bool)
    return (rung * off).astype(np.int8)


def accidents(at_brink, u, p: InForce):
    """At the brink war comes by accident with chance ACCIDENT_RATE·misperception."""
    return at_brink & (u < K.ACCIDENT_RATE * p.pair("misperception"))
