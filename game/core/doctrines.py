"""Doctrines: AI policies. Each is a small class that decides for a set of actors at once,
across the whole batch: arrays are (B, K) for K actors, or (B, K, N) for their partners."""
from __future__ import annotations

import functools
from typing import ClassVar

import attrs
import numpy as np

from .pairs import first_best
from .vocab import Action, Family

A = Action


@attrs.frozen(eq=False, slots=False)
class View:
    """What a doctrine may look at when it decides: public state, own beliefs, last moves.
    The derived masks are worked out on first use: not every doctrine needs them."""

    turn: int
    trust: np.ndarray        # (B, N, N)
    tension: np.ndarray      # (B, N, N)
    capability: np.ndarray   # (B, N)
    alliance: np.ndarray     # (B, N, N)
    ties: np.ndarray         # (B, N, N)
    resolve: np.ndarray      # (B, N)
    defence: np.ndarray      # (B, N) strength with allies, as a challenger would weigh it
    last_action: np.ndarray  # (B, N), -1 before the first turn
    last_target: np.ndarray  # (B, N)
    same_bloc: np.ndarray    # (N, N)
    u1: np.ndarray           # (B, N) the doctrine's own uniforms
    u2: np.ndarray           # (B, N)

    @functools.cached_property
    def _at_me(self) -> np.ndarray:
        """(B, N, N) [b, i, j]: j's last move was aimed at i."""
        n = self.same_bloc.shape[0]
        return self.last_target[:, None, :] == np.arange(n)[None, :, None]

    @functools.cached_property
    def against(self) -> np.ndarray:
        """(B, N, N) [b, i, j]: j's last move was deterrence aimed at i, untargeted (arming), or
        from another bloc at anyone; an alliance move aimed at i binds i as an ally and is not against it."""
        n = self.same_bloc.shape[0]
        la, lt = self.last_action, self.last_target
        deterred = (la >= 0) & (la <= Action.PRESSURE)                 # (B, N); -1: no move yet
        at_me = self._at_me
        mine = (deterred & (la != Action.ALLY))[:, None, :] & at_me
        anyone = (deterred & (lt < 0))[:, None, :]
        other_bloc = deterred[:, None, :] & ~at_me & ~self.same_bloc[None]
        return (mine | anyone | other_bloc) & ~np.eye(n, dtype=bool)

    @functools.cached_property
    def pressured(self) -> np.ndarray:
        """(B, N, N) [b, i, j]: j pressured i last turn."""
        return (self.last_action == Action.PRESSURE)[:, None, :] & self._at_me

    @functools.cached_property
    def tense(self) -> np.ndarray:
        """Whom each actor worries about most: tension first, distrust to break ties."""
        return self.tension + (1.0 - self.trust) * 0.01


class Seats:
    """The actors one doctrine decides for, with their masks over partners (B, K, N)."""

    def __init__(self, view: View, actors: np.ndarray):
        self.view = view
        self.actors = actors
        self.b = view.tension.shape[0]
        self.k = len(actors)
        n = view.same_bloc.shape[0]
        others = ~np.eye(n, dtype=bool)[actors]
        rivals = others & ~view.same_bloc[actors]
        rivals = np.where(rivals.any(axis=-1, keepdims=True), rivals, others)   # no rival: everyone
        partners = others & view.same_bloc[actors]
        self.others, self.rivals, self.partners = (np.broadcast_to(m, (self.b, self.k, n))
                                                   for m in (others, rivals, partners))
        self.tense = self.rows(view.tense)
        self.turn_phase = (view.turn + actors) % 3                 # (K,)

    def rows(self, a: np.ndarray) -> np.ndarray:
        """The seats' rows of a (B, N, ...) array."""
        return a[:, self.actors]

    def most_tense(self, mask=None) -> np.ndarray:
        return first_best(self.tense, self.others if mask is None else mask)

    def full(self, action) -> np.ndarray:
        return np.full((self.b, self.k), action, dtype=np.int8)

    def dialogue_rotation(self) -> tuple[np.ndarray, np.ndarray]:
        """Summit, forum and trade in turn, with the partner it worries about most."""
        partner = self.most_tense()
        action = np.broadcast_to(np.array([A.SUMMIT, A.FORUM, A.TRADE], dtype=np.int8)[self.turn_phase],
                                 (self.b, self.k)).copy()
        target = np.where(action == A.FORUM, -1, partner)
        return action, target

    def respond(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Tit-for-tat by family: (offended, answer, target) — pressure the one who pressured,
        else arm against the ones who armed or allied against us."""
        offended = self.rows(self.view.against).any(axis=-1)
        hit = self.most_tense(self.rows(self.view.pressured))
        action = np.where(hit >= 0, A.PRESSURE, A.ARM).astype(np.int8)
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
    CATCH_UP = 1.2    # arms until its capability is this many times its strongest rival's
    WEAK_TIE = 0.7    # an alliance below this strength is worth working on

    def choose(self, s):
        v = s.view
        threatened = (s.rows(v.against) & s.rivals).any(axis=-1)
        rival_max = (s.rivals * v.capability[:, None, :]).max(axis=-1)
        own = s.rows(v.capability)
        weak_tie = s.partners & (s.rows(v.alliance) < self.WEAK_TIE)
        ally_target = first_best(np.broadcast_to(v.capability[:, None, :], weak_tie.shape), weak_tie)
        action = s.full(A.PRESSURE)
        target = s.most_tense(s.rivals)
        # threatened: catch up in arms first, then bind allies closer; calm: alternate
        # pressure on the other bloc with alliance work
        arm = threatened & ((own < self.CATCH_UP * rival_max) | (ally_target < 0))
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
    TENSE = 0.45   # above this tension with anyone, it pays for costly reassurance

    def choose(self, s):
        action, target = s.dialogue_rotation()
        partner = s.most_tense()
        tense = s.rows(s.view.tension).max(axis=-1) > self.TENSE
        action[tense] = A.CBM
        target = np.where(tense, partner, target)
        return action, target


class Reciprocity(Doctrine):
    name = "reciprocity"
    description = "Tit-for-tat by family, partner by partner: opens with dialogue, answers deterrence with deterrence next turn."
    tags = frozenset({"reciprocal"})

    def choose(self, s):
        action, target = s.dialogue_rotation()
        offended, r_action, r_target = s.respond()
        return np.where(offended, r_action, action).astype(np.int8), np.where(offended, r_target, target)


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
        action = np.where(answer, r_action, np.where(mend, A.SUMMIT, action)).astype(np.int8)
        target = np.where(answer, r_target, np.where(mend, offender, target))
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
    WEAK = 0.9         # prey: a rival whose defence is below this share of its own capability
    IRRESOLUTE = 0.35  # or whose resolve image is below this

    def choose(self, s):
        v = s.view
        own = s.rows(v.capability)[:, :, None]
        weak = s.rivals & ((v.defence[:, None, :] < self.WEAK * own) | (v.resolve[:, None, :] < self.IRRESOLUTE))
        # the weakest-looking one: the lowest defence
        prey = first_best(np.broadcast_to(-v.defence[:, None, :], weak.shape), weak)
        threatened = s.rows(v.against).any(axis=-1)
        partner = first_best(s.rows(v.ties) + 0.01 * s.rows(v.trust), s.others)   # ties first, trust breaks ties
        action = np.where(prey >= 0, A.PRESSURE, np.where(threatened, A.ARM, A.TRADE)).astype(np.int8)
        target = np.where(prey >= 0, prey, np.where(threatened, -1, partner))
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
