"""The per-game table for research: one row per game and actor, as pandas or R read it.

Columns: seed, worldview, actor, type, doctrine, score, security, prosperity, stakes_won,
trust_received, war_against, outcome, end_turn. `trust_received` is the others' mean trust in the
actor at the end; `war_against` the space-separated codes of those it fought (empty if none).
"""

from __future__ import annotations

import csv
import io
import json

import attrs
import numpy as np

from ..model.engine import Engine, params_matrix
from ..model.world import Scenario
from ..model.vocab import OUTCOME_CODES
from .results import Rates, outcome_counts

COLUMNS = (
    "seed",
    "worldview",
    "actor",
    "type",
    "doctrine",
    "score",
    "security",
    "prosperity",
    "stakes_won",
    "trust_received",
    "war_against",
    "outcome",
    "end_turn",
)
BLOCK = 4096  # games stepped together: bounds the memory of one step


@attrs.frozen(eq=False)
class GameTable(Rates):
    """Per game and actor (G, N) arrays, with the scenario's codes and the doctrines played; the
    games' rates and intervals come from runs.results."""

    codes: tuple[str, ...]
    doctrines: tuple[str, ...]
    worldview: str
    seeds: np.ndarray  # (G,)
    greedy: np.ndarray  # (G, N)
    score: np.ndarray
    security: np.ndarray
    prosperity: np.ndarray
    stakes_won: np.ndarray
    trust_received: np.ndarray
    fought: np.ndarray  # (G, N, N)
    outcome: np.ndarray  # (G,)
    end_turn: np.ndarray  # (G,)

    @property
    def games(self) -> int:
        return int(self.seeds.size)

    @property
    def counts(self) -> dict:
        return outcome_counts(self.outcome)

    @property
    def at_war(self) -> np.ndarray:
        """(G, N): the actor fought a war."""
        return self.fought.any(axis=-1)

    def rows(self):
        """One dict per game and actor, in the order of COLUMNS."""
        for g, seed in enumerate(self.seeds):
            for i, code in enumerate(self.codes):
                yield {
                    "seed": int(seed),
                    "worldview": self.worldview,
                    "actor": code,
                    "type": "greedy" if self.greedy[g, i] else "security-seeking",
                    "doctrine": self.doctrines[i],
                    "score": round(float(self.score[g, i]), 4),
                    "security": round(float(self.security[g, i]), 4),
                    "prosperity": round(float(self.prosperity[g, i]), 4),
                    "stakes_won": round(float(self.stakes_won[g, i]), 4),
                    "trust_received": round(float(self.trust_received[g, i]), 4),
                    "war_against": " ".join(self.codes[j] for j in np.flatnonzero(self.fought[g, i])),
                    "outcome": OUTCOME_CODES[int(self.outcome[g])].value,
                    "end_turn": int(self.end_turn[g]),
                }

    def to_csv(self) -> str:
        return csv_text(self.rows(), COLUMNS)

    def to_jsonl(self) -> str:
        return jsonl_text(self.rows())


def csv_text(rows, columns, header: bool = True) -> str:
    """Rows (dicts) as CSV with the given columns, as pandas and R read it."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    if header:
        writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def jsonl_text(rows) -> str:
    """Rows (dicts) as JSON lines, one object a line."""
    return "".join(json.dumps(row) + "\n" for row in rows)


def play_table(
    scenario: Scenario,
    seeds,
    doctrines: list[str] | None = None,
    param_values=None,
    turns: int | None = None,
    block: int = BLOCK,
) -> GameTable:
    """Play every game to its end (in blocks of at most `block` games) and tabulate it."""
    seeds = np.asarray(seeds, dtype=np.uint64).reshape(-1)
    doctrines = list(doctrines or scenario.default_doctrines())
    if param_values is None:
        param_values = params_matrix(scenario.worldview, seeds.size)
    parts = [
        _play_block(scenario, seeds[s : s + block], doctrines, param_values[s : s + block], turns)
        for s in range(0, seeds.size, block)
    ]
    merged = {f: np.concatenate([part[f] for part in parts]) for f in parts[0]}
    return GameTable(
        codes=tuple(scenario.codes),
        doctrines=tuple(doctrines),
        worldview=scenario.worldview.label,
        seeds=seeds,
        **merged,
    )


def _play_block(scenario, seeds, doctrines, param_values, turns) -> dict:
    eng = Engine(scenario, seeds, doctrines, param_values, turns, causes=False)
    while not eng.done:
        eng.step()
    st = eng.state
    score, parts = eng.scores(turns_played=None)
    n = eng.n
    trust = st.trust * eng.off
    return {
        "greedy": st.greedy,
        "score": score,
        "security": parts["security"],
        "prosperity": st.prosperity,
        "stakes_won": st.stakes_won,
        "trust_received": trust.sum(axis=1) / max(n - 1, 1),
        "fought": st.fought,
        "outcome": st.outcome,
        "end_turn": st.end_turn,
    }
