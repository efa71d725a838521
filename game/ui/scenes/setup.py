"""Setup: scenario, worldview, turns, seed, and Human or an AI doctrine for every actor.

The worldview starts on "hidden" (the game draws its world from the seed and names it only in the
debrief), unless a world was asked for: --worldview, --set or the worldview sandbox.

Every row is reachable with ↑ ↓ (or Tab) and changed with ← → or typing; the mouse works too.
Enter starts the game from any row (on the file row with a path typed, it loads that file).
Bad input is shown in words on the screen and the game does not start.
"""

from __future__ import annotations

import random
from pathlib import Path

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game.core.model import params as P
from game.core.model.doctrines import DOCTRINES, HUMAN
from game.core.model.errors import LoadError
from game.core.teaching.hidden import HIDDEN
from game.core.model.rng import MAX_SEED
from game.core.files.paths import user_scenarios_dir
from game.core.files.scenario import DOCTRINE_NAMES, MAX_TURNS, list_scenarios, load_scenario
from game.core.play.session import Game

from ..window import intents, layout, palette, text
from ..window.cycle import cycled
from ..window.intents import Intent, Kind
from ..window.scene import Scene
from . import setup_draw

CONTROLLERS = (HUMAN,) + DOCTRINE_NAMES
HUMAN_HELP = "Human: a person chooses this actor's move every turn (several humans play hot-seat)."


def controller_help(name: str) -> str:
    return HUMAN_HELP if name == HUMAN else f"{name}: {DOCTRINES[name].description}"


def _retip(button, tip: str):
    """Give a button a new tooltip; one already showing is closed so the next one shows the new words."""
    button.set_tooltip(tip)
    if getattr(button, "tool_tip", None) is not None:
        button.tool_tip.kill()
        button.tool_tip = None


def new_seed() -> int:
    return random.randrange(0, 1_000_000)


class SetupScene(Scene):
    keys = intents.SETUP_KEYS
    name = "setup"

    def __init__(self, app, options=None, worldview: P.Worldview | None = None):
        super().__init__(app)
        options = options if options is not None else getattr(app, "options", None)
        self.scenario = options.scenario if options and options.scenario else load_scenario("east_asia_2023")
        # every scenario by its file, so a saved one named like a shipped one is listed beside it
        self.choices = [str(p) for p in list_scenarios()]
        here = self.scenario.path or self.scenario.name
        if here not in self.choices:
            self.choices.append(here)
        self.choice = self.choices.index(here)
        sandbox = getattr(app, "custom_worldview", None)  # set by the worldview sandbox, the latest choice
        self.custom = worldview or sandbox or (options.custom_worldview if options else None)
        self.custom_name = "custom (sandbox)" if self.custom is not None and self.custom is sandbox else "custom"
        self.worldviews = [HIDDEN] + list(P.PRESET_NAMES) + (["custom"] if self.custom is not None else [])
        asked = getattr(options, "worldview", None) if options else None
        self.worldview = "custom" if self.custom is not None else asked or HIDDEN
        self.turns_text = str(self.scenario.turns)
        self.seed_text = str(options.seed if options and options.seed is not None else new_seed())
        self.path_text = ""
        given = (
            options.doctrines if options and options.doctrines and len(options.doctrines) == self.scenario.n else None
        )
        self.controllers = list(given) if given else self._default_controllers()
        self.every = getattr(options, "doctrine_all", None)  # --doctrine-all: every seat of any scenario
        if not getattr(options, "given", False):  # the command line wins over the remembered setup
            self._use_remembered(
                getattr(getattr(app, "settings", None), "get", lambda *_: None)("setup"),
                given is not None,
                asked is not None,
            )
        self.focus = 0
        self.error = ""
        self.hover_help = ""
        self.rows: list[dict] = []

    def _use_remembered(self, last: dict | None, doctrines_given: bool, worldview_given: bool):
        """The last setup played (settings.json), when the screen opens on its scenario: who plays each
        actor, the worldview and the turns, except what the command line or the sandbox chose."""
        if not last or last["scenario"] not in (self.scenario.name, self.scenario.path):
            return
        if not doctrines_given and len(last["controllers"]) == self.scenario.n:
            self.controllers = list(last["controllers"])
        if not worldview_given and self.custom is None:
            self.worldview = last["worldview"]
        try:  # --turns on the command line wins: only a scenario at its own file's length takes the last turns
            own = load_scenario(self.scenario.path or self.scenario.name).turns
        except (LoadError, OSError):
            own = None
        if own == self.scenario.turns:
            self.turns_text = str(last["turns"])

    def _remember(self, game: Game):
        settings = getattr(self.app, "settings", None)
        if settings is None:
            return
        listed = {p.stem for p in list_scenarios()}
        scenario = self.scenario.name if self.scenario.name in listed else (self.scenario.path or self.scenario.name)
        worldview = self.worldview if self.worldview != "custom" else HIDDEN
        settings.remember(
            scenario=scenario,
            setup={
                "scenario": scenario,
                "worldview": worldview,
                "turns": game.turn_limit,
                "controllers": list(self.controllers),
            },
        )

    def _default_controllers(self) -> list[str]:
        out = list(self.scenario.default_doctrines())
        out[0] = HUMAN  # one person against the AI is the common case; change it here
        return out

    # ------------------------------------------------------------------ layout
    def layout(self):
        m = self.m
        w, h = self.app.size
        pad = m.pad
        self.title_block = text.Block([("New game", m.px(32), palette.TEXT, "bold")], w - 4 * pad)
        top = pad + self.title_block.height + pad
        bottom_h = m.button_h + 2 * pad + text.line_height(m.body) * 3 + pad
        left, right = layout.row(pygame.Rect(2 * pad, top, w - 4 * pad, h - top - bottom_h), None, None, gap=3 * pad)
        n = self.scenario.n
        row_h = max(
            round(m.body * 1.7),
            min(m.button_h, (left.height - text.line_height(m.body, "bold")) // max(1, n) - pad // 2),
        )
        self.rows = []
        left_end = self._setting_rows(left, row_h)
        buttons_y = h - m.button_h - pad
        self._actor_rows(right, row_h, left.bottom, buttons_y)
        self._start_and_back(buttons_y)
        self._message_area(left, left_end, buttons_y)
        self.focus = min(self.focus, len(self.rows) - 1)
        self._apply_focus()

    def _row(self, kind: str, label: str, rect: pygame.Rect, **extra) -> dict:
        """A row the keyboard walks: its kind, its label's words and its rectangle (the focus ring)."""
        r = {"kind": kind, "label": label, "rect": rect, **extra}
        self.rows.append(r)
        return r

    def _setting_rows(self, column: pygame.Rect, row_h: int) -> int:
        """The left column: scenario, a scenario file, worldview, turns and seed; returns where they end."""
        m, pad = self.m, self.m.pad
        label_w = round(column.width * 0.36)
        y = column.y

        def fields(kind, label, button: str = "", **extra):
            """The row's rect, its field and (with button words) a button at the field's right end."""
            nonlocal y
            rect = pygame.Rect(column.x, y, column.width, row_h)
            y += row_h + pad
            field = layout.row(rect, label_w, None, gap=pad)[1]
            bw = text.size(button, m.body, "bold")[0] + 3 * pad if button else 0
            parts = layout.row(field, None, bw, gap=pad // 2) if button else [field, None]
            return self._row(kind, label, rect, **extra), *parts

        r, field, _ = fields("scenario", "Scenario")
        self.scenario_field_w = field.width
        r["button"] = self._cycle_button(
            field, self._scenario_label(), "Click or ← → to change. Scenarios live in assets/scenarios/."
        )
        r, field, load = fields("path", "Or a TOML file", "Load", short=("TOML file", "File"))
        r["entry"] = self._entry(field, self.path_text, placeholder_text="path/to/scenario.toml")
        self.add(
            pygame_gui.elements.UIButton(
                load, "Load", self.ui, tool_tip_text="Load the scenario file named in the box"
            ),
            Intent(Kind.OPEN_FILE, None),
        )
        r, field, _ = fields("worldview", "Worldview")
        r["button"] = self._cycle_button(field, self._worldview_label(), self._worldview_help())
        r, field, _ = fields("turns", f"Turns (1–{MAX_TURNS})", short=("Turns",))
        r["entry"] = self._entry(field, self.turns_text)
        r, field, random_seed = fields("seed", "Seed", "Random")
        r["entry"] = self._entry(field, self.seed_text)
        self.add(
            pygame_gui.elements.UIButton(
                random_seed,
                "Random",
                self.ui,
                tool_tip_text="A new random seed (Ctrl+R). The seed makes a game repeatable.",
            ),
            Intent(Kind.RANDOM_SEED),
        )
        self.about_rect = pygame.Rect(column.x, y, column.width, column.bottom - y)
        return y

    def _entry(self, rect, words: str, **kw):
        entry = self.add(pygame_gui.elements.UITextEntryLine(rect, self.ui, **kw))
        entry.set_text(words)
        return entry

    def _actor_rows(self, column: pygame.Rect, row_h: int, lowest: int, buttons_y: int):
        """The right column: who plays each actor. The rows may run down to the Start and Back buttons
        (lower, never smaller text)."""
        m, pad = self.m, self.m.pad
        n = self.scenario.n
        self.actor_head = column.topleft
        y = column.y + text.line_height(m.body, "bold") + pad // 2
        actor_h = row_h
        if y + n * (row_h + pad // 2) > lowest:
            actor_h = max(
                text.line_height(m.body, "bold") + 4, min(row_h, (buttons_y - pad - y) // max(1, n) - pad // 2)
            )
        self.actor_label_w = round(column.width * 0.5)
        for i, actor in enumerate(self.scenario.actors):
            rect = pygame.Rect(column.x, y, column.width, actor_h)
            r = self._row("actor", actor.name, rect, actor=i)
            r["button"] = self._cycle_button(
                layout.row(rect, self.actor_label_w, None)[1],
                self._controller_label(i),
                controller_help(self.controllers[i]),
            )
            y += actor_h + pad // 2

    def _start_and_back(self, y: int):
        m, pad = self.m, self.m.pad
        labels = ("Start game (Enter)", "Back (Esc)")
        bw = max(text.size(lbl, m.body, "bold")[0] for lbl in labels) + 4 * pad
        start = pygame.Rect(self.app.size[0] - 2 * pad - bw, y, bw, m.button_h)
        self._row("start", "", start)["button"] = self.add(
            pygame_gui.elements.UIButton(start, labels[0], self.ui, object_id=ObjectID(class_id="@primary")),
            Intent(Kind.START),
        )
        self.add(pygame_gui.elements.UIButton(start.move(-pad - bw, 0), labels[1], self.ui), Intent(Kind.BACK))

    def _message_area(self, left: pygame.Rect, left_end: int, buttons_y: int):
        """The message area starts below whichever column ends lower, so it never covers a row; when the
        actors reach the buttons, it shares the left column's free space with the scenario's description."""
        m, pad = self.m, self.m.pad
        msg_top = max(left.bottom, max(r["rect"].bottom for r in self.rows if r["kind"] != "start") + pad)
        if buttons_y - pad - msg_top < text.line_height(m.body) * 2:
            room = buttons_y - pad - left_end
            self.about_rect, self.message_rect = layout.column(
                pygame.Rect(left.x, left_end, left.width, room), room * 2 // 5, None, gap=pad
            )
        else:
            self.message_rect = pygame.Rect(
                2 * pad, msg_top, self.app.size[0] - 4 * pad, max(1, buttons_y - pad - msg_top)
            )

    def _cycle_button(self, rect, label, tip):
        """A button that steps its row's value on (the row just added); hovering it explains the value."""
        row = len(self.rows) - 1
        b = self.add(pygame_gui.elements.UIButton(rect, label, self.ui, tool_tip_text=tip), Intent(Kind.CYCLE, row))
        self.bindings.hovers[b] = Intent(Kind.HOVER, row)
        return b

    def _scenario_label(self):
        """The scenario's title and size; its title alone where the button is too narrow for both."""
        yours = Path(self.scenario.path).parent == user_scenarios_dir() if self.scenario.path else False
        full = f"{self.scenario.title} ({self.scenario.n} actors{', yours' if yours else ''})"
        room = getattr(self, "scenario_field_w", 0) - 4 * self.m.pad
        if room <= 0 or text.size(full, self.m.body, "bold")[0] <= room:
            return full
        return text.first_fitting([self.scenario.title], self.m.body, room, "bold")

    def _worldview_label(self):
        if self.worldview == HIDDEN:
            return "hidden"
        if self.worldview != "custom":
            return self.worldview
        return self.custom_name if self.custom_name != "custom" else f"custom: {self.custom.label}"

    def _worldview_help(self):
        if self.worldview == HIDDEN:
            prior = self.scenario.hidden_prior
            odds = "even chances" if prior == 0.5 else f"the spiral world with chance {prior:.0%}"
            return (
                "Hidden: the game draws deterrence-world or spiral-world from the seed (" + odds + ") and "
                "nobody is told which until the debrief. Each human says how likely the spiral world seems "
                "after a third and two thirds of the turns and at the end."
            )
        if self.worldview == "deterrence-world":
            return "Deterrence world: many actors secretly greedy; arming reveals little; allies are credible."
        if self.worldview == "spiral-world":
            return "Spiral world: few greedy actors; arming and alliances look hostile; misperception is high."
        if self.custom_name != "custom":
            changed = (
                ", ".join(f"{P.SPEC[k].label.lower()} {v:g}" for k, v in self.custom.overrides().items())
                or "nothing changed"
            )
            return f"The worldview sandbox's world: {self.custom.preset} with {changed}."
        return "A custom worldview passed in (from --set or the sandbox)."

    def _controller_label(self, i):
        c = self.controllers[i]
        return "Human" if c == HUMAN else f"AI: {c}"

    # ------------------------------------------------------------------ focus
    def _apply_focus(self):
        for k, r in enumerate(self.rows):
            entry = r.get("entry")
            if entry is not None:
                if k == self.focus:
                    entry.focus()
                else:
                    entry.unfocus()
        focused = self.rows[self.focus] if self.rows else None
        if focused and focused["kind"] == "actor":
            self.hover_help = controller_help(self.controllers[focused["actor"]])
        elif focused and focused["kind"] == "worldview":
            self.hover_help = self._worldview_help()

    def _sync_texts(self):
        for r in self.rows:
            if r["kind"] == "turns":
                self.turns_text = r["entry"].get_text()
            elif r["kind"] == "seed":
                self.seed_text = r["entry"].get_text()
            elif r["kind"] == "path":
                self.path_text = r["entry"].get_text()

    # ------------------------------------------------------------------ intents
    def on_intent(self, intent):
        self._sync_texts()  # what was typed in the boxes, before any intent reads it
        return super().on_intent(intent)

    def _move_focus(self, intent):
        self.focus = (self.focus + (1 if intent.kind is Kind.FOCUS_NEXT else -1)) % len(self.rows)
        self._apply_focus()

    def _adjust_focused(self, intent):
        return self._adjust(self.rows[self.focus], intent.arg)

    def _activate(self, intent):
        """Enter starts from any row (only ← → or a click change a row); on the file row with a path typed,
        it loads that file."""
        if self.rows[self.focus]["kind"] == "path" and self.path_text.strip():
            return self._load_path()
        return self._start()

    def _cycle(self, intent):
        self.focus = intent.arg
        self._apply_focus()
        return self._adjust(self.rows[intent.arg], +1)

    def _hover(self, intent):
        r = self.rows[intent.arg]
        if r["kind"] == "actor":
            self.hover_help = controller_help(self.controllers[r["actor"]])
        elif r["kind"] == "worldview":
            self.hover_help = self._worldview_help()

    def _random_seed(self, intent):
        self.seed_text = str(new_seed())
        for r in self.rows:
            if r["kind"] == "seed":
                r["entry"].set_text(self.seed_text)

    def _back(self, intent):
        self.app.pop()

    def _adjust(self, r, step: int) -> bool:
        kind = r["kind"]
        if kind == "scenario":
            self._step_scenario(step)
        elif kind == "worldview":
            self.worldview = cycled(self.worldviews, self.worldview, step)
            r["button"].set_text(self._worldview_label())
            _retip(r["button"], self._worldview_help())
            self.hover_help = self._worldview_help()
        elif kind == "actor":
            i = r["actor"]
            c = cycled(CONTROLLERS, self.controllers[i], step)
            self.controllers[i] = c
            r["button"].set_text(self._controller_label(i))
            _retip(r["button"], controller_help(c))
            self.hover_help = controller_help(c)
        return True

    def _step_scenario(self, step: int) -> None:
        """The next scenario that loads, in the direction of step; a file that does not load is passed
        over and named with its error, so one broken file never stops the list."""
        broken = []
        for k in range(1, len(self.choices) + 1):
            choice = (self.choice + step * k) % len(self.choices)
            if choice == self.choice:
                break
            if self._use_scenario(self.choices[choice]):
                break
            broken.append(self.error)
        if broken:
            self.error = broken[0] + (f" (and {len(broken) - 1} more skipped)" if len(broken) > 1 else " (skipped)")

    def _use_scenario(self, name_or_path) -> bool:
        try:
            sc = load_scenario(name_or_path)
        except LoadError as exc:
            self.error = str(exc)
            return False
        except OSError as exc:
            self.error = f"{name_or_path}: cannot read it ({exc.strerror or exc})"
            return False
        self._keep_choices(sc)
        self.scenario = sc
        here = sc.path or sc.name
        if here not in self.choices:
            self.choices.append(here)
        self.choice = self.choices.index(here)
        self.error = ""
        self.relayout()
        return True

    def _keep_choices(self, sc):
        """A new scenario keeps the choices that still apply: world, seed, changed turns, --doctrine-all and the
        controller of each actor of the same code; the rest takes the new scenario's defaults."""
        old, self.scenario = self.scenario, sc
        if self.turns_text.strip() == str(old.turns):
            self.turns_text = str(sc.turns)
        chosen = dict(zip(old.codes, self.controllers))
        defaults = [self.every] * sc.n if self.every else self._default_controllers()
        self.controllers = [chosen.get(code, d) for code, d in zip(sc.codes, defaults)]

    def _load_path(self, intent=None) -> bool:
        path = self.path_text.strip()
        if not path:
            self.error = "Type the path of a scenario TOML file first, then Load."
            return True
        if not path.lower().endswith(".toml"):
            self.error = f"{path}: a scenario file must end in .toml"
            return True
        self._use_scenario(path)
        return True

    def build_game(self) -> Game:
        """The game the current settings describe; ValueError with a message for bad input."""
        seed_text = self.seed_text.strip()
        if not seed_text.isdigit():
            raise ValueError(f"Seed must be a whole number, 0 or more (got {seed_text!r}). Ctrl+R picks a random one.")
        seed = int(seed_text)
        if seed > MAX_SEED:
            raise ValueError(f"Seed is too large (at most {MAX_SEED}).")
        turns_text = self.turns_text.strip()
        try:
            turns = int(turns_text)
        except ValueError:
            raise ValueError(f"Turns must be a whole number from 1 to {MAX_TURNS} (got {turns_text!r}).") from None
        if not 1 <= turns <= MAX_TURNS:
            raise ValueError(f"Turns must be from 1 to {MAX_TURNS} (got {turns}).")
        if self.worldview == HIDDEN:
            return Game(self.scenario.with_turns(turns), seed, list(self.controllers), turns=turns, hidden=True)
        if self.worldview == "custom":
            worldview = self.custom
        elif self.worldview == self.scenario.worldview.preset:
            worldview = self.scenario.worldview
        else:
            worldview = P.Worldview.from_preset(self.worldview)
        return Game(self.scenario.with_turns(turns), seed, list(self.controllers), worldview, turns)

    def _start(self, intent=None) -> bool:
        self._sync_texts()
        try:
            game = self.build_game()
        except ValueError as exc:
            self.error = str(exc)
            return True
        self._remember(game)
        from .play import PlayScene

        self.app.replace(PlayScene(self.app, game))
        return True

    handlers = {
        Kind.FOCUS_NEXT: _move_focus,
        Kind.FOCUS_PREV: _move_focus,
        Kind.ADJUST: _adjust_focused,
        Kind.ACTIVATE: _activate,
        Kind.CYCLE: _cycle,
        Kind.OPEN_FILE: _load_path,
        Kind.START: _start,
        Kind.HOVER: _hover,
        Kind.RANDOM_SEED: _random_seed,
        Kind.BACK: _back,
    }

    # ------------------------------------------------------------------ drawing
    def draw(self, surface):
        setup_draw.draw(self, surface)
