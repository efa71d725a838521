"""What the three lab screens (compare, sandbox, sweep) share: a worker process that runs their
experiments in the background, a focus that walks every control with the keyboard, rows of
"label: value" cycle buttons, and the words for doctrines, profiles and worlds."""

from __future__ import annotations

import pygame
import pygame_gui

from game.core.model import params as P
from game.core.model.doctrines import DOCTRINES
from game.core.model.errors import LoadError
from game.core.files.scenario import DOCTRINE_NAMES, list_scenarios, load_scenario

from ..window import palette, text
from ..window.cycle import cycled
from ..window.intents import Intent, Key, Kind
from ..window.lab_worker import LabWorker
from ..window.scene import Scene
from ..widgets.choice_chips import draw_focus
from ..widgets.progress import draw_progress

CUSTOM = "custom"  # the sandbox's worldview, offered wherever a world is chosen once the sandbox set one


def lab_keys(*extra: Key) -> list[Key]:
    """The menu keys every lab screen shares, then the screen's own."""
    from ..window import intents

    space = Key(pygame.K_SPACE, Intent(Kind.ACTIVATE), "Space", "tick or untick the focused choice")
    return intents.MENU_KEYS + [space] + list(extra)


LAB_SCENARIO = "east_asia_2023"  # a region where war can happen: what the lab's questions measure


def default_scenario(app):
    """The scenario a lab screen opens on: the one last chosen in a lab screen, else one given on the
    command line, else east_asia_2023, never merely the last one played (after two_rivals, with no war
    to measure, every doctrine would tie)."""
    chosen = getattr(app, "lab_scenario", None)
    if chosen is not None:
        return chosen
    options = getattr(app, "options", None)
    settings = getattr(app, "settings", None)
    if options is not None and options.scenario is not None:
        remembered = settings is not None and settings.get("scenario") == options.scenario.name
        if not remembered:
            return options.scenario
    return load_scenario(LAB_SCENARIO)


def scenario_label(sc) -> str:
    return f"{sc.title} ({sc.n} actors)"


def doctrine_help(sc, name: str) -> str:
    """What a doctrine does, or who plays what in a scenario profile."""
    if name in DOCTRINES:
        return f"{name}: {DOCTRINES[name].description} Every actor plays it."
    if name in sc.profiles:
        groups: dict[str, list[str]] = {}
        for code, d in zip(sc.codes, sc.profiles[name]):
            groups.setdefault(d, []).append(code)
        parts = [f"{', '.join(codes)} play {d}" for d, codes in groups.items()]
        return f"{name} (a profile of this scenario): " + "; ".join(parts) + "."
    return name


def doctrine_choices(sc) -> list[str]:
    return list(DOCTRINE_NAMES) + list(sc.profiles)


def custom_worldview(app) -> P.Worldview | None:
    """The sandbox's latest world (offered as "custom (sandbox)"), else the world the next game uses."""
    return getattr(app, "sandbox_worldview", None) or getattr(app, "custom_worldview", None)


def world_label(app, key: str) -> str:
    if key == CUSTOM:
        wv = custom_worldview(app)
        return f"custom (sandbox): {wv.label}" if wv is not None else "custom (sandbox)"
    return key


def world_help(key: str) -> str:
    if key == "deterrence-world":
        return (
            "Deterrence world: many actors secretly greedy (Glaser); arming reveals little; allies are credible; "
            "weakness invites challenges."
        )
    if key == "spiral-world":
        return (
            "Spiral world (Jervis): few greedy actors; arming and alliances look hostile; misperception and "
            "first-strike fears are high."
        )
    return "The worldview set in the Worldview sandbox (title screen), with every value it changed."


def world_worldview(app, key: str) -> P.Worldview:
    if key == CUSTOM:
        return custom_worldview(app)
    return P.Worldview.from_preset(key)


def world_keys(app) -> list[str]:
    return list(P.PRESET_NAMES) + ([CUSTOM] if custom_worldview(app) is not None else [])


class LabScene(Scene):
    """A lab screen: focusable items, a background worker, and a line for messages."""

    run_noun = "run"  # what the screen runs, in its notes: "Run cancelled.", "The run failed: …"
    kept_note = " The last results are kept."  # said on cancel when there are results to keep

    def __init__(self, app):
        super().__init__(app)
        self.worker = LabWorker()
        self.run = None  # the background run under way, if any
        self.outcome = None  # the last finished run's results, as the screen shows them
        self.items: list[dict] = []
        self.focus = 0
        self.message = ""
        self.message_warn = False
        self.scenario_names = [p.stem for p in list_scenarios()]
        self.scenario_paths = {p.stem: str(p) for p in list_scenarios()}
        self.scenario = default_scenario(app)
        if self.scenario.name not in self.scenario_names:
            self.scenario_names.append(self.scenario.name)
            self.scenario_paths[self.scenario.name] = self.scenario.path or self.scenario.name

    # -------------------------------------------------------------- lifecycle
    def enter(self):
        self.worker.start()  # it takes a moment to import numpy and the core: start before the first run
        super().enter()

    def exit(self):
        self.worker.stop()
        super().exit()

    def clear(self):
        super().clear()
        self.items = []

    # -------------------------------------------------------------- building
    def item(self, kind: str, rect, **extra) -> dict:
        entry = {"kind": kind, "rect": pygame.Rect(rect), **extra}
        self.items.append(entry)
        return entry

    def button(
        self,
        rect,
        label: str,
        intent: Intent | None,
        tip: str | None = None,
        primary: bool = False,
        enabled: bool = True,
        focusable: bool = True,
    ):
        from pygame_gui.core import ObjectID

        b = pygame_gui.elements.UIButton(
            pygame.Rect(rect),
            label,
            self.ui,
            tool_tip_text=tip,
            object_id=ObjectID(class_id="@primary") if primary else None,
        )
        self.add(b, intent if enabled else None)
        if not enabled:
            b.disable()
        if focusable and enabled:
            self.item("button", rect, button=b, intent=intent)
        return b

    def cycle_row(self, rect, label: str, value: str, what, tip: str, label_w: int):
        """A "label: value" row; the value is a button that cycles (click, Enter, ← →)."""
        rect = pygame.Rect(rect)
        value_rect = pygame.Rect(rect.x + label_w, rect.y, rect.width - label_w, rect.height)
        shown = text.first_fitting(shorter(value), self.m.body, value_rect.width - 2 * self.m.pad, "bold")
        b = pygame_gui.elements.UIButton(
            value_rect, shown, self.ui, tool_tip_text=tip if shown == value else f"{value}. {tip}"
        )
        self.add(b, Intent(Kind.CYCLE, what))
        return self.item("cycle", rect, button=b, what=what, label=label, label_w=label_w, tip=tip)

    def rows_and_chart(self, left_share: float, spare_rows: int = 0):
        """The setup screens' layout: the title, the setup's rows in a column of left_share of the width, the
        chart beside them (self.chart_rect), the buttons and the message line under both; sets self.left_rect,
        the room under the rows. The rows need their room: when the buttons under them would cover the last
        rows (large text), the buttons and the message go under the chart and the rows take the whole height."""
        m = self.m
        w, h = self.app.size
        pad, gap = m.pad, 2 * m.pad
        self.head_rect = pygame.Rect(2 * pad, pad, w - 4 * pad, text.line_height(self.head_px, "bold"))
        top = self.head_rect.bottom + pad
        left_w = round((w - 4 * pad - gap) * left_share)
        right = pygame.Rect(2 * pad + left_w + gap, top, w - 4 * pad - left_w - gap, h - pad - top)
        rows = self._rows()
        beside = len(rows) * (round(m.body * 1.5) + pad // 2) > h - top - 3 * m.button_h
        line = text.line_height(m.body, "bold")
        button_area = right if beside else pygame.Rect(2 * pad, top, w - 4 * pad, h - pad - top)
        button_top = self.button_rows(self._buttons(), button_area.x, h - pad, button_area.width)
        self.message_rect = pygame.Rect(button_area.x, button_top - pad // 2 - line, button_area.width, line)
        bottom = self.message_rect.y - pad // 2
        button_items, self.items = self.items, []  # the buttons come after the rows in the focus order
        left = pygame.Rect(2 * pad, top, left_w, (h - pad if beside else bottom) - top)
        self.chart_rect = pygame.Rect(right.x, top, right.width, bottom - top)
        row_h = max(round(m.body * 1.5), min(m.button_h, left.height // (len(rows) + spare_rows) - pad // 2))
        y = self.cycle_rows(left, rows, row_h)
        self.left_rect = pygame.Rect(left.x, y, left.width, left.bottom - y)
        self.items += button_items
        self.focus = min(self.focus, max(0, len(self.items) - 1))

    def cycle_rows(self, column, rows, row_h: int) -> int:
        """The setup's (label, value, what, tip) rows down column, each row_h high; returns the y below them."""
        m = self.m
        label_w = max(text.size(r[0], m.body, "bold")[0] for r in rows) + m.pad
        y = column.y
        for label, value, what, tip in rows:
            self.cycle_row((column.x, y, column.width, row_h), label, value, what, tip, label_w)
            y += row_h + m.pad // 2
        return y

    def draw_run_progress(self, surface, area, width: int = 0):
        """The run going on: its progress bar, what it plays and how far it is, in a box amid area (as wide
        as area, or width)."""
        m = self.m
        box = pygame.Rect(0, 0, min(area.width, width or area.width), min(area.height, round(m.body * 10)))
        box.center = area.center
        draw_progress(surface, box, m, self.run, self.running["what"], self.running["total"])

    def button_rows(self, buttons, x: int, bottom: int, width: int) -> int:
        """Lay out (label, intent, tip, primary, enabled) buttons in rows from the bottom; returns the top y."""
        m = self.m
        widths = [min(width, text.size(b[0], m.body, "bold")[0] + 3 * m.pad) for b in buttons]
        rows, row, used = [], [], 0
        for spec, bw in zip(buttons, widths):
            if row and used + bw > width:
                rows.append(row)
                row, used = [], 0
            row.append((spec, bw))
            used += bw + m.pad // 2
        rows.append(row)
        top = bottom - len(rows) * (m.button_h + m.pad // 2) + m.pad // 2
        y = top
        for r in rows:
            xx = x
            for (label, intent, tip, primary, enabled), bw in r:
                self.button((xx, y, bw, m.button_h), label, intent, tip, primary, enabled)
                xx += bw + m.pad // 2
            y += m.button_h + m.pad // 2
        return top

    # -------------------------------------------------------------- focus and keys
    def focus_on(self, predicate) -> bool:
        for k, it in enumerate(self.items):
            if predicate(it):
                self.focus = k
                return True
        return False

    def focused(self) -> dict | None:
        if not self.items:
            return None
        self.focus = max(0, min(self.focus, len(self.items) - 1))
        return self.items[self.focus]

    def focus_changed(self):
        """The focus moved (a screen may scroll, or focus a text field)."""

    def adjust(self, what, step: int) -> bool:
        return True

    def toggle(self, group: str, key: str) -> bool:
        return True

    # -------------------------------------------------------------- intents
    def _move_focus(self, intent):
        if self.items:
            self.focus = (self.focus + (1 if intent.kind is Kind.FOCUS_NEXT else -1)) % len(self.items)
            self.focus_changed()

    def _adjust_focused(self, intent):
        """← → change a row's value; on a chip or a button they move the focus like ↓ ↑."""
        it = self.focused()
        if it is None:
            return True
        if it["kind"] in ("cycle", "slider"):
            return self.adjust(it["what"], intent.arg)
        return self.on_intent(Intent(Kind.FOCUS_NEXT if intent.arg > 0 else Kind.FOCUS_PREV))

    def _activate_focused(self, intent):
        """Enter or Space: step a row on, tick a chip, press a button."""
        it = self.focused()
        if it is None:
            return True
        if it["kind"] == "cycle":
            return self.adjust(it["what"], +1)
        if it["kind"] == "chip":
            return self.toggle(it["group"], it["key"])
        if it["kind"] == "button" and it.get("intent") is not None:
            return self.on_intent(it["intent"])
        return True

    def _tick(self, intent):
        """A click on a choice chip (its CHIP names the chip's group and key) ticks or unticks it."""
        group, key = intent.arg
        self.focus_on(lambda it: it["kind"] == "chip" and it["group"] == group and it["key"] == key)
        return self.toggle(group, key)

    def _cycle(self, intent):
        self.focus_on(lambda it: it["kind"] == "cycle" and it["what"] == intent.arg)
        return self.adjust(intent.arg, +1)

    def _cancel_or_leave(self, intent):
        """Esc: cancel the run going on, else leave the screen."""
        if self.run is not None:
            return self.cancel_run()
        self.app.pop()

    handlers = {
        Kind.FOCUS_NEXT: _move_focus,
        Kind.FOCUS_PREV: _move_focus,
        Kind.ADJUST: _adjust_focused,
        Kind.ACTIVATE: _activate_focused,
        Kind.CHIP: _tick,
        Kind.CYCLE: _cycle,
    }
    # a screen that runs games in the background: R runs, Esc cancels the run or leaves
    run_handlers = {
        **handlers,
        Kind.RUN: lambda scene, intent: scene.run is not None or scene.start_run(),  # one run at a time
        Kind.CANCEL: lambda scene, intent: scene.cancel_run(),
        Kind.BACK: _cancel_or_leave,
    }

    def update(self, _dt):
        """Take the background run once it has finished: its results, or why it has none."""
        if self.run is None:
            return
        self.worker.poll()
        run = self.run
        if not run.finished:
            return
        self.run = None
        if run.status == "done":
            self.run_done(run)
            self.say("")
        elif run.status == "error":
            self.run_failed(run)
        self.relayout()

    def run_done(self, run):
        """A run finished: keep its outcome."""

    def run_failed(self, run):
        self.say(f"The {self.run_noun} failed: {run.error}", warn=True)

    def cancel_run(self) -> bool:
        """Cancel the background run, if there is one; the last outcome stays."""
        if self.run is not None:
            self.worker.cancel(self.run)
            self.run = None
            self.say(f"{self.run_noun.capitalize()} cancelled." + (self.kept_note if self.outcome else ""))
            self.run_cancelled()
            self.relayout()
        return True

    def run_cancelled(self):
        """A run was cancelled (a screen may go back to its setup)."""

    def say(self, message: str, warn: bool = False):
        self.message, self.message_warn = message, warn

    # -------------------------------------------------------------- drawing
    def draw_rows(self, surface):
        """The labels of cycle rows, and the focus ring."""
        m = self.m
        for it in self.items:
            if it["kind"] == "cycle":
                r = it["rect"]
                words = text.ellipsize(it["label"], m.body, it["label_w"] - m.pad, "bold")
                img = text.render(words, m.body, palette.TEXT, "bold")
                surface.blit(img, img.get_rect(midleft=(r.x, r.centery)))
        it = self.focused()
        if it is not None and it.get("shown", True):  # a row scrolled out of sight has no ring
            draw_focus(surface, it["rect"], m)

    def draw_rows_and_chart(self, surface, title: str):
        """The setup screens' picture: the title; in the chart's place the run going on, its outcome or the
        screen's introduction; what the screen says under its rows; the message line and the rows."""
        surface.fill(palette.BACKGROUND)
        self.draw_title(surface, title)
        area = self.chart_rect
        if self.run is not None:
            self.draw_run_progress(surface, area)
        elif self.outcome is not None:
            self._draw_outcome(surface, area)
        else:
            self._draw_intro(surface, area)
        self._draw_under_rows(surface)
        self.draw_message(surface, self.message_rect)
        self.draw_rows(surface)

    def draw_title(self, surface, title: str):
        """The screen's title at the top, cut to the part before its dash when it does not fit."""
        words = text.first_fitting([title, title.split(" — ")[0]], self.head_px, self.head_rect.width, "bold")
        surface.blit(text.render(words, self.head_px, palette.TEXT, "bold"), self.head_rect.topleft)

    def draw_message(self, surface, rect):
        if not self.message:
            return
        colour = palette.WARNING if self.message_warn else palette.FOCUS
        block = text.fit_static(
            ((self.message, 1.0, colour, "bold"),), rect.width, max(1, rect.height), self.m.body, 10
        )
        surface.blit(block.surface, rect.topleft, area=pygame.Rect(0, 0, rect.width, rect.height))

    def load_scenario_named(self, name: str) -> bool:
        try:
            self.scenario = load_scenario(self.scenario_paths.get(name, name))
        except (LoadError, OSError) as exc:
            self.say(str(exc), warn=True)
            return False
        self.app.lab_scenario = self.scenario  # the next lab screen opens on it too
        return True

    def next_scenario(self, step: int) -> bool:
        names = self.scenario_names
        return self.load_scenario_named(cycled(names, self.scenario.name, step))


def shorter(value: str) -> list[str]:
    """A value's wordings, longest first: whole, without its "(...)" or "per ..." tail, then fewer words
    (a button too narrow for the whole value shows whole words, not a cut one)."""
    out = [value]
    for sep in (" (", " per "):
        if sep in out[-1]:
            out.append(out[-1].split(sep)[0])
    words = out[-1].split(" ")
    out += [" ".join(words[:k]).rstrip(",;:") for k in range(len(words) - 1, 0, -1)]
    if "-" in out[-1]:
        out.append(out[-1].split("-")[0])  # spiral-world: spiral
    return out
