"""The worldview sandbox: every worldview parameter as a slider, with a live preview.

Each slider carries its name in words and a tooltip with what it means and where the idea comes
from. A value that differs from the preset is marked (◆, in yellow) and can be reset alone or
with all the others. Every change schedules a quick preview — 200 games of deterrence and of
dialogue in this world, in the background worker — once the sliders have been still for a
moment, so dragging never queues a pile of runs. "Play with this world" opens the setup with it,
and "Save as scenario" writes a scenario file that the setup screen lists.
"""

from __future__ import annotations

import re
import time

import attrs
import pygame
import pygame_gui

from game.core.model import params as P
from game.core.model.errors import LoadError
from game.core.runs.results import Condition
from game.core.files.paths import SCENARIOS, user_scenarios_dir
from game.core.files.scenario_writer import save_scenario

from ..window import palette, text
from ..window.cycle import cycled
from ..window.intents import Intent, Key, Kind
from ..widgets import world_preview
from ..widgets.world_preview import MARK
from . import lab
from .sandbox_params import ParamList, snap
from .help import register_screen_keys

PREVIEW_GAMES = 200
PREVIEW_DOCTRINES = ("deterrence", "dialogue")
DEBOUNCE = 0.35  # seconds the sliders must rest before a new preview starts
NAME_RE = re.compile(r"^[A-Za-z0-9_\-]+$")
MAX_NAME = 40

SANDBOX_KEYS = register_screen_keys(
    "Worldview sandbox",
    lab.lab_keys(
        Key(pygame.K_r, Intent(Kind.RESET_ALL), "Shift+R", "reset every parameter to the preset", shift=True),
        Key(pygame.K_r, Intent(Kind.RESET), "R", "reset the focused parameter to the preset", shift=False),
        Key(pygame.K_BACKSPACE, Intent(Kind.RESET), "Backspace", "reset the focused parameter"),
        Key(pygame.K_p, Intent(Kind.PLAY_WORLD), "P", "play a game in this world (opens the setup)"),
        Key(pygame.K_s, Intent(Kind.SAVE), "Ctrl+S", "save this world as a scenario (type a name first)", ctrl=True),
        Key(pygame.K_PAGEDOWN, Intent(Kind.SCROLL, 5), "PgDn", "scroll the parameters down"),
        Key(pygame.K_PAGEUP, Intent(Kind.SCROLL, -5), "PgUp", "scroll the parameters up"),
    ),
)


def check_name(name: str) -> str:
    """Why a scenario name cannot be used, or "" when it can."""
    if not name:
        return "Type a name for the scenario first (letters, digits, - and _), then Save."
    if len(name) > MAX_NAME:
        return f"“{name[:MAX_NAME]}…” is too long: at most {MAX_NAME} characters."
    if not NAME_RE.match(name):
        return f"“{name}” cannot be a scenario name: use only letters, digits, - and _ (no spaces)."
    if (SCENARIOS / f"{name}.toml").exists():
        return f"“{name}” is a shipped scenario's name: pick another, so both stay available."
    return ""


class SandboxScene(lab.LabScene):
    keys = SANDBOX_KEYS
    name = "sandbox"

    def __init__(self, app, worldview: P.Worldview | None = None):
        super().__init__(app)
        options = getattr(app, "options", None)
        self.worldview = (
            worldview
            or lab.custom_worldview(app)
            or (options.custom_worldview if options else None)
            or self.scenario.worldview
        )
        # the world the next game would use when the sandbox opened: Esc puts it back, only "Play with this
        # world" changes it (the labs still offer the sandbox's latest world as "custom (sandbox)")
        self.world_before = getattr(app, "custom_worldview", None)
        self.focus = 1  # the preset: ↓ goes on to the parameters, never to the scenario
        self.params = ParamList()
        self.name_text = ""
        self.confirm_name = ""  # a name whose file exists: the next Save replaces it
        self.preview = None  # (worldview, [Results, ...], seconds)
        self.preview_run = None
        self.preview_due = time.monotonic()
        self.preview_error = ""
        self._charts: dict = {}

    # ------------------------------------------------------------------ the world
    @property
    def preset(self) -> str:
        return self.worldview.preset

    def modified(self, name: str) -> bool:
        return self.worldview[name] != P.PRESETS[self.preset][name]

    def modified_count(self) -> int:
        return sum(1 for n in P.NAMES if self.modified(n))

    def set_world(self, worldview: P.Worldview):
        """Take a new worldview: publish it for the other screens and schedule a preview."""
        if worldview == self.worldview:
            return
        self.worldview = worldview
        self.app.sandbox_worldview = worldview
        self.preview_due = time.monotonic() + DEBOUNCE
        self.params.sync(worldview, self.modified)

    def set_value(self, name: str, value: float):
        self.set_world(self.worldview.with_values(**{name: snap(P.SPEC[name], value)}))

    def reset(self, name: str | None = None):
        if name is None:
            self.say(
                f"Every parameter is back to {self.preset}."
                if self.modified_count()
                else f"Nothing to reset: every parameter is as in {self.preset}."
            )
            self.set_world(P.Worldview.from_preset(self.preset))
        else:
            self.set_world(self.worldview.with_values(**{name: P.PRESETS[self.preset][name]}))

    # ------------------------------------------------------------------ layout
    def layout(self):
        m = self.m
        w, h = self.app.size
        pad = m.pad
        self._charts = {}
        self.head_px = m.px(28)
        self.head_rect = pygame.Rect(2 * pad, pad, w - 4 * pad, text.line_height(self.head_px, "bold"))
        top = self.head_rect.bottom + pad
        buttons = [
            ("Reset all (Shift+R)", Intent(Kind.RESET_ALL), f"Every parameter back to {self.preset}.", False, True),
            (
                "Play with this world (P)",
                Intent(Kind.PLAY_WORLD),
                "Open the new-game setup with this worldview chosen.",
                True,
                True,
            ),
            (
                "Back (Esc)",
                Intent(Kind.BACK),
                "Title screen. The next game keeps the world it had "
                "(only Play with this world changes it); the compare lab and the sweep offer this one as "
                "“custom (sandbox)”.",
                False,
                True,
            ),
        ]
        button_top = self.button_rows(buttons, 2 * pad, h - pad, w - 4 * pad)
        line = text.line_height(m.body, "bold")
        self.message_rect = pygame.Rect(2 * pad, button_top - pad // 2 - line, w - 4 * pad, line)
        bottom = self.message_rect.y - pad // 2
        button_items, self.items = self.items, []
        gap = 2 * pad
        left_w = round((w - 4 * pad - gap) * 0.56)
        left = pygame.Rect(2 * pad, top, left_w, bottom - top)
        right = pygame.Rect(left.right + gap, top, w - 4 * pad - left_w - gap, bottom - top)
        self._layout_params(left)
        self._layout_right(right)
        self.items += button_items
        self.focus = min(self.focus, max(0, len(self.items) - 1))
        self._apply_focus()

    def _layout_params(self, area):
        m = self.m
        pad = m.pad
        row_h = max(round(m.body * 1.75), min(m.button_h, round(m.body * 2.0)))
        y = area.y
        # the preset and the scenario share one row: the parameters get the height. The scenario comes first
        # in the focus order, so ↓ from the preset goes to the parameters and ↓ → never changes the scenario
        half = (area.width - pad) // 2
        rows = (
            (
                "Preset",
                self.preset,
                "preset",
                "Start from a preset (click or ← →): every parameter takes its value; the ◆ marks compare with it.",
            ),
            (
                "Scenario",
                self.scenario.title,
                "scenario",
                "The region the preview plays and a saved scenario copies (click or ← →; ↑ from the preset).",
            ),
        )
        for k, (label, value, what, tip) in reversed(list(enumerate(rows))):
            label_w = text.size(label, m.body, "bold")[0] + pad
            self.cycle_row((area.x + k * (half + pad), y, half, row_h), label, value, what, tip, label_w)
        y += row_h + pad
        self.params.layout(self, pygame.Rect(area.x, y, area.width, area.bottom - y), row_h)

    def _layout_right(self, area):
        m = self.m
        pad = m.pad
        row_h = m.button_h
        y = area.bottom - row_h
        label = f"Replace “{self.confirm_name}” (Ctrl+S)" if self.confirm_name else "Save (Ctrl+S)"
        if text.size(label, m.body, "bold")[0] + 3 * pad > area.width // 2:
            label = "Replace (Ctrl+S)" if self.confirm_name else "Save"
        bw = text.size(label, m.body, "bold")[0] + 3 * pad
        save_w = text.size("Save as", m.body, "bold")[0] + pad
        self.save_label_pos = (area.x, y + row_h // 2)
        entry_rect = pygame.Rect(area.x + save_w, y, area.width - save_w - bw - pad // 2, row_h)
        entry = self.add(pygame_gui.elements.UITextEntryLine(entry_rect, self.ui, placeholder_text="scenario name"))
        entry.set_text(self.name_text)
        entry.set_tooltip(
            f"Save this world as a scenario: letters, digits, - and _. Saved to {user_scenarios_dir()}; "
            "New game lists it under Scenario."
        )
        self.entry = entry
        self.item("entry", entry.rect, entry=entry)
        save = pygame.Rect(area.right - bw, y, bw, row_h)
        self.button(
            save,
            label,
            Intent(Kind.SAVE),
            "Write this world into a copy of the scenario, as a TOML file the setup screen lists.",
            primary=bool(self.confirm_name),
        )
        rest = pygame.Rect(area.x, area.y, area.width, y - pad - area.y)
        info_h = min(round(rest.height * 0.28), text.line_height(m.small) * 5)
        self.preview_rect = pygame.Rect(rest.x, rest.y, rest.width, rest.height - info_h - pad)
        self.info_rect = pygame.Rect(rest.x, self.preview_rect.bottom + pad, rest.width, info_h)

    # ------------------------------------------------------------------ focus
    def _apply_focus(self):
        it = self.focused()
        entry = getattr(self, "entry", None)
        if entry is not None:
            if it is not None and it["kind"] == "entry":
                entry.focus()
            else:
                entry.unfocus()

    def focus_changed(self):
        it = self.focused()
        if it is not None and it["kind"] == "slider" and not it["shown"]:
            self.params.scroll_to(it["what"])
            self._keep_entry()
            self.relayout()
            return
        self._apply_focus()

    def focused_param(self) -> str | None:
        it = self.focused()
        return it["what"] if it is not None and it["kind"] == "slider" else None

    def _keep_entry(self):
        entry = getattr(self, "entry", None)
        if entry is not None and entry.alive():
            self.name_text = entry.get_text()

    def clear(self):
        self._keep_entry()
        super().clear()

    # ------------------------------------------------------------------ intents
    def _reset(self, intent):
        """Reset a parameter: the one whose Reset was pressed, else the focused one."""
        name = intent.arg or self.focused_param()
        if name is None:
            self.say("Move to a parameter (↑ ↓) to reset it, or Shift+R to reset them all.")
        else:
            self.reset(name)

    def _reset_all(self, intent):
        self.reset()
        self.relayout()

    def _scroll(self, intent):
        self.params.scroll(intent.arg)
        self.relayout()

    def _focus_param(self, intent):
        self.focus_on(lambda it: it["kind"] == "slider" and it["what"] == intent.arg)
        self._apply_focus()

    def _activate(self, intent):
        """Enter in the name field saves; elsewhere it works the focused control."""
        it = self.focused()
        if self.typing() or (it is not None and it["kind"] == "entry"):
            return self.save()
        return lab.LabScene.handlers[Kind.ACTIVATE](self, intent)

    def _back(self, intent):
        """Esc leaves the name field, else the sandbox (the next game's world as it was)."""
        if self.typing():
            self.entry.unfocus()
            self.on_intent(Intent(Kind.FOCUS_NEXT))
            return
        self.app.custom_worldview = self.world_before
        self.app.pop()

    handlers = {
        **lab.LabScene.handlers,
        Kind.RESET: _reset,
        Kind.RESET_ALL: _reset_all,
        Kind.PLAY_WORLD: lambda scene, intent: scene.play(),
        Kind.SAVE: lambda scene, intent: scene.save(),
        Kind.SCROLL: _scroll,
        Kind.FOCUS_PARAM: _focus_param,
        Kind.ACTIVATE: _activate,
        Kind.BACK: _back,
    }

    def adjust(self, what, step: int) -> bool:
        if what == "preset":
            preset = cycled(list(P.PRESET_NAMES), self.preset, step)
            self.set_world(P.Worldview.from_preset(preset))
            self.say(f"Started from {preset}: every parameter takes its value.")
            self.relayout()
        elif what == "scenario":
            if self.next_scenario(step):
                self.preview_due = time.monotonic()
            self.relayout()
        elif what in P.SPEC:
            spec = P.SPEC[what]
            self.set_value(what, self.worldview[what] + step * spec.step)
        return True

    # ------------------------------------------------------------------ sliders and preview
    def update(self, _dt):
        for name, value in self.params.dragged():
            self.focus_on(lambda it: it["kind"] == "slider" and it["what"] == name)
            self._apply_focus()
            self.set_value(name, value)
        if self.entry.alive() and self.entry.is_focused:
            # a click in the name field moves the keyboard focus there too
            self.focus_on(lambda it: it["kind"] == "entry")
        if self.entry.alive() and self.entry.get_text() != self.name_text:
            self.name_text = self.entry.get_text()
            if self.confirm_name and self.name_text.strip() != self.confirm_name:
                self.confirm_name = ""
                self._keep_entry()
                self.relayout()
        self.worker.poll()
        run = self.preview_run
        if run is not None and run.finished:
            self.preview_run = None
            if run.status == "done":
                self.preview = (run.result[0].condition.worldview, list(run.result), run.seconds)
                self._charts = {}
                self.preview_error = ""
            elif run.status == "error":
                self.preview_error = run.error
        if self.preview_due is not None and time.monotonic() >= self.preview_due:
            self.preview_due = None
            if self.preview_run is not None:
                self.worker.cancel(self.preview_run)
            conditions = [Condition(d, self.worldview) for d in PREVIEW_DOCTRINES]
            self.preview_run = self.worker.submit(
                "compare",
                scenario=self.scenario,
                conditions=conditions,
                games=PREVIEW_GAMES,
                seed=1,
                workers=1,
                chunk=PREVIEW_GAMES,
            )

    @property
    def preview_current(self) -> bool:
        return (
            self.preview is not None
            and self.preview[0] == self.worldview
            and self.preview_run is None
            and self.preview_due is None
        )

    # ------------------------------------------------------------------ play and save
    def play(self) -> bool:
        from ..window.setup_options import Options

        options = getattr(self.app, "options", None)
        options = (
            attrs.evolve(options, scenario=self.scenario) if options is not None else Options(scenario=self.scenario)
        )
        self.app.custom_worldview = self.world_before = self.worldview
        self.app.push(self.app.scene("setup", options, worldview=self.worldview))
        return True

    def save(self) -> bool:
        self._keep_entry()
        name = self.name_text.strip()
        problem = check_name(name)
        if problem:
            self.say(problem, warn=True)
            self.focus_on(lambda it: it["kind"] == "entry")
            self._apply_focus()
            return True
        path = user_scenarios_dir() / f"{name}.toml"
        if path.exists() and self.confirm_name != name:
            self.confirm_name = name
            self.say(
                f"A saved scenario called “{name}” already exists. Save again to replace it, or change the name.",
                warn=True,
            )
            self.relayout()
            return True
        title = f"{self.scenario.title.split(' — ')[0]} — {name}"
        try:
            save_scenario(self.scenario, path, name, self.worldview, title)
        except (LoadError, ValueError) as exc:
            self.say(f"Not saved: {exc}", warn=True)
            return True
        except OSError as exc:
            self.say(f"Not saved: {path}: {exc.strerror or exc}", warn=True)
            return True
        self.confirm_name = ""
        if name not in self.scenario_names:
            self.scenario_names.append(name)
        self.scenario_paths[name] = str(path)
        self.say(f"Saved “{name}” to {path}. New game lists it under Scenario.")
        self.relayout()
        return True

    # ------------------------------------------------------------------ drawing
    def draw(self, surface):
        m = self.m
        surface.fill(palette.BACKGROUND)
        n_mod = self.modified_count()
        title = "Worldview sandbox"
        img = text.render(title, self.head_px, palette.TEXT, "bold")
        surface.blit(img, self.head_rect.topleft)
        status = (
            f"{MARK} {n_mod} parameter{'s' if n_mod != 1 else ''} modified from {self.preset}"
            if n_mod
            else f"all parameters as in {self.preset}"
        )
        short = f"{MARK} {n_mod} modified" if n_mod else "as preset"
        room = self.head_rect.width - img.get_width() - 2 * m.pad
        words = text.render(
            text.first_fitting([status, short], m.body, room, "bold"),
            m.body,
            palette.FOCUS if n_mod else palette.MUTED,
            "bold",
        )
        surface.blit(words, words.get_rect(bottomright=(self.head_rect.right, self.head_rect.bottom - 4)))
        self.params.draw(surface, m, self.worldview)
        self._draw_preview(surface)
        world_preview.draw_param_info(surface, self.info_rect, self.m, self.worldview, self.focused_param())
        img = text.render("Save as", m.body, palette.ACCENT, "bold")
        surface.blit(img, img.get_rect(midleft=self.save_label_pos))
        self.draw_message(surface, self.message_rect)
        self.draw_rows(surface)

    def _draw_preview(self, surface):
        preview = self.preview
        shown = world_preview.Preview(
            self.scenario.title,
            PREVIEW_GAMES,
            preview and preview[1],
            preview[2] if preview else 0.0,
            self.preview_current,
            self.preview_error,
        )
        world_preview.draw_preview(surface, self.preview_rect, self.m, shown, self._charts)
