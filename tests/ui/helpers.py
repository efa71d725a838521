"""Helpers for driving the app in tests, and the text recorder the layout tests read frames with."""

import time

import pygame

from game.ui.tours import frame_record
from game.ui.tours.frame_record import Canvas, TextRecorder  # noqa: F401 (tests import them from here)
from game.ui.tours.lab_screenshots import BREATH
from game.ui.window import driver
from game.ui.scenes.title import TitleScene


#: the screens of Learn and the article reader that the learn tour walks
LEARN_SCREENS = frozenset(
    {
        "learn-list",
        "learn-1",
        "learn-1-question",
        "learn-1-feedback",
        "learn-3",
        "learn-4",
        "learn-5",
        "learn-6",
        "learn-7-belief",
        "article",
        "article-8",
    }
)


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


def two_humans_after_a_turn(app):
    """Title → setup with two humans → both play move 1 in turn 1: the play screen after a turn's result."""
    start_at_title(app)
    setup_two_humans_and_start(app)
    driver.settle_pass(app)
    driver.play_human_turn(app, pygame.K_1)
    driver.play_human_turn(app, pygame.K_1)
    driver.settle_pass(app)


def debrief_page_words(app, monkeypatch, page: str) -> list[str]:
    """Every string the debrief on top renders when it draws its page `page` afresh."""
    from game.ui.window import text

    scene = app.top
    scene.tab = [p for p, _ in scene.pages].index(page)
    scene.relayout()
    seen = []
    real = text.render
    monkeypatch.setattr(text, "render", lambda s, *a, **k: seen.append(str(s)) or real(s, *a, **k))
    scene._cache.clear()
    app.draw(app.screen)
    monkeypatch.setattr(text, "render", real)
    return seen


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
