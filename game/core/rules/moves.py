"""Who did what to whom this turn, as masks the other rules read."""
from __future__ import annotations

import attrs
import numpy as np

from ..pairs import both_ways
from ..vocab import Action, family_of


@attrs.frozen(eq=False)
class Moves:
    """The executed moves of a turn: action and target (B, N), -1 for no target."""

    action: np.ndarray
    target: np.ndarray

    @property
    def family(self) -> np.ndarray:
        """(B, N) 0 for deterrence, 1 for dialogue."""
        return family_of(self.action)

    def chose(self, action: Action) -> np.ndarray:
        """(B, N): the actor chose this action."""
        return self.action == action

    def aimed(self) -> np.ndarray:
        """(B, N, N) [b, i, j]: i's move was aimed at j."""
        n = self.target.shape[1]
        return self.target[:, :, None] == np.arange(n)[None, None, :]

    def did(self, *actions: Action) -> np.ndarray:
        """(B, N, N) [b, i, j]: i aimed one of these actions at j."""
        return np.isin(self.action, actions)[:, :, None] & self.aimed()

    def between(self, *actions: Action) -> np.ndarray:
        """(B, N, N) [b, i, j]: i aimed one of these actions at j, or j at i."""
        return both_ways(self.did(*actions))

    def count(self, mask: np.ndarray) -> np.ndarray:
        """How many cells of each row of a (B, N, N) mask, or actors of a (B, N) mask, are set, as float32."""
        return mask.sum(axis=-1, dtype=np.float32)
