"""The sensitivity chart: which assumptions drive the war rates and the verdict, one bar a worldview parameter
with its 95 % interval, largest first, and whether the theory's predicted sign holds."""

from __future__ import annotations

import pygame

from ..window import palette, text
from . import shapes
from .lab_charts import Plot

SENSITIVITY_TITLES = {  # (the whole title, the one for a narrow chart)
    "verdict": (
        "What moves the verdict (dialogue's war rate − deterrence's), parameter by parameter",
        "What moves the verdict (dialogue − deterrence)",
    ),
    "deterrence": ("What moves the war rate when every actor plays deterrence", "What moves war under all-deterrence"),
    "dialogue": ("What moves the war rate when every actor plays dialogue", "What moves war under all-dialogue"),
}
THEORY_WORDS = {"agrees": "as predicted", "unclear": "unclear", "contradicts": "against theory", "": "no prediction"}


def sensitivity_chart(size, m, result, output: str = "verdict", min_px: int | None = None) -> pygame.Surface:
    """Each parameter's signed effect on `output` of moving it across its range (war-rate points),
    a bar with its 95 % interval, largest first, and whether the theory's predicted sign holds.
    The text shrinks (not below min_px) before rows are left out."""
    w, h = size
    surf = text.surface((max(1, w), max(1, h)))
    surf.fill(palette.BACKGROUND)
    long, short = SENSITIVITY_TITLES[output]
    title = text.first_fitting([long, short], m.body, w - m.body * 2, "bold")
    inner = shapes.panel(surf, surf.get_rect(), title, m.body)
    names = result.ranked(output)
    px = m.small
    while px > (min_px or m.small) and (inner.height - 4 * text.line_height(px) - 8) < len(names) * text.line_height(
        px
    ):
        px -= 1
    lh = text.line_height(px)
    label_w = min(inner.width // 3, max(text.size(n, px)[0] for n in names) + px)
    theory_w = max(text.size(t, px)[0] for t in THEORY_WORDS.values()) + px // 2
    plot_top, plot_bottom = inner.y + lh + 4, inner.bottom - 2 * lh - 4
    plot = pygame.Rect(inner.x + label_w, plot_top, inner.width - label_w - theory_w, plot_bottom - plot_top)
    if plot.width < 60 or plot.height < lh:
        return surf
    shown = names[: max(1, plot.height // max(lh, 1))]
    effects = [result.effect(n, output) for n in shown]
    reach = max([abs(v) for e in effects for v in (e.low, e.high, e.mean) if v == v] + [0.01]) * 100
    scale = Plot(plot, -reach, reach)
    _sensitivity_axis(surf, scale, px, output, reach)
    row_h = plot.height / len(shown)
    for k, e in enumerate(effects):
        y = round(plot.y + (k + 0.5) * row_h)
        name = text.render(text.ellipsize(e.param, px, label_w - px // 2), px, palette.TEXT)
        surf.blit(name, name.get_rect(midleft=(inner.x, y)))
        _effect_bar(surf, scale, e, y, max(4, round(min(row_h, 2 * lh) * 0.55)), output)
        mark = text.render(
            THEORY_WORDS[e.verdict], px, palette.WARNING if e.verdict == "contradicts" else palette.MUTED
        )
        surf.blit(mark, mark.get_rect(midleft=(plot.right + px // 2, y)))
    if len(shown) < len(names):
        more = text.ellipsize(f"+ {len(names) - len(shown)} more", px, label_w - px // 2)
        surf.blit(text.render(more, px, palette.FAINT), (inner.x, plot.bottom + lh + 2))
    return surf


def _sensitivity_axis(surf, scale: Plot, px: int, output: str, reach: float):
    """Zero, the ends of the scale in war-rate points, and which side means what."""
    plot = scale.rect
    for v in (-reach, 0.0, reach):
        xx = scale.x(v)
        pygame.draw.line(surf, palette.PANEL_EDGE if v else palette.MUTED, (xx, plot.y), (xx, plot.bottom), 1)
        img = text.render(f"{v:+.0f}" if v else "0", px, palette.MUTED)
        r = img.get_rect(midtop=(xx, plot.bottom + 2))
        r.clamp_ip(surf.get_rect())
        surf.blit(img, r)
    sides = [("toward dialogue", "toward deterrence"), ("dialogue", "deterrence")] if output == "verdict" else []
    sides += [("less war", "more war")] if output != "verdict" else []
    room = plot.width // 2 - px
    left, right = next(
        ((a, b) for a, b in sides if max(text.size(f"← {a}", px)[0], text.size(f"{b} →", px)[0]) <= room), sides[-1]
    )
    lh = text.line_height(px)
    for words, anchor in ((f"← {left}", "topleft"), (f"{right} →", "topright")):
        img = text.render(words, px, palette.MUTED, "italic")
        surf.blit(img, img.get_rect(**{anchor: (plot.x if anchor == "topleft" else plot.right, plot.bottom + lh + 2)}))
    cap = text.render("points of war rate, across each range", px, palette.FAINT)
    surf.blit(cap, cap.get_rect(midbottom=(plot.centerx, plot.y - 2)))


def _effect_bar(surf, scale: Plot, e, y: int, thick: int, output: str):
    """A bar from zero to the mean effect, its 95 % interval as a whisker."""
    if e.mean != e.mean:  # no effect measured (a parameter that never moved)
        return
    x0, x1 = scale.x(0.0), scale.x(e.mean * 100)
    toward = palette.DETERRENCE if e.mean > 0 else palette.DIALOGUE
    colour = toward if output == "verdict" else palette.ACCENT
    bar = pygame.Rect(min(x0, x1), y - thick // 2, max(1, abs(x1 - x0)), thick)
    pygame.draw.rect(surf, colour, bar)
    if e.low == e.low and e.high == e.high:
        lo, hi = scale.x(e.low * 100), scale.x(e.high * 100)
        pygame.draw.line(surf, palette.TEXT, (lo, y), (hi, y), 2)
        for xx in (lo, hi):
            pygame.draw.line(surf, palette.TEXT, (xx, y - thick // 3), (xx, y + thick // 3), 2)
