"""The comparative lab: common random numbers, the 2x2, sweeps and their crossover."""

import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.inprocess import run_main

from game.core.model import params as P
from game.core.runs.experiment import Condition, parse_axis, run_conditions, run_sweep
from game.core.runs.results import wilson
from game.core.files.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
EA = load_scenario("east_asia_2023")
# turns of the runs that check how games are gathered and summed, not what they show: the cost of a run is
# about its turns times its pieces, and by turn 12 games have ended in war and in a community at several turns
SHORT = 12


def cells_equal(a, b):
    da, db = a.as_dict(), b.as_dict()
    da.pop("worldview"), db.pop("worldview")
    return json.dumps(da, sort_keys=True) == json.dumps(db, sort_keys=True)


def test_two_conditions_that_differ_in_nothing_give_identical_results():
    """Common random numbers: the same condition twice gives the very same numbers."""
    wv = P.Worldview.from_preset("spiral-world")
    a, b = run_conditions(
        EA, [Condition("reciprocity", wv), Condition("reciprocity", wv)], 150, seed=5, turns=SHORT, workers=2, chunk=50
    )
    assert cells_equal(a, b)


def test_a_condition_does_not_depend_on_its_neighbours():
    """A condition's results are the same alone and beside other conditions."""
    wv = P.Worldview.from_preset("deterrence-world")
    alone = run_conditions(EA, [Condition("dialogue", wv)], 150, seed=9, turns=SHORT, workers=1)[0]
    crowd = run_conditions(
        EA,
        [
            Condition("deterrence", P.Worldview.from_preset("spiral-world")),
            Condition("dialogue", wv),
            Condition("grit", wv),
        ],
        150,
        seed=9,
        turns=SHORT,
        workers=2,
        chunk=64,
    )
    assert cells_equal(alone, crowd[1])


def test_same_seeds_same_dispositions_across_conditions():
    """Conditions share seeds, so they share dispositions: only the condition differs."""
    from game.core.runs.batch import run_batch

    wv = P.Worldview.from_preset("spiral-world")
    seeds = np.arange(200) + 1
    a = run_batch(EA, seeds, ["deterrence"] * 8, np.tile(wv.array(), (200, 1)), turns=1)  # drawn before turn 1
    b = run_batch(EA, seeds, ["dialogue"] * 8, np.tile(wv.array(), (200, 1)), turns=1)
    assert np.array_equal(a.greedy, b.greedy)


def test_wilson_interval():
    """The Wilson interval matches known values."""
    lo, hi = wilson(10, 100)
    assert abs(lo - 0.0552) < 1e-3 and abs(hi - 0.1744) < 1e-3
    assert wilson(0, 2000)[0] < 1e-12 and wilson(2000, 2000)[1] > 1 - 1e-12


run = run_main  # the lab commands, in this process


def test_compare_2x2_reports_each_cell_with_its_interval():
    """`compare --games 400 --json`: four cells, each with its games, rates and 95% intervals, and each doctrine
    with the lower war rate in its own world (test_fairness holds them 95% intervals apart over 1,500 games)."""
    r = run("compare", "--scenario", "east_asia_2023", "--games", "400", "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    cells = {(c["doctrine"], c["worldview"]): c for c in data["cells"]}
    assert len(cells) == 4
    for c in cells.values():
        for key in ("games", "war_rate", "war_rate_ci", "lockin_rate", "community_rate", "mean_trust", "mean_tension"):
            assert key in c
        assert c["games"] == 400
        assert c["war_rate_ci"][0] <= c["war_rate"] <= c["war_rate_ci"][1]
    det_w = cells[("deterrence", "deterrence-world")], cells[("dialogue", "deterrence-world")]
    spi_w = cells[("dialogue", "spiral-world")], cells[("deterrence", "spiral-world")]
    for winner, loser in (det_w, spi_w):
        assert winner["war_rate"] < loser["war_rate"]
    assert r.stderr == ""  # no progress bar when stderr is not a terminal


@pytest.mark.parametrize(
    "points,games",
    [pytest.param("6", "300", id="6-points"), pytest.param("11", "1000", id="11-points", marks=pytest.mark.slow)],
)
def test_sweep_finds_a_crossover_inside_the_range(points, games):
    """`sweep --param greedy_share=0:1:N` finds where the better doctrine changes, strictly inside 0..1
    (6 points of 300 games; 11 of 1,000 with --runslow)."""
    r = run(
        "sweep", "--scenario", "east_asia_2023", "--param", f"greedy_share=0:1:{points}", "--games", games, "--json"
    )
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["crossovers"], data["summary"]
    x = data["crossovers"][0]["at"]
    assert 0.0 < x < 1.0
    assert any("leads while greedy_share <" in s for s in data["summary"])


def test_two_parameter_sweep_reports_per_row():
    """A two-parameter sweep runs the grid and reports crossovers row by row."""
    sweep = run_sweep(
        EA,
        [parse_axis("greedy_share=0:1:3"), parse_axis("misperception=0.1:0.4:2")],
        ["deterrence", "dialogue"],
        EA.worldview,
        120,
        turns=SHORT,
        workers=2,
    )
    assert len(sweep.points) == 6
    assert sweep.war_grid("dialogue").shape == (3, 2)
    for c in sweep.crossovers():
        assert "misperception" in c


@pytest.mark.parametrize(
    "args,needle",
    [
        (["compare", "--games", "0"], "--games"),
        (["compare", "--doctrines", "appeasement"], "unknown doctrine or profile"),
        (["compare", "--worldviews", "flat-world"], "unknown worldview"),
        (["sweep", "--param", "luck=0:1:3"], "unknown parameter 'luck'"),
        (["sweep", "--param", "greedy_share=0:1"], "LOW:HIGH:STEPS"),
        (["sweep", "--param", "greedy_share=0:2:5"], "out of range"),
        (["sweep"], "--param"),
    ],
)
def test_lab_commands_reject_bad_arguments(args, needle):
    """Bad lab arguments: one line, exit 2."""
    r = run(*args)
    assert r.returncode == 2 and needle in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr


@pytest.mark.parametrize("games,chunk", [(200, 29), (300, 1000)], ids=["small-chunks", "worlds-in-one-batch"])
def test_summing_as_games_finish_gives_the_numbers_of_all_games_at_once(games, chunk):
    """Games summed as they finish (in small chunks, or two worlds played in one batch) give bit for bit what
    summarising each condition's games at once gives."""
    from game.core.runs.batch import run_batch

    conds = [Condition("reciprocity", P.Worldview.from_preset(w)) for w in ("spiral-world", "deterrence-world")]
    streamed = run_conditions(EA, conds, games, seed=3, turns=SHORT, workers=2, chunk=chunk)
    for cond, got in zip(conds, streamed):
        seeds, worldviews = np.arange(games) + 3, np.tile(cond.worldview.array(), (games, 1))
        whole = run_batch(EA, seeds, ["reciprocity"] * EA.n, worldviews, turns=SHORT)
        assert json.dumps(got.as_dict()) == json.dumps(whole.results(cond, EA.codes).as_dict())


def test_a_single_turn_is_summed_as_numpy_sums_a_column():
    """With one turn the per-turn means follow numpy's pairwise column sum, and still match all games at once."""
    from game.core.runs.batch import run_batch

    cond = Condition("dialogue", P.Worldview.from_preset("deterrence-world"))
    streamed = run_conditions(EA, [cond], 300, seed=1, turns=1, workers=1, chunk=41)[0]
    whole = run_batch(EA, np.arange(300) + 1, ["dialogue"] * EA.n, np.tile(cond.worldview.array(), (300, 1)), turns=1)
    assert json.dumps(streamed.as_dict()) == json.dumps(whole.results(cond, EA.codes).as_dict())


@pytest.mark.parametrize("n", [1, 7, 8, 127, 128, 129, 1000, 4099])
def test_pairwise_sum_matches_numpy_for_any_chunking(n):
    """PairwiseSum fed in uneven pieces equals numpy's sum of each whole column, to the last bit."""
    from game.core.runs.tally import PairwiseSum

    rng = np.random.default_rng(n)
    table = rng.standard_normal((n, 3)) * 10.0 ** rng.uniform(-3, 8, (n, 3))
    acc = PairwiseSum(n, 3)
    start = 0
    while start < n:
        size = int(rng.integers(1, 300))
        acc.add(table[start : start + size])
        start += size
    assert np.array_equal(acc.total(), np.array([table[:, k].sum() for k in range(3)]))


def test_bands_beyond_the_exact_limit_come_from_a_fine_histogram(monkeypatch):
    """Past the exact limit the 10th–90th percentile bands are read from histograms, within a bin of the exact ones."""
    from game.core.runs import experiment, tally

    cond = Condition("deterrence", P.Worldview.from_preset("spiral-world"))
    exact = run_conditions(EA, [cond], 400, seed=2, workers=1)[0]
    monkeypatch.setattr(experiment, "EXACT_BAND_VALUES", 0)
    rough = run_conditions(EA, [cond], 400, seed=2, workers=1)[0]
    assert np.array_equal(exact.tension_mean, rough.tension_mean)
    step = tally.BAND_RANGE["tension"] / tally.BAND_BINS
    assert np.abs(exact.tension_band - rough.tension_band).max() <= 2 * step
    assert np.abs(exact.trust_band - rough.trust_band).max() <= 2 * tally.BAND_RANGE["trust"] / tally.BAND_BINS


def test_a_sweep_keeps_no_per_turn_paths():
    """A sweep's cells carry rates and means, not per-turn paths, so a big grid holds little."""
    axes = [parse_axis("greedy_share=0:1:3")]
    sweep = run_sweep(EA, axes, ["deterrence", "dialogue"], EA.worldview, 50, turns=SHORT, workers=1)
    cell = sweep.points[0][1]["dialogue"]
    assert cell.tension_mean.size == 0 and cell.games == 50


def test_descending_and_empty_sweep_ranges_are_refused():
    """`greedy_share=1:0:5` (high to low) and a range of one value are refused with the one-line error, exit 2."""
    for spec in ("greedy_share=1:0:5", "greedy_share=0.5:0.5:3"):
        r = run("sweep", "--param", spec)
        assert r.returncode == 2 and "must be below HIGH" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def _cell(doctrine, wars, games=200):
    from game.core.runs.results import Results

    counts = {"war": wars, "lockin": 0, "community": 0, "none": games - wars}
    empty = np.zeros(0)
    return Results(
        Condition(doctrine, P.Worldview.from_preset("deterrence-world")),
        games,
        counts,
        0.5,
        20.0,
        30.0,
        {},
        empty,
        np.zeros((2, 0)),
        empty,
        np.zeros((2, 0)),
    )


def test_ties_are_named_as_ties():
    """Two doctrines sharing the lowest war rate are named together as a tie; a single best says whether its
    interval is clear."""
    from game.core.runs.lab_format import verdict, winner_lines

    best, sentence = verdict([_cell("deterrence", 0), _cell("dialogue", 20), _cell("opportunist", 0)])
    assert best == {"deterrence", "opportunist"}
    assert sentence == "deterrence and opportunist tie for the lowest war rate (0.0%)"
    assert winner_lines([_cell("grit", 3), _cell("dialogue", 40)]) == [
        "in deterrence-world: grit has the lowest war rate (1.5%), its 95% interval clear of the next"
    ]


def test_compare_writes_rates_and_intervals_as_percentages():
    """Every rate and every interval of compare's text table is a percentage with one decimal."""
    r = run(
        "compare",
        "--games",
        "150",
        "--doctrines",
        "deterrence,opportunist,dialogue",
        "--worldviews",
        "deterrence-world",
        "--turns",
        str(SHORT),
    )
    assert r.returncode == 0, r.stderr
    rows = [line for line in r.stdout.splitlines() if line.startswith("deterrence-world ")]
    assert len(rows) == 3
    for line in rows:
        assert re.search(r" \d+\.\d% \[\d+\.\d–\d+\.\d\] ", line) and line.count("%") == 3, line
    assert r.stdout.strip().splitlines()[-1].startswith("in deterrence-world: ")


def test_compare_honours_the_scenarios_own_worldview_values(tmp_path):
    """A scenario whose [worldview] changes its own preset plays those values in compare, as simulate does."""
    text = (ROOT / "assets" / "scenarios" / "two_rivals.toml").read_text(encoding="utf-8")
    path = tmp_path / "calm_rivals.toml"
    path.write_text(
        text.replace('name = "two_rivals"', 'name = "calm_rivals"').replace(
            "[worldview]\n", "[worldview]\ngreedy_share = 0.0\n"
        ),
        encoding="utf-8",
    )
    r = run("compare", "--scenario", str(path), "--games", "20", "--json")
    assert r.returncode == 0, r.stderr
    own = load_scenario(str(path)).worldview.preset
    for cell in json.loads(r.stdout)["cells"]:
        share = cell["worldview_values"]["greedy_share"]
        assert (share == 0.0) == (cell["worldview"].startswith(own)), cell["worldview"]


def test_progress_bar_goes_to_a_terminal_on_stderr():
    """On a terminal, compare draws a tqdm progress bar on stderr and keeps stdout for the results."""
    import fcntl
    import os
    import pty
    import struct
    import termios

    main_fd, child_fd = pty.openpty()
    fcntl.ioctl(child_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a 100-column terminal
    try:
        r = subprocess.run(
            [
                sys.executable,
                str(ROOT / "main.py"),
                "compare",
                "--games",
                "300",
                "--turns",
                "5",
                "--json",
                "--workers",
                "1",
            ],
            stdout=subprocess.PIPE,
            stderr=child_fd,
            cwd=ROOT,
            timeout=120,
        )
        os.close(child_fd)
        seen = b""
        while True:
            try:
                data = os.read(main_fd, 4096)
            except OSError:
                break
            if not data:
                break
            seen += data
    finally:
        os.close(main_fd)
    assert r.returncode == 0
    assert json.loads(r.stdout)["games"] == 300
    assert b"100%" in seen and b"1200/1200" in seen, seen[-300:]
