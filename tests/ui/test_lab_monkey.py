"""A monkey on the lab screens: random keys, clicks, typing, wheel turns and resizes; nothing raises."""

import random

import pygame
import pytest

from game.ui.window import driver
from game.ui.menus import title_menu
from game.ui.scenes.title import TitleScene
from tests.ui.lab_helpers import wait_for
from tests.ui.monkey import Mix, random_event

K = pygame
KEYS = [
    getattr(K, f"K_{name}")
    for name in ("TAB RETURN ESCAPE SPACE UP DOWN LEFT RIGHT r e s p BACKSPACE PAGEUP PAGEDOWN F1 a 1 q").split()
]
MODS = [0] * 8 + [K.KMOD_LCTRL, K.KMOD_LSHIFT]
SCREENS = ("compare", "sandbox", "sweep")


def _open(app, where, with_results: bool):
    app.reset(TitleScene(app))
    title_menu.entry(where).open(app)
    scene = app.top
    app.running = True
    if hasattr(scene, "games"):
        scene.games = 20 if where == "compare" else 10  # runs that can finish within the monkey's visit
    if with_results:  # the first visits start from finished results, so those get poked at too
        if where == "sandbox":
            wait_for(app, lambda: scene.preview_current, 30)
        else:
            driver.press(app, K.K_r)
            wait_for(app, lambda: scene.run is None, 30)
            assert scene.outcome is not None


MIX = Mix(
    keys=tuple(KEYS),
    mods=tuple(MODS),
    key_share=0.6,
    text="abc_-19 !",
    aim_share=0.7,
    aim_zones=True,
    right_click=0.0,
    wheel=0.15,
    sizes=((1280, 720), (1920, 1080), (1024, 600), (960, 540), (1600, 900)),
)


@pytest.mark.parametrize(
    "events,block",
    [pytest.param(300, 100, id="each-screen-once"), pytest.param(1500, 300, id="five-visits", marks=pytest.mark.slow)],
)
def test_lab_monkey_never_raises(make_app, events, block):
    """Seeded random events over the compare lab, the sandbox and the sweep, at scales 1.0 and 1.5, the first
    three visits on finished results, runs started and cut short along the way (each screen once by default;
    1,500 events over five visits with --runslow)."""
    rng = random.Random(20240611)
    app = make_app()
    visited = set()
    sent = 0
    while sent < events:
        where = SCREENS[(sent // block) % len(SCREENS)]
        if sent % block < 3:  # the first step of a block (events go three at a time)
            app.scale = 1.5 if (sent // block) % 2 else 1.0
            _open(app, where, with_results=sent < 3 * block)
        for _ in range(3):
            random_event(app, rng, MIX)
            sent += 1
        app.frame(1 / 30)
        if not app.running or not app.stack:
            _open(app, where, with_results=False)
        visited.add(getattr(app.top, "name", ""))
    app.reset(TitleScene(app))
    assert set(SCREENS) <= visited, visited
