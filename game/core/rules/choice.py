"""Rule 2, the choice: every actor picks a move at once; action noise may flip it
(docs/MODEL.md §7.2)."""
from __future__ import annotations

import numpy as np

from ..doctrines import View
from ..vocab import Action, family_of, targeted


def choose_moves(view: View, seating, human: dict[int, tuple[int, int]], b: int, n: int):
    """Each doctrine decides for its seats, each human's (action, target) is taken as given.
    A move that needs a target and has no valid one (none, out of range, oneself) becomes HOLD;
    a move that takes no target drops it. Returns (action, target), each (B, N) int8."""
    action = np.empty((b, n), dtype=np.int8)
    target = np.empty((b, n), dtype=np.int8)
    for doctrine, seats in seating:
        action[:, seats], target[:, seats] = doctrine.decide(view, seats)
    for i, (a, t) in human.items():
        action[:, i], target[:, i] = int(a), int(t)
    no_target = targeted(action) & ((target < 0) | (target >= n) | (target == np.arange(n)[None, :]))
    action = np.where(no_target, Action.HOLD, action).astype(np.int8)
    target = np.where(targeted(action), target, -1).astype(np.int8)
    return action, target


def action_noise(intended: np.ndarray, target: np.ndarray, u: np.ndarray, noise: np.ndarray):
    """With chance action_noise a move flips family (an incident, a misread order): deterrence
    becomes HOLD; dialogue becomes PRESSURE on its partner, or ARM if it had none."""
    flip = u < noise[:, None]
    deterrence = family_of(intended) == 0
    to_deterrence = np.where(target >= 0, Action.PRESSURE, Action.ARM)
    flipped = np.where(deterrence, Action.HOLD, to_deterrence)
    action = np.where(flip, flipped, intended).astype(np.int8)
    target = np.where(flip & deterrence, -1, target).astype(np.int8)
    return action, target
