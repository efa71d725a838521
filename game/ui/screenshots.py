"""`play --screenshot DIR`: drive the real scenes with posted events and save a PNG of each screen."""
from __future__ import annotations

from pathlib import Path

import pygame

from . import driver


def take_all(options) -> int:
    from .app import App
    from .lab_screenshots import lab_tour

    out = Path(options.screenshot)
    out.mkdir(parents=True, exist_ok=True)
    # the tour plays real turns, which autosave: keep them away from the player's own saves
    import os
    import tempfile
    if "DOD_DATA_DIR" not in os.environ:
        os.environ["DOD_DATA_DIR"] = tempfile.mkdtemp(prefix="dod-screens-")
    for scale in (1.0, 1.5):
        suffix = "" if scale == 1.0 else f"@{scale:g}"
        app = App(options.size, scale, False, options)
        app.push(app.scene("title"))
        _tour(app, out, suffix)
        lab_tour(app, out, suffix)
        pygame.display.quit()
    print(f"screenshots written to {out}")
    return 0


def _shot(app, out, name, suffix):
    driver.run(app, 2)
    app.snapshot(out / f"{name}{suffix}.png")


def _tour(app, out, suffix):
    K = pygame
    _shot(app, out, "title", suffix)
    driver.press(app, K.K_RETURN)                      # New game
    assert driver.top_name(app) == "setup", driver.top_name(app)
    setup = app.top
    humans = sum(1 for c in setup.controllers if c == "human")
    if humans < 2:                                     # a second human shows hot-seat (USA: 3 × ← to Human)
        driver.press(app, *([K.K_DOWN] * 6))
        driver.press(app, K.K_LEFT, K.K_LEFT, K.K_LEFT)
        driver.press(app, *([K.K_UP] * 7))
    _shot(app, out, "setup", suffix)
    driver.press(app, K.K_RETURN)                      # Start game
    if driver.top_name(app) == "setup":
        driver.click_button(app, "Start game")
    _shot(app, out, "pass", suffix) if driver.top_name(app) == "pass" else None
    for action in (K.K_4, K.K_1, K.K_6):
        for _ in app.top.flow.humans if hasattr(app.top, "flow") else [0]:
            driver.play_human_turn(app, action)
        driver.settle_pass(app)
    driver.settle_pass(app)
    driver.press(app, K.K_3, K.K_TAB, K.K_TAB, K.K_RETURN)  # a move waiting for confirmation
    _shot(app, out, "play", suffix)
    if app.scale > 1.0:
        driver.press(app, K.K_e)
        _shot(app, out, "play-card", suffix)
        driver.press(app, K.K_w)
        _shot(app, out, "play-why", suffix)
        driver.press(app, K.K_m)
    driver.press(app, K.K_c)
    _shot(app, out, "play-chart", suffix)
    driver.press(app, K.K_c)
    driver.press(app, K.K_F1)
    _shot(app, out, "help", suffix)
    driver.press(app, K.K_ESCAPE)
    driver.press(app, K.K_ESCAPE)                      # leave the confirm step
    driver.press(app, K.K_ESCAPE)                      # the game menu
    _shot(app, out, "menu", suffix)
    driver.press(app, K.K_ESCAPE)
    guard = 0
    while driver.top_name(app) in ("play", "pass") and guard < 2000:
        driver.play_human_turn(app, K.K_6, tab=False)
        guard += 1
    _shot(app, out, "debrief", suffix)
    driver.press(app, K.K_o)
    _shot(app, out, "debrief-compare", suffix)
    driver.press(app, K.K_RIGHT)
    _shot(app, out, "debrief-charts", suffix)
    driver.press(app, K.K_RIGHT)
    _shot(app, out, "debrief-turns", suffix)
