"""Remembered between runs in the settings folder ($DOD_CONFIG_DIR): the text size, the last scenario and
the last setup; a bad or foreign settings file is ignored without a crash."""

import argparse
import json
from pathlib import Path

import pygame as K
import pytest

from game.ui.window import driver, settings
from game.ui.window.launch import remembered
from game.ui.window.settings import Settings

from .helpers import play_scene, start_at_title


@pytest.fixture(autouse=True)
def config_dir(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    monkeypatch.setenv("DOD_CONFIG_DIR", str(folder))
    return folder


def _play_args(**given):
    base = dict(
        scenario=None,
        turns=None,
        set=None,
        seed=None,
        worldview=None,
        doctrine=None,
        doctrine_all=None,
        scale=None,
        size="1280x720",
        fullscreen=False,
        screenshot=None,
    )
    return argparse.Namespace(**{**base, **given})


def test_the_text_size_is_remembered(make_app, config_dir):
    app = make_app()
    app.settings = Settings()
    start_at_title(app)
    app.step_scale(+1)
    assert app.scale == 1.25
    assert json.loads((config_dir / "settings.json").read_text())["scale"] == 1.25
    args = remembered(_play_args(), Settings())
    assert args.scale == 1.25 and args.scenario == "east_asia_2023"
    assert remembered(_play_args(scale=1.0), Settings()).scale == 1.0  # the command line wins


def test_the_last_scenario_and_setup_are_remembered(make_app, config_dir):
    from game.core.files.scenario import load_scenario
    from game.ui.window.setup_options import options_from_args

    app = make_app("two_rivals", seed=5)
    app.settings = Settings()
    start_at_title(app)
    driver.press(app, K.K_RETURN)
    setup = app.top
    assert setup.scenario.name == "two_rivals"
    driver.press(app, K.K_DOWN, K.K_DOWN, K.K_RIGHT, K.K_RIGHT)  # worldview: spiral-world
    assert setup.worldview == "spiral-world"
    setup.rows[3]["entry"].set_text("7")  # turns
    driver.press(app, *([K.K_DOWN] * 4), K.K_RIGHT)  # Ambria: the next controller
    chosen = list(setup.controllers)
    driver.press(app, K.K_RETURN)
    assert play_scene(app).game.turn_limit == 7
    saved = json.loads((config_dir / "settings.json").read_text())
    assert saved["scenario"] == "two_rivals"
    assert saved["setup"] == {"scenario": "two_rivals", "worldview": "spiral-world", "turns": 7, "controllers": chosen}
    # the next run: the setup opens on that scenario with that setup
    stored = Settings()
    args = remembered(_play_args(), stored)
    assert args.scenario == "two_rivals"
    options = options_from_args(args)
    again = make_app()
    again.options = options
    again.settings = stored
    setup = again.scene("setup", options)
    assert setup.scenario.name == "two_rivals" and setup.worldview == "spiral-world"
    assert setup.turns_text == "7" and setup.controllers == chosen
    # the command line still wins: another scenario opens with its own defaults
    other = options_from_args(_play_args(scenario="east_asia_2023", scale=1.0))
    setup = again.scene("setup", other)
    assert setup.scenario.name == "east_asia_2023" and setup.worldview == "hidden"
    assert setup.turns_text == str(load_scenario("east_asia_2023").turns)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not json",
        b"\xff\xfe\x00",
        b"[1, 2]",
        b'{"format": "someone-else", "version": 1, "scale": 1.5}',
        b'{"format": "deterrence-or-dialogue/settings", "version": 99, "scale": 1.5}',
        b'{"format": "deterrence-or-dialogue/settings", "version": 1, "scale": "big", "scenario": 7, "setup": [1]}',
        b'{"format": "deterrence-or-dialogue/settings", "version": 1, "scale": 9, "scenario": "no_such_scenario",'
        b' "setup": {"scenario": "two_rivals", "worldview": "hidden", "turns": 5, "controllers": ["human", "nobody"]}}',
        b'{"format": "deterrence-or-dialogue/settings", "version": 1, "scale": NaN}',
        b"[" * 100000,
    ],
)
def test_a_bad_or_foreign_settings_file_is_ignored(make_app, config_dir, content):
    config_dir.mkdir(parents=True)
    (config_dir / "settings.json").write_bytes(content)
    stored = Settings()
    assert set(stored.values) <= {"scenario"}  # a sound name of a scenario that is not there: passed over
    args = remembered(_play_args(), stored)
    assert args.scale == 1.0 and args.scenario == "east_asia_2023"
    app = make_app()
    app.settings = stored
    start_at_title(app)
    driver.press(app, K.K_RETURN)
    assert driver.top_name(app) == "setup"
    app.step_scale(+1)  # and it is written over with sound values
    assert settings.read()["scale"] == 1.25 and "setup" not in settings.read()


def test_a_settings_folder_that_is_a_file_is_survived(make_app, tmp_path, monkeypatch):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setenv("DOD_CONFIG_DIR", str(blocker / "config"))
    stored = Settings()
    assert stored.values == {} and not stored.remember(scale=1.5)
    app = make_app()
    app.settings = stored
    start_at_title(app)
    app.step_scale(+1)
    assert app.scale == 1.25


def test_one_bad_value_leaves_the_sound_ones(config_dir):
    config_dir.mkdir(parents=True)
    (config_dir / "settings.json").write_text(
        json.dumps(
            {
                "format": "deterrence-or-dialogue/settings",
                "version": 1,
                "scale": 1.5,
                "scenario": "two_rivals",
                "setup": {
                    "scenario": "two_rivals",
                    "worldview": "nowhere",
                    "turns": 5,
                    "controllers": ["human", "human"],
                },
            }
        )
    )
    assert Settings().values == {"scale": 1.5, "scenario": "two_rivals"}
    assert remembered(_play_args(), Settings()).scenario == "two_rivals"


def _remember_a_two_rivals_game(make_app):
    app = make_app("two_rivals", seed=5)
    app.settings = Settings()
    start_at_title(app)
    driver.press(app, K.K_RETURN)  # New game
    driver.press(app, K.K_DOWN, K.K_DOWN, K.K_RIGHT, K.K_RIGHT)  # worldview: spiral-world
    driver.press(app, K.K_RETURN)
    assert play_scene(app).game.scenario.name == "two_rivals"
    assert Settings().get("setup")["worldview"] == "spiral-world"


def _launch(*words):
    from game.cli import build_parser
    from game.ui.window import launch

    options, stored, given = launch.options_for(build_parser().parse_args(["play", *words]))
    return launch.open_app(options, stored, given)


def test_the_command_line_wins_over_the_remembered_game(make_app, config_dir):
    """After a two_rivals game was remembered, `play --scenario east_asia_2023 --doctrine-all reciprocity` opens
    the setup screen (not the title) on east_asia_2023 with every seat on reciprocity and the world hidden;
    a command naming only doctrines opens the default scenario, not the remembered one."""
    _remember_a_two_rivals_game(make_app)
    app = _launch("--scenario", "east_asia_2023", "--doctrine-all", "reciprocity")
    setup = app.top
    assert setup.name == "setup"
    assert setup.scenario.name == "east_asia_2023"
    assert setup.controllers == ["reciprocity"] * setup.scenario.n
    assert setup.worldview == "hidden"
    app = _launch("--doctrine", "JPN=human", "--turns", "9")
    setup = app.top
    assert setup.name == "setup" and setup.scenario.name == "east_asia_2023" and setup.worldview == "hidden"
    assert setup.controllers[setup.scenario.codes.index("JPN")] == "human" and setup.turns_text == "9"
    app = _launch("--scale", "1.5")  # the window only: the title screen, the remembered game kept for New game
    assert app.top.name == "title"
    driver.press(app, K.K_RETURN)
    assert app.top.scenario.name == "two_rivals" and app.top.worldview == "spiral-world"


def test_changing_the_scenario_keeps_the_choices_that_still_apply(make_app, tmp_path):
    """In setup, another scenario keeps the world, the seed, turns that were changed, --doctrine-all, and the
    controller of every actor whose code the new scenario has too."""
    from game.ui.window.setup_options import options_from_args

    options = options_from_args(
        _play_args(scenario="east_asia_2023", doctrine_all="reciprocity", worldview="spiral-world", seed=42)
    )
    app = make_app()
    setup = app.scene("setup", options)
    app.push(setup)
    setup._step_scenario(+1)
    assert setup.scenario.name == "two_rivals"
    assert setup.controllers == ["reciprocity", "reciprocity"] and setup.worldview == "spiral-world"
    assert setup.seed_text == "42" and setup.turns_text == "20"  # the turns had not been changed
    setup.turns_text = "9"
    setup._step_scenario(+1)
    assert setup.scenario.name == "east_asia_2023" and setup.turns_text == "9"
    # the same codes in another scenario: each actor keeps its controller
    copy = tmp_path / "copy.toml"
    copy.write_text(
        Path(_shipped_path("east_asia_2023")).read_text().replace('name = "east_asia_2023"', 'name = "copy"')
    )
    plain = make_app()
    setup = plain.scene("setup", options_from_args(_play_args(scenario="east_asia_2023", doctrine=["USA=grit"])))
    plain.push(setup)
    chosen = list(setup.controllers)
    assert setup._use_scenario(str(copy))
    assert setup.scenario.name == "copy" and setup.controllers == chosen


def _shipped_path(name: str) -> str:
    from game.core.files.scenario import load_scenario

    return load_scenario(name).path


def test_play_help_lists_every_accepted_value():
    """`play --help` names hidden and the presets for --worldview, the shipped scenarios and every doctrine."""
    from game.cli import build_parser
    from game.core.files.scenario import DOCTRINE_NAMES, list_scenarios

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    words = " ".join(sub.choices["play"].format_help().split())
    for value in ["hidden", "deterrence-world", "spiral-world", "human", *DOCTRINE_NAMES]:
        assert value.replace("-", "- ") in words or value in words, value
    for scenario in list_scenarios():
        assert scenario.stem in words
