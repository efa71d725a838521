"""Rule 8, crises (Fearon 1995; Schelling 1960; Snyder 1984): a challenge over a stake opens a
crisis; each turn the parties' stances settle it, hand the stake to one side or climb the
ladder; allies back a party or stay out; at the brink only an escalation starts a war, or an
accident (docs/MODEL.md §7.9, §7.10). The war itself is fought out in rules/war.py."""

from __future__ import annotations

import attrs
import numpy as np

from ..constants import K
from ..state import State
from ..vocab import Action, Stance
from .in_force import InForce

OUT, FIRST, SECOND = 0, 1, 2  # backing: stays out, backs the stake's first party, its second


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
        return cls(
            party=np.array([s.parties for s in scenario.stakes], dtype=np.intp).reshape(-1, 2),
            value=np.array([s.value for s in scenario.stakes], dtype=np.float64),
            bloc=np.array([sorted(set(blocs)).index(b) for b in blocs]),
            nuclear=np.array([a.nuclear for a in scenario.actors]),
        )

    @property
    def count(self) -> int:
        return self.party.shape[0]

    def held(self, n: int) -> np.ndarray:
        """(N,) the value of the stakes each actor is a party to."""
        out = np.zeros(n)
        for s in range(self.count):
            out[self.party[s]] += self.value[s]
        return out

    def side_of(self, s: int, actor) -> np.ndarray:
        """(B,) the side of stake s that actor (B,) is on: 1 for its second party, else 0 (a crisis
        with no challenger counts as challenged by the first party)."""
        return np.where(actor == self.party[s, 1], 1, 0)

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


@attrs.frozen
class Resolution:
    """How one turn's stances settle a crisis, per game (B,), or every crisis, per game and stake (B, S)."""

    rung: np.ndarray  # the new rung (0: closed)
    winner: np.ndarray  # side that wins the stake outright (0, 1), -1 none
    settled: np.ndarray  # both settled: each side gets its share by the public odds
    war: np.ndarray  # the crisis became a war


def resolve_crises(stake_rung, stance, accident_draw, p: InForce) -> Resolution:
    """(B, S): every crisis open at the start of the turn is resolved by its parties' stances
    (resolve_stances), with an accident at the brink (accidents); a stake with no crisis open
    keeps its rung, and nobody wins it. Who wins a war is left to the fortunes of war (rules/war.py)."""
    was_open = is_open(stake_rung)
    rung, winner = stake_rung.copy(), np.full(stake_rung.shape, -1)
    settled, war = np.zeros(stake_rung.shape, dtype=bool), np.zeros(stake_rung.shape, dtype=bool)
    for s in range(stake_rung.shape[1]):
        res = resolve_stances(stake_rung[:, s], stance[:, s], accidents(stake_rung[:, s], accident_draw[:, s], p))
        rung[:, s] = np.where(was_open[:, s], res.rung, rung[:, s])
        winner[:, s] = np.where(was_open[:, s], res.winner, -1)
        settled[:, s], war[:, s] = was_open[:, s] & res.settled, was_open[:, s] & res.war
    return Resolution(rung=rung, winner=winner, settled=settled, war=war)


def resolve_stances(rung, stance, accident) -> Resolution:
    """Both SETTLE: the stake is divided by the odds and the crisis closes. One BACK_DOWN: the other wins it
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


def settle_crises(st: State, stakes: Stakes, resolved: Resolution, stance, share, eligible, p: InForce) -> State:
    """What the turn's resolution leaves behind, stake by stake over the crises open at the start
    of the turn: the new rungs, the stakes' accounts (settle_accounts), audience costs
    (audience_costs), the memory of who escalated (remember_escalation), the credibility of
    allies that backed or stayed out (update_credibility) and what staying out costs (abandonment)."""
    won, lost, resolve, credibility = st.stakes_won, st.stakes_lost, st.resolve, st.credibility
    left = np.float32(0.0)  # who stayed out of whose crisis (left_alone), over the stakes
    escalated = st.escalated.copy()
    for s in range(stakes.count):
        open_now = is_open(st.stake_rung[:, s])
        if not open_now.any():
            continue
        won, lost = settle_accounts(
            won, lost, stakes.party[s], stakes.value[s], resolved.winner[:, s], resolved.settled[:, s], share[:, s]
        )
        resolve = audience_costs(resolve, stakes.party[s], stance[:, s], st.escalated[:, s], open_now, p)
        escalated[:, s] = remember_escalation(
            escalated[:, s], stakes.party[s], stance[:, s], open_now & (resolved.rung[:, s] > 0)
        )
        credibility = np.where(
            open_now[:, None, None],
            update_credibility(credibility, stakes, s, st.backing[:, s], eligible[s]),
            credibility,
        )
        left = left + left_alone(stakes, s, st.backing[:, s], [e & open_now[:, None] for e in eligible[s]])
    credibility, alliance, trust = abandonment(credibility, st.alliance, st.trust_logodds, left)
    return attrs.evolve(
        st,
        stake_rung=resolved.rung,
        stakes_won=won,
        stakes_lost=lost,
        escalated=escalated,
        resolve=resolve,
        credibility=credibility.astype(np.float32),
        alliance=alliance.astype(np.float32),
        trust_logodds=trust.astype(np.float32),
    )


def settle_accounts(won, lost, party, value, winner, settled, share):
    """The stake's value to the winner (and as lost to the other); a settlement gives each side its
    share of the value, the first side `share` (its public odds of winning the war) and the second
    1 − share (Fearon 1995), each counted as lost by the other."""
    won, lost = won.copy(), lost.copy()
    for side in (0, 1):
        i, j = party[side], party[1 - side]
        part = share if side == 0 else 1.0 - share
        gain = np.where(winner == side, value, 0.0) + np.where(settled, value * part, 0.0)
        won[:, i] += gain.astype(np.float32)
        lost[:, j] += gain.astype(np.float32)
    return won, lost


def audience_costs(resolve, party, stance_s, escalated_s, open_now, p: InForce):
    """resolve_i ← max(0, resolve_i − audience_cost) for a party i that backs down after escalating
    in an earlier turn of the crisis (Fearon 1994)."""
    resolve = resolve.copy()
    for side in (0, 1):
        i = party[side]
        broke = open_now & (stance_s[:, side] == Stance.BACK_DOWN) & escalated_s[:, i]
        resolve[:, i] = np.where(broke, np.maximum(resolve[:, i] - p.game("audience_cost"), 0.0), resolve[:, i])
    return resolve


def remember_escalation(escalated_s, party, stance_s, stays) -> np.ndarray:
    """(B, N) escalated_i ← escalated_i or [i chose ESCALATE] while the crisis stays (open or at
    war); every mark is forgotten when it closes."""
    now = np.zeros_like(escalated_s)
    for side in (0, 1):
        now[:, party[side]] = stance_s[:, side] == Stance.ESCALATE
    return np.where(stays[:, None], escalated_s | now, False)


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


def left_alone(stakes: Stakes, s: int, backing_s, eligible) -> np.ndarray:
    """(B, N, N) [b, p, k]: 1 where k was eligible to back its partner p in the crisis over stake s and stayed out.
    eligible: per side (B, N), only where the crisis was open."""
    left = np.zeros(backing_s.shape + (backing_s.shape[-1],), dtype=np.float32)
    for side, code in ((0, FIRST), (1, SECOND)):
        left[:, stakes.party[s, side], :] = eligible[side] & (backing_s != code)
    return left


def abandonment(credibility, alliance, trust_logodds, left):
    """What an eligible ally k that stays out of its partner p's crisis pays (Snyder 1984), left[b, p, k] the
    crises it stayed out of (left_alone, summed over the stakes): its own protectors' commitments to it lose
    ABANDON_REPUTE of credibility each (credibility[·, k]), the alliance between k and p loses ABANDON_ALLIANCE,
    and p's trust in k loses ABANDON_TRUST of log-odds."""
    if not left.any():
        return credibility, alliance, trust_logodds
    credibility = np.maximum(credibility - K.ABANDON_REPUTE * left.sum(axis=1)[:, None, :], 0.0)
    alliance = np.maximum(alliance - K.ABANDON_ALLIANCE * (left + np.swapaxes(left, 1, 2)), 0.0)
    trust_logodds = np.maximum(trust_logodds - K.ABANDON_TRUST * left, -K.TRUST_LOGODDS_MAX)
    return credibility, alliance, trust_logodds


def open_crises(stake_rung, stake_challenger, stake_opened, stakes: Stakes, action, target, turn):
    """A challenge by i at j opens a crisis, at rung 1, over the most valuable stake they share
    that has none open: stake_challenger ← i, stake_opened ← turn."""
    rung, challenger, opened = stake_rung.copy(), stake_challenger.copy(), stake_opened.copy()
    if not (action == Action.CHALLENGE).any():  # no challenge anywhere: no crisis opens
        return rung, challenger, opened
    for s in sorted(range(stakes.count), key=lambda s: -stakes.value[s]):
        p, q = stakes.party[s]
        for i, j in ((p, q), (q, p)):
            now = (action[:, i] == Action.CHALLENGE) & (target[:, i] == j) & (rung[:, s] == 0)
            rung[:, s] = np.where(now, 1, rung[:, s])
            challenger[:, s] = np.where(now, i, challenger[:, s])
            opened[:, s] = np.where(now, turn, opened[:, s])
            action = np.where(now[:, None] & (np.arange(action.shape[1]) == i)[None, :], -1, action)
    return rung, challenger, opened


def with_crises(st: State, stakes: Stakes, rung, challenger, opened) -> State:
    """The state with these crises open on the stakes, and each pair's highest rung for the map."""
    crisis = pair_rungs(stakes, rung, st.capability.shape[1])
    return attrs.evolve(st, stake_rung=rung, stake_challenger=challenger, stake_opened=opened, crisis=crisis)


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
    if not is_open(rung).any():  # no crisis anywhere: nobody took a stance
        return stood, yielded
    for s in range(stakes.count):
        open_now = is_open(rung[:, s])
        for side in (0, 1):
            i = stakes.party[s, side]
            firm = (stance[:, s, side] == Stance.STAND_FIRM) | (stance[:, s, side] == Stance.ESCALATE)
            stood[:, i] |= open_now & firm
            yielded[:, i] |= open_now & (stance[:, s, side] == Stance.BACK_DOWN)
    return stood, yielded
