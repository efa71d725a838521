"""A monkey on a hot-seat game in crisis: random keys, clicks and resizes reach the crisis prompt, answer
it, and nothing raises."""

import random

import pygame
import pytest

from game.core.play.session import Game
from game.core.model.vocab import Action
from game.ui.window import driver
from tests.ui.monkey import Mix, random_event

K = pygame
CHN, USA = 0, 1
KEYS = tuple(
    getattr(K, f"K_{name}")
    for name in (
        "1 2 3 4 5 6 7 8 9 TAB RETURN RETURN ESCAPE f x s b y n k c m e w z LEFT RIGHT PAGEDOWN F1 SPACE"
    ).split()
)
MIX = Mix(
    keys=KEYS,
    mods=(0,) * 8 + (K.KMOD_LCTRL, K.KMOD_LSHIFT),
    key_share=0.6,
    text="fxsbyn9 ",
    aim_share=0.7,
    aim_zones=True,
    right_click=0.05,
    wheel=0.05,
    sizes=((1280, 720), (1024, 600), (1600, 900)),
)
ROUND = 300


def _start(app, rng):
    """China and the United States (both human) challenged each other over Taiwan last turn."""
    sc = app.options.scenario
    game = Game(sc, rng.randrange(100), ["human", "human"] + sc.default_doctrines()[2:])
    game.play_turn({CHN: (Action.CHALLENGE, USA), USA: (Action.CHALLENGE, CHN)})
    assert game.crisis_prompts(CHN) and game.crisis_prompts(USA)
    app.reset(app.scene("title"))
    scene = app.scene("play", game)
    app.push(scene)
    app.running = True
    return scene


def _finish_turn(app, rng):
    """Close whatever the monkey left open on the play screen, then play each human's turn by keys: a
    random stance in its crisis, a random move."""
    for _ in range(4):
        if app.top.name not in ("play", "pass"):
            driver.press(app, K.K_ESCAPE)
    stance_keys = (K.K_f, K.K_x, K.K_s, K.K_b)
    for _ in range(2):
        if app.top.name not in ("play", "pass"):
            return
        driver.settle_pass(app)
        driver.settle_crisis(app, stance_key=rng.choice(stance_keys))
        driver.press(app, rng.choice((K.K_4, K.K_6, K.K_8)), K.K_RETURN, K.K_RETURN)
        app.frame(1 / 30)


@pytest.mark.parametrize(
    "rounds,min_shown,min_answered",
    [pytest.param(2, 5, 2, id="two-games"), pytest.param(8, 20, 8, id="eight-games", marks=pytest.mark.slow)],
)
def test_random_input_reaches_and_answers_the_crisis_prompt(make_app, rounds, min_shown, min_answered):
    """300 seeded random events a game, games at scales 1.0 and 1.5 in turn: prompts are shown and answered by
    keys or clicks and nothing raises; at the end of each round the turn is finished by keys (a random stance
    for each human), and the stances reach the games (two games by default, eight with --runslow)."""
    rng = random.Random(11)
    app = make_app(turns=6)
    shown = 0
    reached = []
    scene = None
    sent = 0
    while sent < rounds * ROUND:
        if sent % ROUND == 0 or not app.running or not app.stack or app.top.name in ("title", "debrief", "setup"):
            if scene is not None and app.stack and app.top.name in ("play", "pass") and not scene.game.over:
                _finish_turn(app, rng)
            if scene is not None:
                reached += [c for c in scene.game.crisis_choices if c["stances"] or c["backing"]]
            app.scale = 1.5 if (sent // ROUND) % 2 else 1.0
            scene = _start(app, rng)
        for _ in range(3):
            random_event(app, rng, MIX)
            sent += 1
        app.frame(1 / 30)
        if app.stack and app.top is scene and scene.shown_prompt() is not None:
            shown += 1
    reached += [c for c in scene.game.crisis_choices if c["stances"] or c["backing"]]
    answered = sum(len(c["stances"]) + len(c["backing"]) for c in reached)
    assert shown > min_shown and answered >= min_answered, (shown, answered)
    assert reached, "no answer reached a game"
