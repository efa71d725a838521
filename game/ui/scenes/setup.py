"""Setup: scenario, worldview, turns, seed, and Human or an AI doctrine for every actor.

The worldview starts on "hidden" (the game draws its world from the seed and names it only in the
debrief), unless a world was asked for: --worldview, --set or the worldview sandbox.

Every row is reachable with ↑ ↓ (or Tab) and changed with ← → or typing; the mouse works too.
Enter starts the game from any row (on the file row with a path typed, it loads that file).
Bad input is shown in words on the screen and the game does not start.
"""
from __future__ import annotations

import random

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game.core.model import params as P
from game.core.model.doctrines import DOCTRINES, HUMAN
from game.core.model.errors import LoadError
from game.core.teaching.hidden import HIDDEN
from game.core.model.rng import MAX_SEED
from game.core.files.scenario import DOCTRINE_NAMES, MAX_TURNS, list_scenarios, load_scenario
from game.core.play.session import Game

from .. import intents, palette, text
from ..intents import Intent, Kind
from ..scene import Scene
from ..widgets import shapes

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
        self.scenarios = [p.stem for p in list_scenarios()]
        self.scenario = options.scenario if options and options.scenario else load_scenario("east_asia_2023")
        if self.scenario.name not in self.scenarios:
            self.scenarios.append(self.scenario.name)
        self.paths = {p.stem: str(p) for p in list_scenarios()}
        self.paths.setdefault(self.scenario.name, self.scenario.path)
        sandbox = getattr(app, "custom_worldview", None)  # set by the worldview sandbox, the latest choice
        self.custom = worldview or sandbox or (options.custom_worldview if options else None)
        self.custom_name = "custom (sandbox)" if self.custom is not None and self.custom is sandbox else "custom"
        self.worldviews = [HIDDEN] + list(P.PRESET_NAMES) + (["custom"] if self.custom is not None else [])
        asked = getattr(options, "worldview", None) if options else None
        self.worldview = "custom" if self.custom is not None else asked or HIDDEN
        self.turns_text = str(self.scenario.turns)
        self.seed_text = str(options.seed if options and options.seed is not None else new_seed())
        self.path_text = ""
        given = options.doctrines if options and options.doctrines and len(options.doctrines) == self.scenario.n else None
        self.controllers = list(given) if given else self._default_controllers()
        self._use_remembered(getattr(getattr(app, "settings", None), "get", lambda *_: None)("setup"),
                             given is not None, asked is not None)
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
        try:   # --turns on the command line wins: only a scenario at its own file's length takes the last turns
            own = load_scenario(self.paths.get(self.scenario.name, self.scenario.name)).turns
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
        settings.remember(scenario=scenario, setup={"scenario": scenario, "worldview": worldview,
                                                    "turns": game.turn_limit, "controllers": list(self.controllers)})

    def _default_controllers(self) -> list[str]:
        out = list(self.scenario.default_doctrines())
        out[0] = HUMAN  # one person against the AI is the common case; change it here
        return out

    # ------------------------------------------------------------------ layout
    def layout(self):
        m = self.m
        w, h = self.app.size
        ui = self.ui
        pad = m.pad
        self.title_block = text.Block([("New game", m.px(32), palette.TEXT, "bold")], w - 4 * pad)
        top = pad + self.title_block.height + pad
        bottom_h = m.button_h + 2 * pad + text.line_height(m.body) * 3 + pad
        gap = 3 * pad
        col_w = (w - 4 * pad - gap) // 2
        left_x, right_x = 2 * pad, 2 * pad + col_w + gap
        n = self.scenario.n
        avail = h - top - bottom_h
        row_h = max(round(m.body * 1.7), min(m.button_h, (avail - text.line_height(m.body, "bold")) // max(1, n) - pad // 2))
        label_w = round(col_w * 0.36)
        field_w = col_w - label_w - pad
        self.rows = []

        def row(kind, label, y, **extra):
            r = {"kind": kind, "label": label, "rect": pygame.Rect(left_x if kind != "actor" else right_x, y,
                                                                  col_w, row_h), **extra}
            self.rows.append(r)
            return r

        y = top
        # scenario: a cycle button
        r = row("scenario", "Scenario", y)
        self.scenario_field_w = field_w
        r["button"] = self._cycle_button(pygame.Rect(left_x + label_w + pad, y, field_w, row_h), self._scenario_label(),
                                         "Click or ← → to change. Scenarios live in assets/scenarios/.", "scenario")
        y += row_h + pad
        r = row("path", "Or a TOML file", y, short=("TOML file", "File"))
        bw = text.size("Load", m.body, "bold")[0] + 3 * pad
        r["entry"] = self.add(pygame_gui.elements.UITextEntryLine(pygame.Rect(left_x + label_w + pad, y, field_w - bw - pad // 2, row_h), ui,
                                                                  placeholder_text="path/to/scenario.toml"))
        r["entry"].set_text(self.path_text)
        self.add(pygame_gui.elements.UIButton(pygame.Rect(left_x + col_w - bw, y, bw, row_h), "Load", ui,
                                              tool_tip_text="Load the scenario file named in the box"), Intent(Kind.PICK, ("load-path", None)))
        y += row_h + pad
        r = row("worldview", "Worldview", y)
        r["button"] = self._cycle_button(pygame.Rect(left_x + label_w + pad, y, field_w, row_h), self._worldview_label(),
                                         self._worldview_help(), "worldview")
        y += row_h + pad
        r = row("turns", f"Turns (1–{MAX_TURNS})", y, short=("Turns",))
        r["entry"] = self.add(pygame_gui.elements.UITextEntryLine(pygame.Rect(left_x + label_w + pad, y, field_w, row_h), ui))
        r["entry"].set_text(self.turns_text)
        y += row_h + pad
        r = row("seed", "Seed", y)
        bw = text.size("Random", m.body, "bold")[0] + 3 * pad
        r["entry"] = self.add(pygame_gui.elements.UITextEntryLine(pygame.Rect(left_x + label_w + pad, y, field_w - bw - pad // 2, row_h), ui))
        r["entry"].set_text(self.seed_text)
        self.add(pygame_gui.elements.UIButton(pygame.Rect(left_x + col_w - bw, y, bw, row_h), "Random", ui,
                                              tool_tip_text="A new random seed (Ctrl+R). The seed makes a game repeatable."),
                 Intent(Kind.RANDOM_SEED))
        y += row_h + pad
        self.about_rect = pygame.Rect(left_x, y, col_w, top + avail - y)
        left_end = y
        # actors: their rows may run down to the Start and Back buttons (lower, never smaller text)
        self.actor_head = (right_x, top)
        y = top + text.line_height(m.body, "bold") + pad // 2
        by = h - m.button_h - pad
        actor_h = row_h
        if y + n * (row_h + pad // 2) > top + avail:
            actor_h = max(text.line_height(m.body, "bold") + 4, min(row_h, (by - pad - y) // max(1, n) - pad // 2))
        actor_label_w = round(col_w * 0.5)
        for i, actor in enumerate(self.scenario.actors):
            r = row("actor", actor.name, y, actor=i)
            r["rect"].height = actor_h
            r["button"] = self._cycle_button(pygame.Rect(right_x + actor_label_w, y, col_w - actor_label_w, actor_h),
                                             self._controller_label(i), controller_help(self.controllers[i]), ("actor", i))
            y += actor_h + pad // 2
        self.actor_label_w = actor_label_w
        # start and back
        by = h - m.button_h - pad
        labels = ("Start game (Enter)", "Back (Esc)")
        bw = max(text.size(lbl, m.body, "bold")[0] for lbl in labels) + 4 * pad
        start = pygame.Rect(w - 2 * pad - bw, by, bw, m.button_h)
        r = {"kind": "start", "label": "", "rect": start}
        self.rows.append(r)
        r["button"] = self.add(pygame_gui.elements.UIButton(start, labels[0], ui, object_id=ObjectID(class_id="@primary")),
                               Intent(Kind.PICK, ("start", None)))
        back = pygame.Rect(start.x - pad - bw, by, bw, m.button_h)
        self.add(pygame_gui.elements.UIButton(back, labels[1], ui), Intent(Kind.BACK))
        # the message area starts below whichever column ends lower, so it never covers a row; when the
        # actors reach the buttons, it shares the left column's free space with the scenario's description
        msg_top = max(top + avail, max(r["rect"].bottom for r in self.rows if r["kind"] != "start") + pad)
        if by - pad - msg_top < text.line_height(m.body) * 2:
            room = by - pad - left_end
            self.about_rect = pygame.Rect(left_x, left_end, col_w, room * 2 // 5)
            self.message_rect = pygame.Rect(left_x, self.about_rect.bottom + pad, col_w, room - self.about_rect.height - pad)
        else:
            self.message_rect = pygame.Rect(2 * pad, msg_top, w - 4 * pad, max(1, by - pad - msg_top))
        self.focus = min(self.focus, len(self.rows) - 1)
        self._apply_focus()

    def _cycle_button(self, rect, label, tip, what):
        b = pygame_gui.elements.UIButton(rect, label, self.ui, tool_tip_text=tip)
        self.add(b, Intent(Kind.PICK, ("cycle", what)))
        self.bindings.hovers[b] = Intent(Kind.HOVER, what)
        return b

    def _scenario_label(self):
        """The scenario's title and size; its title alone where the button is too narrow for both."""
        full = f"{self.scenario.title} ({self.scenario.n} actors)"
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
            return ("Hidden: the game draws deterrence-world or spiral-world from the seed (" + odds + ") and "
                    "nobody is told which until the debrief. Each human says how likely the spiral world seems "
                    "after a third and two thirds of the turns and at the end.")
        if self.worldview == "deterrence-world":
            return "Deterrence world: many actors secretly greedy; arming reveals little; allies are credible."
        if self.worldview == "spiral-world":
            return "Spiral world: few greedy actors; arming and alliances look hostile; misperception is high."
        if self.custom_name != "custom":
            changed = ", ".join(f"{P.SPEC[k].label.lower()} {v:g}" for k, v in self.custom.overrides().items()) \
                or "nothing changed"
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
        k = intent.kind
        self._sync_texts()
        if k in (Kind.FOCUS_NEXT, Kind.FOCUS_PREV):
            self.focus = (self.focus + (1 if k is Kind.FOCUS_NEXT else -1)) % len(self.rows)
            self._apply_focus()
            return True
        if k is Kind.ADJUST:
            return self._adjust(self.rows[self.focus], intent.arg)
        if k is Kind.ACTIVATE:
            r = self.rows[self.focus]
            if r["kind"] == "path" and self.path_text.strip():
                return self.on_intent(Intent(Kind.PICK, ("load-path", None)))
            return self._start()   # Enter starts from any row: only ← → (or a click) change a row
        if k is Kind.PICK:
            what, arg = intent.arg
            if what == "cycle":
                for idx, r in enumerate(self.rows):
                    if (r["kind"] == arg) or (isinstance(arg, tuple) and r.get("actor") == arg[1] and r["kind"] == "actor"):
                        self.focus = idx
                        self._apply_focus()
                        return self._adjust(r, +1)
                return True
            if what == "load-path":
                return self._load_path()
            if what == "start":
                return self._start()
        if k is Kind.HOVER:
            if isinstance(intent.arg, tuple):
                self.hover_help = controller_help(self.controllers[intent.arg[1]])
            elif intent.arg == "worldview":
                self.hover_help = self._worldview_help()
            return True
        if k is Kind.RANDOM_SEED:
            self.seed_text = str(new_seed())
            for r in self.rows:
                if r["kind"] == "seed":
                    r["entry"].set_text(self.seed_text)
            return True
        if k is Kind.BACK:
            self.app.pop()
            return True
        return super().on_intent(intent)

    def _adjust(self, r, step: int) -> bool:
        kind = r["kind"]
        if kind == "scenario":
            names = self.scenarios
            current = self.scenario.name if self.scenario.name in names else names[0]
            name = names[(names.index(current) + step) % len(names)]
            self._use_scenario(self.paths.get(name, name))
        elif kind == "worldview":
            self.worldview = self.worldviews[(self.worldviews.index(self.worldview) + step) % len(self.worldviews)]
            r["button"].set_text(self._worldview_label())
            _retip(r["button"], self._worldview_help())
            self.hover_help = self._worldview_help()
        elif kind == "actor":
            i = r["actor"]
            c = CONTROLLERS[(CONTROLLERS.index(self.controllers[i]) + step) % len(CONTROLLERS)]
            self.controllers[i] = c
            r["button"].set_text(self._controller_label(i))
            _retip(r["button"], controller_help(c))
            self.hover_help = controller_help(c)
        return True

    def _use_scenario(self, name_or_path) -> bool:
        try:
            sc = load_scenario(name_or_path)
        except LoadError as exc:
            self.error = str(exc)
            return False
        except OSError as exc:
            self.error = f"{name_or_path}: cannot read it ({exc.strerror or exc})"
            return False
        self.scenario = sc
        if sc.name not in self.scenarios:
            self.scenarios.append(sc.name)
        self.paths[sc.name] = sc.path
        if self.worldview not in ("custom", HIDDEN):
            self.worldview = sc.worldview.preset
        self.turns_text = str(sc.turns)
        self.controllers = self._default_controllers()
        self.error = ""
        self.relayout()
        return True

    def _load_path(self) -> bool:
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

    def _start(self) -> bool:
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

    # ------------------------------------------------------------------ drawing
    def draw(self, surface):
        m = self.m
        surface.fill(palette.BACKGROUND)
        surface.blit(self.title_block.surface, (2 * m.pad, m.pad))
        for k, r in enumerate(self.rows):
            rect = r["rect"]
            if r["kind"] == "actor":
                actor = self.scenario.actors[r["actor"]]
                cy = rect.centery
                rad = max(6, round(rect.height * 0.28))
                shapes.draw_marker(surface, actor.marker, palette.hex_colour(actor.colour), (rect.x + rad + 4, cy), rad)
                label = text.first_fitting([f"{actor.code} · {actor.name}", actor.name, actor.code], m.body,
                                           self.actor_label_w - 2 * rad - 16, "bold")
                img = text.render(label, m.body, palette.TEXT, "bold")
                surface.blit(img, img.get_rect(midleft=(rect.x + 2 * rad + 12, cy)))
            elif r["label"]:
                words = text.first_fitting([r["label"], *r.get("short", ())], m.body, round(rect.width * 0.36), "bold")
                img = text.render(words, m.body, palette.TEXT, "bold")
                surface.blit(img, img.get_rect(midleft=(rect.x, rect.centery)))
            if k == self.focus:
                pygame.draw.rect(surface, palette.FOCUS, rect.inflate(m.pad, m.pad // 2 + 2), 2, border_radius=6)
        hx, hy = self.actor_head
        humans = sum(1 for c in self.controllers if c == HUMAN)
        head = "Who plays each actor" + (f" — {humans} humans: hot-seat" if humans > 1 else "")
        head = text.first_fitting([head, f"Who plays — {humans} humans" if humans > 1 else head, "Who plays"], m.body,
                                  self.rows[0]["rect"].width, "bold")
        surface.blit(text.render(head, m.body, palette.ACCENT, "bold"), (hx, hy))
        about = text.fit_static(((self.scenario.description, 1.0, palette.MUTED, "italic"),), self.about_rect.width,
                                max(1, self.about_rect.height), m.body, min_px=10)
        if about.height <= self.about_rect.height:
            surface.blit(about.surface, self.about_rect.topleft)
        paras = []
        if self.error:
            paras.append((self.error, 1.0, palette.WARNING, "bold"))
        paras.append((self.hover_help or "↑ ↓ or Tab: move · ← →: change · type in the boxes · Enter: start",
                      1.0, palette.TEXT if self.hover_help else palette.MUTED, "regular"))
        block = text.fit_static(tuple(paras), self.message_rect.width, max(1, self.message_rect.height), m.body, min_px=10)
        surface.blit(block.surface, self.message_rect.topleft)
