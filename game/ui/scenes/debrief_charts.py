"""The debrief's charts: regional tension and mean trust (a 2×2 game: each side's payoff) over a
chosen pair's trust and tension, the Which world? page's belief chart, and the export's picture of
every world's charts."""

from __future__ import annotations

import pygame

from game.core.model import dilemma

from . import debrief_pages as pages
from ..window import history, layout, palette, text
from ..window.metrics import Metrics
from ..widgets import shapes
from ..widgets.chart import Chart
from .debrief_text import Column, draw_paragraphs

EXPORT_COLUMN = 900  # the export's picture: one 900 px square column per world


def chart_title(world) -> str:
    if not world["game"].scenario.dynamics:  # the 2x2 game: no regional tension
        return f"Payoff per turn, % of the best one turn pays — {world['game'].worldview.label}"
    return f"Tension and mean trust — {world['game'].worldview.label}"


def pair_title(scenario, pair: int) -> str:
    i, j = history.actor_pairs(scenario.n)[pair]
    return f"Pair {scenario.actors[i].name} and {scenario.actors[j].name} (× 100) · [ ] other pairs"


def chart_lines(world, pair: int):
    """The lines of the top chart (the region) and of the pair's chart."""
    g = world["game"]
    s = history.series(g.turns, world["start"])
    top = [
        ("regional tension", s["turn"], s["tension"], palette.CHART_TENSION, "solid"),
        ("mean trust × 100", s["turn"], s["trust"], palette.CHART_TRUST, "dashed"),
    ]
    i, j = history.actor_pairs(g.scenario.n)[pair]
    a, b = g.codes[i], g.codes[j]
    p = history.pair_series(g.turns, i, j, world["start"])
    pair_lines = [
        (f"trust {a}→{b}", p["turn"], p["trust_ab"], palette.CHART_PAIR_AB, "solid"),
        (f"trust {b}→{a}", p["turn"], p["trust_ba"], palette.CHART_PAIR_BA, "dashed"),
        (f"tension {a}–{b}", p["turn"], p["tension"], palette.CHART_PAIR_TENSION, "dotted"),
    ]
    if not g.scenario.dynamics:  # the 2x2 game: each side's payoff instead of regional tension
        turns, shares = dilemma.payoff_shares(g.turns, g.worldview, g.scenario.n)
        colours = (palette.CHART_PAIR_AB, palette.CHART_PAIR_BA, palette.CHART_TRUST)
        top = [
            (f"{g.codes[k]} payoff, % of the best", turns, shares[k], colours[k % 3], ("solid", "dashed")[k % 2])
            for k in range(g.scenario.n)
        ]
        pair_lines = pair_lines[:2]
    return top, pair_lines


def draw_charts(surf, world, col: Column, title: str, pair: int):
    """The region's chart over the pair's; a column too short for two shows one, PgDn and PgUp between them."""
    m = col.m
    size = surf.get_size()
    top, pair_lines = chart_lines(world, pair)
    limit = world["game"].turn_limit
    below = pair_title(world["game"].scenario, pair)
    half = (size[1] - m.pad) // 2
    if half < 9 * text.line_height(m.small):
        col.more(1)
        if col.scroll == 0:
            surf.blit(Chart.render(size, m, f"{title} · PgDn: the pair", top, limit), (0, 0))
        else:
            surf.blit(Chart.render(size, m, f"{below} · PgUp: the region", pair_lines, limit), (0, 0))
        return
    upper, lower = layout.column(surf.get_rect(), half, None, gap=m.pad)
    surf.blit(Chart.render(upper.size, m, title, top, limit), upper.topleft)
    surf.blit(Chart.render(lower.size, m, below, pair_lines, limit), lower.topleft)


def draw_world_page(surf, world, col: Column):
    """Which world was it? The words beside the chart of stated chances (one over the other when narrow)."""
    m = col.m
    rect = surf.get_rect()
    if rect.width >= 2.2 * min(m.body, col.floor) * 20:  # at large text sizes the words may shrink to the floor
        words, chart = layout.row(rect, round(rect.width * 0.5), None, gap=m.pad)
    else:
        words, chart = layout.column(rect, rect.height // 2, None, gap=m.pad)
    inner = shapes.panel(surf, words, "Which world was it?", m.body)
    draw_paragraphs(surf, inner, pages.world_page(world), col, scrolls=True)
    g = world["game"]
    colours = {a.code: palette.hex_colour(a.colour) for a in g.scenario.actors}
    lines = pages.belief_series(world, colours, palette.TEXT, palette.FOCUS)
    title = "Chance of the spiral world (%), by turn"
    surf.blit(Chart.render(chart.size, m, title, lines, g.turn_limit), chart.topleft)


def charts_picture(worlds, pair: int) -> pygame.Surface:
    """The charts of every world shown, side by side, at a fixed export size."""
    size = EXPORT_COLUMN
    m = Metrics(1280, 720, 1.0)
    pic = text.surface((size * len(worlds), size))
    pic.fill(palette.BACKGROUND)
    for k, world in enumerate(worlds):
        top, pair_lines = chart_lines(world, pair)
        limit = world["game"].turn_limit
        below = pair_title(world["game"].scenario, pair)
        pic.blit(Chart.render((size - 20, 430), m, chart_title(world), top, limit), (k * size + 10, 10))
        pic.blit(Chart.render((size - 20, 430), m, below, pair_lines, limit), (k * size + 10, 460))
    return pic
