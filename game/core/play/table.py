"""The table: a game being played by people, whatever front end they sit at.

Its seats are the scenario's actors, each human or AI. This turn every human owes the table a
move (with its target when the move takes one), a stance in each crisis it is a party to, a
backing choice in each crisis of an ally it may back, and a belief when a hidden game asks for
one; then it locks its choices in. Moves are simultaneous: nothing a seat chose is shown to the
others until every human has locked in and the turn is played.

The table speaks in seats (actor indices) and plain values, so the window (hot-seat) and a
browser per seat drive it alike, and a game played either way gives the same record for the
same seed and choices. What a seat may see is its private view; what every seat may see, the
public view.
"""

from __future__ import annotations

import enum
from typing import NamedTuple

import attrs
from ..model.vocab import Action, Stance
from .replay_checks import rule_refusal
from .session import Game


class Owed(enum.Enum):
    """What a human seat may still owe the table this turn."""

    BELIEF = "belief"  # a chance (0-1) that this is the spiral world
    STANCE = "stance"  # a stance in a crisis it is a party to
    BACKING = "backing"  # back an ally in its crisis, or stay out
    MOVE = "move"  # its action this turn
    TARGET = "target"  # the target its action takes


class Debt(NamedTuple):
    """One thing owed: its kind, and the stake index of a crisis answer (None otherwise)."""

    kind: Owed
    stake: int | None = None


@attrs.define
class Draft:
    """A human seat's choices for the turn being prepared, hidden from the other seats."""

    action: Action | None = None
    target: int = -1
    stances: dict = attrs.Factory(dict)  # stake index -> Stance
    backing: dict = attrs.Factory(dict)  # stake index -> True (back the ally) or False (stay out)
    locked: bool = False
    doctrine: str = ""  # the doctrine that plays this seat's whole turn (a team that did not choose in time)


class Table:
    """One game played by people: their seats, what each human owes, their views, undo and save (a saved table
    resumes as Table(Game.load(path)))."""

    def __init__(self, game: Game):
        self.game = game
        self.drafts: dict[int, Draft] = {}
        self.last_target: dict[int, int] = {}  # a seat's last target: its next targeted move aims there first
        self._clear()

    def _clear(self):
        self.drafts = {seat: Draft() for seat in self.game.humans}

    # ------------------------------------------------------------------ seats
    @property
    def humans(self) -> list[int]:
        return self.game.humans

    @property
    def hot_seat(self) -> bool:
        """More than one human shares the table."""
        return len(self.humans) > 1

    def seats(self) -> list[dict]:
        """Every seat: its actor and whether a human plays it."""
        return [
            {"seat": i, "code": a.code, "name": a.name, "human": i in self.humans}
            for i, a in enumerate(self.game.scenario.actors)
        ]

    def waiting(self) -> list[int]:
        """The human seats that have not locked in this turn, in seat order (none once the game is over)."""
        if self.game.over:
            return []
        return [seat for seat in self.humans if not self.drafts[seat].locked]

    # ------------------------------------------------------------------ what is owed
    def prompts(self, seat: int) -> list[dict]:
        """The crisis answers the seat owes this turn: its own crises first (a stance), then its
        allies' (back or stay out), each by stake (see Game.crisis_prompts)."""
        if seat not in self.humans or self.game.over:
            return []
        return sorted(self.game.crisis_prompts(seat), key=lambda p: (p["kind"] != "stance", p["stake"]))

    def answer_of(self, seat: int, prompt: dict):
        """The answer given to a crisis prompt so far: a Stance, True/False (back or stay out), or None."""
        draft = self.drafts.get(seat)
        if draft is None:
            return None
        return (draft.stances if prompt["kind"] == "stance" else draft.backing).get(prompt["stake"])

    def unanswered(self, seat: int) -> list[dict]:
        return [p for p in self.prompts(seat) if self.answer_of(seat, p) is None]

    def move_of(self, seat: int) -> tuple[Action | None, int]:
        """The seat's move so far: (action or None, target or -1)."""
        draft = self.drafts.get(seat)
        return (None, -1) if draft is None else (draft.action, draft.target)

    def type_of(self, seat: int) -> str:
        """A human seat's own type, for that seat's eyes only (an AI seat's type stays hidden)."""
        if seat not in self.humans:
            raise ValueError(f"{self.game.codes[seat]} is not a human seat")
        return self.game.type_of(seat)

    def owes_belief(self, seat: int) -> bool:
        """The game asks for beliefs now and this seat has not stated one after this turn."""
        g = self.game
        return seat in g.humans and g.belief_due() and not any(t == g.turn for t, _ in g.beliefs.get(seat, []))

    def owed(self, seat: int) -> list[Debt]:
        """What the seat still owes this turn, in the order it is asked for: its belief, its crisis
        answers, its move, the move's target. Empty for an AI seat and a seat that locked in."""
        if seat not in self.humans:
            return []
        out = [Debt(Owed.BELIEF)] if self.owes_belief(seat) else []
        draft = self.drafts[seat]
        if self.game.over or draft.locked:
            return out
        out += [Debt(Owed(p["kind"]), p["stake"]) for p in self.unanswered(seat)]
        if draft.action is None:
            out.append(Debt(Owed.MOVE))
        elif draft.action.targeted and draft.target < 0:
            out.append(Debt(Owed.TARGET))
        return out

    # ------------------------------------------------------------------ what the rules allow
    def targets(self, seat: int) -> list[int]:
        """Every actor the seat could aim a move at: all but itself."""
        return [i for i in range(self.game.scenario.n) if i != seat]

    def refusal(self, seat: int, action: Action | None = None, target: int | None = None) -> str:
        """Why the rules would refuse the seat's move ('' when they allow it), from the rule itself
        (rules.choice.refusal) on the state as it stands; by default the move it has chosen."""
        draft = self.drafts.get(seat)
        if draft is None:
            return ""
        action = draft.action if action is None else Action(action)
        target = draft.target if target is None else int(target)
        if action is None or (action.targeted and target < 0):
            return ""
        return rule_refusal(self.game, seat, action, target)

    def challenge_targets(self, seat: int) -> list[int]:
        """The actors the seat may challenge now: the other party of a stake it shares with no crisis open over it."""
        return [t for t in self.targets(seat) if not self.refusal(seat, Action.CHALLENGE, t)]

    def blocked(self, seat: int) -> dict:
        """Actions the rules would refuse now whatever the target, with why."""
        if seat not in self.humans or self.game.over:
            return {}
        return {} if self.challenge_targets(seat) else {Action.CHALLENGE: "no stake open to challenge"}

    # ------------------------------------------------------------------ giving what is owed
    def _open_draft(self, seat: int) -> Draft:
        draft = self.drafts.get(seat)
        if draft is None or self.game.over:
            raise ValueError(f"seat {seat} has nothing to choose now")
        if draft.locked:
            raise ValueError(f"{self.game.codes[seat]} has locked in its choices for this turn")
        return draft

    def choose(self, seat: int, action: Action, target: int | None = None) -> None:
        """The seat's move. A targeted move without a target aims where it aimed last (or at the
        first actor; a challenge at the first actor it may challenge)."""
        draft = self._open_draft(seat)
        draft.action = Action(action)
        if not draft.action.targeted:
            draft.target = -1
            return
        if target is not None:
            self.aim(seat, target)
            return
        if draft.target not in self.targets(seat):
            draft.target = self.last_target.get(seat, self.targets(seat)[0])
        if draft.action is Action.CHALLENGE and self.refusal(seat):
            valid = self.challenge_targets(seat)
            if valid:
                draft.target = valid[0]

    def aim(self, seat: int, target: int) -> None:
        """The target of the seat's move (any other actor; the rules may still refuse the move)."""
        draft = self._open_draft(seat)
        if int(target) not in self.targets(seat):
            raise ValueError(f"{self.game.codes[seat]} cannot aim at actor {target}")
        draft.target = int(target)

    def answer(self, seat: int, prompt: dict, value) -> None:
        """A crisis answer: a Stance for a stance prompt, True (back) or False (stay out) for a backing one."""
        draft = self._open_draft(seat)
        if not any((p["kind"], p["stake"]) == (prompt["kind"], prompt["stake"]) for p in self.prompts(seat)):
            raise ValueError(f"{self.game.codes[seat]} has no {prompt['kind']} to give over stake {prompt['stake']}")
        if prompt["kind"] == "stance":
            draft.stances[prompt["stake"]] = Stance(int(value))
        else:
            draft.backing[prompt["stake"]] = bool(value)

    def state_belief(self, seat: int, spiral: float) -> None:
        """The seat's stated chance (0-1) that this is the spiral world, after the turn just played."""
        self.game.state_belief(seat, spiral)

    def lock_in(self, seat: int) -> list[Debt]:
        """The seat's choices are final for this turn; refused (returning what it still owes) while it owes anything."""
        owed = self.owed(seat)
        if owed:
            return owed
        draft = self._open_draft(seat)
        draft.locked = True
        if draft.action.targeted:
            self.last_target[seat] = draft.target
        return []

    def play_by_doctrine(self, seat: int) -> str:
        """The seat's own AI doctrine (the scenario's) plays its whole turn, whatever it chose so far;
        the record names the turn as played by that doctrine. Returns the doctrine."""
        draft = self._open_draft(seat)
        draft.doctrine = self.game.scenario.actors[seat].doctrine
        draft.locked = True
        return draft.doctrine

    # ------------------------------------------------------------------ the turn
    def ready(self) -> bool:
        """Every human has locked in (an all-AI table is always ready), and the game goes on."""
        return not self.game.over and not self.waiting()

    def end_turn(self) -> dict:
        """Play the turn with every human's locked-in choices; the turn's record entry."""
        if not self.ready():
            raise ValueError("waiting for " + ", ".join(self.game.codes[s] for s in self.waiting()))
        choices, stances, backing = {}, {}, {}
        by_doctrine = {seat: d.doctrine for seat, d in self.drafts.items() if d.doctrine}
        for seat in self.humans:
            draft = self.drafts[seat]
            if draft.doctrine:
                continue
            choices[seat] = (draft.action, draft.target if draft.action.targeted else -1)
            stances.update({(seat, s): v for s, v in draft.stances.items()})
            backing.update({(seat, s): v for s, v in draft.backing.items()})
        self._clear()
        return self.game.play_turn(choices, stances=stances, backing=backing, by_doctrine=by_doctrine)

    def undo(self) -> bool:
        """Drop every choice in progress and take back the last played turn (False when none was played)."""
        had = self.game.undo()
        self._clear()
        return had

    # ------------------------------------------------------------------ views
    def public_view(self) -> dict:
        """What every seat may see: the turn, the world as far as it is shown, the moves played, and who is
        still choosing."""
        g = self.game
        last = g.turns[-1] if g.turns else None
        return {
            "turn": g.turn,
            "turn_limit": g.turn_limit,
            "over": g.over,
            "outcome": g.outcome.value,
            "seed": g.seed,
            "scenario": g.scenario.title,
            "worldview": "hidden" if g.hidden else g.worldview.label,
            "seats": self.seats(),
            "waiting": [g.codes[s] for s in self.waiting()],
            "moves": dict(last["actions"]) if last else {},
            "regional_tension": last["regional_tension"] if last else None,
            "crises": g.open_crises(),
        }

    def private_view(self, seat: int) -> dict:
        """What only this seat may see: its type, its score and what the score counts, its prompts,
        its choices so far, its beliefs and what it still owes."""
        g = self.game
        if seat not in self.humans:
            raise ValueError(f"{g.codes[seat]} is not a human seat")
        _, parts = g.engine.scores()
        draft = self.drafts[seat]
        return {
            "seat": seat,
            "code": g.codes[seat],
            "name": g.scenario.actors[seat].name,
            "type": self.type_of(seat),
            "score": float(g.scores()[seat]),
            "score_parts": {k: float(v[0, seat]) for k, v in parts.items()},
            "prompts": [dict(p, answer=self.answer_of(seat, p)) for p in self.prompts(seat)],
            "action": draft.action,
            "target": draft.target,
            "locked": draft.locked,
            "beliefs": list(g.beliefs.get(seat, [])),
            "owed": self.owed(seat),
        }

    # ------------------------------------------------------------------ save
    def save(self, compact: bool = False) -> str:
        """The save file's text: the game as played so far (choices in progress are not kept)."""
        return self.game.save_text(compact)
