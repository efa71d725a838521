"""The lab's pictures: small multiples of one condition (tension and trust over time with their
10–90 % bands, outcome bars with 95 % intervals), the compare grid, and the sweep's war-rate
curves. Each is rendered once into a surface and cached by its caller; frames only blit.

Doctrines get neutral hues of equal weight (never red against green) and, in the curves, their
own line style and marker too, so the pictures read without colour.
"""

from __future__ import annotations

import attrs
import pygame

from game.core.runs.lab_format import interval, percent

from ..window import layout, palette, text
from ..window.metrics import Metrics
from . import shapes

# Okabe–Ito hues for how games end; the words are printed beside every bar as well.
OUTCOMES = (
    ("war", "war", (213, 94, 0)),
    ("lockin", "lock-in", (204, 121, 167)),
    ("community", "community", (0, 158, 115)),
    ("none", "none", (150, 158, 170)),
)
LEGEND_WORDS = (
    "lines: mean of all games, shaded: 10th–90th percentile · bars: how games end (regional war, "
    "cold-war lock-in, security community, none by the turn limit), whiskers: 95 % interval"
)

# neutral hues for any other doctrine or profile, none of them near the two concepts' hues
_OTHER_COLOURS = ((196, 176, 224), (150, 205, 190), (206, 206, 206), (222, 176, 186))
_STYLES = ("solid", "dashed", "dotted")
_MARKERS = ("circle", "square", "triangle", "diamond")


def doctrine_colour(name: str, k: int = 0):
    """The two security concepts keep their palette hues; any other doctrine or profile gets a
    neutral one by its position k among those shown."""
    if name == "deterrence":
        return palette.DETERRENCE
    if name == "dialogue":
        return palette.DIALOGUE
    return _OTHER_COLOURS[k % len(_OTHER_COLOURS)]


def curve_style(k: int) -> tuple[str, str]:
    """Line style and marker shape of the k-th curve."""
    return _STYLES[k % len(_STYLES)], _MARKERS[k % len(_MARKERS)]


@attrs.frozen
class Plot:
    """Data coordinates to pixels inside rect."""

    rect: pygame.Rect
    x0: float
    x1: float
    y0: float = 0.0
    y1: float = 100.0

    def x(self, v: float) -> int:
        span = self.x1 - self.x0 or 1.0
        return round(self.rect.x + (v - self.x0) / span * self.rect.width)

    def y(self, v: float) -> int:
        span = self.y1 - self.y0 or 1.0
        v = min(self.y1, max(self.y0, v))
        return round(self.rect.bottom - (v - self.y0) / span * self.rect.height)


def fill_band(surface, plot: Plot, xs, lo, hi, colour, alpha: int = 70):
    """A translucent band between two series."""
    if len(xs) < 2:
        return
    r = plot.rect
    layer = text.surface((r.width + 2, r.height + 2), pygame.SRCALPHA)
    top = [(plot.x(x) - r.x, plot.y(v) - r.y) for x, v in zip(xs, hi)]
    bottom = [(plot.x(x) - r.x, plot.y(v) - r.y) for x, v in zip(reversed(xs), reversed(lo))]
    pygame.draw.polygon(layer, (*colour, alpha), top + bottom)
    surface.blit(layer, r.topleft)


def y_grid(surface, plot: Plot, px: int, ticks=(0, 50, 100), suffix: str = ""):
    """Gridlines with their labels; every other one dropped (ends kept) until the labels have room."""
    lh = text.line_height(px)
    ticks = list(ticks)
    while len(ticks) > 2 and plot.rect.height / (len(ticks) - 1) < lh:
        ticks = ticks[::2] if len(ticks) % 2 else [ticks[0], ticks[-1]]
    if len(ticks) == 2 and plot.rect.height < lh:
        ticks = []
    for v in ticks:
        yy = plot.y(v)
        pygame.draw.line(surface, palette.GRID, (plot.rect.x, yy), (plot.rect.right, yy), 1)
        img = text.render(f"{v:g}{suffix}", px, palette.MUTED)
        surface.blit(img, img.get_rect(midright=(plot.rect.x - 3, yy)))


# ---------------------------------------------------------------------- one condition
def time_chart(surface, rect, px: int, result, thin: bool = False):
    """Regional tension (solid) and mean trust × 100 (dashed) by turn, each with its 10–90 % band."""
    rect = pygame.Rect(rect)
    lh = text.line_height(px)
    axis_w = text.size("100", px)[0] + 5
    plot_rect = pygame.Rect(rect.x + axis_w, rect.y + lh // 2, rect.width - axis_w - 2, rect.height - lh // 2 - lh - 2)
    if plot_rect.width < 20 or plot_rect.height < 16:
        text.plotted(surface, rect, plot_rect.clip(rect), {})
        return
    turns = len(result.tension_mean)
    plot = Plot(plot_rect, 1, max(2, turns))
    y_grid(surface, plot, px, (0, 50, 100) if plot_rect.height >= 3 * lh else (0, 100))
    xs = list(range(1, turns + 1))
    series = (
        (result.tension_mean, result.tension_band, 1.0, palette.CHART_TENSION, "solid"),
        (result.trust_mean, result.trust_band, 100.0, palette.CHART_TRUST, "dashed"),
    )
    for mean, band, k, colour, _ in series:
        fill_band(surface, plot, xs, band[0] * k, band[1] * k, colour, 55)
    width = 2 if thin else 3
    drawn = {}
    for (mean, band, k, colour, style), label in zip(series, ("tension", "trust × 100")):
        pts = [(plot.x(x), plot.y(v * k)) for x, v in zip(xs, mean)]
        shapes.polyline(surface, colour, pts, width, style, unit=6.0)
        drawn[label] = len(pts)
    text.plotted(surface, rect, plot_rect, drawn)
    pygame.draw.rect(surface, palette.PANEL_EDGE, plot_rect, 1)
    first = text.render("turn 1", px, palette.MUTED)
    surface.blit(first, (plot_rect.x, plot_rect.bottom + 1))
    last = text.render(str(turns), px, palette.MUTED)
    surface.blit(last, last.get_rect(topright=(plot_rect.right, plot_rect.bottom + 1)))


def outcome_bars(surface, rect, px: int, result, names=None):
    """One bar per way a game can end, with its 95 % interval as a whisker and in numbers."""
    rect = pygame.Rect(rect)
    rows = [o for o in OUTCOMES if names is None or o[0] in names]
    lh = text.line_height(px)
    row_h = max(lh, rect.height // max(1, len(rows)))
    label_w = max(text.size(word, px, "bold")[0] for _, word, _ in rows) + 6
    full = text.size(f"{percent(1.0)} ({interval(1.0, 1.0)})", px)[0]
    short = text.size(percent(1.0), px)[0]
    # the interval in numbers only where the bar keeps a useful length; the whisker always shows it
    with_ci = rect.width - label_w - full - 6 >= max(40, rect.width * 0.3)
    value_w = (full if with_ci else short) + 6
    track_w = rect.width - label_w - value_w
    if track_w < 20:
        return
    for k, (name, word, colour) in enumerate(rows):
        y = rect.y + k * row_h
        cy = y + row_h // 2
        img = text.render(word, px, palette.TEXT, "bold")
        surface.blit(img, img.get_rect(midleft=(rect.x, cy)))
        track = pygame.Rect(rect.x + label_w, cy - max(3, lh // 3), track_w, max(6, 2 * (lh // 3)))
        rate, (lo, hi) = result.rate(name), result.ci(name)
        rate_bar(surface, track, rate, (lo, hi), colour)
        words = f"{percent(rate)} ({interval(lo, hi)})" if with_ci else percent(rate)
        img = text.render(words, px, palette.TEXT)
        surface.blit(img, img.get_rect(midleft=(track.right + 6, cy)))


def rate_bar(surface, track: pygame.Rect, rate: float, interval95: tuple[float, float], colour, least: int = 0):
    """A rate as a bar along its track, and its 95 % interval as a whisker across the track's middle.
    least: the narrowest a rate above zero is drawn (0: as wide as it rounds to)."""
    pygame.draw.rect(surface, palette.GRID, track, border_radius=2)
    width = max(least, round(track.width * rate)) if rate > 0 else 0
    if width:
        pygame.draw.rect(surface, colour, (track.x, track.y, width, track.height), border_radius=2)
    a, b = (track.x + round(track.width * v) for v in interval95)
    pygame.draw.line(surface, palette.TEXT, (a, track.centery), (b, track.centery), 2)
    for xx in (a, b):
        pygame.draw.line(surface, palette.TEXT, (xx, track.y - 2), (xx, track.bottom + 1), 2)


def condition_cell(size, px: int, result, title: str, colour, winner: bool, badge: str = "") -> pygame.Surface:
    """One small multiple: the doctrine's name, its time chart and its outcome bars."""
    w, h = size
    surf = text.surface((max(1, w), max(1, h)))
    surf.fill(palette.BACKGROUND)
    edge = palette.FOCUS if winner else palette.PANEL_EDGE
    box = surf.get_rect()
    pygame.draw.rect(surf, palette.PANEL, box, border_radius=8)
    pygame.draw.rect(surf, edge, box, 3 if winner else 1, border_radius=8)
    pad = max(4, px // 2)
    inner = box.inflate(-2 * pad, -2 * pad)
    lh = text.line_height(px, "bold")
    chip = max(8, lh // 2)
    pygame.draw.rect(surf, colour, (inner.x, inner.y + (lh - chip) // 2, chip, chip))
    badge_w = 0
    if winner and badge:
        bw = text.size(badge, px, "bold")[0] + pad
        if bw < inner.width * 0.55:
            tag = pygame.Rect(inner.right - bw, inner.y, bw, lh)
            pygame.draw.rect(surf, palette.FOCUS, tag, border_radius=4)
            img = text.render(badge, px, palette.BACKGROUND, "bold")
            surf.blit(img, img.get_rect(center=tag.center))
            badge_w = bw + pad
    label = text.ellipsize(title, px, inner.width - chip - 6 - badge_w, "bold")
    surf.blit(text.render(label, px, palette.TEXT, "bold"), (inner.x + chip + 6, inner.y))
    body = pygame.Rect(inner.x, inner.y + lh + pad // 2, inner.width, inner.height - lh - pad // 2)
    bars_w = bars_min_width(px)
    # chart left, bars right: in a wide cell, or in one too short to stack them (the bars as narrow as they read)
    short = body.height - max(body.height // 3, 4 * (text.line_height(px) + 2) + 2) < 3 * text.line_height(px)
    cw = min(round(body.width * 0.5), body.width - bars_w - 40 - pad)  # the bars' tracks at least 80 px
    if (body.width >= 1.45 * body.height or short) and cw >= max(body.width * 0.35, 6 * px):
        time_chart(surf, (body.x, body.y, cw, body.height), px, result, thin=True)
        outcome_bars(surf, (body.x + cw + pad, body.y, body.width - cw - pad, body.height), px, result)
    else:  # chart above, bars below
        # the four bars first, whole; the chart takes what is left, if that is enough to read
        bars_h = min(body.height, max(body.height // 3, 4 * (text.line_height(px) + 2) + 2))
        chart_h = body.height - bars_h - pad // 2
        if chart_h >= 3 * text.line_height(px):
            time_chart(surf, (body.x, body.y, body.width, chart_h), px, result, thin=True)
        else:
            bars_h = body.height
        outcome_bars(surf, (body.x, body.bottom - bars_h, body.width, bars_h), px, result)
    return surf


def bars_min_width(px: int) -> int:
    """The narrowest the outcome bars can be and still show a bar beside every word and number."""
    label_w = max(text.size(word, px, "bold")[0] for _, word, _ in OUTCOMES) + 6
    return label_w + text.size(percent(1.0), px)[0] + 6 + 40


# ---------------------------------------------------------------------- the compare grid
def legend(surface, x: int, y: int, width: int, px: int) -> int:
    """The keys the small multiples share, drawn once; returns the bottom y."""
    lh = text.line_height(px)
    sample = round(px * 1.8)
    items = [("tension", palette.CHART_TENSION, "solid"), ("trust × 100", palette.CHART_TRUST, "dashed")]
    xx = x
    for word, colour, style in items:
        shapes.styled_line(surface, colour, (xx, y + lh // 2), (xx + sample, y + lh // 2), 3, style, 6.0)
        img = text.render(word, px, palette.TEXT, "bold")
        surface.blit(img, (xx + sample + 4, y))
        xx += sample + 4 + img.get_width() + px
    block = text.fit_static(((LEGEND_WORDS, 1.0, palette.MUTED, "regular"),), max(40, x + width - xx), 2 * lh, px, 10)
    surface.blit(block.surface, (xx, y), area=pygame.Rect(0, 0, block.width, 2 * lh))
    return y + max(lh, min(block.height, 2 * lh))


def min_cell_height(m) -> int:
    """The shortest a small multiple can be and still show its chart and its four bars legibly."""
    return 9 * max(11, round(m.small * 0.75))


def rows_that_fit(height: int, m, n: int) -> int:
    """How many worlds' rows of small multiples fit in height (at least one)."""
    legend_h = 2 * text.line_height(m.small)
    head_h = 2 * text.line_height(m.body, "bold")
    for k in range(n, 0, -1):
        if legend_h + m.pad + k * (head_h + m.pad // 3 + min_cell_height(m)) + (k - 1) * m.pad <= height:
            return k
    return 1


def compare_grid(
    size, m, cells: dict, worlds: list, doctrines: list, verdicts: dict, heading: str = ""
) -> pygame.Surface:
    """Rows are worlds, columns doctrines; each row is headed by its verdict in words.

    cells: (world key, doctrine) -> Results; worlds: [(key, label)];
    verdicts: world key -> (set of winning doctrines, sentence).
    """
    w, h = size
    surf = text.surface((max(1, w), max(1, h)))
    surf.fill(palette.BACKGROUND)
    pad = m.pad
    y = 0
    if heading:
        block = text.fit_static(((heading, 1.0, palette.TEXT, "bold"),), w, m.heading * 3, m.heading, 12)
        surf.blit(block.surface, (0, 0))
        y += block.height + pad // 2
    y = legend(surf, 0, y, w, m.small) + pad
    rows, cols = max(1, len(worlds)), max(1, len(doctrines))
    gap = pad
    row_h = (h - y - gap * (rows - 1)) // rows
    cell_w = (w - gap * (cols - 1)) // cols
    # one heading height and one text size for every row, so the cells line up and read alike
    heads = {}
    for key, label in worlds:
        winners, sentence = verdicts.get(key, (set(), ""))
        heads[key] = text.fit_static(
            ((f"{label}: {sentence}", 1.0, palette.ACCENT, "bold"),),
            w,
            2 * text.line_height(m.body, "bold"),
            m.body,
            11,
        )
    head_h = max(b.height for b in heads.values()) if heads else 0
    cell_h = row_h - head_h - pad // 3
    floor = Metrics(m.width, m.height, 1.0).small  # never smaller than at text size 1.0
    px = max(floor, min(m.small, cell_h // 9, cell_w // 22))
    for r, (key, label) in enumerate(worlds):
        top = y + r * (row_h + gap)
        winners, _ = verdicts.get(key, (set(), ""))
        surf.blit(heads[key].surface, (0, top + head_h - heads[key].height))
        cell_top = top + head_h + pad // 3
        for c, doctrine in enumerate(doctrines):
            result = cells.get((key, doctrine))
            if result is None:
                continue
            pic = condition_cell(
                (cell_w, cell_h),
                px,
                result,
                doctrine,
                doctrine_colour(doctrine, c),
                doctrine in winners,
                "lowest war rate",
            )
            surf.blit(pic, (c * (cell_w + gap), cell_top))
    return surf


# ---------------------------------------------------------------------- the sweep
def sweep_chart(
    size, m, sweep, doctrines: list, param_label: str, crossings: list, px: int | None = None
) -> pygame.Surface:
    """War rate of each doctrine along the swept parameter, 95 % bands, crossovers marked."""
    w, h = size
    surf = text.surface((max(1, w), max(1, h)))
    surf.fill(palette.BACKGROUND)
    title_px, px = _sweep_sizes(w, h, m, px or m.small, doctrines, bool(crossings))
    inner = shapes.panel(surf, surf.get_rect(), SWEEP_TITLE, title_px)
    lh = text.line_height(px)
    y = _curve_keys(surf, inner, px, doctrines)
    top = y + lh + m.pad // 2 + (lh + 2 if crossings else lh // 2)  # a line for the crossover's label
    axis_w = text.size("100%", px)[0] + 6
    plot_rect = pygame.Rect(
        inner.x + axis_w, top, inner.width - axis_w - text.size("0.00", px)[0] // 2, inner.bottom - top - 2 * lh - 4
    )
    if plot_rect.width < 40 or plot_rect.height < 30:
        text.plotted(surf, surf.get_rect(), plot_rect.clip(surf.get_rect()), {})
        return surf
    xs = [p[0][0] for p in sweep.points]
    plot = Plot(plot_rect, xs[0], xs[-1])
    y_grid(surf, plot, px, (0, 25, 50, 75, 100), "%")
    _x_ticks(surf, plot, px, xs)
    cap = text.render(text.ellipsize(param_label, px, plot_rect.width, "bold"), px, palette.TEXT, "bold")
    surf.blit(cap, cap.get_rect(midtop=(plot_rect.centerx, plot_rect.bottom + 3 + lh)))
    pygame.draw.rect(surf, palette.PANEL_EDGE, plot_rect, 1)
    for k, d in enumerate(doctrines):
        colour = doctrine_colour(d, k)
        cis = [p[1][d].ci("war") for p in sweep.points]
        fill_band(surf, plot, xs, [c[0] * 100 for c in cis], [c[1] * 100 for c in cis], colour, 45)
    drawn = {}
    for k, d in enumerate(doctrines):
        style, marker = curve_style(k)
        colour = doctrine_colour(d, k)
        pts = [(plot.x(x), plot.y(p[1][d].rate("war") * 100)) for x, p in zip(xs, sweep.points)]
        shapes.polyline(surf, colour, pts, max(2, round(px / 6)), style, unit=7.0)
        for pt in pts:
            shapes.draw_marker(surf, marker, colour, pt, max(3, px * 0.32), width=1)
        drawn[d] = len(pts)
    text.plotted(surf, surf.get_rect(), plot_rect, drawn)
    for c in crossings:
        xx = plot.x(c["at"])
        shapes.styled_line(surf, palette.FOCUS, (xx, plot_rect.y), (xx, plot_rect.bottom), 2, "dashed", 6.0)
        img = text.render(f"crossover ≈ {c['at']:.2f}", px, palette.FOCUS, "bold")
        r = img.get_rect(midbottom=(xx, plot_rect.y - 1))
        r.clamp_ip(pygame.Rect(plot_rect.x, 0, plot_rect.width, h))
        surf.blit(img, r)
    return surf


SWEEP_TITLE = "War rate along the swept parameter (95 % bands)"


def _sweep_sizes(w: int, h: int, m, px: int, doctrines: list, crossed: bool) -> tuple[int, int]:
    """The title's and the labels' sizes that leave the plot at least 45 % of the chart's height: the
    chart's own, else halfway to those of text size 1.0, else those (never smaller)."""
    half, floor = Metrics(m.width, m.height, (1.0 + m.scale) / 2), Metrics(m.width, m.height, 1.0)
    for title_px, label_px in ((m.body, px), (half.body, half.small), (floor.body, floor.small)):
        pad = max(4, title_px // 2)
        lines = min(2, len(text.wrap(SWEEP_TITLE, title_px, w - 2 * pad, "bold")))
        lh = text.line_height(label_px)
        keys = [round(label_px * 2.2) + 6 + text.size(d, label_px, "bold")[0] + label_px for d in doctrines]
        keys_h = (len(layout.flow(keys, w - 2 * pad, 0)) - 1) * (lh + 2)
        top = pad + lines * text.line_height(title_px, "bold") + pad // 2 + keys_h + lh + m.pad // 2
        top += lh + 2 if crossed else lh // 2
        if h - pad - top - 2 * lh - 4 >= 0.45 * h:
            break
    return title_px, label_px


def _curve_keys(surf, inner: pygame.Rect, px: int, doctrines: list) -> int:
    """Each doctrine's line style, marker and name, in rows across the top; returns the last row's y."""
    lh = text.line_height(px)
    sample = round(px * 2.2)
    x, y = inner.x, inner.y
    for k, d in enumerate(doctrines):
        style, marker = curve_style(k)
        colour = doctrine_colour(d, k)
        wdt = sample + 6 + text.size(d, px, "bold")[0]
        if x > inner.x and x + wdt > inner.right:
            x, y = inner.x, y + lh + 2
        shapes.styled_line(surf, colour, (x, y + lh // 2), (x + sample, y + lh // 2), 3, style, 6.0)
        shapes.draw_marker(surf, marker, colour, (x + sample // 2, y + lh // 2), max(3, px * 0.3), width=1)
        surf.blit(text.render(d, px, palette.TEXT, "bold"), (x + sample + 6, y))
        x += wdt + px
    return y


def _x_ticks(surf, plot: Plot, px: int, xs: list):
    """The swept values under the plot: every point when they fit, else a thinned set."""
    plot_rect = plot.rect
    labels = [f"{v:.2f}".rstrip("0").rstrip(".") if abs(v) < 100 else f"{v:g}" for v in xs]
    tick_w = max(text.size(t, px)[0] for t in labels) + 8
    every = max(1, -(-len(xs) * tick_w // max(1, plot_rect.width)))
    last_right = -(10**6)
    for k, (v, t) in enumerate(zip(xs, labels)):
        xx = plot.x(v)
        pygame.draw.line(surf, palette.GRID, (xx, plot_rect.bottom), (xx, plot_rect.bottom + 3), 1)
        img = text.render(t, px, palette.MUTED)
        r = img.get_rect(midtop=(xx, plot_rect.bottom + 3))
        r.left = max(r.left, plot_rect.x)  # clear of the y axis's labels
        r.clamp_ip(surf.get_rect())
        if (k % every == 0 or k == len(xs) - 1) and r.left > last_right + 6:
            surf.blit(img, r)
            last_right = r.right


# ---------------------------------------------------------------------- the sensitivity analysis
