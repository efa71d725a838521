"""The play screen: map or chart, tension gauge, event card, why panel and the action bar.

Layout follows the font scale: at scale 1.0 everything is on screen at once; from 1.25 up
(projectors) one large view at a time — card and why, map, or chart — chosen with tabs or keys.

Frame time: the pygame_gui buttons are rebuilt only when the set of them changes (a resize, the
scale, the view, a human seat appearing or going), not after every turn. The work a turn brings
is spread over the frames after it: the frame that plays the turn re-renders nothing, the next
one hands the autosave to the background writer, and each later one re-renders one stale panel
(a RenderBudget), the others showing their previous image meanwhile — so quick auto-play never
does all of it in one frame.
"""
from __future__ import annotations

import pygame
import pygame_gui

from game.core.session import Game
from game.core.vocab import Action

from .. import history, intents, palette, saving, text
from ..intents import Intent, Kind
from ..scene import Scene
from ..turn_flow import TurnFlow
from ..widgets.action_bar import ActionBar
from ..widgets.cached import RenderBudget
from ..widgets.card_view import CardView
from ..widgets.chart import Chart
from ..widgets.gauge import TensionGauge
from ..widgets.map_view import MapView
from ..widgets.why_panel import WhyPanel

SPEEDS = (2.0, 1.2, 0.7, 0.4, 0.2, 0.1)  # seconds per auto-played turn
COMPACT_SCALE = 1.25


def speed_label(index: int) -> str:
    return f"{1 / SPEEDS[index]:.1f} turns per second"


class PlayScene(Scene):
    keys = intents.PLAY_KEYS
    name = "play"

    def __init__(self, app, game: Game, autosave: bool = True):
        super().__init__(app)
        self.game = game
        self.flow = TurnFlow(game)
        self.autosave = autosave
        self.view = "map"
        self.pair = 0
        self.auto = False
        self.speed = 2
        self.clock = 0.0
        self.version = 0
        self.start = history.opening(game)
        self.names = {a.code: a.name for a in game.scenario.actors}
        self.map = MapView(game.scenario, app.metrics)
        self.gauge = TensionGauge()
        self.card = CardView()
        self.why = WhyPanel()
        self.chart_top = Chart()
        self.chart_pair = Chart()
        self.bar = ActionBar()
        self.message = ""
        self.needs_pass = self.flow.hot_seat
        self.budget = RenderBudget()
        self._built = None          # what the current widgets were built for (see _structure)
        self._played = False        # a turn was played in this frame
        self._save_due = False      # a change not autosaved yet (handed over in the next frame, see update)

    # ------------------------------------------------------------------ lifecycle
    def enter(self):
        super().enter()
        self._maybe_pass()

    def exit(self):
        self._save_now()
        super().exit()

    def cover(self):
        self._save_now()
        super().cover()

    @property
    def compact(self) -> bool:
        return self.app.scale >= COMPACT_SCALE

    def layout(self):
        m = self.m
        w, h = self.app.size
        pad = m.pad
        ui = self.ui
        self.bindings.wheel = self._wheel
        # top bar
        bar_h = text.line_height(m.body, "bold") + 2 * pad
        self.top_rect = pygame.Rect(0, 0, w, max(bar_h, m.button_h + pad))
        bx = w - pad
        for label, intent, tip in (("Menu", Intent(Kind.MENU), "Esc: save, settings, title screen"),
                                   ("Help", Intent(Kind.HELP), "F1 or ?: every key")):
            bw = text.size(label, m.body, "bold")[0] + 2 * pad + 8
            bx -= bw
            self.add(pygame_gui.elements.UIButton(pygame.Rect(bx, (self.top_rect.height - m.button_h) // 2, bw, m.button_h),
                                                  label, ui, tool_tip_text=tip), intent)
            bx -= pad // 2
        self.top_text_right = bx - pad
        # action bar
        human = self.flow.current is not None
        bar_h = ActionBar.height_for(m, w, human)
        longest = max((a.name for a in self.game.scenario.actors), key=lambda n: text.size(n, m.body, "bold")[0])
        self.bar.build(self, pygame.Rect(0, h - bar_h, w, bar_h), m, human, self.auto, speed_label(self.speed), longest)
        self.bar.show_choice(self.flow.action)
        body = pygame.Rect(pad, self.top_rect.bottom + pad // 2, w - 2 * pad, h - bar_h - self.top_rect.bottom - pad)
        gauge_h = TensionGauge.height_for(m)
        if self.compact:
            # one row: view tabs on the left, the tension gauge in one line on the right
            row_h = max(m.button_h, TensionGauge.height_for(m, True))
            x = body.x
            views = (("card", "Card (E)"), ("why", "Why (W)"), ("map", "Map (M)"), ("chart", "Chart (C)"))
            for view, label in views:
                bw = text.size(label, m.body, "bold")[0] + 2 * pad + 8
                b = pygame_gui.elements.UIButton(pygame.Rect(x, body.y + (row_h - m.button_h) // 2, bw, m.button_h), label, ui)
                self.add(b, Intent(Kind.PICK, ("view", view)))
                if view == self.view:
                    b.select()
                x += bw + pad // 2
            self.gauge.set_rect((x + pad, body.y, body.right - x - pad, row_h), m, compact=True)
            tabs_y = body.y + row_h - m.button_h
            main = pygame.Rect(body.x, tabs_y + m.button_h + pad // 2, body.width, body.bottom - tabs_y - m.button_h - pad // 2)
            self.main_rect = main
            self.map.set_rect(main, m)
            self._layout_charts(main)
            # big text: the card and the why panel each get the whole view (tabs E and W)
            self.card.set_rect(main, m)
            self.why.set_rect(main, m)
        else:
            if self.view not in ("map", "chart"):
                self.view = "map"
            left_w = round(body.width * 0.5)
            left = pygame.Rect(body.x, body.y, left_w, body.height)
            right = pygame.Rect(left.right + pad, body.y, body.right - left.right - pad, body.height)
            self.main_rect = left
            self.map.set_rect(left, m)
            self._layout_charts(left)
            self.gauge.set_rect((right.x, right.y, right.width, gauge_h), m)
            rest = pygame.Rect(right.x, right.y + gauge_h + pad // 2, right.width, right.height - gauge_h - pad // 2)
            card_h = round(rest.height * 0.70)  # the card first; the why panel scrolls
            self.card.set_rect((rest.x, rest.y, rest.width, card_h), m)
            self.why.set_rect((rest.x, rest.y + card_h + pad // 2, rest.width, rest.height - card_h - pad // 2), m)
        if self.view == "chart":
            self._pair_buttons()
        # node positions are known only after the map has rendered once
        self._zones_pending = self.view == "map"
        self._built = self._structure()

    def clear(self):
        super().clear()
        self._built = None

    def _structure(self) -> tuple:
        """Everything the set of widgets depends on: when it is unchanged, _refresh updates them in place."""
        return self.app.size, self.app.scale, self.view, self.flow.current is not None

    def _refresh(self):
        """Bring the widgets up to date after a change of state. Rebuilding the buttons costs about 9 ms,
        so they are rebuilt only when the set of them changes; otherwise labels and state change in place."""
        if self._structure() != self._built:
            self.relayout()
            return
        self.bar.show_choice(self.flow.action)
        self.bar.show_auto(self.auto, speed_label(self.speed))

    def _layout_charts(self, rect):
        m = self.m
        pad = m.pad
        buttons_h = m.button_h + pad // 2
        top_h = round((rect.height - buttons_h) * 0.5)
        self.chart_top.set_rect((rect.x, rect.y, rect.width, top_h), m)
        self.pair_buttons_y = rect.y + top_h + pad // 2
        self.chart_pair.set_rect((rect.x, self.pair_buttons_y + buttons_h, rect.width,
                                  rect.bottom - self.pair_buttons_y - buttons_h), m)

    def _pair_buttons(self):
        m = self.m
        x = self.main_rect.x
        for label, intent in (("Previous pair [", Intent(Kind.PREV_PAIR)), ("Next pair ]", Intent(Kind.NEXT_PAIR))):
            bw = text.size(label, m.body, "bold")[0] + 2 * m.pad + 8
            self.add(pygame_gui.elements.UIButton(pygame.Rect(x, self.pair_buttons_y, bw, m.button_h), label, self.ui), intent)
            x += bw + m.pad // 2

    def _wheel(self, dy, pos):
        if self.why.rect.collidepoint(pos):
            self.why.scroll_by(-dy)
        return None

    # ------------------------------------------------------------------ state helpers
    @property
    def entry(self) -> dict:
        return self.game.turns[-1] if self.game.turns else self.start

    def _changed(self):
        self.version += 1
        self._save_due = self.autosave

    def _save_later(self):
        """Hand a pending autosave to the background writer (its text takes about half a millisecond)."""
        if not self._save_due:
            return
        self._save_due = False
        try:
            saving.autosave_later(self.game)
        except OSError as exc:
            self.app.say(f"Autosave failed: {exc}")

    def _save_now(self):
        """Autosave and wait until it is on disk: on leaving the screen, covering it or quitting."""
        self._save_later()
        error = saving.wait_for_saves()
        if error is not None:
            self.app.say(f"Autosave failed: {error}")

    def _maybe_pass(self):
        """Between hot-seat players a pass screen hides the previous choice."""
        if self.flow.hot_seat and self.flow.current is not None and self.needs_pass and self.app.top is self:
            self.needs_pass = False
            from .pass_device import PassDeviceScene
            me = self.flow.current
            self.app.push(PassDeviceScene(self.app, self.game.scenario.actors[me].name,
                                          self.flow.seat + 1, len(self.flow.humans), self.game.turn + 1))

    def _after_turn(self):
        self._played = True
        self.flow.action = None
        self._changed()
        self.why.scroll = 0
        if self.game.over:
            self.auto = False
            from .debrief import DebriefScene
            self.app.replace(DebriefScene(self.app, self.game))
            return
        self.needs_pass = self.flow.hot_seat
        self._refresh()
        self._maybe_pass()

    # ------------------------------------------------------------------ intents
    def on_intent(self, intent: Intent) -> bool:
        k = intent.kind
        flow = self.flow
        if k is Kind.CHOOSE_ACTION:
            if flow.current is None:
                self.message = "No human seat this turn: Enter plays the next turn, Space auto-plays."
                return True
            flow.choose(Action(intent.arg))
            self.message = ""
            self.bar.show_choice(flow.action)
            return True
        if k in (Kind.NEXT_TARGET, Kind.PREV_TARGET):
            flow.cycle_target(1 if k is Kind.NEXT_TARGET else -1)
            return True
        if k is Kind.SELECT_TARGET:
            if flow.current is not None and (flow.action is None or flow.action.targeted):
                if flow.set_target(intent.arg):
                    self.message = ""
            return True
        if k is Kind.END_TURN:
            return self._end_turn()
        if k is Kind.UNDO:
            if flow.undo():
                self.auto = False
                self._changed()
                self.message = f"Took back turn {self.game.turn + 1}."
                self.needs_pass = flow.hot_seat
                self._refresh()
                self._maybe_pass()
            else:
                self.message = "Nothing to undo: no turn played yet."
            return True
        if k is Kind.AUTO_PLAY:
            if self.game.humans:
                self.message = "Auto-play is for all-AI games (teacher mode); humans choose each move."
            else:
                self.auto = not self.auto
                self.clock = 0.0
                self._refresh()
            return True
        if k in (Kind.SPEED_UP, Kind.SPEED_DOWN):
            step = 1 if k is Kind.SPEED_UP else -1
            self.speed = max(0, min(len(SPEEDS) - 1, self.speed + step))
            self.message = f"Auto-play speed: {speed_label(self.speed)}."
            if not self.game.humans:
                self._refresh()
            return True
        if k in (Kind.TOGGLE_CHART, Kind.TOGGLE_MAP):
            want = "chart" if k is Kind.TOGGLE_CHART else "map"
            home = "card" if self.compact else "map"
            self.view = home if self.view == want and want != home else want
            self._refresh()
            return True
        if k is Kind.PICK and isinstance(intent.arg, tuple) and intent.arg[0] == "scroll":
            self.why.scroll_by(intent.arg[1])
            return True
        if k is Kind.PICK and isinstance(intent.arg, tuple) and intent.arg[0] == "view":
            # without tabs (scale 1.0) card and why are always shown: E and W bring back the map
            self.view = intent.arg[1] if self.compact or intent.arg[1] not in ("card", "why") else "map"
            self._refresh()
            return True
        if k in (Kind.NEXT_PAIR, Kind.PREV_PAIR):
            pairs = history.actor_pairs(self.game.scenario.n)
            self.pair = (self.pair + (1 if k is Kind.NEXT_PAIR else -1)) % len(pairs)
            if self.view != "chart":
                self.view = "chart"
                self._refresh()
            return True
        if k is Kind.QUIT:
            self._save_now()  # the app quits on this intent: the last turn must be on disk first
            return False
        if k is Kind.SAVE:
            from .save_dialog import SaveDialog
            self.app.push(SaveDialog(self.app, self.game))
            return True
        if k is Kind.MENU:
            if flow.cancel():
                return True
            from .menu import GameMenu
            self.app.push(GameMenu(self.app, self.game))
            return True
        return super().on_intent(intent)

    def _end_turn(self) -> bool:
        flow = self.flow
        if self.game.over:
            return True
        result = flow.end_turn()
        if result == "incomplete":
            self.message = flow.problem()
        elif result == "confirm":
            self.message = ""
        elif result == "next":
            self.message = ""
            self.bar.show_choice(None)
            self.needs_pass = True
            self._maybe_pass()
        elif result == "played":
            self.message = ""
            self._after_turn()
        return True

    # ------------------------------------------------------------------ frame
    def update(self, dt: float):
        if self.auto and not self.game.over and not self.game.humans:
            self.clock += dt
            if self.clock >= SPEEDS[self.speed]:
                self.clock = 0.0
                self.flow.end_turn()
                self._after_turn()
        # the frame that ran the engine (here or on a key press) re-renders nothing, the next one hands
        # the autosave over, and each later one re-renders one stale panel: a turn's work spreads over frames
        if self._played:
            self.budget.allow(0)
        elif self._save_due:
            self._save_later()
            self.budget.allow(0)
        else:
            self.budget.allow(1)
        self._played = False
        error = saving.save_error()
        if error is not None:
            self.app.say(f"Autosave failed: {error}")

    def status(self) -> tuple[str, tuple]:
        flow = self.flow
        names = self.game.scenario.actors
        if self.message:
            return self.message, palette.WARNING
        me = flow.current
        if me is None:
            state = "auto-playing" if self.auto else "paused"
            return f"All seats are AI ({state}). Enter: next turn · Space: auto-play · +/−: speed", palette.TEXT
        who = names[me].name
        seat = f" (player {flow.seat + 1} of {len(flow.humans)})" if flow.hot_seat else ""
        if flow.action is None:
            return f"{who}{seat}: choose an action, keys 1–8", palette.TEXT
        move = flow.action.label
        if flow.action.targeted:
            move += f" → {names[flow.target].name}" if flow.target >= 0 else " (choose a target)"
        if flow.confirming:
            return f"Confirm {who}: {move}? Enter locks it in · Esc changes it", palette.FOCUS
        return f"{who}{seat}: {move}. Enter to confirm", palette.TEXT

    def draw(self, surface):
        surface.fill(palette.BACKGROUND)
        game = self.game
        entry = self.entry
        self._draw_top(surface)
        alliance = game.state.alliance[0]
        focus = self.flow.current
        target = self.flow.target if (self.flow.action is None or self.flow.action.targeted) and focus is not None else None
        if target is not None and target < 0:
            target = None
        views = {self.view} if self.compact else {self.view, "card", "why"}
        budget = self.budget
        panels = []  # (panel, paint it): the panels do not overlap, so they may be painted in any order
        if "map" in views:
            title = f"Region map — after turn {game.turn}" if game.turn else "Region map — start"
            panels.append((self.map, lambda: self.map.draw(surface, entry, alliance, focus, target, game.humans, title,
                                                           self.version, budget)))
        if "chart" in views:
            panels += self._chart_panels(surface)
        if "why" in views:
            panels.append((self.why, lambda: self.why.draw(surface, entry if game.turn else None, self.names,
                                                           game.worldview.as_dict(), game.codes, self.version, budget)))
        if "card" in views:
            card = game.scenario.card(entry["card"]["id"]) if entry.get("card") else None
            note = "No card drawn this turn." if game.turn else game.scenario.description
            if game.turn and not game.scenario.cards:
                note = "This scenario has no event deck: only the moves matter."
            panels.append((self.card, lambda: self.card.draw(surface, card, game.turn, note, budget)))
        panels.append((self.gauge, lambda: self.gauge.draw(surface, entry["regional_tension"], self._previous_tension(),
                                                           budget)))
        # the panel kept waiting longest goes first, so none is starved when turns come quickly
        for _, paint in sorted(panels, key=lambda p: -p[0].waiting):
            paint()
        if "map" in views and self._zones_pending:
            self._zones_pending = False
            for rect, i in self.map.node_zones():
                self.bindings.zone(rect, Intent(Kind.SELECT_TARGET, i))
        # a draw with no update before it (a screenshot, this scene under an overlay) shows every panel current
        budget.allow(None)
        status, colour = self.status()
        label = ""
        if self.flow.current is not None:
            if self.flow.action is not None and not self.flow.action.targeted:
                label = "no target needed"
            elif self.flow.target >= 0:
                label = game.scenario.actors[self.flow.target].name
            else:
                label = "none yet"
        self.bar.draw(surface, status, colour, label)

    def _previous_tension(self):
        if len(self.game.turns) >= 2:
            return self.game.turns[-2]["regional_tension"]
        if self.game.turns:
            return self.start["regional_tension"]
        return None

    def _draw_top(self, surface):
        m = self.m
        r = self.top_rect
        pygame.draw.rect(surface, palette.PANEL, r)
        game = self.game
        x = m.pad
        y = (r.height - text.line_height(m.body, "bold")) // 2
        items = [(f"Turn {game.turn} / {game.turn_limit}", palette.TEXT, None),
                 (f"worldview: {game.worldview.label}", palette.BACKGROUND, palette.ACCENT),
                 (f"seed {game.seed}", palette.MUTED, None),
                 (game.scenario.title, palette.MUTED, None)]
        for label, colour, badge in items:
            room = self.top_text_right - x
            if room < m.body * 3:
                break
            label = text.ellipsize(label, m.body, room - (2 * m.pad if badge else 0), "bold")
            img = text.render(label, m.body, colour, "bold")
            if badge:
                box = img.get_rect(topleft=(x, y)).inflate(2 * m.pad, 4)
                box.x = x
                pygame.draw.rect(surface, badge, box, border_radius=6)
                surface.blit(img, (x + m.pad, y))
                x = box.right + m.pad * 2
            else:
                surface.blit(img, (x, y))
                x += img.get_width() + m.pad * 2

    def _chart_panels(self, surface):
        """The two charts as (panel, paint it); their series are built only when a chart re-renders."""
        game, budget = self.game, self.budget

        def top_lines():
            s = history.series(game.turns, self.start)
            return [("regional tension", s["turn"], s["tension"], palette.CHART_TENSION, "solid"),
                    ("mean trust × 100", s["turn"], s["trust"], palette.CHART_TRUST, "dashed")]

        pairs = history.actor_pairs(game.scenario.n)
        i, j = pairs[self.pair % len(pairs)]
        a, b = game.codes[i], game.codes[j]

        def pair_lines():
            p = history.pair_series(game.turns, i, j, self.start)
            return [(f"trust {a}→{b}", p["turn"], p["trust_ab"], palette.CHART_PAIR_AB, "solid"),
                    (f"trust {b}→{a}", p["turn"], p["trust_ba"], palette.CHART_PAIR_BA, "dashed"),
                    (f"tension {a}–{b}", p["turn"], p["tension"], palette.CHART_PAIR_TENSION, "dotted")]

        title = f"Pair {self.names[a]} and {self.names[b]} (× 100)"
        return [(self.chart_top, lambda: self.chart_top.draw(surface, "Region: tension and mean trust by turn", top_lines,
                                                             game.turn_limit, self.version, budget=budget)),
                (self.chart_pair, lambda: self.chart_pair.draw(surface, title, pair_lines, game.turn_limit,
                                                               (self.version, self.pair), budget=budget))]
