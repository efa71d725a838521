"""The title screen: the game's name, what it is about, and the menu from title_menu's list."""

from __future__ import annotations

import pygame

from ..window import palette, text, userdata
from ..menus import title_menu
from ..window.intents import Intent, Kind
from ..window.scene import ListScene
from ..widgets.button_list import ButtonList

TAGLINE = (
    "Regional security in East Asia, turn by turn: arm, ally and pressure — or talk, reassure and trade? "
    "The same events read two ways, and the hidden worldview decides which works."
)


class TitleScene(ListScene):
    name = "title"
    still = True  # nothing moves: the window waits for input

    def layout(self):
        m = self.m
        w, h = self.app.size
        entries = title_menu.entries()
        items = [(e.label, Intent(Kind.MENU_ENTRY, e), bool(e.enabled(self.app)), e.tooltip) for e in entries]
        width = min(w - 4 * m.pad, round(w * 0.8))
        self.footer = self._footer(w, folder=True)
        footer_h = self.footer.height + m.pad
        item_h = round(m.px(22) * 2.1)
        gap = m.pad
        # a long menu at large text sizes takes two or three columns rather than running off the
        # screen, and then the tagline gives way to it (the title stays)
        # the name on one line: at large sizes it may give up some of its growth, never below its 1.0 size
        title_px = m.title
        while text.size("Deterrence or Dialogue", title_px, "bold")[0] > width and title_px > round(44 * m.k):
            title_px -= 2
        for tagline, columns in ((True, 1), (True, 2), (False, 2), (False, 3)):
            head = [("Deterrence or Dialogue", title_px, palette.TEXT, "bold")]
            if tagline:
                head.append((TAGLINE, m.heading, palette.MUTED, "regular"))
            self.head = text.Block(head, width, gap=m.pad)
            list_h = -(-len(items) // columns) * (item_h + gap)
            if list_h <= h - self.head.height - footer_h - 4 * m.pad:
                break
        item_w = ButtonList.width_for([i[0] for i in items], m.px(22), m.pad)
        if columns > 2 and columns * item_w > w - 4 * m.pad:
            columns = 2  # three columns too narrow for the labels
        rows = -(-len(items) // columns)
        room = h - self.head.height - footer_h - 4 * m.pad
        if rows * (item_h + gap) > room:  # still too tall: closer, lower buttons, never smaller text
            gap = m.pad // 2
            if rows * (m.button_h + gap) > room:  # and the saves folder's line gives way (Load lists them)
                self.footer = self._footer(w, folder=False)
                room += footer_h - self.footer.height - m.pad
                footer_h = self.footer.height + m.pad
            item_h = max(m.button_h, room // rows - gap)
        list_h = rows * (item_h + gap)
        top = max(m.pad * 2, (h - self.head.height - list_h - footer_h - 3 * m.pad) // 2)
        self.head_pos = ((w - width) // 2, top)
        bw = min(
            (w - 4 * m.pad - (columns - 1) * gap) // columns,
            max(ButtonList.width_for([i[0] for i in items], m.px(22), m.pad), round(m.body * 16)),
        )
        x = (w - columns * bw - (columns - 1) * gap) // 2
        self.list.build(self, items, x, top + self.head.height + 2 * m.pad, bw, item_h, gap, "@menu_item", columns)
        self.footer_pos = (2 * m.pad, h - self.footer.height - m.pad)

    def _footer(self, w: int, folder: bool) -> text.Block:
        """The keys in one line, and where saves and exports go (when there is room for it)."""
        m = self.m
        lines = [
            ("↑ ↓ then Enter, or click · F1: keys · F11: fullscreen · Ctrl+Q: quit", m.small, palette.MUTED, "regular")
        ]
        if folder:
            lines.append((f"Saves and exports: {userdata.data_dir()}", m.small, palette.FAINT, "regular"))
        return text.Block(lines, w - 4 * m.pad)

    def open_entry(self, intent):
        if intent.arg.enabled(self.app):
            intent.arg.open(self.app)

    def stay(self, intent):
        """Esc on the title screen: there is nowhere further back to go (Ctrl+Q quits)."""

    handlers = ListScene.handlers | {Kind.ADJUST: ListScene.move_focus, Kind.MENU_ENTRY: open_entry, Kind.BACK: stay}

    def draw(self, surface):
        surface.fill(palette.BACKGROUND)
        m = self.m
        w, _ = surface.get_size()
        # the two concepts' colours side by side under the title: neither one first in weight
        x, y = self.head_pos
        bar_y = y + self.head.height + m.pad // 2
        half = self.head.width // 2
        pygame.draw.rect(surface, palette.DETERRENCE, (x, bar_y, half - 2, 4))
        pygame.draw.rect(surface, palette.DIALOGUE, (x + half + 2, bar_y, half - 2, 4))
        surface.blit(self.head.surface, self.head_pos)
        surface.blit(self.footer.surface, self.footer_pos)
