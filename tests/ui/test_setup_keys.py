"""Setup by keyboard: Enter starts the game from any row, a typed seed is kept, only ← → change a row,
and a tooltip already showing follows a keyboard change."""

import pygame as K
import pytest

from game.ui.window import driver

from .helpers import play_scene, start_at_title, type_text


def _setup(app):
    start_at_title(app)
    driver.press(app, K.K_RETURN)
    assert driver.top_name(app) == "setup"
    return app.top


@pytest.mark.parametrize("row", ["scenario", "worldview", "turns", "seed", "actor", "path"])
def test_enter_starts_the_game_from_any_row(make_app, row):
    app = make_app()
    setup = _setup(app)
    scenario, controllers = setup.scenario.name, list(setup.controllers)
    kinds = [r["kind"] for r in setup.rows]
    while kinds[setup.focus] != row:
        driver.press(app, K.K_DOWN)
    driver.press(app, K.K_RETURN)
    assert driver.top_name(app) in ("play", "pass")
    game = play_scene(app).game
    assert game.scenario.name == scenario and list(game.doctrines) == controllers


def test_a_typed_seed_is_kept_by_enter_and_the_humans_stay_human(make_app):
    app = make_app()
    setup = _setup(app)
    driver.press(app, *([K.K_DOWN] * 6))  # the USA row
    driver.press(app, K.K_LEFT, K.K_LEFT, K.K_LEFT)  # → human: a hot-seat game
    assert setup.controllers[:2] == ["human", "human"]
    while setup.rows[setup.focus]["kind"] != "seed":
        driver.press(app, K.K_UP)
    entry = setup.rows[setup.focus]["entry"]
    entry.set_text("")
    type_text(app, "4242")
    driver.press(app, K.K_RETURN)
    assert driver.top_name(app) in ("play", "pass")
    game = play_scene(app).game
    assert game.seed == 4242
    assert list(game.doctrines[:2]) == ["human", "human"]


def test_title_enter_enter_starts_without_changing_the_scenario(make_app):
    app = make_app()
    start_at_title(app)
    driver.press(app, K.K_RETURN)
    name = app.top.scenario.name
    driver.press(app, K.K_RETURN)
    assert driver.top_name(app) in ("play", "pass")
    assert play_scene(app).game.scenario.name == name


def test_a_showing_tooltip_follows_a_keyboard_change(make_app):
    app = make_app()
    setup = _setup(app)
    driver.press(app, *([K.K_DOWN] * 6))  # the USA row
    row = setup.rows[setup.focus]
    assert row["kind"] == "actor"
    button = row["button"]
    pos = button.rect.center
    K.event.post(K.event.Event(K.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    K.mouse.set_pos(pos)
    driver.run(app, 6, dt=0.25)  # a second and a half of frames: past the tooltip's delay (one second)
    assert button.tool_tip is not None  # showing
    before = setup.controllers[1]
    driver.press(app, K.K_RIGHT)
    after = setup.controllers[1]
    assert after != before
    assert button.tool_tip_text.startswith(after)
    assert button.tool_tip is None or button.tool_tip.text_block.html_text.startswith(after)
    driver.run(app, 6, dt=0.25)
    if button.tool_tip is not None:
        assert button.tool_tip.text_block.html_text.startswith(after)
    assert setup.hover_help.startswith(after)


def test_the_help_says_enter_starts_the_game():
    from game.ui.window.intents import SETUP_KEYS, help_rows

    rows = dict(help_rows(SETUP_KEYS))
    assert rows["Enter"].startswith("start the game")
