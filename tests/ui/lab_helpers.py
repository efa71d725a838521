"""Helpers for the lab screens' tests: open a lab screen from the title, wait for background runs."""

import time

import pygame

from game.ui.window import driver, palette
from game.ui.tours.lab_screenshots import wait_for  # noqa: F401  (re-exported for the tests)
from tests.ui.helpers import start_at_title


def open_lab(app, label: str):
    """Title → the lab screen whose menu button starts with label, by clicking it."""
    start_at_title(app)
    assert driver.click_button(app, label), f"no title button {label!r}"
    return app.top


def focus_row(app, scene, what):
    """Walk the keyboard focus (↓) to the cycle row or slider named what."""
    for _ in range(len(scene.items) + 1):
        it = scene.focused()
        if it is not None and it.get("what") == what:
            return
        driver.press(app, pygame.K_DOWN)
    raise AssertionError(f"no row {what!r} reachable with ↓")


def marker_pixels(app, scene, name: str) -> int:
    """How many pixels of the modified marker's yellow the parameter's gutter shows."""
    row = scene.params.rows[name]
    gutter = pygame.Rect(row["row"].x + 1, row["label"].y + 2, row["gutter"] - 2, row["label"].height - 4)
    app.frame(1 / 60)
    count = 0
    for x in range(gutter.left, gutter.right):
        for y in range(gutter.top, gutter.bottom):
            if tuple(app.screen.get_at((x, y)))[:3] == palette.FOCUS:
                count += 1
    return count


def frames_until(app, done, limit: float):
    """Frames on the real clock until done(); returns (frame gaps in seconds while not done, seconds)."""
    gaps = []
    start = last = time.perf_counter()
    while not done() and time.perf_counter() - start < limit:
        app.frame()
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
    return gaps, time.perf_counter() - start
