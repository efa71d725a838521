"""The crisis prompt: a human party to an open crisis chooses a stance (stand firm, escalate,
settle, back down); a human ally of a party chooses to back it or stay out.

It is drawn over the dimmed play screen and holds its own buttons, each registered with the
intent its key sends (F X S B, Y N), so keys and clicks share one path. It names the stake, the
other party, the rung and what each answer does. What the rules do with the answers is in
game.core.model.rules.crises; the words here follow vocab.STANCE_HELP and docs/MODEL.md.
"""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game.core.model.vocab import RUNG_NAMES, STANCE_HELP, Stance

from ..window import palette, text
from ..window.intents import STANCE_KEYS, Intent, Kind
from . import shapes

WAR = len(RUNG_NAMES) - 1
BACK_HELP = (
    "Your strength counts on {ally}'s side, which may make the other side give way; if war comes, "
    "you are in it (entrapment)."
)
STAY_HELP = (
    "You keep out of the war if it comes, but your alliance with {ally} loses credibility: others "
    "count on your commitments less (abandonment)."
)
LATER = "Decide later (Esc)"


def rung_line(rung: int) -> str:
    """'Rung 2 of 4: confrontation. Next: brink, then war.'"""
    rung = max(1, min(WAR - 1, int(rung)))
    ahead = RUNG_NAMES[rung + 1 :]
    nxt = ", then ".join(ahead)
    return f"Rung {rung} of {WAR}: {RUNG_NAMES[rung]}. Next: {nxt}."


def situation(prompt: dict, me: int, names: list[str], last: str = "") -> list[str]:
    """The sentences above the choices: who faces whom over what, how high the crisis stands, and
    what its parties and their allies did last turn (`last`, from explain.crisis_lines)."""
    more = [f"Last turn: {last}"] if last else []
    a, b = prompt["parties"]
    stake = prompt["name"]
    challenger = prompt.get("challenger", -1)
    if prompt["kind"] == "stance":
        other = b if a == me else a
        if challenger == me:
            head = f"You challenged {names[other]} over {stake}."
        elif challenger == other:
            head = f"{names[other]} challenged you over {stake}."
        else:
            head = f"An event opened a crisis between you and {names[other]} over {stake}."
        return (
            [head, rung_line(prompt["rung"])]
            + more
            + ["Choose your stance for this turn. It stays hidden until every move is in."]
        )
    ally = prompt["ally"]
    other = b if a == ally else a
    return (
        [f"Your ally {names[ally]} faces {names[other]} in a crisis over {stake}.", rung_line(prompt["rung"])]
        + more
        + [f"Do you back {names[ally]}? Your answer stays hidden until every move is in."]
    )


def options(prompt: dict, names: list[str]) -> list[tuple[str, Intent, str, object]]:
    """(button label, intent, what it does, the answer) for each choice of the prompt."""
    if prompt["kind"] == "stance":
        return [(f"{STANCE_KEYS[int(s)]}  {s.label}", Intent(Kind.STANCE, int(s)), STANCE_HELP[s], s) for s in Stance]
    ally = names[prompt["ally"]]
    return [
        (f"Y  Back {ally}", Intent(Kind.BACKING, True), BACK_HELP.format(ally=ally), True),
        ("N  Stay out", Intent(Kind.BACKING, False), STAY_HELP.format(ally=ally), False),
    ]


def title(prompt: dict) -> str:
    if prompt["kind"] == "stance":
        return f"Crisis over {prompt['name']}"
    return f"Your ally's crisis over {prompt['name']}"


class CrisisPrompt:
    """One prompt at a time; the play screen builds it in its layout and updates the answer in place."""

    def __init__(self):
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.buttons: dict = {}  # answer -> pygame_gui button
        self.m = None
        self.prompt: dict | None = None

    def build(
        self, scene, area, m, prompt: dict, me: int, names: list[str], answer=None, place: str = "", last: str = ""
    ):
        """Lay the prompt out centred in `area` (the whole window, inset) and add its buttons to scene."""
        self.m, self.prompt = m, prompt
        self.buttons = {}
        area = pygame.Rect(area)
        pad = m.pad
        width = min(area.width, max(round(m.body * 44), area.width * 2 // 3))
        inner_w = width - 4 * pad
        opts = options(prompt, names)
        label_w = max(text.size(label, m.body, "bold")[0] for label, *_ in opts) + 2 * pad + 8
        bh = m.button_h
        help_w = inner_w - label_w - 2 * pad
        later_w = text.size(LATER, m.body, "bold")[0] + 2 * pad + 8
        head_px = m.heading

        def measure(px):
            head = text.Block(
                [
                    (t, px, palette.TEXT if k == 0 else palette.MUTED, "bold" if k == 0 else "regular")
                    for k, t in enumerate(situation(prompt, me, names, last))
                ],
                inner_w,
                gap=max(2, px // 3),
            )
            helps = [text.Block([(h, px, palette.TEXT, "regular")], help_w) for _, _, h, _ in opts]
            rows = [max(bh, b.height) for b in helps]
            height = (
                text.line_height(head_px, "bold")
                + pad
                + head.height
                + 2 * pad
                + sum(rows)
                + pad * (len(rows) - 1)
                + 2 * pad
                + bh
                + 3 * pad
            )
            return head, helps, rows, height

        px = m.body
        head, helps, rows, height = measure(px)
        while height > area.height and px > max(11, round(m.body * 0.7)):
            px = max(11, round(px * 0.92))
            head, helps, rows, height = measure(px)
        self.rect = pygame.Rect(0, 0, width, min(area.height, height))
        self.rect.center = area.center
        self.head, self.helps = head, helps
        x = self.rect.x + 2 * pad
        y = self.rect.y + 2 * pad
        self.title_pos = (x, y)
        self.place = place
        y += text.line_height(head_px, "bold") + pad
        self.head_pos = (x, y)
        y += head.height + 2 * pad
        self.rows = []
        ui = scene.ui
        family = "@deterrence"
        for (label, intent, _help, value), block, row_h in zip(opts, helps, rows):
            b = pygame_gui.elements.UIButton(
                pygame.Rect(x, y + (row_h - bh) // 2, label_w, bh),
                label,
                ui,
                tool_tip_text=_help,
                object_id=ObjectID(class_id=family),
            )
            scene.add(b, intent)
            self.buttons[value] = b
            self.rows.append((block, (x + label_w + 2 * pad, y + (row_h - block.height) // 2)))
            y += row_h + pad
        y += pad
        later = pygame_gui.elements.UIButton(
            pygame.Rect(self.rect.right - 2 * pad - later_w, y, later_w, bh),
            LATER,
            ui,
            tool_tip_text="Look at the map first: Enter at the end of your turn, or K, brings the prompt back",
        )
        scene.add(later, Intent(Kind.MENU))
        self.hint_rect = pygame.Rect(x, y, later.rect.x - x - pad, bh)
        self.show_answer(answer)

    def show_answer(self, answer):
        """Mark the chosen answer's button, in place."""
        for value, b in self.buttons.items():
            if answer is not None and value == answer and type(value) is type(answer):
                if not b.is_selected:
                    b.select()
            elif b.is_selected:
                b.unselect()

    def draw(self, surface, hint: str = ""):
        m = self.m
        if m is None or self.prompt is None:
            return
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 170))
        surface.blit(shade, (0, 0))
        text.veiled(surface)
        pygame.draw.rect(surface, palette.PANEL, self.rect, border_radius=10)
        edge = palette.BAND_COLOURS["brink"] if self.prompt["rung"] >= WAR - 1 else palette.FOCUS
        pygame.draw.rect(surface, edge, self.rect, 3, border_radius=10)
        x, y = self.title_pos
        room = self.rect.right - 2 * m.pad - x
        shapes.crisis_icon(
            surface,
            (x + m.heading * 0.8, y + text.line_height(m.heading, "bold") / 2),
            int(self.prompt["rung"]),
            m.heading,
        )
        tx = x + round(m.heading * 1.9)
        if self.place:
            place = text.render(self.place, m.small, palette.MUTED, "bold")
            surface.blit(place, place.get_rect(topright=(self.rect.right - 2 * m.pad, y)))
            room -= place.get_width() + m.pad
        label = text.ellipsize(title(self.prompt), m.heading, room - (tx - x), "bold")
        surface.blit(text.render(label, m.heading, palette.FOCUS, "bold"), (tx, y))
        surface.blit(self.head.surface, self.head_pos)
        for block, pos in self.rows:
            surface.blit(block.surface, pos)
        if hint:
            line = text.ellipsize(hint, m.small, self.hint_rect.width, "bold")
            img = text.render(line, m.small, palette.MUTED, "bold")
            surface.blit(img, img.get_rect(midleft=(self.hint_rect.x, self.hint_rect.centery)))
