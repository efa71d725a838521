"""Raw pygame events become intents here, and only here, so keys and clicks share one path.

A scene names its key table (PLAY_KEYS, MENU_KEYS, ...) and registers its buttons and click
zones in a Bindings object; `translate` turns one event into at most one Intent. The help
overlay lists the same tables, so what it shows is what the keys do.
"""

from __future__ import annotations

import enum
from typing import Callable

import attrs
import pygame
import pygame_gui


class Kind(enum.Enum):
    # play
    CHOOSE_ACTION = "choose action"
    NEXT_TARGET = "next target"
    PREV_TARGET = "previous target"
    SELECT_TARGET = "select target"
    END_TURN = "end turn"
    UNDO = "undo"
    AUTO_PLAY = "auto-play"
    SPEED_UP = "faster"
    SPEED_DOWN = "slower"
    TOGGLE_CHART = "chart"
    TOGGLE_MAP = "map"
    NEXT_PAIR = "next pair"
    PREV_PAIR = "previous pair"
    SAVE = "save"
    STANCE = "crisis stance"  # arg: a Stance value
    BACKING = "back an ally"  # arg: True to back it, False to stay out
    CRISIS = "crisis prompt"  # show the crisis prompt again
    BELIEF_STEP = "belief step"  # arg: percentage points to add to the stated belief
    BELIEF_DIGIT = "belief digit"  # arg: a digit typed into the stated belief
    SEE_DEBRIEF = "see the debrief"
    SCORE = "your score"  # what the running score counts, in words
    ARTICLE = "the article"  # the paragraph this turn's card quotes
    SHOW_VIEW = "show a view"  # arg: a View
    SCROLL = "scroll"  # arg: lines to scroll (+ down, - up)
    # everywhere
    HELP = "help"
    MENU = "menu"
    FULLSCREEN = "fullscreen"
    QUIT = "quit"
    # lists and forms
    FOCUS_NEXT = "focus next"
    FOCUS_PREV = "focus previous"
    ADJUST = "adjust"
    ACTIVATE = "activate"
    BACK = "back"
    RANDOM_SEED = "random seed"
    NEXT_TAB = "next tab"
    PREV_TAB = "previous tab"
    REPLAY_OTHER = "replay under the other worldview"
    EXPORT = "export"
    SCALE_UP = "larger text"
    SCALE_DOWN = "smaller text"
    HOVER = "hover"  # the pointer rests on a button; arg says which
    # pages and menus
    PAGE = "page"  # arg: a page's number (a debrief tab from 0, an article's paragraph; -1 the last)
    NUMBER = "number"  # arg: a digit 1-9 pressed, or a numbered button (Learn: a chapter, move or answer)
    CHAPTER = "chapter"  # arg: a Learn chapter's number
    CYCLE = "cycle"  # arg: the index of the setup row whose value steps on
    OPEN_FILE = "open a file"  # arg: a path, or None for the path typed in the screen's box
    MENU_ENTRY = "menu entry"  # arg: the title menu's MenuEntry
    START = "start the game"
    NEW_GAME = "new game"
    TITLE = "title screen"
    # lab
    RUN = "run the experiment"
    CANCEL = "cancel the run"
    SWITCH_VIEW = "setup or results"  # the compare lab's other page
    RESET = "reset a parameter"  # arg: its name, or None for the focused one
    RESET_ALL = "reset every parameter"
    FOCUS_PARAM = "focus a parameter"  # arg: its name
    PLAY_WORLD = "play with this world"
    # chips
    CHIP = "tick a chip"  # arg: (group, key) of the tick box clicked


class View(str, enum.Enum):
    """What fills the play screen's main view (at large text sizes one at a time, chosen by tabs)."""

    MAP = "map"
    CHART = "chart"
    CARD = "card"
    WHY = "why"


@attrs.frozen
class Intent:
    kind: Kind
    arg: object = None


@attrs.frozen
class Key:
    """One key binding: the key, modifiers it needs, the intent, and the words for the help screen."""

    key: int
    intent: Intent
    label: str
    help: str
    ctrl: bool = False
    shift: bool | None = None  # None: either


def _digits() -> list[Key]:
    from game.core.model.vocab import Action

    out = []
    for a in Action:
        n = int(a) + 1
        out.append(Key(getattr(pygame, f"K_{n}"), Intent(Kind.CHOOSE_ACTION, int(a)), f"{n}", f"choose {a.label}"))
        out.append(Key(getattr(pygame, f"K_KP{n}"), Intent(Kind.CHOOSE_ACTION, int(a)), "", ""))
    return out


GLOBAL_KEYS: list[Key] = [
    Key(pygame.K_F1, Intent(Kind.HELP), "F1 or ?", "help: every key"),
    Key(pygame.K_SLASH, Intent(Kind.HELP), "", "", shift=True),
    Key(pygame.K_QUESTION, Intent(Kind.HELP), "", ""),
    Key(pygame.K_F11, Intent(Kind.FULLSCREEN), "F11", "fullscreen on/off"),
    Key(pygame.K_q, Intent(Kind.QUIT), "Ctrl+Q", "quit the game", ctrl=True),
]

PLAY_KEYS: list[Key] = _digits() + [
    Key(pygame.K_TAB, Intent(Kind.NEXT_TARGET), "Tab", "next target", shift=False),
    Key(pygame.K_TAB, Intent(Kind.PREV_TARGET), "Shift+Tab", "previous target", shift=True),
    Key(pygame.K_RIGHT, Intent(Kind.NEXT_TARGET), "→", "next target"),
    Key(pygame.K_UNKNOWN, Intent(Kind.SELECT_TARGET), "Click", "a target: click its actor on the map"),
    Key(pygame.K_LEFT, Intent(Kind.PREV_TARGET), "←", "previous target"),
    Key(pygame.K_RETURN, Intent(Kind.END_TURN), "Enter", "end turn: confirm the move, then lock it in"),
    Key(pygame.K_KP_ENTER, Intent(Kind.END_TURN), "", ""),
    Key(pygame.K_z, Intent(Kind.UNDO), "Ctrl+Z", "undo the last turn (as often as you like)", ctrl=True),
    Key(pygame.K_SPACE, Intent(Kind.AUTO_PLAY), "Space", "auto-play on/off (all-AI games: teacher mode)"),
    Key(pygame.K_EQUALS, Intent(Kind.SPEED_UP), "+", "auto-play faster"),
    Key(pygame.K_PLUS, Intent(Kind.SPEED_UP), "", ""),
    Key(pygame.K_KP_PLUS, Intent(Kind.SPEED_UP), "", ""),
    Key(pygame.K_MINUS, Intent(Kind.SPEED_DOWN), "−", "auto-play slower"),
    Key(pygame.K_KP_MINUS, Intent(Kind.SPEED_DOWN), "", ""),
    Key(pygame.K_c, Intent(Kind.TOGGLE_CHART), "C", "chart of tension and trust (again: back to the map)"),
    Key(pygame.K_m, Intent(Kind.TOGGLE_MAP), "M", "region map"),
    Key(pygame.K_e, Intent(Kind.SHOW_VIEW, View.CARD), "E", "large text sizes: the event card view"),
    Key(pygame.K_w, Intent(Kind.SHOW_VIEW, View.WHY), "W", "large text sizes: the why view"),
    Key(pygame.K_a, Intent(Kind.ARTICLE), "A", "the article: the paragraph this turn's card quotes"),
    Key(pygame.K_PAGEDOWN, Intent(Kind.SCROLL, 3), "PgDn", "scroll the why panel (or a long event card) down"),
    Key(pygame.K_PAGEUP, Intent(Kind.SCROLL, -3), "PgUp", "scroll the why panel (or a long event card) up"),
    Key(pygame.K_RIGHTBRACKET, Intent(Kind.NEXT_PAIR), "]", "chart: next actor pair"),
    Key(pygame.K_LEFTBRACKET, Intent(Kind.PREV_PAIR), "[", "chart: previous actor pair"),
    Key(pygame.K_s, Intent(Kind.SAVE), "Ctrl+S", "save the game to a named file", ctrl=True),
    Key(pygame.K_ESCAPE, Intent(Kind.MENU), "Esc", "back a step, or the game menu"),
]


def _crisis_keys() -> list[Key]:
    """A crisis prompt's answers. Letters no other play key uses (E is the card view, C the chart)."""
    from game.core.model.vocab import Stance

    letters = {
        Stance.STAND_FIRM: (pygame.K_f, "F"),
        Stance.ESCALATE: (pygame.K_x, "X"),
        Stance.SETTLE: (pygame.K_s, "S"),
        Stance.BACK_DOWN: (pygame.K_b, "B"),
    }
    out = [
        Key(key, Intent(Kind.STANCE, int(s)), label, f"crisis: {s.label.lower()}", ctrl=False)
        for s, (key, label) in letters.items()
    ]
    out += [
        Key(pygame.K_y, Intent(Kind.BACKING, True), "Y", "an ally's crisis: back the ally", ctrl=False),
        Key(pygame.K_n, Intent(Kind.BACKING, False), "N", "an ally's crisis: stay out", ctrl=False),
        Key(pygame.K_k, Intent(Kind.CRISIS), "K", "crisis: show the prompt again", ctrl=False),
    ]
    return out


CRISIS_KEYS: list[Key] = _crisis_keys()
STANCE_KEYS: dict[int, str] = {int(k.intent.arg): k.label for k in CRISIS_KEYS if k.intent.kind is Kind.STANCE}
PLAY_KEYS += CRISIS_KEYS

MENU_KEYS: list[Key] = [
    Key(pygame.K_DOWN, Intent(Kind.FOCUS_NEXT), "↓", "next item"),
    Key(pygame.K_TAB, Intent(Kind.FOCUS_NEXT), "Tab", "next item", shift=False),
    Key(pygame.K_UP, Intent(Kind.FOCUS_PREV), "↑", "previous item"),
    Key(pygame.K_TAB, Intent(Kind.FOCUS_PREV), "Shift+Tab", "previous item", shift=True),
    Key(pygame.K_LEFT, Intent(Kind.ADJUST, -1), "←", "change the value"),
    Key(pygame.K_RIGHT, Intent(Kind.ADJUST, +1), "→", "change the value"),
    Key(pygame.K_RETURN, Intent(Kind.ACTIVATE), "Enter", "choose"),
    Key(pygame.K_KP_ENTER, Intent(Kind.ACTIVATE), "", ""),
    Key(pygame.K_ESCAPE, Intent(Kind.BACK), "Esc", "back"),
]

SETUP_KEYS: list[Key] = [
    Key(
        k.key,
        k.intent,
        k.label,
        "start the game, from any row (only ← → change a row)" if k.key == pygame.K_RETURN else k.help,
        k.ctrl,
        k.shift,
    )
    for k in MENU_KEYS
] + [Key(pygame.K_r, Intent(Kind.RANDOM_SEED), "Ctrl+R", "random seed", ctrl=True)]

DEBRIEF_KEYS: list[Key] = [
    Key(pygame.K_RIGHT, Intent(Kind.NEXT_TAB), "→", "next page"),
    Key(pygame.K_LEFT, Intent(Kind.PREV_TAB), "←", "previous page"),
    Key(pygame.K_DOWN, Intent(Kind.FOCUS_NEXT), "↓ or Tab", "next button"),
    Key(pygame.K_TAB, Intent(Kind.FOCUS_NEXT), "", "", shift=False),
    Key(pygame.K_UP, Intent(Kind.FOCUS_PREV), "↑", "previous button"),
    Key(pygame.K_TAB, Intent(Kind.FOCUS_PREV), "", "", shift=True),
    Key(pygame.K_RETURN, Intent(Kind.ACTIVATE), "Enter", "press the focused button"),
    Key(pygame.K_KP_ENTER, Intent(Kind.ACTIVATE), "", ""),
    Key(
        pygame.K_o,
        Intent(Kind.REPLAY_OTHER),
        "O",
        "replay under the other world: same actors, types, cards and choices",
    ),
    Key(
        pygame.K_p,
        Intent(Kind.EXPORT),
        "P",
        "print: the one-page debrief (PDF and PNG), the CSV, the game and the charts",
    ),
    Key(pygame.K_PAGEDOWN, Intent(Kind.SCROLL, 3), "PgDn", "a long page: more below (or the wheel)"),
    Key(pygame.K_PAGEUP, Intent(Kind.SCROLL, -3), "PgUp", "a long page: back up"),
    Key(pygame.K_RIGHTBRACKET, Intent(Kind.NEXT_PAIR), "]", "charts: next actor pair"),
    Key(pygame.K_LEFTBRACKET, Intent(Kind.PREV_PAIR), "[", "charts: previous actor pair"),
    Key(pygame.K_z, Intent(Kind.UNDO), "Ctrl+Z", "undo the last turn and play on", ctrl=True),
    Key(pygame.K_s, Intent(Kind.SAVE), "Ctrl+S", "save the game to a named file", ctrl=True),
    Key(pygame.K_ESCAPE, Intent(Kind.BACK), "Esc", "title screen"),
]


def _belief_digits() -> list[Key]:
    out = [
        Key(getattr(pygame, f"K_{d}"), Intent(Kind.BELIEF_DIGIT, d), "0–9" if d == 0 else "", "type a chance, 0 to 100")
        for d in range(10)
    ]
    return out + [Key(getattr(pygame, f"K_KP{d}"), Intent(Kind.BELIEF_DIGIT, d), "", "") for d in range(10)]


BELIEF_KEYS: list[Key] = (
    [
        Key(pygame.K_LEFT, Intent(Kind.BELIEF_STEP, -5), "←", "5 points less likely", shift=False),
        Key(pygame.K_RIGHT, Intent(Kind.BELIEF_STEP, +5), "→", "5 points more likely", shift=False),
        Key(pygame.K_LEFT, Intent(Kind.BELIEF_STEP, -10), "Shift+← or ↓", "10 points less likely", shift=True),
        Key(pygame.K_DOWN, Intent(Kind.BELIEF_STEP, -10), "", ""),
        Key(pygame.K_RIGHT, Intent(Kind.BELIEF_STEP, +10), "Shift+→ or ↑", "10 points more likely", shift=True),
        Key(pygame.K_UP, Intent(Kind.BELIEF_STEP, +10), "", ""),
    ]
    + _belief_digits()
    + [
        Key(pygame.K_BACKSPACE, Intent(Kind.BELIEF_DIGIT, -1), "Backspace", "undo the last digit typed"),
        Key(pygame.K_RETURN, Intent(Kind.ACTIVATE), "Enter", "state this belief"),
        Key(pygame.K_KP_ENTER, Intent(Kind.ACTIVATE), "", ""),
        Key(pygame.K_ESCAPE, Intent(Kind.BACK), "Esc", "look at the screen first (asked again before the turn ends)"),
    ]
)

OVERLAY_KEYS: list[Key] = [
    Key(pygame.K_ESCAPE, Intent(Kind.BACK), "Esc", "close"),
    Key(pygame.K_RETURN, Intent(Kind.ACTIVATE), "Enter", "continue"),
    Key(pygame.K_KP_ENTER, Intent(Kind.ACTIVATE), "", ""),
    Key(pygame.K_SPACE, Intent(Kind.ACTIVATE), "", ""),
]


@attrs.define
class Bindings:
    """What a scene's buttons and click zones mean; rebuilt with the scene's layout."""

    keys: list[Key]
    buttons: dict = attrs.Factory(dict)  # pygame_gui element -> Intent
    zones: list = attrs.Factory(list)  # (pygame.Rect, Intent), topmost last
    hovers: dict = attrs.Factory(dict)  # pygame_gui element -> Intent when hovered
    wheel: Callable[[int, tuple[int, int]], Intent | None] | None = None

    def button(self, element, intent: Intent):
        self.buttons[element] = intent
        return element

    def zone(self, rect, intent: Intent):
        self.zones.append((pygame.Rect(rect), intent))

    def clear(self):
        self.buttons.clear()
        self.zones.clear()
        self.hovers.clear()


def _mods_match(binding: Key, mod: int) -> bool:
    ctrl = bool(mod & (pygame.KMOD_CTRL | pygame.KMOD_META))
    shift = bool(mod & pygame.KMOD_SHIFT)
    if binding.ctrl != ctrl:
        return False
    return binding.shift is None or binding.shift == shift


def key_intent(event, keys: list[Key]) -> Intent | None:
    for binding in list(keys) + GLOBAL_KEYS:
        if binding.key == event.key and _mods_match(binding, getattr(event, "mod", 0)):
            return binding.intent
    if getattr(event, "unicode", "") == "?":
        return Intent(Kind.HELP)
    return None


# keys that move through a form or leave it even while a text field has focus (the others are text)
FORM_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE, pygame.K_TAB, pygame.K_UP, pygame.K_DOWN)


def translate(event, bindings: Bindings, typing: bool = False) -> Intent | None:
    """The intent of one event, or None. While a text field has focus, plain keys are text."""
    if event.type == pygame.QUIT:
        return Intent(Kind.QUIT)
    if event.type == pygame.KEYDOWN:
        if typing and event.key not in FORM_KEYS + (pygame.K_F1, pygame.K_F11):
            if not getattr(event, "mod", 0) & (pygame.KMOD_CTRL | pygame.KMOD_META):
                return None
        if typing and event.key == pygame.K_SLASH:
            return None
        return key_intent(event, bindings.keys)
    if event.type == pygame_gui.UI_BUTTON_PRESSED:
        return bindings.buttons.get(getattr(event, "ui_element", None))
    if event.type == pygame_gui.UI_BUTTON_ON_HOVERED:
        return bindings.hovers.get(getattr(event, "ui_element", None))
    if event.type == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 0) == 1:
        for rect, intent in reversed(bindings.zones):
            if rect.collidepoint(event.pos):
                return intent
        return None
    if event.type == pygame.MOUSEWHEEL and bindings.wheel is not None:
        return bindings.wheel(int(getattr(event, "y", 0)), pygame.mouse.get_pos())
    return None


def help_rows(keys: list[Key]) -> list[tuple[str, str]]:
    """(keys, what they do) for the help overlay, skipping aliases without a label."""
    rows = []
    for k in keys:
        if k.label and k.help:
            rows.append((k.label, k.help))
    return rows
