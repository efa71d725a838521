"""The per-turn table: one row per game, turn and actor, its public columns named as such."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import numpy as np

from game.core.files.scenario import load_scenario
from game.core.runs.game_table import play_table
from game.core.runs.turn_table import columns, turn_table_text
from game.core.model.vocab import Action

ROOT = Path(__file__).resolve().parents[2]
EA = load_scenario("east_asia_2023")
SEEDS = np.arange(1, 13)


def rows_of(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_one_row_per_game_turn_and_actor_that_ends_as_the_per_game_table():
    """Every turn each game played has one row per actor, and its last turn's trust is the per-game table's."""
    rows = rows_of(turn_table_text(EA, SEEDS, None))
    table = play_table(EA, SEEDS)
    assert len(rows) == int(table.end_turn.sum()) * EA.n
    assert list(rows[0]) == list(columns(EA.codes))
    for g, seed in enumerate(SEEDS):
        last = [r for r in rows if int(r["seed"]) == seed and int(r["turn"]) == int(table.end_turn[g])]
        assert [r["actor"] for r in last] == list(EA.codes)
        assert [float(r["trust_received"]) for r in last] == [round(float(v), 4) for v in table.trust_received[g]]


def test_public_columns_hold_moves_stances_backing_and_crises():
    """Moves are actions, targets actors; stances are given only by parties to crises open at the turn's start."""
    rows = rows_of(turn_table_text(EA.with_worldview(EA.worldview.from_preset("deterrence-world")), SEEDS, None))
    assert all(r["public_move"] in Action.__members__ for r in rows)
    assert all(r["public_target"] in ("", *EA.codes) for r in rows)
    parties = {s.id: set(s.parties) for s in EA.stakes}
    stances = [(r, item.split(":")) for r in rows for item in r["public_stance"].split()]
    assert stances, "some crisis in 12 deterrence-world games"
    for r, (stake, stance) in stances:
        assert EA.index(r["actor"]) in parties[stake] and stance in ("STAND_FIRM", "ESCALATE", "SETTLE", "BACK_DOWN")
    assert all(int(r["public_open_crises"]) == len(r["public_crises"].split()) for r in rows)
    assert all(r[f"public_tension_{r['actor']}"] == "" for r in rows)


def test_simulate_per_turn_writes_csv_and_jsonl(tmp_path):
    """`simulate --games N --per turn --out` writes the table as CSV or JSON lines; --per turn needs --games."""
    run = lambda *a: subprocess.run([sys.executable, str(ROOT / "main.py"), *a], capture_output=True, text=True)  # noqa: E731
    out = tmp_path / "turns.jsonl"
    r = run("simulate", "--games", "3", "--per", "turn", "--out", str(out))
    assert r.returncode == 0, r.stderr
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert lines and set(lines[0]) == set(columns(EA.codes)) and "rows (turn × actor)" in r.stderr
    r = run("simulate", "--per", "turn")
    assert r.returncode == 2 and "--games" in r.stderr
