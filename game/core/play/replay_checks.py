"""A save's choices replayed under the checks a human's move gets at the table: each turn names
a move for every human seat and for no other, a target that fits its move (another actor for a
targeted move, none otherwise), and no more turns than the game lasts. A choice that fails is
refused with the turn it was made in. A move the rules refuse on the state of its turn (an
alliance with a rival, a challenge with no open stake: rules.choice.refusal) is one the table
lets a human lock in and plays as a hold, so it replays the same way and its save still loads."""

from __future__ import annotations

import numpy as np

from ..model.errors import LoadError
from ..model.rules.choice import refusal
from ..model.vocab import Action


def rule_refusal(game, seat: int, action: Action, target: int) -> str:
    """Why the rules would refuse the seat's move on the state as it stands ('' when they allow it)."""
    eng = game.engine
    n = game.scenario.n
    moves = np.full((1, n), int(Action.HOLD), dtype=np.int8)
    aims = np.full((1, n), -1, dtype=np.int64)
    moves[0, seat], aims[0, seat] = int(action), target if action.targeted else -1
    return str(refusal(moves, aims, eng.stakes, eng.state.stake_rung[:1], eng.rival)[0, seat])


def choice_problem(game, choices: dict, by_doctrine: dict | None = None) -> str:
    """Why a turn's human choices cannot be played now ('' when they can); a seat its doctrine
    played that turn (by_doctrine) needs no choice."""
    codes = game.codes
    if game.over:
        return f"a choice after the game ended (it ended after turn {game.turn})"
    from ..model.doctrines import DOCTRINES

    played = by_doctrine or {}
    if any(i not in game.humans or not isinstance(d, str) or d not in DOCTRINES for i, d in played.items()):
        return f"a seat played by its doctrine must be a human seat, its doctrine one of {', '.join(DOCTRINES)}"
    missing = [codes[i] for i in game.humans if i not in choices and i not in played]
    if missing:
        return f"no choice for {', '.join(missing)} (allowed: one choice for each human seat)"
    for seat, (action, target) in choices.items():
        who = codes[seat]
        if seat not in game.humans:
            return (
                f"a choice for {who}, which is not a human seat (allowed: {', '.join(codes[i] for i in game.humans)})"
            )
        if action.targeted and (target < 0 or target == seat):
            return f"{who}'s {action.name} needs another actor as its target"
        if not action.targeted and target >= 0:
            return f"{who}'s {action.name} takes no target (allowed: null)"
    return ""


def checked_replay(game, choices: list[dict], crisis: list[dict], source, by_doctrine: list | None = None) -> None:
    """Replay the save's choices into game, refusing the first turn whose choices fail (see choice_problem)."""
    game.choices, game.crisis_choices, game.by_doctrine = [], [], []
    game._reset_engine()
    by_doctrine = list(by_doctrine or [])
    for k, turn in enumerate(choices):
        played = by_doctrine[k] if k < len(by_doctrine) else {}
        problem = choice_problem(game, turn, played)
        if problem:
            raise LoadError(source, None, "human_choices", f"turn {k + 1}: {problem}")
        answers = crisis[k] if k < len(crisis) else {}
        game.play_turn(turn, answers.get("stances"), answers.get("backing"), played)


def digest_problem(game, data: dict) -> str:
    """Why a compact save's fingerprint does not fit the game its choices replay to ('' when it
    does). A fingerprint of an earlier release leaves the world out, so such a save is taken only
    when its world is the one its scenario plays under its preset (or, hidden, the one its seed
    draws): a world swapped in it would otherwise go unseen."""
    from ..runs.options import preset_worldview
    from ..teaching.hidden import worldview_for

    replays = "the save does not replay from its seed and choices (saved by another version?)"
    if len(game.turns) != data.get("turns_played"):
        return replays
    if game.state_digest() == data["state_digest"]:
        return ""
    if game.state_digest(legacy=True) != data["state_digest"]:
        return replays
    saved = data["worldview"]
    own = (
        worldview_for(game.base_scenario, game.seed)
        if game.hidden
        else preset_worldview(game.base_scenario, saved["preset"])
    )
    if own.preset == saved["preset"] and own.as_dict() == saved["values"] and own.label == saved.get("label", ""):
        return ""
    return (
        f"its fingerprint, from an earlier release, does not cover its world, and the world it names "
        f"({saved['preset']}) is not the one its scenario plays (allowed: a save made by this release, "
        "or an earlier one of an unchanged world)"
    )
