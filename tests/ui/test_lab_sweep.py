"""The sweep view runs a tiny sweep in the background and states the crossover, or that there is none."""

import pygame

from game.ui.window import driver
from tests.ui.lab_helpers import focus_row, open_lab, wait_for

K = pygame


def _tiny(app, scene, points_left: int):
    focus_row(app, scene, "games")
    driver.press(app, K.K_LEFT, K.K_LEFT)  # 200 → 100 → 50 games per point
    focus_row(app, scene, "steps")
    driver.press(app, *([K.K_LEFT] * points_left))
    driver.press(app, K.K_r)
    assert scene.run is not None
    assert wait_for(app, lambda: scene.run is None, 40), "the sweep did not finish"
    driver.run(app, 2)  # the chart and the words are drawn
    return scene.outcome


def test_sweep_marks_and_states_the_crossover(make_app):
    """greedy_share 0..1 in the east Asia scenario's spiral world: the doctrines swap places, and the
    crossover is marked between two grid points and put in words."""
    app = make_app()
    scene = open_lab(app, "Sweep")
    assert scene.name == "sweep" and scene.param == "greedy_share"
    o = _tiny(app, scene, 2)  # 11 → 9 → 7 points
    assert o is not None and o.games == 50 and len(o.result.points) == 7
    assert o.doctrines == ("deterrence", "dialogue")
    # with no greedy actors dialogue avoids war; with many, deterrence does: the curves must cross
    assert o.crossings and all(0.0 < c["at"] < 1.0 for c in o.crossings)
    assert o.lines[0].startswith("Dialogue leads while greedy_share <"), o.lines
    app.pop()
    assert not scene.worker.alive


def test_sweep_says_when_there_is_no_crossover(make_app):
    """Ally credibility 0..1 in a deterrence world: deterrence leads at every point, and the view says there
    is no crossover instead of marking one."""
    app = make_app()
    scene = open_lab(app, "Sweep")
    focus_row(app, scene, "param")
    while scene.param != "ally_credibility":
        driver.press(app, K.K_RIGHT)
    focus_row(app, scene, "world")
    while scene.world != "deterrence-world":
        driver.press(app, K.K_RIGHT)
    o = _tiny(app, scene, 3)  # 11 → 9 → 7 → 5 points
    assert o is not None and len(o.result.points) == 5
    # in a deterrence world deterrence keeps the lower war rate at every ally credibility
    assert not o.crossings
    assert o.lines == ("Deterrence has the lower war rate everywhere on this grid: no crossover.",), o.lines
    app.pop()
