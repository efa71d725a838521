"""The hidden world in the window: setup offers it by default, nothing during play names the world,
each human states a belief behind its own pass screen, the last turn stays on screen, and the debrief
reveals the truth with the belief paths and Brier scores, tells a war rung by rung, replays under the
other world with the same types and exports a one-page printable summary."""

import argparse

import pygame
import pytest

from game.core.teaching.debrief import SAME_ACTORS
from game.core.files.record import GameRecord
from game.core.files.scenario import load_scenario
from game.core.play.session import Game
from game.core.model.vocab import Action, Stance
from game.ui.window import driver, text
from game.ui.window.setup_options import options_from_args

from .helpers import play_scene, setup_two_humans_and_start, start_at_title, wait_for_debrief

K = pygame
WORLD_WORDS = ("spiral-world", "deterrence-world", "spiral world", "deterrence world")


class Spy:
    """Every line of text the window renders while it is on: what the screen said."""

    def __init__(self, monkeypatch):
        self.lines: list[tuple[str, str]] = []  # (the screen on top, the text)
        self.app = None
        real = text.render

        def render(line, px, colour, style="regular"):
            if self.app is not None and line.strip():
                self.lines.append((driver.top_name(self.app), line))
            return real(line, px, colour, style)

        # fresh caches, so that every line is rendered (and seen) at least once
        text._renders.clear()
        text._fitted.clear()
        monkeypatch.setattr(text, "render", render)

    def said(self, screens) -> list[str]:
        return [line for top, line in self.lines if top in screens]


def _page_text(debrief) -> str:
    """The words of the debrief's current page (of the first world)."""
    if debrief.page not in ("headline", "crises"):
        return ""
    return " ".join(t for t, *_ in debrief._paragraphs(debrief.worlds[0], 0))


def _war_game(turns=6):
    """A hot-seat game in a hidden world that ends in war: China challenges the United States over Taiwan
    and escalates every turn; the United States stands firm."""
    sc = load_scenario("east_asia_2023").with_turns(turns)
    doctrines = ["human", "human"] + list(sc.default_doctrines())[2:]
    game = Game(sc, 3, doctrines, turns=turns, hidden=True)
    taiwan = [k for k, s in enumerate(sc.stakes) if set(s.parties) == {0, 1}][0]
    while not game.over:
        stances = {(0, taiwan): Stance.ESCALATE, (1, taiwan): Stance.STAND_FIRM} if game.turn else {}
        game.play_turn({0: (Action.CHALLENGE if game.turn == 0 else Action.ARM, 1), 1: (Action.ARM, -1)}, stances)
        if game.belief_due():
            for i in game.humans:
                game.state_belief(i, 0.4)
    return game


def _debrief_of(make_app, game):
    """An app on the debrief of game (over the title screen), its background work done."""
    app = make_app()
    app.push(app.scene("title"))
    app.push(app.scene("debrief", game))
    wait_for_debrief(app)
    return app


def test_a_hidden_hot_seat_game_asks_each_human_for_beliefs_and_ends_in_the_debrief(make_app, monkeypatch):
    """Two humans play six turns of a hidden world from the setup, each stating its belief behind its own
    pass screen after turns 2 and 4 and at the end; nothing during play names the world; the last turn stays
    on screen; the debrief shows the truth, both belief paths and the Brier scores beside the observer's."""
    spy = Spy(monkeypatch)
    app = make_app(turns=6)
    spy.app = app
    start_at_title(app)
    driver.press(app, K.K_RETURN)
    assert app.top.worldview == "hidden"  # the setup's default
    driver.press(app, K.K_ESCAPE)
    setup_two_humans_and_start(app)
    game = play_scene(app).game
    assert game.hidden and game.humans == [0, 1]
    stated = {0: [30, 45, 10], 1: [70, 80, 95]}
    asked = []
    guard = 0
    while not game.over and guard < 60:
        guard += 1
        if driver.top_name(app) == "pass":
            driver.press(app, K.K_RETURN)
            continue
        if driver.top_name(app) == "belief":
            belief = app.top
            asked.append((game.turn, belief.actor))
            assert belief.actor == play_scene(app).table.waiting()[0]  # the seat choosing now
            driver.state_belief(app, stated[belief.actor][len(game.beliefs.get(belief.actor, []))])
            continue
        first = play_scene(app).table.waiting() == game.humans  # the first seat of the turn chooses now
        driver.play_human_turn(app, K.K_4 if first else K.K_6, tab=False)
    assert asked == [(2, 0), (2, 1), (4, 0), (4, 1)]
    # the last turn: its card, moves and why stay on screen until "See the debrief"
    scene = app.top
    assert scene.name == "play" and game.over and game.turn == 6
    assert any(getattr(e, "text", "") == "See the debrief (Enter)" for e in scene.elements)
    seen_during_play = spy.said({"play", "pass", "menu", "help"})
    assert "worldview: hidden" in seen_during_play
    named = [line for line in seen_during_play if any(w in line.lower() for w in WORLD_WORDS)]
    assert not named, named
    # Enter: each human's final belief, behind its own pass screen, then the debrief
    driver.press(app, K.K_RETURN)
    for me in (0, 1):
        assert driver.top_name(app) == "pass" and app.top.actor_name == game.scenario.actors[me].name
        driver.press(app, K.K_RETURN)
        assert driver.top_name(app) == "belief" and app.top.actor == me and app.top.final
        driver.state_belief(app, stated[me][2])
    assert driver.top_name(app) == "debrief"
    debrief = app.top
    wait_for_debrief(app)
    record = debrief.worlds[0]["record"]
    assert record["worldview_hidden"] is True
    assert record["beliefs"] == {"CHN": [[2, 0.3], [4, 0.45], [6, 0.1]], "USA": [[2, 0.7], [4, 0.8], [6, 0.95]]}
    assert set(record["brier"]) == {"CHN", "USA", "observer"} and len(record["observer"]) == 6
    truth = 1.0 if game.worldview.preset == "spiral-world" else 0.0
    assert record["brier"]["CHN"] == pytest.approx(((0.3 - truth) ** 2 + (0.45 - truth) ** 2 + (0.1 - truth) ** 2) / 3)
    driver.press(app, K.K_RIGHT)
    assert debrief.page == "world"
    world = " ".join(
        t for t, *_ in __import__("game.ui.scenes.debrief_pages", fromlist=["x"]).world_page(debrief.worlds[0])
    )
    name = "the spiral world" if truth else "the deterrence world"
    assert f"The world was {name}." in world
    assert "China’s chance of the spiral world: 30% after turn 2, 45% after turn 4, 10% at the end" in world
    assert f"Brier score {record['brier']['USA']:.2f}" in world and "observer" in world
    driver.run(app, 2)
    assert any(name in line for line in spy.said({"debrief"}))  # the debrief names the world at last


def test_the_belief_prompt_takes_keys_digits_and_the_slider_and_can_wait(make_app):
    """← → move the chance by 5, Shift or ↑ ↓ by 10, typed digits set it, the slider moves it; Esc looks at the
    screen first and Enter on the play screen brings the prompt back before the turn can end."""
    app = make_app()
    sc = load_scenario("east_asia_2023").with_turns(3)
    game = Game(sc, 5, ["human"] + list(sc.default_doctrines())[1:], turns=3, hidden=True)
    app.push(app.scene("title"))
    app.push(app.scene("play", game))
    driver.settle_pass(app)  # the private briefing
    driver.play_human_turn(app, K.K_8, tab=False)  # turn 1 of 3: a belief is due
    assert driver.top_name(app) == "belief"
    belief = app.top
    assert belief.value == 50
    driver.press(app, K.K_RIGHT)
    assert belief.value == 55
    driver.press(app, K.K_LEFT, mod=K.KMOD_SHIFT)
    assert belief.value == 45
    driver.press(app, K.K_UP, K.K_UP)
    assert belief.value == 65
    driver.press(app, K.K_8, K.K_5)
    assert belief.value == 85
    driver.press(app, K.K_BACKSPACE)
    assert belief.value == 8
    belief.slider.set_current_value(35)  # the slider, as a drag leaves it
    driver.run(app, 2)
    assert belief.value == 35 and belief.state_button.text == "State 35% (Enter)"
    driver.press(app, K.K_ESCAPE)  # look at the screen first
    assert driver.top_name(app) == "play" and game.beliefs == {}
    driver.press(app, K.K_8, K.K_RETURN)  # the turn cannot end without the belief
    assert driver.top_name(app) == "belief" and game.turn == 1
    driver.press(app, K.K_2, K.K_0, K.K_RETURN)
    assert game.beliefs == {0: [(1, 0.2)]} and driver.top_name(app) == "play"


def test_the_last_turn_stays_on_screen_until_see_the_debrief(make_app):
    """An all-AI game that reaches its turn limit shows that last turn (its card, the why panel and the moves)
    with a "See the debrief" button; clicking it opens the debrief."""
    app = make_app()
    sc = load_scenario("east_asia_2023").with_turns(3)
    game = Game(sc, 4, turns=3)
    app.push(app.scene("title"))
    app.push(app.scene("play", game))
    driver.press(app, K.K_RETURN, K.K_RETURN, K.K_RETURN)
    scene = app.top
    assert game.over and scene.name == "play"
    assert scene.entry is game.turns[-1]
    names = {a.code: a.name for a in sc.actors}
    lines = [t for t, *_ in scene.why.lines(scene.entry, names, game.worldview.as_dict(), game.codes)]
    assert any(line.startswith("Moves this turn") for line in lines)
    status, _ = scene.status()
    assert status.startswith("Game over after turn 3") and "debrief" in status
    assert driver.click_button(app, "See the debrief")
    assert driver.top_name(app) == "debrief"


def test_the_debrief_tells_the_war_rung_by_rung(make_app):
    """A hot-seat game that ends in war has a crisis in its record with stake, parties, stances and
    ended "war", and the debrief's war page tells it: who challenged whom over what, each rung, who backed
    whom, and the escalation that brought war, each human's own part first."""
    game = _war_game()
    record = game.record()
    war = [c for c in record["crises"] if c["ended"] == "war"]
    assert len(war) == 1 and war[0]["stake"] == "taiwan" and war[0]["parties"] == ["CHN", "USA"]
    assert [row["CHN"] for row in war[0]["stances"]] == ["ESCALATE"] * len(war[0]["stances"])
    app = _debrief_of(make_app, game)
    debrief = app.top
    assert [p for p, _ in debrief.pages] == ["headline", "world", "crises", "scores", "charts", "turns"]
    assert debrief.pages[2][1] == "The war"
    driver.press(app, K.K_RIGHT, K.K_RIGHT)
    assert debrief.page == "crises"
    words = _page_text(debrief)
    assert "The war over Taiwan" in words
    assert words.index("Your part, China: you challenged United States") < words.index("Turn 1: China challenged")
    assert "Turn 1: China challenged United States over Taiwan. Rung 1: dispute." in words
    assert "China escalated, United States stood firm" in words and "→ WAR." in words
    assert "Escalation at the brink brought war: China" in words
    driver.press(app, K.K_LEFT, K.K_LEFT)
    assert "Your challenge to United States over Taiwan ended in war." in _page_text(debrief)


def test_replay_under_the_other_world_keeps_the_types_and_says_so(make_app):
    """O replays the game under the other world with the same seed, types and choices, and the screen says
    "Same actors, same types, same cards, same choices; only the world differs."."""
    game = _war_game()
    app = _debrief_of(make_app, game)
    debrief = app.top
    driver.press(app, K.K_o)
    other = debrief.other
    assert other is not None and other.worldview.preset != game.worldview.preset
    assert other.record()["dispositions"] == game.record()["dispositions"]
    assert other.record()["human_choices"][: len(game.choices)] == game.record()["human_choices"][: len(other.choices)]
    assert other.seed == game.seed
    assert SAME_ACTORS in debrief._replay_note()
    assert debrief.note is not None
    assert SAME_ACTORS in " ".join(line[0] for line in debrief.note[0].lines)


def test_export_writes_the_printable_debrief_with_its_own_key_and_never_shrinks_the_page(make_app, data_dir):
    """P exports the CSV, the game, the charts and a one-page light debrief.png; E (the event card in play)
    exports nothing; the message goes on a line of its own, so the page keeps its size."""
    game = _war_game()
    app = _debrief_of(make_app, game)
    debrief = app.top
    body = pygame.Rect(debrief.body)
    driver.press(app, K.K_e)
    assert not (data_dir / "exports").exists()
    driver.press(app, K.K_p)
    folder = debrief.export_folder
    assert folder is not None and folder.parent == data_dir / "exports"
    assert {p.name for p in folder.iterdir()} == {"record.csv", "game.json", "charts.png", "debrief.png", "debrief.pdf"}
    page = pygame.image.load(str(folder / "debrief.png"))
    assert page.get_size() == (1240, 1754) and page.get_at((5, 5))[:3] == (255, 255, 255)
    assert "debrief.png" in debrief.status and debrief.body == body


def test_setup_offers_the_hidden_world_first_and_the_play_command_can_ask_for_it(make_app):
    """The setup's worldview starts on hidden and cycles through the presets; play --worldview hidden keeps
    the scenario's own world for the draw, and play --worldview spiral-world starts the setup on it."""
    app = make_app()
    start_at_title(app)
    driver.press(app, K.K_RETURN)
    setup = app.top
    assert setup.worldview == "hidden" and setup.worldviews[:3] == ["hidden", "deterrence-world", "spiral-world"]
    assert setup.build_game().hidden
    setup.focus = [r["kind"] for r in setup.rows].index("worldview")
    driver.press(app, K.K_RIGHT)
    assert setup.worldview == "deterrence-world" and not setup.build_game().hidden
    base = dict(
        scenario="east_asia_2023",
        turns=None,
        set=None,
        seed=None,
        doctrine=None,
        doctrine_all=None,
        scale=1.0,
        size="1280x720",
        fullscreen=False,
        screenshot=None,
    )
    hidden = options_from_args(argparse.Namespace(worldview="hidden", **base))
    assert hidden.worldview == "hidden" and hidden.scenario.worldview == load_scenario("east_asia_2023").worldview
    spiral = options_from_args(argparse.Namespace(worldview="spiral-world", **base))
    assert spiral.worldview == "spiral-world"
    assert app.scene("setup", spiral).worldview == "spiral-world"


def test_a_loaded_hidden_game_keeps_its_observer():
    """A hidden game of fewer turns than its scenario's default loads back with the same observer path."""
    game = _war_game()
    loaded = Game.from_record(GameRecord.from_json(game.record().to_json()))
    assert loaded.record()["observer"] == game.record()["observer"]
