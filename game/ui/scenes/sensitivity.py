"""Which assumptions drive the verdict: the sensitivity analysis (Morris or Sobol, SALib) over the
box the deterrence-world and spiral-world presets span, drawn as one bar per parameter with its
95 % interval and whether the theory's predicted direction (docs/MODEL.md §12) holds. The run
goes to the background worker like the sweep's; which output the chart shows can change after."""

from __future__ import annotations

import attrs
import pygame

from game.core.runs.statics import OUTPUTS

from ..window import palette, text
from ..window.cycle import cycled
from ..window.intents import Intent, Key, Kind
from ..window.metrics import Metrics
from ..widgets.sensitivity_chart import sensitivity_chart
from . import lab
from .help import register_screen_keys

METHODS = ("morris", "sobol")
SAMPLES = {"morris": (2, 4, 6, 10, 20, 40), "sobol": (8, 16, 32, 64)}
DEFAULT_SAMPLES = {"morris": 6, "sobol": 16}
GAMES = (20, 50, 100, 200, 500)
DEFAULT_GAMES = 50
OUTPUT_WORDS = {
    "verdict": "the verdict (dialogue − deterrence)",
    "deterrence": "all-deterrence war",
    "dialogue": "all-dialogue war",
}

SENSITIVITY_KEYS = register_screen_keys(
    "Sensitivity", lab.lab_keys(Key(pygame.K_r, Intent(Kind.RUN), "R", "run the analysis"))
)


@attrs.frozen(eq=False)
class SensitivityOutcome:
    result: object  # runs.sensitivity.Sensitivity
    games: int
    seconds: float


def points_of(method: str, samples: int, k: int) -> int:
    """How many worlds a run plays: (k + 1) per Morris trajectory, (k + 2) per Sobol base sample."""
    return samples * (k + 1 if method == "morris" else k + 2)


class SensitivityScene(lab.LabScene):
    keys = SENSITIVITY_KEYS
    name = "sensitivity"
    run_noun = "analysis"
    kept_note = " The last one is still shown."

    def __init__(self, app):
        super().__init__(app)
        self.method = "morris"
        self.samples = DEFAULT_SAMPLES["morris"]
        self.games = DEFAULT_GAMES
        self.output = "verdict"
        self.running: dict = {}
        self._chart: tuple | None = None

    # ------------------------------------------------------------------ layout
    def layout(self):
        self._chart = None
        self.head_px = self.m.px(28)
        self.rows_and_chart(0.34, spare_rows=2)

    def _buttons(self) -> list:
        if self.run is not None:
            return [("Cancel (Esc)", Intent(Kind.CANCEL), "Stop the analysis; nothing is kept.", True, True)]
        return [
            ("Run the analysis (R)", Intent(Kind.RUN), "Play both doctrines at every sampled world.", True, True),
            ("Back (Esc)", Intent(Kind.BACK), "Title screen.", False, True),
        ]

    def _rows(self) -> list:
        """The setup's rows: (label, value, what, tip)."""
        unit = "trajectories" if self.method == "morris" else "base samples"
        return [
            ("Scenario", self.scenario.title, "scenario", "The region to play (← →)."),
            (
                "Method",
                "Morris" if self.method == "morris" else "Sobol",
                "method",
                "Morris elementary effects (quick, signed) or Sobol indices (more games, shares of the variance).",
            ),
            ("Samples", f"{self.samples} {unit}", "samples", "More samples: narrower intervals, a longer run (← →)."),
            ("Games", f"{self.games:,} per world", "games", "Games each doctrine plays in each sampled world (← →)."),
            ("Show", OUTPUT_WORDS[self.output], "output", "Which measure the chart shows; no new run needed (← →)."),
        ]

    # ------------------------------------------------------------------ intents
    handlers = {**lab.LabScene.run_handlers}

    def adjust(self, what, step: int) -> bool:
        if what == "output":  # a view of the last result: allowed while a run goes on
            self.output = cycled(OUTPUTS, self.output, step)
        elif self.run is not None:
            return True
        elif what == "scenario":
            self.next_scenario(step)
        elif what == "method":
            self.method = cycled(METHODS, self.method, step)
            self.samples = DEFAULT_SAMPLES[self.method]
        elif what == "samples":
            self.samples = cycled(SAMPLES[self.method], self.samples, step)
        elif what == "games":
            self.games = cycled(GAMES, self.games, step, otherwise=1)
        self.relayout()
        return True

    # ------------------------------------------------------------------ running
    def start_run(self) -> bool:
        from game.core.runs.sensitivity import preset_box

        box = preset_box(self.scenario)
        points = points_of(self.method, self.samples, len(box))
        self.run = self.worker.submit(
            "sensitivity",
            scenario=self.scenario,
            method=self.method,
            box=box,
            size=self.samples,
            games=self.games,
            seed=1,
        )
        self.running = {
            "games": self.games,
            "total": points * 2 * self.games,
            "what": f"Playing {points} worlds between the two presets × 2 doctrines × {self.games:,} games, "
            "in the background.",
        }
        self.say("")
        self.relayout()
        return True

    def run_done(self, run):
        self.outcome = SensitivityOutcome(run.result, self.running["games"], run.seconds)
        self._chart = None

    # ------------------------------------------------------------------ drawing
    def draw(self, surface):
        self.draw_rows_and_chart(surface, "Sensitivity — which assumptions drive the verdict?")

    def _draw_intro(self, surface, area):
        self._draw_words(surface, area, self._intro())

    def _draw_under_rows(self, surface):
        self._draw_words(surface, self.left_rect, self._reading())

    def _intro(self) -> tuple:
        return (
            ("Choose a method and a size, then Run the analysis (R).", 1.1, palette.TEXT, "bold"),
            (
                "Every assumption on which the two preset worlds differ moves between its deterrence-world "
                "and spiral-world values. Each sampled world plays the same games (the same seeds) under "
                "all-deterrence and all-dialogue, so the bars show what each assumption does, and the theory "
                "column whether it does what the literature predicts (docs/MODEL.md §12).",
                1.0,
                palette.MUTED,
                "regular",
            ),
        )

    def _reading(self) -> tuple:
        return (
            (
                "How to read it: a bar is the change in war rate (points) when the assumption moves across "
                "its range, the whisker its 95 % interval; the longest bars are the assumptions the verdict "
                "rests on.",
                1.0,
                palette.MUTED,
                "regular",
            ),
        )

    def _draw_words(self, surface, rect, paragraphs):
        m = self.m
        if rect.height < text.line_height(m.small) * 2 or rect.width < 40:
            return
        block = text.fit_static(paragraphs, rect.width, rect.height, m.body, Metrics(m.width, m.height, 1.0).small)
        shown, _ = text.window(block, 0, rect.height)
        surface.blit(shown, rect.topleft)

    def _summary(self) -> str:
        o = self.outcome
        r = o.result
        checks = r.checks()
        agree = sum(e.verdict == "agrees" for e in checks)
        against = sum(e.verdict == "contradicts" for e in checks)
        return (
            f"{len(r.points)} worlds × 2 doctrines × {o.games:,} games, {o.seconds:.1f} s. The verdict moves most "
            f"with {', '.join(r.ranked('verdict')[:3])}. Of {len(checks)} predicted directions, {agree} are "
            f"measured so and {against} the other way; the rest are within their intervals of zero."
        )

    def _draw_outcome(self, surface, area):
        m = self.m
        floor = Metrics(m.width, m.height, 1.0).small  # never below the size of text at 1.0
        words = text.fit_static(
            ((self._summary(), 1.0, palette.TEXT, "regular"),), area.width, area.height // 5, m.body, floor
        )
        chart_h = area.height - words.height - m.pad
        key = (area.width, chart_h, m, id(self.outcome), self.output)
        if self._chart is None or self._chart[0] != key:
            chart = sensitivity_chart((area.width, chart_h), m, self.outcome.result, self.output, floor)
            self._chart = (key, chart)
        surface.blit(self._chart[1], area.topleft)
        surface.blit(words.surface, (area.x, area.y + chart_h + m.pad))
