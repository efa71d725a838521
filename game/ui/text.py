"""Text: Noto Sans (bundled with pygame_gui) with a glyph fallback, word wrap, and caches.

Noto Sans lacks arrows such as ↔ and →, which the card effects use, so characters it cannot
draw are drawn with the Noto Sans CJK face pygame_gui also ships, aligned on the baseline.
Every rendered line and every wrap is cached: frames only blit.
"""
from __future__ import annotations

from pathlib import Path

import pygame
import pygame_gui

FONT_DIR = Path(pygame_gui.__file__).parent / "data"
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
    return pygame.image.tobytes(f.render(ch, True, (255, 255, 255), (0, 0, 0)), "RGB")


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
    out: list[tuple[str, str]] = []
    for ch in text:
        face = style if has_glyph(style, ch) else "fallback"
        if out and out[-1][1] == face:
            out[-1] = (out[-1][0] + ch, face)
        else:
            out.append((ch, face))
    return out


def _trim():
    if len(_renders) > _CACHE_LIMIT:
        _renders.clear()
    if len(_wraps) > _CACHE_LIMIT:
        _wraps.clear()
    if len(_sizes) > _CACHE_LIMIT * 4:
        _sizes.clear()


def line_height(px: int, style: str = "regular") -> int:
    return font(px, style).get_linesize()


def size(text: str, px: int, style: str = "regular") -> tuple[int, int]:
    key = (text, px, style)
    got = _sizes.get(key)
    if got is None:
        w = 0
        for piece, face in runs(text, style):
            w += font(px, face).size(piece)[0]
        got = (w, line_height(px, style))
        _sizes[key] = got
    return got


def render(text: str, px: int, colour, style: str = "regular") -> pygame.Surface:
    """One line of text, cached."""
    key = (text, px, tuple(colour), style)
    surf = _renders.get(key)
    if surf is not None:
        return surf
    _trim()
    parts = runs(text, style)
    if len(parts) == 1 and parts[0][1] == style:
        surf = font(px, style).render(text or " ", True, colour)
    else:
        base = font(px, style)
        w, h = size(text, px, style)
        surf = pygame.Surface((max(1, w), h), pygame.SRCALPHA)
        x = 0
        for piece, face in parts:
            f = font(px, face)
            img = f.render(piece, True, colour)
            surf.blit(img, (x, base.get_ascent() - f.get_ascent()))
            x += img.get_width()
    _renders[key] = surf
    return surf


def wrap(text: str, px: int, width: int, style: str = "regular") -> list[str]:
    """Word-wrap text to width pixels; words longer than a line are broken."""
    key = (text, px, width, style)
    got = _wraps.get(key)
    if got is not None:
        return got
    _trim()
    lines: list[str] = []
    for para in text.split("\n"):
        words = para.split(" ")
        line = ""
        for word in words:
            trial = word if not line else f"{line} {word}"
            if size(trial, px, style)[0] <= width:
                line = trial
                continue
            if line:
                lines.append(line)
            line = ""
            while size(word, px, style)[0] > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and size(word[:cut], px, style)[0] > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    _wraps[key] = lines
    return lines


def ellipsize(text: str, px: int, width: int, style: str = "regular") -> str:
    """Shorten one line with … so it fits width (used for labels that must stay on one line)."""
    if size(text, px, style)[0] <= width:
        return text
    cut = len(text)
    while cut > 0 and size(text[:cut] + "…", px, style)[0] > width:
        cut -= 1
    return text[:cut] + "…" if cut else ""


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
            surf = pygame.Surface((self.width, max(1, self.height)), pygame.SRCALPHA)
            for line, px, colour, style, y in self.lines:
                surf.blit(render(line, px, colour, style), (0, y))
            self._surface = surf
        return self._surface


def window(block: "Block", first: int, height: int) -> tuple[pygame.Surface, int]:
    """The whole lines of block from line `first` that fit in height; returns (surface, next line)."""
    surf = pygame.Surface((block.width, max(1, height)), pygame.SRCALPHA)
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
    return surf, first + shown


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
        block = fit(lambda p: [(t, max(MIN_PX, round(p * f)), c, s) for t, f, c, s in paragraphs], width, height, px, min_px)
        _fitted[key] = block
    return block
