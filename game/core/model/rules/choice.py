"""Rule 2, the choice: every actor picks a move at once (an AI actor's challenge by type is
rules/challenge.py), and a stance in each crisis it is a party to; allies of a party choose to
back it or stay out. Action noise may flip a move (docs/MODEL.md §7.2)."""

from __future__ import annotations

import numpy as np

from ..vocab import Action, Stance, family_of, targeted
from .challenge import fear
from .moves import Moves
from .crises import FIRST, OUT, SECOND, Stakes, is_open, may_back
from .war import crisis_odds


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


def choose_stances(view, doctrine_of, human_stances: dict, stakes: Stakes, stake_challenger, p):
    """(B, S, 2) int8: each party's stance in each open crisis (STAND_FIRM where none is open).
    A human's stance for (actor, stake) is taken as given; an AI party's comes from its doctrine
    and type, from its odds of winning with the backing it can expect and its fear."""
    b = view.trust.shape[0]
    stance = np.full((b, stakes.count, 2), Stance.STAND_FIRM, dtype=np.int8)
    for s in range(stakes.count):
        rung = view.stake_rung[:, s]
        if not is_open(rung).any():
            continue
        odds = crisis_odds(
            stakes, s, stakes.side_of(s, stake_challenger[:, s]), view.capability, view.alliance, view.credibility, p
        )
        open_now = is_open(rung)
        for side in (0, 1):
            i, j = int(stakes.party[s, side]), int(stakes.party[s, 1 - side])
            if (i, s) in human_stances:
                chosen = np.full(b, int(human_stances[(i, s)]))
            else:
                fear_now = fear(view.trust[:, i, j], view.tension[:, i, j], p)
                chosen = doctrine_of(i).stance(view, odds[:, side], rung, view.greedy[:, i], fear_now)
            stance[:, s, side] = np.where(open_now, chosen, Stance.STAND_FIRM)
    return stance


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
