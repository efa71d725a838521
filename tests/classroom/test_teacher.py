"""The teacher's console and the turn timer: start, pause, resume, next turn, end; a seat still
choosing when the timer runs out is played by its doctrine and the record says so; a seat handed
to the AI and taken back; a team moved to another seat; the class summary at the end."""

import pytest

from game.classroom import teacher
from game.classroom.room import OVER, PAUSED, PLAYING, Classroom, Refused
from game.classroom.views import Cache, board_view, console_view, team_view
from game.core.files.scenario import load_scenario


class Clock:
    """A clock the test moves by hand."""

    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def _class(tables=1, timer=None, turns=4, seats=(0, 1)):
    clock = Clock()
    room = Classroom(load_scenario("east_asia_2023"), tables=tables, seed=3, turns=turns, timer=timer, clock=clock)
    tokens = {(ct.index, s): room.join(ct.index, s, f"T{s}") for ct in room.tables for s in seats}
    return room, clock, tokens


def _move(room, token):
    """The seat chooses a forum (answering any crisis firmly) and locks in."""
    ct, seat = room.seat_of(token)
    for debt in ct.table.owed(seat):
        if debt.kind.value in ("stance", "backing"):
            room.answer(token, debt.stake, debt.kind.value, "stand_firm" if debt.kind.value == "stance" else False)
        elif debt.kind.value == "belief":
            room.belief(token, 0.5)
    room.choose(token, "forum")
    room.lock_in(token)


def test_start_seats_teams_as_humans_and_the_rest_as_the_ai():
    """At the start the seats with a team are human, the others the scenario's AI; no team may act before it."""
    room, _, tokens = _class()
    with pytest.raises(Refused):
        room.choose(tokens[0, 0], "forum")
    teacher.start(room)
    assert room.status == PLAYING and room.tables[0].table.humans == [0, 1]
    with pytest.raises(Refused):
        teacher.start(room)


def test_the_timer_plays_a_seat_still_choosing_by_its_doctrine():
    """When the timer runs out, a seat that did not lock in is played by its doctrine; the record names the turn."""
    room, clock, tokens = _class(timer=30)
    teacher.start(room)
    _move(room, tokens[0, 0])
    ct = room.tables[0]
    assert ct.game.turn == 0 and room.seconds_left(ct) == 30
    clock.now += 29
    assert room.tick() == [] and ct.game.turn == 0
    clock.now += 2
    assert room.tick() == [ct] and ct.game.turn == 1
    record = ct.game.record().data
    assert record["seats_played_by_doctrine"] == [{"USA": "reciprocity"}]
    assert list(record["human_choices"][0]) == ["CHN"]


def test_pause_stops_the_timer_and_resume_restarts_it():
    """A paused class plays no turn, even with every seat locked in, and its timers keep the time they had left."""
    room, clock, tokens = _class(timer=30)
    teacher.start(room)
    clock.now += 10
    teacher.pause(room)
    assert room.status == PAUSED
    _move(room, tokens[0, 0])
    _move(room, tokens[0, 1])
    clock.now += 100
    assert room.tick() == [] and room.tables[0].game.turn == 0
    assert room.seconds_left(room.tables[0]) == pytest.approx(20)
    teacher.resume(room)
    assert room.tables[0].game.turn == 1  # everyone had locked in
    assert room.seconds_left(room.tables[0]) == pytest.approx(30)


def test_next_turn_plays_now_and_end_stops_the_class():
    """next_turn plays the turn with the seats still choosing played by their doctrine; end stops every table."""
    room, _, tokens = _class(tables=2)
    teacher.start(room)
    teacher.next_turn(room, 1)
    assert [ct.game.turn for ct in room.tables] == [0, 1]
    teacher.next_turn(room, None)
    assert [ct.game.turn for ct in room.tables] == [1, 2]
    teacher.end(room)
    assert room.status == OVER and room.finished
    with pytest.raises(Refused):
        room.choose(tokens[0, 0], "forum")


def test_a_seat_handed_to_the_ai_and_taken_back():
    """A seat given to the AI is played by its doctrine each turn; taken back, its team plays it again."""
    room, _, tokens = _class()
    teacher.start(room)
    teacher.to_ai(room, 0, 1)
    with pytest.raises(Refused):
        room.choose(tokens[0, 1], "arm")
    _move(room, tokens[0, 0])
    assert room.tables[0].game.turn == 1  # the AI's seat was already locked in
    _move(room, tokens[0, 0])
    assert room.tables[0].game.turn == 2
    teacher.to_human(room, 0, 1)
    _move(room, tokens[0, 0])
    assert room.tables[0].game.turn == 2
    _move(room, tokens[0, 1])
    record = room.tables[0].game.record().data
    assert record["seats_played_by_doctrine"] == [{"USA": "reciprocity"}, {"USA": "reciprocity"}, {}]


def test_a_team_moved_to_another_seat_keeps_its_token():
    """assign moves a team with its token to a free seat; in the lobby any seat, in a game only a human seat."""
    room, _, tokens = _class(seats=(0, 1, 2))
    teacher.assign(room, 0, 2, 5)
    assert room.seat_of(tokens[0, 2]) == (room.tables[0], 5)
    with pytest.raises(Refused):
        teacher.assign(room, 0, 0, 1)  # taken
    teacher.start(room)
    assert room.tables[0].table.humans == [0, 1, 5]
    with pytest.raises(Refused):
        teacher.assign(room, 0, 5, 2)  # an AI seat in this game


def test_the_class_summary_compares_the_worlds_of_the_tables():
    """At the end every team reads its debrief and the board the class summary: per table and per kind of world."""
    room, _, tokens = _class(tables=3, turns=2)
    teacher.start(room)
    while not room.finished:
        for token in tokens.values():
            ct, seat = room.seat_of(token)
            if not ct.game.over:
                _move(room, token)
    for token in tokens.values():
        ct, seat = room.seat_of(token)
        if ct.table.owes_belief(seat):
            room.belief(token, 0.25)
    cache = Cache()
    board = board_view(room, room.tables[0], cache)["class_debrief"]
    assert [row["table"] for row in board["tables"]] == [0, 1, 2]
    assert sum(v["tables"] for v in board["by_world"].values()) == 3
    assert all(row["mean_brier"] is not None for row in board["tables"])
    view = team_view(room, room.tables[1], 0, cache)
    assert view["debrief"]["type"] in ("greedy", "security-seeking") and view["debrief"]["baseline"] >= 0
    assert console_view(room, cache)["class_debrief"] == board


def test_the_type_read_in_the_lobby_is_the_type_in_the_game():
    """A team's private briefing before the start tells the type its seat has once the game starts."""
    room, _, tokens = _class(tables=2)
    cache = Cache()
    before = {key: team_view(room, room.tables[key[0]], key[1], cache)["private"]["type"] for key in tokens}
    teacher.start(room)
    after = {key: team_view(room, room.tables[key[0]], key[1], cache)["private"]["type"] for key in tokens}
    assert before == after
