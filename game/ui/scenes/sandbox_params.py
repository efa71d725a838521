"""The sandbox's list of worldview parameters: one row each (its name with the tooltip, a slider, the
value, a Reset button), as many as fit, the others scrolled into view (↑ ↓, PgUp PgDn or the wheel)."""

from __future__ import annotations

from typing import Iterator

import pygame
import pygame_gui

from game.core.model import params as P

from ..window import palette, text
from ..window.formats import format_value
from ..window.intents import Intent, Kind
from ..widgets import world_preview


def snap(spec: P.ParamSpec, value: float) -> float:
    """The slider position to the parameter's step (the slider itself moves in pixels)."""
    k = round((value - spec.low) / spec.step)
    return round(min(spec.high, max(spec.low, spec.low + k * spec.step)), 6)


def param_tip(spec: P.ParamSpec, preset: str) -> str:
    base = P.PRESETS[preset][spec.name]
    return (
        f"{spec.label} ({spec.name}): {spec.help} Source: {spec.source}. Range {format_value(spec, spec.low)} to "
        f"{format_value(spec, spec.high)}; {preset}: {format_value(spec, base)}."
    )


class ParamList:
    """The rows of the parameters in sight, and which ones those are."""

    def __init__(self):
        self.first = 0  # first parameter row shown
        self.visible = 1  # rows that fit
        self.rows: dict[str, dict] = {}  # the shown parameters' rows, by name
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.hint_above = self.hint_below = (0, 0)

    def layout(self, scene, area: pygame.Rect, row_h: int):
        """The rows of the parameters that fit in area; every parameter is a focus item, shown or not."""
        self.rows = {}
        shape = self._row_shape(scene.m, area, row_h)
        hint_h = text.line_height(scene.m.small)
        self.rect = pygame.Rect(area.x, area.y + hint_h, area.width, area.height - 2 * hint_h)
        self.visible = max(1, self.rect.height // shape["pitch"])
        self.first = max(0, min(self.first, len(P.PARAMS) - self.visible))
        self.hint_above = area.topleft
        self.hint_below = (area.x, self.rect.y + self.visible * shape["pitch"])
        for k, spec in enumerate(P.PARAMS):
            if self.first <= k < self.first + self.visible:
                self._param_row(scene, spec, self.rect.y + (k - self.first) * shape["pitch"], area, shape)
            else:
                scene.item("slider", (0, -1000, 1, 1), what=spec.name, shown=False)
        scene.bindings.wheel = lambda dy, pos: Intent(Kind.SCROLL, -dy * 2) if self.rect.collidepoint(pos) else None

    @staticmethod
    def _row_shape(m, area, row_h: int) -> dict:
        """How a parameter's row is laid out: on one line (label, slider, value, Reset) when the slider
        keeps a useful length, else the label line above a full-width slider."""
        pad = m.pad
        gutter = round(m.body * 1.4)
        value_w = max(text.size(format_value(s, v), m.body, "bold")[0] for s in P.PARAMS for v in (s.low, s.high)) + pad
        reset_w = text.size("Reset", m.body, "bold")[0] + 2 * pad
        longest = max(text.size(s.label, m.body, "bold")[0] for s in P.PARAMS) + pad
        one_line = area.width - gutter - longest - value_w - reset_w - 2 * pad >= max(160, area.width * 0.28)
        slider_h = row_h if one_line else round(m.body * 1.3)
        return {
            "one_line": one_line,
            "gutter": gutter,
            "value_w": value_w,
            "reset_w": reset_w,
            "row_h": row_h,
            "label_w": longest if one_line else area.width - gutter - value_w - reset_w - pad,
            "slider_h": slider_h,
            "pitch": row_h + pad // 2 if one_line else text.line_height(m.body, "bold") + slider_h + pad,
        }

    def _param_row(self, scene, spec: P.ParamSpec, ry: int, area, shape: dict):
        """One parameter's row: its name (with the tooltip), its slider, its value and its Reset."""
        pad = scene.m.pad
        gutter, label_w, value_w, reset_w, row_h = (
            shape[k] for k in ("gutter", "label_w", "value_w", "reset_w", "row_h")
        )
        row = pygame.Rect(area.x, ry, area.width, shape["pitch"] - pad // 2)
        if shape["one_line"]:
            label_rect = pygame.Rect(area.x + gutter, ry, label_w, row_h)
            slider_rect = pygame.Rect(
                label_rect.right + pad // 2, ry + 3, area.width - gutter - label_w - value_w - reset_w - pad, row_h - 6
            )
            value_pos = (slider_rect.right + pad // 2, ry + row_h // 2)
            reset_rect = pygame.Rect(area.right - reset_w, ry + 2, reset_w, row_h - 4)
        else:
            lh = text.line_height(scene.m.body, "bold")
            label_rect = pygame.Rect(area.x + gutter, ry, label_w, lh)
            value_pos = (area.right - reset_w - value_w, ry + lh // 2)
            reset_rect = pygame.Rect(area.right - reset_w, ry, reset_w, lh + 2)
            slider_rect = pygame.Rect(area.x + gutter, ry + lh + 2, area.width - gutter, shape["slider_h"])
        slider, reset = self._controls(scene, spec, label_rect, slider_rect, reset_rect)
        self.rows[spec.name] = {
            "spec": spec,
            "slider": slider,
            "seen": slider.get_current_value(),
            "reset": reset,
            "label": label_rect,
            "value": value_pos,
            "row": row,
            "gutter": gutter,
        }
        scene.item("slider", row, what=spec.name, shown=True)

    @staticmethod
    def _controls(scene, spec: P.ParamSpec, label_rect, slider_rect, reset_rect):
        """The row's widgets: the tooltip over its name, the slider, and Reset (off while not modified)."""
        tip = param_tip(spec, scene.preset)
        carrier = scene.add(pygame_gui.elements.UILabel(label_rect, "", scene.ui))
        carrier.set_tooltip(tip)
        scene.bindings.zone(label_rect, Intent(Kind.FOCUS_PARAM, spec.name))
        slider = scene.add(
            pygame_gui.elements.UIHorizontalSlider(
                slider_rect, scene.worldview[spec.name], (spec.low, spec.high), scene.ui, click_increment=spec.step
            )
        )
        if slider.sliding_button is not None:
            slider.sliding_button.set_tooltip(tip)
        back = format_value(spec, P.PRESETS[scene.preset][spec.name])
        reset = scene.add(
            pygame_gui.elements.UIButton(
                reset_rect, "Reset", scene.ui, tool_tip_text=f"Back to {scene.preset}'s value, {back} (R)."
            ),
            Intent(Kind.RESET, spec.name),
        )
        if not scene.modified(spec.name):
            reset.disable()
        return slider, reset

    def scroll(self, lines: int):
        self.first = max(0, min(len(P.PARAMS) - self.visible, self.first + lines))

    def scroll_to(self, name: str):
        """Scroll just far enough to show the parameter."""
        k = P.NAMES.index(name)
        self.first = k if k < self.first else k - self.visible + 1

    def sync(self, worldview: P.Worldview, modified):
        """Sliders and reset buttons follow the worldview (after a key, a reset, a preset)."""
        for name, row in self.rows.items():
            value = worldview[name]
            if abs(snap(row["spec"], row["seen"]) - value) > 1e-9:
                row["slider"].set_current_value(value, warn=False)
                row["seen"] = row["slider"].get_current_value()
            if modified(name):
                row["reset"].enable()
            else:
                row["reset"].disable()

    def dragged(self) -> Iterator[tuple[str, float]]:
        """(name, value) of each slider the pointer moved since the last look."""
        for name, row in self.rows.items():
            value = row["slider"].get_current_value()
            if value != row["seen"]:
                row["seen"] = value
                yield name, value

    def draw(self, surface, m, worldview: P.Worldview):
        world_preview.draw_param_rows(surface, m, self.rows.values(), worldview)
        above, below = self.first, len(P.PARAMS) - self.first - self.visible
        for count, arrow, where, key, pos in (
            (above, "↑", "above", "PgUp", self.hint_above),
            (below, "↓", "below", "PgDn", self.hint_below),
        ):
            if count > 0:
                words = f"{arrow} {count} more {where} ({arrow}, {key} or the wheel)"
                surface.blit(text.render(words, m.small, palette.FOCUS), pos)
