"""A monkey: thousands of random key presses, clicks and resizes on every screen, and nothing raises."""
import random

import pygame

from game.core.play.session import Game
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.help import HowToPlayScene
from game.ui.scenes.load import LoadScene
from game.ui.scenes.play import PlayScene
from game.ui.scenes.setup import SetupScene
from game.ui.scenes.title import TitleScene
from tests.ui.monkey import Mix, random_event

K = pygame
KEYS = [K.K_1, K.K_2, K.K_3, K.K_4, K.K_5, K.K_6, K.K_7, K.K_8, K.K_TAB, K.K_RETURN, K.K_ESCAPE, K.K_SPACE,
        K.K_UP, K.K_DOWN, K.K_LEFT, K.K_RIGHT, K.K_c, K.K_m, K.K_e, K.K_w, K.K_o, K.K_z, K.K_s, K.K_r,
        K.K_F1, K.K_F11, K.K_EQUALS, K.K_MINUS, K.K_LEFTBRACKET, K.K_RIGHTBRACKET, K.K_PAGEUP, K.K_PAGEDOWN,
        K.K_SLASH, K.K_a, K.K_0, K.K_BACKSPACE, K.K_DELETE, K.K_HOME, K.K_q,
        K.K_9, K.K_f, K.K_x, K.K_b, K.K_y, K.K_n, K.K_k]   # Challenge and the crisis prompt's answers
MODS = [0] * 8 + [K.KMOD_LCTRL, K.KMOD_LSHIFT]
EVENTS = 5200


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


MIX = Mix(keys=tuple(KEYS), mods=tuple(MODS), key_share=0.62, text="0123456789abcxyz-_./ ", aim_share=0.6,
          aim_zones=False, right_click=0.1, wheel=0.1,
          sizes=((1280, 720), (1920, 1080), (1024, 600), (1600, 900), (800, 500), (2200, 1300)))


def test_monkey_never_raises(make_app):
    """5,200 seeded random keys, clicks and resizes, spread over every screen, with scales 1.0 and 1.5."""
    rng = random.Random(20240607)
    app = make_app(turns=6)
    screens = ["title", "setup", "play", "play-ai", "debrief", "load", "how"]
    visited = set()
    sent = 0
    while sent < EVENTS:
        where = screens[(sent // 400) % len(screens)]
        if sent % 400 == 0:
            app.scale = 1.5 if (sent // 400) % 3 == 2 else 1.0
            _start(app, rng, where)
        for _ in range(3):
            random_event(app, rng, MIX)
            sent += 1
        app.frame(1 / 30)
        if not app.running or not app.stack:
            _start(app, rng, where)
        visited.add(getattr(app.top, "name", ""))
    assert {"title", "setup", "play", "debrief", "load", "help", "how-to-play"} <= visited, visited
