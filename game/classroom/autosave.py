"""Nothing lost: the whole class is saved after every turn and every change of seats, in one file
in the user data folder (written atomically: a reader finds the old file or the new one, never
half of one). It holds every table's game as a compact save (seed, choices, beliefs and a
fingerprint, replayed exactly on loading), the teams with their seat tokens, the teacher key and
room code, so `classroom --resume` continues every table from its last played turn and every
device rejoins its seat with the token it kept. Choices in progress are not kept: a turn that
was being chosen when the server stopped is chosen again. The file holds secrets: only its
owner may read it."""

from __future__ import annotations

import json
import os
import weakref
from pathlib import Path

from game.core.files.checks import read_text
from game.core.files.paths import user_data_dir
from game.core.files.atomic import atomic_write
from game.core.files.record import GameRecord
from game.core.model.errors import LoadError
from game.core.play.session import Game
from game.core.play.table import Table

from .room import LOBBY, OVER, PAUSED, PLAYING, ClassTable, Classroom, Team

FORMAT = "deterrence-or-dialogue classroom"
VERSION = 1


def default_path() -> Path:
    return user_data_dir() / "classroom" / "autosave.json"


def game_save(game) -> dict:
    return json.loads(game.save_text(compact=True))


def snapshot(room: Classroom, game_save=game_save) -> dict:
    """The class as plain data (game_save(game): a table's game as a compact save)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "room": room.room,
        "key": room.key,
        "seed": room.seed,
        "hidden": room.hidden,
        "turns": room.turns,
        "timer": room.timer,
        "status": room.status,
        "paused_left": {str(k): v for k, v in room.paused_left.items()},
        "tables": [
            {
                "table": ct.index,
                "game": game_save(ct.game),
                "teams": {str(seat): {"name": t.name, "token": t.token} for seat, t in sorted(ct.teams.items())},
                "to_ai": sorted(ct.to_ai),
            }
            for ct in room.tables
        ],
    }


def text_of(room: Classroom, game_save=game_save) -> str:
    return json.dumps(snapshot(room, game_save), indent=None)  # key order kept: a record replays to the same bytes


def write(path, text: str) -> Path:
    """Write a saved class to path atomically, readable by its owner only."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    atomic_write(path, text)
    return path


def save(room: Classroom, path) -> Path:
    return write(path, text_of(room))


class Autosaver:
    """Saves the class to one path after each change; a table whose game has not changed since the
    last save is not written out again from scratch (its compact save is kept)."""

    def __init__(self, path):
        self.path = Path(path)
        self._kept = weakref.WeakKeyDictionary()  # game -> (its turn and beliefs, its compact save)

    def __call__(self, room: Classroom) -> Path:
        return self.write(self.text(room))

    def text(self, room: Classroom) -> str:
        """The class as the file's text (made where the class lives: the server's event loop)."""
        return text_of(room, self._game_save)

    def write(self, text: str) -> Path:
        """Write the text (in any thread: the server writes beside its loop, one save after another)."""
        return write(self.path, text)

    def _game_save(self, game) -> dict:
        state = (game.turn, repr(sorted(game.beliefs.items())))
        kept = self._kept.get(game)
        if kept is None or kept[0] != state:
            kept = self._kept[game] = (state, game_save(game))
        return kept[1]


def load(path, timer: float | None = None, clock=None) -> Classroom:
    """The class saved at path, every table replayed to its last played turn, every token valid.
    timer, when given, replaces the saved turn timer."""
    path = Path(path)
    text = read_text(path, "classroom autosave (JSON)")
    try:
        data = json.loads(text)
    except ValueError:
        raise LoadError(path, None, None, "not JSON (a classroom autosave is)") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
        raise LoadError(path, None, "format", f"not a classroom autosave (expected {FORMAT}, version {VERSION})")
    try:
        return _restored(path, data, timer, clock)
    except LoadError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise LoadError(path, None, None, f"a damaged classroom autosave ({type(exc).__name__}: {exc})") from None


def _restored(path: Path, data: dict, timer, clock) -> Classroom:
    games = [Game.from_record(GameRecord.from_json(json.dumps(t["game"]), path), path) for t in data["tables"]]
    first = games[0]
    scenario = first.base_scenario if first.hidden else first.scenario
    extra = {} if clock is None else {"clock": clock}
    room = Classroom(
        scenario,
        tables=0,
        seed=data["seed"],
        hidden=data["hidden"],
        turns=data["turns"],
        timer=timer if timer is not None else data["timer"],
        **extra,
    )
    room.room, room.key, room.status = data["room"], data["key"], data["status"]
    if room.status not in (LOBBY, PLAYING, PAUSED, OVER):
        raise LoadError(path, None, "status", f"unknown status {room.status!r}")
    room.paused_left = {int(k): float(v) for k, v in data.get("paused_left", {}).items()}
    for k, (saved, game) in enumerate(zip(data["tables"], games)):
        ct = ClassTable(k, Table(game))
        ct.teams = {int(s): Team(t["name"], t["token"]) for s, t in saved["teams"].items()}
        ct.to_ai = {int(s) for s in saved["to_ai"]}
        room.tables.append(ct)
        if room.status in (PLAYING, PAUSED):
            room.start_turn(ct)
            if room.status == PAUSED:
                ct.deadline = None
    for ct in room.tables:
        room.advance(ct)
    return room
