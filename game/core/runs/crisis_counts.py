"""What happens in crises and to whom dialogue goes, counted over many games of AI play: how
often a crisis sees audience costs paid (a side backs down after escalating), an accident at the
brink (war that no side's ESCALATE started) and a side standing firm at the brink; which actors
face a crisis at all; how the region's dialogue moves are shared out; and each seat's score."""

from __future__ import annotations

import attrs
import numpy as np

from ..model.engine import Engine, params_matrix
from ..model.vocab import Action, Stance
from ..model.world import Scenario

BLOCK = 2048
WAR_RUNG = 4
EVENTS = ("audience_cost", "accident", "firm_at_brink")
DIALOGUE_AIMED = (Action.SUMMIT, Action.CBM, Action.TRADE)  # dialogue moves aimed at someone


@attrs.define
class CrisisCounts:
    """Counts over the games played (crises are counted once each, from the first turn they are open)."""

    crises: int = 0
    events: dict = attrs.Factory(lambda: dict.fromkeys(EVENTS, 0))  # crises in which it happened
    faced: list = attrs.Factory(list)  # (G, N) blocks: the actor was a party to an open crisis
    dialogue_received: np.ndarray | None = None  # (N,) dialogue moves aimed at each actor
    scores: list = attrs.Factory(list)  # (G, N) blocks of headline scores

    def rate(self, event: str) -> float:
        return self.events[event] / self.crises if self.crises else 0.0

    @property
    def faced_any(self) -> np.ndarray:
        return np.concatenate(self.faced)

    @property
    def score(self) -> np.ndarray:
        return np.concatenate(self.scores)

    @property
    def dialogue_share(self) -> np.ndarray:
        total = self.dialogue_received.sum()
        return self.dialogue_received / total if total else self.dialogue_received.astype(float)


def crisis_events(log, prev_escalated, prev_fought, party) -> dict:
    """(B, S) per event: it happened this turn in the crisis over the stake open at the turn's start."""
    rung, stance = log.rung_before, log.stance
    brink = rung == WAR_RUNG - 1
    a, b = stance[..., 0], stance[..., 1]
    escalate = (a == Stance.ESCALATE) | (b == Stance.ESCALATE)
    closes = ((a == Stance.SETTLE) & (b == Stance.SETTLE)) | (a == Stance.BACK_DOWN) | (b == Stance.BACK_DOWN)
    i, j = party[:, 0], party[:, 1]
    began_war = log.state.fought[:, i, j] & ~prev_fought[:, i, j]
    return {
        "audience_cost": ((a == Stance.BACK_DOWN) & prev_escalated[:, np.arange(len(i)), i])
        | ((b == Stance.BACK_DOWN) & prev_escalated[:, np.arange(len(j)), j]),
        "accident": brink & ~escalate & ~closes & began_war,
        "firm_at_brink": brink & ((a == Stance.STAND_FIRM) | (b == Stance.STAND_FIRM)),
    }


def _play_block(counts: CrisisCounts, eng: Engine) -> None:
    """Play one engine's games to the end, adding to counts."""
    party = eng.stakes.party
    b, s_count = eng.b, party.shape[0]
    in_crisis = np.zeros((b, s_count), dtype=bool)
    flags = {e: np.zeros((b, s_count), dtype=bool) for e in EVENTS}
    faced = np.zeros((b, eng.n), dtype=bool)
    received = np.zeros(eng.n, dtype=np.int64)

    def close(ending):
        counts.crises += int((in_crisis & ending).sum())
        for e in EVENTS:
            counts.events[e] += int((flags[e] & ending).sum())
            flags[e] &= ~ending
        in_crisis[ending] = False

    while not eng.done:
        prev_escalated, prev_fought = eng.state.escalated.copy(), eng.state.fought.copy()
        log = eng.step()
        open_now = log.active[:, None] & (log.rung_before > 0) & (log.rung_before < WAR_RUNG)
        in_crisis |= open_now
        for e, happened in crisis_events(log, prev_escalated, prev_fought, party).items():
            flags[e] |= happened & open_now
        for s, (i, j) in enumerate(party):  # one stake at a time: an actor may be party to several
            faced[:, i] |= open_now[:, s]
            faced[:, j] |= open_now[:, s]
        aimed = log.active[:, None] & np.isin(log.action, DIALOGUE_AIMED) & (log.target >= 0)
        received += np.bincount(log.target[aimed].astype(np.int64), minlength=eng.n)
        still = (log.stake_rung > 0) & (log.stake_rung < WAR_RUNG) & (log.outcome == 0)[:, None]
        close(open_now & ~still)
    close(in_crisis)
    counts.faced.append(faced)
    counts.scores.append(eng.scores()[0])
    counts.dialogue_received = received if counts.dialogue_received is None else counts.dialogue_received + received


def count_crises(scenario: Scenario, seeds, doctrines=None, param_values=None, block: int = BLOCK) -> CrisisCounts:
    """Play every game to its end and count what happened in its crises and to whom dialogue went."""
    seeds = np.asarray(seeds, dtype=np.uint64).reshape(-1)
    if param_values is None:
        param_values = params_matrix(scenario.worldview, seeds.size)
    counts = CrisisCounts()
    for s in range(0, seeds.size, block):
        eng = Engine(scenario, seeds[s : s + block], doctrines, param_values[s : s + block], causes=False)
        _play_block(counts, eng)
    return counts
