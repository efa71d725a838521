"""two_rivals, the first lesson: the play screen shows the 2x2 payoff matrix with the round's cell lit and
the running totals, and nothing speaks of a region, a forum, blocs or tension (dynamics are off)."""

import re

import pygame as K
import pytest

from game.core.teaching import debrief as D
from game.core.model import dilemma
from game.core.teaching.explain import did, regional, why
from game.core.files.scenario import load_scenario
from game.core.play.session import Game
from game.core.model.vocab import Action
from game.ui.window import driver, text

REGIONAL = re.compile(r"forum|bloc|region|tension", re.IGNORECASE)


def _play(make_app, scale=1.0, seed=3):
    app = make_app("two_rivals", seed=seed, doctrines=["human", "reciprocity"], turns=8, scale=scale)
    game = Game(load_scenario("two_rivals"), seed, ["human", "reciprocity"], turns=8)
    app.push(app.scene("play", game, autosave=False))
    driver.run(app, 2)
    driver.settle_pass(app)
    assert driver.top_name(app) == "play"
    return app, game


def _drawn(app, monkeypatch) -> list[str]:
    """Every string the next frame renders, every button's label and every tooltip's words."""
    seen = []
    real = text.render

    def spy(s, *args, **kwargs):
        seen.append(str(s))
        return real(s, *args, **kwargs)

    monkeypatch.setattr(text, "render", spy)
    for panel in (app.top.map, app.top.matrix, app.top.totals, app.top.why, app.top.chart_top, app.top.chart_pair):
        panel.invalidate()
        panel._surface = None
    app.top.version += 1
    app.top.budget.allow(None)
    app.draw(app.screen)
    monkeypatch.setattr(text, "render", real)
    for e in app.top.elements:
        seen += [str(getattr(e, "text", "") or ""), str(getattr(e, "tool_tip_text", "") or "")]
    return seen


def _turn(app, key):
    driver.press(app, key, K.K_RETURN, K.K_RETURN)
    driver.settle_pass(app)


def test_the_matrix_lights_the_round_and_keeps_the_totals(make_app):
    app, game = _play(make_app)
    scene = app.top
    assert scene.dilemma
    for key in (K.K_1, K.K_8, K.K_8, K.K_1):  # arm, hold, hold, arm
        _turn(app, key)
    assert game.turn == 4
    me = game.type_of(0)
    mx = dilemma.matrix(game.worldview, me)
    expected_T = game.worldview["payoff_T"] if me == "greedy" else game.worldview["secure_payoff_T"]
    assert mx.T_mine == (expected_T,)
    assert mx.cell("deter", "talk")[0] == (expected_T,)
    assert set(mx.T_theirs) == {game.worldview["payoff_T"], game.worldview["secure_payoff_T"]}
    assert mx.cell("talk", "talk") == ((game.worldview["payoff_R"],),) * 2
    assert mx.cell("deter", "deter") == ((game.worldview["payoff_P"],),) * 2
    last = game.turns[-1]
    lit = (dilemma.move_of(last, "AZR"), dilemma.move_of(last, "AMB"))
    assert lit[0] == "deter"
    assert last["payoffs"][0] == mx.cell(*lit)[0][0]
    totals = dilemma.totals(game.turns, 2)
    assert totals == [sum(t["payoffs"][k] for t in game.turns) for k in (0, 1)]


def test_the_play_screen_shows_the_matrix_and_no_regional_words(make_app, monkeypatch):
    app, game = _play(make_app)
    for key in (K.K_1, K.K_6, K.K_2, K.K_3):  # arm, a call for talks, ally, pressure
        _turn(app, key)
        driver.settle_crisis(app)
    seen = _drawn(app, monkeypatch)
    joined = "\n".join(seen)
    assert "The 2×2 game" in joined and "Your payoff after turn 4" in joined
    totals = dilemma.totals(game.turns, 2)
    talked = sum(1 for t in game.turns if dilemma.move_of(t, "AMB") == "talk")
    # the seat's own total and the other side's moves; the other's payoff would tell its hidden type
    assert f"Your payoff after turn 4: {totals[0]:g} · Ambria talked {talked} of 4" in joined
    assert not [s for s in seen if REGIONAL.search(s)], [s for s in seen if REGIONAL.search(s)]


@pytest.mark.parametrize("view", [K.K_e, K.K_w, K.K_m, K.K_c])
def test_large_text_views_have_no_regional_words(make_app, monkeypatch, view):
    app, game = _play(make_app, scale=1.5)
    _turn(app, K.K_1)
    driver.press(app, view)
    seen = _drawn(app, monkeypatch)
    assert "Payoffs (E)" in seen
    assert any(s.startswith("Your payoff after turn 1") for s in seen)
    assert not [s for s in seen if REGIONAL.search(s)], [s for s in seen if REGIONAL.search(s)]


def test_a_whole_game_and_its_debrief_words_have_no_region():
    game = Game(load_scenario("two_rivals"), 11, ["human", "reciprocity"], turns=12)
    moves = [Action.ARM, Action.FORUM, Action.ALLY, Action.HOLD, Action.TRADE, Action.PRESSURE] * 2
    for a in moves:
        game.play_turn({0: (a, 1)})
    record = game.record().data
    names = {a.code: a.name for a in game.scenario.actors}
    lines = []
    for entry in record["turns"]:
        assert not regional(entry)
        lines += why(entry, names, game.worldview.as_dict(), first=("AZR",))
        lines += [did(c, entry["actions"][c], names, False) for c in game.codes]
    lines += [D.sentence(record, c) for c in game.codes] + D.move_effects(record, "AZR", limit=9)
    points = dilemma.turning_points(game.turns, game.codes, names)
    assert points and points[0][1].startswith("Turn 1: Azuria deterred")
    lines += [line for _, line in points]
    assert not [s for s in lines if REGIONAL.search(s)], [s for s in lines if REGIONAL.search(s)]


def test_the_debrief_charts_and_turning_points_speak_of_payoffs(make_app, monkeypatch):
    from .helpers import debrief_page_words, wait_for_debrief

    app = make_app("two_rivals", seed=4, doctrines=["reciprocity", "reciprocity"], turns=5)
    game = Game(load_scenario("two_rivals"), 4, ["reciprocity", "reciprocity"], turns=5)
    game.autoplay()
    app.push(app.scene("debrief", game))
    wait_for_debrief(app)
    for page in ("charts", "turns", "scores"):
        seen = debrief_page_words(app, monkeypatch, page)
        joined = "\n".join(seen)
        assert "payoff" in joined.lower() or page == "scores", page
        assert not [s for s in seen if REGIONAL.search(s)], (page, [s for s in seen if REGIONAL.search(s)])
    turns, shares = dilemma.payoff_shares(game.turns, game.worldview, 2)
    assert turns == [1, 2, 3, 4, 5] and all(0 <= v <= 100 for row in shares for v in row)


def test_the_matrix_waits_for_its_layout():
    """Drawn before any layout (the scale changed under it, as the monkey does), it draws nothing and
    does not fail."""
    from game.ui.widgets.payoff_matrix import PayoffMatrix

    game = Game(load_scenario("two_rivals"), 1, ["reciprocity", "reciprocity"], turns=3)
    game.autoplay()
    K.display.init()
    PayoffMatrix().draw(K.Surface((100, 100)), game, 0, None)
