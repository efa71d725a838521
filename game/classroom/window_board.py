"""The board in a window on the teacher's machine (the projector): what /board shows, drawn with
pygame from the server's own board messages, so it shows only public things. Left: where to
join (the address, its QR code, the room code) and the table's turn, who is ready and the timer;
right: the lobby's seats, then the event card and the last turn's moves, then at the end the
class summary. Keys 1-9 show another table; F11 fullscreen; closing the window stops the class's
server. The only module of the classroom that imports pygame, and only when the window is asked for."""

from __future__ import annotations

import json
import threading
import time

import pygame
import segno
from websockets.exceptions import WebSocketException
from websockets.sync.client import connect

from game.ui.widgets.shapes import draw_marker, panel
from game.ui.window import palette, text

SIZE = (1280, 720)


class Feed:
    """The latest board message of one table, read from the server by a thread of its own."""

    def __init__(self, url: str, table: int = 0):
        self.url, self.table, self.latest = url, table, None
        self.stopped = threading.Event()
        threading.Thread(target=self._listen, name="window-board", daemon=True).start()

    def watch(self, table: int) -> None:
        self.table, self.latest = table, None

    def _listen(self) -> None:
        while not self.stopped.is_set():
            try:
                with connect(self.url) as ws:
                    watching = None
                    while not self.stopped.is_set():
                        if watching != self.table:
                            watching = self.table
                            ws.send(json.dumps({"type": "watch", "table": watching}))
                        try:
                            msg = json.loads(ws.recv(timeout=0.5))
                        except TimeoutError:
                            continue
                        if msg.get("type") == "board" and msg.get("table") == self.table:
                            self.latest = msg
            except (OSError, WebSocketException):
                time.sleep(0.5)  # the server is not up yet, restarted or closed the connection: try again


def status_lines(board: dict) -> list[str]:
    public = board["public"]
    if board["status"] == "lobby":
        return ["Waiting for the start", f"{len(public.get('teams', {}))} teams seated"]
    turn = f"Turn {board['turn']} of {public['turn_limit']}"
    timer = board.get("timer")
    clock = f" · {int(timer) // 60}:{int(timer) % 60:02d} left" if timer is not None else ""
    if board["over"]:
        return [f"Game over · {public['outcome'].replace('-', ' ')}", turn]
    return [turn, f"{board['ready']} ready{clock}", "Paused" if board["status"] == "paused" else ""]


def play_paragraphs(board: dict) -> list[tuple[str, float, tuple, str]]:
    """The right side during a game: the card, then each seat's last move."""
    public, out = board["public"], []
    card = public.get("card")
    if card:
        out += [(f"Event card · {card['title']} (¶{card['paragraph']})", 1.15, palette.TEXT, "bold")]
        if card.get("quote"):
            out += [(f"“{card['quote']}”", 1.0, palette.TEXT, "italic")]
            out += [(f"Deterrence reading: {card['deterrence_reading']}", 0.9, palette.DETERRENCE, "regular")]
            out += [(f"Dialogue reading: {card['dialogue_reading']}", 0.9, palette.DIALOGUE, "regular")]
    teams = public.get("teams", {})
    moves = public.get("moves", {})
    for seat in public["seats"]:
        move = moves.get(seat["code"])
        did = f"{move['action'].title()}{' → ' + move['target'] if move.get('target') else ''}" if move else "—"
        team = f" ({teams[str(seat['seat'])]})" if str(seat["seat"]) in teams else ""
        out += [(f"{seat['name']}{team}: {did}", 0.95, palette.MUTED, "regular")]
    for crisis in public.get("crises", []):
        out += [(f"Crisis over {crisis['name']}: rung {crisis['rung']} of 4", 0.95, palette.WARNING, "bold")]
    return out


def summary_paragraphs(summary: dict, board: dict) -> list[tuple[str, float, tuple, str]]:
    """The right side at the end: each table's world and ending, the worlds compared, then this
    table's seats with their types and scores."""
    out = [("Class summary: every world revealed", 1.15, palette.TEXT, "bold")]
    for row in summary["tables"]:
        war = f"war on turn {row['war_turn']}" if row["war_turn"] else "no war"
        brier = f" · mean Brier {row['mean_brier']:.2f}" if row["mean_brier"] is not None else ""
        world = row["world"].replace("-", " ")
        out += [
            (
                f"Table {row['table'] + 1}: {world} · {row['outcome'].replace('-', ' ')} · {war}{brier}",
                0.95,
                palette.TEXT,
                "regular",
            )
        ]
    for world, row in summary["by_world"].items():
        if row["tables"]:
            score = f", mean team score {row['mean_score']:.0f}" if row["mean_score"] is not None else ""
            tables = f"{row['tables']} table{'s' if row['tables'] != 1 else ''}"
            line = f"{world.replace('-', ' ').capitalize()}: {tables}, {row['wars']} at war{score}"
            out += [(line, 1.0, palette.ACCENT, "bold")]
    mine = summary["tables"][board["table"]]
    teams = board["public"].get("teams", {})
    out += [(f"Table {board['table'] + 1}: every type revealed", 1.05, palette.TEXT, "bold")]
    for seat in board["public"]["seats"]:
        code, team = seat["code"], teams.get(str(seat["seat"]))
        who = f"{seat['name']} ({team})" if team else seat["name"]
        out += [
            (
                f"{who}: {mine['types'].get(code, '?')}, score {mine['scores'].get(code, 0):.0f}",
                0.95,
                palette.MUTED,
                "regular",
            )
        ]
    return out


def draw_qr(surface: pygame.Surface, address: str, rect: pygame.Rect) -> None:
    """The join address's QR code, dark on white, as large as fits rect."""
    matrix = [list(row) for row in segno.make(address, error="m").matrix]
    cells = len(matrix) + 4  # a quiet zone of two cells each side
    cell = max(1, min(rect.width, rect.height) // cells)
    side = cell * cells
    box = pygame.Rect(rect.x, rect.y, side, side)
    pygame.draw.rect(surface, (255, 255, 255), box)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                pygame.draw.rect(surface, (0, 0, 0), (box.x + (x + 2) * cell, box.y + (y + 2) * cell, cell, cell))


def draw(surface: pygame.Surface, board: dict | None, address: str, room: str, scale: float = 1.0) -> None:
    """The whole board on surface; before the first message, where to join."""
    surface.fill(palette.BACKGROUND)
    w, h = surface.get_size()
    px, pad = round(18 * scale), round(12 * scale)
    left = pygame.Rect(pad, pad, int(w * 0.34), h - 2 * pad)
    inner = panel(surface, left, "Join the class", px)
    lines = [(address, 1.0, palette.ACCENT, "bold"), (f"Room code {room}", 1.6, palette.TEXT, "bold")]
    if board is not None:
        lines += [(f"Table {board['table'] + 1}", 1.1, palette.TEXT, "bold")]
        lines += [(line, 1.1, palette.MUTED, "regular") for line in status_lines(board) if line]
    block = text.fit_static(tuple(lines), inner.width, inner.height // 2, px)
    surface.blit(block.surface, inner.topleft)
    qr = pygame.Rect(inner.x, inner.y + block.height + pad, inner.width, inner.bottom - inner.y - block.height - pad)
    draw_qr(surface, address, qr)
    right = pygame.Rect(left.right + pad, pad, w - left.right - 2 * pad, h - 2 * pad)
    summary = board.get("class_debrief") if board else None
    if board is None:
        paragraphs = [("Connecting to the class's server…", 1.0, palette.MUTED, "italic")]
    elif summary:
        paragraphs = summary_paragraphs(summary, board)
    elif board["status"] == "lobby":
        paragraphs = [("Seats", 1.15, palette.TEXT, "bold")] + seat_paragraphs(board)
    else:
        paragraphs = play_paragraphs(board)
    inner = panel(surface, right, None, px)
    block = text.fit_static(tuple(paragraphs), inner.width - round(28 * scale), inner.height, px)
    surface.blit(block.surface, (inner.x + round(28 * scale), inner.y))
    if board is not None:
        draw_markers(surface, board, block, inner, px)


def seat_paragraphs(board: dict) -> list[tuple[str, float, tuple, str]]:
    teams = board["public"].get("teams", {})
    return [
        (f"{s['name']}: {teams.get(str(s['seat']), 'free')}", 0.95, palette.MUTED, "regular")
        for s in board["public"]["seats"]
    ]


def draw_markers(surface, board: dict, block, inner: pygame.Rect, px: int) -> None:
    """Each seat's colour and marker beside its line, as on the window's map."""
    seats = {s["name"]: s for s in board["public"]["seats"]}
    for line, size, _, _, y in block.lines:
        seat = seats.get(line.split(":")[0].split(" (")[0])
        if seat and seat.get("colour"):
            colour = palette.hex_colour(seat["colour"]) if isinstance(seat["colour"], str) else seat["colour"]
            centre = (inner.x + px // 2 + 2, inner.y + y + text.line_height(size) // 2)
            draw_marker(surface, seat.get("marker", "circle"), colour, centre, px * 0.4)


def run(url: str, address: str, room: str, scale: float = 1.0, tables: int = 1, stop=None) -> None:
    """The window, reading the server at url (its WebSocket), until it is closed (then stop() is
    called: the server ends)."""
    pygame.init()
    pygame.display.set_caption(f"Deterrence or Dialogue · room {room}")
    screen = pygame.display.set_mode(SIZE, pygame.RESIZABLE)
    feed, clock = Feed(url), pygame.time.Clock()
    try:
        while True:
            for event in pygame.event.get():
                if event.type == pygame.QUIT:
                    return
                if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
                    pygame.display.toggle_fullscreen()
                elif event.type == pygame.KEYDOWN and pygame.K_1 <= event.key <= pygame.K_9:
                    if event.key - pygame.K_1 < tables:
                        feed.watch(event.key - pygame.K_1)
            draw(screen, feed.latest, address, room, scale)
            pygame.display.flip()
            clock.tick(10)  # a board changes a few times a turn: ten frames a second is plenty
    finally:
        feed.stopped.set()
        pygame.quit()
        if stop is not None:
            stop()
