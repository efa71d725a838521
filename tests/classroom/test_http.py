"""The classroom's HTTP side on 127.0.0.1: health, the room listing (no secrets), the join QR code, the pages."""

import json
import urllib.error
import urllib.request

import pytest

from game.classroom.room import Classroom
from game.core.files.scenario import load_scenario

from .live import LiveServer


def get(server, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{server.port}{path}", timeout=10) as answer:
        return answer.headers.get("content-type", ""), answer.read()


def test_the_routes_answer_and_give_away_no_secret():
    """/healthz, /api/room (seats and teams, no token or key), /qr.svg and the pages answer; a missing file is 404."""
    room = Classroom(load_scenario("east_asia_2023"), tables=2, seed=1, turns=3)
    token = room.join(1, 4, "Blue")
    with LiveServer(room) as server:
        assert get(server, "/healthz")[1] == b"ok"
        kind, body = get(server, "/api/room")
        listing = json.loads(body)
        assert listing["room"] == room.room and len(listing["tables"]) == 2
        assert listing["join"] == f"http://127.0.0.1:{server.port}/?room={room.room}"
        assert listing["tables"][1]["seats"][4]["team"] == "Blue" and listing["tables"][1]["seats"][4]["taken"]
        assert token not in body.decode() and room.key not in body.decode()
        kind, body = get(server, "/qr.svg")
        assert kind.startswith("image/svg+xml") and b"<svg" in body
        for page in ("/", "/board?table=0", "/teacher"):
            kind, body = get(server, page)
            assert kind.startswith("text/html") and body
        with pytest.raises(urllib.error.HTTPError) as missing:
            get(server, "/static/no-such-file.js")
        assert missing.value.code == 404
