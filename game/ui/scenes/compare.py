"""The compare lab: the same region under several doctrines in several worlds, many games each.

Every condition plays the same seeds (common random numbers), so differences come from the
doctrine and the world, not from luck. The run goes to a background process with a progress
bar (the window keeps drawing; Esc cancels); the results show as a grid of small multiples, one
per condition, each world's row headed by its verdict, and export as CSV and PNG.
"""

from __future__ import annotations

import pygame

from game.core.runs.results import Condition
from game.core.files.scenario import DOCTRINE_NAMES

from ..window import palette, text, userdata
from ..window.cycle import cycled
from ..window.intents import Intent, Key, Kind
from ..widgets import lab_charts
from ..widgets.choice_chips import ChoiceChips, heading
from . import compare_results, lab
from .compare_results import CompareOutcome, WorldPages
from .help import register_screen_keys

GAMES = (100, 200, 500, 1000, 2000, 5000, 10000)
DEFAULT_GAMES = 1000
MAX_DOCTRINES = 6  # beyond six columns the small multiples get too small to read on a projector
SEED = 1
CHUNK = 1000  # games per piece of work: progress moves, and Cancel acts, once per piece

COMPARE_KEYS = register_screen_keys(
    "Compare lab",
    lab.lab_keys(
        Key(pygame.K_r, Intent(Kind.RUN), "R", "run the experiment (again)"),
        Key(pygame.K_s, Intent(Kind.SWITCH_VIEW), "S", "switch between the setup and the results"),
        Key(pygame.K_e, Intent(Kind.EXPORT), "E", "export the results: a CSV table and a PNG of the grid"),
        Key(
            pygame.K_PAGEDOWN,
            Intent(Kind.NEXT_TAB),
            "PgDn or →",
            "results: the next worlds, when they do not all fit on the screen",
        ),
        Key(pygame.K_PAGEUP, Intent(Kind.PREV_TAB), "PgUp or ←", "results: the previous worlds"),
    ),
)


class CompareScene(lab.LabScene):
    keys = COMPARE_KEYS
    name = "compare"

    def __init__(self, app):
        super().__init__(app)
        self.doctrines: list[str] = ["deterrence", "dialogue"]
        self.worlds: list[str] = ["deterrence-world", "spiral-world"]
        self.games = DEFAULT_GAMES
        self.view = "setup"
        self.running: dict = {}
        self.help_text = ""
        self.pages = WorldPages()
        self.doctrine_chips = ChoiceChips("doctrine")
        self.profile_chips = ChoiceChips("doctrine")
        self.world_chips = ChoiceChips("world")

    # ------------------------------------------------------------------ layout
    def layout(self):
        m = self.m
        w, h = self.app.size
        pad = m.pad
        self.head_px = m.px(28)
        self.head_rect = pygame.Rect(2 * pad, pad, w - 4 * pad, text.line_height(self.head_px, "bold"))
        if self.view == "results" and (self.outcome is not None or self.run is not None):
            buttons = self._result_buttons()
        else:
            self.view = "setup"
            buttons = self._setup_buttons()
        if self.view == "setup":
            sub = (
                "Tick doctrines and worlds. Every condition plays the same games (the same seeds), so the "
                "differences come from the doctrine and the world, not from luck."
            )
        elif self.outcome is not None and self.run is None:
            o = self.outcome
            sub = (
                f"{o.games:,} games per condition · seeds {o.seed:,}–{o.seed + o.games - 1:,}, the same in every "
                f"condition · the run took {o.seconds:.1f} s"
            )
        else:
            sub = ""
        self.pages.clear()
        self.sub_block = text.Block([(sub, m.small, palette.MUTED, "regular")], w - 4 * pad)
        self.sub_pos = (2 * pad, self.head_rect.bottom)
        top = self.head_rect.bottom + (self.sub_block.height + pad // 2 if sub else pad // 2)
        line = text.line_height(m.body, "bold")
        if self.view == "setup":
            # the buttons and the message close the right column, so the doctrines have the left one to the bottom
            half = (w - 4 * pad - 3 * pad) // 2
            right_x = 2 * pad + half + 3 * pad
            button_top = self.button_rows(buttons, right_x, h - pad, half)
            self.message_rect = pygame.Rect(right_x, button_top - pad // 2 - line, half, line)
            body = pygame.Rect(2 * pad, top, w - 4 * pad, h - pad - top)
            self.right_bottom = self.message_rect.y - pad // 2
        else:
            button_top = self.button_rows(buttons, 2 * pad, h - pad, w - 4 * pad)
            self.message_rect = pygame.Rect(2 * pad, button_top - pad // 2 - line, w - 4 * pad, line)
            body = pygame.Rect(2 * pad, top, w - 4 * pad, self.message_rect.y - pad // 2 - top)
        button_items, self.items = self.items, []  # the buttons come last when Tab walks the screen
        self.body = body
        if self.view == "setup":
            self._layout_setup(body)
        elif self.outcome is not None and self.run is None:
            self.body = self.pages.fit(body, self.m, self.outcome)
        self.items += button_items
        self.focus = min(self.focus, max(0, len(self.items) - 1))
        self.focus_changed()

    def _setup_buttons(self):
        exports = userdata.exports_dir()
        return [
            ("Run (R)", Intent(Kind.RUN), "Play every ticked doctrine in every ticked world.", True, True),
            ("Results (S)", Intent(Kind.SWITCH_VIEW), "Show the last results again.", False, self.outcome is not None),
            ("Back (Esc)", Intent(Kind.BACK), f"Title screen. Exports go to {exports}", False, True),
        ]

    def _result_buttons(self):
        if self.run is not None:
            return [("Cancel (Esc)", Intent(Kind.CANCEL), "Stop the run; nothing is kept.", True, True)]
        folder = userdata.exports_dir()
        return [
            ("Change setup (S or Esc)", Intent(Kind.SWITCH_VIEW), "Tick other doctrines or worlds.", False, True),
            ("Run again (R)", Intent(Kind.RUN), "Run the current setup.", False, True),
            (
                "Export CSV + PNG (E)",
                Intent(Kind.EXPORT),
                f"Writes compare.csv and compare.png to a new folder in {folder}",
                True,
                self.outcome is not None,
            ),
        ]

    def _layout_setup(self, body):
        """Doctrines and profiles as chips on the left; the scenario, worlds and games on the right (the
        profiles too, when large text leaves them no room on the left)."""
        m = self.m
        pad = m.pad
        gap = 3 * pad
        col_w = (body.width - gap) // 2
        left = pygame.Rect(body.x, body.y, col_w, body.height)
        right = pygame.Rect(body.x + col_w + gap, body.y, col_w, getattr(self, "right_bottom", body.bottom) - body.y)
        head_h = text.line_height(m.body, "bold") + pad // 2
        sc = self.scenario
        doctrines = [(d, d, lab.doctrine_help(sc, d)) for d in DOCTRINE_NAMES]
        profiles = [(p, p, lab.doctrine_help(sc, p)) for p in sc.profiles]
        heads = 2 if profiles else 1
        min_row = round(m.body * 1.55)
        one_col = (left.height - heads * head_h) // max(1, len(doctrines) + len(profiles)) - pad // 2
        columns = 1 if one_col >= min_row else 2
        lines = ChoiceChips.rows_needed(len(doctrines), columns) + ChoiceChips.rows_needed(len(profiles), columns)
        row_h = max(min_row, min(m.button_h, (left.height - heads * head_h) // max(1, lines) - pad // 2))
        col_w = (left.width - pad * (columns - 1)) // columns
        px = ChoiceChips.fit_px([d for d, _, _ in doctrines + profiles], col_w, row_h, m.body)
        # large text: the profiles move to the right column rather than run under the buttons
        profiles_right = bool(profiles) and lines * (row_h + pad // 2) + heads * head_h + pad > left.height
        self.headings = []
        self._layout_doctrines(left, doctrines, [] if profiles_right else profiles, columns, row_h, px)
        self._layout_right(right, [] if not profiles_right else profiles, row_h, px)

    def _heading(self, wordings: list[str], column, y: int) -> None:
        """A bold heading at y in the column: the longest of its wordings that fits the column's width."""
        words = text.first_fitting(wordings, self.m.body, column.width, "bold")
        self.headings.append((words, (column.x, y), column.width))

    def _layout_doctrines(self, left, doctrines, profiles, columns: int, row_h: int, px: int):
        m, pad = self.m, self.m.pad
        head_h = text.line_height(m.body, "bold") + pad // 2
        y = left.y
        most = f"Doctrines (at most {MAX_DOCTRINES})"
        self._heading([f"{most} — every actor plays it", most, "Doctrines"], left, y)
        y += head_h
        # the two concepts' hues mark their chips; every chip's text has one size
        colours = {d: lab_charts.doctrine_colour(d) for d in ("deterrence", "dialogue")}
        y = (
            self.doctrine_chips.build(
                self, doctrines, (left.x, y, left.width, left.height), columns, row_h, pad, px, colours
            )
            + pad
        )
        self.profile_chips.items = []
        if profiles:
            self._heading(
                ["Profiles of this scenario — a mix per actor", "Profiles of this scenario", "Profiles"], left, y
            )
            y += head_h
            self.profile_chips.build(self, profiles, (left.x, y, left.width, left.bottom - y), columns, row_h, pad, px)
        for chips in (self.doctrine_chips, self.profile_chips):
            for key in chips.keys():
                self.item("chip", chips.rects[key], group="doctrine", key=key)

    def _layout_right(self, right, profiles, row_h: int, px: int):
        """The scenario, the worlds, the games, the profiles if they moved here, and the focused control's help."""
        m, pad = self.m, self.m.pad
        head_h = text.line_height(m.body, "bold") + pad // 2
        label_w = round(right.width * 0.34)
        y = right.y
        self.cycle_row(
            (right.x, y, right.width, row_h),
            "Scenario",
            lab.scenario_label(self.scenario),
            "scenario",
            "Click or ← → to change. Saved sandbox scenarios are listed after the shipped ones.",
            label_w,
        )
        y += row_h + pad
        self.headings.append(("Worlds to compare", (right.x, y), right.width))
        y += head_h
        keys = lab.world_keys(self.app)
        self.worlds = [k for k in self.worlds if k in keys]
        worlds = [(k, lab.world_label(self.app, k), lab.world_help(k)) for k in keys]
        y = self.world_chips.build(self, worlds, (right.x, y, right.width, right.height), 1, row_h, pad, px) + pad
        for key in self.world_chips.keys():
            self.item("chip", self.world_chips.rects[key], group="world", key=key)
        self.cycle_row(
            (right.x, y, right.width, row_h),
            text.first_fitting(["Games each", "Games"], m.body, label_w - pad, "bold"),
            f"{self.games:,} games per condition",
            "games",
            "How many games each condition plays (← →). More games: narrower intervals, longer runs.",
            label_w,
        )
        y += row_h + pad
        if profiles:
            self._heading(["Profiles of this scenario", "Profiles"], right, y)
            y += head_h
            y = (
                self.profile_chips.build(self, profiles, (right.x, y, right.width, right.bottom - y), 2, row_h, pad, px)
                + pad
            )
            for key in self.profile_chips.keys():
                self.item("chip", self.profile_chips.rects[key], group="doctrine", key=key)
        self.help_rect = pygame.Rect(right.x, y, right.width, right.bottom - y)

    # ------------------------------------------------------------------ focus and help
    def focus_changed(self):
        it = self.focused()
        if it is None:
            return
        if it["kind"] == "chip":
            self.help_text = (
                lab.doctrine_help(self.scenario, it["key"]) if it["group"] == "doctrine" else lab.world_help(it["key"])
            )
        elif it["kind"] == "cycle":
            self.help_text = it["tip"]
        elif it["kind"] == "button":
            self.help_text = it["button"].tool_tip_text or ""

    # ------------------------------------------------------------------ intents
    def paged(self) -> bool:
        return (
            self.view == "results" and self.run is None and self.outcome is not None and self.pages.paged(self.outcome)
        )

    def _turn_page(self, intent):
        if self.paged():
            self.pages.turn(1 if intent.kind is Kind.NEXT_TAB else -1, self.outcome)
            self.relayout()

    def _adjust(self, intent):
        """← → turn the results' pages, when there are pages; else they work the setup."""
        if self.paged():
            return self._turn_page(Intent(Kind.NEXT_TAB if intent.arg > 0 else Kind.PREV_TAB))
        return lab.LabScene.handlers[Kind.ADJUST](self, intent)

    def switch_view(self) -> bool:
        if self.run is not None:
            return True
        if self.view == "setup" and self.outcome is None:
            self.say("No results yet: press R to run.")
            return True
        self.view = "results" if self.view == "setup" else "setup"
        self.focus = 0
        self.relayout()
        return True

    def _back(self, intent):
        """Esc: cancel the run, else back to the setup, else the title screen."""
        if self.run is not None:
            return self.cancel_run()
        if self.view == "results":
            return self.switch_view()
        self.app.pop()

    handlers = {
        **lab.LabScene.run_handlers,
        Kind.SWITCH_VIEW: lambda scene, intent: scene.switch_view(),
        Kind.NEXT_TAB: _turn_page,
        Kind.PREV_TAB: _turn_page,
        Kind.ADJUST: _adjust,
        Kind.EXPORT: lambda scene, intent: scene.export(),
        Kind.BACK: _back,
    }

    def adjust(self, what, step: int) -> bool:
        if self.run is not None:
            return True
        if what == "games":
            self.games = cycled(GAMES, self.games, step, otherwise=3)
        elif what == "scenario":
            if not self.next_scenario(step):
                return True
            choices = lab.doctrine_choices(self.scenario)
            self.doctrines = [d for d in self.doctrines if d in choices] or ["deterrence", "dialogue"]
        self.relayout()
        return True

    def toggle(self, group: str, key: str) -> bool:
        if self.run is not None:
            return True
        chosen = self.doctrines if group == "doctrine" else self.worlds
        if key in chosen:
            chosen.remove(key)
        elif group == "doctrine" and len(chosen) >= MAX_DOCTRINES:
            self.say(
                f"At most {MAX_DOCTRINES} doctrines at once, so the grid stays readable: untick one first.", warn=True
            )
            return True
        else:
            order = lab.doctrine_choices(self.scenario) if group == "doctrine" else lab.world_keys(self.app)
            chosen.append(key)
            chosen.sort(key=order.index)
        self.say("")
        return True

    # ------------------------------------------------------------------ running
    def conditions(self) -> list[Condition]:
        return [Condition(d, lab.world_worldview(self.app, w), label=w) for w in self.worlds for d in self.doctrines]

    def start_run(self) -> bool:
        if not self.doctrines or not self.worlds:
            self.say("Tick at least one doctrine and one world, then Run.", warn=True)
            return True
        conditions = self.conditions()
        self.run = self.worker.submit(
            "compare",
            scenario=self.scenario,
            conditions=conditions,
            games=self.games,
            seed=SEED,
            chunk=min(CHUNK, self.games),
        )
        self.running = {
            "scenario": self.scenario,
            "games": self.games,
            "doctrines": tuple(self.doctrines),
            "worlds": tuple((w, lab.world_label(self.app, w)) for w in self.worlds),
            "what": f"Running {len(self.doctrines)} doctrine{'s' if len(self.doctrines) > 1 else ''} × "
            f"{len(self.worlds)} world{'s' if len(self.worlds) > 1 else ''} × {self.games:,} games "
            f"in {self.scenario.title} — in the background; the window stays live.",
            "total": len(conditions) * self.games,
        }
        self.say("")
        self.view = "results"
        self.focus = 0
        self.relayout()
        return True

    def run_cancelled(self):
        if self.outcome is None:
            self.view = "setup"

    def run_done(self, run):
        r = self.running
        self.outcome = CompareOutcome(
            r["scenario"].title,
            r["scenario"].name,
            r["games"],
            SEED,
            run.seconds,
            r["worlds"],
            r["doctrines"],
            tuple(run.result),
        )
        self.pages.restart()

    def run_failed(self, run):
        super().run_failed(run)
        self.view = "results" if self.outcome else "setup"

    # ------------------------------------------------------------------ export
    def export(self) -> bool:
        if self.outcome is None or self.run is not None:
            self.say("Nothing to export yet: run the experiment first (R).", warn=True)
            return True
        try:
            folder = compare_results.export(self.outcome)
        except (OSError, pygame.error) as exc:
            self.say(f"Export failed: {getattr(exc, 'strerror', None) or exc}", warn=True)
            return True
        self.say(f"Exported to {folder} (compare.csv, compare.png)")
        return True

    # ------------------------------------------------------------------ drawing
    def draw(self, surface):
        m = self.m
        surface.fill(palette.BACKGROUND)
        title = "Compare lab — the same region under each doctrine, in each kind of world"
        if self.view == "results" and self.outcome is not None and self.run is None:
            title = f"Compare lab — {self.outcome.scenario_title}"
        elif self.run is not None:
            title = "Compare lab — running"
        self.draw_title(surface, title)
        surface.blit(self.sub_block.surface, self.sub_pos)
        if self.view == "setup":
            self._draw_setup(surface)
        elif self.run is not None:
            self.draw_run_progress(surface, self.body, round(m.body * 44))
        elif self.outcome is not None:
            self.pages.draw(surface, self.body, m, self.outcome)
        self.draw_message(surface, self.message_rect)
        self.draw_rows(surface)

    def _draw_setup(self, surface):
        m = self.m
        for words, pos, width in self.headings:
            heading(surface, words, pos, m.body, width)
        self.doctrine_chips.draw(surface, set(self.doctrines))
        self.profile_chips.draw(surface, set(self.doctrines))
        self.world_chips.draw(surface, set(self.worlds))
        if self.help_rect.height > text.line_height(m.body) and self.help_text:
            block = text.fit_static(
                ((self.help_text, 1.0, palette.MUTED, "italic"),),
                self.help_rect.width,
                self.help_rect.height,
                m.body,
                10,
            )
            surface.blit(block.surface, self.help_rect.topleft, area=pygame.Rect((0, 0), self.help_rect.size))
