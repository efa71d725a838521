"""Initialisation (docs/MODEL.md §5): the state of B games before the first turn."""

from __future__ import annotations

import attrs
import numpy as np

from .. import params as P
from .. import rng
from ..constants import K
from ..state import State
from . import tension_dynamics


def initial_state(sc, seeds, params, start_logodds, stakes, start_capability, start_prosperity, off) -> State:
    """Dispositions drawn from each game's seed (greedy with chance greedy_share); starting
    tension START_TENSION·(1 − the pair's mean starting trust); everything else from the scenario."""
    b, n, s = seeds.shape[0], sc.n, stakes.count
    greedy = rng.uniforms(seeds, 0, rng.DISPOSITION, n) < params[:, P.INDEX["greedy_share"]][:, None]
    start_tension = np.clip(K.START_TENSION * (1.0 - (sc.trust + sc.trust.T) / 2), 0.0, 1.0) * off
    if not sc.dynamics:
        start_tension = np.zeros((n, n))
    per_game = lambda a, dtype=np.float32: np.tile(np.asarray(a, dtype=dtype), (b,) + (1,) * np.ndim(a))  # noqa: E731
    credibility = params[:, P.INDEX["ally_credibility"], None, None] * np.ones((n, n))
    st = State(
        turn=0,
        capability=per_game(start_capability),
        prosperity=per_game(start_prosperity),
        greedy=greedy,
        trust_logodds=per_game(start_logodds),
        alliance=per_game(sc.alliance),
        ties=per_game(sc.ties),
        tension=per_game(start_tension),
        crisis=np.zeros((b, n, n), dtype=np.int8),
        stake_rung=np.zeros((b, s), dtype=np.int8),
        stake_challenger=np.full((b, s), -1, dtype=np.int8),
        stake_opened=np.zeros((b, s), dtype=np.int16),
        escalated=np.zeros((b, s, n), dtype=bool),
        backing=np.zeros((b, s, n), dtype=np.int8),
        credibility=credibility.astype(np.float32),
        stakes_won=np.zeros((b, n), dtype=np.float32),
        stakes_lost=np.zeros((b, n), dtype=np.float32),
        fought=np.zeros((b, n, n), dtype=bool),
        cards_seen=np.zeros((b, len(sc.cards)), dtype=bool),
        forum=np.zeros(b, dtype=np.float32),
        regional_tension=np.zeros(b, dtype=np.float32),
        resolve=np.full((b, n), K.START_RESOLVE, dtype=np.float32),
        last_action=np.full((b, n), -1, dtype=np.int8),
        last_target=np.full((b, n), -1, dtype=np.int8),
        card_shift=np.zeros((b, len(P.NAMES))),
        card_shift_left=np.zeros(b, dtype=np.int16),
        lockin_run=np.zeros(b, dtype=np.int16),
        community_run=np.zeros(b, dtype=np.int16),
        outcome=np.zeros(b, dtype=np.int8),
        end_turn=np.zeros(b, dtype=np.int16),
        payoff=np.zeros((b, n)),
        security_sum=np.zeros((b, n)),
    )
    return attrs.evolve(st, regional_tension=tension_dynamics.regional_tension(st.tension, st.capability))
