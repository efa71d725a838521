"""The lesson plan (the teacher's guide as data): each version fills 45 minutes part after part, every
part's game is built as the guide names it, and the prepared games do what their prompts promise."""

import re
import shlex
from pathlib import Path

import pytest

from game.core.model.doctrines import HUMAN
from game.core.play.lesson_games import part_game
from game.core.teaching import lesson_plan as L


@pytest.mark.parametrize("plan", L.PLANS, ids=lambda p: p.key)
def test_each_version_fills_45_minutes_without_gaps(plan):
    """The parts follow each other minute by minute from 0 to 45, and a part that goes on has a game before it."""
    assert plan.parts[0].start == 0 and plan.parts[-1].end == 45 and plan.minutes == 45
    for before, after in zip(plan.parts, plan.parts[1:]):
        assert after.start == before.end and after.minutes > 0
        if after.same_game:
            assert before.plays
    assert len({p.key for p in plan.parts}) == len(plan.parts)
    assert all(len(p.prompt) <= 110 for p in plan.parts)  # one line on the strip under the game


@pytest.mark.parametrize("plan", L.PLANS, ids=lambda p: p.key)
def test_every_game_of_a_part_is_set_up_as_named(plan):
    """Each part's game has its scenario, human seats, world (hidden where the part says), seed and turns."""
    for part in plan.parts:
        if not part.scenario:
            continue
        game = part_game(part, part.seed if part.seed is not None else 11)
        assert game.scenario.name == part.scenario
        assert game.hidden == (part.worldview == L.HIDDEN)
        humans = {code for code, c in part.seats if c == HUMAN}
        assert {game.codes[i] for i in game.humans} == humans
        if part.turns:
            assert game.turn_limit == part.turns


def test_the_prepared_games_do_what_their_prompts_say():
    """Part 3's seed shows an accident at turn 7 (a move that is not the one intended), and part 6's seed
    opens a crisis with Japan in turn 1, whatever the class does."""
    noise = part_game(L.NOISE_STRICT, L.NOISE_STRICT.seed)
    for _ in range(7):
        noise.play_turn()
    seventh = noise.record().turns[6]["actions"]
    assert any(m["intended"] != m["action"] for m in seventh.values())
    assert all(m["intended"] == m["action"] for t in noise.record().turns[:6] for m in t["actions"].values())
    crisis = part_game(L.CRISES, L.CRISES.seed)
    japan = crisis.codes.index("JPN")
    crisis.play_turn({japan: (7, -1)})  # hold
    assert any(japan in c["parties"] for c in crisis.open_crises())


GUIDE = Path(__file__).resolve().parents[2] / "docs" / "teachers-guide.md"


def _section(title: str) -> str:
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


def _minute_rows(section: str) -> list[tuple[int, int, str]]:
    """(from, to, part) of each row of a minute table: '| 2–6 | 1. The security ... |'."""
    rows = re.findall(r"^\| (\d+)–(\d+) \| ([^|]+) \|", section, flags=re.M)
    return [(int(a), int(b), part.strip()) for a, b, part in rows]


@pytest.mark.parametrize(
    "title, plan",
    [("The 45-minute lesson", L.SHORT), ("Two lessons", L.FIRST_OF_TWO), ("Two lessons", L.SECOND_OF_TWO)],
    ids=["short", "first", "second"],
)
def test_the_guide_minute_plan_adds_up_to_45_and_follows_the_lesson_mode(title, plan):
    """Each of the guide's minute tables runs 0 to 45 without gaps, part for part as the lesson mode plays it."""
    rows = _minute_rows(_section(title))
    if plan is L.SECOND_OF_TWO:
        rows = rows[len(L.FIRST_OF_TWO.parts) :]
    elif plan is L.FIRST_OF_TWO:
        rows = rows[: len(plan.parts)]
    assert sum(b - a for a, b, _ in rows) == 45
    assert [(a, b) for a, b, _ in rows] == [(p.start, p.end) for p in plan.parts]
    assert all(part.startswith(f"{p.key}. {p.title.split(':')[0]}") for (_, _, part), p in zip(rows, plan.parts))


def test_every_command_in_the_guide_appendix_parses():
    """Every command of the appendix runs from a fresh terminal (scripts/play.sh or the venv's Python, never
    a bare python) and its words pass the game's own argument parser and checks."""
    from game.cli import build_parser, check_arguments, strict_types
    from game.core.runs.options import chosen_doctrines, chosen_scenario

    appendix = _section("Appendix: the command line")
    commands = re.findall(r"`((?:bash scripts/play\.sh|\.venv/bin/python main\.py|python)[^`]*)`", appendix)
    assert len(commands) >= 10
    for command in commands:
        words = shlex.split(command)
        if words[:2] == ["bash", "scripts/play.sh"]:
            argv = ["play", *words[2:]]
        else:
            assert words[:2] == [".venv/bin/python", "main.py"], command
            argv = words[2:]
        if argv == ["play", "--help"]:
            continue
        args = strict_types(build_parser()).parse_args(argv)
        check_arguments(args)
        if args.command in ("play", "simulate"):  # the names in it: scenario, world, doctrines, --set
            world = None if args.worldview == "hidden" else args.worldview
            sc = chosen_scenario(args.scenario or "east_asia_2023", world, args.set, args.turns)
            chosen_doctrines(sc, args.doctrine_all, args.doctrine, allow_human=True)
    assert not re.search(r"`python main\.py", GUIDE.read_text(encoding="utf-8"))
