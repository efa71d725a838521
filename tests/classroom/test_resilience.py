"""Nothing lost: a server killed (kill -9) in the middle of a turn and started with --resume
continues every table from its last played turn with every token valid, to the record the table
gives directly; a team that drops during a crisis prompt is played by its doctrine when the timer
runs out, and rejoins its seat with its token."""

import asyncio
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

from websockets.sync.client import connect

from game.classroom import autosave
from game.classroom.room import Classroom
from game.core.files.scenario import load_scenario

from .live import LiveServer, play_direct, team

ROOT = Path(__file__).resolve().parents[2]
SEATS = (0, 1, 3)  # the human seats of each table; the others are the scenario's AI


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data: Path, port: int, *extra) -> tuple[subprocess.Popen, dict]:
    """The classroom command in its own process on 127.0.0.1, with the room code and teacher key it prints."""
    env = dict(os.environ, DOD_DATA_DIR=str(data), PYTHONUNBUFFERED="1")
    cmd = [sys.executable, "main.py", "classroom", "--host", "127.0.0.1", "--port", str(port), "--headless", *extra]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    said = ""
    while "teacher key" not in said:
        line = proc.stdout.readline()
        assert line, f"the server stopped: {said}"
        said += line
    found = {"room": re.search(r"room code (\w+)", said)[1], "key": re.search(r"teacher key (\S+)", said)[1]}
    deadline = time.monotonic() + 20
    while True:  # listening once it answers
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc, found
        except OSError:
            assert time.monotonic() < deadline, "the server does not listen"
            time.sleep(0.05)


async def play_teams(url, code, tables, n, tokens=None, until=None, joined=lambda: None):
    seats = [(k, s) for k in range(tables) for s in SEATS]
    tasks = [team(url, code, k, s, n, joined, (tokens or {}).get((k, s)), until) for k, s in seats]
    return dict(zip(seats, await asyncio.wait_for(asyncio.gather(*tasks), 120)))


def test_a_killed_server_resumes_every_table_with_every_token(tmp_path):
    """kill -9 mid-turn, then --resume: every table is at its last played turn, every token works, the games finish
    with the records the table gives directly."""
    sc, port, tables, turns = load_scenario("east_asia_2023"), free_port(), 2, 5
    proc, found = start_server(tmp_path, port, "--tables", str(tables), "--turns", str(turns), "--seed", "9")
    url = f"ws://127.0.0.1:{port}/ws"
    try:
        code = found["room"]

        async def seat_and_start():
            seated, everyone = [], asyncio.Event()

            def joined():
                seated.append(1)
                if len(seated) == tables * len(SEATS):
                    everyone.set()

            joining = asyncio.ensure_future(play_teams(url, code, tables, sc.n, until=2, joined=joined))
            await asyncio.wait_for(everyone.wait(), 60)  # the lobby keeps them waiting for the start
            with connect(url) as t:
                t.send(json.dumps({"type": "teacher", "key": found["key"], "action": "start"}))
            return await joining

        views = asyncio.run(seat_and_start())
        tokens = {seat: v["token"] for seat, v in views.items()}
        with connect(url) as ws:  # one team chooses its move for turn 3, then the server dies mid-turn
            ws.send(json.dumps({"type": "choose", "token": tokens[0, 0], "action": "arm"}))
            assert json.loads(ws.recv(timeout=10))["type"] in ("view", "error")
    finally:
        proc.kill()
        proc.wait(10)
    proc, again = start_server(tmp_path, port, "--resume")
    try:
        assert again == found
        with connect(url) as ws:
            for seat, token in tokens.items():
                ws.send(json.dumps({"type": "resume", "token": token}))
                assert json.loads(ws.recv(timeout=10))["type"] == "joined"
                view = json.loads(ws.recv(timeout=10))
                assert view["turn"] == 2 and not view["locked"] and view["private"]["action"] is None
        asyncio.run(play_teams(url, found["room"], tables, sc.n, tokens))
    finally:
        proc.terminate()
        proc.wait(10)
    saved = autosave.load(tmp_path / "classroom" / "autosave.json")
    for ct in saved.tables:
        direct = play_direct(sc, 9, ct.index, turns, humans=SEATS)
        assert ct.game.over and ct.game.record().to_json() == direct.game.record().to_json()


def _owed(view):
    return [d["kind"] for d in view["owed"]]


def _read_view(ws):
    while True:
        msg = json.loads(ws.recv(timeout=10))
        if msg["type"] == "view":
            return msg


def _drain(ws):
    try:
        while True:
            ws.recv(timeout=0.3)
    except TimeoutError:
        pass


def test_a_team_that_drops_in_a_crisis_is_played_by_its_doctrine_and_rejoins():
    """China challenges the US over Taiwan; the US team drops while it owes its stance; when the timer runs out
    its doctrine plays it (named in the record), and the team rejoins its seat with its token."""
    room = Classroom(load_scenario("east_asia_2023"), tables=1, seed=2, turns=6, timer=2.0, hidden=False)
    with LiveServer(room) as server, connect(server.url) as china, connect(server.url) as us:
        tokens = []
        for ws, seat in ((china, 0), (us, 1)):
            ws.send(json.dumps({"type": "join", "room": room.room, "table": 0, "seat": seat, "team": f"T{seat}"}))
            tokens.append(json.loads(ws.recv(timeout=10))["token"])
        with connect(server.url) as t:
            t.send(json.dumps({"type": "teacher", "key": room.key, "action": "start"}))
            t.recv(timeout=10)
        _drain(china), _drain(us)
        for ws, token, move in (
            (china, tokens[0], {"action": "challenge", "target": 1}),
            (us, tokens[1], {"action": "forum"}),
        ):
            ws.send(json.dumps({"type": "choose", "token": token, **move}))
            ws.send(json.dumps({"type": "lock_in", "token": token}))
        deadline = time.monotonic() + 10
        while room.tables[0].game.turn < 1:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        _drain(us)
        us.send(json.dumps({"type": "resume", "token": tokens[1]}))
        us.recv(timeout=10)
        assert "stance" in _owed(_read_view(us))
        us.close()  # the US team drops while it owes its stance
        deadline = time.monotonic() + 10
        while len(room.tables[0].game.by_doctrine) < 2:  # the timer plays the seats still choosing
            assert time.monotonic() < deadline
            time.sleep(0.05)
        with connect(server.url) as back:
            back.send(json.dumps({"type": "resume", "token": tokens[1]}))
            assert json.loads(back.recv(timeout=10))["seat"] == 1
            view = _read_view(back)
            assert view["seat"] == 1 and not view["played_by_ai"] and view["turn"] >= 2
    played = room.tables[0].game.record().data["seats_played_by_doctrine"]  # read once the server has stopped
    assert played[1]["USA"] == "reciprocity"
