"""Temporary files that interrupted writes left behind are removed; everything else stays."""

import os
import subprocess
import sys
import time
from pathlib import Path

from game.core.files.tempfiles import STALE_SECONDS, clean_stale

ROOT = Path(__file__).resolve().parents[2]


def make(path: Path, age: float = 0.0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x")
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def test_stale_temporary_files_go_and_the_rest_stays(tmp_path):
    """Old `.NAME.XXXX.tmp` and `.NAME.tmp.png` files go; fresh ones, saves and other hidden files stay."""
    old = STALE_SECONDS + 5
    stale = [
        make(tmp_path / ".autosave.json.ab12cd.tmp", old),
        make(tmp_path / "exports" / "x" / ".charts.123.tmp.png", old),
    ]
    kept = [
        make(tmp_path / ".autosave.json.zz99.tmp"),
        make(tmp_path / "autosave.json", old),
        make(tmp_path / ".hidden", old),
        make(tmp_path / "saves" / "game.tmp", old),
    ]
    assert sorted(clean_stale(tmp_path, recursive=True)) == sorted(stale)
    assert all(p.exists() for p in kept) and not any(p.exists() for p in stale)


def test_a_command_cleans_only_the_leftovers_of_the_file_it_writes(tmp_path):
    """`simulate --out FILE` removes FILE's stale temporary files and leaves other files' alone."""
    old = STALE_SECONDS + 5
    mine = make(tmp_path / ".game.json.k3j2.tmp", old)
    other = make(tmp_path / ".other.json.k3j2.tmp", old)
    r = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "simulate",
            "--seed",
            "2",
            "--turns",
            "3",
            "--out",
            str(tmp_path / "game.json"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert not mine.exists() and other.exists() and (tmp_path / "game.json").is_file()
