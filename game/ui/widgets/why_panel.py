"""“Why did this move?”: the main causes of the turn's changes in trust and tension, from
game.core.explain.why, plus what every actor did."""
from __future__ import annotations

import pygame

from game.core.explain import crisis_lines, did, why

from .. import palette, text
from . import shapes
from .cached import CachedPanel, RenderBudget


class WhyPanel(CachedPanel):
    def __init__(self):
        super().__init__()
        self.scroll = 0
        self.max_scroll = 0

    def scroll_by(self, lines: int):
        """Scroll by whole lines, so no line is ever cut in half."""
        if self.m is None:
            return
        self.scroll = max(0, min(self.max_scroll, self.scroll + lines))

    def draw(self, surface, entry: dict | None, names: dict, worldview_values: dict, codes: list[str], version: int = 0,
             budget: RenderBudget | None = None):
        key = (version, entry.get("turn") if entry else None, self.scroll, self.rect.size, self.m)
        self.paint(surface, key, lambda: self._render(entry, names, worldview_values, codes), budget)

    def lines(self, entry, names, worldview_values, codes) -> list[tuple[str, str, tuple]]:
        if entry is None or not entry.get("actions"):
            return [("Play a turn to see why trust and tension moved.", "italic", palette.MUTED)]
        out = [(f"• {line}", "regular", palette.TEXT) for line in why(entry, names, worldview_values)]
        if not out:
            out.append(("• Nothing moved trust or tension much this turn.", "italic", palette.MUTED))
        for line in crisis_lines(entry, codes, names):
            out.append((f"• Crisis: {line}", "regular", palette.TEXT))
        out.append(("Moves this turn:", "bold", palette.MUTED))
        moves = [did(c, entry["actions"][c], names) for c in codes]
        out.append(("; ".join(moves) + ".", "regular", palette.MUTED))
        return out

    def _render(self, entry, names, wv, codes):
        m = self.m
        surf = pygame.Surface(self.rect.size)
        surf.fill(palette.BACKGROUND)
        title = f"Why it moved — turn {entry['turn']}" if entry and entry.get("actions") else "Why it moved"
        inner = shapes.panel(surf, surf.get_rect(), title, m.body)
        rows = self.lines(entry, names, wv, codes)
        block = text.fit(lambda px: [(t, px, c, s) for t, s, c in rows], inner.width, inner.height,
                         m.body, min_px=max(11, round(m.body * 0.8)))
        view = pygame.Rect(inner)
        fits = block.height <= inner.height
        if not fits:
            # the hint gets a line of its own so it never covers the text
            view.height -= text.line_height(m.small, "bold")
        self.max_scroll = 0 if fits else text.scroll_limit(block, view.height)
        self.scroll = min(self.scroll, self.max_scroll)
        picture, _ = text.window(block, self.scroll, view.height)
        surf.blit(picture, view.topleft)
        if self.max_scroll:
            more = "PgDn or wheel: more below" if self.scroll < self.max_scroll else "PgUp or wheel: back up"
            hint = text.render(text.ellipsize(more, m.small, inner.width, "bold"), m.small, palette.FOCUS, "bold")
            surf.blit(hint, hint.get_rect(bottomright=(inner.right, inner.bottom)))
        return surf
