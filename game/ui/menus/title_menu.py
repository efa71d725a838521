"""The title menu: a plain list of entries, the game's own then the lab's (lab_menu.ENTRIES).
Each entry opens its screen by name through the app."""

from __future__ import annotations

from typing import Callable


from . import lab_menu
from ..window import userdata
from .menu_entry import MenuEntry


def _continue(app):
    from ..scenes.load import open_game

    open_game(app, userdata.autosave_path())


def _has_autosave(app) -> bool:
    return userdata.autosave_path().is_file()


def _push(name: str, *args: Callable) -> Callable:
    """An entry's action: push the screen `name`, built with each arg(app)."""
    return lambda app: app.push(app.scene(name, *(a(app) for a in args)))


GAME_ENTRIES = [
    MenuEntry(
        "new",
        "New game",
        _push("setup", lambda app: app.options),
        10,
        tooltip="Choose a scenario, a worldview and who plays each actor.",
    ),
    MenuEntry(
        "continue", "Continue", _continue, 20, _has_autosave, "Pick up the game saved after the last turn played."
    ),
    MenuEntry("load", "Load", _push("load"), 30, tooltip="Open a saved game."),
    MenuEntry(
        "learn",
        "Learn",
        _push("learn"),
        40,
        tooltip="A guided first lesson: seven short chapters played in the real game, about 20 minutes.",
    ),
    MenuEntry(
        "lesson",
        "Lesson",
        _push("lesson"),
        45,
        tooltip="The teacher's guide, part by part: each part's game set up, its prompt on screen (45 minutes).",
    ),
    MenuEntry(
        "classroom",
        "Classroom",
        lambda app: app.hand_over("classroom"),
        50,
        tooltip="Every team on its own phone or laptop: starts the class's server on this machine's network and "
        "shows the board here (the join address, its QR code and the room code). The teacher key is printed in the "
        "terminal.",
    ),
    MenuEntry(
        "article",
        "The article",
        _push("article"),
        85,
        tooltip="The source article, paragraph by paragraph, with the event cards that cite each.",
    ),
    MenuEntry(
        "how", "How to play", _push("how-to-play"), 80, tooltip="The rules, the two security concepts and every key."
    ),
    MenuEntry("quit", "Quit", lambda app: app.ask_to_quit(), 1000),
]

ENTRIES: list[MenuEntry] = sorted(GAME_ENTRIES + lab_menu.ENTRIES, key=lambda e: e.order)


def entries() -> list[MenuEntry]:
    return list(ENTRIES)


def entry(key: str) -> MenuEntry:
    """The entry with this key (KeyError if there is none)."""
    for e in ENTRIES:
        if e.key == key:
            return e
    raise KeyError(key)
