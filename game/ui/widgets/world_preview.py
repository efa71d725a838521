"""What the sandbox draws beside its sliders: the live preview of its world (each doctrine's war
rate with its 95 % interval, the verdict in words, tension and trust by turn), each parameter's
name and value, and what the focused parameter means."""

from __future__ import annotations

import attrs
import pygame

from game.core.model import params as P
from game.core.runs import lab_format

from ..window import palette, text
from ..window.formats import format_value
from . import lab_charts, shapes

MARK = "◆"  # a value that differs from the preset


@attrs.frozen
class Preview:
    """What the preview panel shows: the last finished preview (or None) and how it stands."""

    scenario_title: str
    games: int
    results: list | None  # Results of each doctrine, in order
    seconds: float = 0.0
    current: bool = False  # the results are of the world the sliders show now
    error: str = ""


def draw_preview(surface, rect: pygame.Rect, m, preview: Preview, cache: dict):
    """The preview panel in rect; the charts are drawn once into cache and then only blitted."""
    if rect.height < 40:
        return
    pygame.draw.rect(surface, palette.PANEL, rect, border_radius=8)
    pygame.draw.rect(surface, palette.PANEL_EDGE, rect, 1, border_radius=8)
    inner = rect.inflate(-2 * m.pad, -2 * m.pad)
    px = m.small
    head = text.first_fitting(
        [f"Live preview: war rate, {preview.games} games each", "Live preview: war rate", "Live preview"],
        m.body,
        inner.width,
        "bold",
    )
    surface.blit(text.render(head, m.body, palette.TEXT, "bold"), inner.topleft)
    y = inner.y + text.line_height(m.body, "bold")
    status, colour = _status(preview)
    img = text.render(text.first_fitting(status, px, inner.width, "italic"), px, colour, "italic")
    surface.blit(img, (inner.x, y))
    y += img.get_height() + m.pad // 2
    if preview.results is None:
        return
    stale = not preview.current
    rows_h = 2 * (text.line_height(px, "bold") + 6)
    war_rate_rows(surface, (inner.x, y, inner.width, rows_h), px, preview.results, dim=stale)
    y += rows_h + m.pad // 2
    _, sentence = lab_format.verdict(preview.results)
    verdict = text.fit_static(
        ((sentence[0].upper() + sentence[1:] + ".", 1.0, palette.MUTED if stale else palette.ACCENT, "bold"),),
        inner.width,
        2 * text.line_height(px, "bold"),
        px,
        10,
    )
    surface.blit(verdict.surface, (inner.x, y))
    y += verdict.height + m.pad // 2
    pic = _charts(cache, (inner.width, inner.bottom - y), px, m.pad, preview.results)
    if pic is not None:
        if stale:
            pic = pic.copy()
            pic.set_alpha(110)
        surface.blit(pic, (inner.x, y))


def war_rate_rows(surface, rect, px: int, results: list, dim: bool = False):
    """One row per doctrine: its war rate as a bar with the 95 % whisker, and the numbers."""
    rect = pygame.Rect(rect)
    lh = text.line_height(px, "bold")
    row_h = max(lh + 4, rect.height // max(1, len(results)))
    name_w = max(text.size(r.condition.doctrine, px, "bold")[0] for r in results) + 8
    value_w = text.size(f"{lab_format.percent(1.0)} ({lab_format.interval(1.0, 1.0)})", px)[0] + 8
    track_w = rect.width - name_w - value_w
    for k, r in enumerate(results):
        cy = rect.y + k * row_h + row_h // 2
        colour = lab_charts.doctrine_colour(r.condition.doctrine, k)
        if dim:
            colour = shapes.blend(colour, palette.PANEL, 0.45)
        name = text.render(r.condition.doctrine, px, palette.TEXT, "bold")
        surface.blit(name, name.get_rect(midleft=(rect.x, cy)))
        rate, (lo, hi) = r.rate("war"), r.ci("war")
        if track_w >= 30:
            track = pygame.Rect(rect.x + name_w, cy - lh // 3, track_w, 2 * (lh // 3))
            lab_charts.rate_bar(surface, track, rate, (lo, hi), colour, least=1)
            vx = track.right + 8
        else:
            vx = rect.x + name_w
        words = text.render(
            f"{lab_format.percent(rate)} ({lab_format.interval(lo, hi)})", px, palette.MUTED if dim else palette.TEXT
        )
        surface.blit(words, words.get_rect(midleft=(vx, cy)))


def _status(preview: Preview) -> tuple[list[str], tuple]:
    """How the preview stands, in wordings from the longest (large text on a projector keeps the essentials)."""
    if preview.error:
        return [f"The preview failed: {preview.error}"], palette.WARNING
    if preview.results is None:
        return ["Starting the preview…"], palette.MUTED
    if not preview.current:
        return ["Updating for the new values…"], palette.FOCUS
    seeds = f"seeds 1–{preview.games}, 95 % intervals"
    return (
        [
            f"Up to date: {preview.scenario_title}, {seeds} ({preview.seconds:.1f} s)",
            f"Up to date: {seeds} ({preview.seconds:.1f} s)",
            f"Up to date: {seeds}",
        ],
        palette.MUTED,
    )


def _charts(cache: dict, size, px: int, gap: int, results) -> pygame.Surface | None:
    """Each doctrine's tension and trust by turn, side by side; None when there is no room."""
    width, height = size
    cpx = max(10, round(px * 0.8))  # the curves matter more than their axis labels here
    clh = text.line_height(cpx, "bold")
    if height < 3 * clh + 24:
        return None
    key = (width, height, cpx, id(results))
    if cache.get("key") != key:
        pic = text.surface((width, height), pygame.SRCALPHA)
        cw = (width - gap) // 2
        for k, r in enumerate(results):
            x = k * (cw + gap)
            pygame.draw.rect(pic, lab_charts.doctrine_colour(r.condition.doctrine, k), (x, (clh - 8) // 2, 8, 8))
            d = r.condition.doctrine
            title = text.first_fitting([f"{d}: tension, trust × 100", f"{d}: tension, trust", d], cpx, cw - 12, "bold")
            pic.blit(text.render(title, cpx, palette.TEXT, "bold"), (x + 12, 0))
            lab_charts.time_chart(pic, (x, clh, cw, height - clh), cpx, r, thin=True)
        cache.update(key=key, pic=pic)
    return cache["pic"]


def draw_param_rows(surface, m, rows, worldview: P.Worldview):
    """Each shown parameter's name and value beside its slider, in yellow with a ◆ where it differs
    from the preset."""
    for row in rows:
        spec, lr = row["spec"], row["label"]
        modified = worldview[spec.name] != P.PRESETS[worldview.preset][spec.name]
        colour = palette.FOCUS if modified else palette.TEXT
        if modified:
            mark = text.render(MARK, m.body, palette.FOCUS, "bold")
            surface.blit(mark, mark.get_rect(center=(row["row"].x + row["gutter"] // 2, lr.centery)))
        label = text.render(
            text.first_fitting([spec.label, spec.name], m.body, lr.width, "bold"), m.body, colour, "bold"
        )
        surface.blit(label, label.get_rect(midleft=(lr.x, lr.centery)))
        value = text.render(format_value(spec, worldview[spec.name]), m.body, colour, "bold")
        surface.blit(value, value.get_rect(midleft=row["value"]))


def draw_param_info(surface, rect: pygame.Rect, m, worldview: P.Worldview, name: str | None):
    """The focused parameter's value (marked if it differs from the preset), meaning and source;
    with none focused, how the sliders work."""
    if rect.height < text.line_height(m.body) * 2:
        return
    if name is None:
        paras = (
            (
                f"{MARK} in yellow: a value that differs from the preset. Reset puts one back; Shift+R all of "
                "them. ↑ ↓ move between parameters, ← → change the focused one; hover a name for what it means "
                "and where it comes from.",
                1.0,
                palette.MUTED,
                "italic",
            ),
        )
    else:
        spec, preset = P.SPEC[name], worldview.preset
        base, now = P.PRESETS[preset][name], worldview[name]
        state = (
            f"{format_value(spec, now)}, {MARK} modified ({preset}: {format_value(spec, base)})"
            if now != base
            else f"{format_value(spec, now)}, as in {preset}"
        )
        paras = (
            (f"{spec.label} ({spec.name}) = {state}", 1.0, palette.FOCUS if now != base else palette.TEXT, "bold"),
            (spec.help, 1.0, palette.TEXT, "regular"),
            (
                f"Source: {spec.source}. Range {format_value(spec, spec.low)} to {format_value(spec, spec.high)}.",
                0.92,
                palette.MUTED,
                "italic",
            ),
        )
    # on a projector, readable text before the source line: the name's tooltip also gives the source
    block = text.fit_static(paras, rect.width, rect.height, m.small, max(10, round(m.small * 0.8)))
    if block.height > rect.height and len(paras) > 2:
        block = text.fit_static(paras[:2], rect.width, rect.height, m.small, 10)
    surface.blit(block.surface, rect.topleft, area=pygame.Rect((0, 0), rect.size))
