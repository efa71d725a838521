"""The article reader: the source article's paragraphs (¶1..¶13, read through game.core.files.article),
one at a time, each with the event cards that cite it and both of their readings."""

from __future__ import annotations

import pygame
import pygame_gui

from game.core.files import article

from ..window import palette, text
from ..window.intents import Intent, Key, Kind
from ..window.scene import Scene
from .help import register_screen_keys

ARTICLE_KEYS: list[Key] = register_screen_keys(
    "The article",
    [
        Key(pygame.K_RIGHT, Intent(Kind.NEXT_TAB), "→", "next paragraph"),
        Key(pygame.K_LEFT, Intent(Kind.PREV_TAB), "←", "previous paragraph"),
        Key(pygame.K_DOWN, Intent(Kind.FOCUS_NEXT), "↓", "scroll down"),
        Key(pygame.K_UP, Intent(Kind.FOCUS_PREV), "↑", "scroll up"),
        Key(pygame.K_PAGEDOWN, Intent(Kind.FOCUS_NEXT), "PgDn", "scroll down"),
        Key(pygame.K_PAGEUP, Intent(Kind.FOCUS_PREV), "PgUp", "scroll up"),
        Key(pygame.K_HOME, Intent(Kind.PAGE, 1), "Home", "the first paragraph"),
        Key(pygame.K_END, Intent(Kind.PAGE, -1), "End", "the last paragraph"),
        Key(pygame.K_ESCAPE, Intent(Kind.BACK), "Esc", "back"),
        Key(pygame.K_RETURN, Intent(Kind.BACK), "Enter", "back"),
    ],
)

INTRO = (
    "One opinion article from 2023, written after NATO's Secretary-General visited Seoul and Tokyo. The "
    "author argues for dialogue in the ASEAN way and against NATO's idea of security: one side of a debate. "
    "Every event card quotes a paragraph and reads it two ways."
)


def cards_by_paragraph(scenario) -> dict[int, list]:
    out: dict[int, list] = {}
    for card in scenario.cards:
        out.setdefault(int(card.paragraph), []).append(card)
    return out


class ArticleScene(Scene):
    keys = ARTICLE_KEYS
    name = "article"

    def __init__(self, app, paragraph: int = 1, scenario=None):
        super().__init__(app)
        if scenario is None or not scenario.cards:
            from game.core.files.scenario import load_scenario

            options = getattr(app, "options", None)
            scenario = getattr(options, "scenario", None)
            if scenario is None or not scenario.cards:
                scenario = load_scenario("east_asia_2023")
        self.scenario = scenario
        self.paragraphs = article.paragraphs()
        self.cards = cards_by_paragraph(scenario)
        self.index = max(1, min(len(self.paragraphs), int(paragraph)))
        self.scroll = 0

    @property
    def count(self) -> int:
        return len(self.paragraphs)

    def shown_cards(self) -> list:
        return self.cards.get(self.index, [])

    def layout(self):
        m = self.m
        w, h = self.app.size
        bw = self.add_scroll_page_controls()
        self.head = text.Block([("The article", m.heading, palette.TEXT, "bold")], w - bw - 4 * m.pad)
        # one button per paragraph, in as many rows as the width needs
        y = m.pad + max(m.button_h, self.head.height) + m.pad
        labels = [f"¶{n}" for n in range(1, self.count + 1)]
        cell = text.size("¶13", m.body, "bold")[0] + 2 * m.pad
        gap = max(3, m.pad // 2)
        per_row = max(1, (w - 2 * m.pad + gap) // (cell + gap))
        row_w = min(per_row, self.count) * (cell + gap) - gap
        left = max(m.pad, (w - row_w) // 2)
        self.para_buttons = []
        for k, label in enumerate(labels):
            row, col = divmod(k, per_row)
            rect = pygame.Rect(left + col * (cell + gap), y + row * (m.button_h + gap), cell, m.button_h)
            b = self.add(
                pygame_gui.elements.UIButton(
                    rect, label, self.ui, tool_tip_text=f"{len(self.cards.get(k + 1, []))} cards"
                ),
                Intent(Kind.PAGE, k + 1),
            )
            if k + 1 == self.index:
                b.select()
            self.para_buttons.append(b)
        rows = -(-self.count // per_row)
        top = y + rows * (m.button_h + gap) + m.pad
        width = min(w - 4 * m.pad, round(m.body * 50))
        self.view = pygame.Rect((w - width) // 2, top, width, h - top - m.pad - text.line_height(m.small))
        paras = [(INTRO, m.small, palette.MUTED, "italic")] if self.index == 1 else []
        paras += [
            (f"¶{self.index} of {self.count}", m.heading, palette.ACCENT, "bold"),
            (self.paragraphs[self.index - 1], m.body, palette.TEXT, "regular"),
        ]
        cards = self.shown_cards()
        paras.append(
            (
                f"Cards that cite ¶{self.index}: {len(cards)}" if cards else f"No card cites ¶{self.index}.",
                m.heading,
                palette.ACCENT,
                "bold",
            )
        )
        for card in cards:
            paras.append((card.title + (f" ({card.date})" if card.date else ""), m.body, palette.FOCUS, "bold"))
            paras.append((f"Deterrence reading: {card.deterrence_reading}", m.body, palette.DETERRENCE, "regular"))
            paras.append((f"Dialogue reading: {card.dialogue_reading}", m.body, palette.DIALOGUE, "regular"))
        self.block = text.Block(paras, width, gap=m.pad)
        self.scroll = max(0, min(self.scroll, text.scroll_limit(self.block, self.view.height)))
        self.footer = text.render("← → paragraph · ↑ ↓ scroll · Esc back · F1 keys", m.small, palette.MUTED)

    def go(self, n: int):
        n = self.count if n == -1 else n
        n = max(1, min(self.count, n))
        if n != self.index:
            self.index = n
            self.scroll = 0
            self.relayout()

    def back(self, intent):
        self.app.pop()

    def step(self, intent):
        self.go(self.index + (1 if intent.kind is Kind.NEXT_TAB else -1))

    def open_page(self, intent):
        self.go(intent.arg)

    def scroll_by(self, intent):
        delta = 3 if intent.kind is Kind.FOCUS_NEXT else -3
        self.scroll = max(0, min(text.scroll_limit(self.block, self.view.height), self.scroll + delta))

    handlers = {
        Kind.BACK: back,
        Kind.NEXT_TAB: step,
        Kind.PREV_TAB: step,
        Kind.PAGE: open_page,
        Kind.FOCUS_NEXT: scroll_by,
        Kind.FOCUS_PREV: scroll_by,
    }

    def draw(self, surface):
        m = self.m
        surface.fill(palette.BACKGROUND)
        surface.blit(self.head.surface, (m.pad, m.pad + max(0, (m.button_h - self.head.height) // 2)))
        shown, after = text.window(self.block, self.scroll, self.view.height)
        surface.blit(shown, self.view.topleft)
        hint = self.footer
        if after < len(self.block.lines) or self.scroll:
            more = ("↑ more above · " if self.scroll else "") + (
                "↓ more below · " if after < len(self.block.lines) else ""
            )
            hint = text.render(more + "← → paragraph · ↑ ↓ scroll · Esc back", m.small, palette.FOCUS)
        surface.blit(hint, (self.view.x, self.view.bottom + 2))
