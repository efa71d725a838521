"""The sensitivity screen runs a small analysis in the background and draws which assumptions move
the verdict, with the theory's verdict on each, at every text size."""

import pygame

from game.ui.window import driver
from tests.ui.helpers import recording_text
from tests.ui.lab_helpers import focus_row, open_lab, wait_for
from tests.ui.test_layout import draw_frame, problems, set_scale

K = pygame


def test_sensitivity_runs_in_the_background_and_shows_every_output(make_app):
    """Opened from the sweep (A); two Morris trajectories of 20 games: every preset parameter gets a bar;
    Show switches the chart without a new run; the screen holds at text sizes 1.0 and 2.0; leaving stops
    the worker and goes back to the sweep."""
    app = make_app()
    sweep = open_lab(app, "Sweep")
    driver.press(app, K.K_a)  # from one assumption at a time to all of them at once
    scene = app.top
    assert scene.name == "sensitivity" and scene.method == "morris"
    focus_row(app, scene, "samples")
    while scene.samples != 2:
        driver.press(app, K.K_LEFT)
    focus_row(app, scene, "games")
    while scene.games != 20:
        driver.press(app, K.K_LEFT)
    driver.press(app, K.K_r)
    assert scene.run is not None
    assert wait_for(app, lambda: scene.run is None, 60), "the analysis did not finish"
    result = scene.outcome.result
    assert len(result.box) == 12 and result.points.shape == (2 * 13, 12)
    assert scene.outcome.games == 20 and "The verdict moves most with" in scene._summary()
    focus_row(app, scene, "output")
    driver.press(app, K.K_RIGHT)
    assert scene.output == "deterrence" and scene.run is None
    base: dict = {}
    with recording_text():
        for scale in (1.0, 2.0):
            set_scale(app, scale)
            found = problems(app, draw_frame(app), base)
            assert not found, f"at {scale}: {found[:5]}"
    app.pop()
    assert not scene.worker.alive and app.top is sweep
