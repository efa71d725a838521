"""The printable debrief: one light page (A4 portrait at 150 dpi) to hand out after a game.

It holds what the debrief's headline says (each human's type, score against the scenario's AI in
its seat, its sentence, what its moves did and its beliefs; the world revealed, the outcome and
every type), the belief chart of a hidden game, the war told rung by rung (or the highest crisis),
and the other world's outcome when the replay was made. The words are the debrief's own
(debrief_pages, game.core.teaching.debrief); the text shrinks only as far as it must to fit the page.
"""

from __future__ import annotations

import time

import pygame

from game.core.teaching.report import OUTCOME_TEXT

from . import debrief_pages as pages
from ..window import palette, text
from ..widgets import shapes

PAGE = (1240, 1754)  # A4 at 150 dots per inch
MARGIN = 80
BODY_PX = 23  # about 11 points at 150 dpi
SMALLEST_PX = 15
PAPER = (255, 255, 255)
BOX = (236, 241, 247)
RULE = (190, 198, 210)
INK = pages.ROLES_PAPER


def _ink(colour) -> tuple:
    """An actor's colour dark enough to read on white (pale ones are darkened, the hue kept)."""
    r, g, b = colour
    light = 0.299 * r + 0.587 * g + 0.114 * b
    if light <= 140:
        return colour
    k = 140 / light
    return round(r * k), round(g * k), round(b * k)


def paper_chart(size, lines, x_max: int, px: int, title: str) -> pygame.Surface:
    """A line chart of chances 0–100% by turn, dark on light, each line with its own style and a legend."""
    surf = pygame.Surface(size)
    surf.fill(PAPER)
    w, h = size
    lh = text.line_height(px)
    surf.blit(text.render(title, px, INK["head"], "bold"), (0, 0))
    x, y = 0, text.line_height(px, "bold") + 4
    for label, _, _, colour, style in lines:
        item = 44 + 8 + text.size(label, px)[0]
        if x and x + item > w:
            x, y = 0, y + lh + 2
        shapes.styled_line(surf, colour, (x, y + lh // 2), (x + 44, y + lh // 2), 4, style, 8.0)
        surf.blit(text.render(label, px, INK["text"]), (x + 52, y))
        x += item + 24
    axis = text.size("100%", px)[0] + 8
    plot = pygame.Rect(axis, y + lh + 10, w - axis - 10, h - (y + lh + 10) - lh - 6)
    if plot.height < 30:
        return surf
    for v in (0, 25, 50, 75, 100):
        yy = plot.bottom - round(plot.height * v / 100)
        pygame.draw.line(surf, RULE, (plot.x, yy), (plot.right, yy), 1)
        img = text.render(f"{v}%", px, INK["muted"])
        surf.blit(img, img.get_rect(midright=(plot.x - 4, yy)))
    x_max = max(1, int(x_max))
    step = max(1, round(x_max / 10))
    for t in list(range(0, x_max + 1, step)) + ([x_max] if x_max % step else []):
        img = text.render(str(t), px, INK["muted"])
        r = img.get_rect(midtop=(plot.x + round(plot.width * t / x_max), plot.bottom + 3))
        r.clamp_ip(surf.get_rect())
        surf.blit(img, r)
    pygame.draw.rect(surf, INK["muted"], plot, 1)
    solid = [k for k, line in enumerate(lines) if line[4] == "solid"]
    for k, (_, turns, values, colour, style) in enumerate(lines):
        pts = [
            (plot.x + round(plot.width * t / x_max), plot.bottom - round(plot.height * max(0, min(100, v)) / 100))
            for t, v in zip(turns, values)
        ]
        # earlier solid lines are drawn wider, so two players who said the same still both show
        width = 4 + 3 * (len(solid) - 1 - solid.index(k)) if k in solid else 4
        if len(pts) > 1:
            shapes.polyline(surf, colour, pts, width, style, unit=9.0)
    return surf


def _sections(worlds: list, baselines) -> list:
    """The page's parts, in order: ("text", paragraphs, boxed) or ("chart", world)."""
    first = worlds[0]
    game, record = first["game"], first["record"]
    when = f"{record['end_turn']} of {game.turn_limit} turns · {time.strftime('%d %B %Y')}"
    dateline = (f"{game.scenario.title} · seed {game.seed} · {when}", 0.9, "muted", "regular")
    parts = [("text", [dateline], False)]
    region = [
        (pages.D.world_line(record), 1.1, "head", "bold"),
        (f"Outcome: {OUTCOME_TEXT[record['outcome']]}, after turn {record['end_turn']}.", 1.0, "text", "regular"),
        (pages.types_line(record), 0.95, "text", "regular"),
    ]
    parts.append(("text", region, True))
    for i in game.humans:
        base = None if baselines is None else float(baselines[i])
        parts.append(("text", pages.human_paragraphs(first, game.codes[i], base, beliefs=game.hidden), False))
    if game.hidden and game.humans and record.get("beliefs"):
        parts.append(("chart", first))
        observer = (pages.D.observer_line(record), 0.9, "text", "regular")
        parts.append(("text", [observer, (f"Brier score: {pages.D.BRIER_SCALE}.", 0.8, "muted", "italic")], False))
    parts.append(("text", pages.crises_page(first), False))
    if len(worlds) > 1:
        parts.append(("text", _other_world(worlds[1]), True))
    return parts


def _other_world(other: dict) -> list:
    """The replay under the other world: its outcome, what stayed the same, and each human's score."""
    orec = other["record"]
    ended = f"{OUTCOME_TEXT[orec['outcome']]}, after turn {orec['end_turn']}."
    said = [
        (f"In the other world ({pages.world_name(orec['worldview']['preset'])}): {ended}", 1.0, "accent", "bold"),
        (pages.D.SAME_ACTORS + pages.cards_note(other), 0.85, "muted", "italic"),
    ]
    for i in other["game"].humans:
        code = other["game"].codes[i]
        score = f"{orec['actor_names'][code]}: score {orec['scores'][code]['score']:.0f} — "
        said.append((score + pages.D.sentence(orec, code, pages.stakes_of(other["game"])), 0.95, "text", "regular"))
    return said


def render(worlds: list, baselines=None) -> pygame.Surface:
    """The page: worlds[0] is the game, worlds[1] (if any) its replay under the other world."""
    page = pygame.Surface(PAGE)
    page.fill(PAPER)
    width = PAGE[0] - 2 * MARGIN
    parts = _sections(worlds, baselines)
    px, chart_h, blocks = _fit(parts, width)
    y = MARGIN
    title = text.render("Deterrence or Dialogue — debrief", round(px * 1.8), INK["head"], "bold")
    page.blit(title, (MARGIN, y))
    y += title.get_height() + px // 3
    bottom = PAGE[1] - MARGIN - text.line_height(round(px * 0.75)) - px // 2
    for part, (block, height) in zip(parts, blocks):
        if part[0] == "chart":
            if y + chart_h > bottom:
                continue
            page.blit(_belief_chart(part[1], (width, chart_h), px), (MARGIN, y))
            y += chart_h + round(px * 0.9)
            continue
        if y + height > bottom:
            break  # what does not fit is on screen and in the export's files
        if part[2]:
            box = pygame.Rect(MARGIN - px // 2, y - px // 3, width + px, height + 2 * (px // 3))
            pygame.draw.rect(page, BOX, box, border_radius=8)
            pygame.draw.rect(page, RULE, box, 1, border_radius=8)
        page.blit(block.surface, (MARGIN, y))
        y += height + round(px * 0.9)
    _foot(page, worlds[0]["game"].hidden, round(px * 0.75), width)
    return page


def _fit(parts: list, width: int):
    """The text size and chart height (smaller by steps, down to SMALLEST_PX) at which the parts fit the
    page, and the parts' blocks at that size."""
    px, chart_h = BODY_PX, 330
    while True:
        blocks = [_block(p, px, width) for p in parts]
        title_h = text.line_height(round(px * 1.8), "bold")
        total = title_h + sum(h for _, h in blocks) + len(blocks) * round(px * 0.9) + 2 * px
        total += sum(chart_h for p in parts if p[0] == "chart")
        if total <= PAGE[1] - 2 * MARGIN or px <= SMALLEST_PX:
            return px, chart_h, blocks
        px = max(SMALLEST_PX, round(px * 0.94))
        chart_h = max(220, round(chart_h * 0.94))


def _belief_chart(world: dict, size, px: int) -> pygame.Surface:
    """The stated beliefs and the observer's, each actor in its own ink."""
    colours = {a.code: _ink(palette.hex_colour(a.colour)) for a in world["game"].scenario.actors}
    lines = pages.belief_series(world, colours, (70, 74, 80), INK["head"])
    title = "Chance of the spiral world, as stated and as the observer would have believed"
    return paper_chart(size, lines, world["record"]["turn_limit"], round(px * 0.85), title)


def _foot(page, hidden: bool, px: int, width: int):
    """The page's last line: what was hidden during play, and where every turn is."""
    secret = "every type and the world were hidden during play" if hidden else "every type was hidden during play"
    words = f"Deterrence or Dialogue · {secret} · the CSV and game.json beside this page hold every turn"
    page.blit(
        text.render(text.ellipsize(words, px, width, "italic"), px, INK["muted"], "italic"), (MARGIN, PAGE[1] - MARGIN)
    )


def _block(part, px: int, width: int):
    if part[0] != "text":
        return None, 0
    paras = [(t, max(text.MIN_PX, round(px * f)), INK[role], style) for t, f, role, style in part[1]]
    block = text.Block(paras, width, gap=max(3, px // 3))
    return block, block.height
