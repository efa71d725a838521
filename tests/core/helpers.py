"""Shared helpers for core tests."""

from __future__ import annotations

import numpy as np

from game.core.files.scenario import load_scenario
from game.core.play.session import Game
from game.core.model.vocab import Action

C, D = "C", "D"  # dialogue (cooperate) and deterrence (defect), by family


def rivals(worldview_overrides: dict | None = None, turns: int = 20):
    sc = load_scenario("two_rivals")
    if worldview_overrides:
        sc = sc.with_worldview(sc.worldview.with_values(**worldview_overrides))
    return sc.with_turns(turns)


def family_letter(move: dict) -> str:
    return C if Action[move["action"]].family == 1 else D


def versus(doctrine: str, script: list[str], seed: int = 1, overrides: dict | None = None) -> list[tuple[str, str]]:
    """Play `doctrine` (seat 0) against a scripted opponent (seat 1) in two_rivals; return the
    (doctrine, opponent) family pairs turn by turn, as executed. Both types feel the same matrix
    (secure_payoff_T = payoff_T), so a doctrine plays its pure iterated-dilemma strategy."""
    sc = rivals(overrides or {"action_noise": 0.0, "secure_payoff_T": 5.0}, turns=len(script))
    game = Game(sc, seed, [doctrine, "human"])
    for move in script:
        choice = (Action.SUMMIT, 0) if move == C else (Action.PRESSURE, 0)
        game.play_turn({1: choice})
    return [(family_letter(t["actions"]["AZR"]), family_letter(t["actions"]["AMB"])) for t in game.turns]


__all__ = ["C", "D", "rivals", "versus", "np", "load_scenario", "Game", "Action"]
