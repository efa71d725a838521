"""The classroom pages in a real browser (Debian's Chromium driven by Playwright, no browser download): a team
joins by the address, takes a seat, reads its briefing, chooses a move and a target, answers a crisis prompt,
reloads mid-turn and finds its seat restored, and sees its debrief, on a phone (360x640) and, with --runslow, a
laptop (1280x800), with the board and the teacher's console beside it. One browser for the module; the screenshots of
every screen go to $DOD_SCREENSHOTS (a temporary folder when it is not set)."""

import json
import os
import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not os.environ.get("CI") and not Path(CHROMIUM).exists():
    pytest.skip("Debian's chromium is not installed here (CI installs it)", allow_module_level=True)

import uvicorn  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402
from websockets.sync.client import connect  # noqa: E402

from game.classroom.room import Classroom  # noqa: E402
from game.classroom.server import make_app  # noqa: E402
from game.core.files.scenario import load_scenario  # noqa: E402

FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SIZES = {"phone": (360, 640), "laptop": (1280, 800)}
USA, KOR, PRK = 1, 3, 4  # North Korea challenges South Korea over the peninsula: a crisis from the second turn
WAIT = 20_000  # ms: the longest any screen may take to show what it waits for (on a machine busy with other tests)
expect.set_options(timeout=WAIT)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as play:
        chromium = play.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    folder = Path(os.environ.get("DOD_SCREENSHOTS") or tmp_path_factory.mktemp("classroom-screens"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """A class of one hidden-world table of three turns of ten minutes each, served on 127.0.0.1 by uvicorn in a
    thread; restart() stops the server and starts it again on the same address with the same class."""

    def __init__(self, tables=1):
        scenario = load_scenario("east_asia_2023")
        self.room = Classroom(scenario, tables=tables, seed=3, hidden=True, turns=3, timer=600)
        self.port = _free_port()
        self.address = f"http://127.0.0.1:{self.port}"
        self.start()

    def start(self):
        app = make_app(self.room, f"{self.address}/?room={self.room.room}")
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on", timeout_graceful_shutdown=1
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        assert self.server.started, "the class server did not start"

    def stop(self):
        self.server.should_exit = True
        self.thread.join(timeout=15)
        assert not self.thread.is_alive(), "the class server did not stop"  # its port is free again

    def restart(self):
        self.stop()
        self.start()


@pytest.fixture
def classroom():
    served = Served()
    yield served
    served.stop()


def _page(context, address, path):
    page = context.new_page()
    page.set_default_timeout(WAIT)
    page.errors = []
    page.on("pageerror", lambda err: page.errors.append(str(err)))
    page.goto(address + path)
    return page


def _shot(page, path):
    """A full-page screenshot; the page comes to the front first (a page behind another is drawn rarely)."""
    page.bring_to_front()
    page.screenshot(path=path, full_page=True)


def _join(team, name, shot):
    """The team takes North Korea's seat; the room code comes filled in from the room's listing."""
    expect(team.locator("#seat-0-4")).to_be_enabled()
    expect(team.locator("#room")).not_to_have_value("")
    team.fill("#team", name)
    team.check("#seat-0-4")
    _shot(team, shot)
    team.click("#join-button")
    expect(team.locator("#notice")).to_have_text("Waiting for the start")


def _join_by_socket(address, room, seat, name, table=0):
    """Another team takes a seat through the protocol alone (it never acts: the teacher hands it to the AI)."""
    with connect(address.replace("http://", "ws://") + "/ws") as ws:
        ws.send(json.dumps({"type": "join", "room": room.room, "table": table, "seat": seat, "team": name}))
        assert json.loads(ws.recv())["type"] == "joined"


def _start(console, key):
    """The teacher opens the console with the key and starts the game."""
    console.fill("#key", key)
    console.click("#key-button")
    expect(console.locator("#start")).to_be_enabled()
    console.click("#start")
    expect(console.locator("#pause")).to_be_enabled()


def _first_turn(team, board, console, shots, size):
    """North Korea aims a challenge and locks in, waits for the other team, takes its choices back and makes
    them again by keyboard alone; the teacher hands the other seat to the AI, and the turn is played."""
    team.bring_to_front()
    expect(team.locator("#type")).to_have_text(re.compile("^(GREEDY|SECURITY-SEEKING)$"))  # its briefing
    expect(team.locator("#timer")).to_have_text(re.compile(r"^(10:00|9:\d\d)$"))
    team.click("label[for=action-challenge]")
    expect(team.locator("#target")).to_have_value(str(KOR))  # a challenge aims at the other party of a stake
    team.select_option("#target", str(KOR))
    _shot(team, shots / f"team-move-{size}.png")
    team.click("#lock-in")
    expect(team.locator("#locked")).to_have_text("Locked in, waiting for 1 more team.")
    expect(team.locator("#chosen")).to_have_text("Your move: Challenge → South Korea")
    expect(board.locator("#ready")).to_have_text("1 of 2 ready")
    _shot(team, shots / f"team-locked-{size}.png")
    team.click("#unlock")
    expect(team.locator("#action-challenge")).not_to_be_checked()
    team.locator("#action-challenge").focus()
    team.keyboard.press("Space")
    expect(team.locator("#target")).to_have_value(str(KOR))
    team.locator("#lock-in").focus()
    team.keyboard.press("Enter")
    expect(team.locator("#locked")).to_be_visible()
    _shot(board, shots / f"board-turn-{size}.png")
    console.bring_to_front()
    console.click(f"#ai-0-{USA}")
    team.bring_to_front()


def _finish(team, shot):
    """The team plays on (settle, hold, its belief when asked) to the end, gives its last guess of the world,
    and then sees its debrief."""
    team.bring_to_front()
    over = team.locator("#notice", has_text="The game is over")
    for _ in range(6):
        if over.count():
            break
        for choice in team.locator(".crisis label[for$='-settle'], .crisis label[for$='-false']").all():
            choice.click()
        team.click("label[for=action-hold]")
        expect(team.locator("#action-hold")).to_be_checked()
        if team.locator("#belief-send").count():
            team.click("#belief-send")
            expect(team.locator("#belief-send")).to_have_count(0)
        turn = team.locator(".turn").inner_text()
        team.click("#lock-in")
        expect(team.locator(".turn, #notice").first).not_to_have_text(turn)
    expect(team.locator("#debrief-title")).to_have_count(0)  # the debrief tells the world: not before the guess
    _shot(team, shot)
    team.click("#belief-send")
    expect(team.locator("#debrief-title")).to_be_visible()


@pytest.mark.parametrize("size", [pytest.param("phone"), pytest.param("laptop", marks=pytest.mark.slow)])
def test_a_team_plays_its_seat_from_the_join_page_to_its_debrief(browser, shots, classroom, size):
    """A team joins by the address, reads its briefing, aims a challenge, answers its crisis, reloads mid-turn
    to the same seat and answer, and reaches its own debrief; the board shows the join address and room code
    before the start, public things only during the game, and the class debrief at the end (on a phone; on a
    laptop too with --runslow)."""
    address, room = classroom.address, classroom.room
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    board = _page(context, address, "/board?table=0")
    expect(board.locator("#room-code")).to_have_text(room.room)
    expect(board.locator("#join-address")).to_contain_text("127.0.0.1")
    _shot(board, shots / f"board-lobby-{size}.png")
    team = _page(context, address, "/")
    _join(team, "Blue", shots / f"team-join-{size}.png")
    _shot(team, shots / f"team-lobby-{size}.png")
    _join_by_socket(address, room, USA, "Red")

    console = _page(context, address, "/teacher")
    _start(console, room.key)
    _shot(console, shots / f"teacher-playing-{size}.png")
    _first_turn(team, board, console, shots, size)
    escalate = team.locator("#crisis-stance-1-s-escalate")
    expect(escalate).to_be_visible()
    team.click("label[for=crisis-stance-1-s-escalate]")
    expect(escalate).to_be_checked()
    _shot(team, shots / f"team-crisis-{size}.png")
    assert not re.search("greedy|security-seeking", board.inner_text("body"), re.I)  # no type on the board
    team.reload()
    expect(team.locator("#crisis-stance-1-s-escalate")).to_be_checked()
    expect(team.locator("#connection")).to_have_attribute("data-opened", "1")
    classroom.restart()  # the connection drops and comes back: the page rejoins its seat by itself
    expect(team.locator("#connection")).to_have_attribute("data-opened", "2")
    expect(team.locator("#crisis-stance-1-s-escalate")).to_be_checked()
    expect(team.locator(".turn")).to_have_text("Turn 2 of 3")
    assert "North Korea" in team.locator("#where").inner_text()

    _finish(team, shots / f"team-last-guess-{size}.png")
    expect(team.locator(".facts")).to_contain_text("Brier")
    _shot(team, shots / f"team-debrief-{size}.png")
    expect(board.locator("#class-title")).to_be_visible()
    expect(board.locator(".class-debrief")).to_contain_text("Blue")
    _shot(board, shots / f"board-debrief-{size}.png")
    expect(console.locator("#class-title")).to_be_visible()
    _shot(console, shots / f"teacher-summary-{size}.png")
    assert not (team.errors or board.errors or console.errors)
    context.close()


def test_a_team_picks_its_table_among_several(browser, shots):
    """With two tables a team picks its table, then a seat there; that table's board lists the team, and a seat
    another team holds cannot be chosen. A page holding a token the class does not know asks for a seat again."""
    served = Served(tables=2)
    try:
        _join_by_socket(served.address, served.room, PRK, "Red", table=1)
        context = browser.new_context(viewport={"width": 360, "height": 640})
        team = _page(context, served.address, "/")
        expect(team.locator(f"#seat-0-{PRK}")).to_be_visible()  # connected, and asked for a seat: no token yet
        stale = {"room": served.room.room, "token": "A" * 22}  # a token of another class, kept by the browser
        team.evaluate(
            "t => { localStorage.setItem('dod-token-' + t.room, t.token); localStorage.setItem('dod-room', t.room); }",
            stale,
        )
        team.reload()
        expect(team.locator("#join-error")).to_have_text("Your seat could not be found again: take a seat.")
        expect(team.locator("#table-choice")).to_have_value("0")
        team.select_option("#table-choice", "1")
        expect(team.locator(f"#seat-1-{PRK}")).to_be_disabled()
        team.fill("#team", "Green")
        team.check(f"#seat-1-{KOR}")
        _shot(team, shots / "team-join-two-tables-phone.png")
        team.click("#join-button")
        expect(team.locator("#where")).to_contain_text("Table 2 · South Korea")
        board = _page(context, served.address, "/board?table=1")
        expect(board.locator(".actors")).to_contain_text("Green")
        assert not (team.errors or board.errors)
        context.close()
    finally:
        served.stop()
