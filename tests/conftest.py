"""Test setup: headless SDL before anything imports pygame."""

import gc
import os
import threading

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


def pytest_unconfigure(config):
    # the lab's fork server leaves by itself once this process has gone; waited for here, the time it and the
    # lab's workers took counts with the test run's (as a spawned worker's did), and no process outlives the run
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    if getattr(server, "_forkserver_pid", None) is None:
        return
    stop = threading.Thread(target=server._stop, daemon=True)  # a worker left running would keep it up
    stop.start()
    stop.join(10)
