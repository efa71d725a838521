"""Whose move it is in a turn: humans choose in order (hot-seat), then the turn is played.

Pure game logic for the play screen, no pygame: the screen shows it and sends it intents.
Besides its move, a human in a crisis answers a prompt before its turn ends: a stance when it
is a party, back or stay out when an ally of a party may back it (Game.crisis_prompts).
"""
from __future__ import annotations

import numpy as np

from game.core.model.rules.choice import refusal
from game.core.play.session import Choice, Game
from game.core.model.vocab import Action, Stance


def forget_undone(game: Game) -> None:
    """After an undo: beliefs stated after turns no longer played go, and the observer's path is
    worked out again from the turns that are (Game keeps it by the number of turns only)."""
    kept = {a: [(t, p) for t, p in path if t <= game.turn] for a, path in game.beliefs.items()}
    game.beliefs = {a: path for a, path in kept.items() if path}
    game._observer = None


class TurnFlow:
    """The human choices of the turn being prepared. Moves are simultaneous: choices stay
    hidden (the pass screen covers them) until every human has chosen and the turn is played."""

    def __init__(self, game: Game):
        self.game = game
        self.reset()

    def reset(self):
        self.pending: dict[int, Choice] = {}
        self.stances: dict[tuple[int, int], Stance] = {}   # (actor, stake) -> stance, every human this turn
        self.backing: dict[tuple[int, int], bool] = {}     # (actor, stake) -> back the ally (True) or stay out
        self.seat = 0                      # index into game.humans
        self.action: Action | None = None
        self.target = -1
        self.confirming = False
        self.last_target: dict[int, int] = {}

    # -------------------------------------------------------------- who
    @property
    def humans(self) -> list[int]:
        return self.game.humans

    @property
    def current(self) -> int | None:
        """The human actor choosing now, or None in an all-AI game or once the game is over."""
        if self.game.over or not self.humans or self.seat >= len(self.humans):
            return None
        return self.humans[self.seat]

    @property
    def hot_seat(self) -> bool:
        return len(self.humans) > 1

    def targets(self) -> list[int]:
        me = self.current
        return [i for i in range(self.game.scenario.n) if i != me]

    # -------------------------------------------------------------- what the rules allow
    def refusal(self, action: Action | None = None, target: int | None = None) -> str:
        """Why the rules would refuse the current human's move ('' when they allow it), from
        the rule itself (game.core.model.rules.choice.refusal) on the state as it stands."""
        me = self.current
        action = self.action if action is None else action
        target = self.target if target is None else target
        if me is None or action is None or (action.targeted and target < 0):
            return ""
        eng = self.game.engine
        n = self.game.scenario.n
        moves = np.full((1, n), int(Action.HOLD), dtype=np.int8)
        aims = np.full((1, n), -1, dtype=np.int64)
        moves[0, me], aims[0, me] = int(action), int(target) if action.targeted else -1
        return str(refusal(moves, aims, eng.stakes, eng.state.stake_rung[:1], eng.rival)[0, me])

    def challenge_targets(self) -> list[int]:
        """The actors the current human may challenge now: the other party of a stake it shares
        with no crisis open over it."""
        return [t for t in self.targets() if not self.refusal(Action.CHALLENGE, t)]

    # -------------------------------------------------------------- crisis prompts
    def prompts(self) -> list[dict]:
        """What the current human must answer this turn (see Game.crisis_prompts)."""
        me = self.current
        if me is None:
            return []
        # its own crises first (a stance), then its allies' (back or stay out)
        return sorted(self.game.crisis_prompts(me), key=lambda p: (p["kind"] != "stance", p["stake"]))

    def answer_of(self, prompt: dict):
        """The answer given to a prompt so far: a Stance, True/False (back or stay out), or None."""
        key = (self.current, prompt["stake"])
        table = self.stances if prompt["kind"] == "stance" else self.backing
        return table.get(key)

    def answer(self, prompt: dict, value) -> None:
        key = (self.current, prompt["stake"])
        if prompt["kind"] == "stance":
            self.stances[key] = Stance(int(value))
        else:
            self.backing[key] = bool(value)
        self.confirming = False

    def unanswered(self) -> list[dict]:
        return [p for p in self.prompts() if self.answer_of(p) is None]

    # -------------------------------------------------------------- choosing
    def choose(self, action: Action):
        if self.current is None:
            return
        self.action = Action(action)
        self.confirming = False
        if self.action.targeted and self.target not in self.targets():
            self.target = self.last_target.get(self.current, self.targets()[0])
        if self.action is Action.CHALLENGE and self.refusal():
            # a challenge needs the other party of a free stake: aim at one if there is one
            valid = self.challenge_targets()
            if valid:
                self.target = valid[0]
        if not self.action.targeted:
            self.target = -1

    def cycle_target(self, step: int):
        options = self.targets()
        if self.current is None or not options:
            return
        if self.action is not None and not self.action.targeted:
            return
        if self.action is Action.CHALLENGE:
            # only the actors a challenge can be made against, when there are any
            options = self.challenge_targets() or options
        if self.target in options:
            self.target = options[(options.index(self.target) + step) % len(options)]
        else:
            self.target = options[0] if step > 0 else options[-1]
        self.confirming = False

    def set_target(self, actor: int) -> bool:
        if self.current is None or actor not in self.targets():
            return False
        self.target = actor
        self.confirming = False
        return True

    @property
    def ready(self) -> bool:
        return self.action is not None and (not self.action.targeted or self.target >= 0)

    def problem(self) -> str:
        if self.action is None:
            return "Choose an action first (keys 1–9)."
        if self.action.targeted and self.target < 0:
            return "Choose a target: Tab, or click an actor on the map."
        return ""

    def end_turn(self) -> str:
        """Enter: 'confirm' asks to confirm; 'next' passes to the next human; 'played' ran the turn;
        'incomplete' when the move is not ready; 'crisis' when a crisis prompt is unanswered."""
        if self.game.over:
            return "over"
        if self.current is None:
            self.game.play_turn({})
            return "played"
        if not self.ready:
            return "incomplete"
        if self.unanswered():
            self.confirming = False
            return "crisis"
        if not self.confirming:
            self.confirming = True
            return "confirm"
        me = self.current
        self.pending[me] = (self.action, self.target if self.action.targeted else -1)
        if self.action.targeted:
            self.last_target[me] = self.target
        self.seat += 1
        self.action, self.target, self.confirming = None, -1, False
        if self.seat < len(self.humans):
            return "next"
        choices, stances, backing = self.pending, self.stances, self.backing
        self.pending, self.stances, self.backing, self.seat = {}, {}, {}, 0
        self.game.play_turn(choices, stances=stances, backing=backing)
        return "played"

    def cancel(self) -> bool:
        """Esc: step back from the confirm step; False when there was nothing to take back."""
        if self.confirming:
            self.confirming = False
            return True
        return False

    def undo(self) -> bool:
        """Drop the choices in progress and take back the last played turn."""
        had = self.game.undo()
        keep = dict(self.last_target)
        self.reset()
        self.last_target = keep
        return had
