"""The classroom: N tables, each a game of its own (game.core.play.table.Table) with its own seed
and, in a hidden world, its own world drawn from that seed; the teams at their seats, each known
by a secret seat token; the teacher, known by a secret key; the turn timer.

Table k plays seed + k. Before the teacher starts, every seat is free to take; at the start a
seat with a team becomes a human seat and a seat without one is played by the scenario's AI.
A human seat whose team has left, or that the teacher handed to the AI, is played by its own
doctrine each turn, and the record names every such turn. A turn is played as soon as every
human seat has locked in, or when the timer runs out (the seats still choosing are played by
their doctrine), or when the teacher calls the next turn.

Everything here runs in one thread (the server's event loop): a message is handled whole
before the next one is read."""

from __future__ import annotations

import secrets
import string
import time

import attrs

from game.core.model.doctrines import HUMAN
from game.core.model.vocab import Action, Stance
from game.core.play.session import Game
from game.core.play.table import Draft, Table
from game.core.model.world import Scenario

LOBBY, PLAYING, PAUSED, OVER = "lobby", "playing", "paused", "over"


class Refused(ValueError):
    """An action the classroom refuses: its text is the reason sent back; nothing changed."""


def new_token() -> str:
    return secrets.token_urlsafe(16)


def new_room_code() -> str:
    return "".join(secrets.choice(string.ascii_uppercase) for _ in range(4))


@attrs.define
class Team:
    """A team at a seat: its name and its seat token."""

    name: str
    token: str


@attrs.define
class ClassTable:
    """One table of the class: its game, its teams by seat, the seats the teacher gave to the AI,
    and the time (clock seconds) at which its turn's timer runs out."""

    index: int
    table: Table
    teams: dict = attrs.Factory(dict)  # seat -> Team
    to_ai: set = attrs.Factory(set)  # human seats the teacher handed to their doctrine
    deadline: float | None = None

    @property
    def game(self) -> Game:
        return self.table.game


class Classroom:
    """The class: its tables, teams, teacher key, room code, state and timer."""

    def __init__(
        self,
        scenario: Scenario,
        tables: int = 1,
        seed: int = 1,
        hidden: bool = True,
        turns: int | None = None,
        timer: float | None = None,
        clock=time.monotonic,
    ):
        self.scenario, self.seed, self.hidden = scenario, int(seed), bool(hidden)
        self.turns = int(turns if turns is not None else scenario.turns)
        self.timer = float(timer) if timer else None
        self.clock = clock
        self.room = new_room_code()
        self.key = new_token()
        self.status = LOBBY
        self.paused_left: dict[int, float] = {}  # table -> seconds its timer had left when paused
        self.on_turn = None  # called with the ClassTable after each played turn (the autosave)
        self.tables = [ClassTable(k, Table(self._game(k, [HUMAN] * scenario.n))) for k in range(int(tables))]

    def _game(self, k: int, doctrines: list[str]) -> Game:
        return Game(self.scenario, self.seed + k, doctrines, turns=self.turns, hidden=self.hidden)

    # ------------------------------------------------------------------ seats and tokens
    def table(self, k) -> ClassTable:
        if not isinstance(k, int) or not 0 <= k < len(self.tables):
            raise Refused(f"no table {k} (tables 0 to {len(self.tables) - 1})")
        return self.tables[k]

    def seat_of(self, token: str) -> tuple[ClassTable, int]:
        """The table and seat a token belongs to; refused for any other token."""
        for ct in self.tables:
            for seat, team in ct.teams.items():
                if secrets.compare_digest(team.token, token):
                    return ct, seat
        raise Refused("unknown token")

    def check_key(self, key: str) -> None:
        if not (isinstance(key, str) and secrets.compare_digest(key.encode(), self.key.encode())):
            raise Refused("wrong teacher key")

    def _seat(self, ct: ClassTable, seat) -> int:
        if not isinstance(seat, int) or not 0 <= seat < self.scenario.n:
            raise Refused(f"no seat {seat} (seats 0 to {self.scenario.n - 1})")
        return seat

    def join(self, k: int, seat: int, team: str) -> str:
        """A team takes a free seat: its new token. In a game under way, only a human seat can be taken."""
        ct = self.table(k)
        seat = self._seat(ct, seat)
        if seat in ct.teams:
            raise Refused(f"seat {seat} is taken")
        if self.status != LOBBY and seat not in ct.table.humans:
            raise Refused(f"seat {seat} is played by the AI in this game")
        ct.teams[seat] = Team(team, new_token())
        return ct.teams[seat].token

    def doctrine_plays(self, ct: ClassTable, seat: int) -> bool:
        """A human seat its doctrine plays this turn: no team sits at it, or the teacher gave it to the AI."""
        return seat in ct.table.humans and (seat not in ct.teams or seat in ct.to_ai)

    # ------------------------------------------------------------------ a team's choices
    def _draft_of(self, token: str) -> tuple[ClassTable, int]:
        ct, seat = self.seat_of(token)
        if self.status not in (PLAYING, PAUSED):
            raise Refused("the game has not started" if self.status == LOBBY else "the game is over")
        if self.doctrine_plays(ct, seat):
            raise Refused("the AI plays this seat now")
        return ct, seat

    def choose(self, token: str, action: str, target: int | None = None) -> ClassTable:
        ct, seat = self._draft_of(token)
        if target is not None and target not in ct.table.targets(seat):
            raise Refused(f"cannot aim at seat {target}")
        self._apply(ct, lambda: ct.table.choose(seat, Action[action.upper()], target))
        return ct

    def answer(self, token: str, stake: int, kind: str, value) -> ClassTable:
        ct, seat = self._draft_of(token)
        if kind == "stance" and not isinstance(value, str) or kind == "backing" and not isinstance(value, bool):
            raise Refused(f"a {kind} answer takes " + ("a stance" if kind == "stance" else "true or false"))
        answer = Stance[value.upper()] if kind == "stance" else value
        self._apply(ct, lambda: ct.table.answer(seat, {"kind": kind, "stake": stake}, answer))
        return ct

    def belief(self, token: str, spiral: float) -> ClassTable:
        ct, seat = self.seat_of(token)
        if not ct.table.owes_belief(seat):
            raise Refused("no belief is asked for now")
        ct.table.state_belief(seat, float(spiral))  # also at the end of the game: its last belief
        return ct

    def lock_in(self, token: str) -> ClassTable:
        ct, seat = self._draft_of(token)
        owed = self._apply(ct, lambda: ct.table.lock_in(seat))
        if owed:
            raise Refused("still to give: " + ", ".join(d.kind.value for d in owed))
        self.advance(ct)
        return ct

    def undo(self, token: str) -> ClassTable:
        """Take back this turn's choices (not a played turn: the other seats have moved on)."""
        ct, seat = self._draft_of(token)
        self._apply(ct, lambda: None)  # refuses once the game is over
        ct.table.drafts[seat] = Draft()
        return ct

    def _apply(self, ct: ClassTable, change):
        if ct.game.over:
            raise Refused("this table's game is over")
        try:
            return change()
        except (ValueError, KeyError) as exc:
            raise Refused(str(exc)) from None

    # ------------------------------------------------------------------ turns
    def start_turn(self, ct: ClassTable) -> None:
        """A new turn: the seats the AI plays are locked in at once, and the timer starts."""
        if ct.game.over:
            ct.deadline = None
            return
        for seat in ct.table.humans:
            if self.doctrine_plays(ct, seat) and not ct.table.drafts[seat].locked:
                ct.table.play_by_doctrine(seat)
        ct.deadline = self.clock() + self.timer if self.timer else None

    def advance(self, ct: ClassTable) -> None:
        """Play the table's turn if every human seat has locked in and the class is not paused."""
        while self.status == PLAYING and ct.table.ready():
            ct.table.end_turn()
            self.start_turn(ct)
            if self.on_turn is not None:
                self.on_turn(ct)
        if ct.game.over:
            ct.deadline = None

    def force_turn(self, ct: ClassTable) -> None:
        """The seats still choosing are played by their doctrine, and the turn is played."""
        if self.status != PLAYING or ct.game.over:
            return
        for seat in ct.table.waiting():
            ct.table.play_by_doctrine(seat)
        self.advance(ct)

    def tick(self) -> list[ClassTable]:
        """Play the turn of every table whose timer ran out; the tables that moved."""
        now = self.clock()
        due = [ct for ct in self.tables if ct.deadline is not None and now >= ct.deadline]
        for ct in due:
            self.force_turn(ct)
        return due

    def seconds_left(self, ct: ClassTable) -> float | None:
        if self.status == PAUSED and ct.index in self.paused_left:
            return self.paused_left[ct.index]
        return None if ct.deadline is None else max(0.0, ct.deadline - self.clock())

    @property
    def finished(self) -> bool:
        return self.status == OVER or all(ct.game.over for ct in self.tables)
