"""Compare and sweep throughput on east_asia_2023, next to the single-game loop they replace.

Run: python benchmarks/lab_throughput.py [--repeats 3]
- compare: 4 conditions (deterrence, dialogue x deterrence-world, spiral-world) x 10,000 games x 30 turns
- sweep:   greedy_share 0..1 in 11 steps x 2 doctrines x 1,000 games
- single:  the same kind of games played one at a time (B = 1), timed on a sample and scaled
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.core.model import params as P  # noqa: E402
from game.core.model.engine import Engine  # noqa: E402
from game.core.runs.experiment import parse_axis, run_conditions, run_sweep  # noqa: E402
from game.core.runs.results import Condition  # noqa: E402
from game.core.files.scenario import load_scenario  # noqa: E402


def played(results) -> int:
    return int(sum(r.mean_end_turn * r.games for r in results))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--games", type=int, default=10_000)
    args = ap.parse_args()
    sc = load_scenario("east_asia_2023")
    conds = [Condition(d, P.Worldview.from_preset(w)) for w in P.PRESET_NAMES for d in ("deterrence", "dialogue")]

    compare_s, sweep_s, single_rate = [], [], []
    for r in range(args.repeats):
        t0 = time.perf_counter()
        res = run_conditions(sc, conds, args.games, seed=1)
        compare_s.append(time.perf_counter() - t0)
        compare_turns = played(res)

        t0 = time.perf_counter()
        sw = run_sweep(sc, [parse_axis("greedy_share=0:1:11")], ["deterrence", "dialogue"], sc.worldview, 1000)
        sweep_s.append(time.perf_counter() - t0)
        sweep_turns = sum(played(row.values()) for _, row in sw.points)

        # the loop they replace: one game at a time through the same engine
        turns = 0
        t0 = time.perf_counter()
        for k, cond in enumerate(conds):
            wv = cond.worldview.array()[None, :]
            for seed in range(1, 51):
                eng = Engine(sc, [seed], [cond.doctrine] * sc.n, wv, causes=False)
                while not eng.done:
                    eng.step()
                    turns += 1
        single_rate.append(turns / (time.perf_counter() - t0))
        print(
            f"run {r + 1}: compare {compare_s[-1]:.2f}s ({compare_turns / compare_s[-1]:,.0f} game-turns/s), "
            f"sweep {sweep_s[-1]:.2f}s ({sweep_turns / sweep_s[-1]:,.0f} game-turns/s), "
            f"single-game loop {single_rate[-1]:,.0f} game-turns/s",
            flush=True,
        )

    c, s, one = statistics.median(compare_s), statistics.median(sweep_s), statistics.median(single_rate)
    print()
    print(
        f"compare 4 x {args.games} games x 30 turns: median {c:.2f}s, {compare_turns / c:,.0f} game-turns/s "
        f"(single-game loop: {compare_turns / one:,.0f}s, {one:,.0f} game-turns/s; {compare_turns / c / one:.0f}x)"
    )
    print(
        f"sweep 11 points x 2 doctrines x 1000 games: median {s:.2f}s, {sweep_turns / s:,.0f} game-turns/s "
        f"(single-game loop: {sweep_turns / one:,.0f}s; {sweep_turns / s / one:.0f}x)"
    )


if __name__ == "__main__":
    main()
