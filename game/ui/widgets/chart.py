"""Line charts of regional tension and mean trust by turn, and of one actor pair.

Every series has its own colour and line style, named in the legend, so it reads without colour.
"""

from __future__ import annotations

import pygame

from ..window import palette, text
from . import shapes
from .cached import CachedPanel, RenderBudget


class Chart(CachedPanel):
    def draw(
        self, surface, title: str, lines, x_max: int, version=0, note: str = "", budget: RenderBudget | None = None
    ):
        """lines: [(label, turns, values 0..100, colour, style)], or a function returning them, called only
        when the chart renders (the series grow with the game: no need to build them every frame)."""
        key = (version, title, x_max, note, self.rect.size, self.m)
        self.paint(
            surface,
            key,
            lambda: self.render(self.rect.size, self.m, title, lines() if callable(lines) else lines, x_max, note),
            budget,
        )

    @staticmethod
    def render(size, m, title, lines, x_max, note="", background=palette.BACKGROUND) -> pygame.Surface:
        surf = text.surface(size)
        surf.fill(background)
        inner = shapes.panel(surf, surf.get_rect(), title, m.body)
        px = m.small
        lh = text.line_height(px)
        top = _legend(surf, inner, m, lines) + lh + m.pad
        if note:
            block = text.Block([(note, px, palette.MUTED, "italic")], inner.width)
            surf.blit(block.surface, (inner.x, top))
            top += block.height + m.pad // 2
        axis_w = text.size("100", px)[0] + 8
        plot = pygame.Rect(inner.x + axis_w, top, inner.width - axis_w - 4, inner.bottom - top - lh - 4)
        if plot.height < 8 or plot.width < 20:
            return surf
        _percent_axis(surf, plot, pygame.Rect(inner.x, inner.y, axis_w, inner.bottom - inner.y), px)
        x_max = max(1, int(x_max))
        _turn_axis(surf, plot, x_max, px)
        pygame.draw.rect(surf, palette.PANEL_EDGE, plot, 1)
        width = max(2, round(m.k * 2.5))
        for label, turns, values, colour, style in lines:
            pts = [
                (plot.x + round(plot.width * t / x_max), plot.bottom - round(plot.height * max(0, min(100, v)) / 100))
                for t, v in zip(turns, values)
            ]
            if pts:
                shapes.polyline(surf, colour, pts, width, style, unit=max(5.0, 4 * m.k))
        if not any(len(t) for _, t, _, _, _ in lines):
            msg = text.render("No turns played yet.", m.body, palette.MUTED, "italic")
            surf.blit(msg, msg.get_rect(center=plot.center))
        return surf


def _legend(surf, inner: pygame.Rect, m, lines) -> int:
    """Each series' line sample and label, in rows wrapped to the width; returns the last row's y."""
    px = m.small
    lh = text.line_height(px)
    sample = m.px(28)
    x, y = inner.x, inner.y
    for label, _, _, colour, style in lines:
        w = sample + 6 + text.size(label, px)[0]
        if x > inner.x and x + w > inner.right:
            x, y = inner.x, y + lh + 2
        shapes.styled_line(surf, colour, (x, y + lh // 2), (x + sample, y + lh // 2), 3, style, max(4.0, sample / 6))
        surf.blit(text.render(label, px, palette.TEXT), (x + sample + 6, y))
        x += w + m.px(16)
    return y


def _percent_axis(surf, plot: pygame.Rect, labels: pygame.Rect, px: int):
    """Gridlines with their labels (kept within labels), as many as have room: 0 25 50 75 100, else
    0 50 100, else 0 100."""
    lh = text.line_height(px)
    ticks = next((t for t in ((0, 25, 50, 75, 100), (0, 50, 100), (0, 100)) if plot.height / (len(t) - 1) >= lh), ())
    for v in ticks:
        yy = plot.bottom - round(plot.height * v / 100)
        pygame.draw.line(surf, palette.GRID, (plot.x, yy), (plot.right, yy), 1)
        img = text.render(str(v), px, palette.MUTED)
        r = img.get_rect(midright=(plot.x - 4, yy))
        r.clamp_ip(labels)
        surf.blit(img, r)


def _turn_axis(surf, plot: pygame.Rect, x_max: int, px: int):
    """The turns under the plot, about ten of them and the last, none overlapping another."""
    step = max(1, round(x_max / 10))
    last_right = -1
    for t in list(range(0, x_max + 1, step)) + ([x_max] if x_max % step else []):
        xx = plot.x + round(plot.width * t / x_max)
        img = text.render(str(t), px, palette.MUTED)
        r = img.get_rect(midtop=(xx, plot.bottom + 2))
        r.left = max(r.left, plot.x)  # clear of the y axis's labels
        r.clamp_ip(surf.get_rect())
        if r.left > last_right + 4:
            surf.blit(img, r)
            last_right = r.right
