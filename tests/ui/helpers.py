"""Helpers for driving the app in tests."""
import time

import pygame

from game.ui import driver
from game.ui.scenes.title import TitleScene


def start_at_title(app):
    app.push(TitleScene(app))
    driver.run(app, 1)


def setup_two_humans_and_start(app):
    """Title → setup; make USA a second human (CHN is human by default); start the game."""
    K = pygame
    driver.press(app, K.K_RETURN)
    assert driver.top_name(app) == "setup"
    driver.press(app, *([K.K_DOWN] * 6))            # the USA row
    driver.press(app, K.K_LEFT, K.K_LEFT, K.K_LEFT)  # reciprocity → dialogue → deterrence → human
    assert app.top.controllers[:2] == ["human", "human"]
    driver.press(app, *([K.K_UP] * 7))              # wraps round to Start game
    driver.press(app, K.K_RETURN)
    assert driver.top_name(app) in ("play", "pass"), driver.top_name(app)


def play_scene(app):
    for scene in reversed(app.stack):
        if scene.name == "play":
            return scene
    return None


def wait_for_debrief(app, seconds: float = 60.0):
    """Run frames until the debrief on top has worked out its observer and baselines (in the background)."""
    start = time.monotonic()
    while not app.top.ready:
        assert time.monotonic() - start < seconds, "the debrief never became ready"
        driver.run(app, 1)
        time.sleep(0.005)
