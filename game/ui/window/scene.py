"""Scenes on a stack: enter, exit, on_intent(intent), update(dt), draw(surface).

A scene builds its pygame_gui elements in `layout()` and drops them in `clear()`; the app calls
both on entering, on being covered or uncovered by another scene, and on every resize or scale
change, so there is one path from window size to widgets. `draw` never changes game state.
The app turns each event into an intent (intents.translate); a scene answers it through its table
of handlers, one method per kind of intent.
"""

from __future__ import annotations

import pygame
import pygame_gui

from . import intents, text
from .intents import Bindings, Intent, Kind
from ..widgets.button_list import ButtonList


class Scene:
    overlay = False  # drawn over the scene below it
    keys: list = intents.MENU_KEYS
    name = "scene"

    def __init__(self, app):
        self.app = app
        self.bindings = Bindings(self.keys)
        self.elements: list = []

    # -------------------------------------------------------------- lifecycle
    def enter(self):
        self.layout()

    def exit(self):
        self.clear()

    def cover(self):
        self.clear()

    def uncover(self):
        self.layout()

    def relayout(self):
        self.clear()
        self.layout()

    def layout(self):
        """Build widgets for the current window size and scale."""

    def clear(self):
        for element in self.elements:
            element.kill()
        self.elements.clear()
        self.bindings.clear()

    # -------------------------------------------------------------- helpers
    @property
    def ui(self) -> pygame_gui.UIManager:
        return self.app.ui

    @property
    def m(self):
        return self.app.metrics

    def add(self, element, intent: Intent | None = None):
        self.elements.append(element)
        if intent is not None:
            self.bindings.button(element, intent)
        return element

    def add_scroll_page_controls(self) -> int:
        """A reading page: the wheel scrolls it, and a "Back (Esc)" button sits at the top right.
        Returns the button's width."""
        m, w = self.m, self.app.size[0]
        self.bindings.wheel = lambda dy, pos: Intent(Kind.FOCUS_PREV if dy > 0 else Kind.FOCUS_NEXT)
        bw = text.size("Back (Esc)", m.body, "bold")[0] + 3 * m.pad
        self.add(
            pygame_gui.elements.UIButton(pygame.Rect(w - bw - m.pad, m.pad, bw, m.button_h), "Back (Esc)", self.ui),
            Intent(Kind.BACK),
        )
        return bw

    def typing(self) -> bool:
        focus = self.ui.get_focus_set()
        return bool(focus) and any(isinstance(e, pygame_gui.elements.UITextEntryLine) for e in focus)

    # -------------------------------------------------------------- input
    # What each intent does on this screen: Kind -> handler(scene, intent). A handler returns False
    # when it did not use the intent (then it goes on to the next screen down); anything else is used.
    handlers: dict = {}

    def on_intent(self, intent: Intent) -> bool:
        """Act on one intent through the handler table; return True when it was used."""
        handler = self.handlers.get(intent.kind)
        if handler is not None:
            return handler(self, intent) is not False
        if intent.kind is Kind.HELP:
            self.app.push(self.app.scene("help", self.keys))
            return True
        return False

    # -------------------------------------------------------------- frame
    def update(self, dt: float):
        pass

    def draw(self, surface: pygame.Surface):
        pass


class ListScene(Scene):
    """A screen whose buttons the keyboard walks (a ButtonList): ↑ ↓ Tab move, Enter presses."""

    def __init__(self, app):
        super().__init__(app)
        self.list = ButtonList()

    def move_focus(self, intent: Intent):
        step = intent.arg if intent.kind is Kind.ADJUST else 1 if intent.kind is Kind.FOCUS_NEXT else -1
        self.list.move(1 if step > 0 else -1)

    def press_focused(self, intent: Intent):
        chosen = self.list.focused_intent()
        if chosen is not None and chosen.kind is Kind.QUIT and Kind.QUIT not in self.handlers:
            self.app.ask_to_quit()  # a Quit button pressed with Enter asks as a click does
            return True
        return self.on_intent(chosen) if chosen else True

    def close(self, intent: Intent):
        self.app.pop()

    handlers = {
        Kind.FOCUS_NEXT: move_focus,
        Kind.FOCUS_PREV: move_focus,
        Kind.ACTIVATE: press_focused,
        Kind.BACK: close,
    }
