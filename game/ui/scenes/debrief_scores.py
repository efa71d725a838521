"""The debrief's Scores page: the outcome, a table of every actor's score and its parts (the
disposition column reveals each hidden type), and what the columns mean. The text keeps the size
of text at 1.0 at least; where the rows do not fit, they scroll under a fixed header row."""

from __future__ import annotations

import pygame

from game.core.teaching.report import OUTCOME_TEXT

from ..window import palette, text
from ..widgets import shapes
from .debrief_text import Column, scroll_hint

SCORE_COLUMNS = (
    ("score", "score"),
    ("security", "security"),
    ("trust", "trust"),
    ("tension", "tension"),
    ("prosperity", "prosperity"),
    ("payoff", "2×2 payoff"),
)
SCORE_HELP = (
    "Score: the headline, 0–100, by what the actor's own type wants. Security: mean security per turn "
    "(0–100). Trust: how much this actor trusts and is trusted, 0–100. Tension: its mean dyadic tension at "
    "the end, 0–100. Prosperity: its economy at the end. 2×2 payoff: the summed dyadic payoffs of "
    "deterrence against dialogue."
)
SCORE_HELP_2X2 = (
    "Score: the headline, 0–100, by what the actor's own type wants. Security: mean security per "
    "turn (0–100). Trust: how much this actor trusts and is trusted, 0–100. Prosperity: its economy at "
    "the end. 2×2 payoff: the summed payoffs of deterring against talking."
)  # a game without tension


def draw_scores(surf, inner, world, col: Column, side_by_side: bool):
    """The page in inner: at the largest size down to the floor where it fits, else the rows scroll."""
    g, record = world["game"], world["record"]
    px = col.m.body
    while True:
        head = text.Block(
            [
                (f"Outcome: {OUTCOME_TEXT[record['outcome']]}", round(px * 1.15), palette.TEXT, "bold"),
                (f"Ended after turn {record['end_turn']} of {g.turn_limit}.", px, palette.MUTED, "regular"),
            ],
            inner.width,
            gap=2,
        )
        table, table_h = score_table(record, g, px, inner.width, not side_by_side)
        foot = _footer(g, px, inner.width, side_by_side)
        total = head.height + table_h + foot.height + 2 * col.m.pad
        if (total <= inner.height and table is not None) or px <= col.floor:
            break
        px = max(col.floor, int(px * 0.92))
    surf.blit(head.surface, inner.topleft)
    y = inner.y + head.height + col.m.pad
    if table is not None and y + table_h > inner.bottom:
        _scrolled_rows(surf, pygame.Rect(inner.x, y, inner.width, inner.bottom - y), table, len(g.codes), col)
        return
    if table is not None:
        surf.blit(table, (inner.x, y))
    y += table_h + col.m.pad
    if y + foot.height <= inner.bottom:
        surf.blit(foot.surface, (inner.x, y))


def _footer(g, px: int, width: int, side_by_side: bool) -> text.Block:
    played = "Played by: " + ", ".join(f"{c} {d}" for c, d in zip(g.codes, g.doctrines)) + ". " if side_by_side else ""
    return text.Block(
        [
            (
                played + "The disposition column reveals each actor's hidden type, drawn at the start.",
                round(px * 0.85),
                palette.MUTED,
                "regular",
            ),
            (SCORE_HELP if g.scenario.dynamics else SCORE_HELP_2X2, round(px * 0.85), palette.MUTED, "italic"),
        ],
        width,
        gap=2,
    )


def _scrolled_rows(surf, room: pygame.Rect, table, n: int, col: Column):
    """The header row stays; the actors' rows that fit, from the column's scroll (PgDn), and a hint."""
    lh = table.get_height() // (n + 1)
    shown = max(1, (room.height - text.line_height(col.m.small, "bold")) // lh - 1)
    col.more(n - shown)
    first = min(col.scroll, n - shown)
    surf.blit(table, room.topleft, area=pygame.Rect(0, 0, table.get_width(), lh))
    surf.blit(table, (room.x, room.y + lh), area=pygame.Rect(0, lh * (1 + first), table.get_width(), lh * shown))
    scroll_hint(surf, room, col.m, "PgDn or wheel: more rows" if first < n - shown else "PgUp or wheel: back up")


def score_rows(record, g, with_controller: bool) -> tuple[list[str], list[list[str]]]:
    """The table's header and one row of words per actor (a game without tension drops that column)."""
    headers = ["actor"] + (["played by"] if with_controller else []) + ["disposition"] + [h for _, h in SCORE_COLUMNS]
    rows = []
    for i, code in enumerate(g.scenario.codes):
        s = record["scores"][code]
        controller = "human" if g.doctrines[i] == "human" else g.doctrines[i]
        rows.append(
            [code]
            + ([controller] if with_controller else [])
            + [
                record["dispositions"][code],
                f"{s['score']:.0f}",
                f"{s['security']:.0f}",
                f"{s['trust']:.0f}",
                f"{s['tension']:.0f}",
                f"{s['prosperity']:.1f}",
                f"{s['payoff']:.0f}",
            ]
        )
    if not g.scenario.dynamics:  # the 2x2 game (two_rivals) has no tension to show
        drop = headers.index("tension")
        headers.pop(drop)
        for r in rows:
            r.pop(drop)
    return headers, rows


def score_table(record, g, px, width, with_controller: bool):
    """The scores as a table with a header row; None when it is wider than width at this size.
    Side by side, the controllers are the same in both worlds: they move to the footer."""
    headers, rows = score_rows(record, g, with_controller)
    marker_w = round(px * 1.2)
    gap = max(6, px // 2)
    col_w = [max(text.size(h, px, "bold")[0], *(text.size(r[c], px)[0] for r in rows)) for c, h in enumerate(headers)]
    col_w[0] += marker_w
    if sum(col_w) + gap * (len(headers) - 1) > width:
        return None, 0
    lh = text.line_height(px) + 2
    table = text.surface((width, lh * (len(rows) + 1)), pygame.SRCALPHA)
    x = 0
    first_number = headers.index("score")
    for c, h in enumerate(headers):
        right = c >= first_number
        cells = [(h, palette.ACCENT, "bold")] + [_cell(headers[c], row[c]) for row in rows]
        for r, (words, colour, style) in enumerate(cells):
            y = lh * r
            if c == 0 and r:
                actor = g.scenario.actors[r - 1]
                shapes.draw_marker(
                    table,
                    actor.marker,
                    palette.hex_colour(actor.colour),
                    (x + marker_w // 2 - 1, y + lh // 2),
                    max(4, px * 0.38),
                    width=1,
                )
                table.blit(text.render(words, px, colour, "bold"), (x + marker_w, y))
                continue
            img = text.render(words, px, colour, style)
            table.blit(img, (x + col_w[c] - img.get_width(), y) if right else (x, y))
        x += col_w[c] + gap
    return table, table.get_height()


def _cell(header: str, words: str) -> tuple[str, tuple, str]:
    """A cell's words, colour and style: a greedy disposition warns, the score is bold."""
    colour = palette.TEXT
    if header == "disposition":
        colour = palette.WARNING if words == "greedy" else palette.MUTED
    return words, colour, "bold" if header == "score" else "regular"
