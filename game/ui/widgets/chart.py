"""Line charts of regional tension and mean trust by turn, and of one actor pair.

Every series has its own colour and line style, named in the legend, so it reads without colour.
"""

from __future__ import annotations

import attrs
import pygame

from ..window import layout, palette, text
from ..window.metrics import Metrics
from . import shapes
from .cached import CachedPanel, RenderBudget


class Chart(CachedPanel):
    corner = (0, 0)  # width and height kept free at the panel's top right (buttons drawn over the panel)

    def draw(
        self, surface, title: str, lines, x_max: int, version=0, note: str = "", budget: RenderBudget | None = None
    ):
        """lines: [(label, turns, values 0..100, colour, style)], or a function returning them, called only
        when the chart renders (the series grow with the game: no need to build them every frame)."""
        key = (version, title, x_max, note, self.rect.size, self.m, self.corner)
        self.paint(
            surface,
            key,
            lambda: self.render(
                self.rect.size, self.m, title, lines() if callable(lines) else lines, x_max, note, corner=self.corner
            ),
            budget,
        )

    @staticmethod
    def render(size, m, title, lines, x_max, note="", background=palette.BACKGROUND, corner=(0, 0)) -> pygame.Surface:
        """title: one wording, or several, longest first (a short panel takes the first that leaves the plot room);
        corner: the width and height at the top right the title and the legend keep clear of."""
        surf = text.surface(size)
        surf.fill(background)
        rect = pygame.Rect((0, 0), size)
        shape = _shape(rect, m, (title,) if isinstance(title, str) else tuple(title), lines, note, corner)
        inner = shapes.panel(surf, rect, None, shape.title_px)
        y = inner.y
        for line in _title_lines(shape, rect, corner):
            surf.blit(text.render(line, shape.title_px, palette.MUTED, "bold"), (inner.x, y))
            y += text.line_height(shape.title_px, "bold")
        head = max(y - inner.y, corner[1] - shape.pad) + shape.pad // 2
        inner.y, inner.height = inner.y + head, inner.height - head
        px = shape.px
        lh = text.line_height(px)
        top = _legend(surf, inner, m, lines, px) + lh + shape.pad
        if note:
            block = text.Block([(note, px, palette.MUTED, "italic")], inner.width)
            surf.blit(block.surface, (inner.x, top))
            top += block.height + shape.pad // 2
        axis_w = text.size("100", px)[0] + 8
        plot = pygame.Rect(inner.x + axis_w, top, inner.width - axis_w - 4, inner.bottom - top - lh - 4)
        if plot.height < 8 or plot.width < 20:
            text.plotted(surf, surf.get_rect(), pygame.Rect(plot.x, plot.y, max(0, plot.width), 0), {})
            return surf
        _percent_axis(surf, plot, pygame.Rect(inner.x, inner.y, axis_w, inner.bottom - inner.y), px)
        x_max = max(1, int(x_max))
        _turn_axis(surf, plot, x_max, px)
        pygame.draw.rect(surf, palette.PANEL_EDGE, plot, 1)
        width = max(2, round(m.k * 2.5))
        drawn = {}
        for label, turns, values, colour, style in lines:
            pts = [
                (plot.x + round(plot.width * t / x_max), plot.bottom - round(plot.height * max(0, min(100, v)) / 100))
                for t, v in zip(turns, values)
            ]
            if pts:
                shapes.polyline(surf, colour, pts, width, style, unit=max(5.0, 4 * m.k))
            drawn[label] = len(pts)
        text.plotted(surf, surf.get_rect(), plot, drawn)
        if not any(len(t) for _, t, _, _, _ in lines):
            msg = text.render("No turns played yet.", m.body, palette.MUTED, "italic")
            surf.blit(msg, msg.get_rect(center=plot.center))
        return surf


PLOT_SHARE = 0.45  # a chart's plot takes at least this much of its panel's height when the text allows


@attrs.frozen
class _Shape:
    title: str
    title_px: int
    px: int
    pad: int


def _title_lines(shape: _Shape, rect: pygame.Rect, corner) -> list[str]:
    """The title in at most two lines beside the corner (the second shortened only if even two are not enough)."""
    lines = text.wrap(shape.title, shape.title_px, _title_width(rect, shape.pad, corner), "bold")
    if len(lines) > 2:
        lines = [lines[0], text.ellipsize(" ".join(lines[1:]), shape.title_px, rect.width - 2 * shape.pad, "bold")]
    return lines


def _title_width(rect: pygame.Rect, pad: int, corner) -> int:
    return rect.width - 2 * pad - (corner[0] + pad if corner[0] else 0)


def _shape(rect: pygame.Rect, m, titles: tuple, lines, note: str, corner=(0, 0)) -> _Shape:
    """The title's wording and the text sizes that leave the plot its share of the panel: the chart's own
    sizes with the full title first; then one line of title; then sizes halfway to those of text size 1.0;
    then those (never smaller)."""
    floor = Metrics(m.width, m.height, 1.0)
    half = Metrics(m.width, m.height, (1.0 + m.scale) / 2)
    tiers = [(m.body, m.small, 2), (m.body, m.small, 1), (half.body, half.small, 1), (floor.body, floor.small, 1)]
    shape = None
    for title_px, px, most_lines in tiers:
        pad = max(4, title_px // 2)
        for title in titles:
            if len(text.wrap(title, title_px, _title_width(rect, pad, corner), "bold")) > most_lines:
                continue
            shape = _Shape(title, title_px, px, pad)
            if _plot_height(rect, shape, lines, note, corner) >= PLOT_SHARE * rect.height:
                return shape
    return shape or _Shape(titles[-1], floor.body, floor.small, max(4, floor.body // 2))


def _plot_height(rect: pygame.Rect, shape: _Shape, lines, note: str, corner=(0, 0)) -> int:
    """How tall the plot would be with this shape (the same sums as render)."""
    pad = shape.pad
    title_h = len(_title_lines(shape, rect, corner)) * text.line_height(shape.title_px, "bold")
    title_h = max(title_h, corner[1] - pad)
    lh = text.line_height(shape.px)
    legend_rows = len(layout.flow(_legend_widths(lines, shape.px), rect.width - 2 * pad, 0))
    note_h = 0
    if note:
        note_h = text.Block([(note, shape.px, palette.MUTED, "italic")], rect.width - 2 * pad).height + pad // 2
    used = 2 * pad + title_h + pad // 2 + (legend_rows - 1) * (lh + 2) + lh + pad + note_h + lh + 4
    return rect.height - used


def _legend_widths(lines, px: int) -> list[int]:
    sample = round(px * 2)
    return [sample + 6 + text.size(label, px)[0] + round(px * 1.1) for label, *_ in lines]


def _legend(surf, inner: pygame.Rect, m, lines, px: int) -> int:
    """Each series' line sample and label, in rows wrapped to the width; returns the last row's y."""
    lh = text.line_height(px)
    sample = round(px * 2)
    widths = _legend_widths(lines, px)
    y = inner.y
    for n, row in enumerate(layout.flow(widths, inner.width, 0)):
        x, y = inner.x, inner.y + n * (lh + 2)
        for k in row:
            label, _, _, colour, style = lines[k]
            end = (x + sample, y + lh // 2)
            shapes.styled_line(surf, colour, (x, y + lh // 2), end, 3, style, max(4.0, sample / 6))
            surf.blit(text.render(label, px, palette.TEXT), (x + sample + 6, y))
            x += widths[k]
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
