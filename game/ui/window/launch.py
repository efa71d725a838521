"""The `play` command: check the options, clear what interrupted writes left, open the window."""

from __future__ import annotations

import argparse
import os
import sys

import pygame

from game.core.files.tempfiles import clean_stale

from . import userdata
from .settings import Settings
from .setup_options import OptionsError, options_from_args


DEFAULT_SCENARIO = "east_asia_2023"
SETUP_OPTIONS = ("scenario", "seed", "worldview", "doctrine", "doctrine_all", "turns", "set")


def setup_given(args) -> bool:
    """True when the command line says anything about the game to set up (not only the window)."""
    return any(getattr(args, name, None) not in (None, [], "") for name in SETUP_OPTIONS)


def remembered(args, settings):
    """args with what was not given on the command line taken from the settings (the text size, the last
    scenario), else the defaults. The command line always wins: once it names anything of the game to set
    up, the remembered scenario is not used (the default scenario is). A remembered scenario that no longer
    loads is passed over."""
    values = dict(vars(args))
    if values.get("scale") is None:
        values["scale"] = settings.get("scale", 1.0) if settings is not None else 1.0
    if values.get("scenario") is None:
        values["scenario"] = DEFAULT_SCENARIO
        last = settings.get("scenario") if settings is not None and not setup_given(args) else None
        if last:
            from game.core.model.errors import LoadError
            from game.core.files.scenario import load_scenario

            try:
                load_scenario(last)
                values["scenario"] = last
            except (LoadError, OSError, ValueError):
                pass
    return argparse.Namespace(**values)


def options_for(args):
    """(options, settings, given) for the play command's args: the settings read (none for the screenshot
    tour, which remembers nothing), the command line over them. OptionsError for a bad option."""
    settings = None if getattr(args, "screenshot", None) else Settings()
    given = setup_given(args)
    return options_from_args(remembered(args, settings), given), settings, given


def open_app(options, settings, given: bool):
    """The window on the title screen, or on the setup the command line describes (Esc: the title)."""
    from .app import App

    app = App(options.size, options.scale, options.fullscreen, options)
    app.settings = settings
    app.push(app.scene("title"))
    if given:
        app.push(app.scene("setup", options))
    return app


def run(args, then: list | None = None) -> int:
    """Open the window and play (or, with --screenshot, tour every screen and save pictures). A command the
    window hands over to (App.hand_over) is appended to `then`."""
    try:
        options, settings, given = options_for(args)
    except OptionsError as exc:
        print(f"main.py play: {exc}", file=sys.stderr)
        return 2
    clean_stale(userdata.data_dir(), recursive=True)
    if options.screenshot:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy") if not os.environ.get("DISPLAY") else None
        from ..tours.screenshots import take_all

        return take_all(options)
    app = open_app(options, settings, given)
    try:
        code = app.loop()
        if then is not None and app.then:
            then.append(app.then)
        return code
    finally:
        pygame.quit()
