"""The `play` command: check the options, clear what interrupted writes left, open the window."""
from __future__ import annotations

import os
import sys

import pygame

from game.core.tempfiles import clean_stale

from . import userdata
from .setup_options import OptionsError, options_from_args


def run(args) -> int:
    """Open the window and play (or, with --screenshot, tour every screen and save pictures)."""
    try:
        options = options_from_args(args)
    except OptionsError as exc:
        print(f"main.py play: {exc}", file=sys.stderr)
        return 2
    clean_stale(userdata.data_dir(), recursive=True)
    if options.screenshot:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy") if not os.environ.get("DISPLAY") else None
        from .screenshots import take_all
        return take_all(options)
    from .app import App
    app = App(options.size, options.scale, options.fullscreen, options)
    app.push(app.scene("title"))
    try:
        return app.loop()
    finally:
        pygame.quit()
