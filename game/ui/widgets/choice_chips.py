"""Tick boxes laid out in columns, drawn by the scene, with a tooltip each.

pygame_gui buttons have no ticked state of their own (their "selected" look is the focus ring
here), and their font lacks a tick mark, so the chips are drawn with shapes; a transparent label
over each one carries its tooltip, and a click zone turns the click into a CHIP intent.
"""

from __future__ import annotations

import math

import pygame
import pygame_gui

from ..window import palette, text
from ..window.intents import Intent, Kind


class ChoiceChips:
    def __init__(self, group: str):
        self.group = group
        self.items: list[tuple[str, str, str]] = []  # key, label, tooltip
        self.rects: dict[str, pygame.Rect] = {}
        self.colours: dict[str, tuple] = {}
        self.px = 14

    @staticmethod
    def rows_needed(n: int, columns: int) -> int:
        return math.ceil(n / max(1, columns))

    @staticmethod
    def fit_px(labels, col_w: int, row_h: int, px: int) -> int:
        """The largest text size (down to 10) at which every label fits a chip col_w wide."""
        inset = max(4, row_h // 5)
        room = col_w - round(row_h * 0.5) - 3 * inset - 6
        while px > 10 and max((text.size(label, px)[0] for label in labels), default=0) > room:
            px -= 1
        return px

    def build(self, scene, items, rect, columns: int, row_h: int, gap: int, px: int, colours=None) -> int:
        """Lay the chips out down the columns of rect, with labels at px; returns the bottom y."""
        self.items = list(items)
        self.colours = dict(colours or {})
        self.rects = {}
        rect = pygame.Rect(rect)
        rows = self.rows_needed(len(self.items), columns)
        col_w = (rect.width - gap * (columns - 1)) // max(1, columns)
        self.px = self.fit_px([label for _, label, _ in self.items], col_w, row_h, px)
        bottom = rect.y
        for k, (key, label, tip) in enumerate(self.items):
            col, row = divmod(k, rows)
            r = pygame.Rect(rect.x + col * (col_w + gap), rect.y + row * (row_h + gap // 2), col_w, row_h)
            self.rects[key] = r
            scene.bindings.zone(r, Intent(Kind.CHIP, (self.group, key)))
            if tip:
                carrier = pygame_gui.elements.UILabel(r, "", scene.ui)
                carrier.set_tooltip(tip)
                scene.add(carrier)
            bottom = max(bottom, r.bottom)
        return bottom

    def keys(self) -> list[str]:
        return [key for key, _, _ in self.items]

    def draw(self, surface, ticked, disabled=()):
        for key, label, _ in self.items:
            r = self.rects.get(key)
            if r is None:
                continue
            on = key in ticked
            off = key in disabled
            pygame.draw.rect(surface, palette.PANEL, r, border_radius=6)
            pygame.draw.rect(surface, palette.ACCENT if on else palette.PANEL_EDGE, r, 2 if on else 1, border_radius=6)
            colour = self.colours.get(key)
            inset = max(4, r.height // 5)
            if colour is not None:
                pygame.draw.rect(surface, colour, (r.x + 2, r.y + 4, 4, r.height - 8), border_radius=2)
            size = round(r.height * 0.5)
            b = pygame.Rect(r.x + inset + 4, r.centery - size // 2, size, size)
            if on:
                pygame.draw.rect(surface, palette.ACCENT, b, border_radius=3)
                tick = [
                    (b.x + size * 0.2, b.y + size * 0.55),
                    (b.x + size * 0.42, b.y + size * 0.78),
                    (b.x + size * 0.82, b.y + size * 0.25),
                ]
                pygame.draw.lines(surface, palette.BACKGROUND, False, tick, max(2, size // 7))
            else:
                pygame.draw.rect(surface, palette.MUTED, b, 2, border_radius=3)
            words = text.ellipsize(label, self.px, r.right - b.right - inset - 2, "regular")
            img = text.render(words, self.px, palette.FAINT if off else palette.TEXT)
            surface.blit(img, img.get_rect(midleft=(b.right + inset, r.centery)))


def draw_focus(surface, rect, m):
    """The yellow focus ring the other screens use, just outside rect."""
    pygame.draw.rect(
        surface, palette.FOCUS, pygame.Rect(rect).inflate(m.pad // 2 + 2, m.pad // 2 + 2), 2, border_radius=7
    )


def heading(surface, words: str, pos, px: int, width: int, colour=palette.ACCENT):
    img = text.render(text.ellipsize(words, px, width, "bold"), px, colour, "bold")
    surface.blit(img, pos)
