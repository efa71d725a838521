"""The play command's screenshot mode drives every screen headless and exits cleanly."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_screenshot_mode_writes_every_screen(tmp_path):
    """`play --screenshot DIR` saves title, setup, play, help and debrief at scale 1.0 and 1.5, exit code 0."""
    out = tmp_path / "shots"
    env = {"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PATH": "/usr/bin:/bin",
           "DOD_DATA_DIR": str(tmp_path / "data"), "HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "main.py", "play", "--scenario", "east_asia_2023", "--seed", "3",
                           "--turns", "6", "--screenshot", str(out)], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    for name in ("title", "setup", "play", "help", "debrief"):
        for suffix in ("", "@1.5"):
            assert (out / f"{name}{suffix}.png").stat().st_size > 10_000
