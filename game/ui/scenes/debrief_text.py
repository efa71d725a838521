"""The debrief's pages of words (the headline, the crises, the turning points): paragraphs sized to
their column, down to a floor, and past it whole lines from the page's scroll with a hint of what
is below."""

from __future__ import annotations

import attrs
import pygame

from game.core.model import dilemma
from game.core.teaching import war_news
from game.core.teaching.explain import why

from . import debrief_pages as pages
from ..window import palette, text
from ..window.metrics import Metrics

MIN_PAGE_PX = 10
SCROLL_FLOOR = 0.8  # a page's text shrinks to this share of the body size at most, then scrolls


@attrs.define
class Column:
    """What one column of a page is drawn with; max_scroll grows to what the drawing found below."""

    m: Metrics
    scroll: int = 0
    floor: int = 10  # the body size at text size 1.0: a larger size scrolls rather than shrink below it
    max_scroll: int = 0

    def more(self, limit: int):
        self.max_scroll = max(self.max_scroll, limit)


def block(paras, px: int, width: int) -> text.Block:
    """Paragraphs (text, factor, role, style) at body size px."""
    return text.Block(
        [(t, max(text.MIN_PX, round(px * f)), pages.ROLES_SCREEN[r], st) for t, f, r, st in paras],
        width,
        gap=max(2, int(px * 0.35)),
    )


PAGE_LINES = 8  # the fewest lines a page of text shows when it scrolls (when the size of text 1.0 allows)


def fit_px(paras, size, m) -> int:
    """The largest body size at which the paragraphs fit size, from the screen's down to a floor
    (a large text size stays large: what does not fit then scrolls)."""
    floor = max(MIN_PAGE_PX, round(m.body * SCROLL_FLOOR))
    px = m.body
    while px > floor and block(paras, px, size[0]).height > size[1]:
        px = max(floor, int(px * 0.92))
    # a page that scrolls still shows PAGE_LINES lines: a large size gives way, down to that of text size 1.0
    least = Metrics(m.width, m.height, 1.0).body
    room = size[1] - text.line_height(m.small, "bold")  # the scroll hint's line
    while px > least and lines_in(block(paras, px, size[0]), size[1], room) < PAGE_LINES:
        px = max(least, int(px * 0.92))
    return px


def lines_in(shown: text.Block, height: int, room: int) -> int:
    """How many of the block's lines a page shows from its top: all when it fits height, else those within room."""
    if shown.height <= height:
        return len(shown.lines)
    return sum(1 for _, px, _, style, y in shown.lines if y + text.line_height(px, style) <= room)


def draw_paragraphs(surf, inner, paras, col: Column, px: int | None = None, scrolls: bool = False):
    """Paragraphs in inner at body size px (else the largest that fits); with scrolls, a page
    longer than inner shows whole lines from the column's scroll, with a hint of what is below."""
    px = px if px is not None else fit_px(paras, inner.size, col.m)
    shown = block(paras, px, inner.width)
    if not scrolls or shown.height <= inner.height:
        surf.blit(shown.surface, inner.topleft, area=pygame.Rect(0, 0, inner.width, inner.height))
        return
    scrolled(surf, inner, shown, col)


def scrolled(surf, inner, shown: text.Block, col: Column):
    """A block in inner: whole lines from the column's scroll when it is longer, with a hint of what is below."""
    m = col.m
    if shown.height <= inner.height:
        surf.blit(shown.surface, inner.topleft)
        return
    view = pygame.Rect(inner.x, inner.y, inner.width, inner.height - text.line_height(m.small, "bold"))
    limit = text.scroll_limit(shown, view.height)
    col.more(limit)
    picture, _ = text.window(shown, min(col.scroll, limit), view.height)
    surf.blit(picture, view.topleft)
    scroll_hint(surf, inner, m, "PgDn or wheel: more below" if col.scroll < limit else "PgUp or wheel: back up")


def scroll_hint(surf, inner, m, words: str):
    """The hint at a scrolled page's bottom right."""
    hint = text.render(text.ellipsize(words, m.small, inner.width, "bold"), m.small, palette.FOCUS, "bold")
    surf.blit(hint, hint.get_rect(bottomright=inner.bottomright))


def draw_moves(surf, inner, world, col: Column):
    """Turning points: the three turns that moved regional tension most, each with why (a 2×2 game:
    the turns where the moves changed, and the payoff totals)."""
    g = world["game"]
    names = {a.code: a.name for a in g.scenario.actors}
    if not g.scenario.dynamics:
        paras = [("The turns where the moves changed", 1.05, palette.TEXT, "bold")]
        paras += [
            (line, 1.0, palette.ACCENT, "bold") for _, line in dilemma.turning_points(g.turns, g.codes, names)
        ] or [("No turns were played.", 1.0, palette.MUTED, "italic")]
        totals = dilemma.totals(g.turns, g.scenario.n)
        paras.append(
            (
                "Payoff totals: " + " · ".join(f"{names[c]} {t:g}" for c, t in zip(g.codes, totals)),
                1.0,
                palette.TEXT,
                "regular",
            )
        )
        shown = text.fit_static(tuple(paras), inner.width, inner.height, col.m.body, 10)
        surf.blit(shown.surface, inner.topleft, area=pygame.Rect(0, 0, inner.width, inner.height))
        return
    wv = g.worldview.as_dict()
    first = tuple(g.codes[i] for i in g.humans)
    paras = [("The three turns that moved regional tension most", 1.05, palette.TEXT, "bold")]
    stakes = {s.id: s.name for s in g.scenario.stakes}
    wars = [(t, c) for t in g.turns for c in war_news.wars_begun(t)]
    if wars:  # a war is the turning point of its game, whatever tension did
        paras[0] = ("The war, and the turns that moved regional tension most", 1.05, palette.TEXT, "bold")
    for entry, crisis in wars:
        paras.append(
            (f"Turn {entry['turn']}: {war_news.war_headline(crisis, names, stakes)}", 1.0, palette.WARNING, "bold")
        )
    if not world["moves"]:
        paras.append(("No turns were played.", 1.0, palette.MUTED, "italic"))
    for entry, delta in world["moves"]:
        card = f" — card “{entry['card']['title']}” (¶{entry['card']['paragraph']})" if entry.get("card") else ""
        sign = "+" if delta >= 0 else "−"
        paras.append(
            (
                f"Turn {entry['turn']}: tension {sign}{abs(delta):.1f} to {entry['regional_tension']:.0f}{card}",
                1.0,
                palette.ACCENT,
                "bold",
            )
        )
        for line in why(entry, names, wv, limit=3, first=first)[:4]:
            paras.append((f"• {line}", 0.9, palette.TEXT, "regular"))
    scrolled(surf, inner, text.fit_static(tuple(paras), inner.width, inner.height, col.m.body, col.floor), col)
