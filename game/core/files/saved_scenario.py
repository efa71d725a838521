"""Where a saved game's scenario is found again: the path a record keeps (relative to the project when inside
it, so the same game gives the same record on any machine) and the scenario a save names."""

from __future__ import annotations

import os
from pathlib import Path

from ..model.errors import LoadError
from ..model.world import Scenario
from .paths import ROOT
from .scenario import load_scenario


def portable_path(path: str) -> str:
    """A scenario path as a record keeps it: relative to the project when inside it, so the
    same game gives the same record on any machine."""
    if not path:
        return ""
    p = Path(path).resolve()
    try:
        return p.relative_to(ROOT).as_posix()
    except ValueError:
        return str(p)


def local_path(path: str | None) -> str | None:
    if not path:
        return None
    p = Path(path)
    return str(p if p.is_absolute() else ROOT / p)


def saved_scenario(data: dict, source) -> Scenario:
    """The scenario a save names: its scenario_path when that is a .toml file in the game's own
    scenarios or the user's folders (anywhere else is refused), else, when that file is gone, the
    shipped or saved scenario of its name."""
    from ..files.paths import SCENARIOS, inside, user_data_dir, user_folders
    from ..files.schema import cut

    path = local_path(data.get("scenario_path"))
    if path:
        if not path.endswith(".toml") or not inside(path, [SCENARIOS, *user_folders()]):
            raise LoadError(
                source,
                None,
                "scenario_path",
                f"{cut(path)} is outside the game's scenarios and the "
                f"user's folders (allowed: a scenario's name, or a .toml "
                f"file in {SCENARIOS} or {user_data_dir()})",
            )
        if os.path.lexists(path):
            try:
                scenario = load_scenario(path)
            except LoadError as exc:
                raise LoadError(source, None, "scenario_path", str(exc)) from None
            if scenario.name != data["scenario"]:
                raise LoadError(
                    source,
                    None,
                    "scenario",
                    f"{data['scenario']!r} does not match the scenario at its "
                    f"scenario_path, {scenario.name!r} (allowed: the same name)",
                )
            return scenario
    try:
        return load_scenario(data["scenario"])
    except LoadError as exc:
        raise LoadError(source, None, "scenario", str(exc)) from None
