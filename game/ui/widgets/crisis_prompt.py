"""The crisis prompt: a human party to an open crisis chooses a stance (stand firm, escalate,
settle, back down); a human ally of a party chooses to back it or stay out.

It is drawn over the dimmed play screen and holds its own buttons, each registered with the
intent its key sends (F X S B, Y N), so keys and clicks share one path. It names the stake, the
other party, the rung and what each answer does, with a table of what every pair of stances does
(teaching.stance_table, read from game.core.model.rules.crises); the words follow vocab.STANCE_HELP.
"""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game.core.model.vocab import RUNG_NAMES, STANCE_HELP, Stance
from game.core.teaching import stance_table

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
TABLE_CAPTION = "What each pair of stances does this turn: your stance down, theirs across"
# settling alone does not stop the climb: the prompt says so beside the button (rules/crises.py)
SETTLE_HELP = (
    "Offer to divide the stake. If both settle, the crisis ends and each gets a share by its odds of winning a "
    "war over it; against a stand firm or an escalation it still climbs a rung."
)


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
        helps = {**STANCE_HELP, Stance.SETTLE: SETTLE_HELP}
        return [(f"{STANCE_KEYS[int(s)]}  {s.label}", Intent(Kind.STANCE, int(s)), helps[s], s) for s in Stance]
    ally = names[prompt["ally"]]
    return [
        (f"Y  Back {ally}", Intent(Kind.BACKING, True), BACK_HELP.format(ally=ally), True),
        ("N  Stay out", Intent(Kind.BACKING, False), STAY_HELP.format(ally=ally), False),
    ]


def outcome_table(rung: int, px: int, width: int, with_note: bool = True):
    """Every pair of stances and what it does at this rung (teaching.stance_table, from the rules): your
    stance down, theirs across; at the brink a note on accidents below."""
    rows = stance_table.table(rung)
    head_w = max(text.size(s.label, px, "bold")[0] for s in Stance) + px
    col_w = max(1, (width - head_w) // len(Stance))
    line = text.line_height(px, "bold")
    note = None
    if with_note and rung >= WAR - 1:
        note = text.Block([(stance_table.BRINK_NOTE, px, palette.MUTED, "italic")], width)
    caption = text.Block([(TABLE_CAPTION, px, palette.MUTED, "bold")], width)
    top = caption.height + 2
    height = top + line * (len(rows) + 1) + (note.height + 2 if note else 0)
    surf = text.surface((width, height), pygame.SRCALPHA)
    surf.blit(caption.surface, (0, 0))
    for c, theirs in enumerate(Stance):
        img = text.render(text.ellipsize(theirs.label, px, col_w - 4, "bold"), px, palette.MUTED, "bold")
        surf.blit(img, (head_w + c * col_w, top))
    for r, (mine, row) in enumerate(zip(Stance, rows)):
        y = top + line * (r + 1)
        surf.blit(text.render(text.ellipsize(mine.label, px, head_w - 4, "bold"), px, palette.TEXT, "bold"), (0, y))
        for c, words in enumerate(row):
            colour = palette.WARNING if words == "WAR" else palette.TEXT
            img = text.render(text.ellipsize(words, px, col_w - 4), px, colour)
            surf.blit(img, (head_w + c * col_w, y))
    if note:
        surf.blit(note.surface, (0, top + line * (len(rows) + 1) + 2))
    return surf


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
        self.table = None  # the stances' outcomes (a party's prompt)
        self.in_row = False  # the answers' buttons side by side (no room for their help beside them)

    def build(
        self, scene, area, m, prompt: dict, me: int, names: list[str], answer=None, place: str = "", last: str = ""
    ):
        """Lay the prompt out centred in `area` (the whole window, inset) and add its buttons to scene."""
        self.m, self.prompt, self.place = m, prompt, place
        self.buttons, self.rows = {}, []
        area = pygame.Rect(area)
        pad = m.pad
        width = min(area.width, max(round(m.body * 44), area.width * 2 // 3))
        opts = options(prompt, names)
        label_w = max(text.size(label, m.body, "bold")[0] for label, *_ in opts) + 2 * pad + 8
        lines = situation(prompt, me, names, last)
        self.head, self.helps, rows, height, self.table = self._fit(lines, opts, width - 4 * pad, label_w, area.height)
        self.rect = pygame.Rect(0, 0, width, min(area.height, height))
        self.rect.center = area.center
        x, y = self.rect.x + 2 * pad, self.rect.y + 2 * pad
        self.title_pos = (x, y)
        y += text.line_height(m.heading, "bold") + pad
        self.head_pos = (x, y)
        y += self.head.height + 2 * pad
        self.table_pos = (x, y)
        if self.table is not None:
            y += self.table.get_height() + 2 * pad
        for k, (label, intent, tip, value) in enumerate(opts):
            row_h = rows[0] if self.in_row else rows[k]
            left = x + k * (label_w + pad) if self.in_row else x
            rect = pygame.Rect(left, y + (row_h - m.button_h) // 2, label_w, m.button_h)
            family = ObjectID(class_id="@deterrence")
            b = pygame_gui.elements.UIButton(rect, label, scene.ui, tool_tip_text=tip, object_id=family)
            scene.add(b, intent)
            self.buttons[value] = b
            if not self.in_row:
                block = self.helps[k]
                self.rows.append((block, (x + label_w + 2 * pad, y + (row_h - block.height) // 2)))
                y += row_h + pad
        if self.in_row:
            y += rows[0] + pad
        self._later_button(scene, x, y + pad)
        self.show_answer(answer)

    def _fit(self, lines: list[str], opts, inner_w: int, label_w: int, room: int):
        """The situation, the outcome table and the answers' help at the body size, smaller (down to 70 %,
        11 px) until they fit the room, laid out tighter if they still do not: (situation block, help
        blocks, row heights, the whole prompt's height, the table)."""
        # short of room: the buttons in a row (their help in their tooltips), then the brink's note left out,
        # then smaller text still (text size 2.0 in a small window)
        for in_row, note, least in ((False, True, 0.7), (True, True, 0.7), (True, False, 0.7), (True, False, 0.55)):
            px = self.m.body
            measured = self._measure(px, lines, opts, inner_w, label_w, in_row, note)
            while measured[3] > room and px > max(11, round(self.m.body * least)):
                px = max(11, round(px * 0.92))
                measured = self._measure(px, lines, opts, inner_w, label_w, in_row, note)
            if measured[3] <= room or self.prompt["kind"] != "stance":
                break
        self.in_row = in_row
        return measured

    def _measure(
        self, px: int, lines: list[str], opts, inner_w: int, label_w: int, in_row: bool = False, note: bool = True
    ):
        """The situation, the answers' help blocks and rows, the prompt's height and the stances' outcome
        table (None for an ally's prompt), at text size px; in_row: the buttons side by side, their help in
        their tooltips only."""
        m, pad, bh = self.m, self.m.pad, self.m.button_h
        table = None
        if self.prompt["kind"] == "stance":
            table = outcome_table(int(self.prompt["rung"]), max(11, round(px * 0.85)), inner_w, note)
        paras = [
            (t, px, palette.TEXT if k == 0 else palette.MUTED, "bold" if k == 0 else "regular")
            for k, t in enumerate(lines)
        ]
        head = text.Block(paras, inner_w, gap=max(2, px // 3))
        helps = [text.Block([(h, px, palette.TEXT, "regular")], inner_w - label_w - 2 * pad) for _, _, h, _ in opts]
        rows = [max(bh, b.height) for b in helps]
        if in_row:
            helps, rows = [], [bh]
        # the title, its gap, the situation, the answers' rows and the gaps between, the later button
        fixed = text.line_height(m.heading, "bold") + pad * (len(rows) - 1) + bh + 8 * pad
        fixed += table.get_height() + 2 * pad if table is not None else 0
        return head, helps, rows, fixed + head.height + sum(rows), table

    def _later_button(self, scene, x: int, y: int):
        """'Later' at the prompt's bottom right (it closes the prompt); the keys hint to its left."""
        m, pad = self.m, self.m.pad
        later_w = text.size(LATER, m.body, "bold")[0] + 2 * pad + 8
        later = pygame_gui.elements.UIButton(
            pygame.Rect(self.rect.right - 2 * pad - later_w, y, later_w, m.button_h),
            LATER,
            scene.ui,
            tool_tip_text="Look at the map first: Enter at the end of your turn, or K, brings the prompt back",
        )
        scene.add(later, Intent(Kind.MENU))
        self.hint_rect = pygame.Rect(x, y, later.rect.x - x - pad, m.button_h)

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
        if self.table is not None:
            surface.blit(self.table, self.table_pos)
        for block, pos in self.rows:
            surface.blit(block.surface, pos)
        if hint:
            line = text.ellipsize(hint, m.small, self.hint_rect.width, "bold")
            img = text.render(line, m.small, palette.MUTED, "bold")
            surface.blit(img, img.get_rect(midleft=(self.hint_rect.x, self.hint_rect.centery)))
