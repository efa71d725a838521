"""Lesson mode runs the teacher's guide from one launch, driven by keys: every part opens the game the guide
names (scenario, seats, world hidden or named, seed, turns, text size) or the lab screen, with its prompt
on screen, and Ctrl+PgDn / Ctrl+PgUp move between parts from any screen."""

import pygame as K
import pytest

from game.core.files.scenario import load_scenario
from game.core.model.doctrines import HUMAN
from game.core.teaching import lesson_plan as L
from game.ui.scenes.lesson_mode import origin_of, setup_lines
from game.ui.window import driver

from .helpers import play_scene, recording_text, start_at_title


def _open_lesson_from_title(app):
    """↓ through the title menu to Lesson, then Enter."""
    for _ in range(20):
        chosen = app.top.list.focused_intent()
        if chosen is not None and chosen.arg.key == "lesson":
            break
        driver.press(app, K.K_DOWN)
    driver.press(app, K.K_RETURN)
    assert driver.top_name(app) == "lesson"


def _next_part(app):
    driver.press(app, K.K_PAGEDOWN, mod=K.KMOD_CTRL)


def _check_game(game, part):
    """The game a part opened is the one the guide names."""
    sc = load_scenario(part.scenario)
    assert game.scenario.name == part.scenario
    assert game.turn_limit == (part.turns or sc.turns)
    if part.seed is not None:
        assert game.seed == part.seed
    assert game.hidden == (part.worldview == L.HIDDEN)
    if not game.hidden:
        assert game.worldview.preset == (part.worldview or sc.worldview.preset)
        for name, value in part.sets:
            assert game.worldview[name] == value
    seats = dict(part.seats)
    for code, doctrine, default in zip(sc.codes, game.doctrines, sc.default_doctrines()):
        assert doctrine == seats.get(code, part.everyone or default), code


def test_the_short_lesson_runs_part_by_part_by_keys(make_app):
    """Title → Lesson, then each part of the 45-minute version: Enter opens it set up as the guide says, a part
    that goes on plays the same game, and Ctrl+PgDn from inside it leads to the next part's card."""
    app = make_app("two_rivals", seed=5)
    start_at_title(app)
    _open_lesson_from_title(app)
    lesson = app.top
    plan = lesson.plan
    assert plan.key == "short" and plan.minutes == 45
    games = {}
    for index, part in enumerate(plan.parts):
        assert app.top is lesson and lesson.index == index, (index, driver.top_name(app))
        assert app.scale == part.scale
        driver.press(app, K.K_RETURN)
        if part.plays:
            game = play_scene(app).game
            origin = origin_of(plan, index)
            if part.same_game:
                assert game is games[origin]
            else:
                _check_game(game, part)
                games[index] = game
            assert app.strip_height() > 0  # the prompt stays in view under the game
            assert app.size[1] == app.screen.get_height() - app.strip_height()
        else:  # a part without a game has no Start: Enter presses the next button, Next part
            assert app.top is lesson and lesson.index == index + 1
            continue
        if part.key == "1":
            driver.play_human_turn(app, K.K_4, tab=False)  # one round of talk, then part 2 goes on from it
            assert play_scene(app).game.turn == 1
        if index < len(plan.parts) - 1:
            _next_part(app)
    assert games[origin_of(plan, len(plan.parts) - 1)].hidden  # the debrief is part 7's hidden game


def test_going_back_finds_the_class_game_where_it_was(make_app):
    """Ctrl+PgUp goes back a part, and the part's game is the one the class played, not a new one."""
    app = make_app()
    start_at_title(app)
    app.push(app.scene("lesson"))
    driver.press(app, K.K_n, K.K_RETURN)
    first = play_scene(app).game
    driver.play_human_turn(app, K.K_4, tab=False)
    _next_part(app)
    _next_part(app)
    assert app.top.index == 3
    driver.press(app, K.K_PAGEUP, mod=K.KMOD_CTRL)
    driver.press(app, K.K_PAGEUP, mod=K.KMOD_CTRL)
    assert app.top.index == 1
    driver.press(app, K.K_RETURN)
    assert play_scene(app).game is first and first.turn == 1


def test_the_two_lesson_version_ends_in_the_lab(make_app):
    """V switches to the two-lesson version; the second lesson's lab parts open the compare lab and the sweep."""
    app = make_app()
    start_at_title(app)
    app.push(app.scene("lesson"))
    driver.press(app, K.K_v)
    assert app.top.plan.key == "first" and app.top.plan.minutes == 45
    driver.press(app, K.K_v)
    lesson = app.top
    assert lesson.plan.key == "second" and lesson.plan.minutes == 45
    screens = [(k, p.screen) for k, p in enumerate(lesson.plan.parts) if p.screen]
    assert [s for _, s in screens] == ["compare", "sweep"]
    driver.press(app, *([K.K_n] * screens[0][0]), K.K_RETURN)
    assert driver.top_name(app) == "compare"
    _next_part(app)
    driver.press(app, K.K_RETURN)
    assert driver.top_name(app) == "sweep"


def test_the_title_screen_from_a_game_leads_back_to_the_lesson(make_app):
    """The game menu's Title screen during a lesson returns to the lesson's card; Esc there leaves the lesson."""
    app = make_app()
    start_at_title(app)
    app.push(app.scene("lesson"))
    driver.press(app, K.K_n, K.K_RETURN)
    assert play_scene(app) is not None
    app.reset(app.scene("title"))
    assert driver.top_name(app) == "lesson" and app.top.index == 1
    driver.press(app, K.K_ESCAPE)
    assert driver.top_name(app) == "title" and app.lesson is None and app.strip_height() == 0


def test_every_part_says_its_setup_in_words():
    """The card names each game's scenario, seats and world (hidden ones as hidden, never by name)."""
    for plan in L.PLANS:
        for index, part in enumerate(plan.parts):
            words = " ".join(setup_lines(plan, index))
            assert words
            if part.scenario and part.worldview == L.HIDDEN:
                assert "hidden" in words and "spiral-world" not in words and "deterrence-world" not in words
            if any(c == HUMAN for _, c in part.seats):
                assert "The class plays" in words


@pytest.mark.parametrize(
    "size", [(1280, 720), pytest.param((1920, 1080), marks=pytest.mark.slow)], ids=["1280x720", "1920x1080"]
)
def test_the_lesson_card_and_its_notices_hold_at_every_size(make_app, size):
    """Every part's card, and the quit question over a part's game, hold at text sizes 1.0, 1.5 and 2.0:
    nothing cut, overlapping or off the window, no text smaller than at 1.0 (the layout test's measures)."""
    from tests.ui.test_layout import draw_frame, problems

    app = make_app(size=size)
    start_at_title(app)
    app.push(app.scene("lesson"))
    lesson = app.top
    base: dict = {}
    found = {}
    with recording_text():
        for scale in (1.0, 1.5, 2.0):
            for index in range(len(lesson.plan.parts)):
                lesson.go(index)
                app.set_scale(scale, remember=False)
                driver.run(app, 1)
                found[f"part {index}@{scale}"] = problems(app, draw_frame(app), base)
        driver.press(app, K.K_RETURN)  # part D: part 7's game
        for scale in (1.0, 1.5, 2.0):
            app.set_scale(scale, remember=False)
            app.ask_to_quit()
            driver.run(app, 1)
            assert driver.top_name(app) == "quit-confirm"
            found[f"quit@{scale}"] = problems(app, draw_frame(app), base)
            driver.press(app, K.K_ESCAPE)
    assert not {k: v for k, v in found.items() if v}
