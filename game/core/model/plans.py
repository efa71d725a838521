"""Plans: a seat's whole way of playing, for experiments and the tournament. A plan is a move
policy (a doctrine), a stance policy in the seat's crises and a backing policy toward its allies
in theirs. `own` keeps the doctrine's own choice, so the plan `deterrence+own+own` is the
doctrine `deterrence` itself.

A plan is named MOVE+STANCE+BACKING (e.g. `always-trade+settle+never`); it stands wherever a
doctrine's name does in the engine, so a batch with plans stays one vectorised batch."""

from __future__ import annotations

import copy

import functools

import numpy as np

from .doctrines import DOCTRINES, HUMAN, Doctrine, make as make_doctrine
from .vocab import Stance

OWN = "own"
#: stance policies: a fixed stance in every crisis of the seat, or the doctrine's own
STANCES = {
    "firm": Stance.STAND_FIRM,
    "settle": Stance.SETTLE,
    "escalate": Stance.ESCALATE,
    "back-down": Stance.BACK_DOWN,
    OWN: None,
}
#: backing policies: always back an ally in its crisis, never, or as the doctrine would
BACKINGS = ("always", "never", OWN)
JOIN = "+"


def plan_name(move: str, stance: str = OWN, backing: str = OWN) -> str:
    """The name of a plan; a plan that keeps its doctrine's stances and backing is the doctrine's name."""
    return move if stance == OWN and backing == OWN else JOIN.join((move, stance, backing))


def parts(name: str) -> tuple[str, str, str]:
    """(move, stance, backing) of a plan or doctrine name; ValueError naming what is allowed."""
    bits = name.split(JOIN)
    if len(bits) == 1:
        bits = [name, OWN, OWN]
    if len(bits) != 3:
        raise ValueError(f"a plan is MOVE{JOIN}STANCE{JOIN}BACKING, got {name!r}")
    move, stance, backing = bits
    if move not in DOCTRINES:
        raise ValueError(f"unknown doctrine {move!r} (allowed: {', '.join(DOCTRINES)})")
    if stance not in STANCES:
        raise ValueError(f"unknown stance policy {stance!r} (allowed: {', '.join(STANCES)})")
    if backing not in BACKINGS:
        raise ValueError(f"unknown backing policy {backing!r} (allowed: {', '.join(BACKINGS)})")
    return move, stance, backing


def is_plan(name: str) -> bool:
    """The name is a doctrine or a plan."""
    try:
        parts(name)
    except ValueError:
        return False
    return True


@functools.lru_cache(maxsize=None)
def _doctrine(move: str) -> Doctrine:
    # doctrines hold no state: one object per name serves every seat and engine
    return make_doctrine(move)


class Plan(Doctrine):
    """A doctrine's moves with a stance policy and a backing policy of the plan's own.

    Its attributes are names only, so seats with the same plan decide together (rules/choice.py
    groups seats by a doctrine's type and attributes)."""

    name = "plan"
    description = "A doctrine's moves, with stances and backing fixed by the plan."

    def __init__(self, move: str, stance: str, backing: str):
        self.move, self.stance_policy, self.backing_policy = move, stance, backing

    @property
    def doctrine(self) -> Doctrine:
        return _doctrine(self.move)

    plays_by_type = property(lambda self: self.doctrine.plays_by_type)
    boldness = property(lambda self: self.doctrine.boldness)
    toughness = property(lambda self: self.doctrine.toughness)
    classifier = property(lambda self: self.doctrine.classifier)

    def decide(self, view, actors):
        return self.doctrine.decide(view, actors)

    def stance(self, f, rung, greedy) -> np.ndarray:
        """The plan's stance in every crisis of the seat, or the doctrine's own."""
        fixed = STANCES[self.stance_policy]
        if fixed is None:
            return self.doctrine.stance(f, rung, greedy)
        return np.full(np.shape(rung), fixed, dtype=np.int8)

    def backs(self, credibility_now, u) -> np.ndarray:
        """Always back, never back, or as the doctrine would (the same draw either way)."""
        if self.backing_policy == OWN:
            return self.doctrine.backs(credibility_now, u)
        return np.full(np.shape(u), self.backing_policy == "always", dtype=bool)


def make(name: str) -> Doctrine:
    """The doctrine or plan of this name (a plan with both policies `own` is its doctrine)."""
    move, stance, backing = parts(name)
    if stance == OWN and backing == OWN:
        return make_doctrine(move)
    return Plan(move, stance, backing)


def with_policies(doctrines: list[str], stance: dict[int, str], backing: dict[int, str]) -> list[str]:
    """Each seat's plan: its doctrine (or plan) with the stance and backing policies given for it."""
    out = []
    for i, name in enumerate(doctrines):
        if name == HUMAN:
            out.append(name)
            continue
        move, s, b = parts(name)
        out.append(plan_name(move, stance.get(i, s), backing.get(i, b)))
    return out


class PlanMix(Doctrine):
    """Plans that share one move doctrine, side by side in one batch: game g of the batch plays
    stance policy stances[g] and backing policy backings[g] (a tournament plays every plan of a
    seat on the same seeds at once). Policies are kept as bytes, so seats still group by value."""

    name = "plan-mix"
    description = "A doctrine's moves, with a stance and a backing policy per game."

    def __init__(self, move: str, stances, backings):
        self.move = move
        self.stance_codes = bytes(list(STANCES).index(s) for s in stances)
        self.backing_codes = bytes(BACKINGS.index(b) for b in backings)

    doctrine = Plan.doctrine
    plays_by_type, boldness, toughness, classifier = Plan.plays_by_type, Plan.boldness, Plan.toughness, Plan.classifier
    decide = Plan.decide

    def of_games(self, keep) -> "PlanMix":
        """The plans of the games in keep only."""
        mix = copy.copy(self)
        mix.stance_codes = bytes(np.frombuffer(self.stance_codes, dtype=np.uint8)[keep])
        mix.backing_codes = bytes(np.frombuffer(self.backing_codes, dtype=np.uint8)[keep])
        return mix

    def stance(self, f, rung, greedy) -> np.ndarray:
        """Each game's plan's stance, the doctrine's own where its policy is `own`."""
        code = np.frombuffer(self.stance_codes, dtype=np.uint8)
        fixed = np.array([STANCES[s] if STANCES[s] is not None else -1 for s in STANCES], dtype=np.int8)[code]
        own = self.doctrine.stance(f, rung, greedy)
        return np.where(fixed >= 0, fixed, own).astype(np.int8)

    def backs(self, credibility_now, u) -> np.ndarray:
        code = np.frombuffer(self.backing_codes, dtype=np.uint8)
        own = self.doctrine.backs(credibility_now, u)
        return np.where(code == BACKINGS.index(OWN), own, code == BACKINGS.index("always"))
