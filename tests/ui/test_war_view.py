"""Wars and crises on screen: the top bar, the gauge, the banner, the map, the why panel, the debrief's
turning points and the crisis prompt's table of stance pairs."""

import numpy as np
import pygame as K
import pytest

from game.core.files.scenario import load_scenario
from game.core.model.rules.crises import resolve_stances
from game.core.model.vocab import Stance
from game.core.play.session import Game
from game.core.teaching import stance_table, war_news
from game.ui.window import driver

from .helpers import Canvas, recording_text

SEED, WAR_TURN = 13, 15  # every seat on deterrence: a crisis at rung 2 after turn 13, a war over Taiwan at turn 15
CRISIS_TURN = WAR_TURN - 2


def _game(turns: int) -> Game:
    game = Game(load_scenario("east_asia_2023"), SEED, ["deterrence"] * 8, turns=30)
    for _ in range(turns):
        game.play_turn({})
    return game


def _drawn(app) -> list[tuple]:
    """(rectangle, words) of every line of text the play screen shows, each panel rendered afresh."""
    scene = app.top
    with recording_text():
        scene.relayout()  # what the layout composes (the crisis prompt's table) is composed where it is seen
        for panel in (scene.map, scene.gauge, scene.why, scene.card):
            panel.invalidate()
        scene.version += 1
        scene.budget.allow(None)
        canvas = Canvas(app.size)
        scene.draw(canvas)
    return [(rect, said) for rect, said, _px, _cut in canvas.drawn]


def _open(make_app, game, scale=1.0):
    app = make_app(scale=scale)
    app.push(app.scene("title"))
    app.push(app.scene("play", game, autosave=False))
    driver.run(app, 2)
    return app


def test_the_war_turn_is_a_war_in_the_game_these_tests_play():
    """The game the tests watch: a crisis at rung 2 two turns before a war over Taiwan."""
    game = _game(WAR_TURN)
    assert war_news.wars_begun(game.turns[-1]) and game.turns[-1]["turn"] == WAR_TURN
    assert max(c["rung"] for c in _game(CRISIS_TURN).open_crises()) == 2


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_an_open_crisis_leads_the_top_bar_and_the_gauge_never_reads_calm(make_app, scale):
    """With a crisis at rung 2 the top bar names it and the gauge's label names the crisis, not a calm band."""
    game = _game(CRISIS_TURN)
    app = _open(make_app, game, scale)
    words = [said for _, said in _drawn(app)]
    top = max(game.open_crises(), key=lambda c: c["rung"])
    stake = top["name"].removeprefix("The ")
    assert any(said.startswith(f"{stake} crisis, rung {top['rung']}") for said in words), words
    gauge = [said for said in words if said.startswith(("Regional tension", "Tension "))]
    assert gauge and all("calm" not in said and "crisis" in said for said in gauge), gauge


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_the_war_turn_leads_with_a_banner_and_the_map_marks_the_sides(make_app, scale):
    """The turn a war begins, a banner above the panels names the stake, the sides and who escalated;
    the map labels the war with its sides; the why panel's first line is the war."""
    game = _game(WAR_TURN)
    war = war_news.wars_begun(game.turns[-1])[0]
    app = _open(make_app, game, scale)
    scene = app.top
    names = {a.code: a.name for a in game.scenario.actors}
    drawn = _drawn(app)
    said = " ".join(words for _, words in drawn)
    assert "WAR over Taiwan" in said
    first, second = war_news.sides(war)
    assert names[first[0]] in said and names[second[0]] in said and "escalated" in said
    assert scene.banner_rect.height > 0
    assert scene.banner_rect.bottom <= min(scene.map.rect.top, scene.gauge.rect.top)
    in_banner = [w for r, w in drawn if scene.banner_rect.contains(r)]
    assert in_banner and "WAR over Taiwan" in in_banner[0]
    if scale == 1.0:  # the map beside the panels
        on_map = [w for r, w in drawn if scene.map.rect.contains(r)]
        label = f"WAR over Taiwan · {', '.join(first)} vs {', '.join(second)}"
        assert label in on_map or "WAR over Taiwan" in on_map, on_map
    lines = scene.why.lines(
        game.turns[-1], names, game.worldview.as_dict(), game.codes, (), {s.id: s.name for s in game.scenario.stakes}
    )
    assert lines[0][0].startswith("• War: Taiwan") and lines[0][0].endswith("WAR")


def test_no_banner_without_a_war(make_app):
    """A turn with crises but no war keeps the panels where they were: no banner."""
    app = _open(make_app, _game(CRISIS_TURN))
    assert app.top.banner_rect.height == 0


def test_the_debrief_turning_points_include_the_war(make_app, monkeypatch):
    """The debrief's turning points lead with the war: its turn, stake, sides and who escalated."""
    from .helpers import debrief_page_words, wait_for_debrief

    game = _game(WAR_TURN)
    assert game.over
    app = make_app()
    app.push(app.scene("debrief", game))
    wait_for_debrief(app)
    joined = " ".join(debrief_page_words(app, monkeypatch, "turns"))
    assert f"Turn {WAR_TURN}: WAR over Taiwan" in joined


def _rules_outcome(mine: Stance, theirs: Stance, rung: int):
    res = resolve_stances(np.array([rung], dtype=np.int8), np.array([[int(mine), int(theirs)]]), np.array([False]))
    return int(res.rung[0]), int(res.winner[0]), bool(res.settled[0]), bool(res.war[0])


def test_the_stance_table_states_every_pair_as_the_rules_resolve_it():
    """Both firm climbs a rung; settle against firm climbs too; both settle splits; a back-down hands the stake
    over; at the brink an escalation is war and a stand-off stays there; every cell agrees with the rules."""
    assert stance_table.outcome(Stance.STAND_FIRM, Stance.STAND_FIRM, 1) == "climbs a rung"
    assert stance_table.outcome(Stance.SETTLE, Stance.STAND_FIRM, 1) == "climbs a rung"
    assert stance_table.outcome(Stance.STAND_FIRM, Stance.SETTLE, 2) == "climbs a rung"
    assert stance_table.outcome(Stance.SETTLE, Stance.SETTLE, 2) == "split"
    assert stance_table.outcome(Stance.BACK_DOWN, Stance.ESCALATE, 1) == "they win"
    assert stance_table.outcome(Stance.STAND_FIRM, Stance.BACK_DOWN, 3) == "you win"
    assert stance_table.outcome(Stance.ESCALATE, Stance.SETTLE, 3) == "WAR"
    assert stance_table.outcome(Stance.STAND_FIRM, Stance.STAND_FIRM, 3) == "stays (accident?)"
    for rung in (1, 2, 3):
        for mine, row in zip(Stance, stance_table.table(rung)):
            for theirs, words in zip(Stance, row):
                new_rung, winner, settled, war = _rules_outcome(mine, theirs, rung)
                assert (words == "split") == settled
                assert (words == "WAR") == war
                assert (words == "climbs a rung") == (new_rung == rung + 1 and not war)
                assert (words == "you win") == (new_rung == 0 and winner == 0)
                assert (words == "they win") == (new_rung == 0 and winner == 1)


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_crisis_prompt_shows_the_table_of_stance_pairs(make_app, scale):
    """A party's crisis prompt draws every stance pair's outcome, inside the window, settle against firm included."""
    sc = load_scenario("east_asia_2023").with_turns(8)
    doctrines = sc.default_doctrines()
    doctrines[4] = "human"  # North Korea
    game = Game(sc, 3, doctrines)
    app = _open(make_app, game, scale)
    driver.settle_pass(app)
    driver.press(app, K.K_9, K.K_RETURN, K.K_RETURN)  # challenge South Korea: the prompt comes next turn
    scene = app.top
    assert scene.shown_prompt() is not None and scene.prompt.table is not None
    words = [w for r, w in _drawn(app) if scene.prompt.rect.contains(r)]
    assert "What each pair of stances does this turn: your stance down, theirs across" in words
    assert words.count("climbs a rung") >= 8 and "split" in words and "they win" in words
    assert all(scene.prompt.rect.contains(b.rect) for b in scene.prompt.buttons.values())
