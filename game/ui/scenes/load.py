"""Load a saved game: the saves folder newest first, or any path; bad files are refused with a message."""

from __future__ import annotations

import time

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game.core.files.paths import shown_path
from game.core.files.schema import hidden_character
from game.core.model.errors import LoadError, one_line

from ..window import layout, palette, saving, text, userdata
from ..window.intents import Intent, Kind
from ..window.scene import ListScene

MAX_LISTED = 8
PATH_LABEL = "Or type a path to a saved game (.json):"


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


def shown_name(name) -> str:
    """A file name or path as the screen shows it: bytes that are not UTF-8 as \\xNN, and characters
    that draw nothing, break the line or turn the text around (U+202E) as \\uNNNN."""
    shown = shown_path(name)
    return "".join(f"\\u{ord(ch):04x}" if hidden_character(ch) else ch for ch in shown)


def refusal(exc: BaseException, path) -> str:
    """What the screen says about a save it refused: the LoadError's one line, or for a file
    too big or too deep to read at all, its name and that."""
    if isinstance(exc, LoadError):
        return shown_name(str(exc))
    return one_line(f"{shown_name(path)}: not a usable game record (too large or too deeply nested to read)")


class LoadScene(ListScene):
    name = "load"

    def __init__(self, app):
        super().__init__(app)
        self.error = ""
        self.path_text = ""

    def layout(self):
        m = self.m
        w, h = self.app.size
        width = min(w - 4 * m.pad, round(m.body * 44))
        x = (w - width) // 2
        y = 2 * m.pad
        self.head = text.Block(
            [
                ("Load a game", m.title, palette.TEXT, "bold"),
                (f"Saves folder: {userdata.data_dir()}", m.small, palette.MUTED, "regular"),
            ],
            width,
            gap=m.pad // 2,
        )
        self.head_pos = (x, y)
        y += self.head.height + m.pad
        rows_room = max(1, (h - y - 5 * m.button_h - 6 * m.pad) // (m.button_h + m.pad // 2))
        self.saves = saving.list_saves()[: min(MAX_LISTED, rows_room)]
        items = [
            (
                text.ellipsize(self._save_label(p), m.body, width - 4 * m.pad, "bold"),
                Intent(Kind.OPEN_FILE, str(p)),
                True,
                shown_name(p),
            )
            for p in self.saves
        ]
        self.empty = not items
        self.list_top = y
        if self.empty:
            y += text.line_height(m.body) + m.pad
        y = self.list.build(self, items, x, y, width, m.button_h, m.pad // 2) if items else y
        self.path_label_pos = (x, y + m.pad // 2)
        y += text.line_height(m.body) + m.pad
        self._path_controls(pygame.Rect(x, y, width, m.button_h))
        y += 2 * m.button_h + m.pad // 2 + m.pad
        self.error_pos = (x, y)
        self.error_w = width
        self.list.show()

    @staticmethod
    def _save_label(path) -> str:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(saving.modified(path)))
        return ("Autosave" if path == userdata.autosave_path() else shown_name(path.stem)) + f" · {when}"

    def _path_controls(self, field: pygame.Rect):
        """The path box, and under it "Load this path" and "Back"; the box and the first button join the list."""
        m = self.m
        typed = Intent(Kind.OPEN_FILE, None)
        self.entry = self.add(pygame_gui.elements.UITextEntryLine(field, self.ui))
        self.entry.set_text(self.path_text)
        below = field.move(0, field.height + m.pad // 2)
        load_rect, back_rect = layout.row(below, None, None, gap=m.pad)
        load = self.add(
            pygame_gui.elements.UIButton(load_rect, "Load this path", self.ui, object_id=ObjectID(class_id="@primary")),
            typed,
        )
        self.add(pygame_gui.elements.UIButton(back_rect, "Back (Esc)", self.ui), Intent(Kind.BACK))
        self.list.buttons += [(self.entry, typed, True), (load, typed, True)]

    def move_focus(self, intent):
        super().move_focus(intent)
        focused = self.list.buttons[self.list.focus][0] if self.list.buttons else None
        if focused is self.entry:
            self.entry.focus()
        else:
            self.entry.unfocus()

    def press_focused(self, intent):
        if self.entry.is_focused:
            return self.open_file(Intent(Kind.OPEN_FILE, None))
        return super().press_focused(intent)

    def open_file(self, intent):
        path = intent.arg
        if path is None:
            self.path_text = self.entry.get_text().strip()
            if not self.path_text:
                self.error = "Type the path of a saved game first."
                self.relayout()
                return
            path = self.path_text
        open_game(self.app, path)

    handlers = ListScene.handlers | {
        Kind.FOCUS_NEXT: move_focus,
        Kind.FOCUS_PREV: move_focus,
        Kind.ACTIVATE: press_focused,
        Kind.OPEN_FILE: open_file,
    }

    def draw(self, surface):
        m = self.m
        surface.fill(palette.BACKGROUND)
        surface.blit(self.head.surface, self.head_pos)
        if self.empty:
            surface.blit(
                text.render("No saved games yet.", m.body, palette.MUTED, "italic"), (self.head_pos[0], self.list_top)
            )
        surface.blit(text.render(PATH_LABEL, m.body, palette.TEXT, "bold"), self.path_label_pos)
        if self.error:
            block = text.Block(
                [
                    ("Refused: " + self.error, m.body, palette.WARNING, "bold"),
                    ("No file was changed.", m.small, palette.MUTED, "regular"),
                ],
                self.error_w,
                gap=2,
            )
            surface.blit(block.surface, self.error_pos)
