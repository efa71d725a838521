"""Load a saved game: the saves folder newest first, or any path; bad files are refused with a message."""
from __future__ import annotations

import time

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game.core.model.errors import LoadError, one_line

from .. import intents, palette, saving, text, userdata
from ..intents import Intent, Kind
from ..scene import Scene
from ..widgets.button_list import ButtonList

MAX_LISTED = 8


def open_game(app, path) -> bool:
    """Load path and show it (play, or the debrief of a finished game); on failure show why on the load screen."""
    try:
        game = saving.load(path)
    except (LoadError, RecursionError, MemoryError) as exc:
        top = app.top
        if isinstance(top, LoadScene):
            top.error = refusal(exc, path)
            top.relayout()
        else:
            scene = LoadScene(app)
            scene.error = refusal(exc, path)
            app.push(scene)
        return False
    scene = app.scene("debrief" if game.over else "play", game)
    app.reset(app.scene("title"))
    app.push(scene)
    return True


def refusal(exc: BaseException, path) -> str:
    """What the screen says about a save it refused: the LoadError's one line, or for a file
    too big or too deep to read at all, its name and that."""
    if isinstance(exc, LoadError):
        return str(exc)
    return one_line(f"{path}: not a usable game record (too large or too deeply nested to read)")


class LoadScene(Scene):
    keys = intents.MENU_KEYS
    name = "load"

    def __init__(self, app):
        super().__init__(app)
        self.list = ButtonList()
        self.error = ""
        self.path_text = ""

    def layout(self):
        m = self.m
        w, h = self.app.size
        width = min(w - 4 * m.pad, round(m.body * 44))
        x = (w - width) // 2
        y = 2 * m.pad
        self.head = text.Block([("Load a game", m.title, palette.TEXT, "bold"),
                                (f"Saves folder: {userdata.data_dir()}", m.small, palette.MUTED, "regular")], width, gap=m.pad // 2)
        self.head_pos = (x, y)
        y += self.head.height + m.pad
        self.saves = saving.list_saves()[:MAX_LISTED]
        rows_room = max(1, (h - y - 5 * m.button_h - 6 * m.pad) // (m.button_h + m.pad // 2))
        self.saves = self.saves[:rows_room]
        items = []
        for p in self.saves:
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(saving.modified(p)))
            label = ("Autosave" if p == userdata.autosave_path() else p.stem) + f" · {when}"
            items.append((text.ellipsize(label, m.body, width - 4 * m.pad, "bold"), Intent(Kind.PICK, ("file", str(p))), True, str(p)))
        self.empty = not items
        self.list_top = y
        if self.empty:
            y += text.line_height(m.body) + m.pad
        path_label = "Or type a path to a saved game (.json):"
        items_path = [("Load this path", Intent(Kind.PICK, ("path", None)), True, "Load the file named in the box above.")]
        y = self.list.build(self, items + [], x, y, width, m.button_h, m.pad // 2) if items else y
        self.path_label_pos = (x, y + m.pad // 2)
        y += text.line_height(m.body) + m.pad
        self.entry = pygame_gui.elements.UITextEntryLine(pygame.Rect(x, y, width, m.button_h), self.ui)
        self.entry.set_text(self.path_text)
        self.add(self.entry)
        y += m.button_h + m.pad // 2
        bw = (width - m.pad) // 2
        load = pygame_gui.elements.UIButton(pygame.Rect(x, y, bw, m.button_h), "Load this path", self.ui,
                                            object_id=ObjectID(class_id="@primary"))
        self.add(load, items_path[0][1])
        self.add(pygame_gui.elements.UIButton(pygame.Rect(x + bw + m.pad, y, bw, m.button_h), "Back (Esc)", self.ui),
                 Intent(Kind.BACK))
        self.list.buttons += [(self.entry, items_path[0][1], True), (load, items_path[0][1], True)]
        self.path_label = path_label
        y += m.button_h + m.pad
        self.error_pos = (x, y)
        self.error_w = width
        self.list.show()

    def on_intent(self, intent):
        k = intent.kind
        if k in (Kind.FOCUS_NEXT, Kind.FOCUS_PREV):
            self.list.move(1 if k is Kind.FOCUS_NEXT else -1)
            focused = self.list.buttons[self.list.focus][0] if self.list.buttons else None
            if focused is self.entry:
                self.entry.focus()
            else:
                self.entry.unfocus()
            return True
        if k is Kind.ACTIVATE:
            if self.entry.is_focused:
                return self.on_intent(Intent(Kind.PICK, ("path", None)))
            chosen = self.list.focused_intent()
            return self.on_intent(chosen) if chosen else True
        if k is Kind.PICK:
            kind, value = intent.arg
            if kind == "path":
                self.path_text = self.entry.get_text().strip()
                if not self.path_text:
                    self.error = "Type the path of a saved game first."
                    self.relayout()
                    return True
                value = self.path_text
            open_game(self.app, value)
            return True
        if k is Kind.BACK:
            self.app.pop()
            return True
        return super().on_intent(intent)

    def draw(self, surface):
        m = self.m
        surface.fill(palette.BACKGROUND)
        surface.blit(self.head.surface, self.head_pos)
        if self.empty:
            surface.blit(text.render("No saved games yet.", m.body, palette.MUTED, "italic"), (self.head_pos[0], self.list_top))
        surface.blit(text.render(self.path_label, m.body, palette.TEXT, "bold"), self.path_label_pos)
        if self.error:
            block = text.Block([("Refused: " + self.error, m.body, palette.WARNING, "bold"),
                                ("No file was changed.", m.small, palette.MUTED, "regular")], self.error_w, gap=2)
            surface.blit(block.surface, self.error_pos)
