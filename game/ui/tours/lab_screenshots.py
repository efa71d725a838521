"""The lab screens in `play --screenshot DIR`: compare with results, the sandbox with a moved
slider and its preview, and a sweep with its crossover. Small game counts keep the tour quick."""

from __future__ import annotations

import time

import pygame

from ..window import driver
from ..menus import title_menu
from . import frame_record

WAIT = 90.0  # seconds a background run may take before the tour gives up on it
BREATH = 0.1  # seconds between frames while waiting: the window stays live, ten frames a second, not drawing flat out


def wait_for(app, done, limit: float = WAIT) -> bool:
    """Run frames (the window stays live) until done() or the time limit."""
    end = time.monotonic() + limit
    while not done() and time.monotonic() < end:
        app.frame(1 / 60)
        time.sleep(BREATH)
    driver.run(app, 2)
    return done()


def lab_tour(app, out, suffix: str, visit=None):
    """Compare, sandbox and sweep, each shown to visit(name) (by default a screenshot named name+suffix)."""
    if visit is None:

        def visit(name):
            frame_record.shoot(app, out / f"{name}{suffix}")

    app.reset(app.scene("title"))
    title_menu.entry("compare").open(app)
    compare = app.top
    driver.run(app, 2)
    visit("compare-setup")
    compare.games = 200
    driver.press(app, pygame.K_r)
    wait_for(app, lambda: compare.run is None)
    visit("compare")

    app.reset(app.scene("title"))
    title_menu.entry("sandbox").open(app)
    sandbox = app.top
    driver.press(app, pygame.K_DOWN, pygame.K_DOWN)  # the first parameter: greedy_share
    driver.press(app, pygame.K_RIGHT, pygame.K_RIGHT, pygame.K_RIGHT)
    driver.press(app, pygame.K_DOWN, pygame.K_DOWN, pygame.K_DOWN, pygame.K_DOWN)  # misperception
    driver.press(app, pygame.K_LEFT, pygame.K_LEFT)
    wait_for(app, lambda: sandbox.preview_current)
    visit("sandbox")

    app.reset(app.scene("title"))
    title_menu.entry("sweep").open(app)
    sweep = app.top
    sweep.games = 100
    driver.press(app, pygame.K_r)
    wait_for(app, lambda: sweep.run is None)
    visit("sweep")
    app.reset(app.scene("title"))
