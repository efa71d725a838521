import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.inprocess import run_main

ROOT = Path(__file__).resolve().parents[2]


def real_process(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


run = run_main  # in this process; the tests named "real process" start Python as a user would


def test_simulate_prints_a_full_game():
    """`simulate --scenario east_asia_2023 --seed 1` prints every turn, the outcome and the scores."""
    r = run("simulate", "--scenario", "east_asia_2023", "--seed", "1")
    assert r.returncode == 0, r.stderr
    assert "Turn  1" in r.stdout and "Outcome:" in r.stdout and "Hidden dispositions:" in r.stdout


def test_simulate_json_has_the_promised_keys():
    """`simulate --json` prints the whole record with seed, scenario, worldview, outcome, turns, scores."""
    r = run(
        "simulate",
        "--seed",
        "3",
        "--json",
        "--doctrine-all",
        "dialogue",
        "--doctrine",
        "USA=deterrence",
        "--worldview",
        "deterrence-world",
        "--set",
        "misperception=0.2",
        "--turns",
        "12",
    )
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["seed"] == 3 and data["scenario"] == "east_asia_2023"
    assert data["worldview"]["preset"] == "deterrence-world" and data["worldview"]["values"]["misperception"] == 0.2
    assert data["doctrines"]["USA"] == "deterrence" and data["doctrines"]["CHN"] == "dialogue"
    assert data["outcome"] in ("regional-war", "cold-war-lock-in", "security-community", "turn-limit")
    assert len(data["turns"]) <= 12
    for key in ("turn", "card", "actions", "regional_tension", "trust", "tension"):
        assert key in data["turns"][0]
    assert set(data["payoffs"]) == set(data["dispositions"]) == set(data["scores"])


def test_simulate_writes_json_and_csv(tmp_path):
    """--out writes the record as JSON or CSV, the same game as printed."""
    r = run("simulate", "--seed", "2", "--out", str(tmp_path / "g.json"), "--json")
    assert json.loads((tmp_path / "g.json").read_text()) == json.loads(r.stdout)
    r = run("simulate", "--seed", "2", "--out", str(tmp_path / "g.csv"))
    assert r.returncode == 0 and (tmp_path / "g.csv").read_text().startswith("turn,card,")


@pytest.mark.parametrize(
    "args,needle",
    [
        (["simulate", "--seed", "x"], "invalid int"),
        (["simulate", "--set", "foo=1"], "unknown parameter 'foo'"),
        (["simulate", "--set", "misperception=3"], "out of range"),
        (["simulate", "--scenario", "atlantis"], "no such scenario"),
        (["simulate", "--doctrine", "XXX=dialogue"], "unknown actor 'XXX'"),
        (["simulate", "--doctrine-all", "appeasement"], "unknown doctrine"),
        (["simulate", "--worldview", "flat-world"], "unknown worldview"),
        (["simulate", "--out", "g.txt"], "must end in .json or .csv"),
        (["simulate", "--turns", "0"], "out of range"),
        (["simulate", "--seed", "-3"], "--seed: -3 is out of range"),
        (["simulate", "--seed", str(2**63)], "out of range (allowed: 0 to"),
        (["compare", "--seed", "-5", "--games", "10"], "--seed: -5 is out of range"),
        (["compare", "--seed", str(2**63 - 5), "--games", "10"], "out of range (allowed: 0 to"),
        (["sweep", "--param", "greedy_share=0:1:3", "--games", "10", "--seed", "-1"], "--seed: -1 is out of range"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_arguments_one_line_exit_2(args, needle):
    """Bad arguments print one clear line on stderr, exit 2, and no traceback."""
    r = run(*args)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], r.stderr
    assert "Traceback" not in r.stderr


def test_bad_arguments_in_a_real_process_one_line_exit_2():
    """Started as a user starts it, a bad argument still ends with one line on stderr and exit code 2."""
    r = real_process("simulate", "--doctrine-all", "appeasement")
    assert r.returncode == 2 and r.stderr.strip().count("\n") == 0 and "unknown doctrine" in r.stderr
    assert "Traceback" not in r.stderr


def test_validate_reports_good_and_bad_files(tmp_path):
    """validate exits 0 on the shipped files and 2 with the error line on a bad one."""
    good = [str(p) for p in (ROOT / "assets" / "scenarios").glob("*.toml")] + [
        str(ROOT / "assets" / "cards" / "article_2023.toml")
    ]
    r = run("validate", *good)
    assert r.returncode == 0, r.stderr
    bad = tmp_path / "bad.toml"
    bad.write_text((ROOT / "assets" / "scenarios" / "two_rivals.toml").read_text().replace("turns = 20", "turns = -1"))
    before = bad.read_bytes()
    r = run("validate", str(bad))
    assert r.returncode == 2 and "[scenario] turns" in r.stderr and "Traceback" not in r.stderr
    assert bad.read_bytes() == before


def test_cards_lists_paragraph_quote_and_both_readings():
    """`cards` lists each card with its paragraph, quote and both readings."""
    r = run("cards", "--scenario", "east_asia_2023")
    assert r.returncode == 0
    assert r.stdout.count("Deterrence reading:") >= 24 and r.stdout.count("Dialogue reading:") >= 24
    assert "¶13" in r.stdout


def test_every_command_has_help():
    """Every command answers --help."""
    for cmd in ("play", "simulate", "compare", "sweep", "validate", "cards"):
        r = run(cmd, "--help")
        assert r.returncode == 0 and "usage:" in r.stdout, cmd


def test_doctrines_lists_names_tags_and_sources_filtered_by_tag():
    """`doctrines --tag family=dialogue` lists the dialogue doctrines with their tags and sources, no other; an
    unknown tag is a one-line usage error."""
    r = run("doctrines", "--tag", "family=dialogue")
    assert r.returncode == 0, r.stderr
    names = [line.split()[0] for line in r.stdout.splitlines() if line and not line.startswith(" ")]
    assert names[:2] == ["dialogue", "grit"] and "deterrence" not in names and "reciprocity" not in names
    assert "Acharya (2001)" in r.stdout and "Osgood (1962)" in r.stdout and "family=dialogue" in r.stdout
    r = run("doctrines", "--tag", "colour=red")
    assert r.returncode == 2 and "unknown tag 'colour'" in r.stderr and "Traceback" not in r.stderr
