"""Where saves and exports live: $DOD_DATA_DIR, else the XDG data folder."""
from __future__ import annotations

from pathlib import Path

from game.core.files.paths import APP_FOLDER, user_data_dir, user_scenarios_dir  # noqa: F401


def data_dir() -> Path:
    return user_data_dir()


def saves_dir() -> Path:
    return data_dir() / "saves"


def exports_dir() -> Path:
    return data_dir() / "exports"


def autosave_path() -> Path:
    return data_dir() / "autosave.json"
