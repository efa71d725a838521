"""Where saves and exports live ($DOD_DATA_DIR, else the XDG data folder), and how the window reads
and writes the user's own small files (lesson progress, settings)."""

from __future__ import annotations

import sys
from pathlib import Path

from game.core.files.paths import (
    NOT_FOUND,
    FileProblem,
    read_json,
    shown_path,  # noqa: F401
    user_data_dir,
)
from game.core.files.atomic import atomic_write

MAX_BYTES = 64 * 1024  # lesson progress and settings are a few hundred bytes
_warned: set[tuple[str, str]] = set()


def data_dir() -> Path:
    return user_data_dir()


def saves_dir() -> Path:
    return data_dir() / "saves"


def exports_dir() -> Path:
    return data_dir() / "exports"


def autosave_path() -> Path:
    return data_dir() / "autosave.json"


def read_small_json(path):
    """The JSON in one of the user's small files, or None when it is missing or bad. A bad one (a FIFO,
    a device, too large, not JSON, nested too deeply, a number that is not finite) is passed over
    with one line on stderr, once a run: the game goes on with its defaults."""
    try:
        return read_json(path, MAX_BYTES)
    except FileProblem as exc:
        if str(exc) != NOT_FOUND and (str(path), str(exc)) not in _warned:
            _warned.add((str(path), str(exc)))
            print(f"{shown_path(path)}: ignored ({exc})", file=sys.stderr)
        return None


def write_small_file(path, text: str) -> bool:
    """Write one of the user's small files whole (atomic.atomic_write); False when it cannot be written."""
    try:
        atomic_write(path, text)
    except OSError:
        return False
    return True
