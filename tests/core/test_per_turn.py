"""The per-turn table: one row per game, turn and actor, its public columns named as such."""

import csv
import io
import json
from pathlib import Path

import numpy as np

from game.core.files.scenario import load_scenario
from game.core.runs.game_table import play_table
from game.core.runs.turn_table import columns, turn_table_text
from game.core.model.vocab import Action
from tests.inprocess import run_main

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
    run = run_main  # the command, in this process
    out = tmp_path / "turns.jsonl"
    r = run("simulate", "--games", "3", "--per", "turn", "--out", str(out))
    assert r.returncode == 0, r.stderr
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert lines and set(lines[0]) == set(columns(EA.codes)) and "rows (turn × actor)" in r.stderr
    r = run("simulate", "--per", "turn")
    assert r.returncode == 2 and "--games" in r.stderr


def test_public_features_read_only_public_columns_of_the_first_turns():
    """Features count each actor's public moves over turns 1-3 and ignore later turns and private columns."""
    from game.core.runs.inference import MOVES, public_features

    rows = rows_of(turn_table_text(EA, SEEDS[:3], None))
    x, seeds = public_features(rows, EA.codes, turns=3)
    assert x.shape[0] == 3 and seeds == ["1", "2", "3"]
    m = len(MOVES)
    assert x[:, : EA.n * m].sum() == sum(1 for r in rows if int(r["turn"]) <= 3)
    hidden = [dict(r, type="greedy", trust_received="0.0", doctrine="x") for r in rows]
    assert np.array_equal(public_features(hidden, EA.codes)[0], x)


def test_cross_validated_logistic_regression_names_a_separable_world_and_not_a_coin():
    """A feature that decides the label is learned (accuracy 1); pure noise gives about half right."""
    from game.core.runs.inference import cross_validated_accuracy

    rng = np.random.default_rng(3)
    y = rng.random(400) < 0.5
    signal = np.column_stack([y + rng.normal(0, 0.1, 400), rng.normal(size=400)])
    assert cross_validated_accuracy(signal, y)[0] == 1.0
    acc, low, high = cross_validated_accuracy(rng.normal(size=(400, 3)), y)
    assert 0.4 < acc < 0.6 and low < 0.5 < high


def test_crisis_counts_see_stances_at_the_brink_and_who_faces_crises():
    """Standing firm (and accidents) at the brink are counted when parties are made to stand firm; shares sum to 1."""
    from game.core.model.plans import with_policies
    from game.core.runs.crisis_counts import count_crises

    world = EA.with_worldview(EA.worldview.from_preset("spiral-world"))
    firm = with_policies(EA.default_doctrines(), dict.fromkeys(range(EA.n), "firm"), {})
    c = count_crises(world, SEEDS, firm)
    assert c.crises > 0 and c.events["firm_at_brink"] > 0 and c.events["audience_cost"] == 0
    assert c.faced_any.shape == (SEEDS.size, EA.n) and c.score.shape == (SEEDS.size, EA.n)
    assert abs(c.dialogue_share.sum() - 1.0) < 1e-9
    settle = with_policies(EA.default_doctrines(), dict.fromkeys(range(EA.n), "settle"), {})
    assert count_crises(world, SEEDS, settle).events["firm_at_brink"] == 0
    foggy = EA.with_worldview(EA.worldview.from_preset("spiral-world", {"misperception": 1.0}))
    assert count_crises(foggy, SEEDS, firm).events["accident"] > 0  # no one escalates: only accidents start wars
