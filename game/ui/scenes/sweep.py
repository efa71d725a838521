"""The sweep: one worldview parameter from low to high, the war rate of each doctrine along it
(curves with 95 % bands), and the crossover — where the doctrine with the lower war rate changes —
marked on the chart and stated in words. The run goes to the background worker like compare's."""

from __future__ import annotations

import itertools

import attrs
import pygame

from game.core.model import params as P
from game.core.runs.experiment import SweepResult, describe_crossovers, parse_axis

from ..window import palette, text
from ..window.formats import format_value
from ..window.cycle import cycled
from ..window.intents import Intent, Key, Kind
from ..menus.lab_menu import SENSITIVITY
from ..window.metrics import Metrics
from ..widgets import lab_charts
from . import lab
from .help import register_screen_keys

STEPS = (3, 5, 7, 9, 11, 15, 21)
GAMES = (50, 100, 200, 500, 1000, 2000)
DEFAULT_GAMES = 200
NONE = "none"
SCENARIO_WORLD = "scenario"

SWEEP_KEYS = register_screen_keys(
    "Sweep",
    lab.lab_keys(
        Key(pygame.K_r, Intent(Kind.RUN), "R", "run the sweep"),
        Key(pygame.K_a, Intent(Kind.MENU_ENTRY, SENSITIVITY), "A", "every assumption at once (sensitivity)"),
    ),
)


@attrs.frozen(eq=False)
class SweepOutcome:
    result: SweepResult
    doctrines: tuple
    param: str
    base_label: str
    games: int
    seconds: float
    crossings: tuple  # crossover dicts of every pair of doctrines shown
    lines: tuple  # the crossovers in words


def pairs_in_words(result: SweepResult, doctrines) -> tuple[list, list]:
    """Crossovers and their words for every pair of doctrines (describe_crossovers takes the first two)."""
    crossings, lines = [], []
    for a, b in itertools.combinations(doctrines, 2):
        pair = SweepResult(result.axes, (a, b), result.base, result.points)
        crossings += pair.crossovers()
        words = pair_verdict(pair)
        prefix = f"{a} vs {b}: " if len(doctrines) > 2 else ""
        lines += [prefix + w if prefix else w[0].upper() + w[1:] for w in words]
    return crossings, lines


def pair_verdict(pair: SweepResult) -> list[str]:
    """The verdict for one pair of doctrines, in words that agree with the chart: with no clean crossover,
    from the very war rates the chart draws at each point (which is lower where, and where they tie)."""
    a, b = pair.doctrines
    if pair.crossovers() or len(pair.axes) > 1:
        return describe_crossovers(pair)
    spec = P.SPEC[pair.axes[0].name]
    xs = [p[0][0] for p in pair.points]
    diff = [p[1][a].rate("war") - p[1][b].rate("war") for p in pair.points]
    lower_a = [x for x, d in zip(xs, diff) if d < 0]
    lower_b = [x for x, d in zip(xs, diff) if d > 0]
    ties = [x for x, d in zip(xs, diff) if d == 0]

    def at(values) -> str:
        return ", ".join(format_value(spec, v) for v in values)

    if not lower_a and not lower_b:
        return [f"{a} and {b} have the same war rate at every point of this grid."]
    if lower_a and lower_b:  # the lead changes through a tie: no crossing between two points
        return [f"{a} has the lower war rate at {at(lower_a)}, {b} at {at(lower_b)}; they tie at {at(ties)}."]
    lead = a if lower_a else b
    if not ties:
        return [f"{lead} has the lower war rate everywhere on this grid: no crossover."]
    return [f"{lead} has the lower war rate at every point except {at(ties)}, where the two tie: no crossover."]


class SweepScene(lab.LabScene):
    keys = SWEEP_KEYS
    name = "sweep"
    run_noun = "sweep"
    kept_note = " The last one is still shown."

    def __init__(self, app):
        super().__init__(app)
        self.param = "greedy_share"
        spec = P.SPEC[self.param]
        self.low, self.high = spec.low, spec.high
        self.steps = 11
        self.doctrines = ["deterrence", "dialogue", NONE]
        self.world = SCENARIO_WORLD
        self.games = DEFAULT_GAMES
        self.running: dict = {}
        self._chart: tuple | None = None

    # ------------------------------------------------------------------ words
    def world_choices(self) -> list[str]:
        return [SCENARIO_WORLD] + lab.world_keys(self.app)

    def world_label(self, key: str) -> str:
        if key == SCENARIO_WORLD:
            return f"{self.scenario.worldview.label} (scenario's)"
        return lab.world_label(self.app, key)

    def base_worldview(self) -> P.Worldview:
        return self.scenario.worldview if self.world == SCENARIO_WORLD else lab.world_worldview(self.app, self.world)

    def chosen_doctrines(self) -> list[str]:
        out = []
        for d in self.doctrines:
            if d != NONE and d not in out:
                out.append(d)
        return out

    # ------------------------------------------------------------------ layout
    def layout(self):
        m = self.m
        w, h = self.app.size
        self._chart = None
        self.head_px = min(m.px(28), max(m.heading, Metrics(w, h, 1.0).px(28)))
        self.rows_and_chart(0.4)

    def _buttons(self) -> list:
        if self.run is not None:
            return [("Cancel (Esc)", Intent(Kind.CANCEL), "Stop the sweep; nothing is kept.", True, True)]
        return [
            (
                "Run the sweep (R)",
                Intent(Kind.RUN),
                "Play every doctrine at every point of the parameter's range.",
                True,
                True,
            ),
            ("All assumptions (A)", Intent(Kind.MENU_ENTRY, SENSITIVITY), SENSITIVITY.tooltip, False, True),
            ("Back (Esc)", Intent(Kind.BACK), "Title screen.", False, True),
        ]

    def _rows(self) -> list:
        """The setup's rows: (label, value, what, tip)."""
        spec = P.SPEC[self.param]
        return [
            (
                "Scenario",
                self.scenario.title,
                "scenario",
                "The region to play (← →). Saved sandbox scenarios are listed too.",
            ),
            ("Parameter", spec.label, "param", f"The parameter on the x axis (← →): {spec.help}"),
            ("From", format_value(spec, self.low), "low", f"Start of the range (← → by {spec.step:g})."),
            ("To", format_value(spec, self.high), "high", f"End of the range (← → by {spec.step:g})."),
            ("Points", f"{self.steps} points", "steps", "How many values of the parameter, evenly spaced (← →)."),
            ("Doctrine 1", self.doctrines[0], "d0", lab.doctrine_help(self.scenario, self.doctrines[0])),
            ("Doctrine 2", self.doctrines[1], "d1", lab.doctrine_help(self.scenario, self.doctrines[1])),
            (
                "Doctrine 3",
                self.doctrines[2] if self.doctrines[2] != NONE else "none (optional)",
                "d2",
                "An optional third doctrine (← →).",
            ),
            (
                "World",
                self.world_label(self.world),
                "world",
                "The worldview the other parameters keep while this one moves (← →).",
            ),
            ("Games", f"{self.games:,} per point", "games", "Games each doctrine plays at each point (← →)."),
        ]

    # ------------------------------------------------------------------ intents
    handlers = {
        **lab.LabScene.run_handlers,
        Kind.MENU_ENTRY: lambda scene, intent: scene.run is None and intent.arg.open(scene.app),
    }

    def adjust(self, what, step: int) -> bool:
        if self.run is not None:
            return True
        spec = P.SPEC[self.param]
        if what == "scenario":
            if self.next_scenario(step):
                choices = lab.doctrine_choices(self.scenario)
                self.doctrines = [d if d in choices or d == NONE else "deterrence" for d in self.doctrines]
        elif what == "param":
            self.param = cycled(list(P.NAMES), self.param, step)
            spec = P.SPEC[self.param]
            self.low, self.high = spec.low, spec.high
        elif what == "low":
            self.low = round(min(self.high - spec.step, max(spec.low, self.low + step * spec.step)), 6)
        elif what == "high":
            self.high = round(max(self.low + spec.step, min(spec.high, self.high + step * spec.step)), 6)
        elif what == "steps":
            self.steps = cycled(STEPS, self.steps, step, otherwise=4)
        elif what in ("d0", "d1", "d2"):
            i = int(what[1])
            choices = lab.doctrine_choices(self.scenario) + ([NONE] if i == 2 else [])
            self.doctrines[i] = cycled(choices, self.doctrines[i], step)
        elif what == "world":
            self.world = cycled(self.world_choices(), self.world, step)
        elif what == "games":
            self.games = cycled(GAMES, self.games, step, otherwise=2)
        self.relayout()
        return True

    # ------------------------------------------------------------------ running
    def start_run(self) -> bool:
        doctrines = self.chosen_doctrines()
        if len(doctrines) < 2:
            self.say("Choose two different doctrines (a third is optional), then run.", warn=True)
            return True
        try:
            axis = parse_axis(f"{self.param}={self.low!r}:{self.high!r}:{self.steps}")
        except P.ParamError as exc:
            self.say(str(exc), warn=True)
            return True
        base = self.base_worldview()
        self.run = self.worker.submit(
            "sweep", scenario=self.scenario, axes=[axis], doctrines=doctrines, base=base, games=self.games, seed=1
        )
        spec = P.SPEC[self.param]
        self.running = {
            "doctrines": tuple(doctrines),
            "param": self.param,
            "base": base.label,
            "games": self.games,
            "total": self.steps * len(doctrines) * self.games,
            "what": f"Sweeping {spec.label.lower()} from {format_value(spec, self.low)} to "
            f"{format_value(spec, self.high)} ({self.steps} points) × {len(doctrines)} doctrines × "
            f"{self.games:,} games, in the background.",
        }
        self.say("")
        self.relayout()
        return True

    def run_done(self, run):
        r = self.running
        crossings, lines = pairs_in_words(run.result, r["doctrines"])
        self.outcome = SweepOutcome(
            run.result, r["doctrines"], r["param"], r["base"], r["games"], run.seconds, tuple(crossings), tuple(lines)
        )
        self._chart = None

    # ------------------------------------------------------------------ drawing
    def draw(self, surface):
        self.draw_rows_and_chart(surface, "Sweep — where does the better doctrine flip?")

    def _draw_intro(self, surface, area):
        intro = (
            ("Choose a parameter and two or three doctrines, then Run the sweep (R).", 1.1, palette.TEXT, "bold"),
            (
                "Each point plays the same games (the same seeds) for every doctrine, so the "
                "curves differ only by the doctrine. The crossover is where the doctrine with "
                "the lower war rate changes.",
                1.0,
                palette.MUTED,
                "regular",
            ),
        )
        block = text.fit_static(intro, area.width, area.height, self.m.body, 10)
        surface.blit(block.surface, area.topleft)

    def _draw_outcome(self, surface, area):
        m = self.m
        o = self.outcome
        spec = P.SPEC[o.param]
        summary = (
            f"{o.games:,} games per point and doctrine; the other parameters as in {o.base_label}; "
            f"{o.seconds:.1f} s. In words:"
        )
        colour = palette.FOCUS if o.crossings else palette.TEXT
        paras = [(summary, 0.9, palette.MUTED, "regular")] + [(line, 1.0, colour, "bold") for line in o.lines]
        words = text.fit_static(
            tuple(paras),
            area.width,
            max(text.line_height(m.body) * 4, area.height // 4),
            m.body,
            Metrics(m.width, m.height, 1.0).body,
        )
        chart_h = area.height - words.height - m.pad
        key = (area.width, chart_h, m, id(o))
        if self._chart is None or self._chart[0] != key:
            self._chart = (
                key,
                lab_charts.sweep_chart(
                    (area.width, chart_h),
                    m,
                    o.result,
                    list(o.doctrines),
                    f"{spec.label} ({spec.name})",
                    list(o.crossings),
                ),
            )
        surface.blit(self._chart[1], area.topleft)
        surface.blit(words.surface, (area.x, area.y + chart_h + m.pad))

    def _draw_under_rows(self, surface):
        """The parameter's meaning and source, under the rows when there is room."""
        m = self.m
        spec = P.SPEC[self.param]
        room = self.left_rect
        rect = pygame.Rect(room.x, room.y + m.pad // 2, self.chart_rect.x - 3 * m.pad, room.height - m.pad // 2)
        if rect.height < text.line_height(m.small) * 2:
            return
        block = text.fit_static(
            (
                (f"{spec.label} ({spec.name}): {spec.help}", 1.0, palette.MUTED, "regular"),
                (f"Source: {spec.source}.", 1.0, palette.MUTED, "italic"),
            ),
            rect.width,
            rect.height,
            m.small,
            Metrics(m.width, m.height, 1.0).small,
        )
        shown, _ = text.window(block, 0, rect.height)  # whole lines, never below the size of text at 1.0
        surface.blit(shown, rect.topleft)
