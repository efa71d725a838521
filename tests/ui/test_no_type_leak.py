"""Nothing drawn during play gives the other side's hidden type away: the same seed and moves against a
greedy and a security-seeking opponent draw the same words, in two_rivals and in Learn's chapter 2."""

import attrs
import pygame as K

from game.core.files.scenario import load_scenario
from game.core.play import lesson_games
from game.core.play.session import Game
from game.ui.scenes import learn_lesson
from game.ui.widgets.cached import CachedPanel
from game.ui.window import driver, text
from tests.ui.helpers import start_at_title

# talk, talk, arm, talk, talk: the opponent deters once while the learner talks, the round its type pays
MOVES = (K.K_4, K.K_4, K.K_1, K.K_4, K.K_4)


class Words:
    """Hears every line of text rendered (the game's text module tells its watcher)."""

    def __init__(self):
        self.seen: set[str] = set()

    def rendered(self, surf, words: str, px: int):
        self.seen.add(words)

    def shortened(self, words: str):
        pass

    def surface(self, size, flags: int = 0):
        return K.Surface(size, flags)

    def veiled(self, surface):
        pass

    def plotted(self, *args, **kwargs):  # charts and pages of text report their shape; only words matter here
        pass

    def paged(self, *args, **kwargs):
        pass


def frame_words(app) -> frozenset:
    """Every word of one whole frame: each panel rendered afresh, every button's label and tooltip."""
    words = Words()
    text.watch(words)  # forgets the rendered lines, so the frame renders all of them again
    try:
        for scene in app.stack:
            for panel in vars(scene).values():
                if isinstance(panel, CachedPanel):
                    panel.invalidate()
                    panel._surface = None
            if hasattr(scene, "version"):
                scene.version += 1
            if hasattr(scene, "_cache"):
                scene._cache.clear()
        if hasattr(app.top, "budget"):
            app.top.budget.allow(None)
        app.draw(app.screen)
    finally:
        text.watch(None)
    for e in app.top.elements:
        words.seen |= {str(getattr(e, "text", "") or ""), str(getattr(e, "tool_tip_text", "") or "")}
    return frozenset(words.seen)


def two_rivals_words(make_app, greedy: bool) -> list[frozenset]:
    """The words of each turn's frames (the map view and the chart view) against one opponent type."""
    app = make_app("two_rivals", seed=3, doctrines=["human", "always-arm"], turns=6)
    sc = load_scenario("two_rivals")
    game = Game(sc, 3, ["human", "always-arm"], turns=6, dispositions=[False, greedy])
    assert game.type_of(1) == ("greedy" if greedy else "security-seeking")
    app.push(app.scene("play", game, autosave=False))
    driver.run(app, 2)
    driver.settle_pass(app)
    frames = []
    for key in MOVES:
        driver.press(app, key, K.K_RETURN, K.K_RETURN)
        driver.settle_pass(app)
        frames.append(frame_words(app))
        driver.press(app, K.K_c)  # the chart view
        frames.append(frame_words(app))
        driver.press(app, K.K_m)
    assert game.turn == len(MOVES)
    return frames


def test_two_rivals_draws_the_same_words_against_either_type(make_app):
    """Against a greedy and a security-seeking Ambria that both always arm, the play screen's words are the same."""
    greedy, secure = two_rivals_words(make_app, True), two_rivals_words(make_app, False)
    for k, (a, b) in enumerate(zip(greedy, secure)):
        assert a == b, (k, sorted(a - b), sorted(b - a))


def learn_chapter_two_words(make_app, monkeypatch, greedy: bool) -> list[frozenset]:
    """Learn's chapter 2 against an Ambria of one type, played with the same moves. Its reciprocity
    plays by type (a greedy one exploits now and then), so here Ambria always arms: the moves are the
    same and any difference in the words comes from the type alone."""

    def made(task):
        blind = attrs.evolve(task, doctrines=(("AMB", "always-arm"),))
        return lesson_games.games(blind, dispositions=[False, greedy])

    monkeypatch.setattr(learn_lesson, "lesson_games", made)
    app = make_app()
    start_at_title(app)
    assert driver.click_button(app, "Learn")
    assert driver.click_button(app, "2. ")
    les = app.top.lesson
    assert les.game.doctrines[1] == "always-arm"
    assert les.game.type_of(1) == ("greedy" if greedy else "security-seeking")
    frames = []
    for key in MOVES:
        driver.press(app, key, K.K_RETURN)
        frames.append(frame_words(app))
    assert les.game.turn == len(MOVES)
    return frames


def test_learn_chapter_two_draws_the_same_words_against_either_type(make_app, monkeypatch):
    """Learn's chapter 2 shows the same words whether reciprocity's Ambria is greedy or security-seeking."""
    greedy = learn_chapter_two_words(make_app, monkeypatch, True)
    secure = learn_chapter_two_words(make_app, monkeypatch, False)
    for k, (a, b) in enumerate(zip(greedy, secure)):
        assert a == b, (k, sorted(a - b), sorted(b - a))
