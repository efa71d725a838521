"""The play screen: map or chart, tension gauge, event card, why panel and the action bar.

In a hidden game the badge reads "worldview: hidden" and nothing names the world. When the game
asks for beliefs (Game.belief_due), each human states how likely it thinks the spiral world is at
the start of its seat, behind its own pass screen in hot-seat (scenes/belief.py), before its turn
can end. After the last turn the screen stays on that turn (its card, moves and why panel) until
"See the debrief" (Enter); the humans state their final beliefs on the way there.

A human in an open crisis answers a prompt before its turn ends (a stance as a party, back or
stay out as an ally), drawn over the dimmed screen with its own buttons and keys; the top bar
shows the human's running score, its tooltip saying what the score counts for its type.

Layout follows the font scale: at scale 1.0 everything is on screen at once; from 1.25 up
(projectors) one large view at a time — card and why, map, or chart — chosen with tabs or keys.

Frame time: the pygame_gui buttons are rebuilt only when the set of them changes (a resize, the
scale, the view, a human seat appearing or going, the crisis prompt opening, moving on or closing),
not after every turn. The work a turn brings is spread over the frames after it: the frame that
plays the turn re-renders nothing, the next one hands the autosave to the background writer, and
each later one re-renders one stale panel (a RenderBudget), the others showing their previous
image meanwhile — so quick auto-play never does all of it in one frame.
"""
from __future__ import annotations

import pygame
import pygame_gui

from game.core.model import dilemma
from game.core.teaching.explain import crisis_lines
from game.core.teaching.report import OUTCOME_TEXT
from game.core.play.session import Game
from game.core.model.vocab import ACTION_LABELS_LOCAL, Action, Stance

from .. import history, intents, palette, saving, text, warmup
from ..intents import Intent, Kind
from ..scene import Scene
from ..turn_flow import TurnFlow, forget_undone
from ..widgets import action_bar, briefing
from ..widgets.action_bar import ActionBar
from ..widgets.cached import RenderBudget
from ..widgets.card_view import CardView
from ..widgets.chart import Chart
from ..widgets.crisis_prompt import CrisisPrompt
from ..widgets.gauge import TensionGauge
from ..widgets.map_view import MapView
from ..widgets.payoff_matrix import PayoffMatrix
from ..widgets.why_panel import WhyPanel

SPEEDS = (2.0, 1.2, 0.7, 0.4, 0.2, 0.1)  # seconds per auto-played turn
COMPACT_SCALE = 1.25
# what may be done while the crisis prompt is up; anything else waits for an answer (or Esc)
PROMPT_INTENTS = {Kind.STANCE, Kind.BACKING, Kind.CRISIS, Kind.END_TURN, Kind.MENU, Kind.HELP, Kind.QUIT,
                  Kind.FULLSCREEN, Kind.UNDO, Kind.SAVE, Kind.SEE_DEBRIEF}
REFUSED_MOVE = {Action.ALLY: "alliance with {t}", Action.CHALLENGE: "challenge to {t}"}


def refused_sentence(who: str, action: Action, target: str, why: str, you: bool) -> str:
    """'Your alliance with China was refused: an alliance with a rival. You held back instead.'"""
    move = REFUSED_MOVE.get(action, f"{action.label.lower()}" + (" with {t}" if action.targeted else "")).format(t=target)
    owner = "Your" if you else (who + ("’" if who.endswith("s") else "’s"))
    held = "You held back instead." if you else f"{who} held back instead."
    return f"{owner} {move} was refused: {why}. {held}"


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
        # a two-actor game without dynamics (two_rivals) is the 2x2 game: its payoff matrix and running
        # totals take the place of the tension gauge (always 0 there) and the event card (no deck)
        self.dilemma = not game.scenario.dynamics and game.scenario.n == 2
        self.matrix = PayoffMatrix()
        self.totals = PayoffMatrix()
        self.card = CardView()
        self.why = WhyPanel()
        self.chart_top = Chart()
        self.chart_pair = Chart()
        self.bar = ActionBar()
        self.message = ""
        self.needs_pass = self.flow.hot_seat
        self.prompt = CrisisPrompt()
        self.prompt_open = False    # the crisis prompt is up
        self.prompt_at = 0          # which of the current human's prompts it shows
        self.prompts_answered = 0   # answers given through the prompt (keys or buttons), for tests
        self.briefed: set[int] = set()   # humans told their type on this screen
        self.score_button = None
        self.budget = RenderBudget()
        self._built = None          # what the current widgets were built for (see _structure)
        self._played = False        # a turn was played in this frame
        self._save_due = False      # a change not autosaved yet (handed over in the next frame, see update)

    # ------------------------------------------------------------------ lifecycle
    def enter(self):
        warmup.start(self.game)
        self._start_seat()
        if self.game.over and self.compact:
            self.view = "why"
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
        self.score_button = None
        if self.flow.current is not None:
            label = briefing.score_label(100.0)   # the widest it gets: the badge never resizes
            bw = text.size(label, m.body, "bold")[0] + 2 * pad + 8
            bx -= bw + pad
            self.score_button = self.add(pygame_gui.elements.UIButton(
                pygame.Rect(bx, (self.top_rect.height - m.button_h) // 2, bw, m.button_h), "", ui,
                tool_tip_text="", object_id=pygame_gui.core.ObjectID(class_id="@primary")), Intent(Kind.PICK, ("score", None)))
            self._show_score()
        self.top_text_right = bx - pad
        top_elements = len(self.elements)
        # action bar
        human = self.flow.current is not None
        bar_h = ActionBar.height_for(m, w, human)
        longest = max((a.name for a in self.game.scenario.actors), key=lambda n: text.size(n, m.body, "bold")[0])
        self.bar.build(self, pygame.Rect(0, h - bar_h, w, bar_h), m, human, self.auto, speed_label(self.speed), longest,
                       finished=self.game.over)
        self.bar.show_choice(self.flow.action)
        self.bar.show_blocked(self._blocked())
        body = pygame.Rect(pad, self.top_rect.bottom + pad // 2, w - 2 * pad, h - bar_h - self.top_rect.bottom - pad)
        gauge_h = TensionGauge.height_for(m)
        if self.compact:
            # one row: view tabs on the left, the tension gauge in one line on the right
            row_h = max(m.button_h, TensionGauge.height_for(m, True))
            x = body.x
            views = (("card", "Payoffs (E)" if self.dilemma else "Card (E)"), ("why", "Why (W)"), ("map", "Map (M)"),
                     ("chart", "Chart (C)"))
            for view, label in views:
                bw = text.size(label, m.body, "bold")[0] + 2 * pad + 8
                b = pygame_gui.elements.UIButton(pygame.Rect(x, body.y + (row_h - m.button_h) // 2, bw, m.button_h), label, ui)
                self.add(b, Intent(Kind.PICK, ("view", view)))
                if view == self.view:
                    b.select()
                x += bw + pad // 2
            self.gauge.set_rect((x + pad, body.y, body.right - x - pad, row_h), m, compact=True)
            self.totals.set_rect((x + pad, body.y, body.right - x - pad, row_h), m, compact=True)
            tabs_y = body.y + row_h - m.button_h
            main = pygame.Rect(body.x, tabs_y + m.button_h + pad // 2, body.width, body.bottom - tabs_y - m.button_h - pad // 2)
            self.main_rect = main
            self.map.set_rect(main, m)
            self._layout_charts(main)
            # big text: the card and the why panel each get the whole view (tabs E and W)
            self.card.set_rect(main, m)
            self.matrix.set_rect(main, m)
            self.why.set_rect(main, m)
        else:
            left_w = round(body.width * 0.5)
            left = pygame.Rect(body.x, body.y, left_w, body.height)
            right = pygame.Rect(left.right + pad, body.y, body.right - left.right - pad, body.height)
            self.main_rect = left
            self.map.set_rect(left, m)
            self._layout_charts(left)
            self.gauge.set_rect((right.x, right.y, right.width, gauge_h), m)
            rest = pygame.Rect(right.x, right.y + gauge_h + pad // 2, right.width, right.height - gauge_h - pad // 2)
            card_h = round(rest.height * 0.64)  # the card first; the why panel has room for a few causes, and scrolls (W: full size)
            self.card.set_rect((rest.x, rest.y, rest.width, card_h), m)
            self.matrix.set_rect((right.x, right.y, right.width, rest.y + card_h - right.y), m)
            self.why.set_rect((rest.x, rest.y + card_h + pad // 2, rest.width, rest.height - card_h - pad // 2), m)
            # E or W: the card or the why panel full size in the map's place, the other one the whole column
            if self.view == "why":
                self.why.set_rect(left, m)
                self.card.set_rect(rest, m)
            elif self.view == "card":
                self.card.set_rect(left, m)
                self.why.set_rect(rest, m)
        if self.view == "chart":
            self._pair_buttons()
        # node positions are known only after the map has rendered once
        self._zones_pending = self.view == "map"
        prompt = self.shown_prompt()
        if prompt is not None:
            # the prompt is modal: the screen's own buttons are hidden under it, the top bar's stay
            for element in self.elements[top_elements:]:
                element.hide()
            self._zones_pending = False
            count = len(self.flow.prompts())
            below_top = pygame.Rect(pad, self.top_rect.bottom + pad // 2, w - 2 * pad, h - self.top_rect.bottom - pad)
            self.prompt.build(self, below_top, m, prompt, self.flow.current,
                              [a.name for a in self.game.scenario.actors], self.flow.answer_of(prompt),
                              f"{self.prompt_at + 1} of {count}" if count > 1 else "", self._last_turn(prompt))
        self._built = self._structure()

    def clear(self):
        super().clear()
        self._built = None

    def _structure(self) -> tuple:
        """Everything the set of widgets depends on: when it is unchanged, _refresh updates them in place."""
        prompt = (self.game.turn, self.flow.seat, self.prompt_at) if self.shown_prompt() is not None else None
        return self.app.size, self.app.scale, self.view, self.flow.current is not None, prompt, self.game.over

    def _refresh(self):
        """Bring the widgets up to date after a change of state. Rebuilding the buttons costs about 9 ms,
        so they are rebuilt only when the set of them changes; otherwise labels and state change in place."""
        if self._structure() != self._built:
            self.relayout()
            return
        self.bar.show_choice(self.flow.action)
        self.bar.show_blocked(self._blocked())
        self.bar.show_auto(self.auto, speed_label(self.speed))
        self._show_score()
        prompt = self.shown_prompt()
        if prompt is not None:
            self.prompt.show_answer(self.flow.answer_of(prompt))

    def _layout_charts(self, rect):
        m = self.m
        pad = m.pad
        buttons_h = m.button_h + pad // 2
        if rect.width > 2.2 * rect.height:
            # a wide, flat view (the tabs at large text sizes): the two charts side by side, each as tall as it can be
            half = (rect.width - pad) // 2
            self.chart_top.set_rect((rect.x, rect.y, half, rect.height), m)
            self.pair_buttons_x = rect.x + half + pad
            self.pair_buttons_y = rect.y
            self.chart_pair.set_rect((self.pair_buttons_x, rect.y + buttons_h, rect.width - half - pad,
                                      rect.height - buttons_h), m)
            return
        self.pair_buttons_x = rect.x
        top_h = round((rect.height - buttons_h) * 0.5)
        self.chart_top.set_rect((rect.x, rect.y, rect.width, top_h), m)
        self.pair_buttons_y = rect.y + top_h + pad // 2
        self.chart_pair.set_rect((rect.x, self.pair_buttons_y + buttons_h, rect.width,
                                  rect.bottom - self.pair_buttons_y - buttons_h), m)

    def _pair_buttons(self):
        m = self.m
        x = self.pair_buttons_x
        for label, intent in (("Previous pair [", Intent(Kind.PREV_PAIR)), ("Next pair ]", Intent(Kind.NEXT_PAIR))):
            bw = text.size(label, m.body, "bold")[0] + 2 * m.pad + 8
            self.add(pygame_gui.elements.UIButton(pygame.Rect(x, self.pair_buttons_y, bw, m.button_h), label, self.ui), intent)
            x += bw + m.pad // 2

    def _wheel(self, dy, pos):
        if self.why.rect.collidepoint(pos) and (not self.compact or self.view == "why"):
            self.why.scroll_by(-dy)
        elif self.card.rect.collidepoint(pos) and (not self.compact or self.view == "card") and not self.dilemma:
            self.card.scroll_by(-dy)
        return None

    def _keys_scroll_card(self) -> bool:
        """PgDn and PgUp scroll the event card when it is the view, or when it is shown beside a why panel
        that has nothing more to show; else the why panel."""
        if self.dilemma:
            return False
        if self.compact:
            return self.view == "card"
        return self.card.max_scroll > 0 and self.why.max_scroll == 0

    # ------------------------------------------------------------------ state helpers
    @property
    def entry(self) -> dict:
        return self.game.turns[-1] if self.game.turns else self.start

    def _changed(self):
        self.version += 1
        self._save_due = self.autosave

    def _save_later(self):
        """Hand a pending autosave to the background writer (its text takes about half a millisecond;
        a hidden game's last save waits until the observer's odds are ready, see warmup)."""
        if not self._save_due or (self.game.over and not warmup.ready(self.game)):
            return
        self._save_due = False
        try:
            saving.autosave_later(self.game)
        except OSError as exc:
            self.app.say(f"Autosave failed: {exc}")

    def _save_now(self):
        """Autosave and wait until it is on disk: on leaving the screen, covering it or quitting."""
        if self._save_due and self.game.over:
            warmup.wait(self.game)
        self._save_later()
        error = saving.wait_for_saves()
        if error is not None:
            self.app.say(f"Autosave failed: {error}")

    def _maybe_pass(self):
        """Between hot-seat players a pass screen hides the previous choice. Before a human's first
        turn it carries the private briefing (with one human the screen is the briefing alone). When
        the game asks for beliefs, the belief prompt waits under the pass screen for its player."""
        me = self.flow.current
        if me is None or self.app.top is not self:
            return
        brief = self.game.turn == 0 and me not in self.briefed
        belief = self.owes_belief(me)
        if belief:
            self.app.push(self.app.scene("belief", self.game, me, self._belief_stated))
        if not (brief or (self.flow.hot_seat and self.needs_pass)):
            return
        self.needs_pass = False
        lines = None
        if brief:
            self.briefed.add(me)
            lines = briefing.briefing(self.game.type_of(me), self.game.scenario.actors[me].name,
                                      self.game.scenario.dynamics)
        self.app.push(self.app.scene("pass", self.game.scenario.actors[me].name, self.flow.seat + 1,
                                     len(self.flow.humans), self.game.turn + 1, lines,
                                     "state my belief" if belief else "show my move"))

    # ------------------------------------------------------------------ beliefs and the debrief
    def owes_belief(self, actor: int) -> bool:
        """The game asks for beliefs now and this human has not stated one after this turn."""
        g = self.game
        return actor in g.humans and g.belief_due() and not any(t == g.turn for t, _ in g.beliefs.get(actor, []))

    def _belief_stated(self, actor: int):
        self._changed()
        if self.game.over:
            self._see_debrief()
        else:
            self._refresh()

    def _see_debrief(self) -> bool:
        """After the last turn: each human states its final belief (behind its own pass screen in
        hot-seat), then the debrief."""
        owed = [h for h in self.game.humans if self.owes_belief(h)]
        if not owed:
            self.app.replace(self.app.scene("debrief", self.game))
            return True
        me = owed[0]
        self.app.push(self.app.scene("belief", self.game, me, self._belief_stated, final=True))
        if self.flow.hot_seat:
            self.app.push(self.app.scene("pass", self.game.scenario.actors[me].name, self.game.humans.index(me) + 1,
                                         len(self.game.humans), 0, None, "state my final belief"))
        return True


    def _start_seat(self):
        """A human's turn begins (or begins again): the crisis prompt comes up if it has one to answer."""
        self.prompt_at = 0
        self.prompt_open = bool(self.flow.unanswered())

    def _after_turn(self):
        self._played = True
        self.flow.action = None
        self._changed()
        self.why.scroll = 0
        if self.game.over:
            # the last turn stays on screen, card, moves and why, until "See the debrief"
            self.auto = False
            self.message = ""
            if self.compact:
                self.view = "why"
            self._refresh()
            return
        refused = self._refused_notes()
        if refused:
            self.message = " ".join(refused)
        self.needs_pass = self.flow.hot_seat
        self._start_seat()
        self._refresh()
        self._maybe_pass()

    def _refused_notes(self) -> tuple[str, ...]:
        """The last turn's refused human moves, worded for their players."""
        if not self.game.turns or not self.game.choices:
            return ()
        refused = self.game.turns[-1].get("refused", {})
        actors = self.game.scenario.actors
        out = []
        for i, (action, target) in sorted(self.game.choices[-1].items()):
            why = refused.get(actors[i].code)
            if why:
                out.append(refused_sentence(actors[i].name, action, actors[target].name if target >= 0 else "",
                                            why, you=not self.flow.hot_seat))
        return tuple(out)

    # ------------------------------------------------------------------ crisis prompt, score, refusals
    def shown_prompt(self) -> dict | None:
        """The crisis prompt on display, or None."""
        if not self.prompt_open or self.flow.current is None:
            return None
        prompts = self.flow.prompts()
        if not prompts:
            return None
        return prompts[min(self.prompt_at, len(prompts) - 1)]

    def _open_prompt(self, at: int | None = None) -> bool:
        prompts = self.flow.prompts()
        if not prompts:
            return False
        if at is None:
            waiting = [k for k, p in enumerate(prompts) if self.flow.answer_of(p) is None]
            at = waiting[0] if waiting else 0
        self.prompt_at, self.prompt_open = at, True
        self._refresh()
        return True

    def _answer(self, kind: str, value) -> bool:
        """F X S B (a stance) or Y N (back or stay out): answer the prompt on display, or the first of
        that kind when the prompt is closed; then on to the next unanswered prompt, or close it."""
        flow = self.flow
        prompts = flow.prompts()
        shown = self.shown_prompt()
        if shown is not None and shown["kind"] == kind:
            target = shown
        else:
            matching = [p for p in prompts if p["kind"] == kind]
            if shown is not None or not matching:
                keys = "F, X, S or B" if (shown or {}).get("kind") == "stance" else "Y or N"
                self.message = (f"This prompt asks for {keys}." if shown is not None else
                                "No crisis to answer: F X S B choose a stance and Y N back an ally in a crisis prompt.")
                return True
            target = matching[0]
        flow.answer(target, value)
        self.prompts_answered += 1
        self.message = ""
        waiting = [k for k, p in enumerate(prompts) if flow.answer_of(p) is None]
        if self.prompt_open and waiting:
            self.prompt_at = waiting[0]
        else:
            self.prompt_open = False
        self._refresh()
        return True

    def _last_turn(self, prompt: dict) -> str:
        """What the crisis's parties and backers did last turn, for the prompt ('' for a new crisis)."""
        if not self.game.turns:
            return ""
        names = {a.code: a.name for a in self.game.scenario.actors}
        for c in self.game.turns[-1].get("crises", []):
            if c["stake"] == prompt["id"] and "stances" in c:
                line = crisis_lines({"crises": [c]}, self.game.codes, names)[0]
                return line.split(": ", 1)[-1]
        return ""

    def _answer_text(self, prompt: dict, answer) -> str:
        if prompt["kind"] == "stance":
            return f"{prompt['name']}: {answer.label}"
        ally = self.game.scenario.actors[prompt["ally"]].name
        return f"{prompt['name']}: {'back ' + ally if answer else 'stay out'}"

    def _blocked(self) -> dict:
        """Actions the rules would refuse now whatever the target: greyed out in the bar."""
        if self.flow.current is None or self.game.over:
            return {}
        if not self.flow.challenge_targets():
            return {Action.CHALLENGE: "no stake open to challenge"}
        return {}

    def _challenge_problem(self) -> str:
        """Why Challenge cannot be made at all now, in a sentence."""
        me = self.flow.current
        actors = self.game.scenario.actors
        mine = [s for s in self.game.scenario.stakes if me in s.parties]
        if not mine:
            return f"{actors[me].name} has no stake to challenge over."
        return ("Every stake of yours already has a crisis open (" + ", ".join(s.name for s in mine)
                + "): answer it in the crisis prompt (K).")

    def _show_score(self):
        """The running score's badge and tooltip, in place."""
        me = self.flow.current
        b = self.score_button
        if b is None or me is None:
            return
        score = float(self.game.scores()[me])
        label = briefing.score_label(score)
        if b.text != label:
            b.set_text(label)
        _, parts = self.game.engine.scores()
        tip = briefing.score_tip(self.game.type_of(me), score, {k: float(v[0, me]) for k, v in parts.items()},
                                 self.game.scenario.dynamics)
        if b.tool_tip_text != tip:
            b.set_tooltip(tip)

    # ------------------------------------------------------------------ intents
    def on_intent(self, intent: Intent) -> bool:
        k = intent.kind
        flow = self.flow
        if k is Kind.PICK and isinstance(intent.arg, tuple) and intent.arg[0] == "score":
            me = flow.current
            if me is not None:
                self.message = (f"{briefing.score_label(float(self.game.scores()[me]))} of 100 — hover it to see "
                                f"what it counts for a {self.game.type_of(me)} actor.")
            return True
        if k is Kind.PICK and isinstance(intent.arg, tuple) and intent.arg[0] == "article":
            card = self.entry.get("card")
            self.app.push(self.app.scene("article", card["paragraph"] if card else 1, self.game.scenario))
            return True
        if self.shown_prompt() is not None and k not in PROMPT_INTENTS:
            self.message = "Answer the crisis first (the keys on its buttons), or Esc to look at the map."
            return True
        if k is Kind.STANCE:
            return self._answer("stance", Stance(int(intent.arg)))
        if k is Kind.BACKING:
            return self._answer("backing", bool(intent.arg))
        if k is Kind.CRISIS:
            count = len(flow.prompts())
            if self.shown_prompt() is not None and count > 1:   # K again: the next of several prompts
                self.prompt_at = (self.prompt_at + 1) % count
                self._refresh()
            elif not self._open_prompt():
                self.message = "No crisis of yours to answer this turn."
            return True
        if k is Kind.CHOOSE_ACTION:
            if flow.current is None:
                self.message = "No human seat this turn: Enter plays the next turn, Space auto-plays."
                return True
            flow.choose(Action(intent.arg))
            self.message = ""
            if flow.action is Action.CHALLENGE and not flow.challenge_targets():
                self.message = self._challenge_problem()
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
        if k is Kind.END_TURN or k is Kind.SEE_DEBRIEF:
            return self._end_turn()
        if k is Kind.UNDO:
            if flow.undo():
                forget_undone(self.game)
                self.auto = False
                self._changed()
                self.message = f"Took back turn {self.game.turn + 1}."
                self.needs_pass = flow.hot_seat
                self._start_seat()
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
            (self.card if self._keys_scroll_card() else self.why).scroll_by(intent.arg[1])
            return True
        if k is Kind.PICK and isinstance(intent.arg, tuple) and intent.arg[0] == "view":
            # without tabs (scale 1.0) E and W show the card or the why panel full size; again, the map
            want = intent.arg[1]
            self.view = want if self.compact or self.view != want else "map"
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
            self.app.push(self.app.scene("save", self.game))
            return True
        if k is Kind.MENU:
            if self.shown_prompt() is not None:
                self.prompt_open = False
                self.message = "Decide later: the crisis comes back when you end your turn, or press K."
                self._refresh()
                return True
            if flow.cancel():
                return True
            self.app.push(self.app.scene("menu", self.game))
            return True
        return super().on_intent(intent)

    def _end_turn(self) -> bool:
        flow = self.flow
        if self.game.over:
            return self._see_debrief()
        shown = self.shown_prompt()
        if shown is not None:
            # Enter on the prompt: on to the next unanswered one, or back to the move
            if flow.answer_of(shown) is None:
                keys = "F, X, S or B" if shown["kind"] == "stance" else "Y or N"
                self.message = f"Choose an answer first: {keys} (or Esc to look at the map)."
            else:
                self.prompt_open = False
                self._open_prompt() if flow.unanswered() else self._refresh()
            return True
        if flow.current is not None and self.owes_belief(flow.current):
            self.message = "State your belief about the world first."
            self.app.push(self.app.scene("belief", self.game, flow.current, self._belief_stated))
            return True
        result = flow.end_turn()
        if result == "incomplete":
            self.message = flow.problem()
        elif result == "crisis":
            self.message = "A crisis needs your answer before the turn ends."
            self._open_prompt()
        elif result == "confirm":
            self.message = ""
        elif result == "next":
            self.message = ""
            self.bar.show_choice(None)
            self.needs_pass = True
            self._start_seat()
            self._refresh()
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
        if self.game.over:
            outcome = OUTCOME_TEXT[self.game.outcome.value].split(":")[0]
            return self._fit(f"Game over after turn {self.game.turn}: {outcome}. This was the last turn: its card, the "
                             "moves and why. Enter: see the debrief",
                             f"Game over after turn {self.game.turn}: {outcome}. Enter: see the debrief",
                             "Game over. Enter: see the debrief"), palette.FOCUS
        me = flow.current
        if me is None:
            state = "auto-playing" if self.auto else "paused"
            return f"All seats are AI ({state}). Enter: next turn · Space: auto-play · +/−: speed", palette.TEXT
        who = names[me].name
        seat = f" (player {flow.seat + 1} of {len(flow.humans)})" if flow.hot_seat else ""
        shown = self.shown_prompt()
        if shown is not None:
            keys = "F X S B" if shown["kind"] == "stance" else "Y N"
            return self._fit(f"{who}{seat}: a crisis over {shown['name']} — answer with {keys} or the buttons",
                             f"Crisis over {shown['name']}: {keys} or the buttons"), palette.FOCUS
        waiting = flow.unanswered()
        crisis = f" · crisis over {waiting[0]['name']} unanswered (K)" if waiting else ""
        if flow.action is None:
            return self._fit(f"{who}{seat}: choose an action, keys 1–9{crisis}",
                             f"{who}: choose an action, keys 1–9" + (" · a crisis waits (K)" if waiting else "")), \
                palette.TEXT
        move = flow.action.label
        if not self.game.scenario.dynamics:
            move = ACTION_LABELS_LOCAL.get(flow.action, move)
        if flow.action.targeted:
            move += f" → {names[flow.target].name}" if flow.target >= 0 else " (choose a target)"
        refused = flow.refusal()
        if refused:
            return self._fit(f"{who}: {move} would be refused ({refused}): you would hold back instead",
                             f"{move} would be refused: {refused}"), palette.WARNING
        given = [self._answer_text(p, flow.answer_of(p)) for p in flow.prompts() if flow.answer_of(p) is not None]
        if flow.confirming:
            lock = "? Enter locks it in · Esc changes it"
            count = f" ({len(given)} crisis answer{'s' if len(given) > 1 else ''})" if given else ""
            return self._fit(f"Confirm {who}: {move}" + (" · " + "; ".join(given) if given else "") + lock,
                             f"Confirm {who}: {move}{count}{lock}", f"Confirm {move}{lock}"), palette.FOCUS
        return self._fit(f"{who}{seat}: {move}. Enter to confirm{crisis}", f"{who}: {move}. Enter to confirm"), \
            palette.TEXT

    def _fit(self, *options: str) -> str:
        """The first wording that fits the status line (the last one is cut if none does)."""
        return text.first_fitting(list(options), self.m.body, max(1, self.bar.status_rect.width), "bold")

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
            where = "Map" if self.dilemma else "Region map"    # two rivals: no region
            title = f"{where} — after turn {game.turn}" if game.turn else f"{where} — start"
            crises = game.open_crises()
            panels.append((self.map, lambda: self.map.draw(surface, entry, alliance, focus, target, game.humans, title,
                                                           self.version, budget, crises)))
        if "chart" in views:
            panels += self._chart_panels(surface)
        if "why" in views:
            first = tuple(game.codes[i] for i in game.humans)
            stakes = {s.id: s.name for s in game.scenario.stakes}
            notes = self._refused_notes()
            panels.append((self.why, lambda: self.why.draw(surface, entry if game.turn else None, self.names,
                                                           game.worldview.as_dict(), game.codes, self.version, budget,
                                                           first, stakes, notes)))
        viewer = focus if focus is not None else (game.humans[0] if game.humans else 0)
        viewer_type = game.type_of(viewer) if viewer in game.humans else None   # a human's own type only
        if "card" in views and self.dilemma:
            panels.append((self.matrix, lambda: self.matrix.draw(surface, game, viewer, viewer_type, budget)))
        elif "card" in views:
            card = game.scenario.card(entry["card"]["id"]) if entry.get("card") else None
            note = "No card drawn this turn." if game.turn else game.scenario.description
            if game.turn and not game.scenario.cards:
                note = "This scenario has no event deck: only the moves matter."
            panels.append((self.card, lambda: self.card.draw(surface, card, game.turn, note, budget, self.names,
                                                             self._keys_scroll_card())))
        if not self.dilemma:
            panels.append((self.gauge, lambda: self.gauge.draw(surface, entry["regional_tension"],
                                                               self._previous_tension(), budget)))
        elif self.compact:
            panels.append((self.totals, lambda: self.totals.draw(surface, game, viewer, viewer_type, budget)))
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
                label = action_bar.NOT_NEEDED
            elif self.flow.target >= 0:
                label = game.scenario.actors[self.flow.target].name
            else:
                label = action_bar.NONE_YET
        self.bar.draw(surface, status, colour, label, palette.WARNING if self.flow.refusal() else palette.FOCUS)
        if self.shown_prompt() is not None:
            self.prompt.draw(surface, "F X S B: a stance" if self.prompt.prompt["kind"] == "stance" else "Y: back · N: stay out")

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
        world = "hidden" if game.hidden else game.worldview.label   # named only in the debrief
        items = [(f"Turn {game.turn} / {game.turn_limit}" + (" · the last turn" if game.over else ""), palette.TEXT, None),
                 (f"worldview: {world}", palette.BACKGROUND, palette.ACCENT),
                 (f"seed {game.seed}", palette.MUTED, None),
                 (game.scenario.title, palette.MUTED, None)]
        for label, colour, badge in items:
            room = self.top_text_right - x
            if room < m.body * 3:
                break
            if text.size(label, m.body, "bold")[0] > room - (2 * m.pad if badge else 0):
                break                    # what does not fit whole is left out (the later items matter less)
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
            if self.dilemma:   # no regional tension in the 2x2 game: each side's payoff so far instead
                turns, run = dilemma.payoff_shares(game.turns, game.worldview, 2)
                return [(f"{game.codes[k]} payoff, % of the best", turns, run[k],
                         (palette.CHART_PAIR_AB, palette.CHART_PAIR_BA)[k], ("solid", "dashed")[k]) for k in (0, 1)]
            return [("regional tension", s["turn"], s["tension"], palette.CHART_TENSION, "solid"),
                    ("mean trust × 100", s["turn"], s["trust"], palette.CHART_TRUST, "dashed")]

        pairs = history.actor_pairs(game.scenario.n)
        i, j = pairs[self.pair % len(pairs)]
        a, b = game.codes[i], game.codes[j]

        def pair_lines():
            p = history.pair_series(game.turns, i, j, self.start)
            return [(f"trust {a}→{b}", p["turn"], p["trust_ab"], palette.CHART_PAIR_AB, "solid"),
                    (f"trust {b}→{a}", p["turn"], p["trust_ba"], palette.CHART_PAIR_BA, "dashed")] + \
                ([] if self.dilemma else [(f"tension {a}–{b}", p["turn"], p["tension"], palette.CHART_PAIR_TENSION, "dotted")])

        title = f"Pair {self.names[a]} and {self.names[b]} (× 100)"
        top_title = "Payoff per turn so far, % of the best one turn pays" if self.dilemma else \
            "Region: tension and mean trust by turn"
        return [(self.chart_top, lambda: self.chart_top.draw(surface, top_title, top_lines,
                                                             game.turn_limit, self.version, budget=budget)),
                (self.chart_pair, lambda: self.chart_pair.draw(surface, title, pair_lines, game.turn_limit,
                                                               (self.version, self.pair), budget=budget))]
