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
    if driver.top_name(app) == "pass":
        _shot(app, out, "pass", suffix)
        driver.press(app, K.K_RETURN)                  # China has the keyboard: its private briefing
        _shot(app, out, "briefing", suffix)
    # turn 1: China challenges Japan over the East China Sea islands (9, then Tab to its second stake
    # partner); the United States, Japan's ally, summits
    driver.play_human_turn(app, K.K_9)
    driver.play_human_turn(app, K.K_4)
    # turn 2: China, a party, chooses a stance; the United States may back Japan or stay out
    for name, action in (("crisis", K.K_1), ("crisis-ally", K.K_6)):
        driver.settle_pass(app)
        if getattr(app.top, "shown_prompt", lambda: None)() is not None:
            _shot(app, out, name, suffix)
        driver.play_human_turn(app, action, tab=False)
    driver.settle_pass(app)
    driver.settle_crisis(app)
    driver.press(app, K.K_3, K.K_TAB, K.K_TAB, K.K_RETURN)  # a move waiting for confirmation
    _shot(app, out, "play", suffix)
    score = getattr(app.top, "score_button", None)
    if score is not None:                              # the running score's tooltip: what it counts
        pygame.mouse.set_pos(score.rect.center)        # pygame_gui reads the pointer, not the events
        driver.run(app, 120)
        _shot(app, out, "play-score", suffix)
        pygame.mouse.set_pos((1, app.size[1] - 1))
        driver.run(app, 2)
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
