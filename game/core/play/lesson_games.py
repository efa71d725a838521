"""The real games a task of Learn plays (the chapters themselves are plain data in teaching.lesson)."""

from __future__ import annotations

from ..files.scenario import load_scenario
from ..runs.options import preset_worldview
from ..teaching.lesson import Task
from ..teaching.lesson_plan import HIDDEN, Part
from .session import HUMAN, Game


def games(task: Task, dispositions=None) -> list:
    """The real games a task plays: one for "play", one per doctrine for "watch". dispositions: (N,)
    types to play with instead of the seed's (True: greedy), so a check can vary one hidden type alone."""
    sc = load_scenario(task.scenario)
    preset = task.worldview or sc.worldview.preset
    wv = preset_worldview(sc, preset, dict(task.sets))
    turns = task.turns or task.rounds
    if task.kind == "watch":
        return [Game(sc, task.seed, [d] * len(sc.codes), worldview=wv, turns=turns) for d in task.watch]
    doctrines = list(sc.default_doctrines())
    given = dict(task.doctrines)
    for k, code in enumerate(sc.codes):
        doctrines[k] = HUMAN if code == task.human else given.get(code, doctrines[k])
    if task.hidden:
        return [Game(sc, task.seed, doctrines, turns=turns, hidden=True, dispositions=dispositions)]
    return [Game(sc, task.seed, doctrines, worldview=wv, turns=turns, dispositions=dispositions)]


def part_game(part: Part, seed: int) -> Game:
    """The game a part of the teacher's lesson opens (teaching.lesson_plan): the scenario's doctrines,
    then `everyone`, then the named seats; a hidden world is drawn from the seed."""
    sc = load_scenario(part.scenario)
    turns = part.turns or sc.turns
    doctrines = [part.everyone or d for d in sc.default_doctrines()]
    for code, controller in part.seats:
        doctrines[sc.codes.index(code)] = controller
    if part.worldview == HIDDEN:
        return Game(sc.with_turns(turns), seed, doctrines, turns=turns, hidden=True)
    wv = preset_worldview(sc, part.worldview or sc.worldview.preset, dict(part.sets))
    return Game(sc.with_turns(turns), seed, doctrines, worldview=wv, turns=turns)
