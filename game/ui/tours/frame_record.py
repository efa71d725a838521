"""What a screen shows, read from the real drawing code: every line of text, chart and page of text drawn.

While `recording()` is on, the game's text module hands out Canvas surfaces: each lists the text lines,
chart plots and text pages drawn into it, and passes them on (moved, and cut where hidden) when it is
blitted into another Canvas. A frame drawn onto a Canvas therefore lists what the player sees, where.
The screenshot tour writes it beside each picture as JSON; the layout test checks it.
"""

from __future__ import annotations

import json
import weakref
from contextlib import contextmanager
from pathlib import Path

import pygame

from ..window import text


class TextRecorder:
    """Watches game.ui.window.text: each rendered line's words and size, the lines shortened with …;
    it makes the Canvas surfaces widgets compose into, and hears of charts and pages drawn into them."""

    current = None

    def __init__(self):
        self.lines: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self.cut: set[str] = set()

    def rendered(self, surf, words: str, px: int):
        self.lines[surf] = [(surf.get_rect(), words, px, words in self.cut)] if words.strip() else []

    def shortened(self, words: str):
        self.cut.add(words)

    def surface(self, size, flags: int = 0):
        return Canvas(size, flags)

    def veiled(self, surface):
        if isinstance(surface, Canvas):
            surface.wipe()

    def plotted(self, surface, panel, plot, series):
        if isinstance(surface, Canvas):
            surface.charts.append((pygame.Rect(panel), pygame.Rect(plot), dict(series)))

    def paged(self, surface, shown: int, total: int):
        if isinstance(surface, Canvas):
            surface.pages.append((surface.get_rect(), shown, total))


@contextmanager
def recording():
    """While inside, the game's text is drawn onto Canvas surfaces that list what is drawn."""
    TextRecorder.current = TextRecorder()
    text.watch(TextRecorder.current)
    try:
        yield TextRecorder.current
    finally:
        text.watch(None)
        TextRecorder.current = None


class Canvas(pygame.Surface):
    """A surface that lists what is drawn into it.

    drawn: (rect, words, px, cut), cut when the text is clipped by the surface, its clip rectangle or
    the blit's area, or was shortened with …; charts: (panel, plot, {series: points drawn}); pages:
    (rect, lines shown, lines from the first shown to the end)."""

    drawn: list
    charts: list
    pages: list

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.wipe()

    def wipe(self):
        self.drawn, self.charts, self.pages = [], [], []

    def blit(self, source, dest, area=None, special_flags=0):
        got = super().blit(source, dest, area, special_flags)
        recorder = TextRecorder.current
        lines = source.drawn if isinstance(source, Canvas) else recorder.lines.get(source) if recorder else None
        if not lines and not isinstance(source, Canvas):
            return got
        x, y = int(dest[0]), int(dest[1])
        src = pygame.Rect(area) if area is not None else source.get_rect()
        shown = pygame.Rect(x, y, src.width, src.height).clip(self.get_clip()).clip(self.get_rect())
        dx, dy = x - src.x, y - src.y
        for rect, words, px, cut in lines or ():
            r = rect.move(dx, dy)
            if r.colliderect(shown):  # text scrolled out of a window is not drawn, not cut
                self.drawn.append((r, words, px, cut or not shown.contains(r)))
        if isinstance(source, Canvas):
            for panel, plot, series in source.charts:
                if plot.move(dx, dy).colliderect(shown):
                    self.charts.append((panel.move(dx, dy).clip(shown), plot.move(dx, dy).clip(shown), series))
            for rect, count, total in source.pages:
                if rect.move(dx, dy).colliderect(shown):
                    self.pages.append((rect.move(dx, dy).clip(shown), count, total))
        return got

    def fill(self, *args, **kwargs):
        got = super().fill(*args, **kwargs)
        if not args[1:] and not kwargs.get("rect"):  # filling the whole surface wipes what it showed
            self.wipe()
        return got


def buttons(app) -> list:
    """The top screen's live pygame_gui elements: (kind, label, rect)."""
    out = []
    for e in getattr(app.top, "elements", ()):
        if e.alive() and getattr(e, "visible", 1):
            out.append((type(e).__name__, str(getattr(e, "text", "") or ""), pygame.Rect(e.rect)))
    return out


def frame_json(app, canvas: Canvas, name: str) -> dict:
    """What canvas shows, as plain data: text lines, charts, pages of text and buttons."""
    w, h = app.size
    return {
        "screen": name,
        "window": [w, h],
        "text_size": app.scale,
        "text": [
            {"text": words, "rect": list(rect), "px": px, "cut": bool(cut)}
            for rect, words, px, cut in canvas.drawn
            if words.strip()
        ],
        "charts": [
            {"panel": list(panel), "plot": list(plot), "points": series} for panel, plot, series in canvas.charts
        ],
        "pages": [{"rect": list(rect), "lines_shown": n, "lines_left": total} for rect, n, total in canvas.pages],
        "buttons": [{"kind": kind, "text": label, "rect": list(rect)} for kind, label, rect in buttons(app)],
    }


def shoot(app, path: Path) -> None:
    """The top screen as path.png and what it shows as path.json (a name with its @size suffix, no extension)."""
    from ..window.saving import save_png

    canvas = Canvas(app.size)
    app.ui.update(0.0)
    app.draw(canvas)  # as the window shows it: overlays veil what is under them
    save_png(canvas, path.with_name(path.name + ".png"))
    record = json.dumps(frame_json(app, canvas, path.name), ensure_ascii=False, indent=1)
    path.with_name(path.name + ".json").write_text(record + "\n", encoding="utf-8")
