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


def public(ct: ClassTable) -> dict:
    view = plain(ct.table.public_view())
    if ct.game.hidden and not ct.game.over:
        view["seed"] = None  # the seed names the hidden world to anyone who replays it: shown at the end
    view["card"] = card_of(ct)
    view["teams"] = {str(seat): team.name for seat, team in sorted(ct.teams.items())}
    last = ct.game.turns[-1] if ct.game.turns else None
    for i, (seat, actor) in enumerate(zip(view["seats"], ct.game.scenario.actors)):
        seat.update(colour=actor.colour, marker=actor.marker, x=actor.x, y=actor.y)  # the board's map
        if last:  # its tensest pair after the last turn, 0-100 as the window's charts show it
            j = max((j for j in range(len(view["seats"])) if j != i), key=lambda j: last["tension"][i][j])
            seat["tension"], seat["tense_with"] = 100.0 * last["tension"][i][j], ct.game.codes[j]
    return view


class Cache:
    """What the screens are sent, worked out once for each state of a table: the public view, each
    seat's private view and why panel, and at the end the records, baselines and class summary.
    Each key holds the game itself, so a key never outlives the game it was made for."""

    LIMIT = 20_000  # entries; a class of 4 tables of 8 over 30 turns makes a few thousand

    def __init__(self):
        self._cache: dict = {}

    def get(self, key, make):
        if key not in self._cache:
            if len(self._cache) >= self.LIMIT:
                self._cache.clear()
            self._cache[key] = make()
        return self._cache[key]

    def record(self, ct: ClassTable) -> dict:
        key = ("record", ct.game, ct.game.turn, repr(sorted(ct.game.beliefs.items())))
        return self.get(key, lambda: ct.game.record().data)

    def baseline(self, ct: ClassTable) -> list:
        """What the scenario's AI scores in each seat: the same before and after the start (humans do not change it)."""
        g = ct.game
        key = ("baseline", g.seed, g.turn_limit, g.worldview.label, repr(g.worldview.as_dict()))
        return self.get(key, lambda: [float(s) for s in g.baseline_scores()])

    def warm(self, room: Classroom) -> None:
        """Work out beforehand what the end of each game needs and no player changes: each table's
        baseline and, in a hidden world, the observer's likelihoods (seconds of work, done in a
        thread while the class gathers, so that no game's end waits for them)."""
        for ct in list(room.tables):
            self.baseline(ct)
            if ct.game.hidden:
                ct.game.observer_beliefs()

    def seat(self, ct: ClassTable, seat: int) -> dict:
        return seat_debrief(self.record(ct), ct.game.codes[seat], self.baseline(ct)[seat])

    def of_class(self, room: Classroom) -> dict:
        records = [self.record(ct) for ct in room.tables]
        humans = [[ct.game.codes[s] for s in ct.table.humans] for ct in room.tables]
        return class_summary(records, humans)

    def public(self, ct: ClassTable) -> dict:
        teams = tuple((seat, team.name) for seat, team in sorted(ct.teams.items()))
        key = ("public", ct.game, ct.game.turn, tuple(ct.table.waiting()), teams)
        return self.get(key, lambda: public(ct))

    def private(self, ct: ClassTable, seat: int) -> dict:
        g, table = ct.game, ct.table
        key = ("private", g, g.turn, seat, repr(table.drafts[seat]), repr(g.beliefs.get(seat)))
        return self.get(key, lambda: dict(plain(table.private_view(seat)), why=self.why(ct, seat)))

    def why(self, ct: ClassTable, seat: int) -> list[str]:
        g = ct.game
        if not g.turns:
            return []
        names = {a.code: a.name for a in g.scenario.actors}
        key = ("why", g, g.turn, seat)
        return self.get(key, lambda: why(g.turns[-1], names, g.worldview.as_dict(), first=(g.codes[seat],)))


def team_view(room: Classroom, ct: ClassTable, seat: int, cache: Cache) -> dict:
    """A team's screen: its private view, the public one, what it owes, the timer and, at the end, its debrief."""
    g, table = ct.game, ct.table
    human = seat in table.humans
    private = cache.private(ct, seat) if human else {"seat": seat, "code": g.codes[seat]}
    over = g.over or room.status == OVER
    return {
        "type": "view",
        "table": ct.index,
        "seat": seat,
        "status": room.status,
        "private": private,
        "public": cache.public(ct),
        "owed": private["owed"] if human else [],
        "locked": bool(human and table.drafts[seat].locked),
        "played_by_ai": room.doctrine_plays(ct, seat),
        "ready": ready(ct),
        "timer": room.seconds_left(ct),
        "turn": g.turn,
        "over": over,
        "debrief": cache.seat(ct, seat) if over and human and room.status != LOBBY else None,
    }


def board_view(room: Classroom, ct: ClassTable, cache: Cache) -> dict:
    """The projector's screen of a table: public things only; the class summary once every game is over."""
    return {
        "type": "board",
        "table": ct.index,
        "room": room.room,
        "status": room.status,
        "public": cache.public(ct),
        "ready": ready(ct),
        "timer": room.seconds_left(ct),
        "turn": ct.game.turn,
        "over": ct.game.over or room.status == OVER,
        "class_debrief": cache.of_class(room) if room.finished and room.status != LOBBY else None,
    }


def console_view(room: Classroom, cache: Cache) -> dict:
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
    summary = cache.of_class(room) if room.finished and room.status != LOBBY else None
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
