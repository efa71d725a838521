"""Whose move it is in a turn: humans choose in order (hot-seat), then the turn is played.

Pure game logic for the play screen, no pygame: the screen shows it and sends it intents.
"""
from __future__ import annotations

from game.core.session import Choice, Game
from game.core.vocab import Action


class TurnFlow:
    """The human choices of the turn being prepared. Moves are simultaneous: choices stay
    hidden (the pass screen covers them) until every human has chosen and the turn is played."""

    def __init__(self, game: Game):
        self.game = game
        self.reset()

    def reset(self):
        self.pending: dict[int, Choice] = {}
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

    # -------------------------------------------------------------- choosing
    def choose(self, action: Action):
        if self.current is None:
            return
        self.action = Action(action)
        self.confirming = False
        if self.action.targeted and self.target not in self.targets():
            self.target = self.last_target.get(self.current, self.targets()[0])
        if not self.action.targeted:
            self.target = -1

    def cycle_target(self, step: int):
        options = self.targets()
        if self.current is None or not options:
            return
        if self.action is not None and not self.action.targeted:
            return
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
            return "Choose an action first (keys 1–8)."
        if self.action.targeted and self.target < 0:
            return "Choose a target: Tab, or click an actor on the map."
        return ""

    def end_turn(self) -> str:
        """Enter: 'confirm' asks to confirm; 'next' passes to the next human; 'played' ran the turn;
        'incomplete' when the move is not ready."""
        if self.game.over:
            return "over"
        if self.current is None:
            self.game.play_turn({})
            return "played"
        if not self.ready:
            return "incomplete"
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
        choices = self.pending
        self.pending, self.seat = {}, 0
        self.game.play_turn(choices)
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
