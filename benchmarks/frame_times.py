"""Frame times of the play screen in auto-play at 1280×720, headless.

Usage: python benchmarks/frame_times.py [--frames 900] [--speed 2] [--scale 1.0] [--view map] [--runs 1]
Prints the median and 95th percentile frame time in milliseconds (target: p95 under 8 ms), and
the 99th percentile and the longest frame. A frame is everything the app does once: events,
update (including playing a turn, autosaving it and re-rendering the changed layers when a turn
is due) and drawing, timed with a fixed 1/60 s step so the count of turns per frame is the same
on any machine. A game that ends stays on its last turn; the next frame starts the next game.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ.setdefault("DOD_DATA_DIR", tempfile.mkdtemp(prefix="dod-bench-"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.core.files.scenario import load_scenario  # noqa: E402
from game.core.play.session import Game  # noqa: E402
from game.ui.window.app import App  # noqa: E402
from game.ui.scenes import play as play_scene  # noqa: E402
from game.ui.scenes.play import PlayScene  # noqa: E402
from game.ui.window.setup_options import Options  # noqa: E402


def measure(frames: int, speed: int, scale: float, view: str, seed0: int = 1) -> dict:
    sc = load_scenario("east_asia_2023")
    app = App((1280, 720), scale, False, Options(scenario=sc))
    seed = seed0
    times, turns = [], 0

    def new_game():
        nonlocal seed
        scene = PlayScene(app, Game(sc, seed, sc.default_doctrines()))
        seed += 1
        scene.auto = True
        scene.speed = speed
        scene.view = view
        app.reset(scene)
        app.frame(1 / 60)  # first frame builds caches; not timed

    new_game()
    while len(times) < frames:
        scene = app.top
        before = scene.game.turn
        start = time.perf_counter()
        app.frame(1 / 60)
        elapsed = (time.perf_counter() - start) * 1000.0
        times.append(elapsed)
        turns += scene.game.turn - before
        if app.top is not scene or scene.game.over:  # the game ended (its last turn on screen): the next one
            new_game()
    times.sort()
    return {
        "frames": len(times),
        "turns": turns,
        "median": statistics.median(times),
        "p95": times[int(0.95 * (len(times) - 1))],
        "p99": times[int(0.99 * (len(times) - 1))],
        "max": times[-1],
    }


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--frames", type=int, default=900)
    p.add_argument(
        "--speed", type=int, default=2, help=f"auto-play speed index 0..{len(play_scene.SPEEDS) - 1} (default 2)"
    )
    p.add_argument("--scale", type=float, default=1.0)
    p.add_argument("--view", default="map", choices=("map", "chart"))
    p.add_argument(
        "--runs", type=int, default=1, help="measure this many times (each run a fresh app), one report each"
    )
    args = p.parse_args()
    secs = play_scene.SPEEDS[args.speed]
    for _ in range(max(1, args.runs)):
        r = measure(args.frames, args.speed, args.scale, args.view)
        print(
            f"play screen, auto-play {1 / secs:.1f} turns/s, 1280x720, scale {args.scale:g}, view {args.view}: "
            f"{r['frames']} frames, {r['turns']} turns"
        )
        print(f"median_ms {r['median']:.2f}")
        print(f"p95_ms {r['p95']:.2f}")
        print(f"p99_ms {r['p99']:.2f}")
        print(f"max_ms {r['max']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
