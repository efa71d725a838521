"""War (Fearon 1995; Snyder 1984): the odds of winning one, who fights whom when a crisis
becomes one, the fortunes of war, and what it costs (docs/MODEL.md §7.9, §7.10, §7.11)."""

from __future__ import annotations

import attrs
import numpy as np

from ..pairs import any_last, max_last
from ..constants import K
from .crises import FIRST, SECOND, Resolution, Stakes, may_back
from .in_force import InForce


def win_odds(strength_challenger, strength_defender, p: InForce) -> np.ndarray:
    """The challenger's chance to win a war: S_c / (S_c + defence_advantage·S_d)."""
    return strength_challenger / (strength_challenger + p.game("defence_advantage") * strength_defender)


def first_side_odds(strength_first, strength_second, challenger_side, p: InForce) -> np.ndarray:
    """(B,) the first side's chance to win a war, the side that did not challenge defending:
    P = S_1 / (S_1 + defence_advantage·S_2) if the first party challenged (or none did),
    1 − S_2 / (S_2 + defence_advantage·S_1) if the second did. The one home of the odds: the
    challenge, the stances and the fortunes of war all read them from here."""
    return np.where(
        challenger_side == 0,
        win_odds(strength_first, strength_second, p),
        1.0 - win_odds(strength_second, strength_first, p),
    )


def side_strength(stakes: Stakes, s: int, side: int, capability, backers) -> np.ndarray:
    """(B,): the party's capability plus its backers' (backers (B, N) weights 0..1)."""
    p = stakes.party[s, side]
    return capability[:, p] + (backers * capability).sum(axis=-1)


def expected_backers(stakes: Stakes, alliance, credibility, s: int, side: int) -> np.ndarray:
    """(B, N): each ally that may back the party, weighted by the credibility of its commitment to it."""
    p = stakes.party[s, side]
    return may_back(stakes, alliance, s, side) * credibility[:, :, p]


def crisis_odds(stakes: Stakes, s: int, challenger_side, capability, alliance, credibility, p: InForce):
    """(B, 2): each party's chance to win a war over stake s with the backing it can expect
    (first_side_odds of the sides' expected strengths)."""
    strength = np.stack(
        [
            side_strength(stakes, s, k, capability, expected_backers(stakes, alliance, credibility, s, k))
            for k in (0, 1)
        ],
        axis=1,
    )
    w_first = first_side_odds(strength[:, 0], strength[:, 1], challenger_side, p)
    return np.stack([w_first, 1.0 - w_first], axis=1)


def odds_with_real_backing(
    stakes: Stakes, s: int, side: int, challenger_side, capability, alliance, credibility, backing_s, p
):
    """(B,) the party on `side`'s odds of winning a war over stake s as it alone can reckon them: its
    own allies weighted by whether they really back it this turn (backing_s (B, N)), the other
    side's by the credibility anyone can see."""
    code = FIRST if side == 0 else SECOND
    own = side_strength(stakes, s, side, capability, (backing_s == code).astype(np.float32))
    other = side_strength(stakes, s, 1 - side, capability, expected_backers(stakes, alliance, credibility, s, 1 - side))
    strength = (own, other) if side == 0 else (other, own)
    w_first = first_side_odds(strength[0], strength[1], challenger_side, p)
    return w_first if side == 0 else 1.0 - w_first


def defence_of_all(stakes: Stakes, capability, alliance, credibility, p: InForce) -> np.ndarray:
    """(B, N) defence_j = defence_advantage·(capability_j + Σ_k [alliance_jk ≥ ALLY_THRESHOLD]·
    credibility_kj·capability_k): what a challenger of j must overcome, as anyone can see it."""
    allies = (alliance >= K.ALLY_THRESHOLD) * np.swapaxes(credibility, 1, 2)  # [b, j, k]: k's commitment to j
    return p.actor("defence_advantage") * (capability + (allies * capability[:, None, :]).sum(axis=-1))


def war_sides(stakes: Stakes, s: int, backing_s) -> tuple[np.ndarray, np.ndarray]:
    """(B, N) masks of each side of a war over stake s: the party and the allies that back it."""
    sides = []
    for side, code in ((0, FIRST), (1, SECOND)):
        mask = backing_s == code
        mask[:, stakes.party[s, side]] = True
        sides.append(mask)
    return sides[0], sides[1]


def enemies(first, second, at_war) -> np.ndarray:
    """(B, N, N): every member of one side of a war against every member of the other, both ways."""
    return at_war[:, None, None] & ((first[:, :, None] & second[:, None, :]) | (second[:, :, None] & first[:, None, :]))


def fortunes_of_war(first, second, challenger_side, capability, u, p: InForce) -> np.ndarray:
    """(B,) the side (0 or 1) that wins a war: the first side if its fortunes-of-war draw u is
    below its odds (first_side_odds), each side's strength its members' summed capability."""
    strength = [(capability * first).sum(axis=-1), (capability * second).sum(axis=-1)]
    return np.where(u < first_side_odds(strength[0], strength[1], challenger_side, p), 0, 1)


def fight_wars(stakes: Stakes, resolved: Resolution, stake_challenger, backing, capability, fortune, p: InForce):
    """Every crisis that became a war this turn is fought out: its sides (war_sides) fight, and the
    fortunes of war (fortunes_of_war) decide which side wins the stake. Returns the resolution with
    the wars' winners, and (B, N, N) who began fighting whom."""
    b, n = capability.shape
    winner, fought_now = resolved.winner.copy(), np.zeros((b, n, n), dtype=bool)
    for s in range(stakes.count):
        at_war = resolved.war[:, s]
        if not at_war.any():
            continue
        first, second = war_sides(stakes, s, backing[:, s])
        won = fortunes_of_war(first, second, stakes.side_of(s, stake_challenger[:, s]), capability, fortune[:, s], p)
        winner[:, s] = np.where(at_war, won, winner[:, s])
        fought_now |= enemies(first, second, at_war)
    return attrs.evolve(resolved, winner=winner), fought_now


def war_costs(prosperity, ties, fought_now, start_prosperity):
    """Every side of a war that began this turn loses WAR_PROSPERITY_COST of its starting prosperity
    (start_prosperity (N,)); every bystander loses WAR_SPILLOVER of it times its closest ties to an
    actor at war (a regional war costs everyone, more those nearer it); the ties between enemies are cut."""
    at_war = any_last(fought_now)
    nearness = max_last(ties * at_war[:, None, :]) * ~at_war
    loss = (K.WAR_PROSPERITY_COST * at_war + K.WAR_SPILLOVER * nearness) * start_prosperity[None, :]
    return (np.maximum(prosperity - loss, 0.0).astype(np.float32), np.where(fought_now, 0.0, ties).astype(np.float32))
