"""Rule 7, tension: each pair's tension moves toward a target set by its causes; regional
tension is their capability-weighted mean (docs/MODEL.md §7.7, §7.8)."""

from __future__ import annotations

import numpy as np

from ..constants import K
from ..pairs import of_col, of_row, pair_mean, row_sum
from .causes import apportion
from .in_force import InForce

TENSION_CAUSES = ("easing", "distrust", "arms", "bloc", "pressure", "crisis", "ties", "forum", "card")


def tension_pulls(tension, trust, arms_race, pressure_between, crisis, ties, forum, camp, p: InForce) -> dict:
    """Each cause's pull on tension this turn, in tension units: TENSION_RATE times
    (target − tension), the target's terms being
      distrust  DISTRUST_TENSION·(1 − mean trust of the pair)
      arms      ARMS_TENSION·(capability gained by i + by j this turn)
      bloc      BLOC_TENSION·camp_bias across blocs
      pressure  PRESSURE_TENSION when one pressures the other
      crisis    CRISIS_TENSION·rung / WAR_RUNG of their open crisis
      ties      −TIES_TENSION·shadow_of_future·ties
      forum     −FORUM_TENSION·forum
    and `easing` the −TENSION_RATE·tension that pulls toward the target."""
    rate = K.TENSION_RATE
    mean_distrust = 1.0 - pair_mean(trust)
    return {
        "easing": -rate * tension,
        "distrust": mean_distrust * (rate * K.DISTRUST_TENSION),
        "arms": (rate * K.ARMS_TENSION) * (of_row(arms_race) + of_col(arms_race)),
        "bloc": ((rate * K.BLOC_TENSION) * p.pair("camp_bias")) * camp,
        "pressure": (rate * K.PRESSURE_TENSION) * pressure_between,
        "crisis": (rate * K.CRISIS_TENSION) * (crisis / np.float32(K.WAR_RUNG)),
        "ties": ((-rate * K.TIES_TENSION) * p.pair("shadow_of_future")) * ties,
        "forum": (-rate * K.FORUM_TENSION) * forum[:, None, None],
    }


def no_causes(b: int, n: int) -> dict:
    """Every cause of a tension change at zero: the why panel's answer in a turn without dynamics."""
    return {cause: np.zeros((b, n, n), dtype=np.float32) for cause in TENSION_CAUSES}


def update_tension(tension, pulls: dict, card_shift, off):
    """tension ← clip(tension + Σ pulls + card, 0, 1), off the diagonal."""
    total = pulls["easing"] + pulls["distrust"]
    for cause in ("arms", "bloc", "pressure", "crisis", "ties", "forum"):
        total = total + pulls[cause]
    total = total * off + card_shift
    return np.clip(tension + total, 0.0, 1.0) * off


def tension_causes(pulls: dict, card_shift, off, change) -> dict:
    """The tension change apportioned among its causes (the pulls and the card), off the diagonal."""
    parts = {cause: pull * off for cause, pull in dict(pulls, card=card_shift).items()}
    return apportion(parts, change)


def regional_tension(tension, capability):
    """R = REGIONAL_TENSION_SCALE · Σ_ij tension_ij (capability_i + capability_j) / Σ_{i≠j}
    (capability_i + capability_j): the region's mean tension, weighted by the pair's strength."""
    n = capability.shape[1]
    weighted_rows = row_sum(tension * of_col(capability)) + row_sum(tension) * capability
    total = row_sum(weighted_rows)
    weights = np.float32(2.0 * (n - 1)) * row_sum(capability)
    return (K.REGIONAL_TENSION_SCALE * total / np.maximum(weights, K.SMALLEST_WEIGHT)).astype(np.float32)
