"""After P in the debrief: where the page to print went, shown until dismissed, with the PDF or its folder
one key away in the system's own viewer."""

from __future__ import annotations

from ..window import palette, saving, text
from ..window.intents import Intent, Kind
from ..window.scene import ListScene
from ..widgets.button_list import ButtonList
from . import overlay


class PrintedNotice(ListScene):
    name = "printed"
    overlay = True

    def __init__(self, app, folder):
        super().__init__(app)
        self.folder = folder

    def layout(self):
        m = self.m
        w, h = self.app.size
        items = [
            (
                "Open the PDF (Enter)",
                Intent(Kind.OPEN_FILE, self.folder / "debrief.pdf"),
                True,
                "In the system's viewer",
            ),
            ("Open the folder", Intent(Kind.OPEN_FILE, self.folder), True, "In the system's file manager"),
            ("Close (Esc)", Intent(Kind.BACK), True, None),
        ]
        self.rect = overlay.card_rect(self.app.size, m, 0.8, 0.7)
        inner = self.rect.width - 4 * m.pad
        bw = min(ButtonList.width_for([i[0] for i in items], m.body, m.pad), inner)
        columns = max(1, min(len(items), (inner + m.pad) // (bw + m.pad)))
        rows = -(-len(items) // columns)
        buttons_h = rows * (m.button_h + m.pad)
        head = text.line_height(m.heading, "bold") + m.pad
        words = [
            (
                "debrief.pdf, one page to print (A4), is in this game's folder, with debrief.png, the record "
                "(record.csv, game.json) and charts.png:",
                m.body,
                palette.TEXT,
                "regular",
            ),
            (str(self.folder), m.body, palette.FOCUS, "bold"),
            ("Printing the same game again writes over these files.", m.small, palette.MUTED, "italic"),
        ]
        room = h - 2 * m.pad - head - buttons_h - 2 * m.pad
        self.block = text.fit(
            lambda px: [(t, round(px * s / m.body), c, st) for t, s, c, st in words],
            inner,
            room,
            m.body,
            min_px=text.MIN_PX,
        )
        self.rect.height = head + self.block.height + buttons_h + 2 * m.pad
        self.rect.center = (w // 2, h // 2)
        self.text_pos = (self.rect.x + 2 * m.pad, self.rect.y + head)
        self.list.build(
            self, items, self.rect.x + 2 * m.pad, self.rect.bottom - buttons_h, bw, m.button_h, m.pad, None, columns
        )

    def open_file(self, intent):
        try:
            saving.open_in_viewer(intent.arg)
        except OSError as exc:
            self.app.say(f"Could not open it: {exc.strerror or exc}")

    handlers = ListScene.handlers | {Kind.OPEN_FILE: open_file}

    def draw(self, surface):
        overlay.dim(surface, 170)
        overlay.draw_card(surface, self.rect, "Printed", self.m)
        surface.blit(self.block.surface, self.text_pos)
