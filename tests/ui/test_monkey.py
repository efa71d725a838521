"""A monkey: thousands of random key presses, clicks and resizes on every screen, and nothing raises."""

import random

import pygame
import pytest

from game.core.play.session import Game
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.help import HowToPlayScene
from game.ui.scenes.load import LoadScene
from game.ui.scenes.play import PlayScene
from game.ui.scenes.setup import SetupScene
from game.ui.scenes.title import TitleScene
from tests.ui.monkey import Mix, random_event

K = pygame
KEYS = [
    getattr(K, f"K_{name}")
    for name in (
        "1 2 3 4 5 6 7 8 TAB RETURN ESCAPE SPACE UP DOWN LEFT RIGHT c m e w o z s r F1 F11 EQUALS "
        "MINUS LEFTBRACKET RIGHTBRACKET PAGEUP PAGEDOWN SLASH a 0 BACKSPACE DELETE HOME q "
        "9 f x b y n k"  # Challenge and the crisis prompt's answers
    ).split()
]
MODS = [0] * 8 + [K.KMOD_LCTRL, K.KMOD_LSHIFT]


def _start(app, rng, where):
    sc = app.options.scenario
    doctrines = ["human", "human"] + sc.default_doctrines()[2:]
    if where == "title":
        app.reset(TitleScene(app))
    elif where == "setup":
        app.reset(TitleScene(app))
        app.push(SetupScene(app, app.options))
    elif where == "play":
        app.reset(TitleScene(app))
        app.push(PlayScene(app, Game(sc, rng.randrange(100), doctrines)))
    elif where == "play-ai":
        app.reset(TitleScene(app))
        app.push(PlayScene(app, Game(sc, rng.randrange(100), sc.default_doctrines())))
    elif where == "debrief":
        game = Game(sc, rng.randrange(100), sc.default_doctrines())
        game.autoplay()
        app.reset(TitleScene(app))
        app.push(DebriefScene(app, game))
    elif where == "load":
        app.reset(TitleScene(app))
        app.push(LoadScene(app))
    else:
        app.reset(TitleScene(app))
        app.push(HowToPlayScene(app))
    app.running = True


MIX = Mix(
    keys=tuple(KEYS),
    mods=tuple(MODS),
    key_share=0.62,
    text="0123456789abcxyz-_./ ",
    aim_share=0.6,
    aim_zones=False,
    right_click=0.1,
    wheel=0.1,
    sizes=((1280, 720), (1920, 1080), (1024, 600), (1600, 900), (800, 500), (2200, 1300)),
)


@pytest.mark.parametrize(
    "events,block",
    [pytest.param(560, 80, id="each-screen-once"), pytest.param(5200, 400, id="thousands", marks=pytest.mark.slow)],
)
def test_monkey_never_raises(make_app, events, block):
    """Seeded random keys, clicks and resizes, spread over every screen in blocks, with scales 1.0 and 1.5
    (every screen once by default; 5,200 events with --runslow)."""
    rng = random.Random(20240607)
    app = make_app(turns=6)
    screens = ["title", "setup", "play", "play-ai", "debrief", "load", "how"]
    visited = set()
    sent = 0
    while sent < events:
        where = screens[(sent // block) % len(screens)]
        if sent % block < 3:  # the first step of a block (events go three at a time)
            app.scale = 1.5 if (sent // block) % 3 == 2 else 1.0
            _start(app, rng, where)
        for _ in range(3):
            random_event(app, rng, MIX)
            sent += 1
        app.frame(1 / 30)
        if not app.running or not app.stack:
            _start(app, rng, where)
        visited.add(getattr(app.top, "name", ""))
    assert {"title", "setup", "play", "debrief", "load", "help", "how-to-play"} <= visited, visited
