"""The debrief: each human's own game first, then the region; the world revealed and the beliefs
scored; the war told rung by rung; scores, charts and turning points; the same game replayed under
the other world beside the first; exports, with a one-page printable summary.

Pages (← →): Headline (each human's type, score against the scenario's AI in its seat, one plain
sentence, what its moves did and its beliefs; then the world, the outcome and every type), Which
world? (a hidden game: the truth, each human's belief path and Brier score beside a Bayesian
observer's, with a chart), The war or Crises (the war, or the highest crisis, told rung by rung),
Scores, Charts and Turning points. The words come from game.core.teaching.debrief through debrief_pages;
the pages are drawn by debrief_text, debrief_scores and debrief_charts.

Before the first page shows, two things are worked out in the background: the observer's odds
(warmup) and what the scenario's AI would have scored in each seat (Game.baseline_scores); the
page says so meanwhile. The line under the pages has a fixed height, so a message there (an
export) never shrinks the text above it.
"""

from __future__ import annotations

import threading
import traceback

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game.core.model import params as P
from game.core.model.vocab import Outcome
from game.core.play.session import Game
from game.core.runs.options import preset_worldview
from game.core.teaching import debrief as D

from . import debrief_pages as pages
from ..window import history, intents, layout, palette, saving, text, warmup
from . import debrief_printable as printable
from ..window.intents import Intent, Kind
from ..window.metrics import Metrics
from ..window.scene import Scene
from ..widgets import shapes
from . import debrief_charts as charts
from .debrief_scores import draw_scores
from .debrief_text import Column, draw_moves, draw_paragraphs, fit_px

WAITING = (
    "Working out what an observer of the same moves would have believed, and what the scenario's AI would "
    "have scored in each seat…"
)
HINT = "← → pages · O replay under the other world · P export and print · Esc title screen"


def other_worldview(game: Game) -> P.Worldview:
    """The world the game did not play in, as this scenario plays it (its own values where they apply)."""
    other = "spiral-world" if game.worldview.preset == "deterrence-world" else "deterrence-world"
    return preset_worldview(game.base_scenario, other)


def page_list(game: Game) -> list[tuple[str, str]]:
    """(page id, tab label): the world page only for a hidden world; 'The war' when there was one."""
    out = [("headline", "Headline")]
    if game.hidden:
        out.append(("world", "Which world?"))
    out.append(("crises", "The war" if game.outcome is Outcome.REGIONAL_WAR else "Crises"))
    return out + [("scores", "Scores"), ("charts", "Charts"), ("turns", "Turning points")]


def commands(other: str, replayed: bool) -> list[tuple[tuple[str, str], Intent, str | None, bool, str]]:
    """The buttons under the pages: (full label, short label), intent, theme class, enabled, tooltip."""
    replay = (
        (f"Replayed under {other}: shown beside", f"{other}: beside")
        if replayed
        else (f"Replay under the other world ({other}) · O", "Other world · O")
    )
    return [
        (
            replay,
            Intent(Kind.REPLAY_OTHER),
            None if replayed else "@primary",
            not replayed,
            f"Replay the same actors, types, cards and choices under {other}",
        ),
        (
            ("Export and print · P", "Export · P"),
            Intent(Kind.EXPORT),
            None,
            True,
            "A one-page debrief to print (debrief.pdf and .png), the record and the charts, in this game's folder",
        ),
        (("Save · Ctrl+S", "Save · Ctrl+S"), Intent(Kind.SAVE), None, True, "Save the game to a named file"),
        (
            ("Undo last turn · Ctrl+Z", "Undo · Ctrl+Z"),
            Intent(Kind.UNDO),
            None,
            True,
            "Take back the last turn and play on",
        ),
        (("New game", "New game"), Intent(Kind.NEW_GAME), None, True, "Set up a new game"),
        (("Title · Esc", "Title · Esc"), Intent(Kind.BACK), None, True, "Back to the title screen"),
    ]


class DebriefScene(Scene):
    keys = intents.DEBRIEF_KEYS
    name = "debrief"

    def __init__(self, app, game: Game):
        super().__init__(app)
        self.game = game
        self.other: Game | None = None
        self.tab = 0
        self.focus = 0
        self.pair = 0
        self.status = ""  # what the last export did, on the line under the pages
        self.export_folder = None
        self.worlds: list[dict] = []
        self.baselines = None
        self.pages = page_list(game)
        self.scroll = 0  # the first line shown of a page too long for its column (PgDn, wheel)
        self.max_scroll = 0
        self._cache: dict = {}
        self._baseline: dict = {}
        warmup.start(game)
        threading.Thread(target=self._work_out_baselines, name="baseline scores", daemon=True).start()

    def _work_out_baselines(self):
        try:
            self._baseline["scores"] = self.game.baseline_scores()
        except Exception:  # the headline then goes without the comparison; the error is not hidden
            traceback.print_exc()
            self._baseline["scores"] = None

    @property
    def ready(self) -> bool:
        return bool(self.worlds)

    def _world(self, game: Game) -> dict:
        record = game.record()
        start = history.opening(game)
        world = {
            "game": game,
            "record": record.data,
            "start": start,
            "moves": history.biggest_moves(game.turns, start["regional_tension"], 3),
        }
        if self.worlds:
            world["cards_of_first"] = [t["card"] for t in self.worlds[0]["game"].turns]
        return world

    def update(self, dt: float):
        if not self.worlds and warmup.ready(self.game) and "scores" in self._baseline:
            self.baselines = self._baseline["scores"]
            self.worlds = [self._world(self.game)]
            self.relayout()

    # ------------------------------------------------------------------ layout
    def layout(self):
        m = self.m
        w, h = self.app.size
        pad = m.pad
        self._cache.clear()
        self.bindings.wheel = lambda dy, pos: Intent(Kind.SCROLL, -3 * dy)
        self.head_rect = pygame.Rect(2 * pad, pad, w - 4 * pad, text.line_height(self.head_px, "bold"))
        body_top = self._tab_buttons(self.head_rect.bottom + pad // 2) + pad
        commands_top = self._command_buttons()
        # one line under the pages for messages, always there: a message never shrinks the pages
        line_h = text.line_height(m.body, "bold")
        self.status_rect = pygame.Rect(2 * pad, commands_top - pad // 2 - line_h, w - 4 * pad, line_h)
        self.body = pygame.Rect(2 * pad, body_top, w - 4 * pad, self.status_rect.y - pad // 2 - body_top)
        self.max_scroll = 0
        self.note = None
        if self.other is not None and self.body.height >= h * 0.5:
            # the replay says what it keeps, above every page (at large text sizes the columns' titles say it)
            note = text.fit_static(
                ((self._replay_note(), 0.9, palette.MUTED, "italic"),),
                self.body.width,
                text.line_height(m.body) * 2,
                m.body,
                11,
            )
            self.note = (note, self.body.topleft)
            self.body.y += note.height + pad // 2
            self.body.height -= note.height + pad // 2
        if self.page == "charts":
            self._pair_buttons()

    @property
    def head_px(self) -> int:
        """The screen's title: large, but at large text sizes no larger than a heading (the pages need the room)."""
        return min(self.m.px(30), max(self.m.heading, Metrics(*self.app.size, 1.0).px(30)))

    def _tab_buttons(self, y: int) -> int:
        """A button per page, in as many rows as the width needs; returns the bottom of the last row."""
        m, pad = self.m, self.m.pad
        self.tab = min(self.tab, len(self.pages) - 1)
        widths = [text.size(label, m.body, "bold")[0] + 3 * pad for _, label in self.pages]
        rects = layout.flow_rects(2 * pad, y, widths, self.app.size[0] - 4 * pad, m.button_h, pad // 2)
        self.tab_buttons = []
        for k, ((_, label), rect) in enumerate(zip(self.pages, rects)):
            b = self.add(
                pygame_gui.elements.UIButton(rect, label, self.ui, tool_tip_text="← → switch pages"),
                Intent(Kind.PAGE, k),
            )
            if k == self.tab:
                b.select()
            self.tab_buttons.append(b)
        return rects[-1].bottom

    def _command_buttons(self) -> int:
        """The commands in rows at the foot of the screen (full words when they fit on one row, else
        short ones: the tooltips keep the full words); returns the top of the first row."""
        m, pad = self.m, self.m.pad
        w, h = self.app.size
        room = w - 4 * pad
        rows = commands(other_worldview(self.game).preset, self.other is not None)
        # full words on one row, else short ones, else without their keys (the line above names the keys):
        # one row of commands leaves the pages their room at large text sizes
        wordings = [[long for (long, _), *_ in rows], [short for (_, short), *_ in rows]]
        wordings.append([short.split(" · ")[0] for short in wordings[1]])
        labels = next(
            (ws for ws in wordings if sum(text.size(x, m.body, "bold")[0] + 3 * pad + pad // 2 for x in ws) <= room),
            wordings[1],
        )
        widths = [min(room, text.size(label, m.body, "bold")[0] + 3 * pad) for label in labels]
        top = h - pad - len(layout.flow(widths, room, pad // 2)) * (m.button_h + pad // 2)
        self.command_buttons = []
        for label, (_, intent, cls_id, enabled, tip), rect in zip(
            labels, rows, layout.flow_rects(2 * pad, top, widths, room, m.button_h, pad // 2)
        ):
            b = pygame_gui.elements.UIButton(
                rect, label, self.ui, tool_tip_text=tip, object_id=ObjectID(class_id=cls_id) if cls_id else None
            )
            self.add(b, intent if enabled else None)
            if not enabled:
                b.disable()
            self.command_buttons.append((b, intent, enabled))
        self.focus = min(self.focus, len(self.command_buttons) - 1)
        self._show_focus()
        return top

    def _replay_note(self) -> str:
        return (
            f"Right: the replay under {self.other.worldview.preset}. "
            + D.SAME_ACTORS
            + (
                f" From turn {self.other.fallback_from} the human seats were played by {self.other.fallback_doctrine}."
                if self.other.fallback_from
                else ""
            )
        )

    @property
    def page(self) -> str:
        return self.pages[self.tab][0]

    def _pair_buttons(self):
        m = self.m
        x = self.body.right
        for label, intent in (("Next pair ]", Intent(Kind.NEXT_PAIR)), ("Previous pair [", Intent(Kind.PREV_PAIR))):
            bw = text.size(label, m.body, "bold")[0] + 3 * m.pad
            x -= bw
            self.add(pygame_gui.elements.UIButton(pygame.Rect(x, self.body.y, bw, m.button_h), label, self.ui), intent)
            x -= m.pad // 2

    def _show_focus(self):
        for k, (b, _, enabled) in enumerate(self.command_buttons):
            if k == self.focus and enabled:
                b.select()
            else:
                b.unselect()

    # ------------------------------------------------------------------ intents
    def _open_page(self, tab: int):
        self.tab, self.scroll = tab, 0
        self.relayout()

    def _step_page(self, intent):
        self._open_page((self.tab + (1 if intent.kind is Kind.NEXT_TAB else -1)) % len(self.pages))

    def _page(self, intent):
        self._open_page(intent.arg)

    def _scroll_by(self, intent):
        self.scroll = max(0, min(self.max_scroll, self.scroll + intent.arg))

    def _move_focus(self, intent):
        n = len(self.command_buttons)
        for _ in range(n):
            self.focus = (self.focus + (1 if intent.kind is Kind.FOCUS_NEXT else -1)) % n
            if self.command_buttons[self.focus][2]:
                break
        self._show_focus()

    def _press_focused(self, intent):
        _, chosen, enabled = self.command_buttons[self.focus]
        return self.on_intent(chosen) if enabled else True

    def _not_ready(self) -> bool:
        if not self.ready:
            self.status = "A moment: the debrief is still being worked out."
        return not self.ready

    def _replay_other(self, intent):
        if not self._not_ready() and self.other is None:
            self.other = self.game.replay_under(other_worldview(self.game))
            self.worlds.append(self._world(self.other))
            self.relayout()

    def _export(self, intent):
        if self._not_ready():
            return
        try:
            folder = saving.export(self.game, self.charts_picture(), self.other, self.printable())
        except OSError as exc:
            self.status = f"Export failed: {exc.strerror or exc}"
            return
        other = ", the other world's CSV" if self.other else ""
        self.status = (
            f"Printed to {folder}: debrief.pdf and debrief.png (one page), record.csv, game.json, charts.png{other}"
        )
        self.export_folder = folder
        self.app.push(self.app.scene("printed", folder))  # where it went, until dismissed

    def _step_pair(self, intent):
        n = len(history.actor_pairs(self.game.scenario.n))
        self.pair = (self.pair + (1 if intent.kind is Kind.NEXT_PAIR else -1)) % n
        if self.page != "charts":
            self.tab = [p for p, _ in self.pages].index("charts")
            self.relayout()
        self._cache.clear()

    def _save(self, intent):
        self.app.push(self.app.scene("save", self.game))

    def _undo(self, intent):
        if self.game.undo():
            saving.autosave(self.game)
            self.app.replace(self.app.scene("play", self.game))

    def _new_game(self, intent):
        self.app.reset(self.app.scene("title"))
        self.app.push(self.app.scene("setup", self.app.options))

    def _title(self, intent):
        self.app.reset(self.app.scene("title"))

    handlers = {
        Kind.NEXT_TAB: _step_page,
        Kind.PREV_TAB: _step_page,
        Kind.PAGE: _page,
        Kind.SCROLL: _scroll_by,
        Kind.FOCUS_NEXT: _move_focus,
        Kind.FOCUS_PREV: _move_focus,
        Kind.ACTIVATE: _press_focused,
        Kind.REPLAY_OTHER: _replay_other,
        Kind.EXPORT: _export,
        Kind.NEXT_PAIR: _step_pair,
        Kind.PREV_PAIR: _step_pair,
        Kind.SAVE: _save,
        Kind.UNDO: _undo,
        Kind.NEW_GAME: _new_game,
        Kind.BACK: _title,
    }

    def charts_picture(self) -> pygame.Surface:
        """The charts of every world shown, side by side, at a fixed export size."""
        return charts.charts_picture(self.worlds, self.pair)

    def printable(self) -> pygame.Surface:
        """The one-page summary to hand out (printable.render)."""
        return printable.render(self.worlds, self.baselines)

    # ------------------------------------------------------------------ drawing
    def draw(self, surface):
        m = self.m
        surface.fill(palette.BACKGROUND)
        g = self.game
        heads = [f"Debrief — {g.scenario.title}, seed {g.seed}, {g.turn} turns", f"Debrief — {g.scenario.title}"]
        head = text.first_fitting(heads, self.head_px, self.head_rect.width, "bold")
        surface.blit(text.render(head, self.head_px, palette.TEXT, "bold"), self.head_rect.topleft)
        self._draw_status(surface)
        if not self.ready:
            block = text.fit_static(((WAITING, 1.1, palette.FOCUS, "bold"),), self.body.width, self.body.height, m.body)
            surface.blit(block.surface, block.surface.get_rect(center=self.body.center))
            return
        if self.note is not None:
            surface.blit(self.note[0].surface, self.note[1])
        body = pygame.Rect(self.body)
        if self.page == "charts":  # under the pair buttons
            body.y += m.button_h + m.pad // 2
            body.height -= m.button_h + m.pad // 2
        worlds = self.worlds[:1] if self.page == "world" else self.worlds
        for k, (world, rect) in enumerate(zip(worlds, layout.row(body, *[None] * len(worlds), gap=2 * m.pad))):
            key = (self.page, k, rect.size, m, self.pair, self.scroll)
            pic = self._cache.get(key)
            if pic is None:
                pic = self._cache[key] = self._render_column(world, rect.size, k)
            surface.blit(pic, rect.topleft)

    def _draw_status(self, surface):
        m = self.m
        r = self.status_rect
        if self.status:
            folder = f": {self.export_folder}" if self.export_folder else ""
            options = [
                self.status,
                self.status.split(":")[0] + folder,
                "Printed · P prints again and shows where" if self.export_folder else self.status,
            ]
            line, colour = text.first_fitting(options, m.body, r.width, "bold"), palette.FOCUS
        else:
            line, colour = text.first_fitting([HINT, "← → pages · O · P · Esc"], m.body, r.width, "bold"), palette.MUTED
        surface.blit(text.render(line, m.body, colour, "bold"), r.topleft)

    def _column_title(self, world, k) -> str:
        return f"{'This game' if k == 0 else 'The replay'}: {world['game'].worldview.label}"

    def _render_column(self, world, size, k) -> pygame.Surface:
        m = self.m
        surf = text.surface(size)
        surf.fill(palette.BACKGROUND)
        col = Column(m, self.scroll, Metrics(*self.app.size, 1.0).body)
        if self.page == "charts":
            title = charts.chart_title(world) if len(self.worlds) == 1 else self._column_title(world, k)
            charts.draw_charts(surf, world, col, title, self.pair)
        elif self.page == "world":
            charts.draw_world_page(surf, world, col)
        else:
            inner = shapes.panel(surf, surf.get_rect(), self._column_title(world, k), m.body)
            if self.page in ("headline", "crises"):
                # side by side, both columns take the size the fuller one fits at; past a floor, they scroll
                px = min(fit_px(self._paragraphs(w, j), inner.size, m) for j, w in enumerate(self.worlds))
                draw_paragraphs(surf, inner, self._paragraphs(world, k), col, px, scrolls=True)
            elif self.page == "scores":
                draw_scores(surf, inner, world, col, side_by_side=len(self.worlds) > 1)
            else:
                draw_moves(surf, inner, world, col)
        self.max_scroll = max(self.max_scroll, col.max_scroll)
        return surf

    def _paragraphs(self, world, k) -> list:
        if self.page == "headline":
            return pages.headline(world, k, self.baselines if k == 0 else None, short=len(self.worlds) > 1)
        return pages.crises_page(world)
