"""Text: Noto Sans (bundled with pygame_gui) with a glyph fallback, word wrap, and caches.

Noto Sans lacks arrows such as ↔ and →, which the card effects use, so characters it cannot
draw are drawn with the Noto Sans CJK face pygame_gui also ships, aligned on the baseline.
Every rendered line and every wrap is cached: frames only blit. A full cache drops its older
half, not everything, so the texts in use (the event cards come back) stay measured and drawn.
"""

from __future__ import annotations

import os
from importlib import resources
from itertools import islice
from pathlib import Path

import pygame

FONT_DIR = Path(os.fspath(resources.files("pygame_gui") / "data"))  # the fonts pygame_gui ships
FACES = {
    "regular": FONT_DIR / "NotoSans-Regular.ttf",
    "bold": FONT_DIR / "NotoSans-Bold.ttf",
    "italic": FONT_DIR / "NotoSans-Italic.ttf",
    "fallback": FONT_DIR / "NotoSansJP-Regular.otf",
}
MIN_PX = 9
_CACHE_LIMIT = 6000

_fonts: dict[tuple[str, int], pygame.font.Font] = {}
_has: dict[tuple[str, str], bool] = {}
_renders: dict[tuple, pygame.Surface] = {}
_wraps: dict[tuple, list[str]] = {}
_sizes: dict[tuple, tuple[int, int]] = {}
_notdef: dict[str, bytes] = {}

# -------------------------------------------------------------- who watches the text drawn
# None in the game. The layout test sets a watcher that hears of every line rendered and every line
# shortened with …, makes the surfaces widgets compose into (surfaces that keep the text blitted into
# them), hears of every chart's plot and every window onto a page of text, and hears when a modal veil
# covers a surface, so it reads each frame's content from the real drawing code.
_watcher = None


def watch(watcher) -> None:
    """Tell watcher (None: nobody) of the text drawn from now on; lines rendered before are rendered again."""
    global _watcher
    _watcher = watcher
    _renders.clear()


def veiled(surface: pygame.Surface):
    """A modal veil now covers everything drawn on surface: the text under it no longer counts as shown."""
    if _watcher is not None:
        _watcher.veiled(surface)


def plotted(surface: pygame.Surface, panel, plot, series: dict) -> None:
    """A chart drew its plot area plot inside panel (both in surface's pixels), series: {label: points drawn}."""
    if _watcher is not None:
        _watcher.plotted(surface, panel, plot, series)


def surface(size, flags: int = 0) -> pygame.Surface:
    """A surface to draw into (the watcher's, while one watches)."""
    return pygame.Surface(size, flags) if _watcher is None else _watcher.surface(size, flags)


def font(px: int, style: str = "regular") -> pygame.font.Font:
    px = max(MIN_PX, int(px))
    key = (style, px)
    f = _fonts.get(key)
    if f is None:
        if not pygame.font.get_init():
            pygame.font.init()
        f = pygame.font.Font(str(FACES[style]), px)
        _fonts[key] = f
    return f


def _glyph_bytes(style: str, ch: str) -> bytes:
    f = font(24, style)
    try:
        return pygame.image.tobytes(f.render(ch, True, (255, 255, 255), (0, 0, 0)), "RGB")
    except (pygame.error, ValueError):  # a character the face draws as nothing (a zero-width space)
        return b""


def has_glyph(style: str, ch: str) -> bool:
    """Whether the face draws ch itself (a missing glyph renders as the .notdef box)."""
    if ch.isascii():
        return True
    key = (style, ch)
    known = _has.get(key)
    if known is None:
        if style not in _notdef:
            _notdef[style] = _glyph_bytes(style, "\ue000")
        known = _glyph_bytes(style, ch) != _notdef[style]
        _has[key] = known
    return known


def runs(text: str, style: str) -> list[tuple[str, str]]:
    """Split text into (piece, face) runs: the style's face, or the fallback where it lacks a glyph."""
    if text.isascii() or all(has_glyph(style, ch) for ch in set(text)):
        return [(text, style)]  # the common case, without a look-up per character
    out: list[tuple[str, str]] = []
    for ch in text:
        face = style if has_glyph(style, ch) else "fallback"
        if out and out[-1][1] == face:
            out[-1] = (out[-1][0] + ch, face)
        else:
            out.append((ch, face))
    return out


def _trim():
    for cache, limit in ((_renders, _CACHE_LIMIT), (_wraps, _CACHE_LIMIT), (_sizes, _CACHE_LIMIT * 4)):
        if len(cache) > limit:
            for key in list(islice(cache, len(cache) // 2)):  # dicts keep insertion order: oldest first
                del cache[key]


def _reuse(cache: dict, key):
    """A cached value, moved to the young end so trimming keeps what is still in use; None if absent."""
    got = cache.pop(key, None)
    if got is not None:
        cache[key] = got
    return got


def line_height(px: int, style: str = "regular") -> int:
    return font(px, style).get_linesize()


def size(text: str, px: int, style: str = "regular") -> tuple[int, int]:
    key = (text, px, style)
    got = _sizes.get(key)
    if got is None:
        try:
            w = sum(font(px, face).size(piece)[0] for piece, face in runs(text, style))
        except (pygame.error, ValueError):  # text no face can take (a lone surrogate)
            w = 0
        if text and w <= 0:  # drawn as its replacement (see render)
            w = font(px, style).size(replacement(text))[0]
        got = (w, line_height(px, style))
        _sizes[key] = got
    return got


def render(text: str, px: int, colour, style: str = "regular") -> pygame.Surface:
    """One line of text, cached."""
    key = (text, px, tuple(colour), style)
    surf = _reuse(_renders, key)
    if surf is not None:
        return surf
    _trim()
    try:
        surf = _draw(text, px, colour, style)
    except (pygame.error, ValueError):  # text the faces draw as nothing ("Text has zero width"), or a NUL
        surf = font(px, style).render(replacement(text), True, colour)
    if _watcher is not None:
        _watcher.rendered(surf, text, px)
    _renders[key] = surf
    return surf


def _draw(text: str, px: int, colour, style: str) -> pygame.Surface:
    parts = runs(text, style)
    if len(parts) == 1 and parts[0][1] == style:
        return font(px, style).render(text or " ", True, colour)
    base = font(px, style)
    w, h = size(text, px, style)
    if w <= 0:
        raise pygame.error("Text has zero width")
    surf = pygame.Surface((w, h), pygame.SRCALPHA)
    x = 0
    for piece, face in parts:
        f = font(px, face)
        img = f.render(piece, True, colour)
        surf.blit(img, (x, base.get_ascent() - f.get_ascent()))
        x += img.get_width()
    return surf


def replacement(text: str) -> str:
    """What is drawn for text that draws nothing: each character that is not plain printable
    ASCII written as its code (\\u200b), so the reader sees that something is there."""
    shown = "".join(ch if " " <= ch <= "~" else f"\\u{ord(ch):04x}" for ch in text[:200])
    return shown if shown.strip() else "(blank)"


def wrap(text: str, px: int, width: int, style: str = "regular") -> list[str]:
    """Word-wrap text to width pixels; words longer than a line are broken.

    Greedy: a line takes words while the measured line fits. Measuring every trial line costs a
    font call per word on ever longer strings that never repeat, so a trial is first estimated as
    the line's width plus a space plus the word, each measured once and cached. Kerning only ever
    pulls joined text closer, so a line is never wider than the sum of its parts: an estimate that
    fits is a line that fits, and only the trial that would end the line needs measuring. Each
    finished line built from estimates is measured once to check; should a font ever break that
    rule, the paragraph is wrapped again measuring every trial, so the lines are always those of
    the plain greedy wrap.
    """
    key = (text, px, width, style)
    got = _reuse(_wraps, key)
    if got is not None:
        return got
    _trim()
    lines: list[str] = []
    space = size(" ", px, style)[0]
    for para in text.split("\n"):
        fast = _wrap_para(para, px, width, style, space)
        lines.extend(fast if fast is not None else _wrap_para(para, px, width, style, None))
    _wraps[key] = lines
    return lines


def _wrap_para(para: str, px: int, width: int, style: str, space: int | None) -> list[str] | None:
    """One paragraph; space=None measures every trial (the reference). None when an estimate failed."""
    lines: list[str] = []
    line, line_w, estimated = "", 0, False

    def close(line, estimated):
        if estimated and size(line, px, style)[0] > width:
            return False
        lines.append(line)
        return True

    for word in para.split(" "):
        trial = word if not line else f"{line} {word}"
        if space is not None and line:
            guess = line_w + space + size(word, px, style)[0]
            if guess <= width:
                line, line_w, estimated = trial, guess, True
                continue
        trial_w = size(trial, px, style)[0]
        if trial_w <= width:
            line, line_w, estimated = trial, trial_w, False
            continue
        if line and not close(line, estimated):
            return None
        line = ""
        while size(word, px, style)[0] > width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and size(word[:cut], px, style)[0] > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line, line_w, estimated = word, size(word, px, style)[0], False
    if not close(line, estimated):
        return None
    return lines


def ellipsize(text: str, px: int, width: int, style: str = "regular") -> str:
    """Shorten one line with … so it fits width (used for labels that must stay on one line)."""
    if size(text, px, style)[0] <= width:
        return text
    # the longest prefix that fits with the ellipsis: widths grow with the prefix, so bisect
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if size(text[:mid] + "…", px, style)[0] <= width:
            lo = mid
        else:
            hi = mid - 1
    short = text[:lo] + "…" if lo else ""
    if _watcher is not None:
        _watcher.shortened(short)
    return short


def first_fitting(options: list[str], px: int, width: int, style: str = "regular") -> str:
    """The first of several wordings, longest first, that fits width on one line; else the last, shortened."""
    for option in options:
        if size(option, px, style)[0] <= width:
            return option
    return ellipsize(options[-1], px, width, style)


class Block:
    """Paragraphs laid out in a width: [(text, px, colour, style)], measured once, drawn from a cache."""

    def __init__(self, paragraphs, width: int, gap: int = 4):
        self.paragraphs = list(paragraphs)
        self.width = max(1, int(width))
        self.gap = gap
        self.lines: list[tuple[str, int, tuple, str, int]] = []  # text, px, colour, style, y
        y = 0
        for k, (text, px, colour, style) in enumerate(self.paragraphs):
            lh = line_height(px, style)
            for line in wrap(text, px, self.width, style):
                self.lines.append((line, px, tuple(colour), style, y))
                y += lh
            if k < len(self.paragraphs) - 1:
                y += gap
        self.height = y
        self._surface: pygame.Surface | None = None

    @property
    def surface(self) -> pygame.Surface:
        if self._surface is None:
            surf = surface((self.width, max(1, self.height)), pygame.SRCALPHA)
            for line, px, colour, style, y in self.lines:
                surf.blit(render(line, px, colour, style), (0, y))
            self._surface = surf
        return self._surface


def window(block: "Block", first: int, height: int) -> tuple[pygame.Surface, int]:
    """The whole lines of block from line `first` that fit in height; returns (surface, next line)."""
    surf = surface((block.width, max(1, height)), pygame.SRCALPHA)
    lines = block.lines[first:]
    if not lines:
        return surf, first
    y0 = lines[0][4]
    shown = 0
    for line, px, colour, style, y in lines:
        if y - y0 + line_height(px, style) > height:
            break
        surf.blit(render(line, px, colour, style), (0, y - y0))
        shown += 1
    if _watcher is not None:  # a page of text: how much of it the window shows
        _watcher.paged(surf, shown, len(lines))
    return surf, first + shown


def scroll_limit(block: "Block", height: int) -> int:
    """The first line from which the rest of block fits in height: how far a window may scroll."""
    if not block.lines:
        return 0
    _, px, _, style, y = block.lines[-1]
    bottom = y + line_height(px, style)
    # lines only go down the page, so the rest fits exactly when the last line does
    for k, line in enumerate(block.lines):
        if bottom - line[4] <= height:
            return k
    return len(block.lines) - 1


def fit(make_paragraphs, width: int, height: int, px: int, min_px: int = 11, gap_ratio: float = 0.35) -> Block:
    """The largest Block, from px down to min_px, whose text fits width × height.

    make_paragraphs(px) returns the paragraph list at a base size. If even min_px does not fit,
    the smallest block is returned; callers then let the reader scroll or trim.
    """
    px = max(min_px, int(px))
    while True:
        block = Block(make_paragraphs(px), width, gap=max(2, int(px * gap_ratio)))
        if block.height <= height or px <= min_px:
            return block
        px = max(min_px, int(px * 0.92))


_fitted: dict[tuple, Block] = {}


def fit_static(paragraphs: tuple, width: int, height: int, px: int, min_px: int = 11) -> Block:
    """fit() for paragraphs given as (text, size factor, colour, style), cached by its arguments."""
    key = (paragraphs, width, height, px, min_px)
    block = _fitted.get(key)
    if block is None:
        if len(_fitted) > 400:
            _fitted.clear()
        block = fit(
            lambda p: [(t, max(MIN_PX, round(p * f)), c, s) for t, f, c, s in paragraphs], width, height, px, min_px
        )
        _fitted[key] = block
    return block
