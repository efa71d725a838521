"""The event card of the turn: title, date, ¶, the article quote, both readings side by side,
and the effects applied. The two readings get the same size, weight and place."""

from __future__ import annotations

import pygame

from ..window import palette, text
from ..window.metrics import Metrics
from . import shapes
from .cached import CachedPanel, RenderBudget


class CardView(CachedPanel):
    """One font size per element on every card and every turn (the body size, the title a little larger,
    the source and the effects a little smaller): a card that does not fit scrolls by whole lines."""

    def __init__(self):
        super().__init__()
        self.scroll = 0  # the first line shown (an index into the stops of the card's layout)
        self.max_scroll = 0
        self._shown = None  # the card and turn the scroll belongs to
        self.deck: tuple = ()  # every card that may be shown here: one text size fits them all
        self._sized = None  # (what the size was chosen for, (text size, columns))

    def scroll_by(self, lines: int):
        self.scroll = max(0, min(self.max_scroll, self.scroll + lines))

    def draw(
        self,
        surface,
        card,
        turn: int,
        note: str = "",
        budget: RenderBudget | None = None,
        names: dict | None = None,
        keys_scroll: bool = False,
    ):
        """names: actor codes to names for the effects; keys_scroll: PgDn scrolls this card (the hint says so)."""
        shown = (getattr(card, "id", None), turn)
        if shown != self._shown:
            self._shown, self.scroll = shown, 0
        key = (getattr(card, "id", None), turn, note, self.rect.size, self.m, self.scroll, keys_scroll)
        self.paint(surface, key, lambda: self._render(card, turn, note, names, keys_scroll), budget)

    # ------------------------------------------------------------------ rendering
    def _render(self, card, turn, note, names=None, keys_scroll=False):
        m = self.m
        surf = text.surface(self.rect.size)
        surf.fill(palette.BACKGROUND)
        heading = f"Event card — turn {turn}" if card is not None else "Event card"
        inner = shapes.panel(surf, surf.get_rect(), heading, m.body)
        if card is None:
            block = text.fit(
                lambda px: [(note or "No event card this turn.", px, palette.MUTED, "italic")],
                inner.width,
                inner.height,
                m.body,
                min_px=11,
            )
            surf.blit(block.surface, inner.topleft)
            return surf
        gap = max(6, m.pad)
        placed, col_w, cols_x, cols_y, col_h, effects = self._arrange(card, inner, gap, names)
        lines = [
            (bx, by + y, line, px, colour, style, text.line_height(px, style))
            for block, bx, by in placed
            for line, px, colour, style, y in block.lines
        ]
        total = placed[-1][2] + effects.height
        view_h = inner.height
        if total > view_h:  # the hint gets a line of its own so it never covers the text
            view_h -= text.line_height(m.small, "bold")
        top, bottom = self._window(lines, total, view_h)
        view = pygame.Rect(inner.x, inner.y, inner.width, bottom - top)
        surf.set_clip(view)
        for k, colour in enumerate((palette.DETERRENCE, palette.DIALOGUE)):
            x = inner.x + cols_x + k * (col_w + gap)
            box = pygame.Rect(x, inner.y + cols_y - 3 - top, col_w, col_h + 12)
            pygame.draw.rect(surf, shapes.blend(colour, palette.PANEL, 0.12), box, border_radius=5)
            pygame.draw.rect(surf, colour, (x, box.y, col_w, 4), border_radius=2)
        surf.set_clip(None)
        for x, y, line, px, colour, style, lh in lines:
            if top <= y and y + lh <= bottom:
                surf.blit(text.render(line, px, colour, style), (inner.x + x, inner.y + y - top))
        if self.max_scroll:
            keys = "PgDn or wheel" if keys_scroll else "Wheel"
            more = (
                f"{keys}: more of the card"
                if self.scroll < self.max_scroll
                else f"{'PgUp or wheel' if keys_scroll else 'Wheel'}: back up"
            )
            hint = text.render(text.ellipsize(more, m.small, inner.width, "bold"), m.small, palette.FOCUS, "bold")
            surf.blit(hint, hint.get_rect(bottomright=(inner.right, inner.bottom)))
        return surf

    def _arrange(self, card, inner: pygame.Rect, gap: int, names):
        """The card's blocks placed from its top (see _size): the effects follow and may scroll."""
        px, columns = self._size(card, inner, gap, names)
        return self._placed(card, inner.width, gap, names, px, columns)

    def _size(self, card, inner: pygame.Rect, gap: int, names) -> tuple[int, int]:
        """The text size and the columns: the quote over the two readings, or at large text sizes, where
        that leaves a reading cut, three columns (quote | deterrence | dialogue). The largest text, down to
        the size of text size 1.0, that shows the quote and both readings of every card of the deck whole
        together, so each element keeps one size on every card and turn (a deck too long for the panel even
        then: the screen's own size at 1.0, the smallest size at larger text sizes)."""
        m = self.m
        key = (inner.size, m, gap, tuple(c.id for c in self.deck) or getattr(card, "id", None))
        if self._sized is not None and self._sized[0] == key:
            return self._sized[1]
        cards = self.deck or (card,)
        floor = Metrics(m.width, m.height, 1.0).body
        room = inner.height - text.line_height(m.small, "bold")
        px, chosen = m.body, None
        while chosen is None:
            options = (2, 3) if inner.width >= 45 * px else (2,)
            chosen = next(
                (c for c in options if all(self._fits(k, inner, gap, names, px, c, room) for k in cards)), None
            )
            if chosen is None and px <= floor:
                chosen = 2 if m.scale < 1.5 else options[-1]
            elif chosen is None:
                px = max(floor, int(px * 0.92))
        self._sized = (key, (px, chosen))
        return px, chosen

    def _fits(self, card, inner: pygame.Rect, gap: int, names, px: int, columns: int, room: int) -> bool:
        placed, _, _, cols_y, col_h, _ = self._placed(card, inner.width, gap, names, px, columns)
        head_h = placed[0][0].height if columns == 3 else 0
        return max(cols_y + col_h + 12, head_h) <= room

    def _placed(self, card, width: int, gap: int, names, px: int, columns: int):
        """(blocks placed as (block, x, y), reading column width, readings' x, readings' y, their height,
        the effects block) for the card at px, in two or three columns."""
        col_w = (width - gap * (columns - 1)) // columns
        head, det, dia, effects = self._parts(card, px, width if columns == 2 else col_w, col_w, gap, names)
        col_h = max(det.height, dia.height)
        if columns == 2:
            cols_x, cols_y = 0, head.height + gap
            effects_y = cols_y + col_h + 12 + gap
        else:
            cols_x, cols_y = col_w + gap, 0
            effects_y = max(head.height, col_h + 12) + gap
        placed = [
            (head, 0, 0),
            (det, cols_x + 6, cols_y + 3),
            (dia, cols_x + col_w + gap + 6, cols_y + 3),
            (effects, 0, effects_y),
        ]
        return placed, col_w, cols_x, cols_y, col_h, effects

    def _window(self, lines, total: int, height: int) -> tuple[int, int]:
        """(top, bottom) of the part of the card shown: from the line the scroll names down to the last
        whole line that fits, so no line is ever cut. Sets max_scroll and keeps scroll within it."""

        def safe(y):
            return not any(ly < y < ly + lh for _, ly, *_rest, lh in lines)

        stops = sorted({ly for _, ly, *_ in lines if safe(ly)}) or [0]
        last = next((k for k, y in enumerate(stops) if total - y <= height), len(stops) - 1)
        self.max_scroll = last
        self.scroll = max(0, min(self.scroll, last))
        top = stops[self.scroll]
        ends = [ly + lh for _, ly, *_rest, lh in lines if top < ly + lh <= top + height and safe(ly + lh)]
        return top, max(ends, default=min(total, top + height))

    @staticmethod
    def _parts(card, px, width, col_w, gap, names=None):
        small = max(11, round(px * 0.85))
        meta = f"¶{card.paragraph} of the source article" + (f" · {card.date}" if card.date else "")
        head = text.Block(
            [
                (card.title, round(px * 1.15), palette.TEXT, "bold"),
                (meta, small, palette.MUTED, "regular"),
                (f"“{card.quote}”", px, palette.TEXT, "italic"),
            ],
            width,
            gap=max(2, px // 4),
        )
        inner_w = col_w - 12
        det = text.Block(
            [
                ("Deterrence reading", px, palette.DETERRENCE, "bold"),
                (card.deterrence_reading, px, palette.TEXT, "regular"),
            ],
            inner_w,
            gap=2,
        )
        dia = text.Block(
            [("Dialogue reading", px, palette.DIALOGUE, "bold"), (card.dialogue_reading, px, palette.TEXT, "regular")],
            inner_w,
            gap=2,
        )
        effects = "; ".join(e.plain(names) for e in card.effects) or "none"
        eff = text.Block([(f"What it does: {effects}.", small, palette.MUTED, "regular")], width)
        return head, det, dia, eff
