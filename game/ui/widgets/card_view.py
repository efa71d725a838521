"""The event card of the turn: title, date, ¶, the article quote, both readings side by side,
and the effects applied. The two readings get the same size, weight and place."""
from __future__ import annotations

import pygame

from .. import palette, text
from . import shapes
from .cached import CachedPanel, RenderBudget


class CardView(CachedPanel):
    def draw(self, surface, card, turn: int, note: str = "", budget: RenderBudget | None = None):
        key = (getattr(card, "id", None), turn, note, self.rect.size, self.m)
        self.paint(surface, key, lambda: self._render(card, turn, note), budget)

    # ------------------------------------------------------------------ rendering
    def _render(self, card, turn, note):
        m = self.m
        surf = text.surface(self.rect.size)
        surf.fill(palette.BACKGROUND)
        heading = f"Event card — turn {turn}" if card is not None else "Event card"
        inner = shapes.panel(surf, surf.get_rect(), heading, m.body)
        if card is None:
            block = text.fit(lambda px: [(note or "No event card this turn.", px, palette.MUTED, "italic")],
                             inner.width, inner.height, m.body, min_px=11)
            surf.blit(block.surface, inner.topleft)
            return surf
        gap = max(6, m.pad)
        col_w = (inner.width - gap) // 2
        best = None
        px = m.body
        while True:
            parts = self._parts(card, px, inner.width, col_w, gap)
            total = parts[0].height + gap + max(parts[1].height, parts[2].height) + 12 + gap + parts[3].height
            best = (px, parts, total)
            if total <= inner.height or px <= 11:
                break
            px -= 1  # one pixel at a time: the largest size that fits, for the back of the room
        px, (head, det, dia, effects), total = best
        y = inner.y
        surf.blit(head.surface, (inner.x, y))
        y += head.height + gap
        col_h = max(det.height, dia.height)
        for k, (block, colour) in enumerate(((det, palette.DETERRENCE), (dia, palette.DIALOGUE))):
            x = inner.x + k * (col_w + gap)
            box = pygame.Rect(x, y - 3, col_w, col_h + 12)
            pygame.draw.rect(surf, shapes.blend(colour, palette.PANEL, 0.12), box, border_radius=5)
            pygame.draw.rect(surf, colour, (x, y - 3, col_w, 4), border_radius=2)
            surf.blit(block.surface, (x + 6, y + 3))
        y += col_h + 12 + gap
        surf.blit(effects.surface, (inner.x, y))
        return surf

    @staticmethod
    def _parts(card, px, width, col_w, gap):
        small = max(11, round(px * 0.85))
        meta = f"¶{card.paragraph} of the source article" + (f" · {card.date}" if card.date else "")
        head = text.Block([(card.title, round(px * 1.15), palette.TEXT, "bold"), (meta, small, palette.MUTED, "regular"),
                           (f"“{card.quote}”", px, palette.TEXT, "italic")], width, gap=max(2, px // 4))
        inner_w = col_w - 12
        det = text.Block([("Deterrence reading", px, palette.DETERRENCE, "bold"),
                          (card.deterrence_reading, px, palette.TEXT, "regular")], inner_w, gap=2)
        dia = text.Block([("Dialogue reading", px, palette.DIALOGUE, "bold"),
                          (card.dialogue_reading, px, palette.TEXT, "regular")], inner_w, gap=2)
        effects = "; ".join(e.describe() for e in card.effects) or "none"
        eff = text.Block([(f"Effects applied: {effects}", small, palette.MUTED, "regular")], width)
        return head, det, dia, eff
