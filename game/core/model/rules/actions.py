"""Rule 3, the actions' material effects (docs/MODEL.md §7.3)."""

from __future__ import annotations

import attrs

import numpy as np

from ..pairs import any_first, any_last
from ..constants import K
from ..state import State
from ..vocab import Action
from .moves import Moves


def act(st: State, moves: Moves, start_prosperity) -> State:
    """Capability, alliances, ties, the forum and prosperity after the moves (start_prosperity (N,))."""
    return attrs.evolve(
        st,
        capability=arm_and_reassure(st.capability, moves),
        alliance=ally(st.alliance, moves),
        ties=trade_and_talk(st.ties, moves),
        forum=attend_forum(st.forum, moves),
        prosperity=pay_and_gain(st.prosperity, moves, start_prosperity),
    )


def arm_and_reassure(capability, moves: Moves):
    """ARM: capability + ARM_STEP·(1 − capability / CAPABILITY_MAX); CBM: capability − CBM_COST
    (costly reassurance gives up some strength)."""
    gain = moves.chose(Action.ARM) * (K.ARM_STEP * (1.0 - capability / K.CAPABILITY_MAX))
    return capability + gain - moves.chose(Action.CBM) * K.CBM_COST


def ally(alliance, moves: Moves):
    """alliance_ij ← min(alliance_ij + ALLY_STEP, 1) when i or j works on their alliance."""
    return np.minimum(alliance + K.ALLY_STEP * moves.between(Action.ALLY), 1.0)


def trade_and_talk(ties, moves: Moves):
    """ties_ij ← min(ties_ij + TRADE_TIES·[they trade] + SUMMIT_TIES·[they meet], 1)."""
    ties = ties + K.TRADE_TIES * moves.between(Action.TRADE) + K.SUMMIT_TIES * moves.between(Action.SUMMIT)
    return np.minimum(ties, 1.0)


def attend_forum(forum, moves: Moves):
    """forum ← clip(forum·(1 − FORUM_DECAY) + FORUM_GAIN·share^FORUM_COLLECTIVE·(1 − forum), 0, 1),
    share = the share of actors that attend: collective (one actor alone moves it little), with
    diminishing returns as the stock fills."""
    n = moves.action.shape[1]
    share = moves.count(moves.chose(Action.FORUM)) / np.float32(n)
    return np.clip(forum * (1.0 - K.FORUM_DECAY) + K.FORUM_GAIN * share**K.FORUM_COLLECTIVE * (1.0 - forum), 0.0, 1.0)


def pay_and_gain(prosperity, moves: Moves, start_prosperity):
    """Arming, pressuring, being pressured and CBM cost prosperity, each its constant's share of the
    actor's starting prosperity (no actor is built to be ruined by the same moves as a rich one);
    each trade partner adds TRADE_GAIN."""
    pressured_someone = any_last(moves.did(Action.PRESSURE))
    was_pressured = any_first(moves.did(Action.PRESSURE))
    trades = moves.count(moves.between(Action.TRADE))
    costs = (
        K.ARM_COST * moves.chose(Action.ARM)
        + K.PRESSURE_COST * pressured_someone
        + K.PRESSURED_COST * was_pressured
        + K.CBM_PROSPERITY_COST * moves.chose(Action.CBM)
    )
    return (prosperity - costs * start_prosperity[None, :] + K.TRADE_GAIN * trades).astype(np.float32)
