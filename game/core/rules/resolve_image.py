"""Rule 5, the resolve image: others' belief that an actor will stand firm (docs/MODEL.md §7.5)."""
from __future__ import annotations

import numpy as np

from ..constants import K
from ..vocab import Action
from .in_force import InForce
from .moves import Moves


def update_resolve(resolve, tension, moves: Moves, p: InForce):
    """resolve ← clip(resolve + RESOLVE_STEP·[deterrence move] − RESOLVE_LOSS·weakness_invites·[meek]
    + RESOLVE_REVERSION·(START_RESOLVE − resolve), 0, 1). Meek: a dialogue move while someone
    pressures you or your highest pair tension is above TENSE, or any CBM (a unilateral concession).
    `tension` is the tension the actors faced when they chose."""
    tough = moves.family == 0
    under_pressure = moves.did(Action.PRESSURE).any(axis=1) | (tension.max(axis=-1) > K.TENSE)
    meek = ((moves.family == 1) & under_pressure) | moves.chose(Action.CBM)
    return np.clip(resolve + K.RESOLVE_STEP * tough - K.RESOLVE_LOSS * p.actor("weakness_invites") * meek
                   + K.RESOLVE_REVERSION * (K.START_RESOLVE - resolve), 0.0, 1.0)
