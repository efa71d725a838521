"""The game menu (Esc during play): resume, save, text size, fullscreen, keys, title screen, quit."""
from __future__ import annotations

from .. import intents, palette, text
from ..intents import Intent, Kind
from ..scene import Scene
from ..widgets.button_list import ButtonList
from . import overlay


class GameMenu(Scene):
    overlay = True
    keys = intents.MENU_KEYS
    name = "menu"

    def __init__(self, app, game):
        super().__init__(app)
        self.game = game
        self.list = ButtonList()

    def items(self):
        scale = f"{self.app.scale:.2f}".rstrip("0").rstrip(".")
        return [
            ("Resume (Esc)", Intent(Kind.BACK), True, None),
            ("Save as… (Ctrl+S)", Intent(Kind.SAVE), True, "Save the game to a named file in your saves folder."),
            (f"Larger text (now {scale}×)", Intent(Kind.SCALE_UP), self.app.scale < 2.0, "Font scale for projectors, up to 2×."),
            ("Smaller text", Intent(Kind.SCALE_DOWN), self.app.scale > 1.0, "Font scale down to 1×."),
            ("Fullscreen on/off (F11)", Intent(Kind.FULLSCREEN), True, None),
            ("Keys (F1)", Intent(Kind.HELP), True, None),
            ("Title screen", Intent(Kind.PICK, "title"), True, "The game is autosaved: Continue picks it up."),
            ("Quit (Ctrl+Q)", Intent(Kind.QUIT), True, "The game is autosaved after every turn."),
        ]

    def layout(self):
        m = self.m
        w, h = self.app.size
        items = self.items()
        bw = min(w - 4 * m.pad, ButtonList.width_for([i[0] for i in items], m.body, m.pad))
        gap = m.pad // 2
        head_h = text.line_height(m.heading, "bold") + m.pad     # the card's title
        hint_h = text.line_height(m.small) + m.pad                # the hint on its own line below it
        columns = 1
        if len(items) * (m.button_h + gap) + head_h + hint_h + 2 * m.pad > h - 2 * m.pad:
            columns = 2                                  # large text: two columns rather than off the screen
            bw = min((w - 6 * m.pad - gap) // 2, bw)
        rows = -(-len(items) // columns)
        total = rows * (m.button_h + gap) + head_h + hint_h + 2 * m.pad
        self.rect = overlay.card_rect(self.app.size, m)
        self.rect.size = (columns * bw + (columns - 1) * gap + 4 * m.pad, min(h - 2 * m.pad, total))
        self.rect.center = (w // 2, h // 2)
        self.hint_y = self.rect.y + head_h
        top = self.hint_y + hint_h + m.pad // 2
        self.list.build(self, items, self.rect.x + 2 * m.pad, top, bw, m.button_h, gap, None, columns)

    def on_intent(self, intent):
        k = intent.kind
        if k is Kind.FOCUS_NEXT or k is Kind.FOCUS_PREV:
            self.list.move(1 if k is Kind.FOCUS_NEXT else -1)
            return True
        if k is Kind.ACTIVATE:
            chosen = self.list.focused_intent()
            return self.on_intent(chosen) if chosen else True
        if k is Kind.BACK or k is Kind.MENU:
            self.app.pop()
            return True
        if k is Kind.SAVE:
            self.app.replace(self.app.scene("save", self.game))
            return True
        if k in (Kind.SCALE_UP, Kind.SCALE_DOWN):
            self.app.step_scale(1 if k is Kind.SCALE_UP else -1)
            # the screen underneath lays itself out again when the menu closes
            return True
        if k is Kind.FULLSCREEN:
            self.app.toggle_fullscreen()
            return True
        if k is Kind.PICK and intent.arg == "title":
            self.app.reset(self.app.scene("title"))
            return True
        return super().on_intent(intent)

    def draw(self, surface):
        overlay.dim(surface, 170)
        overlay.draw_card(surface, self.rect, "Game menu", self.m)
        hint = text.render("↑ ↓ then Enter, or click", self.m.small, palette.MUTED)
        if hint.get_width() <= self.rect.width - 4 * self.m.pad:
            surface.blit(hint, (self.rect.x + 2 * self.m.pad, self.hint_y))
