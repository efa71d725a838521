"""Quitting: asked first while a game runs (window close, Ctrl+Q, the game menu), at once otherwise; and a
still screen waits for input rather than drawing 60 frames a second."""

import time

import pygame as K

from game.ui.window import driver

from .helpers import start_at_title


def _close_window(app):
    K.event.post(K.event.Event(K.QUIT))
    driver.run(app, 1)


def test_quit_at_the_title_quits_at_once(make_app):
    """With no game running, closing the window quits without a question."""
    app = make_app()
    start_at_title(app)
    _close_window(app)
    assert not app.running


def test_quit_during_a_game_asks_first(make_app):
    """During a game the window's close box, Ctrl+Q and the game menu's Quit ask; Esc keeps playing,
    Enter quits."""
    app = make_app("two_rivals", seed=2)
    start_at_title(app)
    driver.press(app, K.K_RETURN, K.K_RETURN)  # New game, Start
    driver.settle_pass(app)
    assert driver.top_name(app) == "play"
    _close_window(app)
    assert app.running and driver.top_name(app) == "quit-confirm"
    driver.press(app, K.K_ESCAPE)
    assert app.running and driver.top_name(app) == "play"
    driver.press(app, K.K_q, mod=K.KMOD_CTRL)
    assert driver.top_name(app) == "quit-confirm"
    driver.press(app, K.K_ESCAPE, K.K_ESCAPE)  # the game menu
    assert driver.top_name(app) == "menu"
    driver.press(app, K.K_UP, K.K_RETURN)  # Quit, the last entry
    assert app.running and driver.top_name(app) == "quit-confirm"
    driver.press(app, K.K_RETURN)
    assert not app.running


def test_the_idle_title_screen_waits_for_input(make_app):
    """Left alone for a second, the title screen's loop draws a handful of frames, not sixty."""
    app = make_app()
    start_at_title(app)
    assert app.still()
    frames = 0
    frame = app.frame

    def counted(dt=None):
        nonlocal frames
        frames += 1
        return frame(dt)

    app.frame = counted
    K.time.set_timer(K.QUIT, 1000, loops=1)
    start = time.monotonic()
    app.loop()
    assert time.monotonic() - start >= 0.9
    assert frames <= 10
