"""Save to a named file (Ctrl+S): a name field, Enter saves, Esc cancels."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from ..window import layout, palette, saving, text, userdata
from ..window.intents import Intent, Kind
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
        self.info = text.Block(
            [
                (f"Saves go to {userdata.saves_dir()}", m.small, palette.MUTED, "regular"),
                ("Name (letters, digits, - and _):", m.body, palette.TEXT, "bold"),
            ],
            width - 4 * m.pad,
            gap=m.pad // 2,
        )
        err_h = text.Block([(self.error or " ", m.body, palette.WARNING, "bold")], width - 4 * m.pad).height
        parts = (self.info.height, m.button_h, err_h, m.button_h)  # the words, the name, an error, the buttons
        head_h = text.line_height(m.heading, "bold") + 2 * m.pad  # the card's title
        height = head_h + sum(parts) + 3 * m.pad + 2 * m.pad
        self.rect = pygame.Rect(0, 0, width, min(h - 2 * m.pad, height))
        self.rect.center = (w // 2, h // 2)
        inner = pygame.Rect(self.rect.x + 2 * m.pad, self.rect.y + head_h, width - 4 * m.pad, height - head_h)
        info, field, error, buttons = layout.column(inner, *parts, gap=m.pad)
        self.info_pos, self.error_pos = info.topleft, error.topleft
        self.entry = self.add(pygame_gui.elements.UITextEntryLine(field, self.ui))
        self.entry.set_text(self.name_text)
        self.entry.focus()
        save, cancel = layout.row(buttons, None, None, gap=m.pad)
        self.add(
            pygame_gui.elements.UIButton(save, "Save (Enter)", self.ui, object_id=ObjectID(class_id="@primary")),
            Intent(Kind.ACTIVATE),
        )
        self.add(pygame_gui.elements.UIButton(cancel, "Cancel (Esc)", self.ui), Intent(Kind.BACK))

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

    handlers = {
        Kind.ACTIVATE: save,
        Kind.BACK: cancel,
        Kind.MENU: cancel,
        Kind.FOCUS_NEXT: keep_focus,
        Kind.FOCUS_PREV: keep_focus,
        Kind.ADJUST: keep_focus,
    }

    def draw(self, surface):
        m = self.m
        overlay.dim(surface, 170)
        overlay.draw_card(surface, self.rect, "Save the game", m)
        surface.blit(self.info.surface, self.info_pos)
        if self.error:
            block = text.Block([(self.error, m.body, palette.WARNING, "bold")], self.rect.width - 4 * m.pad)
            surface.blit(block.surface, self.error_pos)
