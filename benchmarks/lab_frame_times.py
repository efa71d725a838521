"""Frame times of the compare lab while a 10,000-game compare runs in the background, headless.

Usage: python benchmarks/lab_frame_times.py [--games 10000] [--worlds 2] [--scale 1.0]
The window's loop runs on its real clock (60 frames a second at most) from the moment Run is
pressed until the results are in; prints the median, 95th and 99th percentile and the longest
frame time in milliseconds, the number of frames, and the run's total time. The frame that takes
the results in (and draws the grid once) is reported on its own line.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def measure(games: int, worlds: int, scale: float) -> dict:
    import pygame

    from game.ui.window import driver
    from game.ui.window.app import App
    from game.ui.scenes.compare import CompareScene
    from game.ui.scenes.title import TitleScene

    app = App((1280, 720), scale)
    app.push(TitleScene(app))
    app.push(CompareScene(app))
    scene = app.top
    scene.games = games
    scene.worlds = scene.worlds[:worlds]
    driver.run(app, 30)  # the worker is up and idle before the clock starts
    time.sleep(1.0)
    driver.press(app, pygame.K_r)
    gaps = []
    start = last = time.perf_counter()
    finishing = None
    while scene.run is not None and time.perf_counter() - start < 600:
        app.frame()
        now = time.perf_counter()
        if scene.run is None:
            finishing = now - last
        else:
            gaps.append(now - last)
        last = now
    total = time.perf_counter() - start
    ok = scene.outcome is not None and scene.outcome.games == games
    conditions = len(scene.outcome.results) if ok else 0
    app.reset(TitleScene(app))
    pygame.quit()
    ms = sorted(g * 1000 for g in gaps)
    return {
        "ok": ok,
        "frames": len(ms),
        "median": statistics.median(ms),
        "p95": ms[int(0.95 * (len(ms) - 1))],
        "p99": ms[int(0.99 * (len(ms) - 1))],
        "max": ms[-1],
        "finishing": (finishing or 0) * 1000,
        "total": total,
        "conditions": conditions,
    }


def main() -> int:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    os.environ.setdefault("DOD_DATA_DIR", tempfile.mkdtemp(prefix="dod-bench-"))
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=10000)
    parser.add_argument("--worlds", type=int, default=2, choices=(1, 2))
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    r = measure(args.games, args.worlds, args.scale)
    if not r["ok"]:
        print("the run did not finish", file=sys.stderr)
        return 1
    print(f"compare: {r['conditions']} conditions x {args.games:,} games, {os.cpu_count()} cores, scale {args.scale:g}")
    print(f"frames during the run: {r['frames']} in {r['total']:.1f} s ({r['frames'] / r['total']:.0f} per second)")
    print(f"frame time ms: median {r['median']:.1f}, p95 {r['p95']:.1f}, p99 {r['p99']:.1f}, max {r['max']:.1f}")
    print(f"the frame that takes the results in and draws the grid: {r['finishing']:.1f} ms")
    print(f"run total: {r['total']:.1f} s")
    return 0


if __name__ == "__main__":  # the lab's worker is a spawned process: it re-imports this file
    sys.exit(main())
