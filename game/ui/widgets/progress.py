"""A run's progress: a bar, games done, time so far and an estimate of the time left."""

from __future__ import annotations

import pygame

from ..window import palette, text


def draw_progress(surface, rect, m, run, what: str, games_total: int, note: str = "Esc or Cancel stops the run."):
    """run: a lab_worker.Run; what: one line saying what is running."""
    rect = pygame.Rect(rect)
    pygame.draw.rect(surface, palette.PANEL, rect, border_radius=8)
    pygame.draw.rect(surface, palette.PANEL_EDGE, rect, 1, border_radius=8)
    inner = rect.inflate(-4 * m.pad, -2 * m.pad)
    head = text.fit_static(
        ((what, 1.0, palette.TEXT, "bold"),), inner.width, 3 * text.line_height(m.body, "bold"), m.body, 11
    )
    bar_h = max(14, round(m.body * 1.2))
    lh = text.line_height(m.body)
    total_h = head.height + m.pad + bar_h + m.pad + 2 * lh
    y = inner.y + max(0, (inner.height - total_h) // 2)
    surface.blit(head.surface, (inner.x, y))
    y += head.height + m.pad
    bar = pygame.Rect(inner.x, y, inner.width, bar_h)
    pygame.draw.rect(surface, palette.GRID, bar, border_radius=bar_h // 2)
    fraction = run.fraction if run is not None else 0.0
    if fraction > 0:
        pygame.draw.rect(
            surface,
            palette.ACCENT,
            (bar.x, bar.y, max(bar_h, round(bar.width * fraction)), bar_h),
            border_radius=bar_h // 2,
        )
    pygame.draw.rect(surface, palette.PANEL_EDGE, bar, 1, border_radius=bar_h // 2)
    y = bar.bottom + m.pad
    if run is None or not run.total:
        status = "Starting the lab's worker process…"
    else:
        done = round(games_total * fraction)
        eta = run.eta()
        left = f" · about {eta:.0f} s left" if eta is not None and fraction < 1 else ""
        status = f"{fraction:.0%} · {done:,} of {games_total:,} games · {run.elapsed():.1f} s{left}"
    surface.blit(text.render(text.ellipsize(status, m.body, inner.width), m.body, palette.TEXT), (inner.x, y))
    y += lh
    surface.blit(
        text.render(text.ellipsize(note, m.small, inner.width), m.small, palette.MUTED, "italic"), (inner.x, y)
    )
