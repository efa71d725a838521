"""Help: every key (F1 or ?), and the longer "How to play" page from the title screen."""

from __future__ import annotations

import pygame
import pygame_gui

from game.core.model.vocab import ACTION_HELP, Action

from ..window import intents, layout, palette, text
from ..window.intents import Intent, Kind
from ..window.metrics import Metrics
from ..window.scene import Scene
from . import overlay

ACTION_KEYS = (
    "1 Arm, 2 Ally, 3 Pressure, 9 Challenge (deterrence); 4 Summit, 5 CBM, 6 Forum, 7 Trade, 8 Hold (dialogue)"
)


def merged(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Keys that do the same thing share one row ("↓ / Tab — next item")."""
    out: dict[str, list[str]] = {}
    for keys, what in rows:
        out.setdefault(what, []).append(keys)
    return [(" / ".join(keys), what) for what, keys in out.items()]


SCREEN_KEYS: dict[int, str] = {}  # id(key table) -> section title, for screens that register their keys


def register_screen_keys(title: str, keys: list) -> list:
    SCREEN_KEYS[id(keys)] = title
    return keys


def key_sections(scene_keys=None) -> list[tuple[str, list[tuple[str, str]]]]:
    """Sections of the help: the keys of the screen it was opened from first, then the rest."""
    play = [("1–9", f"choose an action: {ACTION_KEYS}")]
    play += [r for r in intents.help_rows(intents.PLAY_KEYS) if not r[0].isdigit()]
    play.append(("Mouse", "click an action, a target on the map, or any button; wheel scrolls the why panel"))
    everywhere = intents.help_rows(intents.GLOBAL_KEYS)
    menus = intents.help_rows(intents.MENU_KEYS) + [("Ctrl+R", "setup: a random seed")]
    debrief = intents.help_rows(intents.DEBRIEF_KEYS)
    sections = {
        "play": ("Playing a turn", play),
        "menus": ("Menus, setup and lists", menus),
        "debrief": ("Debrief", debrief),
    }
    first = {id(intents.PLAY_KEYS): "play", id(intents.DEBRIEF_KEYS): "debrief"}.get(id(scene_keys), "menus")
    if id(scene_keys) in SCREEN_KEYS:
        sections["screen"] = (SCREEN_KEYS[id(scene_keys)], merged(intents.help_rows(scene_keys)))
        first = "screen"
    order = [first] + [k for k in ("play", "menus", "debrief") if k != first]
    out = [(sections[k][0], merged(sections[k][1])) for k in order]
    out.insert(1, ("Everywhere", merged(everywhere)))
    return out


AUTO_PLAY_NOTE = (
    "Space auto-plays only when every seat is AI (teacher mode); with humans at the table each "
    "human chooses every move, and Enter ends the turn. Undo (Ctrl+Z) replays the game from "
    "its seed and choices, so it is exact."
)


def key_paragraphs(px: int) -> list:
    paras = []
    for title, rows in key_sections():
        paras.append((title, round(px * 1.1), palette.ACCENT, "bold"))
        for keys, what in rows:
            paras.append((f"{keys}  —  {what}", px, palette.TEXT, "regular"))
    paras.append((AUTO_PLAY_NOTE, px, palette.MUTED, "italic"))
    return paras


HELP_KEYS = intents.OVERLAY_KEYS + [
    intents.Key(pygame.K_DOWN, Intent(Kind.SCROLL, 1), "↓", "more below (at large text sizes)"),
    intents.Key(pygame.K_UP, Intent(Kind.SCROLL, -1), "↑", "back up"),
    intents.Key(pygame.K_PAGEDOWN, Intent(Kind.SCROLL, 8), "PgDn", "a page down"),
    intents.Key(pygame.K_PAGEUP, Intent(Kind.SCROLL, -8), "PgUp", "a page up"),
]


class HelpScene(Scene):
    """Every key, as an overlay over the screen it was opened from. At large text sizes the two columns
    scroll (↓ ↑, PgDn PgUp, the wheel) rather than shrink below the size of text at 1.0."""

    overlay = True
    keys = HELP_KEYS
    name = "help"

    def __init__(self, app, scene_keys=None):
        super().__init__(app)
        self.scene_keys = scene_keys
        self.first = 0  # the first line shown in each column

    def layout(self):
        m = self.m
        self.rect = overlay.card_rect(self.app.size, m, 0.92, 0.92)
        inner = self.rect.inflate(-2 * m.pad, -2 * m.pad)
        head = text.line_height(m.heading, "bold") + m.pad
        bw = text.size("Close (Esc)", m.body, "bold")[0] + 3 * m.pad
        self.add(
            pygame_gui.elements.UIButton(
                pygame.Rect(inner.right - bw, inner.y, bw, m.button_h), "Close (Esc)", self.ui
            ),
            Intent(Kind.BACK),
        )
        self.title = text.first_fitting(
            ["Keys (every key: How to play, on the title screen)", "Keys (all: How to play)", "Keys"],
            m.heading,
            inner.width - bw - 2 * m.pad,
            "bold",
        )
        body = layout.column(inner, max(head, m.button_h), None, gap=m.pad // 2)[1]
        left_col, right_col = layout.row(body, None, None, gap=2 * m.pad)
        col_w = left_col.width
        # this screen's keys and the global ones; the rest are on the How to play page
        sections = key_sections(self.scene_keys)[:2]
        # balance the columns: the screen's own keys are split, the global ones close the right column
        title, rows = sections[0]
        half = (len(rows) + len(sections[1][1]) + 3) // 2
        first = [(title, rows[:half])]
        rest = ([(f"{title} (continued)", rows[half:])] if rows[half:] else []) + sections[1:]
        left = lambda px: self._paras(first, px)  # noqa: E731
        right = lambda px: self._paras(rest, px, note=True)  # noqa: E731
        px = m.body
        # never smaller than the text at 1.0, nor much smaller than this size's: it scrolls instead
        floor = max(Metrics(*self.app.size, 1.0).body, round(m.body * 0.8))
        while True:
            a = text.Block(left(px), col_w, gap=max(2, px // 3))
            b = text.Block(right(px), col_w, gap=max(2, px // 3))
            if max(a.height, b.height) <= body.height or px <= floor:
                break
            px = max(floor, int(px * 0.93))
        self.scrolls = max(a.height, b.height) > body.height
        if self.scrolls:
            body.height -= text.line_height(m.small, "bold") + m.pad // 2
        self.body = body
        self.bindings.wheel = lambda dy, pos: Intent(Kind.SCROLL, -2 * dy)
        self.columns = [(a, left_col.topleft), (b, right_col.topleft)]
        self.first = min(self.first, self._limit())

    def _limit(self) -> int:
        return max(text.scroll_limit(block, self.body.height) for block, _ in self.columns)

    @staticmethod
    def _paras(sections, px, note=False):
        paras = []
        for title, rows in sections:
            paras.append((title, round(px * 1.1), palette.ACCENT, "bold"))
            for keys, what in rows:
                paras.append((f"{keys}  —  {what}", px, palette.TEXT, "regular"))
        if note:
            paras.append((AUTO_PLAY_NOTE, px, palette.MUTED, "italic"))
        return paras

    def close(self, intent):
        self.app.pop()

    def scroll_by(self, intent):
        self.first = max(0, min(self._limit(), self.first + intent.arg))

    handlers = {Kind.BACK: close, Kind.HELP: close, Kind.ACTIVATE: close, Kind.MENU: close, Kind.SCROLL: scroll_by}

    def draw(self, surface):
        overlay.dim(surface)
        overlay.draw_card(surface, self.rect, self.title, self.m)
        for block, pos in self.columns:
            shown, _ = text.window(block, min(self.first, text.scroll_limit(block, self.body.height)), self.body.height)
            surface.blit(shown, pos)
        if self.scrolls:
            more = "↓ ↑ PgDn PgUp or the wheel: more keys" if self.first < self._limit() else "↑ PgUp: back up"
            line = text.ellipsize(more, self.m.small, self.body.width, "bold")
            surface.blit(
                text.render(line, self.m.small, palette.FOCUS, "bold"),
                (self.body.x, self.body.bottom + self.m.pad // 2),
            )


RULES = [
    (
        "What this is",
        "A turn-based game about regional security in East Asia. Each turn every actor chooses "
        "between deterrence (arm, ally, pressure) and dialogue (summit, confidence-building, regional forum, trade, "
        "hold). The game scores trust and tension. It takes no side: which concept works depends on facts nobody sees.",
    ),
    (
        "Two security concepts",
        "The deterrence model (Jervis 1976): weakness invites aggression, so arming and "
        "alliances keep the peace. The spiral model: arming provokes fear and fear provokes arming, so dialogue and "
        "cooperation — the ASEAN way (Acharya 2001) — keep the peace. Every event card gives both readings.",
    ),
    (
        "The hidden worldview",
        "A worldview sets how the world works: how many actors are secretly greedy (Glaser), "
        "what arming and alliances signal, how much misperception there is, how credible allies are. "
        "Deterrence-world and spiral-world are the two presets. "
        "Actors' true dispositions stay hidden until the debrief.",
    ),
    (
        "Which world is this?",
        'A new game starts on the worldview "hidden": the game draws deterrence-world or '
        "spiral-world from its seed and nobody is told which, as real decision-makers are not (Jervis). After a "
        "third and two thirds of the turns, and at the end, each human says how likely it thinks the spiral world "
        "is (← → by 5, ↑ ↓ by 10, digits or the slider; Enter), in hot-seat behind its own pass screen. The "
        "debrief reveals the world and scores each belief path (Brier score) beside a Bayesian observer of the "
        "same public moves.",
    ),
    (
        "A turn",
        "An event card from the source article is drawn and applied. Every actor picks one action at the "
        "same time — humans on the action bar, AI actors by their doctrine. Then beliefs (trust) update, arms and "
        "tension move, and crises may climb a ladder of four rungs: dispute, confrontation, brink, war.",
    ),
    ("The actions", " ".join(f"{int(a) + 1} {a.label}: {ACTION_HELP[a]}" for a in Action)),
    (
        "Reading the screen",
        "Map: each actor has a colour and a shape; lines show trust (solid ≥ 0.6, dashed 0.4–0.6, "
        "dotted < 0.4), thickness shows alliances, and a diamond with a number marks a crisis rung. The gauge shows "
        "regional tension 0–100 in four bands: calm, friction, crisis, brink. The why panel says what moved trust and "
        "tension this turn and why.",
    ),
    (
        "How it ends",
        "A regional war (a crisis reaches the top rung), a cold-war lock-in (tension high to the end), a "
        "security community (trust high and tension low for several turns), or the turn limit. The last turn stays "
        "on screen (card, moves, why) until Enter: See the debrief. The debrief leads with each human's own game: "
        "its type, its score against the scenario's AI in its seat, one plain sentence and what its moves did; then "
        "the world, the outcome and every type; a war told rung by rung; scores, charts and turning points. O "
        "replays the game under the other world with the same actors, types, cards and choices; P exports the "
        "record, the charts and a one-page debrief to print.",
    ),
    (
        "Hot-seat",
        "Several humans share one keyboard: each chooses in turn, and a pass screen hides the previous "
        "choice, because moves are simultaneous.",
    ),
]


class HowToPlayScene(Scene):
    """The rules and every key on one scrolling page."""

    keys = intents.MENU_KEYS
    name = "how-to-play"

    def __init__(self, app):
        super().__init__(app)
        self.scroll = 0

    def layout(self):
        m = self.m
        w, h = self.app.size
        self.add_scroll_page_controls()
        width = min(w - 4 * m.pad, round(m.body * 48))
        px = m.body
        paras = [("How to play", m.title, palette.TEXT, "bold")]
        for title, body in RULES:
            paras.append((title, m.heading, palette.ACCENT, "bold"))
            paras.append((body, px, palette.TEXT, "regular"))
        paras.append(("Keys", m.heading, palette.ACCENT, "bold"))
        paras += key_paragraphs(px)
        self.block = text.Block(paras, width, gap=m.pad // 2 + 2)
        self.view = pygame.Rect((w - width) // 2, m.button_h + 2 * m.pad, width, h - m.button_h - 3 * m.pad)
        self.step = text.line_height(px) * 3
        self.scroll = max(0, min(self.scroll, self.block.height - self.view.height))

    def close(self, intent):
        self.app.pop()

    def scroll_by(self, intent):
        delta = self.step if intent.kind is Kind.FOCUS_NEXT else -self.step
        self.scroll = max(0, min(self.block.height - self.view.height, self.scroll + delta))

    handlers = {Kind.BACK: close, Kind.ACTIVATE: close, Kind.FOCUS_NEXT: scroll_by, Kind.FOCUS_PREV: scroll_by}

    def draw(self, surface):
        m = self.m
        surface.fill(palette.BACKGROUND)
        clip = surface.get_clip()
        surface.set_clip(self.view)
        surface.blit(self.block.surface, (self.view.x, self.view.y - self.scroll))
        surface.set_clip(clip)
        if self.block.height > self.view.height:
            hint = "↓ / ↑ or the mouse wheel to scroll"
            img = text.render(hint, m.small, palette.FOCUS, "bold")
            surface.blit(img, (m.pad, m.pad))
