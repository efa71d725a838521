"""Doctrines: AI policies, each a small class deciding for one actor across the whole batch."""
from __future__ import annotations

from typing import ClassVar

import attrs
import numpy as np

from .vocab import FAMILY, Action, Family

A = Action


@attrs.frozen(eq=False)
class View:
    """What a doctrine may look at when it decides: public state, own beliefs, last moves."""

    turn: int
    trust: np.ndarray        # (B, N, N)
    H: np.ndarray            # (B, N, N)
    M: np.ndarray            # (B, N)
    A: np.ndarray            # (B, N, N)
    X: np.ndarray            # (B, N, N)
    Q: np.ndarray            # (B, N)
    defence: np.ndarray      # (B, N) strength with allies, as a challenger would weigh it
    last_action: np.ndarray  # (B, N), -1 before the first turn
    last_target: np.ndarray  # (B, N)
    against: np.ndarray      # (B, N, N) [b, i, j]: j's last move was deterrence aimed at i
    pressured: np.ndarray    # (B, N, N) [b, i, j]: j pressured i last turn
    same_bloc: np.ndarray    # (N, N)
    u1: np.ndarray           # (B, N) doctrine's own uniforms
    u2: np.ndarray           # (B, N)


def _argmax_masked(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Index of the largest value among mask (ties to the lowest index); -1 where none."""
    v = np.where(mask, values, -np.inf)
    idx = np.argmax(v, axis=-1)
    return np.where(mask.any(axis=-1), idx, -1)


def _others(view: View, i: int) -> np.ndarray:
    n = view.same_bloc.shape[0]
    m = np.ones(n, dtype=bool)
    m[i] = False
    return np.broadcast_to(m, view.H[:, i].shape)


def _rivals(view: View, i: int) -> np.ndarray:
    others = _others(view, i)
    rivals = others & ~view.same_bloc[i]
    return np.where(rivals.any(axis=-1, keepdims=True), rivals, others)


def _partners(view: View, i: int) -> np.ndarray:
    return _others(view, i) & view.same_bloc[i]


def _most_tense(view: View, i: int, mask=None) -> np.ndarray:
    mask = _others(view, i) if mask is None else mask
    # tension first, distrust to break ties, so a calm start still picks a sensible partner
    score = view.H[:, i] + 0.01 * (1.0 - view.trust[:, i])
    return _argmax_masked(score, mask)


def _dialogue_rotation(view: View, i: int) -> tuple[np.ndarray, np.ndarray]:
    b = view.H.shape[0]
    partner = _most_tense(view, i)
    phase = (view.turn + i) % 3
    action = np.full(b, [A.SUMMIT, A.FORUM, A.TRADE][phase], dtype=np.int8)
    target = np.where(action == A.FORUM, -1, partner)
    return action, target


class Doctrine:
    name: ClassVar[str]
    description: ClassVar[str]
    stochastic: ClassVar[bool] = False
    memory_depth: ClassVar[float] = 1
    tags: ClassVar[frozenset] = frozenset()

    def decide(self, view: View, i: int) -> tuple[np.ndarray, np.ndarray]:
        """Actions and targets (each of shape (B,)) for actor i in every game."""
        raise NotImplementedError


class Deterrence(Doctrine):
    name = "deterrence"
    description = "Collective defence: arm and ally when threatened, pressure the other bloc, never concede first."
    memory_depth = 1
    tags = frozenset({"deterrence"})

    def decide(self, view, i):
        b = view.H.shape[0]
        threats = view.against[:, i] & _rivals(view, i)
        threatened = threats.any(axis=-1)
        rival_max = np.where(_rivals(view, i), view.M, 0.0).max(axis=-1)
        partners = _partners(view, i)
        weak_tie = partners & (view.A[:, i] < 0.7)
        ally_target = _argmax_masked(view.M, weak_tie)
        pressure_target = _most_tense(view, i, _rivals(view, i))
        action = np.full(b, A.PRESSURE, dtype=np.int8)
        target = pressure_target.copy()
        # threatened: catch up in arms first, then bind allies closer
        arm = threatened & ((view.M[:, i] < 1.2 * rival_max) | (ally_target < 0))
        ally = threatened & ~arm & (ally_target >= 0)
        ally |= ~threatened & (ally_target >= 0) & (view.turn % 2 == 1)
        action[arm] = A.ARM
        target[arm] = -1
        action[ally & ~arm] = A.ALLY
        target[ally & ~arm] = ally_target[ally & ~arm]
        return action, target


class Dialogue(Doctrine):
    name = "dialogue"
    description = "The ASEAN way: summits, forums and trade; confidence-building when tension is high; never arms first."
    memory_depth = 0
    tags = frozenset({"dialogue"})

    def decide(self, view, i):
        action, target = _dialogue_rotation(view, i)
        partner = _most_tense(view, i)
        tense = view.H[:, i].max(axis=-1) > 0.45
        action = np.where(tense, A.CBM, action).astype(np.int8)
        target = np.where(tense, partner, target)
        return action, target


def _respond(view, i):
    """Tit-for-tat by family: whom to answer and how; (offended, action, target)."""
    offenders = view.against[:, i]
    offended = offenders.any(axis=-1)
    pressurers = view.pressured[:, i]
    hit = _most_tense(view, i, pressurers)
    action = np.where(hit >= 0, A.PRESSURE, A.ARM).astype(np.int8)
    target = np.where(hit >= 0, hit, -1)
    return offended, action, target


class Reciprocity(Doctrine):
    name = "reciprocity"
    description = "Tit-for-tat by family, partner by partner: starts with dialogue, answers deterrence with deterrence next turn."
    memory_depth = 1
    tags = frozenset({"reciprocal"})

    def decide(self, view, i):
        action, target = _dialogue_rotation(view, i)
        offended, r_action, r_target = _respond(view, i)
        return np.where(offended, r_action, action).astype(np.int8), np.where(offended, r_target, target)


class GenerousReciprocity(Doctrine):
    name = "generous-reciprocity"
    description = "Tit-for-tat that forgives a deterrence move with probability q (1/3): copes with noise and accidents."
    stochastic = True
    memory_depth = 1
    tags = frozenset({"reciprocal", "dialogue"})

    def __init__(self, forgiveness: float = 1.0 / 3.0):
        self.forgiveness = forgiveness

    def decide(self, view, i):
        action, target = _dialogue_rotation(view, i)
        offended, r_action, r_target = _respond(view, i)
        forgive = view.u1[:, i] < self.forgiveness
        offender = _most_tense(view, i, view.against[:, i])
        answer = offended & ~forgive
        mend = offended & forgive
        action = np.where(answer, r_action, np.where(mend, A.SUMMIT, action)).astype(np.int8)
        target = np.where(answer, r_target, np.where(mend, offender, target))
        return action, target


class Grit(Doctrine):
    name = "grit"
    description = "Osgood's GRIT: graduated unilateral reassurance (confidence-building, summits) that still answers pressure."
    memory_depth = 1
    tags = frozenset({"dialogue", "reciprocal"})

    def decide(self, view, i):
        b = view.H.shape[0]
        partner = _most_tense(view, i)
        action = np.full(b, A.CBM if view.turn % 2 == 1 else A.SUMMIT, dtype=np.int8)
        target = partner.copy()
        pressurer = _most_tense(view, i, view.pressured[:, i])
        hit = pressurer >= 0
        action[hit] = A.PRESSURE
        target[hit] = pressurer[hit]
        return action, target


class Opportunist(Doctrine):
    name = "opportunist"
    description = "Probes actors it believes weak or irresolute with pressure; trades with the rest; arms when threatened."
    memory_depth = 1
    tags = frozenset({"deterrence"})

    def decide(self, view, i):
        others = _others(view, i)
        weak = others & ((view.defence < 0.9 * view.M[:, i:i + 1]) | (view.Q < 0.35)) & ~view.same_bloc[i]
        # the weakest-looking one: lowest defence, so the highest "-defence"
        prey = _argmax_masked(-view.defence, weak)
        threatened = view.against[:, i].any(axis=-1)
        partner = _argmax_masked(view.X[:, i] + 0.01 * view.trust[:, i], others)
        action = np.where(prey >= 0, A.PRESSURE, np.where(threatened, A.ARM, A.TRADE)).astype(np.int8)
        target = np.where(prey >= 0, prey, np.where(threatened, -1, partner))
        return action, target


class Random(Doctrine):
    name = "random"
    description = "Picks any action and target at random: a baseline, not a policy."
    stochastic = True
    memory_depth = 0

    def decide(self, view, i):
        n = view.same_bloc.shape[0]
        action = np.minimum((view.u1[:, i] * 8).astype(np.int8), 7)
        pick = np.minimum((view.u2[:, i] * (n - 1)).astype(np.int64), n - 2)
        target = np.where(pick >= i, pick + 1, pick)
        target = np.where(np.isin(action, (A.FORUM, A.HOLD, A.ARM)), -1, target)
        return action, target


DOCTRINES: dict[str, type[Doctrine]] = {
    cls.name: cls for cls in (Deterrence, Dialogue, Reciprocity, GenerousReciprocity, Grit, Opportunist, Random)
}
HUMAN = "human"


def make(name: str) -> Doctrine:
    if name not in DOCTRINES:
        raise ValueError(f"unknown doctrine {name!r} (allowed: {', '.join(DOCTRINES)})")
    return DOCTRINES[name]()


def family_of(actions: np.ndarray) -> np.ndarray:
    return FAMILY[actions]


__all__ = ["DOCTRINES", "HUMAN", "Doctrine", "View", "make", "family_of", "Family"]
