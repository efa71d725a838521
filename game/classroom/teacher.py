"""What the teacher can do from the console: start, pause, resume, call the next turn, end the
game, hand a seat to the AI or take it back, and move a team to another seat."""

from __future__ import annotations

from game.core.model.doctrines import HUMAN
from game.core.play.table import Draft, Table

from .room import LOBBY, OVER, PAUSED, PLAYING, ClassTable, Classroom, Refused


def start(room: Classroom) -> None:
    """Seats with a team become human seats, the others the scenario's AI, and the first turn begins."""
    if room.status != LOBBY:
        raise Refused("the game has already started")
    for ct in room.tables:
        doctrines = [HUMAN if seat in ct.teams else d for seat, d in enumerate(room.scenario.default_doctrines())]
        ct.table = Table(room._game(ct.index, doctrines))
    room.status = PLAYING
    for ct in room.tables:
        room.start_turn(ct)
        room.advance(ct)


def pause(room: Classroom) -> None:
    if room.status != PLAYING:
        raise Refused("the game is not running")
    room.paused_left = {ct.index: room.seconds_left(ct) for ct in room.tables if ct.deadline is not None}
    for ct in room.tables:
        ct.deadline = None
    room.status = PAUSED


def resume(room: Classroom) -> None:
    if room.status != PAUSED:
        raise Refused("the game is not paused")
    room.status = PLAYING
    for ct in room.tables:
        left = room.paused_left.get(ct.index)
        ct.deadline = None if left is None else room.clock() + left
        room.advance(ct)
    room.paused_left = {}


def next_turn(room: Classroom, table: int | None) -> None:
    """Play the turn now (one table, or every table): the seats still choosing are played by their doctrine."""
    if room.status != PLAYING:
        raise Refused("the game is not running")
    for ct in room.tables if table is None else [room.table(table)]:
        room.force_turn(ct)


def end(room: Classroom) -> None:
    """The class stops here: every table's game stays as far as it was played."""
    room.status = OVER
    for ct in room.tables:
        ct.deadline = None


def _human_seat(room: Classroom, table, seat) -> tuple[ClassTable, int]:
    ct = room.table(table)
    seat = room._seat(ct, seat)
    if room.status == LOBBY or room.status == OVER:
        raise Refused("only during a game")
    if seat not in ct.table.humans:
        raise Refused(f"seat {seat} is an AI seat in this game")
    return ct, seat


def to_ai(room: Classroom, table, seat) -> None:
    """The seat's doctrine plays it from this turn on (its choices so far this turn are dropped)."""
    ct, seat = _human_seat(room, table, seat)
    ct.to_ai.add(seat)
    _replay_seat(room, ct, seat)


def to_human(room: Classroom, table, seat) -> None:
    """Its team plays the seat again, from this turn when the turn has not been played."""
    ct, seat = _human_seat(room, table, seat)
    ct.to_ai.discard(seat)
    _replay_seat(room, ct, seat)


def assign(room: Classroom, table, seat, to_seat) -> None:
    """Move the team at seat to to_seat (free; in a game under way, a human seat), keeping its token."""
    ct = room.table(table)
    seat, to_seat = room._seat(ct, seat), room._seat(ct, to_seat)
    if seat not in ct.teams:
        raise Refused(f"no team at seat {seat}")
    if to_seat in ct.teams:
        raise Refused(f"seat {to_seat} is taken")
    if room.status != LOBBY and to_seat not in ct.table.humans:
        raise Refused(f"seat {to_seat} is played by the AI in this game")
    ct.teams[to_seat] = ct.teams.pop(seat)
    if room.status in (PLAYING, PAUSED):
        for s in (seat, to_seat):
            if s in ct.table.humans:
                _replay_seat(room, ct, s)


def _replay_seat(room: Classroom, ct: ClassTable, seat: int) -> None:
    """The seat starts this turn over under whoever plays it now (its team or its doctrine)."""
    if ct.game.over:
        return
    ct.table.drafts[seat] = Draft()
    if room.doctrine_plays(ct, seat):
        ct.table.play_by_doctrine(seat)
    room.advance(ct)


ACTIONS = {
    "start": lambda room, msg: start(room),
    "pause": lambda room, msg: pause(room),
    "resume": lambda room, msg: resume(room),
    "next_turn": lambda room, msg: next_turn(room, msg.get("table")),
    "end": lambda room, msg: end(room),
    "to_ai": lambda room, msg: to_ai(room, msg.get("table"), msg.get("seat")),
    "to_human": lambda room, msg: to_human(room, msg.get("table"), msg.get("seat")),
    "assign": lambda room, msg: assign(room, msg.get("table"), msg.get("seat"), msg.get("to_seat")),
}


def act(room: Classroom, msg: dict) -> None:
    """Carry out a teacher message (its key already checked); "watch" changes nothing."""
    if msg["action"] != "watch":
        ACTIONS[msg["action"]](room, msg)
