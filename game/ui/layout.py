"""Cutting a rectangle into a row or a column of smaller ones.

A size is pixels (an int), a share of the whole length (a float below 1, e.g. 0.5 for half,
rounded), or None: the space the other sizes and the gaps leave, split evenly between every None
(the last one takes the odd pixels), so with a None among them the pieces fill the rectangle
exactly. Gaps sit between the pieces, never at the ends:

    left, right = row(body, 0.5, None, gap=pad)           # half, and the rest after a gap
    head, main = column(body, line_h, None, gap=pad // 2)  # a header line, then the rest
"""
from __future__ import annotations

import pygame

Size = int | float | None


def _lengths(total: int, sizes: tuple[Size, ...], gap: int) -> list[int]:
    room = total - gap * max(0, len(sizes) - 1)
    fixed = [round(total * s) if isinstance(s, float) and s < 1 else (None if s is None else int(s)) for s in sizes]
    free = [k for k, s in enumerate(fixed) if s is None]
    left = max(0, room - sum(s for s in fixed if s is not None))
    for n, k in enumerate(free):
        fixed[k] = left // len(free) + (left % len(free) if n == len(free) - 1 else 0)
    return fixed


def row(rect, *widths: Size, gap: int = 0) -> list[pygame.Rect]:
    """The rectangle cut left to right into pieces of these widths, each its full height."""
    rect = pygame.Rect(rect)
    out, x = [], rect.x
    for w in _lengths(rect.width, widths, gap):
        out.append(pygame.Rect(x, rect.y, max(0, w), rect.height))
        x += w + gap
    return out


def column(rect, *heights: Size, gap: int = 0) -> list[pygame.Rect]:
    """The rectangle cut top to bottom into pieces of these heights, each its full width."""
    rect = pygame.Rect(rect)
    out, y = [], rect.y
    for h in _lengths(rect.height, heights, gap):
        out.append(pygame.Rect(rect.x, y, rect.width, max(0, h)))
        y += h + gap
    return out
