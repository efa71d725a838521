"""Doctrines: AI policies. Each is a small class that decides for a set of actors at once,
across the whole batch: arrays are (B, K) for K actors, or (B, K, N) for their partners."""
from __future__ import annotations

import functools
from typing import ClassVar

import attrs
import numpy as np

from .fastops import any_last, argmax_masked, max_last, select, spread_cols
from .vocab import Action, Family

A = Action


@attrs.frozen(eq=False, slots=False)
class View:
    """What a doctrine may look at when it decides: public state, own beliefs, last moves.
    The derived masks are worked out on first use: not every doctrine needs them."""

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
    same_bloc: np.ndarray    # (N, N)
    u1: np.ndarray           # (B, N) the doctrine's own uniforms
    u2: np.ndarray           # (B, N)

    @functools.cached_property
    def _at_me(self) -> np.ndarray:
        """(B, N, N) [b, i, j]: j's last move was aimed at i."""
        return spread_cols(self.last_target) == _row_index(self.same_bloc.shape[0])

    @functools.cached_property
    def against(self) -> np.ndarray:
        """(B, N, N) [b, i, j]: j's last move was deterrence aimed at i (or, from another bloc, at anyone)."""
        n = self.same_bloc.shape[0]
        la, lt = self.last_action, self.last_target
        # (B, N): a deterrence move; as bytes, "none yet" (-1) reads 255
        deterred = np.asarray(la, dtype=np.int8).view(np.uint8) <= Action.PRESSURE
        at_me = self._at_me
        # at me, unless it binds me as an ally; untargeted (arming), at anyone; from another bloc, at anyone
        mine = spread_cols(deterred & (la != Action.ALLY)) & at_me
        anyone = spread_cols(deterred & (lt < 0))
        other_bloc = spread_cols(deterred) & ~at_me
        other_bloc &= ~self.same_bloc
        hit = mine | anyone | other_bloc
        hit &= _off_diagonal(n)
        return hit

    @functools.cached_property
    def pressured(self) -> np.ndarray:
        """(B, N, N) [b, i, j]: j pressured i last turn."""
        return spread_cols(self.last_action == Action.PRESSURE) & self._at_me

    @functools.cached_property
    def tense(self) -> np.ndarray:
        """Whom each actor worries about most: tension first, distrust to break ties."""
        t = 1.0 - self.trust
        t *= 0.01
        return np.add(self.H, t, out=t)


@functools.lru_cache(maxsize=None)
def _row_index(n: int) -> np.ndarray:
    """[i, j] = i, as int8."""
    return np.arange(n, dtype=np.int8)[:, None].repeat(n, axis=1)


@functools.lru_cache(maxsize=None)
def _off_diagonal(n: int) -> np.ndarray:
    return ~np.eye(n, dtype=bool)


_SEAT_MASKS: dict = {}


def _seat_masks(same_bloc: np.ndarray, actors: np.ndarray, b: int):
    """(others, rivals, partners) as (B, K, N) views of (K, N) masks, and whether the seats are
    every actor in order: the same each turn for a batch of a given size, so kept."""
    key = (same_bloc.tobytes(), same_bloc.shape[0], actors.tobytes(), b)
    masks = _SEAT_MASKS.get(key)
    if masks is None:
        if len(_SEAT_MASKS) > 256:
            _SEAT_MASKS.clear()
        n, k = same_bloc.shape[0], len(actors)
        off = _off_diagonal(n)[actors]                               # (K, N)
        bloc = same_bloc[actors]
        rivals = off & ~bloc
        rivals = np.where(rivals.any(axis=-1, keepdims=True), rivals, off)  # (K, N): small
        masks = tuple(np.broadcast_to(m, (b, k, n)) for m in (off, rivals, off & bloc)) + (
            k == n and bool((actors == np.arange(n)).all()),)
        _SEAT_MASKS[key] = masks
    return masks


class Seats:
    """The actors one doctrine decides for, with their masks over partners."""

    def __init__(self, view: View, actors: np.ndarray):
        self.view = view
        self.actors = actors
        self.b = view.H.shape[0]
        self.k = len(actors)
        self.others, self.rivals, self.partners, self.all_seats = _seat_masks(view.same_bloc, actors, self.b)
        self.tense = self.rows(view.tense)
        self.turn_phase = (view.turn + actors) % 3                 # (K,)

    def rows(self, a: np.ndarray) -> np.ndarray:
        return a if self.all_seats else a[:, self.actors]

    def most_tense(self, mask=None) -> np.ndarray:
        return argmax_masked(self.tense, self.others if mask is None else mask)

    def full(self, action) -> np.ndarray:
        return np.full((self.b, self.k), action, dtype=np.int8)

    def dialogue_rotation(self) -> tuple[np.ndarray, np.ndarray]:
        """Summit, forum and trade in turn, with the partner it worries about most."""
        partner = self.most_tense()
        action = np.broadcast_to(np.array([A.SUMMIT, A.FORUM, A.TRADE], dtype=np.int8)[self.turn_phase],
                                 (self.b, self.k)).copy()
        target = select(action == A.FORUM, -1, partner, np.int64)
        return action, target

    def respond(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Tit-for-tat by family: (offended, answer, target) — pressure the one who pressured,
        else arm against the ones who armed or allied against us."""
        offended = any_last(self.rows(self.view.against))
        hit = self.most_tense(self.rows(self.view.pressured))
        action = select(hit >= 0, A.PRESSURE, A.ARM, np.int8)
        return offended, action, hit


class Doctrine:
    name: ClassVar[str]
    description: ClassVar[str]
    stochastic: ClassVar[bool] = False
    memory_depth: ClassVar[float] = 1
    tags: ClassVar[frozenset] = frozenset()

    def decide(self, view: View, actors) -> tuple[np.ndarray, np.ndarray]:
        """Actions and targets, each (B, K), for the given actor indices in every game."""
        seats = Seats(view, np.atleast_1d(np.asarray(actors, dtype=np.intp)))
        return self.choose(seats)

    def choose(self, s: Seats) -> tuple[np.ndarray, np.ndarray]:
        raise NotImplementedError


class Deterrence(Doctrine):
    name = "deterrence"
    description = "Collective defence: arm and ally when threatened, pressure the other bloc, never concede first."
    tags = frozenset({"deterrence"})

    def choose(self, s):
        v = s.view
        threatened = any_last(s.rows(v.against) & s.rivals)
        rival_max = max_last(s.rivals * v.M[:, None, :])
        own = s.rows(v.M)
        weak_tie = s.partners & (s.rows(v.A) < 0.7)
        ally_target = argmax_masked(np.broadcast_to(v.M[:, None, :], weak_tie.shape), weak_tie)
        action = s.full(A.PRESSURE)
        target = s.most_tense(s.rivals)
        # threatened: catch up in arms first, then bind allies closer; calm: alternate
        # pressure on the other bloc with alliance work
        arm = threatened & ((own < 1.2 * rival_max) | (ally_target < 0))
        ally = (ally_target >= 0) & ~arm & (threatened | (v.turn % 2 == 1))
        action[arm] = A.ARM
        target[arm] = -1
        action[ally] = A.ALLY
        target[ally] = ally_target[ally]
        return action, target


class Dialogue(Doctrine):
    name = "dialogue"
    description = "The ASEAN way: summits, forums and trade; confidence-building when tension is high; never arms first."
    memory_depth = 0
    tags = frozenset({"dialogue"})

    def choose(self, s):
        action, target = s.dialogue_rotation()
        partner = s.most_tense()
        tense = max_last(s.rows(s.view.H)) > 0.45
        action[tense] = A.CBM
        target = select(tense, partner, target, np.int64)
        return action, target


class Reciprocity(Doctrine):
    name = "reciprocity"
    description = "Tit-for-tat by family, partner by partner: opens with dialogue, answers deterrence with deterrence next turn."
    tags = frozenset({"reciprocal"})

    def choose(self, s):
        action, target = s.dialogue_rotation()
        offended, r_action, r_target = s.respond()
        return select(offended, r_action, action, np.int8), select(offended, r_target, target, np.int64)


class GenerousReciprocity(Doctrine):
    name = "generous-reciprocity"
    description = "Tit-for-tat that forgives a deterrence move with probability 1/3: copes with noise and accidents."
    stochastic = True
    tags = frozenset({"reciprocal", "dialogue"})

    def __init__(self, forgiveness: float = 1.0 / 3.0):
        self.forgiveness = forgiveness

    def choose(self, s):
        action, target = s.dialogue_rotation()
        offended, r_action, r_target = s.respond()
        forgive = s.rows(s.view.u1) < self.forgiveness
        offender = s.most_tense(s.rows(s.view.against))
        answer = offended & ~forgive
        mend = offended & forgive
        action = select(answer, r_action, select(mend, A.SUMMIT, action, np.int8), np.int8)
        target = select(answer, r_target, select(mend, offender, target, np.int64), np.int64)
        return action, target


class Grit(Doctrine):
    name = "grit"
    description = "Osgood's GRIT: graduated unilateral reassurance (confidence-building, summits) that still answers pressure."
    tags = frozenset({"dialogue", "reciprocal"})

    def choose(self, s):
        action = s.full(A.CBM if s.view.turn % 2 == 1 else A.SUMMIT)
        target = s.most_tense()
        pressurer = s.most_tense(s.rows(s.view.pressured))
        hit = pressurer >= 0
        action[hit] = A.PRESSURE
        target[hit] = pressurer[hit]
        return action, target


class Opportunist(Doctrine):
    name = "opportunist"
    description = "Probes actors it believes weak or irresolute with pressure; trades with the rest; arms when threatened."
    tags = frozenset({"deterrence"})

    def choose(self, s):
        v = s.view
        own = s.rows(v.M)[:, :, None]
        weak = s.rivals & ((v.defence[:, None, :] < 0.9 * own) | (v.Q[:, None, :] < 0.35))
        # the weakest-looking one: the lowest defence
        prey = argmax_masked(np.broadcast_to(-v.defence[:, None, :], weak.shape), weak)
        threatened = any_last(s.rows(v.against))
        partner = argmax_masked(s.rows(v.X) + 0.01 * s.rows(v.trust), s.others)
        action = select(prey >= 0, A.PRESSURE, select(threatened, A.ARM, A.TRADE, np.int8), np.int8)
        target = select(prey >= 0, prey, select(threatened, -1, partner, np.int64), np.int64)
        return action, target


class Random(Doctrine):
    name = "random"
    description = "Picks any action and target at random: a baseline, not a policy."
    stochastic = True
    memory_depth = 0

    def choose(self, s):
        n = s.view.same_bloc.shape[0]
        action = np.minimum((s.rows(s.view.u1) * 8).astype(np.int8), 7)
        pick = np.minimum((s.rows(s.view.u2) * (n - 1)).astype(np.int64), n - 2)
        target = np.where(pick >= s.actors[None, :], pick + 1, pick)
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


__all__ = ["DOCTRINES", "HUMAN", "Doctrine", "View", "make", "Family"]
