"""The window of the second edition: the crisis prompt (stances and backing), the private type
briefing, the running score, Challenge and refused moves, crises on the map, the why panel."""

import pygame

from game.core.files.scenario import load_scenario
from game.core.play.session import Game
from game.core.model.vocab import Action, Stance
from game.ui.window import driver

from .helpers import Canvas, play_scene, recording_text, setup_two_humans_and_start, start_at_title

K = pygame
PRK, KOR, USA, CHN, AUS = 4, 3, 1, 0, 6
PENINSULA = 1  # the stake index of the Korean Peninsula in east_asia_2023


def _game(humans, seed=3, turns=8):
    sc = load_scenario("east_asia_2023").with_turns(turns)
    doctrines = sc.default_doctrines()
    for i in humans:
        doctrines[i] = "human"
    return Game(sc, seed, doctrines)


def _open(app, game):
    app.push(app.scene("title"))
    app.push(app.scene("play", game))
    driver.run(app, 2)


def _briefing_text(app) -> str:
    return " ".join(line[0] for line in app.top.block.lines)


def test_a_party_to_a_crisis_chooses_its_stance_in_the_prompt_and_the_game_gets_it(make_app):
    """North Korea (human) challenges South Korea with key 9; next turn the prompt names the stake, the other
    party and the rung, blocks the move until answered, and the stance chosen (key S, then a button) reaches
    the game."""
    app = make_app()
    game = _game([PRK])
    _open(app, game)
    driver.settle_pass(app)  # the private briefing of a single human
    scene = app.top
    assert scene.name == "play" and scene.shown_prompt() is None
    driver.press(app, K.K_9)  # Challenge aims itself at the stake's other party
    assert scene.table.move_of(PRK) == (Action.CHALLENGE, KOR)
    driver.press(app, K.K_RETURN, K.K_RETURN)
    assert game.turn == 1 and game.turns[-1]["challenges"] == [["PRK", "KOR"]]
    prompt = scene.shown_prompt()
    assert prompt is not None and prompt["kind"] == "stance" and prompt["id"] == "korean-peninsula"
    words = " ".join(line[0] for line in scene.prompt.head.lines)
    assert "South Korea" in words and "Rung 1 of 4: dispute" in words
    assert {b.text for b in scene.prompt.buttons.values()} == {
        "F  Stand Firm",
        "X  Escalate",
        "S  Settle",
        "B  Back Down",
    }
    driver.press(app, K.K_4)  # the move waits for the answer
    assert scene.table.move_of(PRK)[0] is None and "crisis" in scene.message
    driver.press(app, K.K_RETURN)
    assert game.turn == 1 and scene.shown_prompt() is not None
    driver.press(app, K.K_s)  # Settle
    assert scene.shown_prompt() is None and scene.table.answer_of(PRK, prompt) is Stance.SETTLE
    driver.play_human_turn(app, K.K_8, tab=False)
    assert game.turn == 2
    assert game.crisis_choices[-1]["stances"] == {(PRK, PENINSULA): Stance.SETTLE}
    crisis = [c for c in game.turns[-1]["crises"] if c["stake"] == "korean-peninsula"][0]
    assert crisis["stances"]["PRK"] == "SETTLE"
    assert scene.shown_prompt()["rung"] == 2  # South Korea stood firm: answer with the mouse now
    assert driver.click_button(app, "B  Back Down")
    assert scene.shown_prompt() is None
    driver.play_human_turn(app, K.K_8, tab=False)
    assert game.crisis_choices[-1]["stances"] == {(PRK, PENINSULA): Stance.BACK_DOWN}


def test_an_ally_chooses_to_back_or_stay_out_and_hot_seat_players_answer_in_their_own_turn(make_app):
    """Hot-seat North Korea and the United States: after North Korea's challenge, North Korea gets the stance
    prompt behind its pass screen, the United States (South Korea's ally) gets Back / Stay out behind its own;
    Y, then K and N change the answer, and staying out reaches the game."""
    app = make_app()
    game = _game([USA, PRK])
    game.play_turn({PRK: (Action.CHALLENGE, KOR), USA: (Action.SUMMIT, CHN)})
    _open(app, game)
    assert driver.top_name(app) == "pass"  # the United States plays first (seat order)
    driver.settle_pass(app)
    scene = play_scene(app)
    prompt = scene.shown_prompt()
    assert prompt["kind"] == "backing" and prompt["ally"] == KOR
    assert {b.text for b in scene.prompt.buttons.values()} == {"Y  Back South Korea", "N  Stay out"}
    driver.press(app, K.K_f)  # a stance key on a backing prompt: refused, explained
    assert scene.table.answer_of(USA, prompt) is None and "Y or N" in scene.message
    driver.press(app, K.K_y)
    assert scene.shown_prompt() is None and scene.table.answer_of(USA, prompt) is True
    driver.press(app, K.K_k)  # the prompt again: change the answer
    assert scene.shown_prompt() is not None and scene.prompt.buttons[True].is_selected
    driver.press(app, K.K_n)
    assert scene.table.answer_of(USA, prompt) is False
    driver.play_human_turn(app, K.K_6, tab=False)
    assert driver.top_name(app) == "pass" and game.turn == 1  # North Korea's turn, behind the pass screen
    driver.settle_pass(app)
    prompt = scene.shown_prompt()
    assert prompt["kind"] == "stance" and scene.table.waiting() == [PRK]
    driver.press(app, K.K_x)
    driver.play_human_turn(app, K.K_8, tab=False)
    assert game.turn == 2
    assert game.crisis_choices[-1] == {
        "stances": {(PRK, PENINSULA): Stance.ESCALATE},
        "backing": {(USA, PENINSULA): False},
    }
    crisis = [c for c in game.turns[-1]["crises"] if c["stake"] == "korean-peninsula"][0]
    assert crisis["stances"]["PRK"] == "ESCALATE" and "USA" not in crisis["backers"]


def test_the_private_briefing_shows_each_type_only_to_its_player_behind_the_pass_screen(make_app):
    """Hot-seat: the pass screen names the next player and no type; after Enter that player reads its own type
    and what its score counts; later turns pass the keyboard with no briefing."""
    app = make_app(turns=4)
    start_at_title(app)
    setup_two_humans_and_start(app)
    game = play_scene(app).game
    kinds = {i: game.type_of(i) for i in game.humans}
    for seat, me in enumerate(game.humans):
        assert driver.top_name(app) == "pass" and app.top.stage == "pass"
        words = _briefing_text(app)
        assert "Pass the keyboard to " + game.scenario.actors[me].name in words
        assert "GREEDY" not in words and "SECURITY-SEEKING" not in words
        driver.press(app, K.K_RETURN)
        assert driver.top_name(app) == "pass" and app.top.stage == "briefing"
        words = _briefing_text(app)
        assert f"{game.scenario.actors[me].name}, you are {kinds[me].upper()}." in words
        assert ("stakes won most" if kinds[me] == "greedy" else "security most") in words
        others = [game.scenario.actors[i].name for i in game.humans if i != me]
        assert not any(f"{name}, you are" in words for name in others)
        driver.press(app, K.K_RETURN)
        assert driver.top_name(app) == "play" and play_scene(app).table.waiting()[0] == me
        driver.play_human_turn(app, K.K_6, tab=False)
    assert game.turn == 1 and driver.top_name(app) == "pass"
    assert app.top.briefing is None
    driver.press(app, K.K_RETURN)
    if game.belief_due():  # a hidden world (the setup's default) asks for a belief after turn 1 of 4
        assert driver.top_name(app) == "belief"
        driver.press(app, K.K_RETURN)
    assert driver.top_name(app) == "play"


def test_the_running_score_is_drawn_with_what_it_counts(make_app):
    """The top bar shows the human's headline score, updated each turn, its tooltip naming the type's aims;
    at text size 1.5 it still clears the top bar's words."""
    for scale in (1.0, 1.5):
        app = make_app(scale=scale)
        game = _game([PRK])
        _open(app, game)
        driver.settle_pass(app)
        scene = app.top
        for _ in range(2):
            button = scene.score_button
            assert button is not None and button.alive() and button.visible
            # no number before a turn is played (the score would start at an arbitrary value)
            assert button.text == (f"Your score {float(game.scores()[PRK]):.0f}" if game.turn else "Your score —")
            assert game.type_of(PRK) in button.tool_tip_text and "security" in button.tool_tip_text
            assert button.rect.x >= scene.top_text_right and button.rect.bottom <= scene.top_rect.bottom + 1
            driver.play_human_turn(app, K.K_6, tab=False)
        assert game.turn == 2


def test_challenge_is_greyed_out_without_a_stake_and_a_refused_move_says_why(make_app):
    """Australia has no stake: Challenge is greyed out and key 9 says why. The United States' alliance with
    China is flagged before the turn ends and explained after it, first in the why panel."""
    app = make_app()
    _open(app, _game([AUS]))
    driver.settle_pass(app)
    scene = app.top
    assert not scene.bar.buttons[Action.CHALLENGE].is_enabled
    driver.press(app, K.K_9)
    assert scene.message == "Australia has no stake to challenge over."
    app = make_app()
    game = _game([USA])
    _open(app, game)
    driver.settle_pass(app)
    scene = app.top
    assert scene.bar.buttons[Action.CHALLENGE].is_enabled
    driver.press(app, K.K_2)
    driver.click(app, [r for r, intent in scene.bindings.zones if intent.arg == CHN][0].center)  # aim at China
    assert scene.table.move_of(USA) == (Action.ALLY, CHN)
    status, _ = scene.status()
    assert "would be refused (an alliance with a rival)" in status
    driver.press(app, K.K_RETURN, K.K_RETURN)
    assert game.turn == 1 and game.turns[-1]["refused"] == {"USA": "an alliance with a rival"}
    said = "Your alliance with China was refused: an alliance with a rival. You held back instead."
    assert scene.message == said
    names = {a.code: a.name for a in game.scenario.actors}
    lines = scene.why.lines(
        game.turns[-1],
        names,
        game.worldview.as_dict(),
        game.codes,
        ("USA",),
        {s.id: s.name for s in game.scenario.stakes},
        scene.refused_notes(),
    )
    assert lines[0][0] == "• " + said
    assert not any(
        "United States’s move was refused" in t or "United States’ move was refused" in t for t, _, _ in lines
    )


def test_the_map_names_open_crises_by_stake_and_rung_and_the_why_panel_leads_with_your_move(make_app):
    """After North Korea's challenge the map labels the crisis 'Korean Peninsula · rung 1 dispute' without
    covering an actor's label, and the why panel leads with the crisis, then what North Korea's move did."""
    app = make_app()
    game = _game([PRK])
    _open(app, game)
    driver.settle_pass(app)
    driver.press(app, K.K_9, K.K_RETURN, K.K_RETURN)
    scene = app.top
    driver.press(app, K.K_ESCAPE)  # decide later: look at the map
    assert scene.shown_prompt() is None
    app.snapshot(app_dir(app) / "map.png")
    assert scene.map.crisis_label("The Korean Peninsula", 1) == "Korean Peninsula · rung 1 dispute"
    words = _map_words(app, scene)
    names = {a.name for a in game.scenario.actors} | set(game.codes)
    stakes = [box for box, said in words if " · rung " in said]
    actors = [box for box, said in words if said.removesuffix(" (you)") in names]
    assert len(stakes) == len(game.open_crises()) >= 1 and len(actors) == len(game.codes)
    for box in stakes:
        assert box.collidelist(actors) < 0
        assert scene.map.rect.contains(box)
    names = {a.code: a.name for a in game.scenario.actors}
    lines = scene.why.lines(
        game.turns[-1],
        names,
        game.worldview.as_dict(),
        game.codes,
        ("PRK",),
        {s.id: s.name for s in game.scenario.stakes},
    )
    # the crisis leads (it matters more than any change of trust), then what North Korea's own move did
    assert "Crisis: The Korean Peninsula (North Korea–South Korea)" in lines[0][0]
    causes = [t for t, _, _ in lines if not t.startswith("• Crisis")]
    assert "North Korea’s challenge" in causes[0]


def app_dir(app):
    from game.ui.window import userdata

    return userdata.data_dir()


def _map_words(app, scene) -> list:
    """(rectangle, words) of every line of text the map draws, as the screen shows it."""
    with recording_text():
        canvas = Canvas(app.size)
        scene.map.invalidate()
        scene.draw(canvas)
    return [(rect, said) for rect, said, _px, _cut in canvas.drawn if scene.map.rect.contains(rect)]
