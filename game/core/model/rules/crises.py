"""Rule 8, crises (Fearon 1995; Schelling 1960; Snyder 1984): a challenge over a stake opens a
crisis; each turn the parties' stances settle it, hand the stake to one side or climb the
ladder; allies back a party or stay out; at the brink only an escalation starts a war, or an
accident (docs/MODEL.md §7.9, §7.10)."""
from __future__ import annotations

import attrs
import numpy as np

from ..constants import K
from ..vocab import Stance
from .in_force import InForce

OUT, FIRST, SECOND = 0, 1, 2   # backing: stays out, backs the stake's first party, its second


@attrs.frozen(eq=False)
class Stakes:
    """The scenario's stakes as arrays: parties (S, 2) actor indices, value (S,), and per actor
    its bloc id and whether it is nuclear."""

    party: np.ndarray
    value: np.ndarray
    bloc: np.ndarray
    nuclear: np.ndarray

    @classmethod
    def of(cls, scenario) -> "Stakes":
        blocs = [a.bloc for a in scenario.actors]
        return cls(party=np.array([s.parties for s in scenario.stakes], dtype=np.intp).reshape(-1, 2),
                   value=np.array([s.value for s in scenario.stakes], dtype=np.float64),
                   bloc=np.array([sorted(set(blocs)).index(b) for b in blocs]),
                   nuclear=np.array([a.nuclear for a in scenario.actors]))

    @property
    def count(self) -> int:
        return self.party.shape[0]

    def held(self, n: int) -> np.ndarray:
        """(N,) the value of the stakes each actor is a party to."""
        out = np.zeros(n)
        for s in range(self.count):
            out[self.party[s]] += self.value[s]
        return out

    def between(self, i: int, j: int) -> list[int]:
        """The stakes i and j both hold, most valuable first."""
        found = [s for s in range(self.count) if {int(self.party[s, 0]), int(self.party[s, 1])} == {i, j}]
        return sorted(found, key=lambda s: -self.value[s])


def is_open(rung) -> np.ndarray:
    """A crisis is open from rung 1 to the brink; 0 is none, WAR_RUNG a war."""
    return (rung > 0) & (rung < K.WAR_RUNG)


def may_back(stakes: Stakes, alliance, s: int, side: int) -> np.ndarray:
    """(B, N): who may back the stake's party on `side`: an ally of that party (alliance at least
    ALLY_THRESHOLD) that is neither a party, nor an ally of the other party, nor in its bloc."""
    p, q = stakes.party[s, side], stakes.party[s, 1 - side]
    eligible = (alliance[:, p, :] >= K.ALLY_THRESHOLD) & (alliance[:, q, :] < K.ALLY_THRESHOLD)
    eligible &= (stakes.bloc != stakes.bloc[q])[None, :]
    eligible[:, [p, q]] = False
    return eligible


def side_strength(stakes: Stakes, s: int, side: int, capability, backers) -> np.ndarray:
    """(B,): the party's capability plus its backers' (backers (B, N) weights 0..1)."""
    p = stakes.party[s, side]
    return capability[:, p] + (backers * capability).sum(axis=-1)


def win_odds(strength_challenger, strength_defender, p: InForce) -> np.ndarray:
    """The challenger's chance to win a war: S_c / (S_c + defence_advantage·S_d)."""
    return strength_challenger / (strength_challenger + p.game("defence_advantage") * strength_defender)


def expected_backers(stakes: Stakes, alliance, credibility, s: int, side: int) -> np.ndarray:
    """(B, N): each eligible ally weighted by the credibility of its commitment to the party."""
    p = stakes.party[s, side]
    return may_back(stakes, alliance, s, side) * credibility[:, :, p]


def crisis_odds(stakes: Stakes, s: int, challenger_side, capability, alliance, credibility, p: InForce):
    """(B, 2): each party's chance to win a war over stake s, with expected backing; the party
    that did not challenge defends (defence_advantage)."""
    strength = np.stack([side_strength(stakes, s, k, capability,
                                       expected_backers(stakes, alliance, credibility, s, k)) for k in (0, 1)], axis=1)
    first_challenges = challenger_side == 0
    w_first = np.where(first_challenges, win_odds(strength[:, 0], strength[:, 1], p),
                       1.0 - win_odds(strength[:, 1], strength[:, 0], p))
    return np.stack([w_first, 1.0 - w_first], axis=1)


def greedy_challenge_logodds(value, win, resolve_target, ties, forum, both_nuclear, p: InForce):
    """z = GREED_WEIGHT·value·(win − WIN_THRESHOLD) − RESOLVE_DETERS·resolve_target
         − FUTURE_WEIGHT·shadow_of_future·(ties + forum) − NUCLEAR_DETERS·[both nuclear] + CRISIS_BASE:
    a greedy actor weighs what it could win against the target's resolve and the future it would lose."""
    return (K.GREED_WEIGHT * value * (win - K.WIN_THRESHOLD) - K.RESOLVE_DETERS * resolve_target
            - K.FUTURE_WEIGHT * p.game("shadow_of_future") * (ties + forum) - K.NUCLEAR_DETERS * both_nuclear
            + K.CRISIS_BASE)


def fear(trust, tension, p: InForce):
    """fear = first_strike·(1 − trust)·tension: what pushes a security-seeker to strike first."""
    return p.game("first_strike") * (1.0 - trust) * tension


def secure_challenge_logodds(fear_now, ties, forum, p: InForce):
    """z = FEAR_WEIGHT·fear − FUTURE_WEIGHT·shadow_of_future·(ties + forum) + CRISIS_BASE, and no
    challenge at all below FEAR_FLOOR: a security-seeker challenges only pre-emptively."""
    z = K.FEAR_WEIGHT * fear_now - K.FUTURE_WEIGHT * p.game("shadow_of_future") * (ties + forum) + K.CRISIS_BASE
    return np.where(fear_now > K.FEAR_FLOOR, z, -np.inf)


@attrs.frozen
class Resolution:
    """How one turn's stances settle a crisis, per game (B,)."""

    rung: np.ndarray        # the new rung (0: closed)
    winner: np.ndarray      # side that wins the stake outright (0, 1), -1 none
    settled: np.ndarray     # both settled: each side gets half
    war: np.ndarray         # the crisis became a war


def resolve_stances(rung, stance, accident) -> Resolution:
    """Both SETTLE: the stake is split and the crisis closes. One BACK_DOWN: the other wins it
    (both: it closes, nobody wins). Otherwise anyone's ESCALATE, or a stand-off, climbs a rung;
    at the brink (WAR_RUNG − 1) only an ESCALATE starts the war, else it may come by accident."""
    a, b = stance[:, 0], stance[:, 1]
    settled = (a == Stance.SETTLE) & (b == Stance.SETTLE)
    backs_a, backs_b = a == Stance.BACK_DOWN, b == Stance.BACK_DOWN
    closes = settled | backs_a | backs_b
    winner = np.where(backs_a & ~backs_b, 1, np.where(backs_b & ~backs_a, 0, -1))
    escalates = (a == Stance.ESCALATE) | (b == Stance.ESCALATE)
    brink = rung == K.WAR_RUNG - 1
    war = ~closes & brink & (escalates | accident)
    climbed = np.where(brink, rung, rung + 1)
    new_rung = np.where(closes, 0, np.where(war, K.WAR_RUNG, climbed))
    return Resolution(rung=new_rung.astype(np.int8), winner=winner, settled=settled, war=war)


def accidents(rung, u, p: InForce) -> np.ndarray:
    """At the brink war may come by accident: chance ACCIDENT_RATE·misperception."""
    return (rung == K.WAR_RUNG - 1) & (u < K.ACCIDENT_RATE * p.game("misperception"))


def update_credibility(credibility, stakes: Stakes, s: int, backing_s, eligible) -> np.ndarray:
    """An ally that stays out of its partner's crisis loses ABANDON_LOSS of that commitment's
    credibility; one that backs gains BACKING_GAIN of the gap to 1."""
    credibility = credibility.copy()
    for side, code in ((0, FIRST), (1, SECOND)):
        p = stakes.party[s, side]
        col = credibility[:, :, p]
        backed = backing_s == code
        stayed_out = eligible[side] & ~backed
        col = np.where(backed, col + K.BACKING_GAIN * (1.0 - col), col)
        credibility[:, :, p] = np.where(stayed_out, np.maximum(col - K.ABANDON_LOSS, 0.0), col)
    return credibility.astype(np.float32)


def pair_rungs(stakes: Stakes, stake_rung, n: int) -> np.ndarray:
    """(B, N, N): the highest rung of the crises between each pair, for the map and the tension rule."""
    b = stake_rung.shape[0]
    rungs = np.zeros((b, n, n), dtype=np.int8)
    for s in range(stakes.count):
        i, j = stakes.party[s]
        rungs[:, i, j] = np.maximum(rungs[:, i, j], stake_rung[:, s])
        rungs[:, j, i] = rungs[:, i, j]
    return rungs


def postures(stakes: Stakes, stance, rung, n: int):
    """(stood firm, yielded), each (B, N): the actor stood firm or escalated in an open crisis,
    or backed down in one."""
    b = stance.shape[0]
    stood, yielded = np.zeros((b, n), dtype=bool), np.zeros((b, n), dtype=bool)
    for s in range(stakes.count):
        open_now = is_open(rung[:, s])
        for side in (0, 1):
            i = stakes.party[s, side]
            firm = (stance[:, s, side] == Stance.STAND_FIRM) | (stance[:, s, side] == Stance.ESCALATE)
            stood[:, i] |= open_now & firm
            yielded[:, i] |= open_now & (stance[:, s, side] == Stance.BACK_DOWN)
    return stood, yielded


def war_sides(stakes: Stakes, s: int, backing_s) -> tuple[np.ndarray, np.ndarray]:
    """(B, N) masks of each side of a war over stake s: the party and the allies that back it."""
    b, n = backing_s.shape
    sides = []
    for side, code in ((0, FIRST), (1, SECOND)):
        mask = backing_s == code
        mask[:, stakes.party[s, side]] = True
        sides.append(mask)
    return sides[0], sides[1]


def fortunes_of_war(stakes: Stakes, s: int, challenger_side, capability, first, second, u, p: InForce):
    """(B,) the side (0 or 1) that wins a war: the first side wins with its chance to win, its
    strength against the other's (the side that did not challenge defends)."""
    strength = [(capability * first).sum(axis=-1), (capability * second).sum(axis=-1)]
    first_wins = np.where(challenger_side == 0, win_odds(strength[0], strength[1], p),
                          1.0 - win_odds(strength[1], strength[0], p))
    return np.where(u < first_wins, 0, 1)


def settle_accounts(won, lost, party, value, winner, settled):
    """The stake's value to the winner (and as lost to the other), half each for a settlement."""
    won, lost = won.copy(), lost.copy()
    for side in (0, 1):
        i, j = party[side], party[1 - side]
        gain = np.where(winner == side, value, 0.0) + np.where(settled, value / 2, 0.0)
        won[:, i] += gain.astype(np.float32)
        lost[:, j] += gain.astype(np.float32)
    return won, lost


def open_crises(stake_rung, stake_challenger, stake_opened, stakes: Stakes, action, target, challenge, turn):
    """A challenge by i at j opens a crisis, at rung 1, over the most valuable stake they share
    that has none open."""
    rung, challenger, opened = stake_rung.copy(), stake_challenger.copy(), stake_opened.copy()
    for s in sorted(range(stakes.count), key=lambda s: -stakes.value[s]):
        p, q = stakes.party[s]
        for i, j in ((p, q), (q, p)):
            now = (action[:, i] == challenge) & (target[:, i] == j) & (rung[:, s] == 0)
            rung[:, s] = np.where(now, 1, rung[:, s])
            challenger[:, s] = np.where(now, i, challenger[:, s])
            opened[:, s] = np.where(now, turn, opened[:, s])
            action = np.where(now[:, None] & (np.arange(action.shape[1]) == i)[None, :], -1, action)
    return rung, challenger, opened


def defence_of_all(stakes: Stakes, capability, alliance, credibility, p: InForce) -> np.ndarray:
    """(B, N) defence_j = defence_advantage·(capability_j + Σ_k [alliance_jk ≥ ALLY_THRESHOLD]·
    credibility_kj·capability_k): what a challenger of j must overcome, as anyone can see it."""
    allies = (alliance >= K.ALLY_THRESHOLD) * np.swapaxes(credibility, 1, 2)   # [b, j, k]: k's commitment to j
    return p.actor("defence_advantage") * (capability + (allies * capability[:, None, :]).sum(axis=-1))


def step_crises(st, stakes: Stakes, stance, eligible, u, p: InForce, n: int):
    """Every open crisis this turn: the stances resolve it (resolve_stances), allies' backing
    moves their commitments' credibility, a party that backs down after escalating pays
    audience_cost in resolve, and a war is fought out (fortunes_of_war). Returns the new state
    and (B, N, N) who began fighting whom this turn."""
    rung, won, lost = st.stake_rung.copy(), st.stakes_won, st.stakes_lost
    escalated, resolve, credibility = st.escalated.copy(), st.resolve, st.credibility
    fought_now = np.zeros((st.stake_rung.shape[0], n, n), dtype=bool)
    s_count = stakes.count
    for s in range(s_count):
        open_now = is_open(rung[:, s])
        if not open_now.any():
            continue
        accident = accidents(rung[:, s], u[:, s_count * n + s], p)
        res = resolve_stances(rung[:, s], stance[:, s], accident)
        challenger_side = np.where(st.stake_challenger[:, s] == stakes.party[s, 1], 1, 0)
        first, second = war_sides(stakes, s, st.backing[:, s])
        war = open_now & res.war
        winner = np.where(war, fortunes_of_war(stakes, s, challenger_side, st.capability, first, second,
                                                u[:, s_count * (n + 1) + s], p), np.where(open_now, res.winner, -1))
        won, lost = settle_accounts(won, lost, stakes.party[s], stakes.value[s], winner, open_now & res.settled)
        fought_now |= war[:, None, None] & ((first[:, :, None] & second[:, None, :]) | (second[:, :, None] & first[:, None, :]))
        resolve = _audience_costs(resolve, stakes, s, stance[:, s], escalated[:, s], open_now, p)
        escalated[:, s] = np.where((open_now & (res.rung > 0))[:, None],
                                   escalated[:, s] | _escalating(stakes, s, stance[:, s], n), False)
        credibility = np.where(open_now[:, None, None],
                               update_credibility(credibility, stakes, s, st.backing[:, s], eligible[s]), credibility)
        rung[:, s] = np.where(open_now, res.rung, rung[:, s])
    return attrs.evolve(st, stake_rung=rung, stakes_won=won, stakes_lost=lost, escalated=escalated,
                        resolve=resolve, credibility=credibility.astype(np.float32)), fought_now


def _escalating(stakes: Stakes, s: int, stance_s, n: int) -> np.ndarray:
    """(B, N): the stake's parties that escalate this turn."""
    out = np.zeros((stance_s.shape[0], n), dtype=bool)
    for side in (0, 1):
        out[:, stakes.party[s, side]] = stance_s[:, side] == Stance.ESCALATE
    return out


def _audience_costs(resolve, stakes: Stakes, s: int, stance_s, escalated_s, open_now, p: InForce):
    """A party that backs down after escalating loses audience_cost of its resolve image (Fearon 1994)."""
    resolve = resolve.copy()
    for side in (0, 1):
        i = stakes.party[s, side]
        broke = open_now & (stance_s[:, side] == Stance.BACK_DOWN) & escalated_s[:, i]
        resolve[:, i] = np.where(broke, np.maximum(resolve[:, i] - p.game("audience_cost"), 0.0), resolve[:, i])
    return resolve
