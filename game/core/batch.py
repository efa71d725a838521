"""Many games at once: the engine run to the end, kept as compact per-game summaries."""
from __future__ import annotations

from typing import Callable

import attrs
import numpy as np

from . import params as P
from .engine import Engine
from .scenario import Scenario
from .state import sigmoid
from .vocab import OUTCOME_CODES, Outcome


@attrs.frozen(eq=False)
class BatchResult:
    """Per-game summaries of a batch: one row per game."""

    seeds: np.ndarray            # (B,)
    outcome: np.ndarray          # (B,) index into OUTCOME_CODES
    end_turn: np.ndarray         # (B,)
    tension_path: np.ndarray     # (B, T) regional tension after each turn (held after the end)
    trust_path: np.ndarray       # (B, T) mean trust after each turn
    final_trust: np.ndarray      # (B,)
    final_tension: np.ndarray    # (B,)
    security: np.ndarray         # (B, N) mean security per turn of the whole game (0 after a war)
    payoff: np.ndarray           # (B, N)
    prosperity: np.ndarray       # (B, N)
    greedy: np.ndarray           # (B, N)

    def rate(self, outcome: Outcome) -> float:
        return float(np.mean(self.outcome == OUTCOME_CODES.index(outcome)))


def mean_trust(T: np.ndarray, off: np.ndarray) -> np.ndarray:
    return (T * off).sum(axis=(-2, -1)) / off.sum()


def run_batch(scenario: Scenario, seeds, doctrines: list[str] | None = None,
              param_values: np.ndarray | None = None, turns: int | None = None,
              progress: Callable[[int, int], None] | None = None) -> BatchResult:
    eng = Engine(scenario, seeds, doctrines, param_values, turns, causes=False)
    t_max = eng.turns
    tension = np.zeros((eng.b, t_max))
    trust = np.zeros((eng.b, t_max))
    for t in range(t_max):
        if eng.done:
            tension[:, t:] = tension[:, t - 1:t]
            trust[:, t:] = trust[:, t - 1:t]
            break
        log = eng.step()
        tension[:, t] = log.regional_tension
        trust[:, t] = mean_trust(log.trust, eng.off)
        if progress:
            progress(t + 1, t_max)
    st = eng.state
    return BatchResult(
        seeds=eng.seeds, outcome=st.outcome.copy(), end_turn=st.end_turn.copy(),
        tension_path=tension, trust_path=trust,
        final_trust=mean_trust(sigmoid(st.L), eng.off), final_tension=st.R.copy(),
        security=st.security_sum / t_max, payoff=st.payoff.copy(), prosperity=st.E.copy(),
        greedy=st.greedy.copy(),
    )


def worldview_params(scenario: Scenario, preset: str, b: int, overrides: dict | None = None) -> np.ndarray:
    """Parameters for b games: the scenario's own overrides applied on top of the named preset."""
    merged = dict(scenario.worldview.overrides()) if scenario.worldview.preset == preset else {}
    merged.update(overrides or {})
    wv = P.Worldview.from_preset(preset, merged)
    return np.tile(wv.array(), (b, 1))
