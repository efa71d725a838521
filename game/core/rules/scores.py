"""Rule 10, the turn's scores: the 2x2 payoff and security (docs/MODEL.md §7.12)."""
from __future__ import annotations

import numpy as np

from ..constants import K
from ..pairs import row_sum
from .in_force import InForce


def payoffs(family, p: InForce):
    """Each actor's 2x2 payoff summed over its partners, dialogue being cooperation:
    dialogue: talking·payoff_R + deterring·payoff_S; deterrence: talking·payoff_T + deterring·payoff_P,
    where talking and deterring count the partners of each family."""
    n = family.shape[1]
    f = family.astype(np.float64)
    talking = f.sum(axis=1, keepdims=True) - f
    deterring = (n - 1) - talking
    R, S, T, P = (p.exact(name) for name in ("payoff_R", "payoff_S", "payoff_T", "payoff_P"))
    return f * (talking * R + deterring * S) + (1.0 - f) * (talking * T + deterring * P)


def security(tension, crisis):
    """security_i = SECURITY_SCALE·(1 − mean tension of i's pairs)·(1 − worst rung of i / WAR_RUNG)."""
    n = tension.shape[-1]
    mean_tension = row_sum(tension).astype(np.float64) / (n - 1)
    worst = crisis.max(axis=-1).astype(np.float64)
    return float(K.SECURITY_SCALE) * (1.0 - mean_tension) * (1.0 - worst / K.WAR_RUNG)
