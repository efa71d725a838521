"""The game menu (Esc during play): resume, save, text size, fullscreen, keys, title screen, quit."""

from __future__ import annotations

from ..window import palette, text
from ..window.intents import Intent, Kind
from ..window.scene import ListScene
from ..widgets.button_list import ButtonList
from . import overlay


class GameMenu(overlay.GameOverlay, ListScene):
    name = "menu"

    def items(self):
        scale = f"{self.app.scale:.2f}".rstrip("0").rstrip(".")
        return [
            ("Resume (Esc)", Intent(Kind.BACK), True, None),
            ("Save as… (Ctrl+S)", Intent(Kind.SAVE), True, "Save the game to a named file in your saves folder."),
            (
                f"Larger text (now {scale}×)",
                Intent(Kind.SCALE_UP),
                self.app.scale < 2.0,
                "Font scale for projectors, up to 2×.",
            ),
            ("Smaller text", Intent(Kind.SCALE_DOWN), self.app.scale > 1.0, "Font scale down to 1×."),
            ("Fullscreen on/off (F11)", Intent(Kind.FULLSCREEN), True, None),
            ("Keys (F1)", Intent(Kind.HELP), True, None),
            ("Title screen", Intent(Kind.TITLE), True, "The game is autosaved: Continue picks it up."),
            ("Quit (Ctrl+Q)", Intent(Kind.QUIT), True, "The game is autosaved after every turn."),
        ]

    def layout(self):
        m = self.m
        w, h = self.app.size
        items = self.items()
        bw = min(w - 4 * m.pad, ButtonList.width_for([i[0] for i in items], m.body, m.pad))
        gap = m.pad // 2
        head_h = text.line_height(m.heading, "bold") + m.pad  # the card's title
        hint_h = text.line_height(m.small) + m.pad  # the hint on its own line below it
        columns = 1
        if len(items) * (m.button_h + gap) + head_h + hint_h + 2 * m.pad > h - 2 * m.pad:
            columns = 2  # large text: two columns rather than off the screen
            bw = min((w - 6 * m.pad - gap) // 2, bw)
        rows = -(-len(items) // columns)
        total = rows * (m.button_h + gap) + head_h + hint_h + 2 * m.pad
        self.rect = overlay.card_rect(self.app.size, m)
        self.rect.size = (columns * bw + (columns - 1) * gap + 4 * m.pad, min(h - 2 * m.pad, total))
        self.rect.center = (w // 2, h // 2)
        self.hint_y = self.rect.y + head_h
        top = self.hint_y + hint_h + m.pad // 2
        self.list.build(self, items, self.rect.x + 2 * m.pad, top, bw, m.button_h, gap, None, columns)

    def save(self, intent):
        self.app.replace(self.app.scene("save", self.game))

    def step_scale(self, intent):
        # the screen underneath lays itself out again when the menu closes
        self.app.step_scale(1 if intent.kind is Kind.SCALE_UP else -1)

    def fullscreen(self, intent):
        self.app.toggle_fullscreen()

    def title_screen(self, intent):
        self.app.reset(self.app.scene("title"))

    handlers = ListScene.handlers | {
        Kind.MENU: ListScene.close,
        Kind.SAVE: save,
        Kind.SCALE_UP: step_scale,
        Kind.SCALE_DOWN: step_scale,
        Kind.FULLSCREEN: fullscreen,
        Kind.TITLE: title_screen,
    }

    def draw(self, surface):
        overlay.dim(surface, 170)
        overlay.draw_card(surface, self.rect, "Game menu", self.m)
        hint = text.render("↑ ↓ then Enter, or click", self.m.small, palette.MUTED)
        if hint.get_width() <= self.rect.width - 4 * self.m.pad:
            surface.blit(hint, (self.rect.x + 2 * self.m.pad, self.hint_y))
