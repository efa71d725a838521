"""Rule 4, perception (Kydd): every observer reads every move as evidence that the mover is
security-seeking, and updates its trust (docs/MODEL.md §7.4)."""

from __future__ import annotations

import numpy as np

from ..constants import K
from ..vocab import Action, Stance
from .in_force import InForce
from .moves import Moves


def signal_table(p: InForce) -> np.ndarray:
    """(B, 8): the log-likelihood ratio each action carries, by the worldview and the constants."""
    b = p.values.shape[0]
    by_action = {
        Action.ARM: p.game("arming_signal"),
        Action.ALLY: np.zeros(b, dtype=np.float32),  # read per observer in read_moves
        Action.PRESSURE: p.game("arming_signal") + K.PRESSURE_SIGNAL,
        Action.SUMMIT: K.SUMMIT_SIGNAL,
        Action.CBM: p.game("reassurance_signal") * np.float32(np.log(1.0 / K.GREEDY_CBM_SHARE)),
        Action.FORUM: K.FORUM_SIGNAL,
        Action.TRADE: K.TRADE_SIGNAL,
        Action.HOLD: K.HOLD_SIGNAL,
        Action.CHALLENGE: K.CHALLENGE_SIGNAL,
    }
    table = np.empty((b, len(Action)), dtype=np.float32)
    for action, value in by_action.items():
        table[:, action] = value
    return table


def read_moves(moves: Moves, p: InForce, same_bloc: np.ndarray) -> np.ndarray:
    """reading[b, i, j]: what observer i reads from actor j's move. A move aimed at someone is
    read at full weight by its target and at BYSTANDER_WEIGHT by the others. An alliance move
    reassures the partner (ALLY_PARTNER_SIGNAL) and is read by the other bloc's actors at
    alliance_signal, by the mover's own bloc at 0."""
    signal = np.take_along_axis(signal_table(p), moves.action.astype(np.intp), axis=1)  # (B, N)
    # a challenge is a public claim: all read it in full
    aimed = (moves.target >= 0) & (moves.action != Action.CHALLENGE)
    seen_by_all = signal * np.where(aimed, K.BYSTANDER_WEIGHT, np.float32(1.0))
    n = moves.action.shape[1]
    is_target = moves.target[:, None, :] == np.arange(n)[None, :, None]  # [b, i, j]: i is j's target
    reading = np.where(is_target, signal[:, None, :], seen_by_all[:, None, :])
    allied = (moves.action == Action.ALLY)[:, None, :]
    outsider = ~same_bloc[None] & ~is_target
    reading = np.where(allied & is_target, K.ALLY_PARTNER_SIGNAL, reading)
    return np.where(allied & ~is_target, outsider * p.pair("alliance_signal"), reading).astype(np.float32)


def read_stances(stance, rung, stakes, n: int) -> np.ndarray:
    """(B, N): what everyone reads from each actor's stances in its crises this turn: ESCALATE
    reads as greed (ESCALATE_SIGNAL), standing firm or escalating against an offer to settle as
    wanting more (REFUSE_SIGNAL), an offer to settle as a little reassurance (SETTLE_SIGNAL)."""
    b = stance.shape[0]
    reading = np.zeros((b, n), dtype=np.float32)
    for s in range(stakes.count):
        open_now = (rung[:, s] > 0) & (rung[:, s] < K.WAR_RUNG)
        for side in (0, 1):
            own, other = stance[:, s, side], stance[:, s, 1 - side]
            refuses = ((own == Stance.STAND_FIRM) | (own == Stance.ESCALATE)) & (other == Stance.SETTLE)
            r = (
                np.where(own == Stance.ESCALATE, K.ESCALATE_SIGNAL, 0.0)
                + np.where(refuses, K.REFUSE_SIGNAL, 0.0)
                + np.where(own == Stance.SETTLE, K.SETTLE_SIGNAL, 0.0)
            )
            reading[:, stakes.party[s, side]] += np.where(open_now, r, 0.0).astype(np.float32)
    return reading


def update_trust(trust_logodds, start_logodds, reading, card_shift, p: InForce, camp, pair_noise, off):
    """L ← clip(L + (m − 1)·L + (1 − m)·L0 + EVIDENCE_WEIGHT·(reading + camp + noise) + card,
    ±TRUST_LOGODDS_MAX), with m = trust_memory, camp = −camp_bias across blocs and
    noise = misperception·N(0, 1) + suspicion_bias. Returns the new log-odds and the parts
    of the change, for the why panel."""
    m = p.pair("trust_memory")
    memory = (m - 1.0) * trust_logodds + (1.0 - m) * start_logodds
    camp_reading = -p.pair("camp_bias") * camp
    noise = p.pair("misperception") * pair_noise + p.pair("suspicion_bias")
    evidence = (reading + camp_reading + noise) * K.EVIDENCE_WEIGHT
    new = np.clip(trust_logodds + (memory + evidence + card_shift), -K.TRUST_LOGODDS_MAX, K.TRUST_LOGODDS_MAX) * off
    parts = {
        "memory": memory,
        "action": K.EVIDENCE_WEIGHT * reading,
        "camp": K.EVIDENCE_WEIGHT * camp_reading,
        "noise": K.EVIDENCE_WEIGHT * noise,
        "card": card_shift,
    }
    return new, parts
