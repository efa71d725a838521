"""The action bar: the nine actions in their two families (keys 1–9), the target, and end turn.

Buttons are pygame_gui buttons registered with the same intents the keys send. In an all-AI
game the bar holds the auto-play controls instead, and once the game is over the one way on:
"See the debrief". Building the buttons is slow (pygame_gui
renders each one), so the bar is built once per layout and its state and labels change in place.
"""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game.core.model.vocab import (
    ACTION_HELP,
    ACTION_HELP_LOCAL,
    ACTION_LABELS_LOCAL,
    DETERRENCE_ACTIONS,
    DIALOGUE_ACTIONS,
    Action,
)

from ..window import palette, text
from ..window.intents import Intent, Kind

SHORT = {
    Action.ARM: "Arm",
    Action.ALLY: "Ally",
    Action.PRESSURE: "Pressure",
    Action.SUMMIT: "Summit",
    Action.CBM: "CBM",
    Action.FORUM: "Forum",
    Action.TRADE: "Trade",
    Action.HOLD: "Hold",
    Action.CHALLENGE: "Challenge",
}


def _button_w(label: str, m) -> int:
    return text.size(label, m.body, "bold")[0] + 2 * m.pad + 8


def _auto_label(auto_on: bool) -> str:
    return "Space: auto-play " + ("off" if auto_on else "on")


def _teacher_header(speed_label: str) -> str:
    return f"Teacher mode · {speed_label}"


# what the target slot says when there is no target: it is sized to hold these as well as any actor's name
NONE_YET, NOT_NEEDED = "none yet", "no target needed"
NO_TARGET_LABELS = (NONE_YET, NOT_NEEDED)


class ActionBar:
    def __init__(self):
        self.rect = pygame.Rect(0, 0, 10, 10)
        self.buttons: dict[Action, pygame_gui.elements.UIButton] = {}
        self.auto_button: pygame_gui.elements.UIButton | None = None
        self.headers: list[tuple[str, tuple, pygame.Rect]] = []
        self.status_rect = pygame.Rect(0, 0, 0, 0)
        self.m = None

    # ------------------------------------------------------------------ measuring
    @staticmethod
    def _groups(m):
        det = [(a, f"{int(a) + 1} {SHORT[a]}") for a in DETERRENCE_ACTIONS]
        dia = [(a, f"{int(a) + 1} {SHORT[a]}") for a in DIALOGUE_ACTIONS]
        return det, dia

    @classmethod
    def _rows(cls, m, width, human: bool):
        """How the bar wraps at this width: 'one' row of buttons, or 'two'."""
        if not human:
            return 1
        det, dia = cls._groups(m)
        need = sum(_button_w(lbl, m) + m.pad // 2 for _, lbl in det + dia) + 2 * m.pad
        target = cls._target_w(m)
        if need + target <= width:
            return 1
        # the actions flow over as many rows as they need, then the target and End turn on a row of their own
        rows, x = 1, m.pad
        for _, lbl in det + dia:
            w = _button_w(lbl, m)
            if x + w > width - m.pad:
                rows, x = rows + 1, m.pad
            x += w + m.pad // 2
        return rows + (1 if rows == 1 or x + m.pad + target > width else 0)

    @staticmethod
    def _target_w(m) -> int:
        return (
            _button_w("<", m) * 2
            + text.size("Target: United States", m.body, "bold")[0]
            + _button_w("End turn", m)
            + 4 * m.pad
        )

    @classmethod
    def height_for(cls, m, width, human: bool) -> int:
        head = text.line_height(m.body, "bold") + text.line_height(m.small, "bold")
        rows = cls._rows(m, width, human)
        return head + rows * (m.button_h + m.pad // 2) + 2 * m.pad

    @staticmethod
    def target_y_first(head_y: int, m) -> int:
        """The y of the first row of buttons."""
        return head_y + text.line_height(m.small, "bold")

    # ------------------------------------------------------------------ building
    def build(
        self,
        scene,
        rect,
        m,
        human: bool,
        auto_on: bool = False,
        speed_label: str = "",
        longest_name: str = "South Korea",
        finished: bool = False,
    ):
        self.rect = pygame.Rect(rect)
        self.m = m
        self.buttons.clear()
        self.auto_button = None
        self.headers = []
        pad = m.pad
        status_h = text.line_height(m.body, "bold")
        self.status_rect = pygame.Rect(self.rect.x + pad, self.rect.y + pad // 2, self.rect.width - 2 * pad, status_h)
        head_y = self.status_rect.bottom + 2
        at = (self.rect.x + pad, head_y + text.line_height(m.small, "bold"))
        if finished:
            self._build_finished(scene, at, head_y)
        elif not human:
            self._build_teacher(scene, at, head_y, auto_on, speed_label)
        else:
            x, y = self._build_actions(scene, at, head_y)
            self._build_target(scene, (x, y), head_y, longest_name)

    def _build_finished(self, scene, at, head_y: int):
        """The game is over: the one way on, to the debrief."""
        m, (x, y) = self.m, at
        label = "See the debrief (Enter)"
        self.headers.append(("The game is over", palette.MUTED, pygame.Rect(x, head_y, self.rect.width, 0)))
        scene.add(
            pygame_gui.elements.UIButton(
                pygame.Rect(x, y, _button_w(label, m), m.button_h),
                label,
                scene.ui,
                tool_tip_text="The types and the world revealed, the scores, "
                "the crises and the replay in the other world",
                object_id=ObjectID(class_id="@primary"),
            ),
            Intent(Kind.SEE_DEBRIEF),
        )

    def _build_teacher(self, scene, at, head_y: int, auto_on: bool, speed_label: str):
        """An all-AI game: auto-play on or off, its speed, and the next turn."""
        m, (x, y) = self.m, at
        items = [
            (_auto_label(auto_on), Intent(Kind.AUTO_PLAY), "@primary"),
            ("− slower", Intent(Kind.SPEED_DOWN), None),
            ("+ faster", Intent(Kind.SPEED_UP), None),
            ("Enter: next turn", Intent(Kind.END_TURN), "@primary"),
        ]
        self.headers.append((_teacher_header(speed_label), palette.MUTED, pygame.Rect(x, head_y, self.rect.width, 0)))
        for label, intent, cls_id in items:
            w = _button_w(label, m)
            if intent.kind is Kind.AUTO_PLAY:  # wide enough for both words, so switching moves nothing
                w = max(_button_w(_auto_label(True), m), _button_w(_auto_label(False), m))
            b = pygame_gui.elements.UIButton(
                pygame.Rect(x, y, w, m.button_h),
                label,
                scene.ui,
                object_id=ObjectID(class_id=cls_id) if cls_id else None,
            )
            scene.add(b, intent)
            if intent.kind is Kind.AUTO_PLAY:
                self.auto_button = b
            x += w + m.pad

    def _build_actions(self, scene, at, head_y: int) -> tuple[int, int]:
        """The nine actions under their two families' headers; where the next button would go."""
        m, (x, y) = self.m, at
        pad, bh = m.pad, m.button_h
        game = getattr(scene, "game", None)
        local = game is not None and not game.scenario.dynamics
        helps = {**ACTION_HELP, **ACTION_HELP_LOCAL} if local else ACTION_HELP
        det, dia = self._groups(m)
        for family, group, colour, cls_id in (
            ("Deterrence", det, palette.DETERRENCE, "@deterrence"),
            ("Dialogue", dia, palette.DIALOGUE, "@dialogue"),
        ):
            start = x
            for a, label in group:
                if local and a is Action.FORUM:
                    label = f"{int(a) + 1} Talks"  # no regional forum in a two-actor 2x2 game (as short)
                w = _button_w(label, m)
                if x + w > self.rect.right - pad:  # the row is full: the next row (large text sizes)
                    x, y = self.rect.x + pad, y + bh + pad // 2
                name = ACTION_LABELS_LOCAL.get(a, a.label) if local else a.label
                tip = f"{name} (key {int(a) + 1}, {family.lower()} family). {helps[a]}"
                b = pygame_gui.elements.UIButton(
                    pygame.Rect(x, y, w, bh), label, scene.ui, tool_tip_text=tip, object_id=ObjectID(class_id=cls_id)
                )
                scene.add(b, Intent(Kind.CHOOSE_ACTION, int(a)))
                self.buttons[a] = b
                x += w + pad // 2
            self.headers.append((family, colour, pygame.Rect(start, head_y, x - start, 0)))
            x += pad
        return x, y

    def _build_target(self, scene, at, head_y: int, longest_name: str):
        """The target slot between its < and > buttons, and End turn at the right."""
        m, (x, y) = self.m, at
        pad, bh = m.pad, m.button_h
        two = self._rows(m, self.rect.width, True) >= 2
        if two and (y == self.target_y_first(head_y, m) or x + self._target_w(m) > self.rect.right):
            x = self.rect.x + pad  # the target on a row of its own, unless it fits after the last actions
            y += bh + pad // 2
        w = _button_w("<", m)
        scene.add(
            pygame_gui.elements.UIButton(
                pygame.Rect(x, y, w, bh), "<", scene.ui, tool_tip_text="Previous target (Shift+Tab)"
            ),
            Intent(Kind.PREV_TARGET),
        )
        # on two rows there is no header line over the target: the label says "Target:" itself
        self.target_prefix = "Target: " if two else ""
        label_w = (
            max(text.size(self.target_prefix + name, m.body, "bold")[0] for name in (longest_name,) + NO_TARGET_LABELS)
            + pad
        )
        self.target_rect = pygame.Rect(x + w + pad // 2, y, label_w, bh)
        if not two:
            self.headers.append(("Target (Tab or click the map)", palette.MUTED, pygame.Rect(x, head_y, 0, 0)))
        x = self.target_rect.right + pad // 2
        scene.add(
            pygame_gui.elements.UIButton(pygame.Rect(x, y, w, bh), ">", scene.ui, tool_tip_text="Next target (Tab)"),
            Intent(Kind.NEXT_TARGET),
        )
        x += w + pad
        ew = _button_w("End turn", m)
        end = pygame_gui.elements.UIButton(
            pygame.Rect(max(x, self.rect.right - pad - ew), y, ew, bh),
            "End turn",
            scene.ui,
            object_id=ObjectID(class_id="@primary"),
            tool_tip_text="Enter: confirm your move, then Enter again to lock it in",
        )
        scene.add(end, Intent(Kind.END_TURN))

    def show_choice(self, action: Action | None):
        for a, b in self.buttons.items():
            if a == action:
                if not b.is_selected:
                    b.select()
            elif b.is_selected:
                b.unselect()

    def show_blocked(self, blocked: dict):
        """Grey out the actions the rules would refuse whatever the target ({action: why}), in place;
        the key still chooses one, and the status line then says why it would be refused."""
        for a, b in self.buttons.items():
            if a in blocked and b.is_enabled:
                b.disable()
            elif a not in blocked and not b.is_enabled:
                b.enable()

    def show_auto(self, auto_on: bool, speed_label: str):
        """Teacher mode: the auto-play switch and the speed in the header, updated in place."""
        if self.auto_button is None:
            return
        label = _auto_label(auto_on)
        if self.auto_button.text != label:
            self.auto_button.set_text(label)
        _, colour, rect = self.headers[0]
        self.headers[0] = (_teacher_header(speed_label), colour, rect)

    # ------------------------------------------------------------------ drawing
    def draw(
        self, surface, status: str, status_colour=palette.TEXT, target_label: str = "", target_colour=palette.FOCUS
    ):
        m = self.m
        if m is None:
            return
        pygame.draw.rect(surface, palette.PANEL, self.rect)
        pygame.draw.line(surface, palette.PANEL_EDGE, self.rect.topleft, self.rect.topright, 2)
        line = text.ellipsize(status, m.body, self.status_rect.width, "bold")
        surface.blit(text.render(line, m.body, status_colour, "bold"), self.status_rect.topleft)
        for label, colour, r in self.headers:
            avail = max(r.width, text.size(label, m.small, "bold")[0])
            surface.blit(text.render(text.ellipsize(label, m.small, avail, "bold"), m.small, colour, "bold"), r.topleft)
        if target_label and hasattr(self, "target_rect"):
            target_label = getattr(self, "target_prefix", "") + target_label
            line = text.ellipsize(target_label, m.body, self.target_rect.width, "bold")
            img = text.render(line, m.body, target_colour, "bold")
            surface.blit(img, img.get_rect(center=self.target_rect.center))
