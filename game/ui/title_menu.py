"""The title menu is a list built from this registry, so later screens (a compare lab, a
worldview sandbox) add their entry with `register` instead of editing the title scene."""
from __future__ import annotations

from typing import Callable

import attrs


@attrs.frozen
class MenuEntry:
    key: str
    label: str
    open: Callable            # open(app) -> None: pushes or replaces scenes
    order: int = 100
    enabled: Callable = lambda app: True  # noqa: E731
    tooltip: str = ""


ENTRIES: dict[str, MenuEntry] = {}


def register(entry: MenuEntry) -> MenuEntry:
    ENTRIES[entry.key] = entry
    return entry


def entries() -> list[MenuEntry]:
    return sorted(ENTRIES.values(), key=lambda e: e.order)


def _new_game(app):
    from .scenes.setup import SetupScene
    app.push(SetupScene(app, app.options))


def _continue(app):
    from . import userdata
    from .scenes.load import open_game
    open_game(app, userdata.autosave_path())


def _has_autosave(app) -> bool:
    from . import userdata
    return userdata.autosave_path().is_file()


def _load(app):
    from .scenes.load import LoadScene
    app.push(LoadScene(app))


def _how_to_play(app):
    from .scenes.help import HowToPlayScene
    app.push(HowToPlayScene(app))


def _quit(app):
    app.quit(0)


register(MenuEntry("new", "New game", _new_game, 10, tooltip="Choose a scenario, a worldview and who plays each actor."))
register(MenuEntry("continue", "Continue", _continue, 20, _has_autosave, "Pick up the game saved after the last turn played."))
register(MenuEntry("load", "Load", _load, 30, tooltip="Open a saved game."))
register(MenuEntry("how", "How to play", _how_to_play, 80, tooltip="The rules, the two security concepts and every key."))
register(MenuEntry("quit", "Quit", _quit, 1000))

from . import lab_menu  # noqa: E402,F401  (the lab screens register their entries)
