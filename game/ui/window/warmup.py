"""Work the debrief needs, begun early in a background thread so no frame waits for it.

A hidden game's record, once the game is over, holds what a Bayesian observer of the same public
moves believed (game.core.teaching.hidden.observer_path). Its odds of each move in each world are worked
out from simulated games the first time a scenario and its doctrines are seen: about a second.
The play screen starts that work when a hidden game begins; the debrief (and the autosave after
the last turn) wait for it, so the window never computes it in a frame.
"""

from __future__ import annotations

import threading

from game.core.teaching.hidden import likelihood_scenario, observer_path
from game.core.play.session import Game

_threads: dict[tuple, threading.Thread] = {}
_lock = threading.Lock()


def _key(game: Game) -> tuple:
    return id(game.base_scenario), tuple(game.doctrines)


def start(game: Game) -> None:
    """Begin the observer's odds for this game's scenario and doctrines (once; only for a hidden game)."""
    if not game.hidden:
        return
    with _lock:
        key = _key(game)
        if key in _threads:
            return
        thread = threading.Thread(
            target=observer_path,
            name="observer odds",
            daemon=True,
            # the scenario as long as the game, as its record reads the odds: the same cached odds
            args=(
                likelihood_scenario(game.base_scenario, game.turn_limit),
                tuple(game.doctrines),
                [],
                game.scenario.hidden_prior,
            ),
        )
        _threads[key] = thread
        thread.start()


def ready(game: Game) -> bool:
    """True when nothing for this game is still being worked out in the background."""
    thread = _threads.get(_key(game))
    return thread is None or not thread.is_alive()


def wait(game: Game) -> None:
    thread = _threads.get(_key(game))
    if thread is not None:
        thread.join()
