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


def remembered(args, settings):
    """args with what was not given on the command line taken from the settings (the text size, the last
    scenario), else the defaults. A remembered scenario that no longer loads is passed over."""
    values = dict(vars(args))
    if values.get("scale") is None:
        values["scale"] = settings.get("scale", 1.0) if settings is not None else 1.0
    if values.get("scenario") is None:
        values["scenario"] = DEFAULT_SCENARIO
        last = settings.get("scenario") if settings is not None else None
        if last:
            from game.core.model.errors import LoadError
            from game.core.files.scenario import load_scenario

            try:
                load_scenario(last)
                values["scenario"] = last
            except (LoadError, OSError, ValueError):
                pass
    return argparse.Namespace(**values)


def run(args) -> int:
    """Open the window and play (or, with --screenshot, tour every screen and save pictures)."""
    settings = None if getattr(args, "screenshot", None) else Settings()  # the tour remembers nothing
    args = remembered(args, settings)
    try:
        options = options_from_args(args)
    except OptionsError as exc:
        print(f"main.py play: {exc}", file=sys.stderr)
        return 2
    clean_stale(userdata.data_dir(), recursive=True)
    if options.screenshot:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy") if not os.environ.get("DISPLAY") else None
        from ..tours.screenshots import take_all

        return take_all(options)
    from .app import App

    app = App(options.size, options.scale, options.fullscreen, options)
    app.settings = settings
    app.push(app.scene("title"))
    try:
        return app.loop()
    finally:
        pygame.quit()
