"""Lesson mode: the teacher's guide (game/core/teaching/lesson_plan.py) run from one launch.

The screen shows one part at a time: its minutes, the teacher's prompt in large type, and the game
the program sets up for it (scenario, seats, world, seed, turns) or the lab screen it opens. Enter
starts the part; N or PgDn goes to the next part, B or PgUp back, V changes the version (one lesson,
or the first or second of two). While a part plays, a strip along the bottom of the window keeps its
prompt in view, and Ctrl+PgDn / Ctrl+PgUp move on or back from any screen (the play screen's own
PgDn, PgUp, N and B keep their meaning). Each game is kept for the lesson, so going back to a part
finds the class's game where it was, and a part that goes on with the previous one plays the same game.
"""

from __future__ import annotations

import random

import pygame

from game.core.files.scenario import load_scenario
from game.core.model.doctrines import HUMAN
from game.core.play.lesson_games import part_game
from game.core.teaching import lesson_plan as plan_data

from ..window import palette, text
from ..window.cycle import cycled
from ..window.intents import Intent, Key, Kind, MENU_KEYS
from ..window.scene import ListScene
from ..widgets.button_list import ButtonList
from .help import register_screen_keys

LESSON_KEYS: list[Key] = register_screen_keys(
    "Lesson",
    [
        Key(pygame.K_n, Intent(Kind.NEXT_TAB), "N or PgDn", "next part"),
        Key(pygame.K_PAGEDOWN, Intent(Kind.NEXT_TAB), "", ""),
        Key(pygame.K_b, Intent(Kind.PREV_TAB), "B or PgUp", "previous part"),
        Key(pygame.K_PAGEUP, Intent(Kind.PREV_TAB), "", ""),
        Key(pygame.K_v, Intent(Kind.CYCLE), "V", "another version: one lesson, or the first or second of two"),
        Key(pygame.K_RIGHT, Intent(Kind.FOCUS_NEXT), "→", "next button"),
        Key(pygame.K_LEFT, Intent(Kind.FOCUS_PREV), "←", "previous button"),
    ]
    + [k for k in MENU_KEYS if k.key not in (pygame.K_LEFT, pygame.K_RIGHT)],
)
# from any screen while a part plays: held with Ctrl, so the screen's own PgDn and PgUp are kept
STEER_KEYS = {pygame.K_PAGEDOWN: +1, pygame.K_PAGEUP: -1}
STEER_HINT = "Ctrl+PgDn next part · Ctrl+PgUp back"


def steer_step(event) -> int:
    """+1 or -1 for Ctrl+PgDn or Ctrl+PgUp, else 0."""
    if event.type != pygame.KEYDOWN or not getattr(event, "mod", 0) & (pygame.KMOD_CTRL | pygame.KMOD_META):
        return 0
    return STEER_KEYS.get(event.key, 0)


def _seat_words(sc, part) -> str:
    """Who plays: 'The class plays Japan; every other actor: AI (the scenario's doctrines)'."""
    seats = dict(part.seats)
    humans = [a.name for a in sc.actors if seats.get(a.code) == HUMAN]
    named = [f"{a.name}: AI, {seats[a.code]}" for a in sc.actors if seats.get(a.code) not in (None, HUMAN)]
    others = f"AI, {part.everyone}" if part.everyone else "AI (the scenario's doctrines)"
    rest = "every actor" if not seats else "every other actor"
    words = [f"The class plays {' and '.join(humans)}"] if humans else ["No human seat: Space plays and pauses"]
    words += named or [f"{rest}: {others}"]
    return "; ".join(words)


def setup_lines(plan, index: int) -> list[str]:
    """The part's setup in words, as the card shows it."""
    part = plan.parts[index]
    if part.screen:
        return [f"Opens the {part.screen} screen of the lab."]
    if not part.plays:
        return ["No game: talk with the class, then N for the next part."]
    if part.same_game:
        origin = origin_of(plan, index)
        return [f"Goes on with the game of part {plan.parts[origin].key} ({plan.parts[origin].title})."]
    sc = load_scenario(part.scenario)
    seed = f"seed {part.seed}" if part.seed is not None else "a seed drawn when the part opens"
    world = (
        "World: hidden (drawn from the seed, named only in the debrief)"
        if part.worldview == plan_data.HIDDEN
        else f"World: {part.worldview or sc.worldview.preset}"
    )
    changed = ", ".join(f"{k} {v:g}" for k, v in part.sets)
    lines = [
        f"{sc.title}, {part.turns or sc.turns} turns, {seed}",
        world + (f"; changed: {changed}" if changed else ""),
    ]
    return lines + [_seat_words(sc, part)]


def origin_of(plan, index: int) -> int:
    """The part whose game a part plays: itself, or the last one before it with a game of its own."""
    while index > 0 and plan.parts[index].same_game:
        index -= 1
    return index


class LessonScene(ListScene):
    name = "lesson"
    keys = LESSON_KEYS
    still = True  # nothing moves: the window waits for input

    def __init__(self, app, plan_key: str = "short"):
        super().__init__(app)
        self.plan = plan_data.plan(plan_key)
        self.index = 0
        self.games: dict[tuple[str, int], object] = {}
        self._strips: dict = {}

    @property
    def part(self):
        return self.plan.parts[self.index]

    # -------------------------------------------------------------- lifecycle
    def enter(self):
        self.app.lesson = self
        self.app.set_scale(self.part.scale, remember=False)
        super().enter()

    def exit(self):
        if self.app.lesson is self:
            self.app.lesson = None
        super().exit()

    # -------------------------------------------------------------- moving through the parts
    def go(self, index: int):
        """Show part `index` (within the plan), at its text size."""
        self.index = max(0, min(len(self.plan.parts) - 1, index))
        self.list.focus = 0
        self.app.set_scale(self.part.scale, remember=False)
        self.relayout()

    def home(self):
        """Close every screen above the lesson and show it again."""
        if self.app.top is self:
            return
        while self.app.top is not self:
            self.app.stack.pop().exit()
        self.uncover()

    def steering(self, event) -> bool:
        """Ctrl+PgDn / Ctrl+PgUp from any screen: back here, on the next or previous part."""
        step = steer_step(event)
        if step:
            self.home()
            self.go(self.index + step)
        return bool(step)

    def game_of(self, index: int):
        """The game part `index` plays, made the first time it is asked for and kept for the lesson."""
        origin = origin_of(self.plan, index)
        key = (self.plan.key, origin)
        if key not in self.games:
            part = self.plan.parts[origin]
            seed = part.seed if part.seed is not None else random.randrange(1_000_000)
            self.games[key] = part_game(part, seed)
        return self.games[key]

    def start(self, intent=None):
        part = self.part
        if part.screen:
            self.app.push(self.app.scene(part.screen))
        elif part.plays:
            self.app.push(self.app.scene("play", self.game_of(self.index)))
        else:
            self.app.say("This part has no game: talk with the class, then N for the next part.")

    def _next(self, intent):
        self.go(self.index + 1)

    def _previous(self, intent):
        self.go(self.index - 1)

    def _version(self, intent):
        self.plan = cycled(plan_data.PLANS, self.plan, 1)
        self.go(0)

    handlers = ListScene.handlers | {
        Kind.NEXT_TAB: _next,
        Kind.PREV_TAB: _previous,
        Kind.CYCLE: _version,
        Kind.START: start,
    }

    # -------------------------------------------------------------- layout
    def buttons(self):
        last = self.index == len(self.plan.parts) - 1
        has_game = self.part.plays or bool(self.part.screen)
        return [
            ("Start part (Enter)", Intent(Kind.START), has_game, "Open the part's game or screen, set up."),
            ("Next part (N)", Intent(Kind.NEXT_TAB), not last, "The next part of the lesson (PgDn)."),
            ("Previous part (B)", Intent(Kind.PREV_TAB), self.index > 0, "The part before (PgUp)."),
            ("Another version (V)", Intent(Kind.CYCLE), True, "One lesson, or the first or second of two lessons."),
            ("Title screen (Esc)", Intent(Kind.BACK), True, "Leave the lesson."),
        ]

    def layout(self):
        m = self.m
        w, h = self.app.size
        items = self.buttons()
        bw = ButtonList.width_for([i[0] for i in items], m.body, m.pad)
        gap = m.pad
        columns = max(1, min(len(items), (w - 4 * m.pad + gap) // (bw + gap)))
        rows = -(-len(items) // columns)
        if columns > 1:  # the rows fill from the top: as few rows as the columns allow, and no gaps
            columns = -(-len(items) // rows)
        bw = min(bw, (w - 4 * m.pad - (columns - 1) * gap) // columns)
        buttons_h = rows * (m.button_h + gap)
        x = (w - columns * bw - (columns - 1) * gap) // 2
        self.list.build(self, items, x, h - buttons_h - m.pad, bw, m.button_h, gap, None, columns)
        self.card = pygame.Rect(2 * m.pad, 2 * m.pad, w - 4 * m.pad, h - buttons_h - 4 * m.pad)
        self.block = text.fit(self._paragraphs, self.card.width, self.card.height, m.body, min_px=text.MIN_PX)

    def _paragraphs(self, px: int) -> list:
        part, plan = self.part, self.plan
        where = f"Part {self.index + 1} of {len(plan.parts)} · minutes {part.start}–{part.end} · {plan.title}"
        paras = [
            (where, round(px * 0.8), palette.MUTED, "regular"),
            (f"{part.key}. {part.title}", round(px * 1.6), palette.TEXT, "bold"),
            (part.prompt, round(px * 1.3), palette.FOCUS, "bold"),
        ]
        paras += [(line, px, palette.TEXT, "regular") for line in setup_lines(plan, self.index)]
        if part.keys:
            paras.append((f"Keys: {part.keys}", round(px * 0.85), palette.ACCENT, "regular"))
        paras.append((f"While it plays: {STEER_HINT}.", round(px * 0.8), palette.MUTED, "italic"))
        return paras

    def draw(self, surface):
        surface.fill(palette.BACKGROUND)
        surface.blit(self.block.surface, self.card.topleft)

    # -------------------------------------------------------------- the strip under a part's screens
    def _strip_lines(self, m) -> list[str]:
        """The part and its prompt, wrapped beside the steering keys: two lines at most. Kept, since the
        window asks for the strip's height whenever a screen asks for its room."""
        key = (self.plan.key, self.index, m)
        if key not in self._strips:
            self._strips = {key: self._wrap_strip(m)}
        return self._strips[key]

    def _wrap_strip(self, m) -> list[str]:
        room = m.width - text.size(STEER_HINT, m.small)[0] - 3 * m.pad
        lines = text.wrap(f"Part {self.part.key} · {self.part.prompt}", m.small, room, "bold")
        if len(lines) > 2:
            lines = [lines[0], text.ellipsize(" ".join(lines[1:]), m.small, room, "bold")]
        return lines

    def strip_height(self, m) -> int:
        return len(self._strip_lines(m)) * text.line_height(m.small, "bold") + m.pad

    def draw_strip(self, surface, rect: pygame.Rect, m):
        """The part and its prompt along the bottom of the window, with the steering keys at the right."""
        pygame.draw.rect(surface, palette.PANEL, rect)
        pygame.draw.line(surface, palette.FOCUS, rect.topleft, rect.topright, 2)
        y = rect.y + m.pad // 2
        for line in self._strip_lines(m):
            surface.blit(text.render(line, m.small, palette.FOCUS, "bold"), (rect.x + m.pad, y))
            y += text.line_height(m.small, "bold")
        hint = text.render(STEER_HINT, m.small, palette.MUTED)
        surface.blit(hint, hint.get_rect(midright=(rect.right - m.pad, rect.centery)))
