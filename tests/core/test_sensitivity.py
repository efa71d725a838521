"""The sensitivity analysis and the theory's comparative statics it is checked against."""

import csv
import io
import re
from pathlib import Path

import numpy as np
import pytest

from game.cli import main
from game.core.files.scenario import load_scenario
from game.core.model import params as P
from game.core.runs.sensitivity import (
    elementary_effects,
    morris_effects,
    parse_range,
    preset_box,
    run_sensitivity,
    sample,
    sobol_effects,
)
from game.core.runs.statics import DOWN, NONE, PREDICTIONS, SIGN_WORDS, UP, judged

ROOT = Path(__file__).resolve().parents[2]
EA = load_scenario("east_asia_2023")
BOX = {"first_strike": (0.1, 0.4), "greedy_share": (0.1, 0.6)}


def linear(x: np.ndarray) -> np.ndarray:
    """War under deterrence rises 1.0 across first_strike's range; under dialogue 0.5 across greedy_share's."""
    unit = (x - np.array([0.1, 0.1])) / np.array([0.3, 0.5])
    det, dia = 1.0 * unit[:, 0], 0.5 * unit[:, 1]
    return np.column_stack([det, dia, dia - det])


def test_the_box_is_where_the_presets_differ_and_ranges_replace_or_add():
    """The default box spans the two presets' values where they differ; --range replaces or adds a span."""
    box = preset_box(EA)
    a, b = (P.Worldview.from_preset(w).as_dict() for w in ("deterrence-world", "spiral-world"))
    assert set(box) == {n for n in P.NAMES if a[n] != b[n]} and box["greedy_share"] == (0.2, 0.5)
    box = preset_box(EA, dict([parse_range("greedy_share=0:1"), parse_range("shadow_of_future=0.2:0.8")]))
    assert box["greedy_share"] == (0.0, 1.0) and box["shadow_of_future"] == (0.2, 0.8)
    for bad in ("nope=0:1", "greedy_share=0.5:0.1", "greedy_share=0:2", "greedy_share=1"):
        with pytest.raises(P.ParamError):
            parse_range(bad)


def test_morris_effects_of_a_known_linear_model_are_exact_and_judged_against_the_theory():
    """On a linear model every elementary effect is its slope across the range; signs are judged by the table."""
    x = sample("morris", BOX, 6, seed=2)
    y = linear(x)
    ee = elementary_effects(BOX, x, y[:, 0])
    assert len(ee[0]) == 6 and np.allclose(ee[0], 1.0) and np.allclose(ee[1], 0.0)
    effects = {(e.param, e.output): e for e in morris_effects(BOX, x, y, seed=2)}
    fs, gs = effects[("first_strike", "deterrence")], effects[("greedy_share", "verdict")]
    assert np.isclose(fs.mean, 1.0) and np.isclose(fs.low, 1.0) and np.isclose(fs.index, 1.0)
    assert fs.verdict == "agrees" and effects[("first_strike", "verdict")].verdict == "agrees"
    assert np.isclose(gs.mean, 0.5) and gs.verdict == "agrees"
    assert effects[("greedy_share", "deterrence")].verdict == ""  # the theory is silent there


def test_sobol_signed_effects_are_the_slopes_across_each_range():
    """With Sobol sampling the signed effect is the least-squares slope across each parameter's range."""
    x = sample("sobol", BOX, 16, seed=1)
    effects = {(e.param, e.output): e for e in sobol_effects(BOX, x, linear(x), seed=1)}
    assert np.isclose(effects[("first_strike", "deterrence")].mean, 1.0)
    assert np.isclose(effects[("greedy_share", "verdict")].mean, 0.5)
    assert effects[("first_strike", "deterrence")].index > 0.9  # S1: all the variance of that output


def test_judged_says_agrees_unclear_or_contradicts():
    """An interval wholly on the predicted side agrees, one holding zero is unclear, the other side contradicts."""
    assert judged(UP, 0.1, 0.3) == "agrees" and judged(DOWN, -0.3, -0.1) == "agrees"
    assert judged(UP, -0.1, 0.3) == "unclear" and judged(UP, -0.3, -0.1) == "contradicts"
    assert judged(NONE, -1, 1) == ""


def test_the_model_document_prints_the_same_comparative_statics_as_the_code():
    """docs/MODEL.md's Comparative statics table holds every parameter with the code's signs and sources."""
    text = (ROOT / "docs" / "MODEL.md").read_text(encoding="utf-8")
    section = text[text.index("## 12. Comparative statics") :]
    rows = re.findall(r"^\| `(\w+)` \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \|$", section, re.M)
    assert [r[0] for r in rows] == list(P.NAMES)
    for name, det, dia, verdict, source in rows:
        p = PREDICTIONS[name]
        assert (det, dia, verdict) == tuple(SIGN_WORDS[s] for s in (p.deterrence, p.dialogue, p.verdict))
        assert source == p.source


def test_a_small_sensitivity_run_plays_every_point_and_writes_its_table():
    """Two parameters, two trajectories, 20 games a point: 6 points, 3 outputs each, rows for the CSV."""
    r = run_sensitivity(EA, "morris", BOX, size=2, games=20, workers=1)
    assert r.points.shape == (6, 2) and r.outcomes.shape == (6, 3)
    assert np.allclose(r.outcomes[:, 2], r.outcomes[:, 1] - r.outcomes[:, 0])
    rows = list(csv.DictReader(io.StringIO(r.to_csv())))
    assert len(rows) == 2 * 3 and {row["index"] for row in rows} == {"mu_star"}
    assert r.ranked("verdict")[0] in BOX


def test_sensitivity_command_prints_the_table_and_refuses_bad_ranges(tmp_path, capsys):
    """`sensitivity` prints each parameter's effects and the check's summary; a bad --range is one line, exit 2."""
    out = tmp_path / "s.csv"
    args = ["--params", "first_strike,greedy_share", "--samples", "2", "--games", "20", "--workers", "1"]
    assert main(["sensitivity", *args, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "predicted signs:" in printed and "first_strike" in printed and out.exists()
    assert main(["sensitivity", "--range", "greedy_share=2:3"]) == 2
    err = capsys.readouterr().err
    assert "--range" in err and len(err.strip().splitlines()) == 1
