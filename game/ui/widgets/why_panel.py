"""“Why did this move?”: the main causes of the turn's changes in trust and tension, from
game.core.teaching.explain.why, plus the turn's crises and what every actor did. It leads with a move
of a human's the rules refused, with the reason; then a war begun this turn and the crises (the
humans' own first), which matter more than any change of trust; then the causes, the humans' own
moves first (explain.why's `first`)."""

from __future__ import annotations

import pygame

from game.core.teaching.explain import crisis_lines, did, regional, why
from game.core.teaching.war_news import wars_begun

from ..window import palette, text
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

    def draw(
        self,
        surface,
        entry: dict | None,
        names: dict,
        worldview_values: dict,
        codes: list[str],
        version: int = 0,
        budget: RenderBudget | None = None,
        first: tuple = (),
        stakes: dict | None = None,
        notes: tuple = (),
        payoffs_of: tuple | None = None,
    ):
        """first: the humans' codes (their moves lead); stakes: stake id -> name; notes: sentences that go
        before everything (the humans' refused moves); payoffs_of: whose 2×2 payoffs the viewer may see."""
        turn = entry.get("turn") if entry else None
        key = (version, turn, self.scroll, self.rect.size, self.m, first, notes, payoffs_of)
        self.paint(
            surface,
            key,
            lambda: self._render(entry, names, worldview_values, codes, first, stakes, notes, payoffs_of),
            budget,
        )

    def lines(
        self,
        entry,
        names,
        worldview_values,
        codes,
        first: tuple = (),
        stakes: dict | None = None,
        notes: tuple = (),
        payoffs_of: tuple | None = None,
    ) -> list[tuple[str, str, tuple]]:
        if entry is None or not entry.get("actions"):
            return [("Play a turn to see why trust and tension moved.", "italic", palette.MUTED)]
        out = [(f"• {line}", "bold", palette.WARNING) for line in notes]
        # a war begun this turn, then the crises (the humans' first), lead: they matter more than any change
        # of trust (the war's sides and who escalated are on the banner above the panels)
        crises = list(zip(entry.get("crises", []), crisis_lines(entry, codes, names, stakes)))
        wars = [line for c, line in crises if c in wars_begun(entry)]
        ours = [line for c, line in crises if _involves(c, first) and line not in wars]
        theirs = [line for c, line in crises if not _involves(c, first) and line not in wars]
        out += [(f"• War: {line}", "bold", palette.WARNING) for line in wars]
        out += [(f"• Crisis: {line}", "regular", palette.TEXT) for line in ours + theirs]
        # the refused moves of the humans are in notes, worded for them: keep explain's own line out
        quiet = dict(entry, refused={c: r for c, r in entry.get("refused", {}).items() if c not in first})
        said = why(quiet, names, worldview_values, first=first, payoffs_of=payoffs_of)
        causes = [(f"• {line}", "regular", palette.TEXT) for line in said]
        out += causes
        if not causes:
            out.append(
                (
                    "• Nothing moved trust or tension much this turn."
                    if regional(entry)
                    else "• Nothing moved trust much this turn.",
                    "italic",
                    palette.MUTED,
                )
            )
        out.append(("Moves this turn:", "bold", palette.MUTED))
        moves = [did(c, entry["actions"][c], names, regional(entry)) for c in codes]
        out.append(("; ".join(moves) + ".", "regular", palette.MUTED))
        return out

    def _render(self, entry, names, wv, codes, first=(), stakes=None, notes=(), payoffs_of=None):
        m = self.m
        surf = text.surface(self.rect.size)
        surf.fill(palette.BACKGROUND)
        title = f"Why it moved — turn {entry['turn']}" if entry and entry.get("actions") else "Why it moved"
        inner = shapes.panel(surf, surf.get_rect(), title, m.body)
        rows = self.lines(entry, names, wv, codes, first, stakes, notes, payoffs_of)
        block = text.fit(
            lambda px: [(t, px, c, s) for t, s, c in rows],
            inner.width,
            inner.height,
            m.body,
            min_px=max(11, round(m.body * 0.8)),
        )
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


def _involves(crisis: dict, codes) -> bool:
    """A human is a party to the crisis or backed one of its parties."""
    return bool(set(codes) & (set(crisis["parties"]) | set(crisis.get("backers", {}))))
