"""Lesson progress (learn.json) and settings (settings.json) that are hostile or broken are passed over
with one line on stderr: never a wait, never a traceback; and two windows writing them at once never
leave a reader a part of one."""

import contextlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from game.ui.window import driver
from game.ui.scenes.learn import load_progress, progress_path
from game.ui.window.settings import Settings, settings_path
from tests.ui.helpers import start_at_title

ROOT = Path(__file__).resolve().parents[2]
WITHIN = 20  # seconds: far more than reading a small file takes; a FIFO or /dev/zero would take for ever


def _fifo(path: Path):
    os.mkfifo(path)


HOSTILE = {
    "fifo": _fifo,
    "link to /dev/zero": lambda path: path.symlink_to("/dev/zero"),
    "a folder": lambda path: path.mkdir(),
    "Infinity": lambda path: path.write_text('{"version": 1, "done": {"1": Infinity}, "scale": Infinity}'),
    "1e999": lambda path: path.write_text('{"version": 1, "done": {"1": 1e999}, "scale": 1e999}'),
    "NaN": lambda path: path.write_text('{"version": 1, "done": {"1": NaN}, "scale": NaN}'),
    "nested 100000 deep": lambda path: path.write_text("[" * 100_000),
    "nested 500 deep": lambda path: path.write_text('{"version": 1, "done": ' + "[" * 500 + "]" * 500 + "}"),
    "a number of 5000 digits": lambda path: path.write_text('{"version": 1, "done": {"1": ' + "9" * 5000 + "}}"),
    "too large": lambda path: path.write_text('{"version": 1, "done": {}, "pad": "' + "x" * 200_000 + '"}'),
    "not UTF-8": lambda path: path.write_bytes(b'{"version": 1, "done": {"1": "\xff"}}'),
}


@contextlib.contextmanager
def at_most(seconds: int):
    """Fail, instead of waiting for ever, if the block takes longer than seconds."""

    def late(signum, frame):
        raise AssertionError(f"still waiting after {seconds} s")

    before = signal.signal(signal.SIGALRM, late)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)


def one_warning(err: str, name: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and "ignored" in lines[0], err
    assert "Traceback" not in err


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_hostile_lesson_progress_file_is_passed_over(make_app, data_dir, capsys, kind):
    """learn.json as a FIFO, a link to /dev/zero, infinite or huge numbers, deep nesting or too large: the Learn
    screen opens at once with no progress, and stderr has one line naming the file."""
    data_dir.mkdir(parents=True, exist_ok=True)
    HOSTILE[kind](progress_path())
    app = make_app()
    with at_most(WITHIN):
        start_at_title(app)
        assert driver.click_button(app, "Learn")
        assert driver.top_name(app) == "learn" and app.top.done == {}
        assert load_progress() == {}
    one_warning(capsys.readouterr().err, "learn.json")


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_hostile_settings_file_is_passed_over(config_dir, capsys, kind):
    """settings.json as any of the same hostile files: the defaults, and one line on stderr naming the file."""
    config_dir.mkdir(parents=True, exist_ok=True)
    HOSTILE[kind](settings_path())
    with at_most(WITHIN):
        assert Settings().values == {}
    one_warning(capsys.readouterr().err, "settings.json")


@pytest.fixture
def config_dir(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    monkeypatch.setenv("DOD_CONFIG_DIR", str(folder))
    return folder


WRITER = """
import sys, time
from game.ui.scenes.learn import save_progress
from game.ui.window.settings import Settings
until, me = time.monotonic() + float(sys.argv[1]), int(sys.argv[2])
settings, n = Settings(), 0
while time.monotonic() < until:
    save_progress({1: me % 2, 2: n % 2, 3: 0})
    if n % 4 == 0:
        settings.remember(scale=1.0 + (n % 5) / 10, scenario=f"window_{me}")
    n += 1
print(n)
"""


def _whole(path: Path, key: str) -> bool:
    try:
        return key in json.loads(path.read_bytes())
    except (OSError, ValueError):
        return False


# each writer writes hundreds of times in 0.5 s; a minute with --runslow
@pytest.mark.parametrize("seconds", [0.5, pytest.param(60, marks=pytest.mark.slow)])
def test_two_windows_writing_at_once_never_leave_a_part_file(tmp_path, seconds):
    """Two processes writing lesson progress and settings as fast as they can: every read of either file, all
    the while, finds a whole file, and no temporary file is left."""
    env = {
        **os.environ,
        "DOD_DATA_DIR": str(tmp_path / "data"),
        "DOD_CONFIG_DIR": str(tmp_path / "config"),
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
        "PYGAME_HIDE_SUPPORT_PROMPT": "1",
    }
    learn, settings = tmp_path / "data" / "learn.json", tmp_path / "config" / "settings.json"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(seconds), str(me)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for me in (1, 2)
    ]
    reads, broken = 0, []
    while any(w.poll() is None for w in writers):
        for path, key in ((learn, "done"), (settings, "format")):
            if path.exists():
                reads += 1
                if not _whole(path, key):
                    broken.append(path.name)
    outputs = [w.communicate(timeout=60) for w in writers]
    assert all(w.returncode == 0 for w in writers), outputs
    writes = sum(int(out) for out, _ in outputs)
    assert writes > 100 and reads > 100, (writes, reads)
    assert not broken, f"{len(broken)} of {reads} reads found a part file ({writes} writes): {sorted(set(broken))}"
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["learn.json"]
    assert sorted(p.name for p in (tmp_path / "config").iterdir()) == ["settings.json"]
