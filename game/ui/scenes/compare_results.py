"""The compare lab's results: the finished run, its grid of small multiples on screen a page of worlds
at a time (as many as fit legibly), and its export as a CSV table and a PNG of the whole grid."""

from __future__ import annotations

from pathlib import Path

import attrs
import pygame

from game.core.files.atomic import atomic_write
from game.core.runs.lab_format import table_csv, verdict

from ..window import palette, saving, text
from ..window.metrics import Metrics
from ..widgets import lab_charts


@attrs.frozen(eq=False)
class CompareOutcome:
    """A finished run, with what it was asked, so the grid never re-runs anything."""

    scenario_title: str
    scenario_name: str
    games: int
    seed: int
    seconds: float
    worlds: tuple  # ((key, label), ...)
    doctrines: tuple
    results: tuple  # Results, world by world, doctrines in order

    def cells(self) -> dict:
        return {(r.condition.label, r.condition.doctrine): r for r in self.results}

    def verdicts(self) -> dict:
        return {key: verdict([r for r in self.results if r.condition.label == key]) for key, _ in self.worlds}

    def heading(self) -> str:
        return (
            f"{self.scenario_title}: {self.games:,} games per condition, seeds {self.seed:,}–"
            f"{self.seed + self.games - 1:,}, the same in every condition ({self.seconds:.1f} s)"
        )


class WorldPages:
    """The grid on screen: as many worlds' rows as fit legibly, the others a page away (← → or PgUp PgDn)."""

    def __init__(self):
        self.first = 0  # the first world row shown
        self.rows_shown: int | None = None  # None: no grid laid out
        self.note: pygame.Surface | None = None  # "Worlds 1–2 of 4 …" when the rows do not all fit
        self._grid: tuple | None = None  # (what it was drawn for, the picture)

    def clear(self):
        self.rows_shown, self.note = None, None

    def fit(self, body: pygame.Rect, m, outcome: CompareOutcome) -> pygame.Rect:
        """Choose the rows shown in body; returns the grid's rect (under the page note, when there is one)."""
        n = len(outcome.worlds)
        k = lab_charts.rows_that_fit(body.height, m, n)
        if k < n:  # the line saying so takes room too
            k = lab_charts.rows_that_fit(body.height - text.line_height(m.body, "bold"), m, n)
        self.first = max(0, min(self.first, n - k))
        self.rows_shown = k
        if k >= n:
            self.note = None
            return body
        shown = f"World {self.first + 1}" if k == 1 else f"Worlds {self.first + 1}–{self.first + k}"
        self.note = text.render(f"{shown} of {n}: ← → or PgUp PgDn for the others", m.body, palette.FOCUS, "bold")
        h = self.note.get_height()
        return pygame.Rect(body.x, body.y + h, body.width, body.height - h)

    def paged(self, outcome: CompareOutcome) -> bool:
        return self.rows_shown is not None and self.rows_shown < len(outcome.worlds)

    def turn(self, step: int, outcome: CompareOutcome):
        n, k = len(outcome.worlds), self.rows_shown
        self.first = max(0, min(n - k, self.first + step * k))

    def restart(self):
        """A new outcome: back to its first page."""
        self._grid = None
        self.first = 0

    def draw(self, surface, rect: pygame.Rect, m, outcome: CompareOutcome):
        k = self.rows_shown or len(outcome.worlds)
        worlds = list(outcome.worlds)[self.first : self.first + k]
        key = (rect.size, m, id(outcome), self.first, k)
        if self._grid is None or self._grid[0] != key:
            grid = lab_charts.compare_grid(
                rect.size, m, outcome.cells(), worlds, list(outcome.doctrines), outcome.verdicts()
            )
            self._grid = (key, grid)
        if self.note is not None:
            surface.blit(self.note, (rect.x, rect.y - self.note.get_height()))
        surface.blit(self._grid[1], rect.topleft)


def grid_picture(outcome: CompareOutcome) -> pygame.Surface:
    """The whole grid at a fixed size for the PNG, whatever the window's size."""
    m = Metrics(1600, 900, 1.0)
    w = 1600
    h = 150 + 330 * len(outcome.worlds)
    pic = text.surface((w, h))
    pic.fill(palette.BACKGROUND)
    grid = lab_charts.compare_grid(
        (w - 40, h - 40),
        m,
        outcome.cells(),
        list(outcome.worlds),
        list(outcome.doctrines),
        outcome.verdicts(),
        heading="Compare lab — " + outcome.heading(),
    )
    pic.blit(grid, (20, 20))
    return pic


def export(outcome: CompareOutcome) -> Path:
    """Write compare.csv and compare.png to a new export folder; returns the folder (OSError and
    pygame.error pass on)."""
    folder = saving.new_export_folder(f"compare-{outcome.scenario_name}-{outcome.games}games")
    atomic_write(folder / "compare.csv", table_csv(list(outcome.results)))
    saving.save_png(grid_picture(outcome), folder / "compare.png")
    return folder
