"""Where the project's data lives."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "assets"
SCENARIOS = ASSETS / "scenarios"
CARDS = ASSETS / "cards"
SEEDS = ROOT / "seeds"
ARTICLE = SEEDS / "000_3c3c7867f6d4a3de.txt"

APP_FOLDER = "deterrence-or-dialogue"


def user_data_dir() -> Path:
    """Saves, exports and the sandbox's scenarios: $DOD_DATA_DIR, else the XDG data folder."""
    import os

    explicit = os.environ.get("DOD_DATA_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / APP_FOLDER


def user_scenarios_dir() -> Path:
    return user_data_dir() / "scenarios"
