"""What the game remembers between runs, in settings.json in the user's settings folder
($DOD_CONFIG_DIR, else the system's user config folder): the text size, the last scenario and the last
setup (worldview, turns and who plays each actor).

A file that cannot be read or is not sound JSON is ignored with one line on stderr
(userdata.read_small_json); one that is someone else's or holds a bad value is ignored (the bad value
only, where the rest is sound): the game starts with its defaults and never fails over it. A write
that fails is ignored too; writes are whole (userdata.write_small_file)."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

from game.core.model.doctrines import HUMAN
from game.core.teaching.hidden import HIDDEN
from game.core.model import params as P
from game.core.files.paths import user_config_dir
from game.core.files.scenario import DOCTRINE_NAMES, MAX_ACTORS, MAX_TURNS

from .userdata import read_small_json, write_small_file

FORMAT = "deterrence-or-dialogue/settings"
VERSION = 1
MAX_SCENARIO = 300  # a scenario's name or the path of its file
CONTROLLERS = (HUMAN,) + tuple(DOCTRINE_NAMES)
WORLDVIEWS = (HIDDEN,) + tuple(P.PRESET_NAMES)
ONE_LINE = re.compile(r"^[^\x00-\x1f\x7f]+$")


def settings_path() -> Path:
    return user_config_dir() / "settings.json"


def _scale(v):
    if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and 1.0 <= v <= 2.0:
        return float(v)
    return None


def _scenario(v):
    return v if isinstance(v, str) and 0 < len(v) <= MAX_SCENARIO and ONE_LINE.match(v) else None


def _setup(v):
    if not isinstance(v, dict):
        return None
    scenario, worldview, turns, controllers = (v.get(k) for k in ("scenario", "worldview", "turns", "controllers"))
    if _scenario(scenario) is None or worldview not in WORLDVIEWS:
        return None
    if not isinstance(turns, int) or isinstance(turns, bool) or not 1 <= turns <= MAX_TURNS:
        return None
    if (
        not isinstance(controllers, list)
        or not 2 <= len(controllers) <= MAX_ACTORS
        or not all(isinstance(c, str) and c in CONTROLLERS for c in controllers)
    ):
        return None
    return {"scenario": scenario, "worldview": worldview, "turns": turns, "controllers": list(controllers)}


CHECKS = {"scale": _scale, "scenario": _scenario, "setup": _setup}


def read(path: Path | None = None) -> dict:
    """The sound values of the settings file: {} when it is missing, unreadable or not ours."""
    data = read_small_json(settings_path() if path is None else path)
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
        return {}
    out = {}
    for key, check in CHECKS.items():
        value = check(data.get(key))
        if value is not None:
            out[key] = value
    return out


class Settings:
    """The remembered values, read once; `remember` writes the file again with a change."""

    def __init__(self, path: Path | None = None):
        self.path = settings_path() if path is None else Path(path)
        self.values = read(self.path)

    def get(self, key: str, default=None):
        return self.values.get(key, default)

    def remember(self, **changes) -> bool:
        """Keep the sound ones of changes and write the file; False when it could not be written."""
        for key, value in changes.items():
            value = CHECKS[key](value)
            if value is not None:
                self.values[key] = value
        text = json.dumps({"format": FORMAT, "version": VERSION, **self.values}, indent=2, ensure_ascii=False)
        return write_small_file(self.path, text + "\n")
