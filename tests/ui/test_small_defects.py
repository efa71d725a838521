"""Small defects of the lesson: the score before turn 1, a hostile reading of a dialogue move explained, the lab's
scenario, the sweep's verdict against its chart, Learn's retry, its evidence in chapter 7 and no ally prompt in
chapter 5."""

import attrs
import pygame as K

from game.core.files.scenario import load_scenario
from game.core.model import params as P
from game.core.model.vocab import Action
from game.core.play.session import Game
from game.core.runs.experiment import Axis, SweepResult
from game.core.teaching import lesson
from game.core.teaching.explain import why
from game.ui.scenes import learn_board
from game.ui.scenes.learn_lesson import Lesson, load_progress, save_progress
from game.ui.scenes.sweep import pair_verdict
from game.ui.window import driver
from game.ui.window.metrics import Metrics

from .helpers import start_at_title


def test_the_score_shows_a_dash_until_turn_one_is_played(make_app):
    """Before any turn the badge reads 'Your score —' and its tooltip says what it will count; after turn 1 the
    number, and the tooltip gives each part."""
    sc = load_scenario("east_asia_2023").with_turns(4)
    doctrines = sc.default_doctrines()
    doctrines[4] = "human"
    game = Game(sc, 3, doctrines)
    app = make_app()
    app.push(app.scene("title"))
    app.push(app.scene("play", game, autosave=False))
    driver.run(app, 2)
    driver.settle_pass(app)
    button = app.top.score_button
    assert button.text == "Your score —"
    assert "No score yet" in button.tool_tip_text and "stakes won" in button.tool_tip_text
    driver.play_human_turn(app, K.K_6, tab=False)
    assert button.text == f"Your score {float(game.scores()[4]):.0f}"
    assert "stakes won" in button.tool_tip_text and " × " in button.tool_tip_text


def test_a_dialogue_move_read_as_hostile_says_why():
    """'ASEAN read South Korea's trade as hostile' names what turned it: South Korea's escalation in its crisis, read
    as greed, the camp ASEAN sits in and ASEAN's suspicion."""
    sc = load_scenario("east_asia_2023")
    game = Game(sc, 3, sc.default_doctrines(), turns=4)
    game.autoplay()
    names = {a.code: a.name for a in sc.actors}
    lines = why(game.turns[2], names, game.worldview.as_dict())
    hostile = [line for line in lines if "trade as hostile" in line]
    asean = [line for line in hostile if line.startswith("ASEAN read South Korea’s trade as hostile")]
    assert asean, lines
    assert (
        "(its escalation in the crisis over Korean Peninsula read as greed; ASEAN sits in the other camp; "
        "ASEAN’s suspicion)" in asean[0]
    )


class Remembered:
    """Settings that remember a two_rivals game."""

    def get(self, key, default=None):
        return {"scenario": "two_rivals"}.get(key, default)


def test_the_lab_opens_on_east_asia_not_on_the_last_scenario_played(make_app):
    """After a remembered two_rivals game the sweep opens on east_asia_2023; a scenario given on the command
    line (not the remembered one) is kept; one chosen in a lab screen is kept for the next."""
    app = make_app("two_rivals")
    app.settings = Remembered()
    sweep = app.scene("sweep")
    assert sweep.scenario.name == "east_asia_2023"
    app = make_app("two_rivals")  # given on the command line, nothing remembered
    assert app.scene("sweep").scenario.name == "two_rivals"
    app = make_app()
    scene = app.scene("sweep")
    assert scene.load_scenario_named("two_rivals")
    assert app.scene("compare").scenario.name == "two_rivals"


@attrs.frozen
class Rates:
    war: float

    def rate(self, what: str) -> float:
        return self.war


def _sweep(rates_a, rates_b) -> SweepResult:
    xs = tuple(round(k / (len(rates_a) - 1), 2) for k in range(len(rates_a)))
    points = [((x,), {"deterrence": Rates(a), "dialogue": Rates(b)}) for x, a, b in zip(xs, rates_a, rates_b)]
    return SweepResult(
        (Axis("greedy_share", xs),), ("deterrence", "dialogue"), P.Worldview.from_preset("spiral-world"), points
    )


def test_the_sweep_verdict_agrees_with_the_rates_its_chart_draws():
    """Lower at every point but one where both are 0 %: the verdict says so, not 'tie somewhere'; a lead that
    changes through a tie names where each is lower."""
    one_tie = pair_verdict(_sweep([0.0, 0.1, 0.2, 0.3], [0.0, 0.2, 0.4, 0.5]))
    assert one_tie == ["deterrence has the lower war rate at every point except 0.00, where the two tie: no crossover."]
    assert "somewhere" not in one_tie[0]
    through = pair_verdict(_sweep([0.1, 0.2, 0.5], [0.2, 0.2, 0.3]))
    assert through == ["deterrence has the lower war rate at 0.00, dialogue at 1.00; they tie at 0.50."]
    assert pair_verdict(_sweep([0.1, 0.2], [0.1, 0.2])) == [
        "deterrence and dialogue have the same war rate at every point of this grid."
    ]


def test_a_wrong_answer_is_not_done_and_may_be_tried_again(make_app, data_dir):
    """A wrong answer leaves the chapter undone and the other answers open; the right one then marks it done."""
    data_dir.mkdir(parents=True, exist_ok=True)
    save_progress({1: (lesson.chapter(1).question.correct + 1) % 3})  # an old wrong answer does not count
    assert load_progress() == {}
    app = make_app()
    start_at_title(app)
    assert driver.click_button(app, "Learn")
    assert driver.click_button(app, "3. ")
    scene = app.top
    les = scene.lesson
    while not les.task_done:
        driver.press(app, K.K_RETURN)
    q = les.chapter.question
    wrong = (q.correct + 1) % len(q.options)
    driver.press(app, getattr(K, f"K_{wrong + 1}"))
    assert 3 not in load_progress() and 3 not in scene.done
    assert driver.click_button(app, f"Answer {q.correct + 1}")
    assert les.answer == q.correct and load_progress()[3] == q.correct


def test_chapter_five_asks_nothing_about_crises():
    """Chapter 5 (before crises are taught) never prompts the learner, though its game (here on seed 3, where
    a crisis comes early) asks Japan as an ally once a learner who held back first is still playing."""
    five = lesson.chapter(5)
    les = Lesson(attrs.evolve(five, task=attrs.evolve(five.task, seed=3)))
    asked = []
    for move in (Action.HOLD, Action.CBM):  # a learner who makes the required move only second
        les.choose(les.moves.index(move) + 1)
        assert les.play() == ""
        asked += les.game.crisis_prompts(les.human)
        assert les.prompts() == [] and les.unanswered() is None
        assert "crisis" not in " ".join(p[0] for p in learn_board.build(les, Metrics(1280, 720, 1.0)).paras)
    assert les.task_done and Action.CHALLENGE not in les.moves
    assert asked, "the chapter's game never raised a crisis: this test shows nothing"


def test_chapter_seven_shows_the_evidence_its_answer_points_at():
    """Chapter 7's board shows the others' costly moves and how trust answered: the evidence its right answer names."""
    les = Lesson(lesson.chapter(7))
    assert "Costly moves" in les.chapter.question.options[les.chapter.question.correct]
    les.choose(les.moves.index(Action.CBM) + 1)
    les.play()
    board = " ".join(p[0] for p in learn_board.build(les, Metrics(1280, 720, 1.0)).paras)
    assert "The evidence: costly moves this turn and how trust answered" in board
    assert "the others' trust in it" in board or "Nobody made a costly move" in board
