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
from pathlib import Path

from game.core.files.checks import read_text
from game.core.files.paths import user_data_dir
from game.core.files.record import GameRecord, atomic_write
from game.core.model.errors import LoadError
from game.core.play.session import Game
from game.core.play.table import Table

from .room import LOBBY, OVER, PAUSED, PLAYING, ClassTable, Classroom, Team

FORMAT = "deterrence-or-dialogue classroom"
VERSION = 1


def default_path() -> Path:
    return user_data_dir() / "classroom" / "autosave.json"


def snapshot(room: Classroom) -> dict:
    """The class as plain data."""
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
                "game": json.loads(ct.game.save_text(compact=True)),
                "teams": {str(seat): {"name": t.name, "token": t.token} for seat, t in sorted(ct.teams.items())},
                "to_ai": sorted(ct.to_ai),
            }
            for ct in room.tables
        ],
    }


def save(room: Classroom, path) -> Path:
    """Write the class to path atomically, readable by its owner only."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    atomic_write(path, json.dumps(snapshot(room), indent=None, sort_keys=True))
    return path


def load(path, timer: float | None = None, clock=None) -> Classroom:
    """The class saved at path, every table replayed to its last played turn, every token valid.
    timer, when given, replaces the saved turn timer."""
    path = Path(path)
    data = json.loads(read_text(path, "classroom autosave (JSON)"))
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
        raise LoadError(path, None, "format", f"not a classroom autosave (expected {FORMAT}, version {VERSION})")
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
