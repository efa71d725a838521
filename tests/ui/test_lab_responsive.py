"""The window keeps drawing while a compare runs in the lab's background worker.
(How long frames take during a 10,000-game run is measured by benchmarks/lab_frame_times.py.)"""

import pygame
import pytest

from game.ui.window import driver
from tests.ui.lab_helpers import frames_until, open_lab


@pytest.mark.parametrize("games", [1000, pytest.param(4000, marks=pytest.mark.slow)])
def test_frames_keep_coming_during_a_background_run(make_app, games):
    """A compare of deterrence and dialogue in the spiral world (1,000 games; 4,000 with --runslow): the window
    draws frames while the worker runs, and the results arrive in the scene."""
    app = make_app()
    scene = open_lab(app, "Compare lab")
    driver.click(app, scene.world_chips.rects["deterrence-world"].center)
    assert scene.worlds == ["spiral-world"]
    scene.games = games
    driver.run(app, 2)
    driver.press(app, pygame.K_r)
    assert scene.run is not None
    gaps, seconds = frames_until(app, lambda: scene.run is None, 120)
    assert scene.run is None, f"the run had not finished after {seconds:.0f} s"
    assert scene.outcome is not None and scene.outcome.games == games and len(scene.outcome.results) == 2
    assert len(gaps) >= 3, f"only {len(gaps)} frames were drawn while the games ran"
    app.pop()
