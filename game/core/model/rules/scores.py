"""Rule 10, the scores: the turn's 2x2 payoff and security, and each actor's headline score
(docs/MODEL.md §7.12)."""

from __future__ import annotations

import attrs
import numpy as np

from ..constants import K
from ..pairs import max_last, row_sum
from .in_force import InForce


def payoffs(family, greedy, p: InForce):
    """Each actor's 2x2 payoff summed over its partners, dialogue being cooperation:
    dialogue: talking·payoff_R + deterring·payoff_S; deterrence: talking·T + deterring·payoff_P,
    where talking and deterring count the partners of each family and T is payoff_T for a greedy
    actor (a prisoner's dilemma), secure_payoff_T for a security-seeker (an assurance game)."""
    n = family.shape[1]
    f = family.astype(np.float64)
    talking = f.sum(axis=1, keepdims=True) - f
    deterring = (n - 1) - talking
    R, S, P = (p.exact(name) for name in ("payoff_R", "payoff_S", "payoff_P"))
    T = np.where(greedy, p.exact("payoff_T"), p.exact("secure_payoff_T"))
    return f * (talking * R + deterring * S) + (1.0 - f) * (talking * T + deterring * P)


def security(tension, crisis):
    """security_i = SECURITY_SCALE·(1 − mean tension of i's pairs)·(1 − worst rung of i / WAR_RUNG)."""
    n = tension.shape[-1]
    mean_tension = row_sum(tension).astype(np.float64) / (n - 1)
    worst = max_last(crisis).astype(np.float64)
    return float(K.SECURITY_SCALE) * (1.0 - mean_tension) * (1.0 - worst / K.WAR_RUNG)


def score_turn(st, moves, p: InForce):
    """Rule 10: the turn's 2x2 payoffs and security added up; last moves and the card's shift age."""
    payoff = payoffs(moves.family, st.greedy, p)
    safety = security(st.tension, st.crisis)
    st = attrs.evolve(
        st,
        payoff=st.payoff + payoff,
        security_sum=st.security_sum + safety,
        last_action=moves.action,
        last_target=moves.target,
        card_shift_left=np.maximum(st.card_shift_left - 1, 0).astype(np.int16),
    )
    return st, payoff, safety


def score_parts(st, start_prosperity, held, turns_played, turn_limit, at_war, p: InForce) -> dict:
    """Each part of the headline score on 0-100 (B, N):
    security    mean security per turn (over the turn limit after a war: nothing is safe after it)
    prosperity  50·prosperity / starting prosperity
    stakes      50 + 50·(won − lost) / the value of the stakes the actor holds (50 with none)
    relations   the mean 2x2 payoff per partner and turn, from payoff_S (0) to the best (100)."""
    n = st.prosperity.shape[1]
    played = np.maximum(turns_played, 1)
    over = np.where(at_war.any(axis=-1), turn_limit, played)
    won, lost = st.stakes_won.astype(np.float64), st.stakes_lost.astype(np.float64)
    worst, best = p.exact("payoff_S"), np.maximum(p.exact("payoff_T"), p.exact("payoff_R"))
    per_turn = st.payoff / (played * max(n - 1, 1))
    scale = float(K.SECURITY_SCALE)
    return {
        "security": st.security_sum / over,
        "prosperity": np.clip(scale / 2 * st.prosperity / start_prosperity[None, :], 0.0, scale),
        "stakes": np.clip(
            scale / 2 + scale / 2 * (won - lost) / np.maximum(held, K.SMALLEST_WEIGHT)[None, :] * (held > 0)[None, :],
            0.0,
            scale,
        ),
        "relations": np.clip(scale * (per_turn - worst) / np.maximum(best - worst, K.SMALLEST_WEIGHT), 0.0, scale),
    }


def headline_score(parts: dict, greedy, fought, nuclear, dynamics: bool):
    """score = the weighted sum of the parts by the actor's type (GREEDY_*_WEIGHT or
    SECURE_*_WEIGHT), times WAR_SCORE_FACTOR for an actor that fought a war, or
    NUCLEAR_SCORE_FACTOR for one in a war with nuclear actors on both sides. Without dynamics
    (the iterated dilemma) the score is the relations part alone."""
    if not dynamics:
        return parts["relations"]
    by_type = {
        "stakes": (K.GREEDY_STAKES_WEIGHT, K.SECURE_STAKES_WEIGHT),
        "security": (K.GREEDY_SECURITY_WEIGHT, K.SECURE_SECURITY_WEIGHT),
        "prosperity": (K.GREEDY_PROSPERITY_WEIGHT, K.SECURE_PROSPERITY_WEIGHT),
        "relations": (K.GREEDY_RELATIONS_WEIGHT, K.SECURE_RELATIONS_WEIGHT),
    }
    weights = {name: np.where(greedy, g, s) for name, (g, s) in by_type.items()}
    score = sum(weights[name] * parts[name] for name in weights)
    at_war = fought.any(axis=-1)
    enemies_nuclear = (fought & nuclear[None, None, :]).any(axis=-1)
    nuclear_war = at_war & enemies_nuclear & (nuclear[None, :] | _allies_nuclear(fought, nuclear))
    factor = np.where(nuclear_war, K.NUCLEAR_SCORE_FACTOR, np.where(at_war, K.WAR_SCORE_FACTOR, 1.0))
    return score * factor


def _allies_nuclear(fought, nuclear):
    """(B, N): someone on the actor's own side of its war is nuclear (its side: those who fought
    the same enemies as it)."""
    same_side = (fought[:, :, None, :] & fought[:, None, :, :]).any(axis=-1)  # i and k fought a common enemy
    return (same_side & nuclear[None, None, :]).any(axis=-1)
