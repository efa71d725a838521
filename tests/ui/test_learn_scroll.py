"""Learn's board scrolls back through the lines that gave way, and a new turn brings back the latest."""

import pygame
import pytest

from game.ui.scenes.learn import LearnScene
from game.ui.window import driver
from tests.ui.helpers import recording_text
from tests.ui.test_layout import draw_frame, squeezed

K = pygame


@pytest.fixture(autouse=True)
def recording():
    with recording_text():
        yield


def drawn_words(app) -> list[str]:
    return [squeezed(words) for _, words, _, cut in draw_frame(app).drawn if not cut]


def turns_drawn(app) -> set[str]:
    return {w.split(":")[0] for w in drawn_words(app) if w.startswith("Turn ")}


def wheel_over_board(app, scene, dy: int):
    """A turn of the wheel with the pointer over the board."""
    pygame.mouse.set_pos(scene.board_rect.center)
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=dy, flipped=False, precise_x=0.0, precise_y=dy))
    driver.run(app, 1)


def noise_chapter(make_app, turns: int):
    """Chapter 3 (two games side by side) at text size 2.0 in 1280×720, after some turns."""
    app = make_app(scale=2.0)
    scene = LearnScene(app, 3)
    app.push(scene)
    driver.run(app, 1)
    driver.press(app, *([K.K_RETURN] * turns))
    return app, scene


def test_pgup_shows_earlier_turns_and_pgdn_returns_to_the_latest(make_app):
    """PgUp draws a turn that gave way, the note says how to scroll, PgDn brings back the latest."""
    app, scene = noise_chapter(make_app, 10)
    latest = drawn_words(app)
    assert any(w.startswith("(PgUp or wheel:") and "earlier line" in w for w in latest)
    assert "Turn 10" in turns_drawn(app) and any(w.startswith("1. ") for w in latest)
    before = turns_drawn(app)
    assert "Turn 1" not in before
    driver.press(app, K.K_PAGEUP)
    assert turns_drawn(app) - before, "PgUp shows no earlier turn"
    driver.press(app, *([K.K_PAGEUP] * 5))
    assert "Turn 1" in turns_drawn(app)
    driver.press(app, *([K.K_PAGEDOWN] * 6))
    assert drawn_words(app) == latest


def test_the_wheel_over_the_board_scrolls_it(make_app):
    """The wheel over the board scrolls it back and forward, as PgUp and PgDn do."""
    app, scene = noise_chapter(make_app, 10)
    latest = drawn_words(app)
    wheel_over_board(app, scene, 1)
    assert scene.board_back > 0 and drawn_words(app) != latest
    wheel_over_board(app, scene, -1)
    assert drawn_words(app) == latest


def play_on(app, les):
    """One step of a regional chapter: answer a crisis prompt (settle, stay out), else play a CBM."""
    p = les.unanswered()
    if p is not None:
        driver.press(app, K.K_s if p["kind"] == "stance" else K.K_n)
    else:
        driver.press(app, K.K_4, K.K_RETURN)


def test_a_new_turn_returns_the_board_to_the_latest(make_app):
    """Scrolled back, the board shows the newest turn again once the next turn is played."""
    app = make_app(scale=2.0)
    scene = LearnScene(app, 6)  # a crisis chapter: a regional game whose board gives way from turn 2
    app.push(scene)
    driver.run(app, 1)
    les = scene.lesson
    while les.game.turn < 2 or les.unanswered() is not None:
        play_on(app, les)
    assert scene.board_whole is not None, "no lines gave way at turn 2"
    driver.press(app, K.K_PAGEUP, K.K_PAGEUP)
    assert scene.board_back > 0 and "Turn 2" not in turns_drawn(app)
    play_on(app, les)
    assert les.game.turn == 3 and scene.board_back == 0
    assert "Turn 3" in turns_drawn(app)


def test_ctrl_page_keys_step_between_chapters_and_help_lists_the_keys(make_app):
    """Ctrl+PgDn and Ctrl+PgUp step between chapters, plain PgDn leaves the chapter open; F1 lists them."""
    app, scene = noise_chapter(make_app, 0)
    driver.press(app, K.K_F1)
    listed = " ".join(p[0] for block, _ in app.top.columns for p in block.paragraphs)
    assert all(key in listed for key in ("PgUp", "PgDn", "Ctrl+PgUp", "Ctrl+PgDn"))
    driver.press(app, K.K_ESCAPE)
    driver.press(app, K.K_PAGEDOWN)
    assert scene.lesson.chapter.number == 3
    driver.press(app, K.K_PAGEDOWN, mod=K.KMOD_CTRL)
    assert scene.lesson.chapter.number == 4
    driver.press(app, K.K_PAGEUP, mod=K.KMOD_CTRL)
    assert scene.lesson.chapter.number == 3
