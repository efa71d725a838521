"""The golden cases: command lines whose outputs the engine is held to exactly (recorded from the
third edition of the rules; a rule change re-records them and says so).

`python -m tests.golden.cases --record` writes each case's output to tests/golden/*.json.gz;
tests/core/test_golden.py runs them again and compares. Timing (`seconds`) and the machine's own
path to the scenario file (`scenario_path`) are left out: they are not results.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCTRINES = (
    "deterrence",
    "dialogue",
    "reciprocity",
    "generous-reciprocity",
    "grit",
    "opportunist",
    "random",
    "always-challenge",
    "always-forum",
)

CASES: dict[str, list[str]] = {}
for seed in (1, 7, 42):
    CASES[f"simulate-seed{seed}"] = ["simulate", "--seed", str(seed), "--json"]
for d in DOCTRINES:
    CASES[f"simulate-spiral-{d}"] = [
        "simulate",
        "--seed",
        "3",
        "--worldview",
        "spiral-world",
        "--doctrine-all",
        d,
        "--json",
    ]
    CASES[f"simulate-deterrence-{d}"] = [
        "simulate",
        "--seed",
        "9",
        "--worldview",
        "deterrence-world",
        "--doctrine-all",
        d,
        "--json",
    ]
CASES["simulate-mixed"] = [
    "simulate",
    "--seed",
    "11",
    "--doctrine-all",
    "dialogue",
    "--doctrine",
    "USA=deterrence",
    "--doctrine",
    "PRK=opportunist",
    "--doctrine",
    "CHN=grit",
    "--json",
]
CASES["simulate-overrides"] = [
    "simulate",
    "--seed",
    "5",
    "--set",
    "greedy_share=0.3",
    "--set",
    "misperception=0.2",
    "--set",
    "action_noise=0.1",
    "--turns",
    "40",
    "--json",
]
for seed in (4, 9):
    CASES[f"simulate-hidden-seed{seed}"] = ["simulate", "--seed", str(seed), "--worldview", "hidden", "--json"]
for seed in (1, 2):
    CASES[f"two-rivals-seed{seed}"] = ["simulate", "--scenario", "two_rivals", "--seed", str(seed), "--json"]
CASES["compare"] = ["compare", "--games", "400", "--json", "--workers", "1"]
CASES["compare-all-doctrines"] = [
    "compare",
    "--games",
    "150",
    "--doctrines",
    ",".join(DOCTRINES),
    "--json",
    "--workers",
    "1",
]
CASES["sweep-greedy-share"] = ["sweep", "--param", "greedy_share=0:1:5", "--games", "200", "--json", "--workers", "1"]
CASES["sweep-two-params"] = [
    "sweep",
    "--param",
    "first_strike=0:1:3",
    "--param",
    "camp_bias=0:1:3",
    "--games",
    "60",
    "--worldview",
    "deterrence-world",
    "--json",
    "--workers",
    "1",
]

DROPPED = ("seconds", "scenario_path")


def run(argv: list[str]) -> dict:
    """Run one command in this process and return its JSON output without the dropped keys."""
    from game.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(list(argv))
    if code:
        raise RuntimeError(f"{' '.join(argv)} exited {code}")
    data = json.loads(out.getvalue())
    for key in DROPPED:
        data.pop(key, None)
    return data


def path(name: str) -> Path:
    return HERE / f"{name}.json.gz"


def load(name: str) -> dict:
    with gzip.open(path(name), "rt", encoding="utf-8") as f:
        return json.load(f)


def record() -> None:
    for name, argv in CASES.items():
        data = run(argv)
        with gzip.GzipFile(path(name), "wb", mtime=0) as f:
            f.write(json.dumps(data, sort_keys=True).encode("utf-8"))
        print(f"recorded {name}", file=sys.stderr)


if __name__ == "__main__":
    if sys.argv[1:] != ["--record"]:
        sys.exit("usage: python -m tests.golden.cases --record")
    record()
