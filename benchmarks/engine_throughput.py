"""Engine throughput on east_asia_2023: game-turns per second at B=1 and B=10,000.

Run: python benchmarks/engine_throughput.py [--repeats 5]
     python benchmarks/engine_throughput.py --against DIR [--repeats 3]
Counts only turns actually played (games that end early stop counting).
--against DIR compares B=10,000 in one process with another checkout of the game (its own .venv, e.g. a
git worktree of an earlier commit), the two run in turn, each in a fresh process, and counted in CPU
seconds of that process: on a shared machine that is steadier than the clock on the wall.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
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


#: one batch measured in a fresh process of either checkout (the other may not have this file's functions)
BATCH_RATE = """
import time, numpy as np
from game.core.runs.batch import played_turns, run_batch
from game.core.files.scenario import load_scenario
sc, seeds = load_scenario("east_asia_2023"), np.arange({games}) + 1
run_batch(sc, seeds[:500])
t0 = time.process_time()
res = run_batch(sc, seeds)
print(played_turns(res) / (time.process_time() - t0))
"""


def against(other: Path, repeats: int, games: int) -> None:
    """This checkout and `other` in turn, a fresh process each, `repeats` times."""
    here = Path(__file__).resolve().parents[1]
    code = BATCH_RATE.format(games=games)
    rates: dict[Path, list[float]] = {other: [], here: []}
    for r in range(repeats):
        for root in rates:
            python = root / ".venv" / "bin" / "python"
            out = subprocess.run([str(python), "-c", code], cwd=root, capture_output=True, text=True, check=True)
            rates[root].append(float(out.stdout.split()[-1]))
        print(f"run {r + 1}: " + ", ".join(f"{root.name} {v[-1]:,.0f}" for root, v in rates.items()), flush=True)
    med = {root: statistics.median(v) for root, v in rates.items()}
    for root, v in med.items():
        print(f"{str(root):40s} median {v:10,.0f} game-turns per CPU second (B={games:,}, one process)")
    ratios = [h / o for h, o in zip(rates[here], rates[other])]
    runs = ", ".join(f"{x:.3f}" for x in ratios)
    print(f"this checkout / the other: median {statistics.median(ratios):.3f} (runs: {runs})")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--games", type=int, default=10_000)
    ap.add_argument("--singles", type=int, default=200)
    ap.add_argument("--against", type=Path, help="another checkout of the game, with its own .venv, to compare with")
    args = ap.parse_args()
    if args.against:
        against(args.against.resolve(), args.repeats, args.games)
        return
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
