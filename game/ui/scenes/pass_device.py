"""Between hot-seat players: an opaque screen that hides the previous choice.

Before a human's first turn it also carries the private briefing (its own type and what its
score counts), shown only once that player has the keyboard: first "pass the keyboard to X",
then, after X presses Enter, the briefing. With one human there is nobody to hide it from, and
the screen opens on the briefing.

In a hidden world the same screen hands the keyboard over before each human states its belief
(`then` names what comes next); after the last turn (turn 0) it says the game is over.
"""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from ..window import intents, layout, palette, text
from ..window.intents import Intent, Kind
from ..window.scene import Scene

ROLE_COLOURS = {"type": palette.FOCUS, "score": palette.TEXT, "game": palette.TEXT, "secret": palette.MUTED}
ROLE_STYLES = {"type": "bold", "secret": "italic"}  # the rest regular
ROLE_SIZES = {"type": 1.6}  # times the body text; the rest 1.0


class PassDeviceScene(Scene):
    keys = intents.OVERLAY_KEYS
    name = "pass"

    def __init__(
        self,
        app,
        actor_name: str,
        seat: int,
        seats: int,
        turn: int,
        briefing: list[tuple[str, str]] | None = None,
        then: str = "show my move",
    ):
        super().__init__(app)
        self.actor_name = actor_name
        self.seat, self.seats, self.turn = seat, seats, turn
        self.briefing = briefing
        self.then = then  # what the player's button goes on to: "show my move", "state my belief", ...
        # "pass": hand the keyboard over; "briefing": the private briefing, for the player's eyes only
        self.stage = "pass" if seats > 1 else "briefing"

    def layout(self):
        m = self.m
        w, h = self.app.size
        width = min(w - 4 * m.pad, round(w * 0.7))
        label, paras = self._briefing_page() if self.stage == "briefing" else self._pass_page()
        self.block = text.fit(paras, width, h - 3 * m.button_h, m.body, gap_ratio=0.8)
        self.block_pos = (layout.centred(width, w), max(m.pad, (h - self.block.height - 2 * m.button_h) // 2))
        bw = min(w - 4 * m.pad, text.size(label, m.body, "bold")[0] + 4 * m.pad)
        y = self.block_pos[1] + self.block.height + m.button_h // 2
        button = pygame.Rect(layout.centred(bw, w), y, bw, m.button_h)
        self.add(
            pygame_gui.elements.UIButton(button, label, self.ui, object_id=ObjectID(class_id="@primary")),
            Intent(Kind.ACTIVATE),
        )

    def _briefing_page(self):
        """The button's words and the paragraphs (at a text size) of the private briefing."""
        label = f"Start {self.actor_name}'s turn"
        head = (
            f"Turn {self.turn} · your private briefing"
            if self.seats == 1
            else f"Turn {self.turn} · private briefing for hot-seat player {self.seat} of {self.seats}"
        )
        briefing = self.briefing or []
        rows = [(t, ROLE_COLOURS[r], ROLE_STYLES.get(r, "regular"), ROLE_SIZES.get(r, 1.0)) for t, r in briefing]
        return label, lambda px: [(head, px, palette.MUTED, "bold")] + [(t, round(px * f), c, s) for t, c, s, f in rows]

    def _pass_page(self):
        """The button's words and the paragraphs (at a text size) asking to pass the keyboard on."""
        name = self.actor_name
        label = f"I play {name}: " + ("show my briefing" if self.briefing else self.then)
        hidden = (
            "Moves are simultaneous: the previous player's choice stays hidden until the turn is played."
            if self.then == "show my move"
            else "Beliefs are private: the previous player's answer stays hidden until the debrief."
        )
        head = f"Turn {self.turn}" if self.turn else "The game is over"
        head += f" · hot-seat player {self.seat} of {self.seats}"
        ready = f"{name}: press Enter (or the button) when the others cannot see the screen."
        return label, lambda px: [
            (head, px, palette.MUTED, "bold"),
            (f"Pass the keyboard to {name}", round(px * 2.2), palette.TEXT, "bold"),
            (hidden, px, palette.MUTED, "regular"),
            (ready, px, palette.TEXT, "regular"),
        ]

    def on_intent(self, intent):
        if intent.kind is Kind.ACTIVATE:
            if self.stage == "pass" and self.briefing:
                self.stage = "briefing"
                self.relayout()
                return True
            self.app.pop()
            return True
        if intent.kind is Kind.BACK:
            if self.seats == 1:
                self.app.pop()  # one human: nothing to hide, Esc is just "go on"
            return True  # the previous player's choice must stay hidden: Esc does not reveal it
        return super().on_intent(intent)

    def draw(self, surface):
        surface.fill(palette.BACKGROUND)
        surface.blit(self.block.surface, self.block_pos)
