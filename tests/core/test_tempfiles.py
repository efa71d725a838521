"""Temporary files and folders that interrupted writes left behind are removed; everything else,
a user's own `.something.tmp` above all, stays."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from game.core.files.tempfiles import STALE_SECONDS, clean_stale, is_temporary, temporary_name
from tests.inprocess import run_main

ROOT = Path(__file__).resolve().parents[2]
OLD = STALE_SECONDS + 5


def make(path: Path, age: float = 0.0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x")
    return aged(path, age)


def aged(path: Path, age: float) -> Path:
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def test_the_games_temporary_names_are_unmistakable():
    """A temporary name holds its target, 16 random hexadecimal digits and a fixed ending; a user's names do
    not match."""
    name = temporary_name("out.csv")
    assert name.startswith(".out.csv.") and name.endswith(".dod.tmp") and name != temporary_name("out.csv")
    assert is_temporary(name) and is_temporary(name, "out.csv") and not is_temporary(name, "out")
    assert is_temporary(temporary_name("charts.png", ".png"), "charts.png")
    for users in (
        ".out.my-notes.tmp",
        ".out.csv.tmp",
        ".out.csv.k3j2ab.tmp",
        ".autosave.json.ab12cd34.tmp",
        ".charts.tmp.png",
        "out.csv.0123456789abcdef.dod.tmp",
        ".hidden",
    ):
        assert not is_temporary(users), users


def test_stale_temporary_files_and_folders_go_and_the_rest_stays(tmp_path):
    """Old temporary files and export folders go; fresh ones, saves and a user's hidden files stay."""
    staging = tmp_path / "exports" / temporary_name("two_rivals-seed1-20260101-120000")
    make(staging / "record.csv")
    stale = [
        make(tmp_path / temporary_name("autosave.json"), OLD),
        make(tmp_path / "exports" / "x" / temporary_name("charts.png", ".png"), OLD),
        aged(staging, OLD),
    ]
    kept = [
        make(tmp_path / temporary_name("autosave.json")),
        make(tmp_path / "autosave.json", OLD),
        make(tmp_path / ".hidden", OLD),
        make(tmp_path / "saves" / "game.tmp", OLD),
        make(tmp_path / ".autosave.json.ab12cd.tmp", OLD),
        make(tmp_path / "exports" / ".notes.tmp", OLD),
    ]
    assert sorted(clean_stale(tmp_path, recursive=True)) == sorted(stale)
    assert all(p.exists() for p in kept) and not any(p.exists() for p in stale)


def test_a_command_cleans_only_the_leftovers_of_the_file_it_writes(tmp_path):
    """`simulate --out FILE` removes FILE's stale temporary files and leaves other files' alone."""
    mine = make(tmp_path / temporary_name("game.json"), OLD)
    other = make(tmp_path / temporary_name("other.json"), OLD)
    r = run_main("simulate", "--seed", "2", "--turns", "3", "--out", tmp_path / "game.json")
    assert r.returncode == 0, r.stderr
    assert not mine.exists() and other.exists() and (tmp_path / "game.json").is_file()


def test_a_users_file_beside_an_out_target_is_untouched(tmp_path):
    """`compare --games 5 --out DIR/out.csv` leaves the user's old `DIR/.out.my-notes.tmp` (and the like) as it was."""
    users = [make(tmp_path / name, OLD) for name in (".out.my-notes.tmp", ".out.csv.tmp", ".out.csv.backup.tmp")]
    r = run_main("compare", "--games", "5", "--out", tmp_path / "out.csv")
    assert r.returncode == 0, r.stderr
    assert all(p.read_text() == "x" for p in users)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([p.name for p in users] + ["out.csv"])


KILLED_EXPORT = """
import os, signal, sys
import pygame
from game.core.files.scenario import load_scenario
from game.core.play.session import Game
from game.ui.window import saving
game = Game(load_scenario("two_rivals"), 1, None, turns=3)
game.autoplay()
def killed(*args):
    os.kill(os.getpid(), signal.SIGKILL)   # as kill -9 would, half-way through the export
saving.save_png = killed
saving.export(game, pygame.Surface((8, 8)))
"""


def test_an_export_killed_half_way_leaves_a_folder_the_start_up_clean_removes(tmp_path):
    """kill -9 during an export leaves only a hidden temporary folder in exports/, which the clean at start-up
    removes once stale; nothing that looks like an export is left."""
    env = {**os.environ, "DOD_DATA_DIR": str(tmp_path), "SDL_VIDEODRIVER": "dummy"}
    r = subprocess.run(
        [sys.executable, "-c", KILLED_EXPORT], capture_output=True, text=True, cwd=ROOT, timeout=120, env=env
    )
    assert r.returncode == -signal.SIGKILL, r.stderr
    left = list((tmp_path / "exports").iterdir())
    assert len(left) == 1 and left[0].is_dir() and is_temporary(left[0].name), left
    assert clean_stale(tmp_path, recursive=True) == []  # a fresh one may be an export still going on
    aged(left[0], OLD)
    assert clean_stale(tmp_path, recursive=True) == left and not any((tmp_path / "exports").iterdir())
