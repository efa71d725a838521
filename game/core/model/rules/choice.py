"""Rule 2, the choice: every actor picks a move at once (an AI actor's challenge by type is
rules/challenge.py), and a stance in each crisis it is a party to; allies of a party choose to
back it or stay out. Action noise may flip a move (docs/MODEL.md §7.2)."""

from __future__ import annotations

import attrs
import numpy as np

from ..vocab import Action, Stance, family_of, targeted
from .bargaining import Footing, reckoning, war_cost
from .challenge import fear
from .moves import Moves
from .crises import FIRST, OUT, SECOND, Stakes, is_open, may_back
from .war import crisis_odds, odds_with_real_backing


def rivals(stakes: Stakes, blocs: list[str]) -> np.ndarray:
    """(N, N): pairs that are rivals: they share a stake, or belong to two different treaty blocs.
    An alliance is refused with a rival."""
    n = len(blocs)
    aligned = np.array([b != "non-aligned" for b in blocs])
    rival = (np.array(blocs)[:, None] != np.array(blocs)[None, :]) & aligned[:, None] & aligned[None, :]
    for s in range(stakes.count):
        i, j = stakes.party[s]
        rival[i, j] = rival[j, i] = True
    return rival & ~np.eye(n, dtype=bool)


def refusal(action, target, stakes: Stakes, stake_rung, rival) -> np.ndarray:
    """(B, N) why a chosen move cannot be made ('' where it can): a targeted move with no valid
    target, an alliance with a rival, a challenge with no open stake against the target."""
    b, n = action.shape
    why = np.full((b, n), "", dtype=object)
    no_target = targeted(action) & ((target < 0) | (target >= n) | (target == np.arange(n)[None, :]))
    why[no_target] = "no target"
    safe_target = np.clip(target, 0, n - 1)
    ally_rival = (action == Action.ALLY) & ~no_target & rival[np.arange(n)[None, :], safe_target]
    why[ally_rival] = "an alliance with a rival"
    challenge = (action == Action.CHALLENGE) & ~no_target
    if challenge.any():
        open_stake = np.zeros((b, n), dtype=bool)
        for s in range(stakes.count):
            p, q = stakes.party[s]
            free = stake_rung[:, s] == 0
            open_stake[:, p] |= free & (target[:, p] == q)
            open_stake[:, q] |= free & (target[:, q] == p)
        why[challenge & ~open_stake] = "no stake open to challenge with that actor"
    return why


def group_seats(doctrines: list, fallback: dict, human: dict) -> list:
    """The AI seats grouped by doctrine, as (doctrine, seats) pairs, so that each doctrine decides
    once per turn (a human seat with no choice given is played by its fallback doctrine)."""
    groups: dict[tuple, tuple] = {}
    for i, doctrine in enumerate(doctrines):
        if doctrine is None:
            if i in human:
                continue
            doctrine = fallback[i]
        key = (type(doctrine), tuple(sorted(vars(doctrine).items())))
        groups.setdefault(key, (doctrine, []))[1].append(i)
    return [(d, np.array(seats, dtype=np.intp)) for d, seats in groups.values()]


def doctrine_moves(view, seating, b: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(action, target), each (B, N): each doctrine decides for its seats (the other seats are filled in later)."""
    action = np.empty((b, n), dtype=np.int8)
    target = np.empty((b, n), dtype=np.int64)
    for doctrine, seats in seating:
        action[:, seats], target[:, seats] = doctrine.decide(view, seats)
    return action, target


def take_moves(action, target, human: dict, stakes: Stakes, stake_rung, rival):
    """Each human's (action, target) is taken as given. A move that cannot be made (see refusal)
    becomes HOLD; a move that takes no target drops it. Returns (action, target, refused) with
    refused the reasons, '' where none."""
    action, target = action.copy(), target.copy()
    for i, (a, t) in human.items():
        action[:, i], target[:, i] = int(a), int(t)
    refused = refusal(action, target, stakes, stake_rung, rival)
    action = np.where(refused != "", Action.HOLD, action).astype(np.int8)
    target = np.where(targeted(action), target, -1).astype(np.int8)
    return action, target, refused


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


def final_moves(proposed, p, human: dict, stakes: Stakes, stake_rung, rival, u_noise):
    """Rule 2: humans' moves are taken as given; a move that cannot be made is refused; action
    noise may flip a move. Returns the intended actions, the moves made and the refusals."""
    intended, target, refused = take_moves(*proposed, human, stakes, stake_rung, rival)
    action, target = action_noise(intended, target, u_noise, p.game("action_noise"))
    return intended, Moves(action, target), refused


def choose_stances(view, doctrine_of, human_stances: dict, stakes: Stakes, stake_challenger, p, known=None):
    """((B, S, 2) int8 stances, (B, S) the first party's share of a settlement). Each party's stance
    in each open crisis (STAND_FIRM where none is open): a human's for (actor, stake) is taken as
    given; an AI party's comes from its doctrine and type, weighing its footing (footing). A
    settlement gives each side its public odds of winning the war (Fearon 1995).
    known: what the parties know that others do not (Known); None: nothing."""
    b = view.trust.shape[0]
    stance = np.full((b, stakes.count, 2), Stance.STAND_FIRM, dtype=np.int8)
    share = np.zeros((b, stakes.count), dtype=np.float32)  # where a crisis is open: its first side's odds
    for s in range(stakes.count):
        rung = view.stake_rung[:, s]
        open_now = is_open(rung)
        if not open_now.any():
            continue
        side_of = stakes.side_of(s, stake_challenger[:, s])
        odds = crisis_odds(stakes, s, side_of, view.capability, view.alliance, view.credibility, p)
        share[:, s] = odds[:, 0]
        for side in (0, 1):
            i = int(stakes.party[s, side])
            if (i, s) in human_stances:
                chosen = np.full(b, int(human_stances[(i, s)]))
            else:
                f = footing(view, stakes, s, side, side_of, odds[:, side], p, known)
                chosen = doctrine_of(i).stance(f, rung, view.greedy[:, i])
            stance[:, s, side] = np.where(open_now, chosen, Stance.STAND_FIRM)
    return stance, share


@attrs.frozen(eq=False)
class Known:
    """What the parties to the crises know that the others do not, this turn."""

    backing: np.ndarray  # (B, S, N) their allies' real backing
    escalated: np.ndarray  # (B, S, N) who escalated in each open crisis
    draws: object  # rng.CrisisDraws: preempt and hunch


def footing(view, stakes: Stakes, s: int, side: int, side_of, odds, p, known, escalated=None) -> Footing:
    """The party on `side` of stake s as its doctrine weighs it (bargaining.Footing). Who escalated is
    public (escalated, (B, S, N); known.escalated by default): it gives the party's face and whether
    it was provoked. known, the private part (real backing, the draws), gives its own reckoning."""
    i, j = int(stakes.party[s, side]), int(stakes.party[s, 1 - side])
    value = float(stakes.value[s])
    cost = war_cost(view.greedy[:, i], bool(stakes.nuclear[i] and stakes.nuclear[j]))
    fear_now = fear(view.trust[:, i, j], view.tension[:, i, j], p)
    b = odds.shape[0]
    if escalated is None and known is not None:
        escalated = known.escalated
    if escalated is None:
        face, provoked = np.zeros(b, np.float32), np.zeros(b, bool)
    else:
        face, provoked = p.game("audience_cost") * value * escalated[:, s, i], escalated[:, s, j]
    if known is None:
        sure, u = odds, np.ones(b, np.float32)
    else:
        real = odds_with_real_backing(
            stakes, s, side, side_of, view.capability, view.alliance, view.credibility, known.backing[:, s], p
        )
        sure = reckoning(real, known.draws.hunch[:, s, side], p.game("misperception"))
        u = known.draws.preempt[:, s, side]
    return Footing(
        odds=odds,
        sure=sure,
        value=value,
        war_cost=cost,
        fear=fear_now,
        face=face,
        u=u,
        their_resolve=view.resolve[:, j],
        provoked=provoked,
    )


def choose_backing(view, doctrine_of, human_backing: dict, stakes: Stakes, draw) -> tuple[np.ndarray, list]:
    """(B, S, N) int8 backing (OUT, FIRST, SECOND) in each open crisis, and per stake the eligible
    allies of each side ((B, N) masks). A human ally's choice for (actor, stake) is taken as given;
    an AI ally backs as its doctrine says (by default, as often as its commitment is credible),
    with its backing draw for the stake (draw: (B, S, N), rng.CrisisDraws.backing)."""
    b, n = view.capability.shape
    backing = np.full((b, stakes.count, n), OUT, dtype=np.int8)
    eligible = []
    for s in range(stakes.count):
        open_now = is_open(view.stake_rung[:, s])
        sides = [may_back(stakes, view.alliance, s, side) & open_now[:, None] for side in (0, 1)]
        eligible.append(sides)
        for side, code in ((0, FIRST), (1, SECOND)):
            party = stakes.party[s, side]
            for k in np.flatnonzero(sides[side].any(axis=0)):
                if (int(k), s) in human_backing:
                    backs = np.full(b, bool(human_backing[(int(k), s)]))
                else:
                    backs = doctrine_of(int(k)).backs(view.credibility[:, k, party], draw[:, s, k])
                backing[:, s, k] = np.where(sides[side][:, k] & backs, code, backing[:, s, k])
    return backing, eligible
