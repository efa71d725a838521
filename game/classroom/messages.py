"""The messages a browser may send the classroom, checked against their declared schema before
anything reads them: size, the JSON object, its type, every field's type and allowed values,
and no field that the type does not declare. A message that fails is refused with the reason,
and nothing changes."""

from __future__ import annotations

import json
import math
import re

from game.core.model.vocab import Action, Stance

MAX_BYTES = 4096  # one message; a move, an answer or a join is a few dozen bytes
ACTIONS = tuple(a.name.lower() for a in Action)
STANCES = tuple(s.name.lower() for s in Stance)
TEACHER_ACTIONS = ("watch", "start", "pause", "resume", "next_turn", "end", "to_ai", "to_human", "assign")
TOKEN = re.compile(r"[A-Za-z0-9_\-]{16,64}")  # secrets.token_urlsafe, as issued
ROOM = re.compile(r"[A-Z]{4}")
TEAM = re.compile(r"[^\x00-\x1f\x7f<>]{1,24}")  # a name shown to the class: printable, no markup
INDEX = (0, 63)  # a table, seat or stake index; the room checks it against its own sizes


class BadMessage(ValueError):
    """A message the schema refuses: its text is the reason sent back."""


def _token(v):
    return isinstance(v, str) and TOKEN.fullmatch(v) is not None


def _index(v):
    return type(v) is int and INDEX[0] <= v <= INDEX[1]


def _chance(v):
    return type(v) in (int, float) and math.isfinite(v) and 0.0 <= v <= 1.0


def _one_of(values):
    return lambda v: isinstance(v, str) and v in values


def _text(pattern):
    return lambda v: isinstance(v, str) and pattern.fullmatch(v) is not None


def _answer_value(v):
    return type(v) is bool or (isinstance(v, str) and v in STANCES)


# type -> {field: (required, check, what is allowed)}
SCHEMA = {
    "join": {
        "room": (True, _text(ROOM), "the room code: 4 capital letters"),
        "table": (True, _index, "a table number"),
        "seat": (True, _index, "a seat number"),
        "team": (True, _text(TEAM), "a team name: 1 to 24 characters, no < or >"),
    },
    "resume": {"token": (True, _token, "a seat token")},
    "choose": {
        "token": (True, _token, "a seat token"),
        "action": (True, _one_of(ACTIONS), "one of " + ", ".join(ACTIONS)),
        "target": (False, _index, "a seat number"),
    },
    "answer": {
        "token": (True, _token, "a seat token"),
        "stake": (True, _index, "a stake number"),
        "kind": (True, _one_of(("stance", "backing")), "stance or backing"),
        "value": (True, _answer_value, "a stance (" + ", ".join(STANCES) + ") or true/false for backing"),
    },
    "belief": {"token": (True, _token, "a seat token"), "spiral": (True, _chance, "a chance from 0 to 1")},
    "lock_in": {"token": (True, _token, "a seat token")},
    "undo": {"token": (True, _token, "a seat token")},
    "watch": {"table": (True, _index, "a table number")},
    "teacher": {
        "key": (True, _token, "the teacher key"),
        "action": (True, _one_of(TEACHER_ACTIONS), "one of " + ", ".join(TEACHER_ACTIONS)),
        "table": (False, _index, "a table number"),
        "seat": (False, _index, "a seat number"),
        "to_seat": (False, _index, "a seat number"),
    },
}


def parse(text) -> dict:
    """The message in text, checked against SCHEMA; BadMessage says what is wrong."""
    if not isinstance(text, str):
        raise BadMessage("send each message as JSON text")
    if len(text) > MAX_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise BadMessage(f"message too long (at most {MAX_BYTES} bytes)")
    try:
        msg = json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise BadMessage("not a JSON object") from None
    if not isinstance(msg, dict):
        raise BadMessage("not a JSON object")
    kind = msg.get("type")
    fields = SCHEMA.get(kind) if isinstance(kind, str) else None
    if fields is None:
        raise BadMessage(f"unknown message type (allowed: {', '.join(SCHEMA)})")
    for name in msg:
        if name != "type" and name not in fields:
            raise BadMessage(f"{kind}: unknown field {name[:40]!r} (allowed: {', '.join(fields)})")
    for name, (required, check, allowed) in fields.items():
        if name not in msg:
            if required:
                raise BadMessage(f"{kind}: {name} is missing ({allowed})")
        elif not check(msg[name]):
            raise BadMessage(f"{kind}: bad {name} (allowed: {allowed})")
    return msg


def _no_constant(name):
    raise ValueError(f"{name} is not a number")


def error(message: str) -> dict:
    return {"type": "error", "message": message}
