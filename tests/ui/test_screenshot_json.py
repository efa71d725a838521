"""`play --screenshot DIR` writes, beside each picture, what it shows: text lines, charts, pages and buttons."""

from __future__ import annotations

import json
import pygame
import pytest

from game.ui.tours import frame_record, screenshots
from game.ui.window import driver


def test_a_shot_writes_the_picture_and_what_it_shows(make_app, tmp_path):
    """One screen: NAME.png and NAME.json, the JSON listing each line of text with its rectangle and size,
    and each button with its label."""
    with frame_record.recording():
        app = make_app(scale=2.0)
        app.push(app.scene("title"))
        driver.run(app, 2)
        frame_record.shoot(app, tmp_path / "title@2")
    assert (tmp_path / "title@2.png").is_file()
    shown = json.loads((tmp_path / "title@2.json").read_text(encoding="utf-8"))
    assert shown["window"] == [1280, 720] and shown["text_size"] == 2.0
    assert shown["text"] and all(len(t["rect"]) == 4 and t["px"] > 0 for t in shown["text"])
    assert shown["buttons"] and all(b["text"] and len(b["rect"]) == 4 for b in shown["buttons"])


def test_the_play_screens_chart_reports_its_plot_and_points(make_app, tmp_path):
    """The chart view's JSON names each chart's plot rectangle inside its panel and the points drawn per series."""
    from tests.ui.helpers import two_humans_after_a_turn

    with frame_record.recording():
        app = make_app(turns=6)
        two_humans_after_a_turn(app)
        driver.press(app, pygame.K_c)
        frame_record.shoot(app, tmp_path / "play-chart")
    charts = json.loads((tmp_path / "play-chart.json").read_text(encoding="utf-8"))["charts"]
    assert len(charts) == 2
    for chart in charts:
        panel, plot = pygame.Rect(chart["panel"]), pygame.Rect(chart["plot"])
        assert panel.contains(plot) and plot.height > 0
        assert chart["points"] and all(n > 0 for n in chart["points"].values())


@pytest.mark.slow
def test_the_tour_writes_a_json_for_every_screen(tmp_path, monkeypatch):
    """The whole tour at one text size: every NAME@2.png has its NAME@2.json, each listing some text."""
    from game.core.files.scenario import load_scenario

    monkeypatch.setenv("DOD_DATA_DIR", str(tmp_path / "data"))
    from game.ui.window.setup_options import Options

    options = Options(
        scenario=load_scenario("east_asia_2023").with_turns(6), seed=3, scale=2.0, screenshot=str(tmp_path / "shots")
    )
    assert screenshots.take_all(options) == 0
    pictures = sorted((tmp_path / "shots").glob("*.png"))
    shots = [p for p in pictures if not p.name.startswith("printable")]
    assert len(shots) > 30
    for png in shots:
        shown = json.loads(png.with_suffix(".json").read_text(encoding="utf-8"))
        assert shown["screen"] == png.stem and shown["text"], png.name
