"""Marker shapes, styled lines and panels: the drawing every widget shares."""

from __future__ import annotations

import math

import pygame

from ..window import palette, text


def marker_points(shape: str, cx: float, cy: float, r: float) -> list[tuple[float, float]] | None:
    """Polygon of a marker shape centred on (cx, cy); None for a circle."""

    def ring(n, radius, start=-math.pi / 2):
        return [
            (cx + radius * math.cos(start + 2 * math.pi * k / n), cy + radius * math.sin(start + 2 * math.pi * k / n))
            for k in range(n)
        ]

    if shape == "circle":
        return None
    if shape == "square":
        s = r * 0.85
        return [(cx - s, cy - s), (cx + s, cy - s), (cx + s, cy + s), (cx - s, cy + s)]
    if shape == "triangle":
        return ring(3, r * 1.15, -math.pi / 2)
    if shape == "diamond":
        return ring(4, r * 1.1, -math.pi / 2)
    if shape == "pentagon":
        return ring(5, r * 1.05)
    if shape == "hexagon":
        return ring(6, r * 1.05, 0)
    if shape == "star":
        pts = []
        for k in range(10):
            radius = r * 1.2 if k % 2 == 0 else r * 0.55
            a = -math.pi / 2 + math.pi * k / 5
            pts.append((cx + radius * math.cos(a), cy + radius * math.sin(a)))
        return pts
    if shape == "cross":
        a, b = r * 0.36, r * 1.0
        return [
            (cx - a, cy - b),
            (cx + a, cy - b),
            (cx + a, cy - a),
            (cx + b, cy - a),
            (cx + b, cy + a),
            (cx + a, cy + a),
            (cx + a, cy + b),
            (cx - a, cy + b),
            (cx - a, cy + a),
            (cx - b, cy + a),
            (cx - b, cy - a),
            (cx - a, cy - a),
        ]
    return None


def draw_marker(surface, shape: str, colour, centre, r: float, outline=(10, 12, 14), width: int = 2):
    cx, cy = centre
    pts = marker_points(shape, cx, cy, r)
    if pts is None:
        pygame.draw.circle(surface, colour, (round(cx), round(cy)), round(r))
        pygame.draw.circle(surface, outline, (round(cx), round(cy)), round(r), width)
    else:
        pygame.draw.polygon(surface, colour, pts)
        pygame.draw.polygon(surface, outline, pts, width)


def styled_line(surface, colour, a, b, width: int = 2, style: str = "solid", unit: float = 8.0):
    """A solid, dashed or dotted line: the style carries meaning where colour may not."""
    if style == "solid":
        pygame.draw.line(surface, colour, a, b, width)
        return
    ax, ay = a
    bx, by = b
    length = math.hypot(bx - ax, by - ay)
    if length < 1:
        return
    dx, dy = (bx - ax) / length, (by - ay) / length
    if style == "dashed":
        on, off = unit * 1.6, unit * 0.9
    else:
        on, off = max(1.0, width * 0.9), unit * 0.8
    pos = 0.0
    while pos < length:
        end = min(length, pos + on)
        p = (ax + dx * pos, ay + dy * pos)
        q = (ax + dx * end, ay + dy * end)
        if style == "dotted":
            pygame.draw.circle(surface, colour, (round(p[0]), round(p[1])), max(1, round(width * 0.75)))
        else:
            pygame.draw.line(surface, colour, p, q, width)
        pos = end + off


def polyline(surface, colour, points, width: int = 2, style: str = "solid", unit: float = 8.0):
    if len(points) == 1:
        pygame.draw.circle(surface, colour, points[0], max(2, width))
        return
    if style == "solid":
        pygame.draw.lines(surface, colour, False, points, width)
        return
    for a, b in zip(points, points[1:]):
        styled_line(surface, colour, a, b, width, style, unit)


def panel(
    surface,
    rect,
    title: str | None = None,
    px: int = 16,
    colour=palette.PANEL,
    edge=palette.PANEL_EDGE,
    title_colour=palette.MUTED,
) -> pygame.Rect:
    """A rounded panel; returns the inner rect below its title."""
    rect = pygame.Rect(rect)
    pygame.draw.rect(surface, colour, rect, border_radius=8)
    pygame.draw.rect(surface, edge, rect, 1, border_radius=8)
    pad = max(4, px // 2)
    inner = rect.inflate(-2 * pad, -2 * pad)
    if title:
        # a title too long for one line takes two (the second shortened only if even that is not enough)
        lines = text.wrap(title, px, inner.width, "bold")
        if len(lines) > 2:
            lines = [lines[0], text.ellipsize(" ".join(lines[1:]), px, inner.width, "bold")]
        for line in lines:
            label = text.render(line, px, title_colour, "bold")
            surface.blit(label, (inner.x, inner.y))
            inner.y += label.get_height()
            inner.height -= label.get_height()
        inner.y += pad // 2
        inner.height -= pad // 2
    return inner


def blend(colour, background, alpha: float):
    return tuple(round(c * alpha + b * (1 - alpha)) for c, b in zip(colour, background))


def crisis_icon(surface, centre, rung: int, px: int):
    """A small warning diamond with the crisis rung number in it."""
    cx, cy = centre
    r = px * 0.85
    pts = [(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)]
    fill = palette.BAND_COLOURS["brink"] if rung >= 3 else palette.BAND_COLOURS["crisis"]
    pygame.draw.polygon(surface, fill, pts)
    pygame.draw.polygon(surface, palette.TEXT, pts, 2)
    label = text.render(str(rung), round(px * 0.95), palette.TEXT, "bold")
    surface.blit(label, label.get_rect(center=(round(cx), round(cy))))
