"""The per-turn table for research: one row per game, turn and actor, as pandas or R read it.

The columns named `public_...` are what every player sees during the game (the moves made, the
stances and backing in crises, tension on the map, regional tension, the open crises); the
others are hidden from the other players (the actor's type and doctrine, and the others' trust in
it, which is each observer's own belief). Columns:

- seed, worldview, turn, actor, type, doctrine
- trust_received: the others' mean trust in the actor after the turn
- public_move, public_target: the move made (after action noise) and its target's code ('' if none)
- public_stance: the actor's stance in each crisis it was a party to, as STAKE:STANCE, space-separated
- public_backing: the crises in which it backed an ally, as STAKE:PARTY, space-separated
- public_tension_mean and public_tension_CODE for every other actor: pair tension after the turn
- public_regional_tension: 0-100 after the turn
- public_open_crises: how many crises are open after the turn; public_crises: them, as STAKE:RUNG
"""

from __future__ import annotations

from typing import Iterator

import numpy as np

from ..model.engine import Engine, params_matrix
from ..model.rules.crises import OUT
from ..model.vocab import Action, Stance
from ..model.world import Scenario
from .game_table import csv_text, jsonl_text

BLOCK = 1024  # games stepped together
MAX_GAMES = 10_000  # a row per game, turn and actor: 10,000 games of 30 turns are 2.4 million rows
ACTIONS = [a.name for a in Action]
STANCES = [s.name for s in Stance]


def columns(codes) -> tuple[str, ...]:
    """The table's columns for a scenario with these actor codes."""
    head = ("seed", "worldview", "turn", "actor", "type", "doctrine", "trust_received")
    public = ("public_move", "public_target", "public_stance", "public_backing", "public_tension_mean")
    tail = ("public_regional_tension", "public_open_crises", "public_crises")
    return head + public + tuple(f"public_tension_{c}" for c in codes) + tail


def play_turns(scenario: Scenario, seeds, doctrines=None, param_values=None, turns=None, block: int = BLOCK):
    """Each turn of every game, block by block: yields (engine, seeds of the block, turn log)."""
    seeds = np.asarray(seeds, dtype=np.uint64).reshape(-1)
    if param_values is None:
        param_values = params_matrix(scenario.worldview, seeds.size)
    for s in range(0, seeds.size, block):
        eng = Engine(scenario, seeds[s : s + block], doctrines, param_values[s : s + block], turns, causes=False)
        while not eng.done:
            yield eng, seeds[s : s + block], eng.step()


def _crisis_text(ids, per_stake: np.ndarray, show) -> str:
    return " ".join(f"{ids[s]}:{show(v)}" for s, v in enumerate(per_stake) if v is not None)


def turn_rows(eng: Engine, seeds, log, doctrines, worlds) -> Iterator[dict]:
    """The rows of one turn of a block of games (the games still going at the start of it)."""
    sc, n = eng.scenario, eng.n
    codes, ids = sc.codes, [stake.id for stake in sc.stakes]
    party = eng.stakes.party  # (S, 2)
    trust_in = (log.trust * eng.off).sum(axis=1) / max(n - 1, 1)
    tension = log.tension
    tension_mean = (tension * eng.off).sum(axis=2) / max(n - 1, 1)
    open_after = (log.stake_rung > 0) & (log.stake_rung < 4)
    greedy = eng.state.greedy
    for g in np.flatnonzero(log.active):
        crises = " ".join(f"{ids[s]}:{int(log.stake_rung[g, s])}" for s in np.flatnonzero(open_after[g]))
        open_before = (log.rung_before[g] > 0) & (log.rung_before[g] < 4)
        for i, code in enumerate(codes):
            t = int(log.target[g, i])
            stance = [
                STANCES[int(log.stance[g, s, list(party[s]).index(i)])] if open_before[s] and i in party[s] else None
                for s in range(len(ids))
            ]
            backed = [
                codes[int(party[s, int(log.backing[g, s, i]) - 1])] if log.backing[g, s, i] != OUT else None
                for s in range(len(ids))
            ]
            row = {
                "seed": int(seeds[g]),
                "worldview": worlds[g] if not isinstance(worlds, str) else worlds,
                "turn": log.turn,
                "actor": code,
                "type": "greedy" if greedy[g, i] else "security-seeking",
                "doctrine": doctrines[i],
                "trust_received": round(float(trust_in[g, i]), 4),
                "public_move": ACTIONS[int(log.action[g, i])],
                "public_target": codes[t] if 0 <= t < n else "",
                "public_stance": _crisis_text(ids, stance, str),
                "public_backing": _crisis_text(ids, backed, str),
                "public_tension_mean": round(float(tension_mean[g, i]), 4),
                "public_regional_tension": round(float(log.regional_tension[g]), 4),
                "public_open_crises": int(open_after[g].sum()),
                "public_crises": crises,
            }
            row.update(
                {
                    f"public_tension_{c}": round(float(tension[g, i, j]), 4) if j != i else None
                    for j, c in enumerate(codes)
                }
            )
            yield row


def turn_table_text(scenario: Scenario, seeds, doctrines, suffix: str = ".csv", param_values=None, worlds=None) -> str:
    """The per-turn table of these games as CSV (suffix .csv) or JSON lines (.jsonl); worlds: each
    game's worldview label (default: the scenario's)."""
    doctrines = list(doctrines or scenario.default_doctrines())
    seeds = np.asarray(seeds, dtype=np.uint64).reshape(-1)
    worlds = scenario.worldview.label if worlds is None else worlds
    cols = columns(scenario.codes)
    parts = [csv_text([], cols)] if suffix == ".csv" else []
    for s in range(0, seeds.size, BLOCK):
        block_worlds = worlds if isinstance(worlds, str) else worlds[s : s + BLOCK]
        values = None if param_values is None else param_values[s : s + BLOCK]
        for eng, block_seeds, log in play_turns(scenario, seeds[s : s + BLOCK], doctrines, values):
            rows = turn_rows(eng, block_seeds, log, doctrines, block_worlds)
            parts.append(csv_text(rows, cols, header=False) if suffix == ".csv" else jsonl_text(rows))
    return "".join(parts)
