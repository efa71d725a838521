"""Save to a named file (Ctrl+S): a name field, Enter saves, Esc cancels."""
from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from .. import palette, saving, text, userdata
from ..intents import Intent, Kind
from . import overlay


class SaveDialog(overlay.GameOverlay):
    name = "save"

    def __init__(self, app, game):
        super().__init__(app, game)
        self.name_text = saving.default_name(game)
        self.error = ""

    def layout(self):
        m = self.m
        w, h = self.app.size
        width = min(w - 4 * m.pad, round(m.body * 36))
        self.info = text.Block([
            (f"Saves go to {userdata.saves_dir()}", m.small, palette.MUTED, "regular"),
            ("Name (letters, digits, - and _):", m.body, palette.TEXT, "bold"),
        ], width - 4 * m.pad, gap=m.pad // 2)
        err_h = text.Block([(self.error or " ", m.body, palette.WARNING, "bold")], width - 4 * m.pad).height
        height = (text.line_height(m.heading, "bold") + 2 * m.pad + self.info.height + m.pad + m.button_h + m.pad
                  + err_h + m.pad + m.button_h + 2 * m.pad)
        self.rect = pygame.Rect(0, 0, width, min(h - 2 * m.pad, height))
        self.rect.center = (w // 2, h // 2)
        x = self.rect.x + 2 * m.pad
        y = self.rect.y + text.line_height(m.heading, "bold") + 2 * m.pad
        self.info_pos = (x, y)
        y += self.info.height + m.pad
        self.entry = pygame_gui.elements.UITextEntryLine(pygame.Rect(x, y, width - 4 * m.pad, m.button_h), self.ui)
        self.entry.set_text(self.name_text)
        self.entry.focus()
        self.add(self.entry)
        y += m.button_h + m.pad
        self.error_pos = (x, y)
        y += err_h + m.pad
        bw = (width - 5 * m.pad) // 2
        self.add(pygame_gui.elements.UIButton(pygame.Rect(x, y, bw, m.button_h), "Save (Enter)", self.ui,
                                              object_id=ObjectID(class_id="@primary")), Intent(Kind.ACTIVATE))
        self.add(pygame_gui.elements.UIButton(pygame.Rect(x + bw + m.pad, y, bw, m.button_h), "Cancel (Esc)", self.ui),
                 Intent(Kind.BACK))

    def save(self, intent):
        self.name_text = self.entry.get_text()
        try:
            path = saving.save_named(self.game, self.name_text)
        except ValueError as exc:
            self.error = str(exc)
        except OSError as exc:
            self.error = f"Could not save: {exc.strerror or exc}"
        else:
            self.app.pop()
            self.app.say(f"Saved to {path}")
            return
        self.relayout()

    def cancel(self, intent):
        self.app.pop()

    def keep_focus(self, intent):
        """The name field is the only field: ↑ ↓ Tab ← → stay in it."""

    handlers = {Kind.ACTIVATE: save, Kind.BACK: cancel, Kind.MENU: cancel, Kind.FOCUS_NEXT: keep_focus,
                Kind.FOCUS_PREV: keep_focus, Kind.ADJUST: keep_focus}

    def draw(self, surface):
        m = self.m
        overlay.dim(surface, 170)
        overlay.draw_card(surface, self.rect, "Save the game", m)
        surface.blit(self.info.surface, self.info_pos)
        if self.error:
            block = text.Block([(self.error, m.body, palette.WARNING, "bold")], self.rect.width - 4 * m.pad)
            surface.blit(block.surface, self.error_pos)
