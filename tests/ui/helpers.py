"""Helpers for driving the app in tests."""
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
