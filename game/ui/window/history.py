"""Series read from a game's turn entries for charts and the debrief (no model arithmetic)."""

from __future__ import annotations

import numpy as np

from game.core.play.session import Game


def mean_trust(entry: dict) -> float:
    t = np.asarray(entry["trust"], dtype=float)
    off = ~np.eye(len(t), dtype=bool)
    return float(t[off].mean())


def opening(game: Game) -> dict:
    """The map's picture before turn 1, read from a fresh engine of the same game."""
    fresh = Game(game.scenario, game.seed, game.doctrines, turns=game.turn_limit)
    st = fresh.state
    n = game.scenario.n
    trust = np.clip(np.asarray(game.scenario.trust, dtype=float), 0.02, 0.98)
    np.fill_diagonal(trust, 1.0)
    return {
        "turn": 0,
        "regional_tension": float(st.regional_tension[0]),
        "trust": trust.tolist(),
        "tension": np.asarray(st.tension[0]).tolist(),
        "crisis": np.zeros((n, n), dtype=int).tolist(),
        "card": None,
        "actions": {},
        "causes": {"trust": [], "tension": []},
        "challenges": [],
    }


def series(turns: list[dict], start: dict | None = None) -> dict:
    """Regional tension and mean trust (both 0..100) by turn, from turn 0 when start is given."""
    entries = ([start] if start else []) + list(turns)
    return {
        "turn": [e["turn"] for e in entries],
        "tension": [e["regional_tension"] for e in entries],
        "trust": [100.0 * mean_trust(e) for e in entries],
    }


def pair_series(turns: list[dict], i: int, j: int, start: dict | None = None) -> dict:
    entries = ([start] if start else []) + list(turns)
    return {
        "turn": [e["turn"] for e in entries],
        "trust_ab": [100.0 * e["trust"][i][j] for e in entries],
        "trust_ba": [100.0 * e["trust"][j][i] for e in entries],
        "tension": [100.0 * e["tension"][i][j] for e in entries],
    }


def biggest_moves(turns: list[dict], start_tension: float, k: int = 3) -> list[tuple[dict, float]]:
    """The k turns that moved regional tension most (either way), in turn order."""
    moves = []
    before = start_tension
    for e in turns:
        moves.append((e, e["regional_tension"] - before))
        before = e["regional_tension"]
    top = sorted(moves, key=lambda m: -abs(m[1]))[:k]
    return sorted(top, key=lambda m: m[0]["turn"])


def actor_pairs(n: int) -> list[tuple[int, int]]:
    return [(i, j) for i in range(n) for j in range(i + 1, n)]
