"""Rule 9, the economy: growth (docs/MODEL.md §7.11); what a war costs is in rules/war.py."""

from __future__ import annotations

import numpy as np

from ..constants import K
from ..pairs import row_sum


def grow(prosperity, ties, regional_tension, start_prosperity):
    """prosperity ← clip(prosperity + GROWTH·(1 + mean ties)·(1 − regional_tension / TENSION_DRAG)·scale, 0,
    PROSPERITY_MAX), scale = 1 − GROWTH_IN_PROPORTION + GROWTH_IN_PROPORTION·prosperity0 / mean prosperity0:
    growth is mostly the same for rich and poor (a poor economy catches up) and in part in proportion to the
    economy, as the costs of arming, pressure and war are."""
    n = ties.shape[-1]
    mean_ties = row_sum(ties) / np.float32(n - 1)
    share = (start_prosperity / start_prosperity.mean()).astype(np.float32)
    scale = 1.0 - K.GROWTH_IN_PROPORTION + K.GROWTH_IN_PROPORTION * share
    growth = K.GROWTH * (1.0 + mean_ties) * (1.0 - regional_tension[:, None] / K.TENSION_DRAG) * scale[None, :]
    return np.clip(prosperity + growth, 0.0, K.PROSPERITY_MAX)
