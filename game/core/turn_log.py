"""What one turn did, for every game of a batch: the engine's answer to a step."""
from __future__ import annotations

import attrs
import numpy as np


@attrs.frozen(eq=False)
class TurnLog:
    """Everything one turn did, for every game of the batch (arrays with a leading games axis)."""

    turn: int
    active: np.ndarray        # (B,) the game was still going at the start of this turn
    card: np.ndarray          # (B,) card index, -1 for none
    intended: np.ndarray      # (B, N) chosen action
    action: np.ndarray        # (B, N) executed action (after action noise)
    target: np.ndarray        # (B, N)
    trust: np.ndarray         # (B, N, N) after the turn
    tension: np.ndarray       # (B, N, N)
    crisis: np.ndarray        # (B, N, N)
    challenges: np.ndarray    # (B, N, N) i challenged j this turn
    regional_tension: np.ndarray  # (B,)
    capability: np.ndarray    # (B, N)
    prosperity: np.ndarray    # (B, N)
    resolve: np.ndarray       # (B, N)
    forum: np.ndarray         # (B,)
    payoff: np.ndarray        # (B, N) this turn's 2x2 payoffs
    security: np.ndarray      # (B, N) this turn's security 0..100
    trust_causes: dict        # cause -> (B, N, N), in trust units, summing to the change
    tension_causes: dict      # cause -> (B, N, N), in tension units, summing to the change
    outcome: np.ndarray       # (B,) after the turn
