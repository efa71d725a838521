"""Quit while a game is running: asked first, since a click on the window's close box is easily made."""

from __future__ import annotations

from ..window import palette, text
from ..window.intents import Intent, Kind
from ..window.scene import ListScene
from ..widgets.button_list import ButtonList
from . import overlay

QUESTION = "Quit the game? It is saved after every turn: Continue on the title screen picks it up."


class QuitConfirm(ListScene):
    name = "quit-confirm"
    overlay = True

    def layout(self):
        m = self.m
        w, h = self.app.size
        items = [("Quit (Enter)", Intent(Kind.QUIT), True, None), ("Keep playing (Esc)", Intent(Kind.BACK), True, None)]
        bw = ButtonList.width_for([i[0] for i in items], m.body, m.pad)
        self.rect = overlay.card_rect(self.app.size, m, 0.6, 0.5)
        inner = self.rect.width - 4 * m.pad
        self.block = text.Block([(QUESTION, m.body, palette.TEXT, "regular")], inner)
        head = text.line_height(m.heading, "bold") + m.pad
        self.rect.height = min(h - 2 * m.pad, head + self.block.height + m.button_h + 4 * m.pad)
        self.rect.center = (w // 2, h // 2)
        self.text_pos = (self.rect.x + 2 * m.pad, self.rect.y + head + m.pad // 2)
        gap = m.pad
        bw = min(bw, (inner - gap) // 2)
        self.list.build(
            self, items, self.rect.x + 2 * m.pad, self.rect.bottom - m.button_h - m.pad, bw, m.button_h, gap, None, 2
        )

    def confirm(self, intent):
        self.app.quit(0)

    handlers = ListScene.handlers | {Kind.QUIT: confirm}

    def draw(self, surface):
        overlay.dim(surface, 170)
        overlay.draw_card(surface, self.rect, "Quit?", self.m)
        surface.blit(self.block.surface, self.text_pos)
