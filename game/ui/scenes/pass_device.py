"""Between hot-seat players: an opaque screen that hides the previous choice."""
from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from .. import intents, palette, text
from ..intents import Intent, Kind
from ..scene import Scene


class PassDeviceScene(Scene):
    keys = intents.OVERLAY_KEYS
    name = "pass"

    def __init__(self, app, actor_name: str, seat: int, seats: int, turn: int):
        super().__init__(app)
        self.actor_name = actor_name
        self.seat, self.seats, self.turn = seat, seats, turn

    def layout(self):
        m = self.m
        w, h = self.app.size
        width = min(w - 4 * m.pad, round(w * 0.7))
        self.block = text.fit(lambda px: [
            (f"Turn {self.turn} · hot-seat player {self.seat} of {self.seats}", px, palette.MUTED, "bold"),
            (f"Pass the keyboard to {self.actor_name}", round(px * 2.2), palette.TEXT, "bold"),
            ("Moves are simultaneous: the previous player's choice stays hidden until the turn is played.",
             px, palette.MUTED, "regular"),
            (f"{self.actor_name}: press Enter (or the button) when the others cannot see the screen.",
             px, palette.TEXT, "regular"),
        ], width, h - 3 * m.button_h, m.body, gap_ratio=0.8)
        self.block_pos = ((w - width) // 2, max(m.pad, (h - self.block.height - 2 * m.button_h) // 2))
        label = f"I play {self.actor_name}: show my move"
        bw = min(w - 4 * m.pad, text.size(label, m.body, "bold")[0] + 4 * m.pad)
        y = self.block_pos[1] + self.block.height + m.button_h // 2
        self.add(pygame_gui.elements.UIButton(pygame.Rect((w - bw) // 2, y, bw, m.button_h), label, self.ui,
                                              object_id=ObjectID(class_id="@primary")), Intent(Kind.ACTIVATE))

    def on_intent(self, intent):
        if intent.kind is Kind.ACTIVATE:
            self.app.pop()
            return True
        if intent.kind is Kind.BACK:
            return True  # the previous player's choice must stay hidden: Esc does not reveal it
        return super().on_intent(intent)

    def draw(self, surface):
        surface.fill(palette.BACKGROUND)
        surface.blit(self.block.surface, self.block_pos)
