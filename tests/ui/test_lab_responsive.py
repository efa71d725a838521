"""The window keeps drawing while a 10,000-game compare runs in the lab's background worker."""
import statistics

import pygame

from game.ui import driver
from tests.ui.lab_helpers import frames_until, open_lab

MAX_GAP = 0.25          # seconds: a longer frame would be a visible freeze
MIN_RATE = 20           # frames per second of the run (the loop aims at 60)


def test_frames_keep_coming_during_a_10000_game_run(make_app):
    """10,000 games of deterrence and of dialogue in the spiral world: frames keep coming on the real
    clock — at least 20 a second, none more than 250 ms after the last — and the results arrive."""
    app = make_app()
    scene = open_lab(app, "Compare lab")
    driver.click(app, scene.world_chips.rects["deterrence-world"].center)
    assert scene.worlds == ["spiral-world"]
    scene.games = 10000
    driver.run(app, 2)
    driver.press(app, pygame.K_r)
    assert scene.run is not None
    gaps, seconds = frames_until(app, lambda: scene.run is None, 38)
    assert scene.run is None, f"the run took more than {seconds:.0f} s"
    assert scene.outcome is not None and scene.outcome.games == 10000 and len(scene.outcome.results) == 2
    run_gaps = gaps[:-1]   # the last frame took the results in; the run was over
    print(f"\n{len(run_gaps)} frames in {seconds:.1f} s; median {1000 * statistics.median(run_gaps):.1f} ms, "
          f"max {1000 * max(run_gaps):.1f} ms; finishing frame {1000 * gaps[-1]:.1f} ms")
    assert len(run_gaps) >= MIN_RATE * seconds * 0.9, f"only {len(run_gaps)} frames in {seconds:.1f} s"
    assert max(run_gaps) < MAX_GAP, f"a frame came {1000 * max(run_gaps):.0f} ms after the last"
    assert gaps[-1] < 1.0
    app.pop()
