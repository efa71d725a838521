"""Engine throughput on east_asia_2023: game-turns per second at B=1 and B=10,000.

Run: python benchmarks/engine_throughput.py [--repeats 5]
Counts only turns actually played (games that end early stop counting).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.core.runs.batch import played_turns, run_batch, run_batch_parallel  # noqa: E402
from game.core.model.engine import Engine  # noqa: E402
from game.core.files.scenario import load_scenario  # noqa: E402


def single_games(sc, seeds) -> tuple[int, float]:
    """B = 1: one engine per game, as the interactive game runs it (without the 'why' causes)."""
    turns = 0
    t0 = time.perf_counter()
    for s in seeds:
        eng = Engine(sc, [int(s)], causes=False)
        while not eng.done:
            eng.step()
            turns += 1
    return turns, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--games", type=int, default=10_000)
    ap.add_argument("--singles", type=int, default=200)
    args = ap.parse_args()
    sc = load_scenario("east_asia_2023")
    seeds = np.arange(args.games) + 1

    rates: dict[str, list[float]] = {"B=1": [], "B=10000 (1 process)": [], "B=10000 (all cores)": []}
    for r in range(args.repeats):
        turns, dt = single_games(sc, seeds[: args.singles])
        rates["B=1"].append(turns / dt)
        res = run_batch(sc, seeds)
        t0 = time.perf_counter()
        res = run_batch(sc, seeds)
        dt = time.perf_counter() - t0
        rates["B=10000 (1 process)"].append(played_turns(res) / dt)
        t0 = time.perf_counter()
        res = run_batch_parallel(sc, seeds)
        dt = time.perf_counter() - t0
        rates["B=10000 (all cores)"].append(played_turns(res) / dt)
        print(f"run {r + 1}: " + ", ".join(f"{k} {v[-1]:,.0f}" for k, v in rates.items()), flush=True)
    print()
    med = {k: statistics.median(v) for k, v in rates.items()}
    for k, v in med.items():
        print(f"{k:22s} median {v:12,.0f} game-turns/s  (runs: {', '.join(f'{x:,.0f}' for x in rates[k])})")
    print(
        f"speed-up B=10000 over B=1: {med['B=10000 (1 process)'] / med['B=1']:.0f}x (1 process), "
        f"{med['B=10000 (all cores)'] / med['B=1']:.0f}x (all cores)"
    )


if __name__ == "__main__":
    main()
