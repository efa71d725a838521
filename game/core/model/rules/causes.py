"""Why trust and tension moved: each change split among its causes, for the why panel."""

from __future__ import annotations

import numpy as np

from ..constants import K

TRUST_CAUSES = ("memory", "action", "camp", "noise", "card")


def apportion(parts: dict, total_shown):
    """Split the change shown among the causes in proportion to their raw contributions; the
    causes sum to the change shown (clipping included)."""
    raw_sum = sum(parts.values())
    nonzero = np.abs(raw_sum) > K.SMALLEST_CHANGE
    scale = np.where(nonzero, total_shown / np.where(nonzero, raw_sum, 1.0), 0.0)
    return {k: (v * scale).astype(np.float64) for k, v in parts.items()}
