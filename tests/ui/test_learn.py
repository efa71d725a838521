"""Learn (the guided first lesson) and the article reader, driven by posted events alone."""

import json

import pygame

from game.core.files import article
from game.core.teaching import lesson
from game.ui.window import driver
from game.ui.scenes.learn import load_progress, progress_path
from tests.ui.helpers import LEARN_SCREENS, start_at_title

K = pygame


def open_from_title(app, label: str, name: str):
    start_at_title(app)
    assert driver.click_button(app, label), f"no {label!r} button on the title screen"
    assert driver.top_name(app) == name, driver.top_name(app)


def board_text(scene) -> str:
    return " ".join(p[0] for p in scene.board.paragraphs)


def do_task(app, scene, number: int):
    """The chapter's one thing to do, by keys (chapter 1 by clicks)."""
    les = scene.lesson
    assert les.chapter.number == number
    assert not les.task_done
    guard = 0
    while not les.task_done:
        guard += 1
        assert guard < 60, f"chapter {number}: the task never finished"
        if number == 1:
            assert driver.click_button(app, "5 ")  # a CBM, by a click
            assert driver.click_button(app, "Play the turn")
        elif les.task.kind == "watch":
            driver.press(app, K.K_RETURN)
        elif les.belief is not None:
            driver.press(app, K.K_RIGHT, K.K_RIGHT)
            assert les.belief == 70
            driver.press(app, K.K_RETURN)
        elif les.unanswered() is not None:
            prompt = les.unanswered()
            driver.press(app, K.K_s if prompt["kind"] == "stance" else K.K_n)
        elif number == 2:
            turn = les.game.turn
            driver.press(app, K.K_1 if turn == 2 else K.K_4, K.K_RETURN)  # one Arm among talks
        else:
            driver.press(app, K.K_5, K.K_RETURN)  # a CBM (chapter 5's required move)
        les = scene.lesson
    return les


def test_learn_plays_every_chapter_by_events(make_app, data_dir):
    app = make_app()
    open_from_title(app, "Learn", "learn")
    scene = app.top
    assert scene.lesson is None
    driver.press(app, K.K_RETURN)  # the first chapter not yet done
    assert scene.lesson is not None and scene.lesson.chapter.number == 1
    seen = []
    for number in range(1, len(lesson.CHAPTERS) + 1):
        les = do_task(app, scene, number)
        game = les.game
        assert game.turn >= les.task.rounds  # the real game was played
        if number == 1:
            assert game.turns[0]["actions"]["AZR"]["intended"] == "CBM"
            assert "Round 1: you" in board_text(scene)
        if number == 2:
            assert [c[0][0].name for c in game.choices] == ["SUMMIT", "SUMMIT", "ARM", "SUMMIT", "SUMMIT"]
        if number == 3:
            assert len(les.games) == 2 and all(g.turn == 10 for g in les.games)
            assert "*" in board_text(scene)  # the accident at turn 7 shows
        if number == 4:
            assert "Deterrence reading" in board_text(scene) and "Dialogue reading" in board_text(scene)
        if number == 5:
            assert "The others' trust in Japan" in board_text(scene)
        if number == 6:
            assert les.answered_crisis
            assert any(c.get("stances", {}).get("JPN") == "SETTLE" for t in game.turns for c in t["crises"])
        if number == 7:
            assert game.over and game.hidden
            assert len(game.beliefs[game.humans[0]]) == 3
            assert f"The world was the {game.worldview.preset}" in board_text(scene)
        # the question: a wrong answer for chapter 3 (feedback says so, the chapter is not done), then a retry
        q = les.chapter.question
        if number == 3:
            wrong = (q.correct + 1) % len(q.options)
            driver.press(app, getattr(K, f"K_{wrong + 1}"))
            assert les.answer == wrong and number not in load_progress()
            words = " ".join(p[0] for p in scene.words.paragraphs)
            assert q.feedback[wrong] in words and "Try another answer" in words
        answer = q.correct
        if number == 2:
            assert driver.click_button(app, f"Answer {answer + 1}")
        else:
            driver.press(app, getattr(K, f"K_{answer + 1}"))
        assert les.answer == answer
        words = " ".join(p[0] for p in scene.words.paragraphs)
        assert q.feedback[answer] in words and "Try another answer" not in words
        assert load_progress()[number] == answer
        seen.append(number)
        driver.press(app, K.K_RETURN)  # next chapter (after the last: the list)
    assert seen == list(range(1, 8))
    assert scene.lesson is None  # back at the chapter list, every chapter ticked
    assert sum(1 for e in scene.elements if str(getattr(e, "text", "")).endswith("(done)")) == 7
    data = json.loads(progress_path().read_text(encoding="utf-8"))
    assert set(data["done"]) == {str(n) for n in range(1, 8)}
    driver.press(app, K.K_ESCAPE)
    assert driver.top_name(app) == "title"


def test_every_chapter_is_reachable_from_the_list_and_progress_is_kept(make_app, data_dir):
    data_dir.mkdir(parents=True, exist_ok=True)
    progress_path().write_text("{not json", encoding="utf-8")  # a bad file is ignored
    app = make_app()
    open_from_title(app, "Learn", "learn")
    scene = app.top
    assert scene.done == {}
    for number in range(1, 8):
        assert driver.click_button(app, f"{number}. ")
        assert scene.lesson.chapter.number == number
        assert lesson.chapter(number).task.instruction in " ".join(p[0] for p in scene.words.paragraphs)
        driver.press(app, K.K_ESCAPE)
        assert scene.lesson is None
    driver.press(app, K.K_F1)  # help lists Learn's own keys first
    assert driver.top_name(app) == "help"
    assert app.top.columns[0][0].paragraphs[0][0] == "Learn"
    driver.press(app, K.K_ESCAPE)
    assert app.top is scene
    driver.press(app, K.K_4)  # a digit opens a chapter too
    assert scene.lesson.chapter.number == 4
    driver.press(app, K.K_PAGEDOWN, mod=K.KMOD_CTRL)
    assert scene.lesson.chapter.number == 5
    driver.press(app, K.K_PAGEUP, K.K_PAGEUP, mod=K.KMOD_CTRL)
    assert scene.lesson.chapter.number == 3
    progress_path().write_text(json.dumps({"version": 1, "done": {"2": 0, "9": 1, "3": 7}}), encoding="utf-8")
    assert load_progress() == {2: 0}  # unknown chapters and answers are dropped
    driver.press(app, K.K_ESCAPE, K.K_ESCAPE)
    driver.click_button(app, "Learn")
    assert app.top.done == {2: 0} and app.top.list.focus == 0


def test_article_reader_shows_every_paragraph_and_its_cards(make_app):
    app = make_app()
    open_from_title(app, "The article", "article")
    scene = app.top
    paras = article.paragraphs()
    assert len(paras) == 13
    cards = {}
    for card in scene.scenario.cards:
        cards.setdefault(card.paragraph, []).append(card)
    for n in range(1, 14):
        assert scene.index == n
        shown = " ".join(p[0] for p in scene.block.paragraphs)
        assert paras[n - 1] in shown
        for card in cards.get(n, []):
            assert card.title in shown
        if not cards.get(n):
            assert f"No card cites ¶{n}" in shown
        driver.press(app, K.K_DOWN)  # scrolls (a long page) and never fails
        driver.press(app, K.K_RIGHT)
    assert scene.index == 13  # the last paragraph stays
    assert driver.click_button(app, "¶4")
    assert scene.index == 4
    driver.press(app, K.K_HOME)
    assert scene.index == 1
    driver.press(app, K.K_ESCAPE)
    assert driver.top_name(app) == "title"


def test_a_chapter_whose_game_ends_before_its_task_starts_again(make_app):
    app = make_app()
    open_from_title(app, "Learn", "learn")
    scene = app.top
    driver.press(app, K.K_5)  # chapter 5: a CBM is asked for
    les = scene.lesson
    turns = les.game.turn_limit
    for _ in range(turns):  # Hold every turn instead, to the game's end
        if les.unanswered() is not None:
            driver.press(app, K.K_s if les.unanswered()["kind"] == "stance" else K.K_n)
        driver.press(app, K.K_8, K.K_RETURN)
    assert les.game.over and not les.task_done
    assert "Answer 1" not in [str(getattr(e, "text", "")) for e in scene.elements]
    driver.press(app, K.K_RETURN)  # Enter starts the chapter's game again
    assert scene.lesson.game.turn == 0 and not scene.lesson.game.over
    driver.press(app, K.K_5, K.K_RETURN)
    assert scene.lesson.task_done
    assert any(str(getattr(e, "text", "")) == "Answer 1" for e in scene.elements)


def test_the_article_opens_from_play_at_the_cards_paragraph(make_app):
    app = make_app()
    start_at_title(app)
    driver.press(app, K.K_RETURN)  # New game
    driver.press(app, K.K_RETURN)  # Start game
    driver.settle_pass(app)
    assert driver.top_name(app) == "play"
    driver.play_human_turn(app, K.K_8, tab=False)
    driver.settle_pass(app)
    driver.settle_crisis(app)
    play = app.top
    card = play.game.turns[-1]["card"]
    assert card
    driver.press(app, K.K_a)
    assert driver.top_name(app) == "article"
    assert app.top.index == card["paragraph"]
    assert card["title"] in " ".join(p[0] for p in app.top.block.paragraphs)
    driver.press(app, K.K_ESCAPE)
    assert app.top is play


def test_learn_and_article_screens_hold_at_1_5(make_app):
    """The layout test's checks (text cut or overlapping, buttons too small, text shrinking) on every screen
    of Learn's and the article's part of the screenshot tour, walked at 1.5 (the screenshot tour's layout test
    checks the same screens at 1 and 2)."""
    from game.ui.tours.learn_screenshots import learn_tour
    from tests.ui.helpers import recording_text
    from tests.ui.test_layout import draw_frame, problems, report

    app = make_app(scale=1.5)
    found, base, visited = {}, {}, []

    def visit(name):
        visited.append(name)
        bad = problems(app, draw_frame(app), base.setdefault(name, {}))
        if bad:
            found[f"{name}@1.5"] = bad

    with recording_text():
        start_at_title(app)
        learn_tour(app, None, "", visit)
    assert LEARN_SCREENS <= set(visited)
    assert not found, "layout problems:\n" + report(found)
