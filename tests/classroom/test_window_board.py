"""The window board draws the server's board messages (lobby, a game under way, the class summary)
at every text size, with the join address's QR code, from public things only."""

import os

import pygame
import pytest

from game.classroom import teacher
from game.classroom.room import Classroom
from game.classroom.views import Cache, board_view
from game.classroom.window_board import SIZE, draw
from game.core.files.scenario import load_scenario

SHOTS = os.environ.get("DOD_BOARD_SHOTS")  # a folder to keep the pictures in, to look at them


def boards():
    """A class's board messages: in the lobby, after a turn, and at the end (with the class summary)."""
    room = Classroom(load_scenario("east_asia_2023"), tables=2, seed=6, turns=2)
    for seat, team in ((0, "Blue"), (3, "Seoul High")):
        room.join(0, seat, team)
    cache = Cache()
    out = {"lobby": board_view(room, room.tables[0], cache)}
    teacher.start(room)
    teacher.next_turn(room, None)
    out["turn"] = board_view(room, room.tables[0], cache)
    teacher.next_turn(room, None)
    out["end"] = board_view(room, room.tables[0], cache)
    return room, out


@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
def test_the_window_board_draws_every_stage(scale):
    """Lobby, turn and end boards draw at every text size, the QR code black on white in the left panel."""
    room, stages = boards()
    assert stages["end"]["class_debrief"] is not None
    surface = pygame.Surface(SIZE)
    for name, board in [("waiting", None), *stages.items()]:
        draw(surface, board, f"http://192.168.1.20:8000/?room={room.room}", room.room, scale)
        left = [surface.get_at((x, y))[:3] for x in range(20, 400, 3) for y in range(200, 700, 3)]
        assert (0, 0, 0) in left and (255, 255, 255) in left
        if SHOTS:
            pygame.image.save(surface, os.path.join(SHOTS, f"board-{name}-{scale}.png"))


def test_the_window_reads_the_board_of_the_table_it_shows():
    """The window's feed reads the server's board messages of its table, and another table's when switched."""
    import time

    from game.classroom.window_board import Feed

    from .live import LiveServer

    room = Classroom(load_scenario("two_rivals"), tables=2, seed=1, turns=3)
    with LiveServer(room) as server:
        feed = Feed(server.url)
        try:
            for table in (0, 1):
                feed.watch(table)
                deadline = time.monotonic() + 10
                while feed.latest is None:
                    assert time.monotonic() < deadline
                    time.sleep(0.02)
                assert feed.latest["type"] == "board" and feed.latest["table"] == table
        finally:
            feed.stopped.set()
