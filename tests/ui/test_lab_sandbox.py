"""The worldview sandbox, driven with posted events: sliders, the modified marker, resets, the live
preview, "play with this world", and "save as scenario" checked by `validate` and the setup screen."""

import os
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from game.core.model import params as P
from game.core.files.scenario import list_scenarios, load_scenario
from game.ui.window import driver
from tests.ui.helpers import type_text
from tests.ui.lab_helpers import focus_row, marker_pixels, open_lab, wait_for

K = pygame
ROOT = Path(__file__).resolve().parents[2]


def test_slider_marker_reset_and_preview(make_app):
    """A click on a slider's arrow changes the value by one step and marks it modified; its Reset
    button clears the mark; ← → change the focused one; Shift+R resets all; the preview follows."""
    app = make_app()
    scene = open_lab(app, "Worldview sandbox")
    assert scene.name == "sandbox" and scene.modified_count() == 0
    assert wait_for(app, lambda: scene.preview_current, 40)
    before = scene.preview
    row = scene.params.rows["greedy_share"]
    base = scene.worldview["greedy_share"]
    assert marker_pixels(app, scene, "greedy_share") == 0
    driver.click(app, row["slider"].right_button.rect.center, frames=3)
    assert scene.worldview["greedy_share"] == pytest.approx(base + 0.05)
    assert scene.modified("greedy_share") and row["reset"].is_enabled
    assert marker_pixels(app, scene, "greedy_share") > 0
    assert app.sandbox_worldview == scene.worldview and getattr(app, "custom_worldview", None) is None
    assert wait_for(app, lambda: scene.preview_current, 40)
    assert scene.preview is not before and scene.preview[0]["greedy_share"] == pytest.approx(base + 0.05)
    assert [r.condition.doctrine for r in scene.preview[1]] == ["deterrence", "dialogue"]
    assert all(r.games == 200 for r in scene.preview[1])
    driver.click(app, row["reset"].rect.center)
    assert not scene.modified("greedy_share")
    assert marker_pixels(app, scene, "greedy_share") == 0
    focus_row(app, scene, "misperception")
    driver.press(app, K.K_RIGHT, K.K_RIGHT)
    assert scene.worldview["misperception"] == pytest.approx(P.PRESETS[scene.preset]["misperception"] + 0.1)
    driver.press(app, K.K_r)  # R: reset the focused parameter
    assert not scene.modified("misperception")
    driver.press(app, K.K_LEFT)
    focus_row(app, scene, "camp_bias")
    driver.press(app, K.K_LEFT)
    assert scene.modified_count() == 2
    driver.press(app, K.K_r, mod=K.KMOD_LSHIFT)  # Shift+R: reset them all
    assert scene.modified_count() == 0
    app.pop()
    assert not scene.worker.alive


def test_every_parameter_has_a_slider_with_its_words_and_a_tooltip(make_app):
    """Scrolling the list shows a slider for every worldview parameter, with its range and a tooltip
    naming what it means and where it comes from."""
    app = make_app(scale=1.5)
    scene = open_lab(app, "Worldview sandbox")
    seen = {}
    for _ in range(len(P.PARAMS)):
        seen.update(scene.params.rows)
        driver.press(app, K.K_PAGEDOWN)
    seen.update(scene.params.rows)
    assert set(seen) == set(P.NAMES)
    for name, row in scene.params.rows.items():
        spec = P.SPEC[name]
        assert row["slider"].value_range == (spec.low, spec.high)
    carriers = [e for e in scene.elements if getattr(e, "tool_tip_text", None) and "Source:" in e.tool_tip_text]
    assert len(carriers) >= len(scene.params.rows)
    assert any(P.SPEC["payoff_T"].source in e.tool_tip_text for e in carriers)
    app.pop()


def test_save_as_scenario_validates_and_the_setup_lists_it(make_app, data_dir):
    """A bad name is refused with a message and writes nothing; a good one writes a TOML file that
    `main.py validate` accepts and that loads back with the same worldview; saving again asks
    before replacing; the setup screen lists it, and P opens the setup with this world."""
    app = make_app()
    scene = open_lab(app, "Worldview sandbox")
    focus_row(app, scene, "greedy_share")
    driver.press(app, K.K_RIGHT, K.K_RIGHT, K.K_RIGHT, K.K_RIGHT)
    focus_row(app, scene, "ally_credibility")
    driver.press(app, K.K_LEFT)
    wanted = scene.worldview
    assert set(wanted.overrides()) == {"greedy_share", "ally_credibility"}
    folder = data_dir / "scenarios"
    driver.click(app, scene.entry.rect.center)
    type_text(app, "my world!")
    driver.press(app, K.K_RETURN)
    assert "cannot be a scenario name" in scene.message
    assert not folder.exists() or not list(folder.iterdir())
    driver.press(app, *([K.K_BACKSPACE] * len("my world!")))
    type_text(app, "east_asia_2023")
    driver.press(app, K.K_RETURN)
    assert "shipped scenario" in scene.message
    driver.press(app, *([K.K_BACKSPACE] * len("east_asia_2023")))
    type_text(app, "my_world")
    driver.press(app, K.K_RETURN)
    path = folder / "my_world.toml"
    assert path.is_file(), scene.message
    assert_validates(path, data_dir)
    assert load_scenario(path).worldview == wanted
    assert load_scenario("my_world").worldview == wanted
    assert path in list_scenarios()
    # the same name again: asked first, nothing replaced; a second Save replaces it
    first = path.read_text(encoding="utf-8")
    driver.press(app, K.K_TAB)  # out of the name field
    focus_row(app, scene, "greedy_share")
    driver.press(app, K.K_RIGHT)
    driver.press(app, K.K_s, mod=K.KMOD_LCTRL)
    assert "already exists" in scene.message
    assert path.read_text(encoding="utf-8") == first
    driver.press(app, K.K_s, mod=K.KMOD_LCTRL)
    assert path.read_text(encoding="utf-8") != first
    assert load_scenario(path).worldview == scene.worldview
    check_play_with_the_saved_world(app, scene.worldview)
    app.pop()


def assert_validates(path, data_dir):
    """`main.py validate` accepts the saved scenario file."""
    env = dict(os.environ, DOD_DATA_DIR=str(data_dir))
    proc = subprocess.run(
        [sys.executable, "main.py", "validate", str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "ok" in proc.stdout


def check_play_with_the_saved_world(app, replaced):
    """P opens the setup with the sandbox's world; the setup lists the saved scenario, which plays it too."""
    # P: the setup opens with this world as "custom (sandbox)"
    driver.press(app, K.K_p)
    setup = app.top
    assert setup.name == "setup"
    assert setup.worldview == "custom" and setup._worldview_label() == "custom (sandbox)"
    assert "share of greedy actors" in setup._worldview_help() and "greedy_share" not in setup._worldview_help()
    assert setup.build_game().worldview == replaced
    # the setup lists the saved scenario; chosen, with its own preset, it plays the saved worldview
    assert "my_world" in [Path(c).stem for c in setup.choices]
    focus_row_setup(app, setup, "scenario")
    for _ in range(len(setup.choices)):
        if setup.scenario.name == "my_world":
            break
        driver.press(app, K.K_RIGHT)
    assert setup.scenario.name == "my_world"
    focus_row_setup(app, setup, "worldview")
    for _ in range(len(setup.worldviews)):
        if setup.worldview == replaced.preset:
            break
        driver.press(app, K.K_RIGHT)
    assert setup.build_game().worldview == replaced
    driver.press(app, K.K_ESCAPE)
    assert driver.top_name(app) == "sandbox"


def focus_row_setup(app, setup, kind):
    """Walk the setup screen's focus (↓) to its row of that kind."""
    for _ in range(len(setup.rows) + 1):
        if setup.rows[setup.focus]["kind"] == kind:
            return
        driver.press(app, K.K_DOWN)
    raise AssertionError(f"no setup row {kind!r}")


def test_esc_leaves_the_next_game_as_it_was_and_only_play_changes_it(make_app):
    """Sliders moved and left with Esc: the next game's setup has no sandbox world. Play with this world
    hands it over; a later visit left with Esc keeps that handed-over world, not the newer sliders."""
    app = make_app()
    scene = open_lab(app, "Worldview sandbox")
    focus_row(app, scene, "greedy_share")
    driver.press(app, K.K_RIGHT, K.K_RIGHT)
    assert scene.modified("greedy_share")
    driver.press(app, K.K_ESCAPE)
    assert driver.top_name(app) == "title" and getattr(app, "custom_worldview", None) is None
    setup = app.scene("setup")
    assert setup.worldview == "hidden" and "custom" not in setup.worldviews
    # play with this world: the setup offers it
    assert driver.click_button(app, "Worldview sandbox")
    scene = app.top
    played = scene.worldview
    driver.press(app, K.K_p)
    assert driver.top_name(app) == "setup" and app.top._worldview_label() == "custom (sandbox)"
    driver.press(app, K.K_ESCAPE)  # back to the sandbox
    assert app.top is scene
    focus_row(app, scene, "misperception")
    driver.press(app, K.K_RIGHT)
    assert scene.worldview != played
    driver.press(app, K.K_ESCAPE)
    assert driver.top_name(app) == "title" and app.custom_worldview == played


def test_down_then_right_changes_a_parameter_not_the_scenario(make_app):
    """↓ from the preset goes to the first parameter, so ↓ → changes it, not the scenario or the preset."""
    app = make_app()
    scene = open_lab(app, "Worldview sandbox")
    scenario, preset = scene.scenario.name, scene.preset
    assert scene.focused()["what"] == "preset"
    driver.press(app, K.K_DOWN, K.K_RIGHT)
    assert scene.scenario.name == scenario and scene.preset == preset
    assert scene.modified_count() == 1
    driver.press(app, K.K_UP, K.K_UP)  # ↑ from the preset: the scenario, on purpose
    assert scene.focused()["what"] == "scenario"
    app.pop()
