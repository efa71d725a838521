"""Which world is this? A human states how likely it thinks the spiral world is, 0–100%.

In a hidden game (Game.belief_due) each human is asked after a third and two thirds of the turn
limit and at the end, in hot-seat behind its own pass screen. The prompt explains both worlds in
one neutral line and hints at neither. The chance is set with the keys (← → by 5, Shift or ↑ ↓ by
10, digits typed as a number) or the slider, and Enter states it at the table (Table.state_belief).
"""

from __future__ import annotations

import time

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game.core.teaching.debrief import BOTH_WORLDS

from ..window import intents, layout, palette, text
from ..window.intents import Intent, Kind
from ..window.scene import Scene
from . import overlay
from .help import register_screen_keys

BELIEF_KEYS = register_screen_keys("Which world is this?", intents.BELIEF_KEYS)
TYPING_PAUSE = 1.5  # seconds after which a digit starts a new number
QUESTION = "How likely is it that this game is in the spiral world?"


def leaning(percent: int) -> str:
    """The stated chance in words, naming both worlds evenly."""
    if percent <= 0:
        return "sure it is the deterrence world"
    if percent >= 100:
        return "sure it is the spiral world"
    if percent == 50:
        return "no idea either way"
    if percent < 50:
        return "leaning to the deterrence world" if percent >= 20 else "nearly sure of the deterrence world"
    return "leaning to the spiral world" if percent <= 80 else "nearly sure of the spiral world"


class BeliefScene(Scene):
    """Over the dimmed play screen: the question, a large percentage, a slider and two buttons."""

    overlay = True
    keys = BELIEF_KEYS
    name = "belief"

    def __init__(self, app, table, actor: int, on_done=None, final: bool = False):
        super().__init__(app)
        self.table, self.game, self.actor, self.on_done, self.final = table, table.game, actor, on_done, final
        previous = table.private_view(actor)["beliefs"]
        self.value = round(100 * previous[-1][1]) if previous else 50
        self.previous = previous[-1] if previous else None
        self.typed, self.typed_at = "", 0.0
        self.slider = None
        self.seen = None
        self.state_button = None

    # ------------------------------------------------------------------ layout
    def layout(self):
        m, pad = self.m, self.m.pad
        w, h = self.app.size
        width = min(w - 4 * pad, max(round(m.body * 40), w * 3 // 5))
        fixed = self._fixed_height()
        room = max(text.line_height(m.body) * 3, h - 2 * pad - fixed)
        least = max(11, round(m.body * 0.75))
        self.block = text.fit(self._paragraphs, width - 4 * pad, room, m.body, min_px=least, gap_ratio=0.5)
        self.rect = pygame.Rect(0, 0, width, min(h - 2 * pad, fixed + self.block.height))
        self.rect.center = (w // 2, h // 2)
        self._place_parts()
        self._buttons()

    def _paragraphs(self, px: int) -> list:
        """Who is asked and when, both worlds in one line, the question, and the last answer given."""
        name = self.game.scenario.actors[self.actor].name
        when = "at the end of the game" if self.final else f"after turn {self.game.turn} of {self.game.turn_limit}"
        private = " · only you see this" if len(self.game.humans) > 1 else ""
        out = [
            (f"{name} · {when}{private}", px, palette.MUTED, "bold"),
            (BOTH_WORLDS + " Nobody has been told which one this game is in.", px, palette.TEXT, "regular"),
            (QUESTION, round(px * 1.15), palette.FOCUS, "bold"),
        ]
        if self.previous is not None:
            mine = f"Your last answer, after turn {self.previous[0]}: {100 * self.previous[1]:.0f}%."
            out.append((mine, px, palette.MUTED, "italic"))
        return out

    def _fixed_height(self) -> int:
        """The box's height apart from the paragraphs: heading, percentage, words, slider, ends, buttons."""
        m, pad = self.m, self.m.pad
        lines = text.line_height(m.heading, "bold") + text.line_height(m.title, "bold") + text.line_height(m.body)
        return lines + round(m.body * 1.6) + text.line_height(m.small, "bold") + 2 * m.button_h + 9 * pad

    def _place_parts(self):
        """Under the heading, top to bottom: the paragraphs, the percentage, its words, the slider, the
        slider's ends and the keys hint."""
        m, pad = self.m, self.m.pad
        top = self.rect.y + pad + text.line_height(m.heading, "bold") + pad
        below = pygame.Rect(self.rect.x + 2 * pad, top, self.rect.width - 4 * pad, self.rect.bottom - top)
        big, words = text.line_height(m.title, "bold"), text.line_height(m.body)
        heights = (self.block.height, pad, big, words, pad, round(m.body * 1.6), 2, text.line_height(m.small, "bold"))
        block, _, big, words, _, self.slider_rect, _, ends, _, hint = layout.column(below, *heights, pad, None)
        self.block_pos, self.big_y, self.words_y = block.topleft, big.y, words.y
        self.ends_y, self.hint_y = ends.y, hint.y
        self.big_px = m.title
        self.slider = self.add(
            pygame_gui.elements.UIHorizontalSlider(self.slider_rect, self.value, (0, 100), self.ui, click_increment=5)
        )
        self.seen = self.slider.get_current_value()

    def _buttons(self):
        """State the chance (Enter) at the box's bottom right, and back to the screen (Esc) beside it."""
        m, pad = self.m, self.m.pad
        back = "Back to the last turn (Esc)" if self.final else "Look at the screen first (Esc)"
        state_w = text.size(self._state_label(100), m.body, "bold")[0] + 3 * pad
        back_w = text.size(back, m.body, "bold")[0] + 3 * pad
        by = self.rect.bottom - pad - m.button_h
        state_rect = pygame.Rect(self.rect.right - 2 * pad - state_w, by, state_w, m.button_h)
        back_rect = pygame.Rect(state_rect.x - pad - back_w, by, back_w, m.button_h)
        self.state_button = self.add(
            pygame_gui.elements.UIButton(
                state_rect,
                self._state_label(self.value),
                self.ui,
                object_id=ObjectID(class_id="@primary"),
                tool_tip_text="Enter: state this chance",
            ),
            Intent(Kind.ACTIVATE),
        )
        self.add(pygame_gui.elements.UIButton(back_rect, back, self.ui), Intent(Kind.BACK))

    @staticmethod
    def _state_label(value: int) -> str:
        return f"State {value}% (Enter)"

    def _set(self, value: int):
        self.value = max(0, min(100, int(value)))
        if self.slider is not None and round(self.slider.get_current_value()) != self.value:
            self.slider.set_current_value(self.value, warn=False)
            self.seen = self.slider.get_current_value()
        if self.state_button is not None:
            self.state_button.set_text(self._state_label(self.value))

    # ------------------------------------------------------------------ intents
    def on_intent(self, intent):
        k = intent.kind
        if k is Kind.BELIEF_STEP:
            self.typed = ""
            self._set(self.value + int(intent.arg))
            return True
        if k is Kind.BELIEF_DIGIT:
            now = time.monotonic()
            if intent.arg == -1:
                self.typed = self.typed[:-1]
            elif not self.typed or len(self.typed) >= 3 or now - self.typed_at > TYPING_PAUSE or self.typed == "0":
                self.typed = str(intent.arg)
            else:
                self.typed += str(intent.arg)
            self.typed_at = now
            if self.typed:
                self._set(min(100, int(self.typed)))
            return True
        if k is Kind.ACTIVATE:
            self.table.state_belief(self.actor, self.value / 100.0)
            self.app.pop()
            if self.on_done is not None:
                self.on_done(self.actor)
            return True
        if k in (Kind.BACK, Kind.MENU):
            self.app.pop()
            return True
        return super().on_intent(intent)

    def update(self, dt: float):
        if self.slider is None:
            return
        current = self.slider.get_current_value()
        if current != self.seen:
            self.seen = current
            self.typed = ""
            self._set(round(current / 5) * 5 if abs(current - round(current)) > 0.01 else round(current))

    # ------------------------------------------------------------------ drawing
    def draw(self, surface):
        m = self.m
        overlay.dim(surface, 215)
        overlay.draw_card(surface, self.rect, "Which world is this?", m)
        surface.blit(self.block.surface, self.block_pos)
        big = text.render(f"{self.value}%", self.big_px, palette.TEXT, "bold")
        surface.blit(big, big.get_rect(midtop=(self.rect.centerx, self.big_y)))
        words = text.render(leaning(self.value), m.body, palette.MUTED, "italic")
        surface.blit(words, words.get_rect(midtop=(self.rect.centerx, self.words_y)))
        left = text.render("0%: the deterrence world", m.small, palette.MUTED, "bold")
        right = text.render("100%: the spiral world", m.small, palette.MUTED, "bold")
        surface.blit(left, (self.slider_rect.x, self.ends_y))
        surface.blit(right, right.get_rect(topright=(self.slider_rect.right, self.ends_y)))
        hint = "← → by 5 · Shift+← → or ↑ ↓ by 10 · type 0–100 · Enter states it"
        line = text.first_fitting([hint, "← → 5 · ↑ ↓ 10 · digits · Enter"], m.small, self.slider_rect.width, "bold")
        img = text.render(line, m.small, palette.FOCUS, "bold")
        surface.blit(img, img.get_rect(midtop=(self.rect.centerx, self.hint_y)))
