"""Who did what to whom this turn, as masks the other rules read."""

from __future__ import annotations

import functools

import attrs
import numpy as np

from ..pairs import both_ways, count_last
from ..vocab import Action, family_of


@attrs.frozen(eq=False, slots=False)
class Moves:
    """The executed moves of a turn: action and target (B, N), -1 for no target. The masks are
    worked out once a turn: several rules read the same ones."""

    action: np.ndarray
    target: np.ndarray

    @functools.cached_property
    def family(self) -> np.ndarray:
        """(B, N) 0 for deterrence, 1 for dialogue."""
        return family_of(self.action)

    def chose(self, action: Action) -> np.ndarray:
        """(B, N): the actor chose this action."""
        return self.action == action

    @functools.cached_property
    def aimed(self) -> np.ndarray:
        """(B, N, N) [b, i, j]: i's move was aimed at j."""
        n = self.target.shape[1]
        return self.target[:, :, None] == np.arange(n, dtype=self.target.dtype)[None, None, :]  # one dtype: no cast

    def did(self, *actions: Action) -> np.ndarray:
        """(B, N, N) [b, i, j]: i aimed one of these actions at j."""
        if actions not in self._known:
            chose = np.zeros(self.action.shape, dtype=bool)
            for action in actions:
                chose |= self.action == action
            self._known[actions] = chose[:, :, None] & self.aimed
        return self._known[actions]

    def between(self, *actions: Action) -> np.ndarray:
        """(B, N, N) [b, i, j]: i aimed one of these actions at j, or j at i."""
        if ("between", actions) not in self._known:
            self._known[("between", actions)] = both_ways(self.did(*actions))
        return self._known[("between", actions)]

    @functools.cached_property
    def _known(self) -> dict:
        """The masks worked out so far: several rules read the same ones."""
        return {}

    def count(self, mask: np.ndarray) -> np.ndarray:
        """How many cells of each row of a (B, N, N) mask, or actors of a (B, N) mask, are set, as float32."""
        return count_last(mask)
