"""Rule 9, the economy: growth (docs/MODEL.md §7.11); what a war costs is in rules/war.py."""

from __future__ import annotations

import numpy as np

from ..constants import K
from ..pairs import row_sum


def grow(prosperity, ties, regional_tension):
    """prosperity ← clip(prosperity + GROWTH·(1 + mean ties)·(1 − regional_tension / TENSION_DRAG),
    0, PROSPERITY_MAX)."""
    n = ties.shape[-1]
    mean_ties = row_sum(ties) / np.float32(n - 1)
    growth = K.GROWTH * (1.0 + mean_ties) * (1.0 - regional_tension[:, None] / K.TENSION_DRAG)
    return np.clip(prosperity + growth, 0.0, K.PROSPERITY_MAX)
