"""The play command's screenshot mode drives every screen headless and exits cleanly."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENS = ("title", "setup", "play", "help", "debrief")


def test_screenshot_mode_writes_every_screen(screenshot_tour):
    """`play --screenshot DIR --scale 1.5` saves title, setup, play, help and debrief as NAME@1.5.png, exit code 0
    (run in this process, its tour shared with the layout test)."""
    code, stderr, out, _, _ = screenshot_tour
    assert code == 0, stderr
    for name in SCREENS:
        assert (out / f"{name}@1.5.png").stat().st_size > 10_000


@pytest.mark.slow
def test_screenshot_mode_writes_every_screen_at_both_sizes_and_exits(tmp_path):
    """With --runslow, in a process of its own: `play --screenshot DIR` saves title, setup, play, help and debrief
    at 1.0 and 1.5 with the default scale, and the process ends with exit code 0."""
    out = tmp_path / "shots"
    env = {
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
        "PATH": "/usr/bin:/bin",
        "DOD_DATA_DIR": str(tmp_path / "data"),
        "HOME": str(tmp_path),
    }
    args = ["play", "--scenario", "east_asia_2023", "--seed", "3", "--turns", "6", "--screenshot", str(out)]
    proc = subprocess.run(
        [sys.executable, "main.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    for name in SCREENS:
        for suffix in ("", "@1.5"):
            assert (out / f"{name}{suffix}.png").stat().st_size > 10_000
