"""A client acts only for its own seat and sees only public things of the others: token-less,
wrong-token and forged-key requests, fuzzed and oversized messages each get an error reply, the
server stays up and no game changes; messages and connections are rate-limited."""

import json
import random
import secrets
import urllib.request

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect

from game.classroom.limits import Limits
from game.classroom.messages import error
from game.classroom.room import Classroom
from game.classroom.server import as_json
from game.core.files.scenario import load_scenario

from .live import LiveServer

TYPES = ("join", "resume", "choose", "answer", "belief", "lock_in", "undo", "watch", "teacher")


def ask(ws, message) -> dict:
    ws.send(message if isinstance(message, (str, bytes)) else json.dumps(message))
    return json.loads(ws.recv(timeout=10))


def drain(ws) -> None:
    """Read what the server has sent until it has been quiet for a moment."""
    while True:
        try:
            ws.recv(timeout=0.3)
        except TimeoutError:
            return


def state(room) -> list:
    """Everything a message could change: each table's save, drafts, teams and the class's status."""
    return [(ct.table.save(), repr(ct.table.drafts), repr(ct.teams), room.status) for ct in room.tables]


@pytest.fixture
def class_under_way():
    """A started class of two tables: two teams at table 0, one with its move chosen; the server on 127.0.0.1."""
    room = Classroom(load_scenario("east_asia_2023"), tables=2, seed=5, turns=6)
    with LiveServer(room) as server, connect(server.url) as a, connect(server.url) as b:
        joined = [
            ask(ws, {"type": "join", "room": room.room, "table": 0, "seat": s, "team": f"T{s}"})
            for s, ws in ((0, a), (1, b))
        ]
        a.recv(timeout=10), b.recv(timeout=10)
        with connect(server.url) as teacher:
            assert ask(teacher, {"type": "teacher", "key": room.key, "action": "start"})["type"] == "console"
        drain(a), drain(b)
        assert ask(a, {"type": "choose", "token": joined[0]["token"], "action": "forum"})["type"] == "view"
        yield server, room, a, [j["token"] for j in joined]


def test_no_token_a_wrong_token_or_a_forged_key_is_refused(class_under_way):
    """Token-less and wrong-token moves, a taken seat, another seat's moves and a forged teacher key change nothing."""
    server, room, ws, (mine, other) = class_under_way
    before = state(room)
    forged = secrets.token_urlsafe(16)
    for message in (
        {"type": "lock_in"},
        {"type": "choose", "action": "arm"},
        {"type": "choose", "token": forged, "action": "arm"},
        {"type": "lock_in", "token": forged},
        {"type": "undo", "token": forged},
        {"type": "resume", "token": forged},
        {"type": "answer", "token": forged, "stake": 0, "kind": "stance", "value": "escalate"},
        {"type": "choose", "token": mine, "action": "arm", "seat": 1},
        {"type": "join", "room": room.room, "table": 0, "seat": 1, "team": "Intruders"},
        {"type": "join", "room": "ZZZZ" if room.room != "ZZZZ" else "YYYY", "table": 0, "seat": 2, "team": "X"},
        {"type": "teacher", "key": forged, "action": "end"},
        {"type": "teacher", "key": forged, "action": "to_ai", "table": 0, "seat": 1},
        {"type": "teacher", "key": forged, "action": "watch"},
        {"type": "teacher", "action": "next_turn"},
    ):
        reply = ask(ws, message)
        assert reply["type"] == "error", (message, reply)
    assert state(room) == before


def test_a_board_sees_only_public_things(class_under_way):
    """A board gets the public view: no seat's type, score, prompts or choices in progress."""
    server, room, _, _ = class_under_way
    with connect(server.url) as board:
        view = ask(board, {"type": "watch", "table": 0})
    assert view["type"] == "board" and "private" not in view
    assert view["public"]["seed"] is None  # a hidden world's seed would name it
    text = json.dumps(view)
    assert "greedy" not in text and "security-seeking" not in text and "FORUM" not in text
    assert "token" not in text


def fuzzed(r: random.Random, room, token: str) -> str | bytes:
    """One message that the schema or the room must refuse (never a valid one by chance)."""
    kind = r.randrange(9)
    if kind == 0:
        return "".join(chr(r.randrange(1, 0x2FFF)) for _ in range(r.randrange(0, 200)))
    if kind == 1:
        return "x" * r.randrange(4097, 60000)  # oversized
    if kind == 2:
        return json.dumps({"type": "choose", "token": token, "action": "arm", "pad": "y" * r.randrange(4097, 50000)})
    if kind == 3:
        return bytes(r.randrange(256) for _ in range(r.randrange(1, 100)))
    if kind == 4:
        return json.dumps(r.choice([[], 1, None, "text", 2.5, [{"type": "join"}], {"type": r.choice(TYPES)}]))
    if kind == 5:  # a valid shape with one field of a wrong type or value
        bad = r.choice([None, -1, 10**9, 1.5, "", "DROP", [], {}, True, "x" * 300, float("nan")])
        msg = {"type": "choose", "token": token, "action": "trade", "target": 1}
        msg[r.choice(["token", "action", "target"])] = bad
        return json.dumps(msg)
    if kind == 6:  # an unknown field
        return json.dumps({"type": r.choice(TYPES), "token": token, f"f{r.randrange(99)}": 1})
    if kind == 7:  # a well-formed message the room refuses: a forged token or key, a table that does not exist
        forged = secrets.token_urlsafe(16)
        return json.dumps(
            r.choice(
                [
                    {"type": "lock_in", "token": forged},
                    {"type": "teacher", "key": forged, "action": r.choice(["start", "end", "pause"])},
                    {"type": "watch", "table": r.randrange(2, 64)},
                    {"type": "answer", "token": token, "stake": 3, "kind": "stance", "value": "escalate"},
                ]
            )
        )
    return "{" * r.randrange(1, 3000)  # deeply nested or broken JSON


@pytest.mark.parametrize("count", [1000])
def test_fuzzed_and_oversized_messages_each_get_an_error(class_under_way, count):
    """1,000 fuzzed or oversized messages (fixed seed) each get an error; the server stays up, no game changes."""
    server, room, ws, (mine, _) = class_under_way
    before = state(room)
    r = random.Random(20)
    for k in range(count):
        message = fuzzed(r, room, mine)
        reply = ask(ws, message)
        assert reply["type"] == "error", (k, str(message)[:200], reply)
    assert state(room) == before
    with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/healthz", timeout=5) as answer:
        assert answer.read() == b"ok"
    assert ask(ws, {"type": "resume", "token": mine})["type"] == "joined"


def test_messages_beyond_the_rate_are_refused_then_the_flood_is_closed():
    """A connection sending faster than its allowance gets errors, and one that keeps on is closed; nothing changes."""
    room = Classroom(load_scenario("two_rivals"), tables=1, seed=1, turns=3)
    limits = Limits(messages_per_second=1.0, message_burst=5, flood=10)
    with LiveServer(room, limits=limits) as server, connect(server.url) as ws:
        replies = []
        with pytest.raises(ConnectionClosed):
            for _ in range(40):
                replies.append(ask(ws, {"type": "watch", "table": 0}))
        assert [r["type"] for r in replies[:5]] == ["board"] * 5
        assert {r["message"] for r in replies[5:]} == {"too many messages: slow down"}
        assert room.tables[0].game.turn == 0


def test_connections_beyond_the_limit_of_an_address_are_closed():
    """An address may hold only so many connections at once; the next one is refused, the others keep working."""
    room = Classroom(load_scenario("two_rivals"), tables=1, seed=1, turns=3)
    with LiveServer(room, limits=Limits(open_per_address=2)) as server:
        with connect(server.url) as a, connect(server.url) as b:
            with pytest.raises(InvalidStatus, match="403"):
                connect(server.url)
            assert ask(a, {"type": "watch", "table": 0})["type"] == "board"
            assert ask(b, {"type": "watch", "table": 0})["type"] == "board"


def test_a_fault_of_the_server_is_an_error_reply_and_the_connection_goes_on(class_under_way, monkeypatch):
    """A message that meets a fault in the server's own code gets an error reply; the connection and server go on."""
    server, room, ws, (mine, _) = class_under_way

    def broken(token):
        raise ZeroDivisionError("a fault")

    monkeypatch.setattr(room, "lock_in", broken)
    assert ask(ws, {"type": "lock_in", "token": mine}) == error("the server could not carry out this lock_in")
    assert ask(ws, {"type": "choose", "token": mine, "action": "trade", "target": 2})["type"] == "view"


def test_a_number_that_is_not_finite_is_sent_as_null():
    """A view holding NaN or infinity goes out as JSON a browser reads, with null in its place."""
    assert json.loads(as_json({"brier": float("nan"), "rows": [1.5, float("inf")]})) == {
        "brier": None,
        "rows": [1.5, None],
    }
