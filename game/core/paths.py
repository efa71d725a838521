"""Where the project's data lives: the shipped files, read through importlib.resources, and the
user's own folders (saves, exports, scenarios, settings), placed by platformdirs."""
from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

APP_FOLDER = "deterrence-or-dialogue"


def _shipped(name: str) -> Path:
    """A folder of shipped data: game/<name> when the game is installed as a package (pip puts
    assets/ and seeds/ there), else <name>/ beside game/ in a checkout of the repository."""
    try:
        folder = resources.files(f"game.{name}")
    except ModuleNotFoundError:
        folder = resources.files("game") / ".." / name
    return Path(os.fspath(folder)).resolve()


ASSETS = _shipped("assets")
SEEDS = _shipped("seeds")
ROOT = ASSETS.parent          # the folder that holds assets/ and seeds/: records keep paths relative to it
SCENARIOS = ASSETS / "scenarios"
CARDS = ASSETS / "cards"
THEME = ASSETS / "theme.json"
ARTICLE = SEEDS / "000_3c3c7867f6d4a3de.txt"


def user_data_dir() -> Path:
    """Saves, exports and the sandbox's scenarios: $DOD_DATA_DIR if set, else the system's user
    data folder (Linux: $XDG_DATA_HOME or ~/.local/share; macOS: ~/Library/Application Support;
    Windows: %LOCALAPPDATA%), each with a deterrence-or-dialogue folder."""
    explicit = os.environ.get("DOD_DATA_DIR")
    if explicit:
        return Path(explicit)
    import platformdirs
    return platformdirs.user_data_path(APP_FOLDER, appauthor=False)


def user_config_dir() -> Path:
    """The settings folder: $DOD_CONFIG_DIR if set, else the system's user config folder (Linux:
    $XDG_CONFIG_HOME or ~/.config; macOS: ~/Library/Application Support; Windows: %LOCALAPPDATA%)."""
    explicit = os.environ.get("DOD_CONFIG_DIR")
    if explicit:
        return Path(explicit)
    import platformdirs
    return platformdirs.user_config_path(APP_FOLDER, appauthor=False)


def user_scenarios_dir() -> Path:
    return user_data_dir() / "scenarios"


def shipped_scenarios() -> list[Path]:
    """The scenario files that come with the game."""
    return sorted(SCENARIOS.glob("*.toml"))


def shipped_decks() -> list[Path]:
    """The event decks that come with the game."""
    return sorted(CARDS.glob("*.toml"))
