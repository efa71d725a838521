"""`play --screenshot DIR`: drive the real scenes with posted events and save a PNG of each screen."""

from __future__ import annotations

from pathlib import Path

import pygame

from ..window import driver
from . import frame_record


def take_all(options) -> int:
    from ..window.app import App
    from .lab_screenshots import lab_tour
    from .learn_screenshots import learn_tour

    out = Path(options.screenshot)
    out.mkdir(parents=True, exist_ok=True)
    # the tour plays real turns, which autosave: keep them away from the player's own saves
    import os
    import tempfile

    if "DOD_DATA_DIR" not in os.environ:
        os.environ["DOD_DATA_DIR"] = tempfile.mkdtemp(prefix="dod-screens-")
    for scale in scales(options):
        suffix = "" if scale == 1.0 else f"@{scale:g}"
        with frame_record.recording():  # each picture gets its JSON: the text, charts and buttons it shows
            app = App(options.size, scale, False, options)
            app.push(app.scene("title"))
            _tour(app, lambda name: _shot(app, out, name, suffix), out, suffix)
            lab_tour(app, out, suffix, lambda name: _shot(app, out, name, suffix))
            learn_tour(app, out, suffix, lambda name: _shot(app, out, name, suffix))
            pygame.display.quit()
    print(f"screenshots written to {out} (each NAME.png with NAME.json: what it shows)")
    return 0


def scales(options) -> tuple[float, ...]:
    """The text sizes a tour renders: the one --scale names (files name@S.png), or 1.0 and 1.5 at 1.0."""
    scale = float(getattr(options, "scale", 1.0) or 1.0)
    return (1.0, 1.5) if scale == 1.0 else (scale,)


# what looks at each screen before its picture is taken, called with (app, name): the layout test's checks
# (the game itself has none)
before_shot = None


def _shot(app, out, name, suffix):
    driver.run(app, 2)
    if before_shot is not None:
        before_shot(app, name)
    frame_record.shoot(app, out / f"{name}{suffix}")


def _tour(app, visit, out=None, suffix=""):
    """Every screen of a game, each shown to visit(name) (a screenshot, or the layout test's checks)."""
    visit("title")
    _start_hot_seat(app, visit)
    _first_turns(app, visit)
    _play_views(app, visit)
    _menus(app, visit)
    _play_to_the_end(app, visit)
    _debrief_tour(app, visit, out, suffix)
    _war_tour(app, visit, out, suffix)
    from ..menus import title_menu

    title_menu.entry("load").open(app)  # the saves the tour made
    visit("load")
    app.reset(app.scene("title"))


def _start_hot_seat(app, visit):
    """Setup with a second human (hot-seat), then the first pass screen and China's private briefing."""
    K = pygame
    driver.press(app, K.K_RETURN)  # New game
    assert driver.top_name(app) == "setup", driver.top_name(app)
    setup = app.top
    humans = sum(1 for c in setup.controllers if c == "human")
    if humans < 2:  # a second human shows hot-seat (USA: 3 × ← to Human)
        driver.press(app, *([K.K_DOWN] * 6))
        driver.press(app, K.K_LEFT, K.K_LEFT, K.K_LEFT)
        driver.press(app, *([K.K_UP] * 7))
    visit("setup")
    driver.press(app, K.K_RETURN)  # Start game
    if driver.top_name(app) == "setup":
        driver.click_button(app, "Start game")
    if driver.top_name(app) == "pass":
        visit("pass")
        driver.press(app, K.K_RETURN)  # China has the keyboard: its private briefing
        visit("briefing")


def _first_turns(app, visit):
    """Turn 1: China challenges Japan over the East China Sea islands (9, then Tab to its second stake
    partner); the United States, Japan's ally, summits. Turn 2: China, a party, chooses a stance; the
    United States may back Japan or stay out. Then a move waits for confirmation."""
    K = pygame
    driver.play_human_turn(app, K.K_9)
    driver.play_human_turn(app, K.K_4)
    for name, action in (("crisis", K.K_1), ("crisis-ally", K.K_6)):
        driver.settle_pass(app)
        if getattr(app.top, "shown_prompt", lambda: None)() is not None:
            visit(name)
        driver.play_human_turn(app, action, tab=False)
    driver.settle_pass(app)
    driver.settle_crisis(app)
    driver.press(app, K.K_3, K.K_TAB, K.K_TAB, K.K_RETURN)
    visit("play")


def _play_views(app, visit):
    """The running score's tooltip, the event card and the why panel full size, the chart, the help."""
    K = pygame
    score = getattr(app.top, "score_button", None)
    if score is not None:  # the running score's tooltip: what it counts
        pygame.mouse.set_pos(score.rect.center)  # pygame_gui reads the pointer, not the events
        driver.run(app, 120)
        visit("play-score")
        pygame.mouse.set_pos((1, app.size[1] - 1))
        driver.run(app, 2)
    driver.press(app, K.K_e)
    visit("play-card")
    driver.press(app, K.K_w)
    visit("play-why")
    driver.press(app, K.K_m)
    driver.press(app, K.K_c)
    visit("play-chart")
    driver.press(app, K.K_c)
    driver.press(app, K.K_F1)
    visit("help")
    driver.press(app, K.K_ESCAPE)


def _menus(app, visit):
    K = pygame
    driver.press(app, K.K_ESCAPE)  # leave the confirm step
    driver.press(app, K.K_ESCAPE)  # the game menu
    visit("menu")
    driver.press(app, K.K_ESCAPE)
    driver.press(app, K.K_s, mod=K.KMOD_CTRL)  # save to a named file
    if driver.top_name(app) != "play":
        visit("save")
        driver.press(app, K.K_ESCAPE)


def _play_to_the_end(app, visit):
    """Forum every turn to the end, stating a belief once when asked; the last turn, then each human's
    final belief behind its pass screen."""
    K = pygame
    game = app.top.game
    guard, believed = 0, False
    while not game.over and driver.top_name(app) in ("play", "pass", "belief") and guard < 2000:
        if driver.top_name(app) == "pass":
            driver.press(app, K.K_RETURN)
        if driver.top_name(app) == "belief" and not believed:  # a hidden world: which one is it?
            driver.press(app, K.K_RIGHT, K.K_RIGHT, K.K_RIGHT)
            visit("belief")
            believed = True
        driver.play_human_turn(app, K.K_6, tab=False)
        guard += 1
    visit("last-turn")  # the last turn stays on screen until Enter
    driver.press(app, K.K_RETURN)
    driver.settle_pass(app)


def _wait_for_debrief(app):
    """The debrief works out the observer and the baselines in the background first."""
    import time

    from .lab_screenshots import BREATH

    start = time.monotonic()
    while not getattr(app.top, "ready", True) and time.monotonic() - start < 60:
        driver.run(app, 1)
        time.sleep(BREATH)


def _debrief_tour(app, visit, out=None, suffix=""):
    K = pygame
    _wait_for_debrief(app)
    visit("debrief")
    debrief = app.top
    from ..window.saving import save_png

    if out is not None:
        save_png(debrief.printable(), out / f"printable{suffix}.png")
    for page, _ in debrief.pages[1:]:
        driver.press(app, K.K_RIGHT)
        if page in ("world", "crises", "scores"):
            visit(f"debrief-{page}")
    driver.press(app, K.K_RIGHT)  # back to the headline
    driver.press(app, K.K_o)
    visit("debrief-compare")
    for page, _ in debrief.pages[1:]:
        driver.press(app, K.K_RIGHT)
        if page in ("charts", "turns"):
            visit(f"debrief-{page}")


def _war_tour(app, visit, out=None, suffix=""):
    """A hot-seat game in a hidden world that ends in war: China challenges the United States over
    Taiwan and escalates, the United States stands firm; the debrief tells the war rung by rung."""
    from game.core.play.session import Game
    from game.core.model.vocab import Action, Stance

    sc = app.options.scenario.with_turns(6)
    doctrines = ["human", "human"] + list(sc.default_doctrines())[2:]
    game = Game(sc, 3, doctrines, turns=6, hidden=True)
    shared = [k for k, st in enumerate(sc.stakes) if set(st.parties) == {0, 1}]
    if not shared:  # a scenario without a stake between the first two actors
        return
    taiwan = shared[0]
    for turn in range(6):
        if game.over:
            break
        stances = {(0, taiwan): Stance.ESCALATE, (1, taiwan): Stance.STAND_FIRM} if turn else {}
        game.play_turn({0: (Action.CHALLENGE if turn == 0 else Action.ARM, 1), 1: (Action.ARM, -1)}, stances)
        for i in game.humans:
            if game.belief_due():
                game.state_belief(i, 0.5)
    app.reset(app.scene("title"))
    app.push(app.scene("debrief", game))
    _wait_for_debrief(app)
    while app.top.page != "crises":
        driver.press(app, pygame.K_RIGHT)
    visit("debrief-war")
    from ..window.saving import save_png

    if out is not None:
        save_png(app.top.printable(), out / f"printable-war{suffix}.png")
    app.reset(app.scene("title"))
