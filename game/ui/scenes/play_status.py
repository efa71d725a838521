"""The play screen's status line: what the human choosing now is doing and what the next key does,
in the longest wording that fits."""

from __future__ import annotations

from game.core.model.vocab import ACTION_LABELS_LOCAL
from game.core.teaching.report import OUTCOME_TEXT

from ..window import palette, text


def fit(scene, *options: str) -> str:
    """The first wording that fits the status line (the last one is cut if none does)."""
    return text.first_fitting(list(options), scene.m.body, max(1, scene.bar.status_rect.width), "bold")


def answer_text(scene, prompt: dict, answer) -> str:
    if prompt["kind"] == "stance":
        return f"{prompt['name']}: {answer.label}"
    ally = scene.game.scenario.actors[prompt["ally"]].name
    return f"{prompt['name']}: {'back ' + ally if answer else 'stay out'}"


def status(scene) -> tuple[str, tuple]:
    """The status line and its colour."""
    game = scene.game
    if scene.message:
        return scene.message, palette.WARNING
    if game.over:
        outcome = OUTCOME_TEXT[game.outcome.value].split(":")[0]
        return fit(
            scene,
            f"Game over after turn {game.turn}: {outcome}. This was the last turn: its card, the "
            "moves and why. Enter: see the debrief",
            f"Game over after turn {game.turn}: {outcome}. Enter: see the debrief",
            "Game over. Enter: see the debrief",
        ), palette.FOCUS
    me = scene.current
    if me is None:
        state = "auto-playing" if scene.auto else "paused"
        return f"All seats are AI ({state}). Enter: next turn · Space: auto-play · +/−: speed", palette.TEXT
    who = game.scenario.actors[me].name
    humans = scene.table.humans
    seat = f" (player {humans.index(me) + 1} of {len(humans)})" if scene.table.hot_seat else ""
    shown = scene.shown_prompt()
    if shown is not None:
        keys = "F X S B" if shown["kind"] == "stance" else "Y N"
        return fit(
            scene,
            f"{who}{seat}: a crisis over {shown['name']} — answer with {keys} or the buttons",
            f"Crisis over {shown['name']}: {keys} or the buttons",
        ), palette.FOCUS
    waiting = scene.table.unanswered(me)
    crisis = f" · crisis over {waiting[0]['name']} unanswered (K)" if waiting else ""
    action, target = scene.move
    if action is None:
        return fit(
            scene,
            f"{who}{seat}: choose an action, keys 1–9{crisis}",
            f"{who}: choose an action, keys 1–9" + (" · a crisis waits (K)" if waiting else ""),
        ), palette.TEXT
    return move_status(scene, who, seat, crisis)


def move_status(scene, who: str, seat: str, crisis: str) -> tuple[str, tuple]:
    """The status line once the human has chosen a move: refused, waiting for confirmation, or chosen."""
    action, target = scene.move
    move = action.label
    if not scene.game.scenario.dynamics:
        move = ACTION_LABELS_LOCAL.get(action, move)
    if action.targeted:
        move += f" → {scene.game.scenario.actors[target].name}" if target >= 0 else " (choose a target)"
    refused = scene.refusal()
    if refused:
        return fit(
            scene,
            f"{who}: {move} would be refused ({refused}): you would hold back instead",
            f"{move} would be refused: {refused}",
        ), palette.WARNING
    me = scene.current
    given = [
        answer_text(scene, p, scene.table.answer_of(me, p))
        for p in scene.table.prompts(me)
        if scene.table.answer_of(me, p) is not None
    ]
    if scene.confirming:
        lock = "? Enter locks it in · Esc changes it"
        count = f" ({len(given)} crisis answer{'s' if len(given) > 1 else ''})" if given else ""
        return fit(
            scene,
            f"Confirm {who}: {move}" + (" · " + "; ".join(given) if given else "") + lock,
            f"Confirm {who}: {move}{count}{lock}",
            f"Confirm {move}{lock}",
        ), palette.FOCUS
    return fit(
        scene, f"{who}{seat}: {move}. Enter to confirm{crisis}", f"{who}: {move}. Enter to confirm"
    ), palette.TEXT
