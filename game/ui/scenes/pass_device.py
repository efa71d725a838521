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

from ..window import intents, palette, text
from ..window.intents import Intent, Kind
from ..window.scene import Scene

ROLE_COLOURS = {"type": palette.FOCUS, "score": palette.TEXT, "game": palette.TEXT, "secret": palette.MUTED}


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
        if self.stage == "briefing":
            label = f"Start {self.actor_name}'s turn"
            head = (
                f"Turn {self.turn} · your private briefing"
                if self.seats == 1
                else f"Turn {self.turn} · private briefing for hot-seat player {self.seat} of {self.seats}"
            )
            rows = [
                (
                    t,
                    ROLE_COLOURS[role],
                    "bold" if role == "type" else "italic" if role == "secret" else "regular",
                    1.6 if role == "type" else 1.0,
                )
                for t, role in self.briefing or []
            ]
            self.block = text.fit(
                lambda px: [(head, px, palette.MUTED, "bold")] + [(t, round(px * f), c, s) for t, c, s, f in rows],
                width,
                h - 3 * m.button_h,
                m.body,
                gap_ratio=0.8,
            )
        else:
            label = f"I play {self.actor_name}: " + ("show my briefing" if self.briefing else self.then)
            hidden = (
                "Moves are simultaneous: the previous player's choice stays hidden until the turn is played."
                if self.then == "show my move"
                else "Beliefs are private: the previous player's answer stays hidden until the debrief."
            )
            head = (
                f"Turn {self.turn} · hot-seat player {self.seat} of {self.seats}"
                if self.turn
                else f"The game is over · hot-seat player {self.seat} of {self.seats}"
            )
            self.block = text.fit(
                lambda px: [
                    (head, px, palette.MUTED, "bold"),
                    (f"Pass the keyboard to {self.actor_name}", round(px * 2.2), palette.TEXT, "bold"),
                    (hidden, px, palette.MUTED, "regular"),
                    (
                        f"{self.actor_name}: press Enter (or the button) when the others cannot see the screen.",
                        px,
                        palette.TEXT,
                        "regular",
                    ),
                ],
                width,
                h - 3 * m.button_h,
                m.body,
                gap_ratio=0.8,
            )
        self.block_pos = ((w - width) // 2, max(m.pad, (h - self.block.height - 2 * m.button_h) // 2))
        bw = min(w - 4 * m.pad, text.size(label, m.body, "bold")[0] + 4 * m.pad)
        y = self.block_pos[1] + self.block.height + m.button_h // 2
        self.add(
            pygame_gui.elements.UIButton(
                pygame.Rect((w - bw) // 2, y, bw, m.button_h), label, self.ui, object_id=ObjectID(class_id="@primary")
            ),
            Intent(Kind.ACTIVATE),
        )

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
