"""The worldview parameters in force in a turn: each game's own values, shifted for a few
turns by a card that changes how actors read each other (docs/MODEL.md §7.1)."""

from __future__ import annotations

import attrs
import numpy as np

from .. import params as P

_LOW = np.array([s.low for s in P.PARAMS])
_HIGH = np.array([s.high for s in P.PARAMS])


@attrs.frozen(eq=False)
class InForce:
    """One value per game of every worldview parameter, as float32 for the model's state and
    float64 for the payoffs, with the shapes the rules combine them with."""

    values: np.ndarray  # (B, P) float64
    _as_float32: dict = attrs.field(factory=dict, init=False, repr=False)  # each parameter's column, made once

    def game(self, name: str) -> np.ndarray:
        """(B,) float32, read-only: the rules of a turn ask for the same few columns many times."""
        column = self._as_float32.get(name)
        if column is None:
            column = self.values[:, P.INDEX[name]].astype(np.float32)
            column.setflags(write=False)
            self._as_float32[name] = column
        return column

    def of_games(self, keep) -> "InForce":
        """The same parameters for the games in keep only."""
        return InForce(self.values[keep])

    def actor(self, name: str) -> np.ndarray:
        """(B, 1) float32, to combine with per-actor arrays (B, N)."""
        return self.game(name)[:, None]

    def pair(self, name: str) -> np.ndarray:
        """(B, 1, 1) float32, to combine with pair arrays (B, N, N)."""
        return self.game(name)[:, None, None]

    def exact(self, name: str) -> np.ndarray:
        """(B, 1) float64: the payoffs keep full precision."""
        return self.values[:, P.INDEX[name], None]


def parameters_in_force(params: np.ndarray, card_shift: np.ndarray, card_shift_left: np.ndarray) -> InForce:
    """p_now = clip(p + shift, low, high) in games where a card's shift still holds, else p."""
    holds = (card_shift_left > 0)[:, None]
    shifted = np.clip(params + card_shift, _LOW, _HIGH)
    return InForce(np.where(holds & (card_shift != 0), shifted, params))
