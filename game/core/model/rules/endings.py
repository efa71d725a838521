"""Rule 11, the endings (docs/MODEL.md §7.13)."""

from __future__ import annotations

import attrs
import numpy as np

from ..constants import K
from ..pairs import row_sum
from ..state import State
from ..vocab import OUTCOME_INDEX, Outcome


def mean_trust(trust, off):
    """The region's mean trust: Σ_{i≠j} trust_ij / (N·(N − 1))."""
    n = trust.shape[-1]
    return row_sum(row_sum(trust * off)) / (n * (n - 1))


def mark_end_turn(st: State, active, turn: int) -> State:
    """end_turn ← this turn in the games that were going and have just ended."""
    return attrs.evolve(st, end_turn=np.where(active & (st.outcome != 0), turn, st.end_turn).astype(np.int16))


def check_endings(st: State, trust, off, end, turn: int, turn_limit: int, dynamics: bool) -> State:
    """A game still going ends, in this order of precedence, in
    a regional war       a crisis over some stake became a war;
    a security community mean trust above end.community_trust and regional tension below
                         end.community_tension for end.community_turns turns;
    and at the turn limit in
    a cold-war lock-in   regional tension above end.lockin_threshold for the last end.lockin_turns turns,
    or else the turn limit. A cold war is a standoff that can still turn hot (Schelling 1960), so it
    never ends a game early: a war that comes later is still counted as a war."""
    going = st.outcome == 0
    outcome = st.outcome.copy()
    lockin_run, community_run = st.lockin_run, st.community_run
    if dynamics:
        lockin_run = np.where(st.regional_tension > end.lockin_threshold, lockin_run + 1, 0).astype(np.int16)
        calm_and_trusting = (mean_trust(trust, off) > end.community_trust) & (
            st.regional_tension < end.community_tension
        )
        community_run = np.where(calm_and_trusting, community_run + 1, 0).astype(np.int16)
        war = (st.stake_rung >= K.WAR_RUNG).any(axis=1)
        for happened, ending in (
            (war, Outcome.REGIONAL_WAR),
            (community_run >= end.community_turns, Outcome.SECURITY_COMMUNITY),
        ):
            outcome = np.where(going & (outcome == 0) & happened, OUTCOME_INDEX[ending], outcome)
    if turn >= turn_limit:
        locked = dynamics & (lockin_run >= end.lockin_turns)
        last = np.where(locked, OUTCOME_INDEX[Outcome.COLD_WAR_LOCK_IN], OUTCOME_INDEX[Outcome.TURN_LIMIT])
        outcome = np.where(going & (outcome == 0), last, outcome)
    return attrs.evolve(st, outcome=outcome.astype(np.int8), lockin_run=lockin_run, community_run=community_run)
