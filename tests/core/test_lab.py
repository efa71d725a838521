"""The comparative lab: common random numbers, the 2x2, sweeps and their crossover."""
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from game.core import params as P
from game.core.experiment import Condition, parse_axis, run_conditions, run_sweep, wilson
from game.core.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
EA = load_scenario("east_asia_2023")


def cells_equal(a, b):
    da, db = a.as_dict(), b.as_dict()
    da.pop("worldview"), db.pop("worldview")
    return json.dumps(da, sort_keys=True) == json.dumps(db, sort_keys=True)


def test_two_conditions_that_differ_in_nothing_give_identical_results():
    """Common random numbers: the same condition twice gives the very same numbers."""
    wv = P.Worldview.from_preset("spiral-world")
    a, b = run_conditions(EA, [Condition("reciprocity", wv), Condition("reciprocity", wv)], 300, seed=5,
                          workers=2, chunk=100)
    assert cells_equal(a, b)


def test_a_condition_does_not_depend_on_its_neighbours():
    """A condition's results are the same alone and beside other conditions."""
    wv = P.Worldview.from_preset("deterrence-world")
    alone = run_conditions(EA, [Condition("dialogue", wv)], 300, seed=9, workers=1)[0]
    crowd = run_conditions(EA, [Condition("deterrence", P.Worldview.from_preset("spiral-world")),
                                Condition("dialogue", wv), Condition("grit", wv)], 300, seed=9, workers=2, chunk=64)
    assert cells_equal(alone, crowd[1])


def test_same_seeds_same_dispositions_across_conditions():
    """Conditions share seeds, so they share dispositions: only the condition differs."""
    from game.core.batch import run_batch
    wv = P.Worldview.from_preset("spiral-world")
    seeds = np.arange(200) + 1
    a = run_batch(EA, seeds, ["deterrence"] * 8, np.tile(wv.array(), (200, 1)))
    b = run_batch(EA, seeds, ["dialogue"] * 8, np.tile(wv.array(), (200, 1)))
    assert np.array_equal(a.greedy, b.greedy)


def test_wilson_interval():
    """The Wilson interval matches known values."""
    lo, hi = wilson(10, 100)
    assert abs(lo - 0.0552) < 1e-3 and abs(hi - 0.1744) < 1e-3
    assert wilson(0, 2000)[0] < 1e-12 and wilson(2000, 2000)[1] > 1 - 1e-12


def run(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


def test_compare_2x2_each_doctrine_wins_its_own_world():
    """`compare --games 2000 --json`: each doctrine has the lower war rate in its own world, intervals apart."""
    r = run("compare", "--scenario", "east_asia_2023", "--games", "2000", "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    cells = {(c["doctrine"], c["worldview"]): c for c in data["cells"]}
    assert len(cells) == 4
    for c in cells.values():
        for key in ("games", "war_rate", "war_rate_ci", "lockin_rate", "community_rate", "mean_trust", "mean_tension"):
            assert key in c
        assert c["games"] == 2000
    det_w = cells[("deterrence", "deterrence-world")], cells[("dialogue", "deterrence-world")]
    spi_w = cells[("dialogue", "spiral-world")], cells[("deterrence", "spiral-world")]
    for winner, loser in (det_w, spi_w):
        assert winner["war_rate"] < loser["war_rate"]
        assert winner["war_rate_ci"][1] < loser["war_rate_ci"][0]
    assert "%" in r.stderr  # progress went to stderr


def test_sweep_finds_a_crossover_inside_the_range():
    """`sweep --param greedy_share=0:1:11` finds where the better doctrine changes, strictly inside 0..1."""
    r = run("sweep", "--scenario", "east_asia_2023", "--param", "greedy_share=0:1:11", "--games", "1000", "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["crossovers"], data["summary"]
    x = data["crossovers"][0]["at"]
    assert 0.0 < x < 1.0
    assert any("leads while greedy_share <" in s for s in data["summary"])


def test_two_parameter_sweep_reports_per_row():
    """A two-parameter sweep runs the grid and reports crossovers row by row."""
    sweep = run_sweep(EA, [parse_axis("greedy_share=0:1:3"), parse_axis("misperception=0.1:0.4:2")],
                      ["deterrence", "dialogue"], EA.worldview, 120, workers=2)
    assert len(sweep.points) == 6
    assert sweep.war_grid("dialogue").shape == (3, 2)
    for c in sweep.crossovers():
        assert "misperception" in c


@pytest.mark.parametrize("args,needle", [
    (["compare", "--games", "0"], "--games"),
    (["compare", "--doctrines", "appeasement"], "unknown doctrine or profile"),
    (["compare", "--worldviews", "flat-world"], "unknown worldview"),
    (["sweep", "--param", "luck=0:1:3"], "unknown parameter 'luck'"),
    (["sweep", "--param", "greedy_share=0:1"], "LOW:HIGH:STEPS"),
    (["sweep", "--param", "greedy_share=0:2:5"], "out of range"),
    (["sweep"], "--param"),
])
def test_lab_commands_reject_bad_arguments(args, needle):
    """Bad lab arguments: one line, exit 2."""
    r = run(*args)
    assert r.returncode == 2 and needle in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
