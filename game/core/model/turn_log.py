"""What one turn did, for every game of a batch: the engine's answer to a step."""

from __future__ import annotations

import attrs
import numpy as np

from .state import State
from .vocab import Action


@attrs.frozen(eq=False)
class TurnLog:
    """Everything one turn did, for every game of the batch (arrays with a leading games axis)."""

    turn: int
    active: np.ndarray  # (B,) the game was still going at the start of this turn
    card: np.ndarray  # (B,) card index, -1 for none
    intended: np.ndarray  # (B, N) chosen action
    action: np.ndarray  # (B, N) executed action (after refusals and action noise)
    target: np.ndarray  # (B, N)
    refused: np.ndarray  # (B, N) why a chosen move could not be made, '' where it could
    stance: np.ndarray  # (B, S, 2) each party's stance in each crisis open at the start of the turn
    rung_before: np.ndarray  # (B, S) each stake's crisis rung at the start of the turn, after the card
    trust: np.ndarray  # (B, N, N) after the turn
    state: State  # the state after the turn
    payoff: np.ndarray  # (B, N) this turn's 2x2 payoffs
    security: np.ndarray  # (B, N) this turn's security 0..100
    trust_causes: dict  # cause -> (B, N, N), in trust units, summing to the change
    tension_causes: dict  # cause -> (B, N, N), in tension units, summing to the change

    # the state after the turn, by the names the records and the window read
    tension = property(lambda self: self.state.tension)
    crisis = property(lambda self: self.state.crisis)
    regional_tension = property(lambda self: self.state.regional_tension)
    capability = property(lambda self: self.state.capability)
    prosperity = property(lambda self: self.state.prosperity)
    resolve = property(lambda self: self.state.resolve)
    forum = property(lambda self: self.state.forum)
    outcome = property(lambda self: self.state.outcome)
    stake_rung = property(lambda self: self.state.stake_rung)
    backing = property(lambda self: self.state.backing)

    @property
    def challenges(self) -> np.ndarray:
        """(B, N, N) [b, i, j]: i challenged j this turn."""
        n = self.action.shape[1]
        return (self.action == Action.CHALLENGE)[:, :, None] & (self.target[:, :, None] == np.arange(n))
