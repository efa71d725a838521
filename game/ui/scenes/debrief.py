"""The debrief: each human's own game first, then the region; the world revealed and the beliefs
scored; the war told rung by rung; scores, charts and turning points; the same game replayed under
the other world beside the first; exports, with a one-page printable summary.

Pages (← →): Headline (each human's type, score against the scenario's AI in its seat, one plain
sentence, what its moves did and its beliefs; then the world, the outcome and every type), Which
world? (a hidden game: the truth, each human's belief path and Brier score beside a Bayesian
observer's, with a chart), The war or Crises (the war, or the highest crisis, told rung by rung),
Scores, Charts and Turning points. The words come from game.core.teaching.debrief through debrief_pages.

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

from game.core.teaching import debrief as D
from game.core.model import dilemma
from game.core.model import params as P
from game.core.teaching.explain import why
from game.core.runs.options import preset_worldview
from game.core.teaching.report import OUTCOME_TEXT
from game.core.play.session import Game
from game.core.model.vocab import Outcome

from .. import debrief_pages as pages
from .. import history, intents, palette, printable, saving, text, warmup
from ..intents import Intent, Kind
from ..metrics import Metrics
from ..scene import Scene
from ..widgets import shapes
from ..widgets.chart import Chart

SCORE_COLUMNS = (("score", "score"), ("security", "security"), ("trust", "trust"), ("tension", "tension"),
                 ("prosperity", "prosperity"), ("payoff", "2×2 payoff"))
SCORE_HELP = ("Score: the headline, 0–100, by what the actor's own type wants. Security: mean security per turn "
              "(0–100). Trust: how much this actor trusts and is trusted, 0–100. Tension: its mean dyadic tension at "
              "the end, 0–100. Prosperity: its economy at the end. 2×2 payoff: the summed dyadic payoffs of "
              "deterrence against dialogue.")
SCORE_HELP_2X2 = ("Score: the headline, 0–100, by what the actor's own type wants. Security: mean security per "
                  "turn (0–100). Trust: how much this actor trusts and is trusted, 0–100. Prosperity: its economy at "
                  "the end. 2×2 payoff: the summed payoffs of deterring against talking.")   # a game without tension
MIN_PAGE_PX = 10
SCROLL_FLOOR = 0.8   # a page's text shrinks to this share of the body size at most, then scrolls
WAITING = "Working out what an observer of the same moves would have believed, and what the scenario's AI would " \
          "have scored in each seat…"


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
        self.status = ""          # what the last export did, on the line under the pages
        self.export_folder = None
        self.worlds: list[dict] = []
        self.baselines = None
        self.pages = page_list(game)
        self.scroll = 0            # the first line shown of a page too long for its column (PgDn, wheel)
        self.max_scroll = 0
        self._cache: dict = {}
        self._baseline: dict = {}
        warmup.start(game)
        threading.Thread(target=self._work_out_baselines, name="baseline scores", daemon=True).start()

    def _work_out_baselines(self):
        try:
            self._baseline["scores"] = self.game.baseline_scores()
        except Exception:   # the headline then goes without the comparison; the error is not hidden
            traceback.print_exc()
            self._baseline["scores"] = None

    @property
    def ready(self) -> bool:
        return bool(self.worlds)

    @property
    def exported(self) -> str:
        return self.status

    def _world(self, game: Game) -> dict:
        record = game.record()
        start = history.opening(game)
        world = {"game": game, "record": record.data, "start": start,
                 "moves": history.biggest_moves(game.turns, start["regional_tension"], 3)}
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
        ui = self.ui
        self._cache.clear()
        self.bindings.wheel = lambda dy, pos: Intent(Kind.PICK, ("scroll", -3 * dy))
        self.head_rect = pygame.Rect(2 * pad, pad, w - 4 * pad, text.line_height(m.px(30), "bold"))
        y = self.head_rect.bottom + pad // 2
        x = 2 * pad
        self.tab = min(self.tab, len(self.pages) - 1)
        self.tab_buttons = []
        for k, (_, label) in enumerate(self.pages):
            bw = text.size(label, m.body, "bold")[0] + 3 * pad
            if x > 2 * pad and x + bw > w - 2 * pad:
                x, y = 2 * pad, y + m.button_h + pad // 2
            b = self.add(pygame_gui.elements.UIButton(pygame.Rect(x, y, bw, m.button_h), label, ui,
                                                      tool_tip_text="← → switch pages"), Intent(Kind.PICK, ("tab", k)))
            if k == self.tab:
                b.select()
            self.tab_buttons.append(b)
            x += bw + pad // 2
        self.body_top = y + m.button_h + pad
        other = other_worldview(self.game).preset
        replayed = self.other is not None
        # full words when they fit on one row, else short ones (the tooltips keep the full words)
        labels = [(f"Replayed under {other}: shown beside" if replayed else f"Replay under the other world ({other}) · O",
                   f"{other}: beside" if replayed else "Other world · O"),
                  ("Export and print · P", "Export · P"), ("Save · Ctrl+S", "Save · Ctrl+S"),
                  ("Undo last turn · Ctrl+Z", "Undo · Ctrl+Z"), ("New game", "New game"), ("Title · Esc", "Title · Esc")]
        full = sum(text.size(long, m.body, "bold")[0] + 3 * pad + pad // 2 for long, _ in labels) <= w - 4 * pad
        tips = [f"Replay the same actors, types, cards and choices under {other}", "Export the record, the charts and "
                "a one-page debrief to print (debrief.png)", "Save the game to a named file", "Take back the last turn "
                "and play on", "Set up a new game", "Back to the title screen"]
        intents_ = [(Intent(Kind.REPLAY_OTHER), "@primary" if not replayed else None, not replayed),
                    (Intent(Kind.EXPORT), None, True), (Intent(Kind.SAVE), None, True), (Intent(Kind.UNDO), None, True),
                    (Intent(Kind.PICK, ("new", None)), None, True), (Intent(Kind.BACK), None, True)]
        commands = [(pair[0 if full else 1], *rest, tip) for pair, rest, tip in zip(labels, intents_, tips)]
        widths = [min(w - 4 * pad, text.size(lbl, m.body, "bold")[0] + 3 * pad) for lbl, *_ in commands]
        rows, row, used = [], [], 0
        for c, bw in zip(commands, widths):
            if row and used + bw > w - 4 * pad:
                rows.append(row)
                row, used = [], 0
            row.append((c, bw))
            used += bw + pad // 2
        rows.append(row)
        self.command_buttons = []
        by = h - pad - len(rows) * (m.button_h + pad // 2)
        # one line under the pages for messages, always there: a message never shrinks the pages
        self.status_rect = pygame.Rect(2 * pad, by - pad // 2 - text.line_height(m.body, "bold"), w - 4 * pad,
                                       text.line_height(m.body, "bold"))
        self.body_bottom = self.status_rect.y - pad // 2
        for r in rows:
            x = 2 * pad
            for (label, intent, cls_id, enabled, tip), bw in r:
                b = pygame_gui.elements.UIButton(pygame.Rect(x, by, bw, m.button_h), label, ui, tool_tip_text=tip,
                                                 object_id=ObjectID(class_id=cls_id) if cls_id else None)
                self.add(b, intent if enabled else None)
                if not enabled:
                    b.disable()
                self.command_buttons.append((b, intent, enabled))
                x += bw + pad // 2
            by += m.button_h + pad // 2
        self.focus = min(self.focus, len(self.command_buttons) - 1)
        self._show_focus()
        self.body = pygame.Rect(2 * pad, self.body_top, w - 4 * pad, self.body_bottom - self.body_top)
        self.max_scroll = 0
        if self.other is not None and self.body.height >= h * 0.5:
            # the replay says what it keeps, above every page (at large text sizes the columns' titles say it)
            note = text.fit_static(((self._replay_note(), 0.9, palette.MUTED, "italic"),), self.body.width,
                                   text.line_height(m.body) * 2, m.body, 11)
            self.note = (note, self.body.topleft)
            self.body.y += note.height + pad // 2
            self.body.height -= note.height + pad // 2
        else:
            self.note = None
        if self.page == "charts":
            self._pair_buttons()

    def _replay_note(self) -> str:
        return (f"Right: the replay under {self.other.worldview.preset}. " + D.SAME_ACTORS
                + (f" From turn {self.other.fallback_from} the human seats were played by "
                   f"{self.other.fallback_doctrine}." if self.other.fallback_from else ""))

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
    def on_intent(self, intent):
        k = intent.kind
        if k in (Kind.NEXT_TAB, Kind.PREV_TAB):
            self.tab = (self.tab + (1 if k is Kind.NEXT_TAB else -1)) % len(self.pages)
            self.scroll = 0
            self.relayout()
            return True
        if k is Kind.PICK and intent.arg[0] == "tab":
            self.tab, self.scroll = intent.arg[1], 0
            self.relayout()
            return True
        if k is Kind.PICK and intent.arg[0] == "scroll":
            self.scroll = max(0, min(self.max_scroll, self.scroll + intent.arg[1]))
            return True
        if k in (Kind.FOCUS_NEXT, Kind.FOCUS_PREV):
            n = len(self.command_buttons)
            for _ in range(n):
                self.focus = (self.focus + (1 if k is Kind.FOCUS_NEXT else -1)) % n
                if self.command_buttons[self.focus][2]:
                    break
            self._show_focus()
            return True
        if k is Kind.ACTIVATE:
            b, chosen, enabled = self.command_buttons[self.focus]
            return self.on_intent(chosen) if enabled else True
        if k in (Kind.REPLAY_OTHER, Kind.EXPORT) and not self.ready:
            self.status = "A moment: the debrief is still being worked out."
            return True
        if k is Kind.REPLAY_OTHER:
            if self.other is None:
                self.other = self.game.replay_under(other_worldview(self.game))
                self.worlds.append(self._world(self.other))
                self.relayout()
            return True
        if k is Kind.EXPORT:
            return self._export()
        if k in (Kind.NEXT_PAIR, Kind.PREV_PAIR):
            n = len(history.actor_pairs(self.game.scenario.n))
            self.pair = (self.pair + (1 if k is Kind.NEXT_PAIR else -1)) % n
            if self.page != "charts":
                self.tab = [p for p, _ in self.pages].index("charts")
                self.relayout()
            self._cache.clear()
            return True
        if k is Kind.SAVE:
            self.app.push(self.app.scene("save", self.game))
            return True
        if k is Kind.UNDO:
            if self.game.undo():
                saving.autosave(self.game)
                self.app.replace(self.app.scene("play", self.game))
            return True
        if k is Kind.PICK and intent.arg[0] == "new":
            self.app.reset(self.app.scene("title"))
            self.app.push(self.app.scene("setup", self.app.options))
            return True
        if k is Kind.BACK:
            self.app.reset(self.app.scene("title"))
            return True
        return super().on_intent(intent)

    def charts_picture(self) -> pygame.Surface:
        """The charts of every world shown, side by side, at a fixed export size."""
        cols = len(self.worlds)
        w, h = 900 * cols, 900
        m = Metrics(1280, 720, 1.0)
        pic = text.surface((w, h))
        pic.fill(palette.BACKGROUND)
        for k, world in enumerate(self.worlds):
            top, pair = self._chart_lines(world)
            pic.blit(Chart.render((900 - 20, 430), m, self._chart_title(world), top, world["game"].turn_limit), (k * 900 + 10, 10))
            pic.blit(Chart.render((900 - 20, 430), m, self._pair_title(), pair, world["game"].turn_limit), (k * 900 + 10, 460))
        return pic

    def printable(self) -> pygame.Surface:
        """The one-page summary to hand out (printable.render)."""
        return printable.render(self.worlds, self.baselines)

    def _export(self) -> bool:
        try:
            folder = saving.export(self.game, self.charts_picture(), self.other)
            saving.save_png(self.printable(), folder / "debrief.png")
        except OSError as exc:
            self.status = f"Export failed: {exc.strerror or exc}"
            return True
        other = ", the other world's CSV" if self.other else ""
        self.status = f"Exported to {folder}: record.csv, game.json, charts.png{other} and debrief.png (one page to print)"
        self.export_folder = folder
        self.app.say("Exported: " + str(folder))
        return True

    # ------------------------------------------------------------------ drawing
    def draw(self, surface):
        m = self.m
        surface.fill(palette.BACKGROUND)
        g = self.game
        head = f"Debrief — {g.scenario.title}, seed {g.seed}, {g.turn} turns"
        surface.blit(text.render(text.ellipsize(head, m.px(30), self.head_rect.width, "bold"), m.px(30), palette.TEXT, "bold"),
                     self.head_rect.topleft)
        self._draw_status(surface)
        if not self.ready:
            block = text.fit_static(((WAITING, 1.1, palette.FOCUS, "bold"),), self.body.width, self.body.height, m.body)
            surface.blit(block.surface, block.surface.get_rect(center=self.body.center))
            return
        if self.note is not None:
            surface.blit(self.note[0].surface, self.note[1])
        body = pygame.Rect(self.body)
        if self.page == "charts":
            body.y += m.button_h + m.pad // 2
            body.height -= m.button_h + m.pad // 2
        worlds = self.worlds[:1] if self.page == "world" else self.worlds
        cols = len(worlds)
        gap = 2 * m.pad
        col_w = (body.width - gap * (cols - 1)) // cols
        for k, world in enumerate(worlds):
            rect = pygame.Rect(body.x + k * (col_w + gap), body.y, col_w, body.height)
            key = (self.page, k, rect.size, m, self.pair, self.scroll)
            pic = self._cache.get(key)
            if pic is None:
                pic = self._render_column(world, rect.size, k)
                self._cache[key] = pic
            surface.blit(pic, rect.topleft)

    def _draw_status(self, surface):
        m = self.m
        r = self.status_rect
        if self.status:
            options = [self.status, self.status.split(":")[0] + (f": {self.export_folder}" if self.export_folder else ""),
                       "Exported: the folder is named in the message below" if self.export_folder else self.status]
            line, colour = text.first_fitting(options, m.body, r.width, "bold"), palette.FOCUS
        else:
            hint = "← → pages · O replay under the other world · P export and print · Esc title screen"
            line, colour = text.first_fitting([hint, "← → pages · O · P · Esc"], m.body, r.width, "bold"), palette.MUTED
        surface.blit(text.render(line, m.body, colour, "bold"), r.topleft)

    def _column_title(self, world, k) -> str:
        g = world["game"]
        if k == 0:
            return f"This game: {g.worldview.label}"
        return f"The replay: {g.worldview.label}"

    def _render_column(self, world, size, k) -> pygame.Surface:
        m = self.m
        surf = text.surface(size)
        surf.fill(palette.BACKGROUND)
        if self.page == "charts":
            top, pair = self._chart_lines(world)
            half = (size[1] - m.pad) // 2
            title = self._chart_title(world) if len(self.worlds) == 1 else self._column_title(world, k)
            if half < 9 * text.line_height(m.small):
                # too short for two charts at this text size: one at a time, PgDn and PgUp between them
                self.max_scroll = max(self.max_scroll, 1)
                if self.scroll == 0:
                    surf.blit(Chart.render(size, m, f"{title} · PgDn: the pair", top, world["game"].turn_limit), (0, 0))
                else:
                    surf.blit(Chart.render(size, m, f"{self._pair_title()} · PgUp: the region", pair,
                                           world["game"].turn_limit), (0, 0))
                return surf
            surf.blit(Chart.render((size[0], half), m, title, top, world["game"].turn_limit), (0, 0))
            surf.blit(Chart.render((size[0], size[1] - half - m.pad), m, self._pair_title(), pair,
                                   world["game"].turn_limit), (0, half + m.pad))
            return surf
        if self.page == "world":
            self._draw_world_page(surf, world)
            return surf
        inner = shapes.panel(surf, surf.get_rect(), self._column_title(world, k), m.body)
        if self.page in ("headline", "crises"):
            # side by side, both columns take the size the fuller one fits at; past a floor, they scroll
            px = min(self._fit_px(self._paragraphs(w, j), inner.size) for j, w in enumerate(self.worlds))
            self._draw_paragraphs(surf, inner, self._paragraphs(world, k), px, scrolls=True)
        elif self.page == "scores":
            self._draw_scores(surf, inner, world)
        else:
            self._draw_moves(surf, inner, world)
        return surf

    def _paragraphs(self, world, k) -> list:
        if self.page == "headline":
            return pages.headline(world, k, self.baselines if k == 0 else None, short=len(self.worlds) > 1)
        return pages.crises_page(world)

    @staticmethod
    def _block(paras, px: int, width: int) -> text.Block:
        """Paragraphs (text, factor, role, style) at body size px."""
        return text.Block([(t, max(text.MIN_PX, round(px * f)), pages.ROLES_SCREEN[r], st) for t, f, r, st in paras],
                          width, gap=max(2, int(px * 0.35)))

    def _fit_px(self, paras, size) -> int:
        """The largest body size at which the paragraphs fit size, from the screen's down to a floor
        (a large text size stays large: what does not fit then scrolls)."""
        floor = max(MIN_PAGE_PX, round(self.m.body * SCROLL_FLOOR))
        px = self.m.body
        while px > floor and self._block(paras, px, size[0]).height > size[1]:
            px = max(floor, int(px * 0.92))
        return px

    def _draw_paragraphs(self, surf, inner, paras, px: int | None = None, scrolls: bool = False):
        """Paragraphs in inner at body size px (else the largest that fits); with scrolls, a page
        longer than inner shows whole lines from self.scroll, with a hint of what is below."""
        px = px if px is not None else self._fit_px(paras, inner.size)
        block = self._block(paras, px, inner.width)
        if not scrolls or block.height <= inner.height:
            surf.blit(block.surface, inner.topleft, area=pygame.Rect(0, 0, inner.width, inner.height))
            return
        self._scrolled(surf, inner, block)

    def _floor(self) -> int:
        """The body size at text size 1.0: a page at a larger size scrolls rather than shrink below it."""
        return Metrics(*self.app.size, 1.0).body

    def _scrolled(self, surf, inner, block):
        """A block in inner: whole lines from self.scroll when it is longer, with a hint of what is below."""
        m = self.m
        if block.height <= inner.height:
            surf.blit(block.surface, inner.topleft)
            return
        view = pygame.Rect(inner.x, inner.y, inner.width, inner.height - text.line_height(m.small, "bold"))
        limit = text.scroll_limit(block, view.height)
        self.max_scroll = max(self.max_scroll, limit)
        picture, _ = text.window(block, min(self.scroll, limit), view.height)
        surf.blit(picture, view.topleft)
        more = "PgDn or wheel: more below" if self.scroll < limit else "PgUp or wheel: back up"
        hint = text.render(text.ellipsize(more, m.small, inner.width, "bold"), m.small, palette.FOCUS, "bold")
        surf.blit(hint, hint.get_rect(bottomright=inner.bottomright))

    def _draw_world_page(self, surf, world):
        m = self.m
        rect = surf.get_rect()
        wide = rect.width >= 2.2 * m.body * 20
        left = pygame.Rect(0, 0, round(rect.width * 0.5) if wide else rect.width, rect.height if wide else rect.height // 2)
        chart = pygame.Rect(left.right + m.pad, 0, rect.width - left.width - m.pad, rect.height) if wide else \
            pygame.Rect(0, left.bottom + m.pad, rect.width, rect.height - left.height - m.pad)
        inner = shapes.panel(surf, left, "Which world was it?", m.body)
        self._draw_paragraphs(surf, inner, pages.world_page(world), scrolls=True)
        g = world["game"]
        colours = {a.code: palette.hex_colour(a.colour) for a in g.scenario.actors}
        lines = pages.belief_series(world, colours, palette.TEXT, palette.FOCUS)
        surf.blit(Chart.render(chart.size, m, "Chance of the spiral world (%), by turn", lines, g.turn_limit), chart.topleft)

    def _chart_title(self, world) -> str:
        if not world["game"].scenario.dynamics:    # the 2x2 game: no regional tension
            return f"Payoff per turn, % of the best one turn pays — {world['game'].worldview.label}"
        return f"Tension and mean trust — {world['game'].worldview.label}"

    def _pair_title(self) -> str:
        i, j = history.actor_pairs(self.game.scenario.n)[self.pair]
        a, b = self.game.scenario.actors[i], self.game.scenario.actors[j]
        return f"Pair {a.name} and {b.name} (× 100) · [ ] other pairs"

    def _chart_lines(self, world):
        g = world["game"]
        s = history.series(g.turns, world["start"])
        top = [("regional tension", s["turn"], s["tension"], palette.CHART_TENSION, "solid"),
               ("mean trust × 100", s["turn"], s["trust"], palette.CHART_TRUST, "dashed")]
        i, j = history.actor_pairs(g.scenario.n)[self.pair]
        a, b = g.codes[i], g.codes[j]
        p = history.pair_series(g.turns, i, j, world["start"])
        pair = [(f"trust {a}→{b}", p["turn"], p["trust_ab"], palette.CHART_PAIR_AB, "solid"),
                (f"trust {b}→{a}", p["turn"], p["trust_ba"], palette.CHART_PAIR_BA, "dashed"),
                (f"tension {a}–{b}", p["turn"], p["tension"], palette.CHART_PAIR_TENSION, "dotted")]
        if not g.scenario.dynamics:   # the 2x2 game: each side's payoff instead of regional tension
            turns, shares = dilemma.payoff_shares(g.turns, g.worldview, g.scenario.n)
            top = [(f"{g.codes[k]} payoff, % of the best", turns, shares[k],
                    (palette.CHART_PAIR_AB, palette.CHART_PAIR_BA, palette.CHART_TRUST)[k % 3], ("solid", "dashed")[k % 2])
                   for k in range(g.scenario.n)]
            pair = pair[:2]
        return top, pair

    def _draw_scores(self, surf, inner, world):
        record = world["record"]
        g = world["game"]
        outcome = record["outcome"]
        px = self.m.body
        while True:
            head = text.Block([(f"Outcome: {OUTCOME_TEXT[outcome]}", round(px * 1.15), palette.TEXT, "bold"),
                               (f"Ended after turn {record['end_turn']} of {g.turn_limit}.", px, palette.MUTED, "regular")],
                              inner.width, gap=2)
            table, table_h = self._score_table(record, g, px, inner.width)
            played = "" if len(self.worlds) == 1 else "Played by: " + ", ".join(
                f"{c} {d}" for c, d in zip(g.codes, g.doctrines)) + ". "
            foot = text.Block([(played + "The disposition column reveals each actor's hidden type, drawn at the start.",
                                round(px * 0.85), palette.MUTED, "regular"),
                               (SCORE_HELP if g.scenario.dynamics else SCORE_HELP_2X2, round(px * 0.85), palette.MUTED,
                                "italic")], inner.width, gap=2)
            total = head.height + table_h + foot.height + 2 * self.m.pad
            floor = self._floor()    # never below the size of text at 1.0: the rows scroll instead
            if (total <= inner.height and table is not None) or px <= floor:
                break
            px = max(floor, int(px * 0.92))
        y = inner.y
        surf.blit(head.surface, (inner.x, y))
        y += head.height + self.m.pad
        n = len(g.scenario.codes)
        if table is not None and y + table_h > inner.bottom:
            # the header row stays; the actors' rows that fit, from self.scroll (PgDn), and a hint
            lh = table_h // (n + 1)
            hint_h = text.line_height(self.m.small, "bold")
            shown = max(1, (inner.bottom - y - hint_h) // lh - 1)
            self.max_scroll = max(self.max_scroll, n - shown)
            first = min(self.scroll, n - shown)
            surf.blit(table, (inner.x, y), area=pygame.Rect(0, 0, table.get_width(), lh))
            surf.blit(table, (inner.x, y + lh), area=pygame.Rect(0, lh * (1 + first), table.get_width(), lh * shown))
            more = "PgDn or wheel: more rows" if first < n - shown else "PgUp or wheel: back up"
            hint = text.render(text.ellipsize(more, self.m.small, inner.width, "bold"), self.m.small, palette.FOCUS, "bold")
            surf.blit(hint, hint.get_rect(bottomright=inner.bottomright))
            return
        if table is not None:
            surf.blit(table, (inner.x, y))
        y += table_h + self.m.pad
        if y + foot.height <= inner.bottom:
            surf.blit(foot.surface, (inner.x, y))

    def _score_table(self, record, g, px, width):
        """The scores as a table with a header row; None when it is wider than width at this size."""
        sc = g.scenario
        # side by side, the controllers are the same in both worlds: they move to the footer
        by = len(self.worlds) == 1
        headers = ["actor"] + (["played by"] if by else []) + ["disposition"] + [label for _, label in SCORE_COLUMNS]
        rows = []
        for i, code in enumerate(sc.codes):
            s = record["scores"][code]
            controller = "human" if g.doctrines[i] == "human" else g.doctrines[i]
            rows.append([code] + ([controller] if by else []) + [record["dispositions"][code],
                         f"{s['score']:.0f}", f"{s['security']:.0f}", f"{s['trust']:.0f}", f"{s['tension']:.0f}",
                         f"{s['prosperity']:.1f}", f"{s['payoff']:.0f}"])
        if not sc.dynamics:   # the 2x2 game (two_rivals) has no tension to show
            drop = headers.index("tension")
            headers.pop(drop)
            for r in rows:
                r.pop(drop)
        marker_w = round(px * 1.2)
        gap = max(6, px // 2)
        col_w = [max(text.size(h, px, "bold")[0], *(text.size(r[c], px)[0] for r in rows)) for c, h in enumerate(headers)]
        col_w[0] += marker_w
        total = sum(col_w) + gap * (len(headers) - 1)
        if total > width:
            return None, 0
        lh = text.line_height(px) + 2
        table = text.surface((width, lh * (len(rows) + 1)), pygame.SRCALPHA)
        x = 0
        first_number = headers.index("score")
        for c, h in enumerate(headers):
            right = c >= first_number
            img = text.render(h, px, palette.ACCENT, "bold")
            table.blit(img, (x + col_w[c] - img.get_width(), 0) if right else (x, 0))
            for r, row in enumerate(rows):
                y = lh * (r + 1)
                colour = palette.TEXT
                if headers[c] == "disposition":
                    colour = palette.WARNING if row[c] == "greedy" else palette.MUTED
                if c == 0:
                    actor = sc.actors[r]
                    shapes.draw_marker(table, actor.marker, palette.hex_colour(actor.colour),
                                       (x + marker_w // 2 - 1, y + lh // 2), max(4, px * 0.38), width=1)
                    table.blit(text.render(row[0], px, colour, "bold"), (x + marker_w, y))
                    continue
                img = text.render(row[c], px, colour, "bold" if headers[c] == "score" else "regular")
                table.blit(img, (x + col_w[c] - img.get_width(), y) if right else (x, y))
            x += col_w[c] + gap
        return table, table.get_height()

    def _draw_moves(self, surf, inner, world):
        g = world["game"]
        names = {a.code: a.name for a in g.scenario.actors}
        wv = g.worldview.as_dict()
        first = tuple(g.codes[i] for i in g.humans)
        if not g.scenario.dynamics:
            # the 2x2 game (two_rivals): no regional tension; the turns where the moves changed instead
            points = dilemma.turning_points(g.turns, g.codes, names)
            paras = [("The turns where the moves changed", 1.05, palette.TEXT, "bold")]
            paras += [(line, 1.0, palette.ACCENT, "bold") for _, line in points] or \
                [("No turns were played.", 1.0, palette.MUTED, "italic")]
            totals = dilemma.totals(g.turns, g.scenario.n)
            paras.append(("Payoff totals: " + " · ".join(f"{names[c]} {t:g}" for c, t in zip(g.codes, totals)),
                          1.0, palette.TEXT, "regular"))
            block = text.fit_static(tuple(paras), inner.width, inner.height, self.m.body, 10)
            surf.blit(block.surface, inner.topleft, area=pygame.Rect(0, 0, inner.width, inner.height))
            return
        paras = [("The three turns that moved regional tension most", 1.05, palette.TEXT, "bold")]
        if not world["moves"]:
            paras.append(("No turns were played.", 1.0, palette.MUTED, "italic"))
        for entry, delta in world["moves"]:
            card = f" — card “{entry['card']['title']}” (¶{entry['card']['paragraph']})" if entry.get("card") else ""
            sign = "+" if delta >= 0 else "−"
            paras.append((f"Turn {entry['turn']}: tension {sign}{abs(delta):.1f} to {entry['regional_tension']:.0f}{card}",
                          1.0, palette.ACCENT, "bold"))
            for line in why(entry, names, wv, limit=3, first=first)[:4]:
                paras.append((f"• {line}", 0.9, palette.TEXT, "regular"))
        self._scrolled(surf, inner, text.fit_static(tuple(paras), inner.width, inner.height, self.m.body, self._floor()))
