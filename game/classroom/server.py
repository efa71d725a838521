"""The classroom's web app (Starlette): the pages, the room listing, the join QR code, and the
WebSocket /ws that every team page, board and console speaks (docs/classroom-protocol.md).

Every message is checked against its schema (messages.py) before anything reads it; a bad one
gets an error reply, is logged, and changes nothing. A team acts only through its own seat
token and is sent only its own seat's private view; a board is sent only public views."""

from __future__ import annotations

import asyncio
import json
import logging
import math
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from starlette.applications import Starlette
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket, WebSocketDisconnect

from . import teacher
from .limits import Bucket, Doors, Limits
from .messages import BadMessage, error, parse
from .room import Classroom, Refused
from .views import Cache, board_view, console_view, room_listing, team_view

STATIC = Path(__file__).with_name("static")
QUIET = ("choose", "answer")  # messages that change no screen but their own seat's (until a turn is played)
LOG = logging.getLogger("game.classroom")
TICK = 0.2  # seconds between looks at the turn timers
TIMER_PUSH = 5.0  # seconds between timer updates sent while no one acts (pages count down themselves)
PLACEHOLDER = "<!doctype html><title>Deterrence or Dialogue</title><p>The classroom pages are not installed."


def as_json(message: dict) -> str:
    """The message as JSON text a browser reads: a number that is not finite (a Brier score of no
    belief) is sent as null."""
    try:
        return json.dumps(message, allow_nan=False, default=str)
    except ValueError:
        return json.dumps(_finite(message), allow_nan=False, default=str)


def _finite(value):
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


class Hub:
    """The live connections: which socket shows which seat, which table's board, which console;
    it handles each checked message and sends every screen that changed its new view."""

    def __init__(self, room: Classroom, autosave=None):
        self.room = room
        self.autosave = autosave  # keeps the class after each change worth keeping (autosave.Autosaver)
        self._writer = ThreadPoolExecutor(1, "classroom-autosave")  # saves in order, beside the event loop
        self.cache = Cache()
        self.teams: dict[WebSocket, str] = {}  # connection -> the seat token it acts with
        self.boards: dict[WebSocket, int] = {}  # connection -> the table it watches
        self.consoles: set[WebSocket] = set()
        self._pending: dict[WebSocket, list] = {}  # replies that go before the views this message changes
        self._locks: dict[WebSocket, asyncio.Lock] = {}  # one send at a time on a socket, in order

    # ------------------------------------------------------------------ messages
    async def handle(self, ws: WebSocket, msg: dict) -> None:
        try:
            changed, keep = self._apply(ws, msg)
        except Refused as exc:
            await self.send(ws, error(str(exc)))
            return
        except Exception:  # a fault of the server's own: logged whole, and the connection stays open
            LOG.exception("%s could not be carried out", msg["type"])
            await self.send(ws, error(f"the server could not carry out this {msg['type']}"))
            return
        if keep:  # saved before anyone sees the change: a screen never shows a turn the autosave has not
            await self.keep()
        if msg["type"] in QUIET:  # a choice in progress: only its own seat's screens change
            await self.push(changed, only=msg["token"])
        else:
            await self.push(changed, consoles=True)

    async def keep(self) -> None:
        """Save the class as it is now; the file is written beside the loop, and the connection that
        changed the class goes on once it is."""
        if self.autosave is not None:
            text = self.autosave.text(self.room)
            await asyncio.get_running_loop().run_in_executor(self._writer, self.autosave.write, text)

    def _apply(self, ws: WebSocket, msg: dict) -> tuple[set, bool]:
        """Carry out a checked message; the tables whose screens changed and whether the class is worth saving."""
        room, kind = self.room, msg["type"]
        if kind == "join":
            if msg["room"] != room.room:
                raise Refused("wrong room code")
            token = room.join(msg["table"], msg["seat"], msg["team"])
            return self._joined(ws, token), True
        if kind == "resume":
            return self._joined(ws, msg["token"]), False
        if kind == "watch":
            self.boards[ws] = room.table(msg["table"]).index
            return {msg["table"]}, False
        if kind == "teacher":
            room.check_key(msg["key"])
            teacher.act(room, msg)
            self.consoles.add(ws)  # a connection that knows the key is sent the console from now on
            return set(range(len(room.tables))), msg["action"] != "watch"
        return self._team_move(ws, msg)

    def _joined(self, ws: WebSocket, token: str) -> set:
        ct, seat = self.room.seat_of(token)
        self.teams[ws] = token
        self._queue(ws, {"type": "joined", "token": token, "table": ct.index, "seat": seat, "room": self.room.room})
        return {ct.index}

    def _team_move(self, ws: WebSocket, msg: dict) -> tuple[set, bool]:
        room, kind, token = self.room, msg["type"], msg["token"]
        turn = {ct.index: ct.game.turn for ct in room.tables}
        if kind == "choose":
            ct = room.choose(token, msg["action"], msg.get("target"))
        elif kind == "answer":
            ct = room.answer(token, msg["stake"], msg["kind"], msg["value"])
        elif kind == "belief":
            ct = room.belief(token, msg["spiral"])
        elif kind == "lock_in":
            ct = room.lock_in(token)
        else:
            ct = room.undo(token)
        self.teams[ws] = token
        played = ct.game.turn != turn[ct.index]
        return ({ct.index} if not room.finished else set(range(len(room.tables)))), played or kind == "belief"

    # ------------------------------------------------------------------ sending
    def _queue(self, ws: WebSocket, message: dict) -> None:
        self._pending.setdefault(ws, []).append(message)

    async def send(self, ws: WebSocket, *messages: dict) -> None:
        lock = self._locks.setdefault(ws, asyncio.Lock())
        try:
            async with lock:
                for message in messages:
                    await ws.send_text(as_json(message))
        except (RuntimeError, WebSocketDisconnect, OSError):
            self.drop(ws)

    async def push(self, tables: set, consoles: bool = False, only: str | None = None) -> None:
        """Send every screen of the given tables its new view (a seat's replies to its own message first);
        with `only`, the screens of that seat token alone."""
        room = self.room
        out, self._pending = self._pending, {}
        if room.finished:
            tables = set(range(len(room.tables)))
        for ws, token in list(self.teams.items()):
            if only is not None and token != only:
                continue
            try:
                ct, seat = room.seat_of(token)
            except Refused:
                continue
            if ct.index in tables:
                out.setdefault(ws, []).append(team_view(room, ct, seat, self.cache))
        for ws, k in list(self.boards.items()):
            if k in tables and only is None:
                out.setdefault(ws, []).append(board_view(room, room.tables[k], self.cache))
        if consoles and self.consoles:
            view = console_view(room, self.cache)
            for ws in list(self.consoles):
                out.setdefault(ws, []).append(view)
        # each socket's messages in order, every socket at once
        await asyncio.gather(*(self.send(ws, *messages) for ws, messages in out.items()))

    def drop(self, ws: WebSocket) -> None:
        self.teams.pop(ws, None)
        self.boards.pop(ws, None)
        self.consoles.discard(ws)
        self._pending.pop(ws, None)
        self._locks.pop(ws, None)

    # ------------------------------------------------------------------ the clock
    async def run_timers(self) -> None:
        """Play the turns whose timer ran out, and tell every screen the time left now and then."""
        loop, last = asyncio.get_running_loop(), 0.0
        while True:
            await asyncio.sleep(TICK)
            due = self.room.tick()
            if due:
                await self.keep()
                await self.push({ct.index for ct in due}, consoles=True)
            timed = {ct.index for ct in self.room.tables if ct.deadline is not None}
            if timed and loop.time() - last >= TIMER_PUSH:
                last = loop.time()
                await self.push(timed, consoles=True)


async def serve_socket(ws: WebSocket) -> None:
    """One connection: admitted by its address's limits, each message rate-limited and checked."""
    app = ws.app
    hub, doors, limits = app.state.hub, app.state.doors, app.state.limits
    address = ws.client.host if ws.client else "?"
    refused = doors.admit(address)
    if refused:
        LOG.warning("%s refused: %s", address, refused)
        await ws.close(code=1008)
        return
    bucket = Bucket(limits.messages_per_second, limits.message_burst)
    await ws.accept()
    try:
        while True:
            event = await ws.receive()
            if event["type"] == "websocket.disconnect":
                break
            if not bucket.take():
                if bucket.refused > limits.flood:
                    LOG.warning("%s flooded: closed", address)
                    await ws.close(code=1008)
                    break
                await hub.send(ws, error("too many messages: slow down"))
                continue
            try:
                msg = parse(event.get("text"))
            except BadMessage as exc:
                LOG.warning("%s bad message: %s", address, exc)
                await hub.send(ws, error(str(exc)))
                continue
            await hub.handle(ws, msg)
    except WebSocketDisconnect:
        pass
    finally:
        hub.drop(ws)
        doors.leave(address)


def _page(name: str):
    async def page(request):
        path = STATIC / name
        return FileResponse(path) if path.is_file() else HTMLResponse(PLACEHOLDER)

    return page


def join_address(request) -> str:
    """The address teams join at: the one the server was started with, else the one this request came to."""
    return request.app.state.join_url or f"{request.base_url}?room={request.app.state.hub.room.room}"


async def api_room(request):
    return JSONResponse(dict(room_listing(request.app.state.hub.room), join=join_address(request)))


async def qr_svg(request):
    import io

    import segno

    out = io.BytesIO()
    segno.make(join_address(request), error="m").save(out, kind="svg", scale=8, border=2)
    return Response(out.getvalue(), media_type="image/svg+xml")


async def healthz(request):
    return PlainTextResponse("ok")


def make_app(room: Classroom, join_url: str = "", limits: Limits | None = None, autosave=None) -> Starlette:
    """The classroom's app for room; join_url is the address the QR code shows; autosave (an
    autosave.Autosaver) keeps the class."""
    from contextlib import asynccontextmanager

    hub = Hub(room, autosave)

    @asynccontextmanager
    async def lifespan(app):
        loop = asyncio.get_running_loop()
        timers = loop.create_task(hub.run_timers())
        threading.Thread(target=hub.cache.warm, args=(room,), name="classroom-warm", daemon=True).start()
        try:
            yield
        finally:
            timers.cancel()
            hub._writer.shutdown(wait=True)  # the last save reaches the disk

    routes = [
        Route("/", _page("index.html")),
        Route("/board", _page("board.html")),
        Route("/teacher", _page("teacher.html")),
        Route("/api/room", api_room),
        Route("/qr.svg", qr_svg),
        Route("/healthz", healthz),
        WebSocketRoute("/ws", serve_socket),
        Mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.hub, app.state.limits = hub, limits or Limits()
    app.state.doors = Doors(app.state.limits)
    app.state.join_url = join_url
    return app
