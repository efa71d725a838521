"""Rule 9, the economy (docs/MODEL.md §7.11)."""
from __future__ import annotations

import numpy as np

from ..constants import K
from ..pairs import row_sum


def war_costs(prosperity, ties, fought_now):
    """Every side of a war that began this turn loses WAR_PROSPERITY_COST of prosperity, and
    the ties between enemies are cut."""
    at_war = fought_now.any(axis=-1)
    return (np.maximum(prosperity - K.WAR_PROSPERITY_COST * at_war, 0.0).astype(np.float32),
            np.where(fought_now, 0.0, ties).astype(np.float32))


def grow(prosperity, ties, regional_tension):
    """prosperity ← clip(prosperity + GROWTH·(1 + mean ties)·(1 − regional_tension / TENSION_DRAG),
    0, PROSPERITY_MAX)."""
    n = ties.shape[-1]
    mean_ties = row_sum(ties) / np.float32(n - 1)
    growth = K.GROWTH * (1.0 + mean_ties) * (1.0 - regional_tension[:, None] / K.TENSION_DRAG)
    return np.clip(prosperity + growth, 0.0, K.PROSPERITY_MAX)
