"""Where saves and exports live: $DOD_DATA_DIR, else the XDG data folder."""
from __future__ import annotations

import os
from pathlib import Path

APP_FOLDER = "deterrence-or-dialogue"


def data_dir() -> Path:
    explicit = os.environ.get("DOD_DATA_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / APP_FOLDER


def saves_dir() -> Path:
    return data_dir() / "saves"


def exports_dir() -> Path:
    return data_dir() / "exports"


def autosave_path() -> Path:
    return data_dir() / "autosave.json"
