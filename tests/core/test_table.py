"""The table: what each human seat owes a turn, what each seat may see, undo, save and resume."""

import json

import pytest

from game.core.files.record import GameRecord
from game.core.files.scenario import load_scenario
from game.core.model.vocab import Action, Stance
from game.core.play.session import Game
from game.core.play.table import Debt, Owed, Table

USA, KOR, PRK, CHN = 1, 3, 4, 0
PENINSULA = 1  # the stake index of the Korean Peninsula in east_asia_2023
TYPES = ("greedy", "security-seeking")


def _game(hidden=False, turns=6, seed=3):
    sc = load_scenario("east_asia_2023").with_turns(turns)
    doctrines = sc.default_doctrines()
    doctrines[USA] = doctrines[PRK] = "human"
    return Game(sc, seed, doctrines, hidden=hidden)


def _play(table, moves, answers=None):
    """One turn at the table: each seat's crisis answers ({seat: [value per prompt]}) and move ({seat: (action,
    target)}), then lock in and play."""
    for seat, values in (answers or {}).items():
        for prompt, value in zip(table.prompts(seat), values):
            table.answer(seat, prompt, value)
    for seat, (action, target) in moves.items():
        table.choose(seat, action, target)
    for seat in moves:
        assert table.lock_in(seat) == []
    return table.end_turn()


TURN_1 = {PRK: (Action.CHALLENGE, None), USA: (Action.SUMMIT, CHN)}
TURN_2 = ({USA: (Action.FORUM, None), PRK: (Action.ARM, None)}, {USA: [False], PRK: [Stance.ESCALATE]})
TURN_3 = ({USA: (Action.TRADE, CHN), PRK: (Action.HOLD, None)}, {USA: [True], PRK: [Stance.SETTLE]})


def _types_in(value) -> list[str]:
    """Every type named anywhere in a view."""
    if isinstance(value, dict):
        return [t for v in value.values() for t in _types_in(v)]
    if isinstance(value, (list, tuple)):
        return [t for v in value for t in _types_in(v)]
    return [value] if value in TYPES else []


def test_two_humans_against_ai_seats_owe_exactly_what_the_turn_asks():
    """A scripted game of two humans and six AI seats: the exact sequence of what each seat owes, step by step,
    in a hidden world that asks for beliefs after turn 2."""
    table = Table(_game(hidden=True))
    assert table.owed(USA) == table.owed(PRK) == [Debt(Owed.MOVE)] and table.owed(CHN) == []
    assert table.waiting() == [USA, PRK] and not table.ready()
    table.choose(PRK, Action.CHALLENGE)  # aims itself at the other party of its stake
    assert table.private_view(PRK)["target"] == KOR and table.owed(PRK) == []
    table.choose(USA, Action.PRESSURE)
    table.aim(USA, CHN)
    assert table.lock_in(PRK) == [] and table.waiting() == [USA]
    assert table.lock_in(USA) == [] and table.ready()
    table.end_turn()
    assert table.owed(USA) == [Debt(Owed.BACKING, PENINSULA), Debt(Owed.MOVE)]
    assert table.owed(PRK) == [Debt(Owed.STANCE, PENINSULA), Debt(Owed.MOVE)]
    table.choose(PRK, Action.ARM)
    assert table.lock_in(PRK) == [Debt(Owed.STANCE, PENINSULA)] and table.waiting() == [USA, PRK]
    table.answer(PRK, table.prompts(PRK)[0], Stance.ESCALATE)
    table.choose(USA, Action.ALLY)
    assert table.owed(USA) == [Debt(Owed.BACKING, PENINSULA)]  # an ally aims where it aimed last
    table.answer(USA, table.prompts(USA)[0], False)
    assert table.lock_in(USA) == table.lock_in(PRK) == []
    table.end_turn()
    belief = Debt(Owed.BELIEF)
    assert table.owed(USA) == [belief, Debt(Owed.BACKING, PENINSULA), Debt(Owed.MOVE)]
    assert table.owed(PRK) == [belief, Debt(Owed.STANCE, PENINSULA), Debt(Owed.MOVE)]
    table.state_belief(PRK, 0.3)
    assert table.owed(PRK) == [Debt(Owed.STANCE, PENINSULA), Debt(Owed.MOVE)] and table.owed(USA)[0] == belief
    assert table.game.record()["human_choices"] == [
        {"USA": ["PRESSURE", "CHN"], "PRK": ["CHALLENGE", "KOR"]},
        {"USA": ["ALLY", "CHN"], "PRK": ["ARM", None]},
    ]


def test_a_game_at_the_table_gives_the_record_of_the_same_choices_played_directly():
    """The table plays the turn its seats locked in: the record is byte for byte the one the game gives for the
    same seed and choices."""
    table = Table(_game())
    _play(table, TURN_1)
    _play(table, *TURN_2)
    _play(table, *TURN_3)
    direct = _game()
    direct.play_turn({USA: (Action.SUMMIT, CHN), PRK: (Action.CHALLENGE, KOR)})
    direct.play_turn(
        {USA: (Action.FORUM, -1), PRK: (Action.ARM, -1)},
        stances={(PRK, PENINSULA): Stance.ESCALATE},
        backing={(USA, PENINSULA): False},
    )
    direct.play_turn(
        {USA: (Action.TRADE, CHN), PRK: (Action.HOLD, -1)},
        stances={(PRK, PENINSULA): Stance.SETTLE},
        backing={(USA, PENINSULA): True},
    )
    assert table.game.record().to_json() == direct.record().to_json()


def test_private_views_never_hold_another_seats_type_and_the_public_view_holds_none():
    """Each human's private view names its own type and no other; the public view names no type at all."""
    for seed in range(4):
        table = Table(_game(seed=seed))
        _play(table, TURN_1)
        for seat in table.humans:
            view = table.private_view(seat)
            assert _types_in(view) == [table.game.type_of(seat)]
            assert view["type"] == table.game.type_of(seat)
        assert _types_in(table.public_view()) == []
        assert table.public_view()["waiting"] == ["USA", "PRK"]


def test_undo_restores_what_is_owed():
    """After a turn is taken back every seat owes again what it owed before that turn, and the choices in
    progress are dropped."""
    table = Table(_game(hidden=True))
    _play(table, TURN_1)
    before = {seat: table.owed(seat) for seat in table.humans}
    record = table.game.record().to_json()
    _play(table, *TURN_2)
    table.state_belief(USA, 0.6)
    table.choose(PRK, Action.ARM)
    assert table.undo()
    assert {seat: table.owed(seat) for seat in table.humans} == before
    assert table.game.record().to_json() == record and table.game.beliefs == {}
    assert table.undo() and table.owed(USA) == [Debt(Owed.MOVE)] and not table.undo()


def test_save_then_resume_gives_the_same_record():
    """A table saved after two turns and resumed plays on to the very record of the table never interrupted."""
    whole = Table(_game())
    for turn in (TURN_1, TURN_2, TURN_3):
        _play(whole, *(turn if isinstance(turn, tuple) else (turn,)))
    half = Table(_game())
    _play(half, TURN_1)
    _play(half, *TURN_2)
    for compact in (False, True):
        resumed = Table(Game.from_record(GameRecord.from_json(half.save(compact=compact), "save"), "save"))
        assert resumed.owed(USA) == half.owed(USA) and resumed.owed(PRK) == half.owed(PRK)
        _play(resumed, *TURN_3)
        assert resumed.game.record().to_json() == whole.game.record().to_json()
    assert json.loads(half.save())["turns"] == half.game.record()["turns"]


def test_an_all_ai_table_is_always_ready_and_owes_nothing():
    """With no human seat the table plays each turn on request, and a finished game owes nothing but beliefs."""
    sc = load_scenario("two_rivals")
    table = Table(Game(sc, 1, sc.default_doctrines(), turns=3))
    assert table.humans == [] and table.ready()
    while table.ready():
        table.end_turn()
    assert table.game.over and table.waiting() == [] and table.owed(0) == []


def test_the_table_refuses_what_a_seat_may_not_give():
    """An AI seat cannot choose, a seat cannot answer a crisis it is not asked about, aim at itself, or change
    its choices once locked in."""
    table = Table(_game())
    with pytest.raises(ValueError):
        table.choose(CHN, Action.ARM)
    with pytest.raises(ValueError):
        table.answer(USA, {"kind": "stance", "stake": PENINSULA}, Stance.SETTLE)
    with pytest.raises(ValueError):
        table.choose(USA, Action.PRESSURE, USA)
    table.choose(USA, Action.FORUM)
    table.lock_in(USA)
    with pytest.raises(ValueError):
        table.choose(USA, Action.ARM)
    with pytest.raises(ValueError):
        table.end_turn()  # North Korea has not locked in
