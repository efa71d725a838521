"""The screenshot tour's part for Learn and the article reader: posted events, one PNG per screen."""

from __future__ import annotations

import pygame

from ..window import driver
from . import frame_record


def _shot(app, out, name, suffix):
    driver.run(app, 2)
    frame_record.shoot(app, out / f"{name}{suffix}")


def learn_tour(app, out, suffix, visit=None):
    """Learn's chapter list, chapters 1 and 3-7 with their boards, a question and its feedback, and
    the article reader; each screen shown to visit(name) (by default a PNG in out)."""
    K = pygame
    shot = visit or (lambda name: _shot(app, out, name, suffix))
    app.reset(app.scene("title"))
    driver.run(app, 1)
    if not driver.click_button(app, "Learn"):
        return
    shot("learn-list")
    driver.press(app, K.K_1)  # chapter 1: one round of two_rivals
    shot("learn-1")
    driver.press(app, K.K_5, K.K_RETURN)
    shot("learn-1-question")
    les = app.top.lesson
    driver.press(app, getattr(K, f"K_{les.chapter.question.correct + 1}"))
    shot("learn-1-feedback")
    driver.press(app, K.K_PAGEDOWN, K.K_PAGEDOWN, mod=K.KMOD_CTRL)  # chapter 3: noise, two games side by side
    driver.press(app, *([K.K_RETURN] * 10))
    shot("learn-3")
    driver.press(app, K.K_PAGEDOWN, mod=K.KMOD_CTRL)  # chapter 4: the cards, read two ways
    driver.press(app, *([K.K_RETURN] * 3))
    shot("learn-4")
    driver.press(app, K.K_PAGEDOWN, mod=K.KMOD_CTRL)  # chapter 5: a CBM and the others' trust
    driver.press(app, K.K_5, K.K_RETURN)
    shot("learn-5")
    driver.press(app, K.K_PAGEDOWN, mod=K.KMOD_CTRL)  # chapter 6: a crisis prompt
    driver.press(app, K.K_8, K.K_RETURN)
    shot("learn-6")
    driver.press(app, K.K_PAGEDOWN, mod=K.KMOD_CTRL)  # chapter 7: a hidden world and a belief
    les = app.top.lesson
    guard = 0
    while les.belief is None and not les.task_done and guard < 20:
        if les.unanswered() is not None:
            driver.press(app, K.K_s if les.unanswered()["kind"] == "stance" else K.K_n)
        else:
            driver.press(app, K.K_4, K.K_RETURN)
        guard += 1
    shot("learn-7-belief")
    app.reset(app.scene("title"))
    driver.run(app, 1)
    if driver.click_button(app, "The article"):
        shot("article")
        driver.press(app, *([K.K_RIGHT] * 7))  # ¶8: the position the author argues against
        shot("article-8")
    app.reset(app.scene("title"))
