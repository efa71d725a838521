"""Classroom load: 4 tables × 8 teams and a board per table, all on 127.0.0.1, play 30 turns.

Usage: python benchmarks/classroom_load.py [--tables 4] [--turns 30] [--seed 1]
Starts `main.py classroom` in its own process (a hidden world per table, no timer), seats a
scripted team at every seat and a board at every table (WebSocket clients in this process, each
answering what its own view says it owes), starts the class, and plays every game out.
Prints, over every turn of every table, the median and 95th percentile of the time from the last
lock-in of a turn being sent to every client of that table (its 8 teams and its board) having the
turn's result (aim: p95 under 250 ms on a 2-core machine), and the server process's peak memory.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parents[1]
MOVES = ["arm", "ally", "pressure", "summit", "cbm", "forum", "trade", "hold", "challenge"]
TARGETED = {"ally", "pressure", "challenge"}
STANCES = ["stand_firm", "escalate", "settle", "back_down"]


def start_server(tables: int, turns: int, seed: int, data: str) -> tuple[subprocess.Popen, str, str, int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "main.py", "classroom", "--host", "127.0.0.1", "--port", str(port), "--headless"]
    cmd += ["--tables", str(tables), "--turns", str(turns), "--seed", str(seed)]
    env = dict(os.environ, DOD_DATA_DIR=data, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    said = ""
    while "teacher key" not in said:
        line = proc.stdout.readline()
        if not line:
            raise SystemExit(f"the server stopped: {said}")
        said += line
    for _ in range(400):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.05)
    return proc, re.search(r"room code (\w+)", said)[1], re.search(r"teacher key (\S+)", said)[1], port


def answer(view: dict, n: int) -> dict | None:
    """A scripted team's next message: the first thing it owes, else its lock-in."""
    if view["status"] != "playing" and not view["over"]:
        return None
    if not view["owed"]:
        return None if view["locked"] or view["over"] else {"type": "lock_in"}
    debt = view["owed"][0]
    r = random.Random(f"{view['table']}/{view['seat']}/{view['turn']}/{debt['kind']}/{debt['stake']}")
    if debt["kind"] == "belief":
        return {"type": "belief", "spiral": round(r.random(), 2)}
    if debt["kind"] == "stance":
        return {"type": "answer", "stake": debt["stake"], "kind": "stance", "value": r.choice(STANCES)}
    if debt["kind"] == "backing":
        return {"type": "answer", "stake": debt["stake"], "kind": "backing", "value": r.random() < 0.5}
    action = r.choice(MOVES)
    target = r.choice([i for i in range(n) if i != view["seat"]])
    return {"type": "choose", "action": action, **({"target": target} if action in TARGETED else {})}


class Clocks:
    """When each table's turns were locked in and when each client saw each turn's result."""

    def __init__(self):
        self.locked = defaultdict(float)  # (table, turn) -> time the last lock-in was sent
        self.seen = defaultdict(float)  # (table, turn) -> time the last client got the result
        self.clients = defaultdict(int)  # (table, turn) -> clients that got it

    def lock(self, table, turn):
        self.locked[table, turn] = max(self.locked[table, turn], time.perf_counter())

    def see(self, table, turn):
        self.seen[table, turn] = max(self.seen[table, turn], time.perf_counter())
        self.clients[table, turn] += 1


async def team(url, code, table, seat, n, clocks: Clocks, joined):
    async with connect(url, max_size=2**22) as ws:
        await ws.send(json.dumps({"type": "join", "room": code, "table": table, "seat": seat, "team": f"T{seat}"}))
        token = json.loads(await ws.recv())["token"]
        joined.release()
        sent, last_turn = set(), 0
        while True:
            view = json.loads(await ws.recv())
            if view["type"] != "view":
                continue
            if view["turn"] > last_turn:
                last_turn = view["turn"]
                clocks.see(table, view["turn"])
            if view["over"] and not view["owed"]:
                return
            out = answer(view, n)
            key = (view["turn"], out and out["type"], out and out.get("stake"), out and out.get("kind"))
            if out is not None and key not in sent:
                sent.add(key)
                if out["type"] == "lock_in":
                    clocks.lock(table, view["turn"] + 1)
                await ws.send(json.dumps({**out, "token": token}))


async def board(url, table, clocks: Clocks, joined):
    async with connect(url, max_size=2**22) as ws:
        await ws.send(json.dumps({"type": "watch", "table": table}))
        joined.release()
        last_turn = 0
        while True:
            view = json.loads(await ws.recv())
            if view["type"] == "board" and view["turn"] > last_turn:
                last_turn = view["turn"]
                clocks.see(table, view["turn"])
            if view["type"] == "board" and view["over"]:
                return


async def play(port, code, key, tables, n) -> Clocks:
    url = f"ws://127.0.0.1:{port}/ws"
    clocks, joined = Clocks(), asyncio.Semaphore(0)
    clients = [team(url, code, k, s, n, clocks, joined) for k in range(tables) for s in range(n)]
    clients += [board(url, k, clocks, joined) for k in range(tables)]
    tasks = [asyncio.ensure_future(c) for c in clients]
    for _ in tasks:
        await asyncio.wait_for(joined.acquire(), 60)
    async with connect(url) as teacher:
        await teacher.send(json.dumps({"type": "teacher", "key": key, "action": "start"}))
        await asyncio.wait_for(asyncio.gather(*tasks), 600)
    return clocks


def peak_memory_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status") as fh:
        return int(next(line for line in fh if line.startswith("VmHWM")).split()[1]) / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tables", type=int, default=4)
    ap.add_argument("--turns", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="dod-classroom-") as data:
        proc, code, key, port = start_server(args.tables, args.turns, args.seed, data)
        try:
            started = time.perf_counter()
            clocks = asyncio.run(play(port, code, key, args.tables, 8))
            wall = time.perf_counter() - started
            peak = peak_memory_mib(proc.pid)
        finally:
            proc.terminate()
            proc.wait(10)
    waits = [1000 * (clocks.seen[k] - clocks.locked[k]) for k in clocks.locked if k in clocks.seen]
    q = statistics.quantiles(waits, n=20)
    print(f"{args.tables} tables × 8 teams + {args.tables} boards, {len(waits)} turns played in {wall:.1f} s")
    print(
        f"last lock-in to every client with the result: median {statistics.median(waits):.1f} ms, "
        f"p95 {q[18]:.1f} ms, longest {max(waits):.1f} ms"
    )
    print(f"server peak memory: {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
