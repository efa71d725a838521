"""A column of pygame_gui buttons that the keyboard can walk (↑ ↓ Tab, Enter) as well as the mouse."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from ..window import text
from ..window.intents import Intent


class ButtonList:
    def __init__(self):
        self.buttons: list[tuple[pygame_gui.elements.UIButton, Intent, bool]] = []
        self.focus = 0

    def build(
        self,
        scene,
        items,
        x: int,
        y: int,
        width: int,
        height: int,
        gap: int,
        class_id: str | None = None,
        columns: int = 1,
    ):
        """items: (label, intent, enabled, tooltip), laid out down `columns` columns. Returns the bottom y."""
        self.buttons = []
        rows = max(1, -(-len(items) // max(1, columns)))
        top, bottom = y, y
        for k, (label, intent, enabled, tip) in enumerate(items):
            col, row = divmod(k, rows)
            rect = pygame.Rect(x + col * (width + gap), top + row * (height + gap), width, height)
            b = pygame_gui.elements.UIButton(
                rect,
                label,
                scene.ui,
                tool_tip_text=tip or None,
                object_id=ObjectID(class_id=class_id) if class_id else None,
            )
            scene.add(b, intent if enabled else None)
            if not enabled:
                b.disable()
            self.buttons.append((b, intent, enabled))
            bottom = max(bottom, rect.bottom + gap)
        y = bottom
        self.focus = min(self.focus, len(self.buttons) - 1) if self.buttons else 0
        if self.buttons and not self.buttons[self.focus][2]:
            self.move(1)
        self.show()
        return y

    @staticmethod
    def width_for(labels, px: int, pad: int) -> int:
        return max(text.size(label, px, "bold")[0] for label in labels) + 4 * pad

    def move(self, step: int):
        if not self.buttons:
            return
        for _ in range(len(self.buttons)):
            self.focus = (self.focus + step) % len(self.buttons)
            if self.buttons[self.focus][2]:
                break
        self.show()

    def show(self):
        for k, (b, _, enabled) in enumerate(self.buttons):
            if not isinstance(b, pygame_gui.elements.UIButton):
                continue
            if k == self.focus and enabled:
                b.select()
            else:
                b.unselect()

    def focused_intent(self) -> Intent | None:
        if not self.buttons:
            return None
        b, intent, enabled = self.buttons[self.focus]
        return intent if enabled else None
