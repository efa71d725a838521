"""Test setup: headless SDL before anything imports pygame."""

import gc
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402


def pytest_addoption(parser):
    parser.addoption(
        "--runslow",
        action="store_true",
        default=False,
        help="also run the slow tests: the model's properties over thousands of games, the long UI monkeys, "
        "the layout at every text size in both windows and the screenshot tour at both sizes",
    )


def pytest_collection_modifyitems(config, items):
    if config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --runslow")
    for item in items:
        if item.get_closest_marker("slow"):  # the marker, not any name or id that holds the word
            item.add_marker(skip)


def pytest_collection_finish(session):
    # the modules and tests collected stay to the end of the run: moved out of the collector's sight, the full
    # collections the games and windows set off no longer walk them every time
    gc.freeze()
