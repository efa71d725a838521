"""`classroom`: start the class's server, or export the class it saved.

Table k plays seed + k. The world is hidden by default: each table's is drawn from its own
seed, so the class runs its own experiment and compares its tables at the end."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

from game.core.files.paths import shown_path
from game.core.runs.options import UsageError, check_seed, chosen_scenario
from game.core.teaching.hidden import HIDDEN

MAX_TABLES = 16
MAX_TIMER = 3600


def lan_address() -> str:
    """An address of this machine that other devices on its network can reach (its name's first
    address that is not the loopback), else its name."""
    name = socket.gethostname()
    try:
        found = socket.getaddrinfo(name, None, socket.AF_INET, socket.SOCK_STREAM)
    except OSError:
        return name
    outside = [a[4][0] for a in found if not a[4][0].startswith("127.")]
    return outside[0] if outside else name


def join_url(host: str, port: int) -> str:
    shown = lan_address() if host in ("0.0.0.0", "") else host
    shown = f"[{shown}]" if ":" in shown else shown
    return f"http://{shown}:{port}/"


def check(args) -> None:
    if not 1 <= args.tables <= MAX_TABLES:
        raise UsageError(f"--tables: {args.tables} is out of range (allowed: 1 to {MAX_TABLES})")
    if args.timer is not None and not 0 <= args.timer <= MAX_TIMER:
        raise UsageError(f"--timer: {args.timer} is out of range (allowed: 0 (none) to {MAX_TIMER} seconds)")
    if not 1.0 <= args.scale <= 2.0:
        raise UsageError(f"--scale: {args.scale} is out of range (allowed: 1.0 to 2.0)")
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port: {args.port} is out of range (allowed: 0 to 65535)")
    check_seed(args.seed, args.tables)


def new_or_saved(args):
    """The class to serve: the saved one with --resume, else a new one from the options."""
    from . import autosave
    from .room import Classroom

    if args.resume is not None or args.export is not None:
        path = Path(args.resume) if args.resume else autosave.default_path()
        if not path.exists():
            raise UsageError(f"--resume: {shown_path(path)}: no saved class there")
        return autosave.load(path, timer=args.timer), path
    hidden = args.worldview in (None, HIDDEN)
    sc = chosen_scenario(args.scenario, None if hidden else args.worldview, args.set, args.turns)
    room = Classroom(sc, args.tables, args.seed, hidden, args.turns, args.timer or None)
    path = autosave.default_path()
    if path.exists():  # the class saved before this one is kept, not written over
        kept = path.with_name("previous.json")
        os.replace(path, kept)
        print(f"The class saved before is kept as {shown_path(kept)} (continue it with --resume FILE)")
    return room, path


def run(args) -> int:
    check(args)
    room, path = new_or_saved(args)
    if args.export is not None:
        from .export import export

        for written in export(room, args.export):
            print(f"written {shown_path(written)}")
        return 0
    return serve(room, path, args)


def serve(room, path, args) -> int:
    import uvicorn

    from . import autosave
    from .server import make_app

    url = join_url(args.host, args.port)
    keep = autosave.Autosaver(path)
    app = make_app(room, f"{url}?room={room.room}", autosave=keep)
    keep(room)
    world = "hidden, drawn per table" if room.hidden else room.scenario.worldview.label
    print(
        f"Classroom: {len(room.tables)} table(s) of {room.scenario.title}, seeds {room.seed} to "
        f"{room.seed + len(room.tables) - 1}, world {world}"
    )
    every = " (every network of this machine)" if args.host == "0.0.0.0" else ""
    print(f"Listening on {args.host}:{args.port}{every}")
    print(f"Join at:      {url}   room code {room.room}")
    print(f"Board:        {url}board?table=0")
    print(f"Teacher:      {url}teacher   teacher key {room.key}")
    print(f"Autosave:     {shown_path(path)} (continue with --resume; export with --export DIR)")
    sys.stdout.flush()
    config = uvicorn.Config(app, host=args.host, port=args.port, log_level="warning", ws_max_size=65536)
    server = uvicorn.Server(config)
    if args.headless:
        server.run()
        return 0
    # the board in a window on this machine (the projector); the server beside it, until it closes
    import threading

    from .window_board import run as board

    serving = threading.Thread(target=server.run, name="classroom-server")
    serving.start()
    local = "127.0.0.1" if args.host in ("0.0.0.0", "") else args.host
    local = f"[{local}]" if ":" in local else local
    feed = f"ws://{local}:{args.port}/ws"
    board(feed, f"{url}?room={room.room}", room.room, args.scale, len(room.tables), stop=lambda: stop(server))
    serving.join()
    return 0


def stop(server) -> None:
    server.should_exit = True


def add_parser(sub) -> None:
    """The `classroom` command's options."""
    p = sub.add_parser("classroom", help="serve a class: every team at its own device, the projector as the board")
    p.add_argument("--host", default="0.0.0.0", help="address to listen on (default 0.0.0.0: this machine's networks)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument("--tables", type=int, default=1, help=f"tables, each its own game (1 to {MAX_TABLES}; default 1)")
    p.add_argument("--scenario", default="east_asia_2023", help="scenario name or .toml path (default: east_asia_2023)")
    p.add_argument("--worldview", help="a worldview preset, or hidden: drawn per table from its seed (the default)")
    p.add_argument("--turns", type=int, help="turn limit (default: the scenario's)")
    p.add_argument("--set", action="append", metavar="PARAM=VALUE", help="override a worldview parameter; repeatable")
    p.add_argument("--seed", type=int, default=1, help="seed of table 0; table k plays seed + k (default 1)")
    p.add_argument("--timer", type=int, help="seconds a turn lasts; then the AI plays the seats still choosing")
    p.add_argument("--headless", action="store_true", help="no window: the board is the /board page only")
    p.add_argument("--scale", type=float, default=1.0, help="the window board's text size, 1.0 to 2.0 (default 1.0)")
    p.add_argument("--resume", nargs="?", const="", metavar="FILE", help="continue the saved class (default: autosave)")
    p.add_argument("--export", metavar="DIR", help="write the saved class's records, games.csv and class.csv; exit")
