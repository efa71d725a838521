"""The state of B games at once: every field is an array with a leading games axis."""
from __future__ import annotations

import attrs
import numpy as np

M_MAX = 10.0
E_MAX = 10.0
L_MAX = 6.0  # trust log-odds bound: trust stays within about 0.0025..0.9975
WAR_RUNG = 4


def sigmoid(x, out=None):
    # 1 / (1 + exp(-x)), computed in one buffer (out=x: x's own): the same operations, fewer temporaries
    out = np.negative(x, out=out)
    if not isinstance(out, np.ndarray):
        return 1.0 / (1.0 + np.exp(out))
    np.exp(out, out=out)
    np.add(1.0, out, out=out)
    return np.divide(1.0, out, out=out)


def logit(p):
    return np.log(p / (1.0 - p))


@attrs.define(eq=False)
class State:
    """The one owner of mutable game state; the engine advances it a turn at a time."""

    turn: int
    M: np.ndarray          # (B, N) capability
    E: np.ndarray          # (B, N) prosperity
    greedy: np.ndarray     # (B, N) bool, hidden disposition
    L: np.ndarray          # (B, N, N) trust as log-odds: row's belief that column is security-seeking
    A: np.ndarray          # (B, N, N) alliance strength, symmetric
    X: np.ndarray          # (B, N, N) ties, symmetric
    H: np.ndarray          # (B, N, N) dyadic tension in [0, 1], symmetric
    C: np.ndarray          # (B, N, N) crisis rung 0..4, symmetric
    F: np.ndarray          # (B,) regional forum stock in [0, 1]
    R: np.ndarray          # (B,) regional tension 0..100
    Q: np.ndarray          # (B, N) resolve image: others' belief the actor will fight
    last_action: np.ndarray  # (B, N) executed action last turn, -1 before the first
    last_target: np.ndarray  # (B, N)
    tweak: np.ndarray      # (B, P) worldview change from a card
    tweak_left: np.ndarray  # (B,) turns the tweak still holds
    lockin_run: np.ndarray  # (B,)
    community_run: np.ndarray  # (B,)
    outcome: np.ndarray    # (B,) index into vocab.OUTCOME_CODES; 0 while the game goes on
    end_turn: np.ndarray   # (B,)
    payoff: np.ndarray     # (B, N) summed 2x2 payoffs
    security_sum: np.ndarray  # (B, N)

    @property
    def trust(self) -> np.ndarray:
        return sigmoid(self.L)

    def copy(self) -> "State":
        return State(**{f.name: (v.copy() if isinstance(v := getattr(self, f.name), np.ndarray) else v)
                        for f in attrs.fields(State)})
