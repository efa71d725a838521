"""Rule 6, arms dynamics (Richardson 1960), weighted by distrust (docs/MODEL.md §7.6)."""

from __future__ import annotations

import numpy as np

from ..constants import K
from ..pairs import of_col, row_sum
from .in_force import InForce


def threat(trust, alliance, capability, off):
    """threat_i = Σ_j (1 − trust_ij)·(1 − alliance_ij)·capability_j / (N − 1): the distrusted,
    non-allied capability around i."""
    n = capability.shape[1]
    return row_sum((1.0 - trust) * (1.0 - alliance) * off * of_col(capability)) / np.float32(n - 1)


def rest_grievance(p: InForce, start_capability, start_threat):
    """Richardson's grievance term g_i = arms_fatigue·capability0_i − arms_fear·threat0_i, chosen
    so that the starting posture is at rest: arming then follows changes in distrust."""
    return p.actor("arms_fatigue") * start_capability[None, :] - p.actor("arms_fear") * start_threat


def arms_dynamics(capability, threat_now, grievance, p: InForce):
    """capability ← clip(capability + arms_fear·threat − arms_fatigue·capability + g, CAPABILITY_MIN,
    CAPABILITY_MAX): the same for both types, so that background arming does not give a type away."""
    return np.clip(
        capability + p.actor("arms_fear") * threat_now - p.actor("arms_fatigue") * capability + grievance,
        K.CAPABILITY_MIN,
        K.CAPABILITY_MAX,
    )
