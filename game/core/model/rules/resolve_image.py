"""Rule 5, the resolve image: others' belief that an actor will stand firm (docs/MODEL.md §7.5)."""

from __future__ import annotations

import numpy as np

from ..pairs import any_first, max_last
from ..constants import K
from ..vocab import Action
from .in_force import InForce
from .moves import Moves


def update_resolve(resolve, tension, moves: Moves, p: InForce, stood_firm, yielded):
    """resolve ← clip(resolve + resolve_gain·[tough] − RESOLVE_LOSS·weakness_invites·[meek]
    + RESOLVE_REVERSION·(START_RESOLVE − resolve), 0, 1). Tough: a deterrence move, or standing
    firm or escalating in a crisis. Meek: a dialogue move while someone pressures you or your
    highest pair tension is above TENSE, any CBM (a unilateral concession), or backing down in a
    crisis. `tension` is the tension the actors faced when they chose. (Backing down after
    escalating costs audience_cost besides: see the crisis rule.)"""
    tough = (moves.family == 0) | stood_firm
    under_pressure = any_first(moves.did(Action.PRESSURE)) | (max_last(tension) > K.TENSE)
    meek = ((moves.family == 1) & under_pressure) | moves.chose(Action.CBM) | yielded
    return np.clip(
        resolve
        + p.actor("resolve_gain") * tough
        - K.RESOLVE_LOSS * p.actor("weakness_invites") * meek
        + K.RESOLVE_REVERSION * (K.START_RESOLVE - resolve),
        0.0,
        1.0,
    )
