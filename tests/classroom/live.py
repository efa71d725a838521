"""A classroom server for the tests, on 127.0.0.1 only: uvicorn in a thread on a free port, and
scripted teams that play through WebSockets as browser pages would (each answers what its own
latest view says it owes), with the same choices playable through the Table directly."""

from __future__ import annotations

import asyncio
import json
import random
import socket
import threading
import time

import uvicorn
from websockets.asyncio.client import connect

from game.classroom.limits import Limits
from game.classroom.server import make_app
from game.core.model.doctrines import HUMAN
from game.core.model.vocab import Action, Stance
from game.core.play.session import Game
from game.core.play.table import Owed, Table

MOVES = [a.name.lower() for a in Action] + ["challenge"] * 3  # challenges often, so crises open
TARGETED = {a.name.lower() for a in Action if a.targeted}
STANCES = [s.name.lower() for s in Stance]
UNLIMITED = Limits(1e9, 10**9, 10**9, 10**6, 10**9)  # scripted teams all come from one address, fast


class LiveServer:
    """The app served by uvicorn on 127.0.0.1 in a thread, until stop()."""

    def __init__(self, room, limits=UNLIMITED, autosave=None):
        self.room = room
        self.app = make_app(room, limits=limits, autosave=autosave)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        config = uvicorn.Config(self.app, log_level="error", ws_max_size=65536, lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws"

    def __enter__(self):
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.02)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()


def choice_for(table: int, seat: int, turn: int, kind: str, stake, n: int):
    """The scripted answer of a seat to one thing it owes: the same wherever and however often it is asked."""
    r = random.Random(f"{table}/{seat}/{turn}/{kind}/{stake}")
    if kind == "move":
        action = r.choice(MOVES)
        return action, (r.choice([i for i in range(n) if i != seat]) if action in TARGETED else None)
    if kind == "stance":
        return r.choice(STANCES)
    if kind == "backing":
        return r.random() < 0.5
    return round(r.random(), 2)  # a belief


def message_for(view: dict, n: int) -> dict | None:
    """What a scripted team sends on reading its view: the first thing it owes, else its lock-in."""
    if view["status"] not in ("playing", "over") or view["played_by_ai"]:
        return None
    table, seat, turn = view["table"], view["seat"], view["turn"]
    owed = view["owed"]
    if not owed:
        return None if view["locked"] or view["over"] else {"type": "lock_in"}
    debt = owed[0]
    kind, stake = debt["kind"], debt["stake"]
    value = choice_for(table, seat, turn, kind, stake, n)
    if kind == "belief":
        return {"type": "belief", "spiral": value}
    if kind in ("stance", "backing"):
        return {"type": "answer", "stake": stake, "kind": kind, "value": value}
    action, target = value
    return {"type": "choose", "action": action, **({} if target is None else {"target": target})}


async def team(url: str, room_code: str, table: int, seat: int, n: int, joined, token=None, until=None) -> dict:
    """A scripted team: joins (or resumes with its token), then answers its own views until its
    game is over, or until `until` turns are played; its last view."""
    async with connect(url, max_size=2**22) as ws:
        hello = {"type": "join", "room": room_code, "table": table, "seat": seat, "team": f"T{seat}"}
        await ws.send(json.dumps({"type": "resume", "token": token} if token else hello))
        reply = json.loads(await ws.recv())
        assert reply["type"] == "joined", reply
        token = reply["token"]
        joined()
        sent = set()  # what it has sent, by turn and kind: a page does not send the same answer twice
        while True:
            view = json.loads(await ws.recv())
            if view["type"] != "view":
                continue
            if view["over"] and not view["owed"] or until is not None and view["turn"] >= until:
                return {**view, "token": token}
            out = message_for(view, n)
            key = (view["turn"], out and out["type"], out and out.get("stake"), out and out.get("kind"))
            if out is not None and key not in sent:
                sent.add(key)
                await ws.send(json.dumps({**out, "token": token}))


async def play_class(url: str, room, timeout: float = 120.0) -> list[dict]:
    """Seat a scripted team at every seat of every table, start the class, play every game out."""
    n = room.scenario.n
    seats = [(k, s) for k in range(len(room.tables)) for s in range(n)]
    count = {"joined": 0}
    all_in = asyncio.Event()

    def joined():
        count["joined"] += 1
        if count["joined"] == len(seats):
            all_in.set()

    teams = [asyncio.create_task(team(url, room.room, k, s, n, joined)) for k, s in seats]
    await asyncio.wait_for(all_in.wait(), 30)
    async with connect(url) as teacher:
        await teacher.send(json.dumps({"type": "teacher", "key": room.key, "action": "start"}))
        return await asyncio.wait_for(asyncio.gather(*teams), timeout)


def play_direct(scenario, seed: int, table: int, turns: int, humans=None, hidden: bool = True) -> Table:
    """The same table played through the Table directly with the scripted choices (every seat human by default)."""
    n = scenario.n
    humans = range(n) if humans is None else humans
    doctrines = [HUMAN if i in humans else d for i, d in enumerate(scenario.default_doctrines())]
    t = Table(Game(scenario, seed + table, doctrines, turns=turns, hidden=hidden))
    while not t.game.over:
        for seat in t.humans:
            while t.owed(seat):
                give(t, table, seat, t.owed(seat)[0], n)
            assert t.lock_in(seat) == []
        t.end_turn()
    for seat in t.humans:
        if t.owes_belief(seat):
            give(t, table, seat, t.owed(seat)[0], n)
    return t


def give(t: Table, table: int, seat: int, debt, n: int) -> None:
    value = choice_for(table, seat, t.game.turn, debt.kind.value, debt.stake, n)
    if debt.kind is Owed.BELIEF:
        t.state_belief(seat, value)
    elif debt.kind is Owed.STANCE:
        t.answer(seat, {"kind": "stance", "stake": debt.stake}, Stance[value.upper()])
    elif debt.kind is Owed.BACKING:
        t.answer(seat, {"kind": "backing", "stake": debt.stake}, value)
    else:
        action, target = value
        t.choose(seat, Action[action.upper()], target)
