"""The title screen's Classroom entry closes the game's window and hands over to the classroom command, which
starts the class's server with its board at the window's text size."""

import pygame as K

from game import cli
from game.classroom import launch as classroom
from game.ui.menus import title_menu
from game.ui.window import driver

from .helpers import start_at_title


def test_the_classroom_entry_is_on_the_title_screen_and_hands_over(make_app):
    """Arrowing down to Classroom and pressing Enter ends the window's loop with the classroom as its next command."""
    app = make_app()
    start_at_title(app)
    for _ in title_menu.entries():
        chosen = app.top.list.focused_intent()
        if chosen is not None and chosen.arg.key == "classroom":
            break
        driver.press(app, K.K_DOWN)
    driver.press(app, K.K_RETURN)
    assert not app.running and app.exit_code == 0 and app.then == "classroom"


def test_play_runs_the_classroom_the_window_handed_over_to(monkeypatch):
    """`play` whose window handed over starts `classroom` with its defaults and the window's text size."""
    started = []

    def window(args, then):
        then.append("classroom")
        return 0

    monkeypatch.setattr("game.ui.window.launch.run", window)
    monkeypatch.setattr(classroom, "run", lambda args: started.append(args) or 0)
    assert cli.main(["play", "--scale", "1.5"]) == 0
    (args,) = started
    assert args.scale == 1.5 and args.tables == 1 and args.scenario == "east_asia_2023" and args.worldview is None
    assert not args.headless and args.port == 8000
