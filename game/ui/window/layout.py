"""Rows and columns: a screen's rectangle split into parts, so scenes name their parts instead of
adding up pixels by hand.

A size is a whole number of pixels, a float share (0.3) of what the fixed sizes and gaps leave,
or None for an equal part of whatever is left after both. The parts come back in order, side by
side with `gap` between them; the last None takes the pixels rounding leaves, so the parts fill
the rectangle exactly when any size is None.

    head, body, foot = column(screen, 40, None, 30, gap=8)
    left, right = row(body, 0.46, None, gap=16)
"""

from __future__ import annotations

import pygame

Size = int | float | None


def _lengths(total: int, sizes: tuple[Size, ...], gap: int) -> list[int]:
    free = total - gap * max(0, len(sizes) - 1) - sum(s for s in sizes if isinstance(s, int))
    out = [s if isinstance(s, int) else round(free * s) if isinstance(s, float) else 0 for s in sizes]
    rest = free - sum(s for s, size in zip(out, sizes) if isinstance(size, float))
    fill = [k for k, s in enumerate(sizes) if s is None]
    for n, k in enumerate(fill):
        out[k] = rest // len(fill) + (rest % len(fill) if n == len(fill) - 1 else 0)
    return [max(0, s) for s in out]


def column(rect, *heights: Size, gap: int = 0) -> list[pygame.Rect]:
    """rect cut into parts from top to bottom, one per height."""
    rect = pygame.Rect(rect)
    out, y = [], rect.y
    for h in _lengths(rect.height, heights, gap):
        out.append(pygame.Rect(rect.x, y, rect.width, h))
        y += h + gap
    return out


def row(rect, *widths: Size, gap: int = 0) -> list[pygame.Rect]:
    """rect cut into parts from left to right, one per width."""
    rect = pygame.Rect(rect)
    out, x = [], rect.x
    for w in _lengths(rect.width, widths, gap):
        out.append(pygame.Rect(x, rect.y, w, rect.height))
        x += w + gap
    return out


def flow(widths: list[int], room: int, gap: int) -> list[list[int]]:
    """Items of the given widths in lines no wider than room, as each line's item indices (a new line
    starts where the next item would not fit; an item wider than room has a line of its own)."""
    lines: list[list[int]] = [[]]
    used = 0
    for k, w in enumerate(widths):
        if lines[-1] and used + w > room:
            lines.append([])
            used = 0
        lines[-1].append(k)
        used += w + gap
    return lines if lines[-1] else lines[:-1]


def centred(width: int, room: pygame.Rect | int) -> int:
    """The x at which something width wide sits centred in room (a rect, or a width from 0)."""
    if isinstance(room, int):
        return (room - width) // 2
    return room.x + (room.width - width) // 2


def flow_rects(
    x: int, y: int, widths: list[int], room: int, height: int, gap: int, line_gap: int | None = None
) -> list[pygame.Rect]:
    """One rect per item, in flowing lines (see flow) from (x, y): each line height tall, line_gap
    (else gap) apart."""
    line_gap = gap if line_gap is None else line_gap
    out: list[pygame.Rect] = [pygame.Rect(0, 0, 0, 0)] * len(widths)
    for n, line in enumerate(flow(widths, room, gap)):
        cells = row(pygame.Rect(x, y + n * (height + line_gap), room, height), *[widths[k] for k in line], gap=gap)
        for k, cell in zip(line, cells):
            out[k] = cell
    return out
