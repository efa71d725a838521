"""The setup screen's scenario row lists every scenario by its file: a broken file of the user's is passed
over with its error named, never a wall, and a saved scenario named like a shipped one is listed beside it."""

from pathlib import Path

import pygame as K

from game.core.files.paths import SCENARIOS
from game.ui.window import driver

from .helpers import start_at_title


def _scenario_row(app):
    start_at_title(app)
    driver.press(app, K.K_RETURN)
    setup = app.top
    assert setup.name == "setup"
    for _ in range(len(setup.rows) + 1):
        if setup.rows[setup.focus]["kind"] == "scenario":
            return setup
        driver.press(app, K.K_DOWN)
    raise AssertionError("no scenario row")


def test_a_broken_scenario_is_passed_over_and_same_names_are_both_reachable(make_app, data_dir):
    """→ walks the whole list with a broken user file in it: every press shows another scenario, the broken
    file's error is named once it is passed over, and the shipped and the saved two_rivals are both reached."""
    mine = data_dir / "scenarios"
    mine.mkdir(parents=True)
    (mine / "broken.toml").write_text("[scenario\nname = ", encoding="utf-8")
    shipped = (SCENARIOS / "two_rivals.toml").read_text(encoding="utf-8")
    (mine / "two_rivals.toml").write_text(shipped.replace('title = "Two rivals"', 'title = "My rivals"'), "utf-8")
    app = make_app()
    setup = _scenario_row(app)
    assert len(setup.choices) >= 4
    seen, errors, labels = [], [], set()
    for _ in range(2 * len(setup.choices)):
        before = setup.scenario.path
        driver.press(app, K.K_RIGHT)
        assert setup.scenario.path != before, "the scenario row did not move"
        seen.append(Path(setup.scenario.path))
        errors.append(setup.error)
        labels.add(setup._scenario_label())
    assert SCENARIOS / "two_rivals.toml" in seen and mine / "two_rivals.toml" in seen
    assert mine / "broken.toml" not in seen
    assert any("broken.toml" in e and "skipped" in e for e in errors), errors
    assert "Two rivals (2 actors)" in labels and "My rivals (2 actors, yours)" in labels, labels
