"""The tournament of plans: every plan of each seat, in each world, over the same seeds."""

import csv
import io
from pathlib import Path

import numpy as np

from game.core.files.scenario import load_scenario
from game.core.runs.game_table import play_table
from game.core.runs.measures import in_world
from game.core.runs.tournament import Tournament, mean_interval, plan_names, run_tournament, summary_lines
from tests.inprocess import run_main

ROOT = Path(__file__).resolve().parents[2]
RIVALS = load_scenario("two_rivals")
WORLDS = ("deterrence-world", "spiral-world")


def fake(scores: dict) -> Tournament:
    """A tournament of one seat with the given per-game scores, (world, plan) -> list."""
    plans = tuple(sorted({p for _, p in scores}))
    score = {(w, 0, p): np.array(v, dtype=float) for (w, p), v in scores.items()}
    war = {key: np.zeros(len(v), dtype=bool) for key, v in score.items()}
    return Tournament(("AZR",), (0,), plans, WORLDS, 4, 1, score, war)


def test_plan_names_cross_moves_stances_and_backings():
    """Every move × stance × backing is a plan; the doctrine's own choices give its bare name."""
    assert plan_names(["dialogue"], ["own", "settle"], ["own", "never"]) == [
        "dialogue",
        "dialogue+own+never",
        "dialogue+settle+own",
        "dialogue+settle+never",
    ]


def test_best_near_best_everywhere_and_the_loss_in_the_other_world():
    """The best plan and those within its interval per world; a plan best in both; a paired loss."""
    t = fake(
        {
            ("deterrence-world", "a"): [50, 52, 48, 50],
            ("deterrence-world", "b"): [49, 51, 47, 50],
            ("deterrence-world", "c"): [10, 10, 10, 10],
            ("spiral-world", "a"): [30, 30, 30, 30],
            ("spiral-world", "b"): [60, 61, 59, 60],
            ("spiral-world", "c"): [60, 61, 59, 60],
        }
    )
    assert t.best("deterrence-world", 0) == "a" and t.near_best("deterrence-world", 0) == ["a", "b"]
    assert t.near_best("spiral-world", 0) == ["b", "c"] and t.best_everywhere(0) == ["b"]
    mean, low, high = t.loss(0, "deterrence-world", "spiral-world")
    assert mean == 30.0 and 28.0 < low < mean < high < 32.0  # a gives up 29 to 31 points in each spiral game
    assert t.loss(0, "spiral-world", "deterrence-world")[0] == 0.75  # b and c tie in spiral: b moves
    assert t.loss(0, "deterrence-world", "spiral-world", near=True)[0] == 0.0  # b, as good as a at home, loses nothing
    assert mean_interval(np.array([1.0, 3.0]))[0] == 2.0
    text = "\n".join(summary_lines(t))
    assert "seats with a plan best in every world: 1 of 1" in text and "either way 1 of 1, both ways 0" in text


def test_a_tournament_plays_every_plan_on_the_same_seeds_as_the_per_game_table():
    """Each cell is the seat's scores over the same seeds, as the per-game table gives them for that plan alone
    (plans that share a move doctrine play side by side in one batch)."""
    plans = ["reciprocity", "reciprocity+settle+never", "always-arm+settle+own"]
    t = run_tournament(RIVALS, [0, 1], plans, WORLDS, games=30, seed=5, workers=1)
    assert len(t.score) == 2 * 2 * 3
    for w in WORLDS:
        for plan in plans:
            for seat in (0, 1):
                doctrines = list(RIVALS.default_doctrines())
                doctrines[seat] = plan
                table = play_table(in_world(RIVALS, w), np.arange(5, 35), doctrines)
                assert np.array_equal(t.score[(w, seat, plan)], table.score[:, seat])
                assert np.array_equal(t.war[(w, seat, plan)], table.at_war[:, seat])
    rows = list(csv.DictReader(io.StringIO(t.to_csv())))
    assert len(rows) == 12 and {r["rank"] for r in rows} == {"1", "2", "3"}


def test_tournament_command_prints_and_writes_its_table(tmp_path):
    """`tournament` with restricted plans prints the best per seat and world and writes the CSV; bad names exit 2."""
    out = tmp_path / "t.csv"
    args = ["--scenario", "two_rivals", "--games", "20", "--workers", "1", "--moves", "dialogue,always-arm"]
    args += ["--stances", "own,settle", "--backings", "own", "--out", str(out)]
    r = run_main("tournament", *args)
    assert r.returncode == 0, r.stderr
    assert "the best plans per seat" in r.stdout and "seats losing" in r.stdout
    assert len(out.read_text().splitlines()) == 1 + 2 * 2 * 4
    r = run_main("tournament", "--stances", "wobble")
    assert r.returncode == 2 and "allowed: firm" in r.stderr


def test_plans_side_by_side_in_east_asia_equal_each_plan_alone():
    """In a region whose crises are read by the others (east_asia_2023, spiral world), a seat's plans played side
    by side give the scores each plan gives alone: the others read a plan's stances by its doctrine's rule."""
    ea = load_scenario("east_asia_2023")
    plans = ["deterrence", "deterrence+settle+never", "deterrence+escalate+always"]
    t = run_tournament(ea, [0], plans, ("spiral-world",), games=12, seed=3, workers=1)
    for plan in plans:
        doctrines = list(ea.default_doctrines())
        doctrines[0] = plan
        table = play_table(in_world(ea, "spiral-world"), np.arange(3, 15), doctrines)
        assert np.array_equal(t.score[("spiral-world", 0, plan)], table.score[:, 0])
