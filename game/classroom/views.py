"""What each screen of the class is sent, as plain JSON values: a team's view (its own private view
beside the public one), a board's (the public view only), the teacher's console. Enums become
their lower-case names; nothing of a seat that the rules hide reaches another seat."""

from __future__ import annotations

import enum

import numpy as np

from game.core.teaching.explain import why

from .room import LOBBY, OVER, ClassTable, Classroom
from .summary import class_summary, seat_debrief


def plain(value):
    """value as JSON-ready data: enums by lower-case name, tuples as lists, numpy numbers as Python's."""
    if isinstance(value, enum.Enum):
        return value.name.lower()
    if isinstance(value, dict):
        return {str(plain(k)): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        if hasattr(value, "_fields"):  # a Debt
            return {f: plain(v) for f, v in zip(value._fields, value)}
        return [plain(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


def card_of(ct: ClassTable) -> dict | None:
    """The event card of the turn just played: title, paragraph, its quote and both readings."""
    g = ct.game
    entry = g.turns[-1].get("card") if g.turns else None
    if not entry:
        return None
    card = next((c for c in g.scenario.cards if c.id == entry["id"]), None)
    if card is None:
        return dict(entry)
    keys = ("id", "title", "paragraph", "quote", "deterrence_reading", "dialogue_reading")
    return {k: getattr(card, k) for k in keys}


def ready(ct: ClassTable) -> str:
    humans = ct.table.humans
    return f"{len(humans) - len(ct.table.waiting())} of {len(humans)}"


def public(room: Classroom, ct: ClassTable) -> dict:
    view = plain(ct.table.public_view())
    view["card"] = card_of(ct)
    view["teams"] = {str(seat): team.name for seat, team in sorted(ct.teams.items())}
    last = ct.game.turns[-1] if ct.game.turns else None
    for i, (seat, actor) in enumerate(zip(view["seats"], ct.game.scenario.actors)):
        seat.update(colour=actor.colour, marker=actor.marker, x=actor.x, y=actor.y)  # the board's map
        if last:  # its tensest pair after the last turn, 0-100 as the window's charts show it
            j = max((j for j in range(len(view["seats"])) if j != i), key=lambda j: last["tension"][i][j])
            seat["tension"], seat["tense_with"] = 100.0 * last["tension"][i][j], ct.game.codes[j]
    return view


class Debriefs:
    """The records, baselines and class summary of finished games, worked out once per table and turn."""

    def __init__(self):
        self._cache: dict = {}

    def record(self, ct: ClassTable) -> dict:
        key = ("record", ct.index, id(ct.game), ct.game.turn, repr(sorted(ct.game.beliefs.items())))
        if key not in self._cache:
            self._cache[key] = ct.game.record().data
        return self._cache[key]

    def baseline(self, ct: ClassTable) -> list:
        key = ("baseline", ct.index, id(ct.game))
        if key not in self._cache:
            self._cache[key] = [float(s) for s in ct.game.baseline_scores()]
        return self._cache[key]

    def seat(self, ct: ClassTable, seat: int) -> dict:
        return seat_debrief(self.record(ct), ct.game.codes[seat], self.baseline(ct)[seat])

    def of_class(self, room: Classroom) -> dict:
        records = [self.record(ct) for ct in room.tables]
        humans = [[ct.game.codes[s] for s in ct.table.humans] for ct in room.tables]
        return class_summary(records, humans)


def team_view(room: Classroom, ct: ClassTable, seat: int, debriefs: Debriefs) -> dict:
    """A team's screen: its private view, the public one, what it owes, the timer and, at the end, its debrief."""
    g, table = ct.game, ct.table
    names = {a.code: a.name for a in g.scenario.actors}
    human = seat in table.humans
    private = plain(table.private_view(seat)) if human else {"seat": seat, "code": g.codes[seat]}
    if human and g.turns:
        private["why"] = why(g.turns[-1], names, g.worldview.as_dict(), first=(g.codes[seat],))
    over = g.over or room.status == OVER
    return {
        "type": "view",
        "table": ct.index,
        "seat": seat,
        "status": room.status,
        "private": private,
        "public": public(room, ct),
        "owed": plain(table.owed(seat)) if human else [],
        "locked": bool(human and table.drafts[seat].locked),
        "played_by_ai": room.doctrine_plays(ct, seat),
        "ready": ready(ct),
        "timer": room.seconds_left(ct),
        "turn": g.turn,
        "over": over,
        "debrief": debriefs.seat(ct, seat) if over and human and room.status != LOBBY else None,
    }


def board_view(room: Classroom, ct: ClassTable, debriefs: Debriefs) -> dict:
    """The projector's screen of a table: public things only; the class summary once every game is over."""
    return {
        "type": "board",
        "table": ct.index,
        "room": room.room,
        "status": room.status,
        "public": public(room, ct),
        "ready": ready(ct),
        "timer": room.seconds_left(ct),
        "turn": ct.game.turn,
        "over": ct.game.over or room.status == OVER,
        "class_debrief": debriefs.of_class(room) if room.finished and room.status != LOBBY else None,
    }


def console_view(room: Classroom, debriefs: Debriefs) -> dict:
    """The teacher's console: every table's seats, who sits there, who has locked in, who the AI plays."""
    tables = []
    for ct in room.tables:
        waiting = set(ct.table.waiting())
        seats = [
            {
                "seat": i,
                "actor": code,
                "team": ct.teams[i].name if i in ct.teams else None,
                "human": i in ct.table.humans,
                "by_ai": room.doctrine_plays(ct, i),
                "locked": i in ct.table.humans and i not in waiting,
            }
            for i, code in enumerate(ct.game.codes)
        ]
        tables.append(
            {
                "table": ct.index,
                "turn": ct.game.turn,
                "over": ct.game.over,
                "ready": ready(ct),
                "timer": room.seconds_left(ct),
                "outcome": ct.game.outcome.value,
                "seats": seats,
            }
        )
    summary = debriefs.of_class(room) if room.finished and room.status != LOBBY else None
    return {"type": "console", "room": room.room, "status": room.status, "tables": tables, "class_debrief": summary}


def room_listing(room: Classroom) -> dict:
    """GET /api/room: the tables and their seats, which are taken (no token, no type)."""
    return {
        "room": room.room,
        "status": room.status,
        "tables": [
            {
                "table": ct.index,
                "scenario": room.scenario.title,
                "seats": [
                    {
                        "seat": i,
                        "actor": a.code,
                        "name": a.name,
                        "colour": a.colour,  # the pages mark each actor as the window does
                        "marker": a.marker,
                        "taken": i in ct.teams,
                        "team": ct.teams[i].name if i in ct.teams else None,
                        "human": i in ct.table.humans if room.status != LOBBY else True,
                    }
                    for i, a in enumerate(ct.game.scenario.actors)
                ],
            }
            for ct in room.tables
        ],
    }
