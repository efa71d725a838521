"""Helpers for driving the app in tests, and the text recorder the layout tests read frames with."""

import time

import pygame

from game.ui.tours import frame_record
from game.ui.tours.frame_record import Canvas, TextRecorder  # noqa: F401 (tests import them from here)
from game.ui.tours.lab_screenshots import BREATH
from game.ui.window import driver
from game.ui.scenes.title import TitleScene


def start_at_title(app):
    app.push(TitleScene(app))
    driver.run(app, 1)


def setup_two_humans_and_start(app):
    """Title → setup; make USA a second human (CHN is human by default); start the game."""
    K = pygame
    driver.press(app, K.K_RETURN)
    assert driver.top_name(app) == "setup"
    driver.press(app, *([K.K_DOWN] * 6))  # the USA row
    driver.press(app, K.K_LEFT, K.K_LEFT, K.K_LEFT)  # reciprocity → dialogue → deterrence → human
    assert app.top.controllers[:2] == ["human", "human"]
    driver.press(app, *([K.K_UP] * 7))  # wraps round to Start game
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
        time.sleep(BREATH)


# the recorder the screenshot tour writes its JSON with: the tests read frames with the same instrument
recording_text = frame_record.recording


def type_text(app, chars: str):
    """Type characters into the focused text box, as a keyboard's text input events would."""
    for ch in chars:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    driver.run(app, 1)
