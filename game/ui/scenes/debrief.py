"""The debrief: outcome and why, scores, hidden dispositions, charts, the turning points, the
same seed and choices replayed under the other worldview beside the first, and exports."""
from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game.core import params as P
from game.core.explain import why
from game.core.report import OUTCOME_TEXT
from game.core.session import Game

from .. import history, intents, palette, saving, text
from ..intents import Intent, Kind
from ..metrics import Metrics
from ..scene import Scene
from ..widgets import shapes
from ..widgets.chart import Chart

TABS = ("Outcome and scores", "Charts", "Turning points")
SCORE_COLUMNS = (("security", "security"), ("trust", "trust"), ("tension", "tension"),
                 ("prosperity", "prosperity"), ("payoff", "2×2 payoff"))
SCORE_HELP = ("Security: mean security per turn (0–100). Trust: how much this actor trusts and is trusted, 0–100. "
              "Tension: its mean dyadic tension at the end, 0–100. Prosperity: its economy at the end. "
              "2×2 payoff: the summed dyadic payoffs of deterrence against dialogue.")


def other_worldview(game: Game) -> P.Worldview:
    other = "spiral-world" if game.worldview.preset == "deterrence-world" else "deterrence-world"
    return P.Worldview.from_preset(other)


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
        self.exported = ""
        self.worlds = [self._world(game)]
        self._cache: dict = {}

    def _world(self, game: Game) -> dict:
        record = game.record()
        start = history.opening(game)
        return {"game": game, "record": record, "start": start,
                "moves": history.biggest_moves(game.turns, start["regional_tension"], 3)}

    # ------------------------------------------------------------------ layout
    def layout(self):
        m = self.m
        w, h = self.app.size
        pad = m.pad
        ui = self.ui
        self._cache.clear()
        self.bindings.wheel = None
        self.head_rect = pygame.Rect(2 * pad, pad, w - 4 * pad, text.line_height(m.px(30), "bold"))
        y = self.head_rect.bottom + pad // 2
        x = 2 * pad
        self.tab_buttons = []
        for k, label in enumerate(TABS):
            bw = text.size(label, m.body, "bold")[0] + 3 * pad
            b = self.add(pygame_gui.elements.UIButton(pygame.Rect(x, y, bw, m.button_h), label, ui,
                                                      tool_tip_text="← → switch pages"), Intent(Kind.PICK, ("tab", k)))
            if k == self.tab:
                b.select()
            self.tab_buttons.append(b)
            x += bw + pad // 2
        self.body_top = y + m.button_h + pad
        # the command row, wrapping to two rows when the window is narrow
        other = other_worldview(self.game).preset
        replay_label = f"Replay the same seed and choices under the other worldview ({other}) · O"
        if self.other is not None:
            replay_label = f"Replayed under {other} — shown beside"
        commands = [(replay_label, Intent(Kind.REPLAY_OTHER), "@primary" if self.other is None else None, self.other is None),
                    ("Export CSV + PNG · E", Intent(Kind.EXPORT), None, True),
                    ("Save · Ctrl+S", Intent(Kind.SAVE), None, True),
                    ("Undo last turn · Ctrl+Z", Intent(Kind.UNDO), None, True),
                    ("New game", Intent(Kind.PICK, ("new", None)), None, True),
                    ("Title · Esc", Intent(Kind.BACK), None, True)]
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
        self.body_bottom = by - pad
        for r in rows:
            x = 2 * pad
            for (label, intent, cls_id, enabled), bw in r:
                b = pygame_gui.elements.UIButton(pygame.Rect(x, by, bw, m.button_h), label, ui,
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
        if self.tab == 1:
            self._pair_buttons()

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
            self.tab = (self.tab + (1 if k is Kind.NEXT_TAB else -1)) % len(TABS)
            self.relayout()
            return True
        if k is Kind.PICK and intent.arg[0] == "tab":
            self.tab = intent.arg[1]
            self.relayout()
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
            if self.tab != 1:
                self.tab = 1
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
        pic = pygame.Surface((w, h))
        pic.fill(palette.BACKGROUND)
        for k, world in enumerate(self.worlds):
            top, pair = self._chart_lines(world)
            pic.blit(Chart.render((900 - 20, 430), m, self._chart_title(world), top, world["game"].turn_limit), (k * 900 + 10, 10))
            pic.blit(Chart.render((900 - 20, 430), m, self._pair_title(), pair, world["game"].turn_limit), (k * 900 + 10, 460))
        return pic

    def _export(self) -> bool:
        try:
            folder = saving.export(self.game, self.charts_picture(), self.other)
        except OSError as exc:
            self.exported = f"Export failed: {exc.strerror or exc}"
            return True
        names = "record.csv, game.json, charts.png" + (", the other world's CSV" if self.other else "")
        self.exported = f"Exported to {folder} ({names})"
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
        body = pygame.Rect(self.body)
        if self.exported:
            note = text.fit_static(((self.exported, 1.0, palette.FOCUS, "bold"),), body.width, m.body * 3, m.body, 10)
            surface.blit(note.surface, (body.x, body.bottom - note.height))
            body.height -= note.height + m.pad // 2
        if self.tab == 1:
            body.y += m.button_h + m.pad // 2
            body.height -= m.button_h + m.pad // 2
        cols = len(self.worlds)
        gap = 2 * m.pad
        col_w = (body.width - gap * (cols - 1)) // cols
        for k, world in enumerate(self.worlds):
            rect = pygame.Rect(body.x + k * (col_w + gap), body.y, col_w, body.height)
            key = (self.tab, k, rect.size, m, self.pair)
            pic = self._cache.get(key)
            if pic is None:
                pic = self._render_column(world, rect.size, k)
                self._cache[key] = pic
            surface.blit(pic, rect.topleft)

    def _column_title(self, world, k) -> str:
        g = world["game"]
        if k == 0:
            return f"This game — worldview {g.worldview.label}"
        extra = f"; from turn {g.fallback_from} the human seats played {g.fallback_doctrine}" if g.fallback_from else ""
        return f"Same seed and choices — worldview {g.worldview.label}{extra}"

    def _render_column(self, world, size, k) -> pygame.Surface:
        m = self.m
        surf = pygame.Surface(size)
        surf.fill(palette.BACKGROUND)
        if self.tab == 1:
            top, pair = self._chart_lines(world)
            half = (size[1] - m.pad) // 2
            title = self._chart_title(world) if len(self.worlds) == 1 else self._column_title(world, k)
            surf.blit(Chart.render((size[0], half), m, title, top, world["game"].turn_limit), (0, 0))
            surf.blit(Chart.render((size[0], size[1] - half - m.pad), m, self._pair_title(), pair,
                                   world["game"].turn_limit), (0, half + m.pad))
            return surf
        inner = shapes.panel(surf, surf.get_rect(), self._column_title(world, k), m.body)
        if self.tab == 0:
            self._draw_scores(surf, inner, world)
        else:
            self._draw_moves(surf, inner, world)
        return surf

    def _chart_title(self, world) -> str:
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
                               (SCORE_HELP, round(px * 0.85), palette.MUTED, "italic")], inner.width, gap=2)
            total = head.height + table_h + foot.height + 2 * self.m.pad
            if (total <= inner.height and table is not None) or px <= 10:
                break
            px = max(10, int(px * 0.92))
        y = inner.y
        surf.blit(head.surface, (inner.x, y))
        y += head.height + self.m.pad
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
                         f"{s['security']:.0f}", f"{s['trust']:.0f}", f"{s['tension']:.0f}",
                         f"{s['prosperity']:.1f}", f"{s['payoff']:.0f}"])
        marker_w = round(px * 1.2)
        gap = max(6, px // 2)
        col_w = [max(text.size(h, px, "bold")[0], *(text.size(r[c], px)[0] for r in rows)) for c, h in enumerate(headers)]
        col_w[0] += marker_w
        total = sum(col_w) + gap * (len(headers) - 1)
        if total > width:
            return None, 0
        lh = text.line_height(px) + 2
        table = pygame.Surface((width, lh * (len(rows) + 1)), pygame.SRCALPHA)
        x = 0
        first_number = headers.index("security")
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
                img = text.render(row[c], px, colour)
                table.blit(img, (x + col_w[c] - img.get_width(), y) if right else (x, y))
            x += col_w[c] + gap
        return table, table.get_height()

    def _draw_moves(self, surf, inner, world):
        g = world["game"]
        names = {a.code: a.name for a in g.scenario.actors}
        wv = g.worldview.as_dict()
        paras = [("The three turns that moved regional tension most", 1.05, palette.TEXT, "bold")]
        if not world["moves"]:
            paras.append(("No turns were played.", 1.0, palette.MUTED, "italic"))
        for entry, delta in world["moves"]:
            card = f" — card “{entry['card']['title']}” (¶{entry['card']['paragraph']})" if entry.get("card") else ""
            sign = "+" if delta >= 0 else "−"
            paras.append((f"Turn {entry['turn']}: tension {sign}{abs(delta):.1f} to {entry['regional_tension']:.0f}{card}",
                          1.0, palette.ACCENT, "bold"))
            for line in why(entry, names, wv, limit=3)[:3]:
                paras.append((f"• {line}", 0.9, palette.TEXT, "regular"))
        block = text.fit_static(tuple(paras), inner.width, inner.height, self.m.body, 10)
        surf.blit(block.surface, inner.topleft, area=pygame.Rect(0, 0, inner.width, inner.height))
