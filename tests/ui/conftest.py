"""UI test fixtures: a private data folder per test, an app driven by posted events, and the screenshot tour."""

import os

import pygame
import pytest


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("DOD_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def make_app():
    from game.ui.window.app import App
    from game.ui.window.setup_options import Options
    from game.core.files.scenario import load_scenario

    made = []

    def make(scenario="east_asia_2023", seed=3, turns=None, doctrines=None, size=(1280, 720), scale=1.0):
        sc = load_scenario(scenario)
        if turns:
            sc = sc.with_turns(turns)
        options = Options(
            scenario=sc, seed=seed, doctrines=tuple(doctrines) if doctrines else None, size=size, scale=scale
        )
        app = App(size, scale, False, options)
        made.append(app)
        return app

    yield make
    pygame.display.quit()


def walk_the_screenshot_tour(out, data) -> dict:
    """`play --screenshot OUT --scale 1.5` in this process, with the layout checks at 1.0 and 2.0 made on every
    screen before its picture is taken: the command's exit code and errors, the problems found, the screens
    visited."""
    from game.ui.tours import screenshots
    from tests.inprocess import run_main
    from tests.ui.test_layout import TOUR_SCALES, checker

    found: dict[str, list[str]] = {}
    visited: list[str] = []
    before = os.environ.get("DOD_DATA_DIR")
    os.environ["DOD_DATA_DIR"] = str(data)
    screenshots.before_shot = checker(TOUR_SCALES, found, visited)
    try:
        args = ("--scenario", "east_asia_2023", "--seed", "3", "--turns", "6", "--scale", "1.5")
        result = run_main("play", *args, "--screenshot", out)
    finally:
        screenshots.before_shot = None
        if before is None:
            os.environ.pop("DOD_DATA_DIR", None)
        else:
            os.environ["DOD_DATA_DIR"] = before
    return {"code": result.returncode, "stderr": result.stderr, "found": found, "visited": visited}


@pytest.fixture(scope="session")
def screenshot_tour(tmp_path_factory):
    """The screenshot tour with its layout checks (walk_the_screenshot_tour), walked once for the whole run: with
    several workers the first to ask walks it and the others read what it found. (code, stderr, OUT, found,
    visited): the smoke test reads its pictures, the layout test its problems."""
    import fcntl
    import json

    if not os.environ.get("PYTEST_XDIST_WORKER"):
        out = tmp_path_factory.mktemp("shots")
        tour = walk_the_screenshot_tour(out, tmp_path_factory.mktemp("tour-data"))
        return tour["code"], tour["stderr"], out, tour["found"], tour["visited"]
    shared = tmp_path_factory.getbasetemp().parent  # this run's folder, above each worker's own
    out, kept = shared / "screenshot-tour", shared / "screenshot-tour.json"
    with open(shared / "screenshot-tour.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a second worker waits here while the first walks the tour
        if not kept.exists():
            out.mkdir()
            tour = walk_the_screenshot_tour(out, tmp_path_factory.mktemp("tour-data"))
            kept.write_text(json.dumps(tour), encoding="utf-8")
    tour = json.loads(kept.read_text(encoding="utf-8"))
    return tour["code"], tour["stderr"], out, tour["found"], tour["visited"]
