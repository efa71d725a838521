"""The play command's screenshot mode drives every screen headless and exits cleanly."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "scale,suffixes",
    [
        pytest.param(["--scale", "1.5"], ("@1.5",), id="one-size"),
        pytest.param([], ("", "@1.5"), id="both-sizes", marks=pytest.mark.slow),
    ],
)
def test_screenshot_mode_writes_every_screen(tmp_path, scale, suffixes):
    """`play --screenshot DIR` saves title, setup, play, help and debrief, exit code 0: at 1.5 alone with
    --scale 1.5, at 1.0 and 1.5 with the default scale (--runslow)."""
    out = tmp_path / "shots"
    env = {
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
        "PATH": "/usr/bin:/bin",
        "DOD_DATA_DIR": str(tmp_path / "data"),
        "HOME": str(tmp_path),
    }
    proc = subprocess.run(
        [
            sys.executable,
            "main.py",
            "play",
            "--scenario",
            "east_asia_2023",
            "--seed",
            "3",
            "--turns",
            "6",
            *scale,
            "--screenshot",
            str(out),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    for name in ("title", "setup", "play", "help", "debrief"):
        for suffix in suffixes:
            assert (out / f"{name}{suffix}.png").stat().st_size > 10_000
