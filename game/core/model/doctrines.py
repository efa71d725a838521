"""Doctrines: AI policies. Each is a small class that decides for a set of actors at once,
across the whole batch: arrays are (B, K) for K actors, or (B, K, N) for their partners.

A doctrine is played by its actor according to its type (docs/MODEL.md §7.14): the doctrine
gives the style (which moves, toward whom), the type what the actor wants. A greedy actor
challenges where it expects to win (rules/challenge.py, a step of the turn of its own) and
exploits a concession made to it where a security-seeker would take it; a security-seeker
challenges only from fear. In
a crisis both types weigh their odds, but only a greedy actor chooses war, and a security-seeker
strikes first only from fear. The fixed policies (`always-arm`, ...) ignore type: they are
experiments."""

from __future__ import annotations

import functools
from typing import ClassVar

import attrs
import numpy as np

from .constants import K
from .pairs import any_last, count_last, cumsum_last, first_best, max_last
from .rules.bargaining import Footing, preempts, stands_fast
from .rules.crises import Stakes
from .rules.in_force import InForce
from .rules.perception import talks
from .vocab import Action, Family, Stance

A = Action


@attrs.frozen(eq=False, slots=False)
class View:
    """What a doctrine may look at when it decides: public state, own beliefs, last moves.
    The derived masks are worked out on first use: not every doctrine needs them."""

    turn: int
    trust: np.ndarray  # (B, N, N)
    tension: np.ndarray  # (B, N, N)
    capability: np.ndarray  # (B, N)
    alliance: np.ndarray  # (B, N, N)
    ties: np.ndarray  # (B, N, N)
    resolve: np.ndarray  # (B, N)
    defence: np.ndarray  # (B, N) strength with allies, as a challenger would weigh it
    last_action: np.ndarray  # (B, N), -1 before the first turn
    last_target: np.ndarray  # (B, N)
    same_bloc: np.ndarray  # (N, N)
    start_capability: np.ndarray  # (N,)
    u1: np.ndarray  # (B, N) the doctrine's own uniforms
    u2: np.ndarray  # (B, N)
    greedy: np.ndarray = None  # (B, N) each actor's own type (a doctrine reads its seats' only)
    stakes: Stakes = None
    stake_rung: np.ndarray = None  # (B, S)
    credibility: np.ndarray = None  # (B, N, N)
    u_pair: np.ndarray = None  # (B, N, N) challenge draws
    params: InForce = None
    forum: np.ndarray = None  # (B,)
    types_differ: np.ndarray = None  # (B,) the types want different things (else they play alike)

    @functools.cached_property
    def _at_me(self) -> np.ndarray:
        """(B, N, N) [b, i, j]: j's last move was aimed at i."""
        n = self.same_bloc.shape[0]
        return self.last_target[:, None, :] == np.arange(n, dtype=self.last_target.dtype)[None, :, None]

    @functools.cached_property
    def against(self) -> np.ndarray:
        """(B, N, N) [b, i, j]: j's last move was a deterrence move aimed at i: pressure or a challenge
        at i, or arming where i is j's only rival (in a dyad arming can be aimed at no one else).
        Tit-for-tat answers what was done to it, partner by partner; in a region, arming aimed at
        nobody is not an offence to answer (third edition: it was, against the armer's gravest worry,
        which made one actor the answer to everyone's arming)."""
        n = self.same_bloc.shape[0]
        la = self.last_action
        aimed = (la == Action.PRESSURE) | (la == Action.CHALLENGE)
        rival = ~self.same_bloc
        rival = np.where(rival.any(axis=0, keepdims=True), rival, ~np.eye(n, dtype=bool))  # [i, j]: i is j's rival
        only_rival = rival & (rival.sum(axis=0, keepdims=True) == 1)
        armed_at_me = (la == Action.ARM)[:, None, :] & only_rival[None]
        return (aimed[:, None, :] & self._at_me) | armed_at_me

    @functools.cached_property
    def opened(self) -> np.ndarray:
        """(B, N, N) [b, i, j]: j made an opening to i last turn (a summit, CBM or trade aimed at i)."""
        return talks(self.last_action)[:, None, :] & self._at_me

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
        rivals = np.where(rivals.any(axis=-1, keepdims=True), rivals, others)  # no rival: everyone
        partners = others & view.same_bloc[actors]
        self.others, self.rivals, self.partners = (
            np.broadcast_to(m, (self.b, self.k, n)) for m in (others, rivals, partners)
        )
        self.tense = self.rows(view.tense)
        self.turn_phase = (view.turn + actors) % 4  # (K,)

    def rows(self, a: np.ndarray) -> np.ndarray:
        """The seats' rows of a (B, N, ...) array."""
        return a[:, self.actors]

    def most_tense(self, mask=None) -> np.ndarray:
        return first_best(self.tense, self.others if mask is None else mask)

    def full(self, action) -> np.ndarray:
        return np.full((self.b, self.k), action, dtype=np.int8)

    def most_needed(self, need=None) -> np.ndarray:
        """The partner a dialogue move goes to, drawn in proportion to need (by default its tension
        with each partner, distrust breaking ties), with the seat's second uniform: every tense pair
        draws its share of the talk, rather than the one most tense actor drawing all the region's dialogue."""
        v = self.view
        need = self.tense if need is None else need
        need = np.where(self.others, need, 0.0) + K.SMALLEST_WEIGHT * self.others
        total = cumsum_last(need)  # a running sum, the same in a batch as alone (a sum's order could differ)
        edge = total / total[..., -1:]
        pick = count_last(edge < self.rows(v.u2)[:, :, None]).astype(np.intp)
        return np.minimum(pick, edge.shape[-1] - 1)

    def dialogue_rotation(self) -> tuple[np.ndarray, np.ndarray]:
        """Summit, forum, trade and confidence-building in turn, with a partner drawn by need (most_needed)."""
        moves = np.array([A.SUMMIT, A.FORUM, A.TRADE, A.CBM], dtype=np.int8)[self.turn_phase]
        action = np.broadcast_to(moves, (self.b, self.k)).copy()
        return action, np.where(action == A.FORUM, -1, self.most_needed())

    def respond(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Tit-for-tat by family: (offended, answer, target) — pressure the one who pressured,
        else arm against the ones who armed or allied against us."""
        offended = any_last(self.rows(self.view.against))
        hit = self.most_tense(self.rows(self.view.pressured))
        action = np.where(hit >= 0, A.PRESSURE, A.ARM).astype(np.int8)
        return offended, action, hit


class Doctrine:
    """An AI policy; the first line of each doctrine's docstring names its source."""

    name: ClassVar[str]
    description: ClassVar[str]
    #: tags to list and filter the doctrines by, as the Axelrod library's strategies carry them:
    #: family (deterrence, dialogue or mixed), stochastic (draws its own uniforms to decide),
    #: reactive (answers what others did to it), memory_depth (turns of others' moves it reads),
    #: fixed (a fixed policy for experiments, blind to its type)
    classifier: ClassVar[dict] = {
        "family": "mixed",
        "stochastic": False,
        "reactive": True,
        "memory_depth": 1,
        "fixed": False,
    }
    plays_by_type: ClassVar[bool] = True  # False for the fixed policies
    boldness: ClassVar[float] = 0.0  # added to a greedy actor's challenge log-odds
    toughness: ClassVar[int] = 0  # in a crisis: -1 yields sooner, 1 stands firmer

    def decide(self, view: View, actors) -> tuple[np.ndarray, np.ndarray]:
        """Actions and targets, each (B, K), for the given actor indices in every game."""
        seats = Seats(view, np.atleast_1d(np.asarray(actors, dtype=np.intp)))
        action, target = self.choose(seats)
        action, target = np.asarray(action, dtype=np.int8), np.asarray(target, dtype=np.int64)
        if self.plays_by_type and view.greedy is not None and view.types_differ.any():
            action, target = self._answer_by_type(seats, action, target)
        return action, target

    def choose(self, s: Seats) -> tuple[np.ndarray, np.ndarray]:
        raise NotImplementedError

    def _answer_by_type(self, s: Seats, action, target):
        """The types differ less in what they do than in how they answer an opening (a rival's summit,
        CBM or trade aimed at them last turn; Jervis 1976, ch. 3): a greedy actor exploits it with chance
        GREEDY_EXPLOIT, pressuring the one who opened; otherwise a security-seeker reciprocates, aiming the
        summit, CBM or trade its doctrine calls for at it, while a greedy actor keeps its own target.
        Unprovoked, a greedy actor mimics (Kydd 2005), skipping only GREEDY_CBM_SKIP of the
        confidence-building its doctrine calls for (it arms instead). Its challenges by type are a rule
        of their own: rules/challenge.py."""
        v = s.view
        greedy = s.rows(v.greedy) & v.types_differ[:, None]
        u = s.rows(v.u2)
        conceder = s.most_tense(s.rows(v.opened) & s.rivals)
        exploit = greedy & (conceder >= 0) & (u < K.GREEDY_EXPLOIT)
        reciprocate = ~greedy & (conceder >= 0) & talks(action)
        skip = greedy & (action == A.CBM) & (u >= 1.0 - K.GREEDY_CBM_SKIP)
        action = np.where(exploit, A.PRESSURE, np.where(skip, A.ARM, action)).astype(np.int8)
        target = np.where(exploit | reciprocate, conceder, np.where(skip, -1, target))
        return action, target

    def stance(self, f: Footing, rung, greedy) -> np.ndarray:
        """(B,) stances of one party in one crisis, by its type, in the shadow of war (Fearon 1995).
        A greedy party chooses war only where it is worth more to it than the settlement
        (f.war_gain > 0: private information, or an irresolute-looking other that has not escalated);
        it is firm where it reckons itself stronger than the public odds say, by a margin its
        doctrine's toughness moves (STANCE_TOUGHNESS): firm below the brink, it escalates unless its
        doctrine is soft (a bluff, which audience costs punish); at the brink it stands firm and lets
        the other blink, and backs down where war is worth less to it than its face. A security-seeker
        answers an escalation in kind below the brink unless its doctrine is soft (Leng 1993), holds
        on below the brink where fear would make it strike at the brink, and otherwise settles, or
        stands firm in a tough doctrine with even odds; at the brink it strikes first only from fear
        (bargaining.preempts, a chance), backs down from a war it reckons lost (its own reckoning:
        Fearon 1994), stands firm where it is too afraid to concede (bargaining.stands_fast), and
        otherwise settles."""
        brink = rung == K.WAR_RUNG - 1
        firm = (f.sure - f.odds) + K.STANCE_TOUGHNESS * self.toughness > 0
        hold = np.where(firm, Stance.STAND_FIRM, Stance.SETTLE)
        push = np.where(firm & (self.toughness >= 0), Stance.ESCALATE, hold)
        greedy_brink = np.where(f.war_value < -f.face, Stance.BACK_DOWN, hold)
        greedy_stance = np.where(f.war_gain > 0, Stance.ESCALATE, np.where(brink, greedy_brink, push))
        tough = (self.toughness >= 1) & (f.odds >= K.STAND_FIRM_ODDS)
        afraid = preempts(f.fear, f.u)
        answer = f.provoked & (self.toughness >= 0) & ~afraid
        secure_below = np.where(answer, Stance.ESCALATE, np.where(afraid | tough, Stance.STAND_FIRM, Stance.SETTLE))
        secure_brink = np.where(
            afraid,
            Stance.ESCALATE,
            np.where(
                f.sure < K.BACK_DOWN_ODDS,
                Stance.BACK_DOWN,
                np.where(stands_fast(f.fear, f.u), Stance.STAND_FIRM, Stance.SETTLE),
            ),
        )
        secure_stance = np.where(brink, secure_brink, secure_below)
        return np.where(greedy, greedy_stance, secure_stance).astype(np.int8)

    def backs(self, credibility_now, u) -> np.ndarray:
        """(B,) whether an ally backs its partner: as often as its commitment is credible."""
        return u < credibility_now

    def of_games(self, keep) -> "Doctrine":
        return self  # the doctrine for some games: the same (plans.PlanMix holds a policy per game)


def put(action, target, where, move, aim) -> None:
    """Where `where` holds, the move becomes `move` aimed at `aim` (an array of targets, or -1 for none)."""
    action[where] = move
    target[where] = aim if np.isscalar(aim) else aim[where]


class Deterrence(Doctrine):
    """Schelling (1966), Arms and Influence; Jervis (1976)'s deterrence model: weakness invites aggression."""

    name = "deterrence"
    description = "Collective defence: arm and ally when threatened, pressure the other bloc, never concede first."
    classifier = dict(Doctrine.classifier, family="deterrence")
    toughness = 1
    CATCH_UP = 1.2  # arms until its capability is this many times its strongest rival's
    WEAK_TIE = 0.7  # an alliance below this strength is worth working on

    def choose(self, s):
        v = s.view
        threatened = any_last(s.rows(v.against) & s.rivals)
        rival_max = max_last(s.rivals * v.capability[:, None, :])
        own = s.rows(v.capability)
        weak_tie = s.partners & (s.rows(v.alliance) < self.WEAK_TIE)
        ally_target = first_best(np.broadcast_to(v.capability[:, None, :], weak_tie.shape), weak_tie)
        action = s.full(A.PRESSURE)
        target = s.most_tense(s.rivals)
        # threatened: catch up in arms first, then bind allies closer; calm: alternate
        # pressure on the other bloc with alliance work
        arm = threatened & ((own < self.CATCH_UP * rival_max) | (ally_target < 0))
        ally = (ally_target >= 0) & ~arm & (threatened | (v.turn % 2 == 1))
        put(action, target, arm, A.ARM, -1)
        put(action, target, ally, A.ALLY, ally_target)
        return action, target


class Dialogue(Doctrine):
    """Acharya (2001), Constructing a Security Community in Southeast Asia: the ASEAN way."""

    name = "dialogue"
    description = "The ASEAN way: summits, forums and trade; confidence-building when tense; never arms first."
    classifier = dict(Doctrine.classifier, family="dialogue", reactive=False, memory_depth=0)
    toughness = -1
    TENSE = 0.45  # above this tension with anyone, it pays for costly reassurance

    def choose(self, s):
        action, target = s.dialogue_rotation()
        partner = s.most_needed()
        tense = max_last(s.rows(s.view.tension)) > self.TENSE
        action[tense] = A.CBM
        target = np.where(tense, partner, target)
        return action, target


class Reciprocity(Doctrine):
    """Axelrod (1984), The Evolution of Cooperation: tit-for-tat."""

    name = "reciprocity"
    description = (
        "Tit-for-tat by family, partner by partner: opens with dialogue, answers deterrence with deterrence next turn."
    )

    def choose(self, s):
        action, target = s.dialogue_rotation()
        offended, r_action, r_target = s.respond()
        return np.where(offended, r_action, action).astype(np.int8), np.where(offended, r_target, target)


class GenerousReciprocity(Doctrine):
    """Nowak & Sigmund (1992), "Tit for tat in heterogeneous populations": generous tit-for-tat."""

    name = "generous-reciprocity"
    description = "Tit-for-tat that forgives a deterrence move with probability 1/3: copes with noise and accidents."
    classifier = dict(Doctrine.classifier, stochastic=True)

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
    """Osgood (1962), An Alternative to War or Surrender: GRIT."""

    name = "grit"
    description = (
        "Osgood's GRIT: graduated unilateral reassurance (a confidence-building step every third "
        "turn, summits between) that keeps the capacity to answer: it stops reassuring below "
        "KEEP of its starting strength, and answers pressure with pressure."
    )
    classifier = dict(Doctrine.classifier, family="dialogue")
    KEEP = 0.85  # share of its starting capability it keeps as the capacity to answer

    def choose(self, s):
        v = s.view
        strong_enough = s.rows(v.capability) >= self.KEEP * v.start_capability[s.actors][None, :]
        reassure = ((v.turn + s.actors) % 3 == 1)[None, :] & strong_enough
        action = np.where(reassure, A.CBM, A.SUMMIT).astype(np.int8)
        target = s.most_needed()
        pressurer = s.most_tense(s.rows(s.view.pressured))
        hit = pressurer >= 0
        put(action, target, hit, A.PRESSURE, pressurer)
        return action, target


class Opportunist(Doctrine):
    """Glaser (1997)'s greedy state; Fearon (1995), "Rationalist explanations for war": probes for weakness."""

    name = "opportunist"
    description = (
        "Probes actors it believes weak or irresolute with pressure; trades with the rest; arms when threatened."
    )
    classifier = dict(Doctrine.classifier, family="deterrence")
    boldness, toughness = 1.0, 1
    WEAK = 0.9  # prey: a rival whose defence is below this share of its own capability
    IRRESOLUTE = 0.35  # or whose resolve image is below this

    def choose(self, s):
        v = s.view
        own = s.rows(v.capability)[:, :, None]
        weak = s.rivals & ((v.defence[:, None, :] < self.WEAK * own) | (v.resolve[:, None, :] < self.IRRESOLUTE))
        # the weakest-looking one: the lowest defence
        prey = first_best(np.broadcast_to(-v.defence[:, None, :], weak.shape), weak)
        threatened = any_last(s.rows(v.against))
        partner = s.most_needed(s.rows(v.ties * v.trust))  # trade drawn in proportion to ties it trusts
        action = np.where(prey >= 0, A.PRESSURE, np.where(threatened, A.ARM, A.TRADE)).astype(np.int8)
        target = np.where(prey >= 0, prey, np.where(threatened, -1, partner))
        return action, target


class Random(Doctrine):
    """A baseline, from no literature: what doctrines are measured against."""

    name = "random"
    description = (
        "Picks any regular action and target at random (its type still decides challenges): a baseline, not a policy."
    )
    classifier = dict(Doctrine.classifier, stochastic=True, reactive=False, memory_depth=0)

    def choose(self, s):
        n = s.view.same_bloc.shape[0]
        regular = len(Action) - 1  # every action but CHALLENGE, which its type decides
        action = np.minimum((s.rows(s.view.u1) * regular).astype(np.int8), regular - 1)
        pick = np.minimum((s.rows(s.view.u2) * (n - 1)).astype(np.int64), n - 2)
        target = np.where(pick >= s.actors[None, :], pick + 1, pick)
        target = np.where(np.isin(action, (A.FORUM, A.HOLD, A.ARM)), -1, target)
        return action, target


class Always(Doctrine):
    """A fixed policy for experiments and class questions, from no literature.

    The same action every turn, whatever the actor's type; in a crisis it stands firm. Targets
    are chosen sensibly: the partner it worries about most for talk and pressure, its closest
    partner outside any rivalry for an alliance, the other party of its most valuable open stake
    for a challenge."""

    action: ClassVar[Action]
    plays_by_type = False

    def choose(self, s):
        a = self.action
        target = np.full((s.b, s.k), -1, dtype=np.int64)
        if a in (A.PRESSURE,):
            target = s.most_tense(s.rivals)
        elif a in (A.SUMMIT, A.CBM, A.TRADE):
            target = s.most_tense()
        elif a == A.ALLY:
            target = first_best(s.rows(s.view.alliance), s.partners)
        elif a == A.CHALLENGE:
            for col, i in enumerate(s.actors):
                target[:, col] = _open_stake_target(s.view, int(i))
        return s.full(a), target

    def stance(self, f, rung, greedy):
        return np.full(np.shape(rung), Stance.STAND_FIRM, dtype=np.int8)


def _open_stake_target(v: View, i: int) -> np.ndarray:
    """(B,) the other party of i's most valuable stake with no open crisis, -1 if none."""
    b = v.trust.shape[0]
    target = np.full(b, -1)
    if v.stakes is None:
        return target
    for s in sorted(range(v.stakes.count), key=lambda s: v.stakes.value[s]):  # the most valuable last: it wins
        if i in v.stakes.party[s]:
            j = int(v.stakes.party[s][v.stakes.party[s] != i][0])
            target = np.where(v.stake_rung[:, s] == 0, j, target)
    return target


def _always(action: Action) -> type[Doctrine]:
    label = action.name.lower()
    family = "deterrence" if action.family == Family.DETERRENCE else "dialogue"
    return type(
        f"Always{action.name.title()}",
        (Always,),
        {
            "name": f"always-{label}",
            "action": action,
            "__doc__": Always.__doc__,
            "classifier": dict(Doctrine.classifier, family=family, reactive=False, memory_depth=0, fixed=True),
            "description": f"A fixed policy for experiments: {action.label} every turn, whatever its type; "
            "stands firm in a crisis.",
        },
    )


ALWAYS = tuple(_always(a) for a in Action)


DOCTRINES: dict[str, type[Doctrine]] = {
    cls.name: cls
    for cls in (Deterrence, Dialogue, Reciprocity, GenerousReciprocity, Grit, Opportunist, Random, *ALWAYS)
}
#: the doctrines proper, without the fixed policies
PLAYING_DOCTRINES = tuple(name for name, cls in DOCTRINES.items() if cls.plays_by_type)
HUMAN = "human"


def source(cls: type[Doctrine]) -> str:
    """The doctrine's source in the literature: the first line of its docstring."""
    return cls.__doc__.strip().splitlines()[0]


def filtered(tags: dict[str, str]) -> list[type[Doctrine]]:
    """The doctrines whose classifier holds every KEY=VALUE of tags (values compared as text,
    true/false for yes/no), as Axelrod's filtered_strategies does."""
    unknown = sorted(set(tags) - set(Doctrine.classifier))
    if unknown:
        raise ValueError(f"unknown tag {unknown[0]!r} (allowed: {', '.join(Doctrine.classifier)})")
    return [
        cls
        for cls in DOCTRINES.values()
        if all(str(cls.classifier[key]).lower() == str(value).lower() for key, value in tags.items())
    ]


def make(name: str) -> Doctrine:
    if name not in DOCTRINES:
        raise ValueError(f"unknown doctrine {name!r} (allowed: {', '.join(DOCTRINES)})")
    return DOCTRINES[name]()


__all__ = ["DOCTRINES", "HUMAN", "Doctrine", "View", "make", "Family"]
