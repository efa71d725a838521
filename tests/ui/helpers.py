"""Helpers for driving the app in tests, and the text recorder the layout tests read frames with."""

import time
import weakref
from contextlib import contextmanager

import pygame

from game.ui.window import driver, text
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
        time.sleep(0.005)


class TextRecorder:
    """Watches game.ui.window.text: remembers each rendered line's words and size and the lines shortened with …,
    and makes Canvas surfaces for the widgets to compose into."""

    current = None

    def __init__(self):
        self.lines: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self.cut: set[str] = set()

    def rendered(self, surf, words: str, px: int):
        self.lines[surf] = [(surf.get_rect(), words, px, words in self.cut)] if words.strip() else []

    def shortened(self, words: str):
        self.cut.add(words)

    def surface(self, size, flags: int = 0):
        return Canvas(size, flags)

    def veiled(self, surface):
        if isinstance(surface, Canvas):
            surface.drawn = []


@contextmanager
def recording_text():
    """While inside, the game's text is drawn onto Canvas surfaces that list it."""
    TextRecorder.current = TextRecorder()
    text.watch(TextRecorder.current)
    try:
        yield TextRecorder.current
    finally:
        text.watch(None)
        TextRecorder.current = None


class Canvas(pygame.Surface):
    """A surface that lists the text drawn into it: (rect, words, px, cut) with cut when the text is
    clipped by the surface, its clip rectangle or the blit's area, or was shortened with …."""

    drawn: list

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.drawn = []

    def blit(self, source, dest, area=None, special_flags=0):
        got = super().blit(source, dest, area, special_flags)
        if isinstance(source, Canvas):
            recs = source.drawn
        else:
            recs = TextRecorder.current.lines.get(source) if TextRecorder.current else None
        if recs:
            x, y = int(dest[0]), int(dest[1])
            src = pygame.Rect(area) if area is not None else source.get_rect()
            shown = pygame.Rect(x, y, src.width, src.height).clip(self.get_clip()).clip(self.get_rect())
            for rect, words, px, cut in recs:
                r = rect.move(x - src.x, y - src.y)
                if r.colliderect(shown):  # text scrolled out of a window is not drawn, not cut
                    self.drawn.append((r, words, px, cut or not shown.contains(r)))
        return got

    def fill(self, *args, **kwargs):
        got = super().fill(*args, **kwargs)
        if not args[1:] and not kwargs.get("rect"):  # filling the whole surface wipes what it showed
            self.drawn = []
        return got


def type_text(app, chars: str):
    """Type characters into the focused text box, as a keyboard's text input events would."""
    for ch in chars:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    driver.run(app, 1)
