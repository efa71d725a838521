"""CPU use of the title screen left alone: the share of one core the window takes while nobody touches it.

Usage: python benchmarks/idle_cpu.py [--seconds 5] [--scale 1.0]
Opens the window on the title screen (headless unless a display is set), runs the game's own loop
for the given seconds with no input, and prints the process's CPU time (user + system, from
resource.getrusage) over the wall time as a percentage of one core (target: under 5%), and the
number of frames drawn. A still screen waits for input instead of drawing 60 frames a second.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ.setdefault("DOD_DATA_DIR", tempfile.mkdtemp(prefix="dod-bench-"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pygame  # noqa: E402

from game.ui.window.app import App  # noqa: E402


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(seconds: float, scale: float) -> dict:
    """Run the title screen's loop alone for `seconds`; its CPU share and frames."""
    app = App((1280, 720), scale)
    app.push(app.scene("title"))
    for _ in range(5):  # the first frames load fonts and build the menu: not idle time
        app.frame(1 / 60)
    frames = 0
    drawn = app.frame

    def counted(dt=None):
        nonlocal frames
        frames += 1
        return drawn(dt)

    app.frame = counted
    pygame.time.set_timer(pygame.QUIT, round(seconds * 1000), loops=1)
    wall0, cpu0 = time.perf_counter(), cpu_seconds()
    app.loop()
    wall, cpu = time.perf_counter() - wall0, cpu_seconds() - cpu0
    pygame.quit()
    return {"seconds": wall, "cpu_percent": 100 * cpu / wall, "frames": frames}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args(argv)
    r = measure(args.seconds, args.scale)
    print(
        f"idle title screen: {r['cpu_percent']:.1f}% of one core over {r['seconds']:.1f} s "
        f"({r['frames']} frames, {r['frames'] / r['seconds']:.1f} a second; target under 5%)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
