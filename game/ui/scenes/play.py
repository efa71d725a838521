"""The play screen: map or chart, tension gauge, event card, why panel and the action bar.

The game is played at a table (game.core.play.table): it knows every seat, what each human still
owes this turn, and plays the turn once all of them have locked in. This screen draws the game,
turns keys and clicks into the table's calls (scenes/play_input.py) and keeps the window's own
concerns: the hot-seat order of pass screens, the confirm step, the crisis prompt on display.

In a hidden game the badge reads "worldview: hidden" and nothing names the world. When the table
asks a human for its belief, it states how likely it thinks the spiral world is at the start of
its seat, behind its own pass screen in hot-seat (scenes/belief.py), before its turn can end.
After the last turn the screen stays on that turn (its card, moves and why panel) until "See the
debrief" (Enter); the humans state their final beliefs on the way there.

A human in an open crisis answers a prompt before its turn ends (a stance as a party, back or
stay out as an ally), drawn over the dimmed screen with its own buttons and keys; the top bar
shows the human's running score, its tooltip saying what the score counts for its type.

Layout follows the font scale (scenes/play_layout.py): at scale 1.0 everything is on screen at
once; from 1.25 up (projectors) one large view at a time — card and why, map, or chart.

Frame time: the pygame_gui buttons are rebuilt only when the set of them changes (a resize, the
scale, the view, a human seat appearing or going, the crisis prompt opening, moving on or closing),
not after every turn. The work a turn brings is spread over the frames after it: the frame that
plays the turn re-renders nothing, the next one hands the autosave to the background writer, and
each later one re-renders one stale panel (a RenderBudget), the others showing their previous
image meanwhile — so quick auto-play never does all of it in one frame.
"""

from __future__ import annotations

from game.core.model.vocab import Action
from game.core.play.session import Game
from game.core.play.table import Owed, Table
from game.core.teaching.explain import crisis_lines

from ..window import history, intents, saving, warmup
from ..window.intents import Intent, View
from ..window.scene import Scene
from ..widgets import briefing
from ..widgets.action_bar import ActionBar
from ..widgets.cached import RenderBudget
from ..widgets.card_view import CardView
from ..widgets.chart import Chart
from ..widgets.crisis_prompt import CrisisPrompt
from ..widgets.gauge import TensionGauge
from ..widgets.map_view import MapView
from ..widgets.payoff_matrix import PayoffMatrix
from ..widgets.why_panel import WhyPanel
from . import play_draw, play_layout
from .play_input import HANDLERS, PROMPT_INTENTS, owes_move
from .play_status import status

SPEEDS = (2.0, 1.2, 0.7, 0.4, 0.2, 0.1)  # seconds per auto-played turn
COMPACT_SCALE = 1.25
REFUSED_MOVE = {Action.ALLY: "alliance with {t}", Action.CHALLENGE: "challenge to {t}"}


def refused_sentence(who: str, action: Action, target: str, why: str, you: bool) -> str:
    """'Your alliance with China was refused: an alliance with a rival. You held back instead.'"""
    plain = action.label.lower() + (" with {t}" if action.targeted else "")
    move = REFUSED_MOVE.get(action, plain).format(t=target)
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
        self.table = Table(game)
        self.autosave = autosave
        self.view = View.MAP
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
        self.confirming = False  # the human's move waits for a second Enter to be locked in
        self.needs_pass = self.table.hot_seat
        self.prompt = CrisisPrompt()
        self.prompt_open = False  # the crisis prompt is up
        self.prompt_at = 0  # which of the current human's prompts it shows
        self.briefed: set[int] = set()  # humans told their type on this screen
        self.score_button = None
        self.zones_pending = False
        self.budget = RenderBudget()
        self._built = None  # what the current widgets were built for (see _structure)
        self._played = False  # a turn was played in this frame
        self._save_due = False  # a change not autosaved yet (handed over in the next frame, see update)

    # ------------------------------------------------------------------ lifecycle
    def enter(self):
        warmup.start(self.game)
        self.start_seat()
        if self.game.over and self.compact:
            self.view = View.WHY
        super().enter()
        self.maybe_pass()

    def exit(self):
        self.save_now()
        super().exit()

    def cover(self):
        self.save_now()
        super().cover()

    @property
    def compact(self) -> bool:
        return self.app.scale >= COMPACT_SCALE

    def layout(self):
        play_layout.lay_out(self)
        self._built = self._structure()

    def clear(self):
        super().clear()
        self._built = None

    def _structure(self) -> tuple:
        """Everything the set of widgets depends on: when it is unchanged, refresh updates them in place."""
        prompt = (self.game.turn, self.current, self.prompt_at) if self.shown_prompt() is not None else None
        return self.app.size, self.app.scale, self.view, self.current is not None, prompt, self.game.over

    def refresh(self):
        """Bring the widgets up to date after a change of state. Rebuilding the buttons costs about 9 ms,
        so they are rebuilt only when the set of them changes; otherwise labels and state change in place."""
        if self._structure() != self._built:
            self.relayout()
            return
        self.bar.show_choice(self.move[0])
        self.bar.show_blocked(self.blocked())
        self.bar.show_auto(self.auto, self.speed_text())
        self.show_score()
        prompt = self.shown_prompt()
        if prompt is not None:
            self.prompt.show_answer(self.table.answer_of(self.current, prompt))

    def wheel(self, dy, pos):
        if self.why.rect.collidepoint(pos) and (not self.compact or self.view is View.WHY):
            self.why.scroll_by(-dy)
        elif self.card.rect.collidepoint(pos) and (not self.compact or self.view is View.CARD) and not self.dilemma:
            self.card.scroll_by(-dy)
        return None

    def keys_scroll_card(self) -> bool:
        """PgDn and PgUp scroll the event card when it is the view, or when it is shown beside a why panel
        that has nothing more to show; else the why panel."""
        if self.dilemma:
            return False
        if self.compact:
            return self.view is View.CARD
        return self.card.max_scroll > 0 and self.why.max_scroll == 0

    # ------------------------------------------------------------------ the seat choosing now
    @property
    def current(self) -> int | None:
        """The human seat choosing now: the first that has not locked in (None in an all-AI game or once over)."""
        waiting = self.table.waiting()
        return waiting[0] if waiting else None

    @property
    def move(self) -> tuple[Action | None, int]:
        """The current human's move so far: (action or None, target or -1)."""
        return self.table.move_of(self.current) if self.current is not None else (None, -1)

    def refusal(self) -> str:
        return self.table.refusal(self.current) if self.current is not None else ""

    def blocked(self) -> dict:
        """Actions the rules would refuse now whatever the target: greyed out in the bar."""
        return self.table.blocked(self.current) if self.current is not None else {}

    def viewer(self) -> tuple[int, str | None]:
        """Whose eyes the payoff matrix is drawn for, and that seat's type when it is a human's own."""
        game = self.game
        me = self.current if self.current is not None else (game.humans[0] if game.humans else 0)
        return me, (self.table.type_of(me) if me in game.humans else None)

    def set_speed(self, index: int):
        self.speed = max(0, min(len(SPEEDS) - 1, index))

    def speed_text(self) -> str:
        return speed_label(self.speed)

    # ------------------------------------------------------------------ state helpers
    @property
    def entry(self) -> dict:
        return self.game.turns[-1] if self.game.turns else self.start

    def previous_tension(self):
        if len(self.game.turns) >= 2:
            return self.game.turns[-2]["regional_tension"]
        if self.game.turns:
            return self.start["regional_tension"]
        return None

    def changed(self):
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

    def save_now(self):
        """Autosave and wait until it is on disk: on leaving the screen, covering it or quitting."""
        if self._save_due and self.game.over:
            warmup.wait(self.game)
        self._save_later()
        error = saving.wait_for_saves()
        if error is not None:
            self.app.say(f"Autosave failed: {error}")

    # ------------------------------------------------------------------ hot-seat order
    def maybe_pass(self):
        """Between hot-seat players a pass screen hides the previous choice. Before a human's first
        turn it carries the private briefing (with one human the screen is the briefing alone). When
        the table asks for beliefs, the belief prompt waits under the pass screen for its player."""
        me = self.current
        if me is None or self.app.top is not self:
            return
        brief = self.game.turn == 0 and me not in self.briefed
        belief = self.table.owes_belief(me)
        if belief:
            self.app.push(self.app.scene("belief", self.table, me, self._belief_stated))
        if not (brief or (self.table.hot_seat and self.needs_pass)):
            return
        self.needs_pass = False
        lines = None
        mine = self.table.private_view(me)
        if brief:
            self.briefed.add(me)
            lines = briefing.briefing(mine["type"], mine["name"], self.game.scenario.dynamics)
        self._pass_screen(me, self.game.turn + 1, lines, "state my belief" if belief else "show my move")

    def _pass_screen(self, me: int, turn: int, lines, button: str):
        """The pass screen that hands the device to human me: its seat among the humans, the turn (0: the
        game is over), the briefing lines it carries (or None) and the words on its button."""
        seat, seats = self.table.humans.index(me) + 1, len(self.table.humans)
        self.app.push(self.app.scene("pass", self.game.scenario.actors[me].name, seat, seats, turn, lines, button))

    def _belief_stated(self, actor: int):
        self.changed()
        if self.game.over:
            self.see_debrief()
        else:
            self.refresh()

    def see_debrief(self) -> bool:
        """After the last turn: each human states its final belief (behind its own pass screen in
        hot-seat), then the debrief."""
        owed = [h for h in self.table.humans if self.table.owes_belief(h)]
        if not owed:
            self.app.replace(self.app.scene("debrief", self.game))
            return True
        me = owed[0]
        self.app.push(self.app.scene("belief", self.table, me, self._belief_stated, final=True))
        if self.table.hot_seat:
            self._pass_screen(me, 0, None, "state my final belief")
        return True

    def start_seat(self):
        """A human's turn begins (or begins again): the crisis prompt comes up if it has one to answer."""
        self.prompt_at = 0
        self.prompt_open = self.current is not None and bool(self.table.unanswered(self.current))

    # ------------------------------------------------------------------ ending a turn
    def end_turn(self) -> bool:
        """Enter: on the crisis prompt, the next answer; else the belief, the crisis answers and the move
        the table is owed, then confirm, then lock in; the last human's lock-in plays the turn."""
        if self.game.over:
            return self.see_debrief()
        if self.shown_prompt() is not None:
            return self._prompt_enter()
        me = self.current
        if me is None:
            self.table.end_turn()
            self.message = ""
            self.after_turn()
            return True
        owed = self.table.owed(me)
        if any(d.kind is Owed.BELIEF for d in owed):
            self.message = "State your belief about the world first."
            self.app.push(self.app.scene("belief", self.table, me, self._belief_stated))
        elif owes_move(owed):
            self.message = owes_move(owed)
        elif owed:
            self.confirming = False
            self.message = "A crisis needs your answer before the turn ends."
            self.open_prompt()
        elif not self.confirming:
            self.confirming = True
            self.message = ""
        else:
            self._lock_in(me)
        return True

    def _prompt_enter(self) -> bool:
        """Enter on the crisis prompt: on to the next unanswered one, or back to the move."""
        shown = self.shown_prompt()
        if self.table.answer_of(self.current, shown) is None:
            keys = "F, X, S or B" if shown["kind"] == "stance" else "Y or N"
            self.message = f"Choose an answer first: {keys} (or Esc to look at the map)."
        else:
            self.prompt_open = False
            self.open_prompt() if self.table.unanswered(self.current) else self.refresh()
        return True

    def _lock_in(self, me: int):
        """The human's choices are final: on to the next human, or play the turn when it was the last."""
        self.table.lock_in(me)
        self.confirming = False
        self.message = ""
        if self.table.waiting():
            self.bar.show_choice(None)
            self.needs_pass = True
            self.start_seat()
            self.refresh()
            self.maybe_pass()
            return
        self.table.end_turn()
        self.after_turn()

    def after_turn(self):
        self._played = True
        self.changed()
        self.why.scroll = 0
        if self.game.over:
            # the last turn stays on screen, card, moves and why, until "See the debrief"
            self.auto = False
            self.message = ""
            if self.compact:
                self.view = View.WHY
            self.refresh()
            return
        refused = self.refused_notes()
        if refused:
            self.message = " ".join(refused)
        self.needs_pass = self.table.hot_seat
        self.start_seat()
        self.refresh()
        self.maybe_pass()

    def refused_notes(self) -> tuple[str, ...]:
        """The last turn's refused human moves, worded for their players."""
        if not self.game.turns or not self.game.choices:
            return ()
        refused = self.game.turns[-1].get("refused", {})
        actors = self.game.scenario.actors
        out = []
        for i, (action, target) in sorted(self.game.choices[-1].items()):
            why = refused.get(actors[i].code)
            if why:
                aimed_at = actors[target].name if target >= 0 else ""
                out.append(refused_sentence(actors[i].name, action, aimed_at, why, you=not self.table.hot_seat))
        return tuple(out)

    # ------------------------------------------------------------------ crisis prompt and score
    def shown_prompt(self) -> dict | None:
        """The crisis prompt on display, or None."""
        if not self.prompt_open or self.current is None:
            return None
        prompts = self.table.prompts(self.current)
        if not prompts:
            return None
        return prompts[min(self.prompt_at, len(prompts) - 1)]

    def open_prompt(self) -> bool:
        """The crisis prompt, at the first unanswered one (or the first); False when there is none."""
        prompts = self.table.prompts(self.current) if self.current is not None else []
        if not prompts:
            return False
        waiting = [k for k, p in enumerate(prompts) if self.table.answer_of(self.current, p) is None]
        self.prompt_at, self.prompt_open = (waiting[0] if waiting else 0), True
        self.refresh()
        return True

    def answer(self, kind: str, value) -> bool:
        """F X S B (a stance) or Y N (back or stay out): answer the prompt on display, or the first of
        that kind when the prompt is closed; then on to the next unanswered prompt, or close it."""
        me = self.current
        prompts = self.table.prompts(me) if me is not None else []
        shown = self.shown_prompt()
        matching = [p for p in prompts if p["kind"] == kind]
        if shown is not None and shown["kind"] != kind or shown is None and not matching:
            keys = "F, X, S or B" if (shown or {}).get("kind") == "stance" else "Y or N"
            nothing = "No crisis to answer: F X S B choose a stance and Y N back an ally in a crisis prompt."
            self.message = f"This prompt asks for {keys}." if shown is not None else nothing
            return True
        self.table.answer(me, shown if shown is not None else matching[0], value)
        self.confirming = False
        self.message = ""
        waiting = [k for k, p in enumerate(prompts) if self.table.answer_of(me, p) is None]
        if self.prompt_open and waiting:
            self.prompt_at = waiting[0]
        else:
            self.prompt_open = False
        self.refresh()
        return True

    def last_turn_of(self, prompt: dict) -> str:
        """What the crisis's parties and backers did last turn, for the prompt ('' for a new crisis)."""
        if not self.game.turns:
            return ""
        for c in self.game.turns[-1].get("crises", []):
            if c["stake"] == prompt["id"] and "stances" in c:
                return crisis_lines({"crises": [c]}, self.game.codes, self.names)[0].split(": ", 1)[-1]
        return ""

    def challenge_problem(self) -> str:
        """Why Challenge cannot be made at all now, in a sentence."""
        me = self.current
        mine = [s for s in self.game.scenario.stakes if me in s.parties]
        if not mine:
            return f"{self.game.scenario.actors[me].name} has no stake to challenge over."
        names = ", ".join(s.name for s in mine)
        return f"Every stake of yours already has a crisis open ({names}): answer it in the crisis prompt (K)."

    def show_score(self):
        """The running score's badge and tooltip, in place."""
        me = self.current
        b = self.score_button
        if b is None or me is None:
            return
        mine = self.table.private_view(me)
        played = self.game.turn
        label = briefing.score_label(mine["score"], played)
        if b.text != label:
            b.set_text(label)
        tip = briefing.score_tip(mine["type"], mine["score"], mine["score_parts"], self.game.scenario.dynamics, played)
        if b.tool_tip_text != tip:
            b.set_tooltip(tip)

    # ------------------------------------------------------------------ input and frame
    def on_intent(self, intent: Intent) -> bool:
        if self.shown_prompt() is not None and intent.kind not in PROMPT_INTENTS:
            self.message = "Answer the crisis first (the keys on its buttons), or Esc to look at the map."
            return True
        handler = HANDLERS.get(intent.kind)
        return handler(self, intent) if handler is not None else super().on_intent(intent)

    def update(self, dt: float):
        if self.auto and not self.game.over and not self.game.humans:
            self.clock += dt
            if self.clock >= SPEEDS[self.speed]:
                self.clock = 0.0
                self.table.end_turn()
                self.after_turn()
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
        return status(self)

    def draw(self, surface):
        play_draw.draw(self, surface)
