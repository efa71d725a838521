"""Learn: the guided first lesson (game/core/teaching/lesson.py), played in the real game.

One screen with two views: the chapter list, and a chapter (its text, one thing to do in a real
session.Game shown on a board beside it (learn_board), then one question with feedback). The
chapter's state and the progress file are in learn_lesson."""

from __future__ import annotations

import pygame
import pygame_gui

from game.core.model.vocab import Stance
from game.core.teaching import lesson

from ..window import layout, palette, text
from ..window.intents import Intent, Key, Kind
from ..window.scene import ListScene
from ..widgets.button_list import ButtonList
from . import learn_board
from .help import register_screen_keys
from .learn_lesson import Lesson, load_progress, progress_path, save_progress

__all__ = ["LearnScene", "LEARN_KEYS", "load_progress", "progress_path", "save_progress"]


def _digit_keys() -> list[Key]:
    out = []
    for n in range(1, 10):
        out.append(
            Key(
                getattr(pygame, f"K_{n}"),
                Intent(Kind.NUMBER, n),
                "1–9" if n == 1 else "",
                "choose a move, or an answer",
            )
        )
        out.append(Key(getattr(pygame, f"K_KP{n}"), Intent(Kind.NUMBER, n), "", ""))
    return out


BOARD_STEP = 3  # lines a PgUp, PgDn or turn of the wheel scrolls the board

LEARN_KEYS: list[Key] = register_screen_keys(
    "Learn",
    _digit_keys()
    + [
        Key(pygame.K_RETURN, Intent(Kind.ACTIVATE), "Enter", "play the turn, state a belief, or go on"),
        Key(pygame.K_KP_ENTER, Intent(Kind.ACTIVATE), "", ""),
        Key(pygame.K_TAB, Intent(Kind.NEXT_TARGET), "Tab", "next target", shift=False),
        Key(pygame.K_TAB, Intent(Kind.PREV_TARGET), "Shift+Tab", "previous target", shift=True),
        Key(pygame.K_DOWN, Intent(Kind.FOCUS_NEXT), "↓", "chapter list: next chapter; a chapter: scroll the text"),
        Key(pygame.K_UP, Intent(Kind.FOCUS_PREV), "↑", "chapter list: previous chapter; a chapter: scroll back"),
        Key(pygame.K_LEFT, Intent(Kind.ADJUST, -10), "←", "a belief: 10 points less likely"),
        Key(pygame.K_RIGHT, Intent(Kind.ADJUST, +10), "→", "a belief: 10 points more likely"),
        Key(pygame.K_PAGEUP, Intent(Kind.SCROLL, -BOARD_STEP), "PgUp", "a long board: earlier lines (or the wheel)"),
        Key(pygame.K_PAGEDOWN, Intent(Kind.SCROLL, BOARD_STEP), "PgDn", "a long board: forward to the latest"),
        Key(pygame.K_PAGEDOWN, Intent(Kind.NEXT_TAB), "Ctrl+PgDn", "next chapter", ctrl=True),
        Key(pygame.K_PAGEUP, Intent(Kind.PREV_TAB), "Ctrl+PgUp", "previous chapter", ctrl=True),
        Key(pygame.K_f, Intent(Kind.STANCE, int(Stance.STAND_FIRM)), "F", "crisis: stand firm"),
        Key(pygame.K_x, Intent(Kind.STANCE, int(Stance.ESCALATE)), "X", "crisis: escalate"),
        Key(pygame.K_s, Intent(Kind.STANCE, int(Stance.SETTLE)), "S", "crisis: settle"),
        Key(pygame.K_b, Intent(Kind.STANCE, int(Stance.BACK_DOWN)), "B", "crisis: back down"),
        Key(pygame.K_y, Intent(Kind.BACKING, True), "Y", "an ally's crisis: back the ally"),
        Key(pygame.K_n, Intent(Kind.BACKING, False), "N", "an ally's crisis: stay out"),
        Key(pygame.K_ESCAPE, Intent(Kind.BACK), "Esc", "a chapter: the chapter list; the list: the title screen"),
    ],
)

STANCE_LETTERS = {Stance.STAND_FIRM: "F", Stance.ESCALATE: "X", Stance.SETTLE: "S", Stance.BACK_DOWN: "B"}
INTRO = (
    f"A guided first lesson in seven short chapters, about {lesson.MINUTES} minutes. Each is played in the real "
    "game: a few sentences, one thing to do, one question."
)
SHOW_END = 10**6  # a scroll past the end: the text's last lines (the question, its feedback) come into view


class LearnScene(ListScene):
    keys = LEARN_KEYS
    name = "learn"

    def __init__(self, app, chapter: int | None = None):
        super().__init__(app)
        self.done = load_progress()
        self.lesson: Lesson | None = None
        self.scroll = 0
        self.board_back = 0  # lines the board is scrolled back from the latest (0: the latest in view)
        self.board_whole = None
        if chapter is not None:
            self.open(chapter)
        else:
            undone = [c.number for c in lesson.CHAPTERS if c.number not in self.done]
            self.list.focus = (undone[0] - 1) if undone else 0

    # ---------------------------------------------------------- state changes
    def open(self, number: int):
        self.lesson = Lesson(lesson.chapter(number))
        self.scroll = 0
        self.board_back = 0

    def refresh(self):
        if self.app.top is self:
            self.relayout()

    # ---------------------------------------------------------- layout
    def layout(self):
        m = self.m
        w, h = self.app.size
        self.bindings.wheel = self._wheel
        if self.lesson is None:
            self._layout_list(m, w, h)
        else:
            self._layout_chapter(m, w, h)

    def _wheel(self, dy: int, pos) -> Intent:
        """Over a board with lines that gave way the wheel scrolls the board, elsewhere the text."""
        if self.lesson is not None and self.board_whole is not None and self.board_rect.collidepoint(pos):
            return Intent(Kind.SCROLL, -BOARD_STEP if dy > 0 else BOARD_STEP)
        return Intent(Kind.FOCUS_PREV if dy > 0 else Kind.FOCUS_NEXT)

    def _button(self, rect, label, intent, tip=None):
        b = pygame_gui.elements.UIButton(pygame.Rect(rect), label, self.ui, tool_tip_text=tip)
        return self.add(b, intent)

    def _corner_button(self, label: str) -> int:
        """The way back, at the top right ("Title screen (Esc)", "Chapters (Esc)"); returns its width."""
        m, w = self.m, self.app.size[0]
        bw = text.size(label, m.body, "bold")[0] + 3 * m.pad
        self._button((w - bw - m.pad, m.pad, bw, m.button_h), label, Intent(Kind.BACK))
        return bw

    def _layout_list(self, m, w, h):
        width = min(w - 4 * m.pad, round(m.body * 46))
        items = [
            (
                f"{c.number}. {c.title}" + (" (done)" if c.number in self.done else ""),
                Intent(Kind.CHAPTER, c.number),
                True,
                f"About {c.minutes} minutes.",
            )
            for c in lesson.CHAPTERS
        ]
        item_h = round(m.body * 1.8)
        gap = max(4, m.pad // 2)
        footer_h = text.line_height(m.small) + m.pad
        self.head_pos = (layout.centred(width, w), m.pad * 2)
        # at large sizes the introduction gives way before the list takes two columns
        title = ("Learn", m.title, palette.TEXT, "bold")
        for paras in ([title, (INTRO, m.body, palette.MUTED, "regular")], [title]):
            self.head = text.Block(paras, width, gap=m.pad // 2)
            top = self.head_pos[1] + self.head.height + 2 * m.pad
            fits = top + len(items) * (item_h + gap) <= h - footer_h - m.pad
            if fits:
                break
        columns = 1 if fits else 2
        bw = min(
            (w - 4 * m.pad - (columns - 1) * gap) // columns,
            ButtonList.width_for([i[0] for i in items], round(m.body * 1.1), m.pad),
        )
        bottom = self.list.build(
            self, items, layout.centred(columns * bw + (columns - 1) * gap, w), top, bw, item_h, gap, None, columns
        )
        self._corner_button("Title screen (Esc)")
        self.footer = text.Block(
            [
                (
                    f"{len(self.done)} of {len(lesson.CHAPTERS)} chapters done · ↑ ↓ then Enter, or click · F1: keys",
                    m.small,
                    palette.MUTED,
                    "regular",
                )
            ],
            w - 4 * m.pad,
        )
        self.footer_pos = (2 * m.pad, max(bottom, h - self.footer.height - m.pad))

    def _layout_chapter(self, m, w, h):
        ch = self.lesson.chapter
        nav_w = self._corner_button("Chapters (Esc)")
        self.title_block = text.Block(
            [(f"Chapter {ch.number} of {len(lesson.CHAPTERS)}: {ch.title}", m.heading, palette.TEXT, "bold")],
            w - nav_w - 4 * m.pad,
        )
        top = m.pad + max(m.button_h, self.title_block.height) + m.pad
        self.left, self.right = layout.row(
            pygame.Rect(m.pad, top, w - 2 * m.pad, h - top - m.pad), 0.46, None, gap=2 * m.pad
        )
        self.words = text.Block(self._words(m), self.left.width, gap=m.pad)
        self.hint_h = text.line_height(m.small) + 2
        self.view = pygame.Rect(self.left)
        if self.words.height > self.left.height:
            self.view.height -= self.hint_h
        self.board_rect = self._layout_buttons(self._buttons(self.lesson))
        inner = self.board_rect.inflate(-2 * m.pad, -2 * m.pad)
        self.board, gone = learn_board.fitted(self.lesson, m, inner.width, inner.height)
        # what gave way, to scroll back through, with a line at its foot saying how to come back
        self.board_whole = learn_board.whole(self.lesson, m, inner.width) if gone else None
        self.board_view = inner.height - self.hint_h
        self.board_back = max(0, min(self.board_back, self._board_limit()))
        self.scroll = max(0, min(self.scroll, text.scroll_limit(self.words, self.view.height)))

    def _words(self, m) -> list:
        """The left column: the chapter's words, the task, then the question and its feedback."""
        les, ch = self.lesson, self.lesson.chapter
        paras = [(p, m.body, palette.TEXT, "regular") for p in ch.text]
        paras.append(("Sources: " + ch.sources, m.small, palette.MUTED, "italic"))
        paras.append(("Do: " + ch.task.instruction, m.body, palette.FOCUS, "bold"))
        if not les.task_done:
            return paras
        q = ch.question
        paras.append(("Question: " + q.prompt, m.body, palette.ACCENT, "bold"))
        if les.answer is None:
            paras.append(("The answers are on the right: press 1–3 or click one.", m.small, palette.MUTED, "regular"))
        else:
            right = les.answered_right
            hint = "" if right else " Try another answer (1–3), or Enter to go on and come back later."
            paras.append((q.feedback[les.answer] + hint, m.body, palette.TEXT if right else palette.WARNING, "regular"))
        return paras

    def _layout_buttons(self, buttons: list[tuple[str, Intent]]) -> pygame.Rect:
        """The buttons in rows at the foot of the right column, as many to a row as fit; returns the
        board's rectangle above them."""
        m = self.m
        bh, gap = m.button_h, max(4, m.pad // 2)
        widths = [min(self.right.width, text.size(label, m.body, "bold")[0] + 2 * m.pad) for label, _ in buttons]
        lines = len(layout.flow(widths, self.right.width, gap))
        board, foot = layout.column(self.right, None, lines * (bh + gap) - gap, gap=m.pad)
        for rect, (label, intent) in zip(layout.flow_rects(*foot.topleft, widths, foot.width, bh, gap), buttons):
            self._button(rect, label, intent)
        board.height = max(m.button_h, board.height)
        return board

    def _buttons(self, les: Lesson) -> list[tuple[str, Intent]]:
        if les.task_done:
            q = les.chapter.question
            answers = [(f"Answer {k + 1}", Intent(Kind.NUMBER, k + 1)) for k in range(len(q.options))]
            if les.answer is None:
                return answers
            last = les.chapter.number == len(lesson.CHAPTERS)
            go_on = [("Chapter list (Enter)" if last else "Next chapter (Enter)", Intent(Kind.ACTIVATE))]
            # a wrong answer may be tried again: its chapter is not done
            return go_on if les.answered_right else [b for k, b in enumerate(answers) if k != les.answer] + go_on
        if les.task.kind == "watch":
            return [("Next turn (Enter)", Intent(Kind.ACTIVATE))]
        if les.belief is not None:
            return [
                ("− 10", Intent(Kind.ADJUST, -10)),
                ("+ 10", Intent(Kind.ADJUST, 10)),
                (f"State {les.belief}% (Enter)", Intent(Kind.ACTIVATE)),
            ]
        p = les.unanswered()
        if p is not None and p["kind"] == "stance":
            return [(f"{STANCE_LETTERS[s]} {s.label}", Intent(Kind.STANCE, int(s))) for s in Stance]
        if p is not None:
            return [("Y Back the ally", Intent(Kind.BACKING, True)), ("N Stay out", Intent(Kind.BACKING, False))]
        out = [(f"{k + 1} {a.label}", Intent(Kind.NUMBER, k + 1)) for k, a in enumerate(les.moves)]
        if les.move is not None and les.move.targeted and len(les.targets) > 1:
            out.append(("Tab: next target", Intent(Kind.NEXT_TARGET)))
        out.append(("Play the turn (Enter)", Intent(Kind.ACTIVATE)))
        return out

    # ---------------------------------------------------------- input: the chapter list
    def _open_chapter(self, intent):
        self.list.focus = intent.arg - 1
        self.open(intent.arg)
        self.refresh()

    def _list_number(self, intent):
        if intent.arg > len(lesson.CHAPTERS):
            return False
        return self.on_intent(Intent(Kind.CHAPTER, intent.arg))

    # ---------------------------------------------------------- input: a chapter
    def _to_list(self, intent):
        self.lesson = None
        self.done = load_progress() | self.done
        self.refresh()

    def _next_chapter(self, intent):
        n = self.lesson.chapter.number + (1 if intent.kind is Kind.NEXT_TAB else -1)
        if 1 <= n <= len(lesson.CHAPTERS):
            self.open(n)
            self.refresh()

    def _scroll_words(self, intent):
        step = 3 if intent.kind is Kind.FOCUS_NEXT else -3
        self.scroll = max(0, min(text.scroll_limit(self.words, self.view.height), self.scroll + step))

    def _board_limit(self) -> int:
        """How far back the board scrolls: to the first line of the whole board."""
        return 0 if self.board_whole is None else text.scroll_limit(self.board_whole, self.board_view)

    def _scroll_board(self, intent):
        self.board_back = max(0, min(self._board_limit(), self.board_back - int(intent.arg)))

    def _acted(self, message: str = ""):
        if message:
            self.app.say(message)
        self.board_back = 0  # a new turn, move or answer: the board shows the latest
        self.refresh()

    def _number(self, intent):
        les = self.lesson
        if not les.task_done:
            return self._acted(les.choose(intent.arg) if les.task.kind == "play" else "")
        if les.answered_right:
            return False
        if 1 <= intent.arg <= len(les.chapter.question.options):
            les.answer = intent.arg - 1
            if les.answered_right:  # only a right answer marks the chapter done
                self.done[les.chapter.number] = les.answer
                save_progress(self.done)
            self.scroll = SHOW_END  # show the feedback
        self._acted()

    def _activate(self, intent):
        les = self.lesson
        if not les.task_done:
            message = les.play()
            if les.task_done:
                self.scroll = SHOW_END  # bring the question into view
            return self._acted(message)
        if les.answer is None:
            return self._acted("Answer the question: 1, 2 or 3 (or click an answer).")
        if les.chapter.number < len(lesson.CHAPTERS):
            self.open(les.chapter.number + 1)
        else:
            self.lesson = None
        self._acted()

    def _task_act(self, intent):
        """A target, a belief step or a crisis answer: only while the chapter's task is under way."""
        les = self.lesson
        if les.task_done:
            return False
        message = ""
        if intent.kind in (Kind.NEXT_TARGET, Kind.PREV_TARGET):
            les.step_target(1 if intent.kind is Kind.NEXT_TARGET else -1)
        elif intent.kind is Kind.ADJUST and les.belief is not None:
            les.belief = max(0, min(100, les.belief + int(intent.arg)))
        elif intent.kind is Kind.STANCE:
            message = les.answer_crisis("stance", Stance(int(intent.arg)))
        elif intent.kind is Kind.BACKING:
            message = les.answer_crisis("backing", bool(intent.arg))
        self._acted(message)

    LIST_HANDLERS = ListScene.handlers | {Kind.CHAPTER: _open_chapter, Kind.NUMBER: _list_number}
    CHAPTER_HANDLERS = {
        Kind.BACK: _to_list,
        Kind.NEXT_TAB: _next_chapter,
        Kind.PREV_TAB: _next_chapter,
        Kind.FOCUS_NEXT: _scroll_words,
        Kind.FOCUS_PREV: _scroll_words,
        Kind.SCROLL: _scroll_board,
        Kind.NUMBER: _number,
        Kind.ACTIVATE: _activate,
        Kind.NEXT_TARGET: _task_act,
        Kind.PREV_TARGET: _task_act,
        Kind.ADJUST: _task_act,
        Kind.STANCE: _task_act,
        Kind.BACKING: _task_act,
    }

    @property
    def handlers(self) -> dict:
        return self.LIST_HANDLERS if self.lesson is None else self.CHAPTER_HANDLERS

    # ---------------------------------------------------------- frame
    def draw(self, surface):
        surface.fill(palette.BACKGROUND)
        m = self.m
        if self.lesson is None:
            surface.blit(self.head.surface, self.head_pos)
            surface.blit(self.footer.surface, self.footer_pos)
            return
        surface.blit(self.title_block.surface, (m.pad, m.pad + max(0, (m.button_h - self.title_block.height) // 2)))
        shown, after = text.window(self.words, self.scroll, self.view.height)
        surface.blit(shown, self.view.topleft)
        if self.view.height < self.left.height:
            more = (["↑ more above"] if self.scroll else []) + (
                ["↓ more below"] if after < len(self.words.lines) else []
            )
            hint = " · ".join(more + ["↑ ↓ or the wheel"])
            surface.blit(
                text.render(hint, m.small, palette.FOCUS if more else palette.FAINT, "regular"),
                (self.left.x, self.view.bottom + 2),
            )
        r = self.board_rect
        pygame.draw.rect(surface, palette.PANEL, r, border_radius=6)
        pygame.draw.rect(surface, palette.PANEL_EDGE, r, 1, border_radius=6)
        inner = r.inflate(-2 * m.pad, -2 * m.pad)
        if self.board_back:
            return self._draw_scrolled_board(surface, inner)
        # the newest lines matter most: a long board shows its end, in whole lines
        height = inner.height
        if text.scroll_limit(self.board, height) and self.board_whole is not None:
            height = self.board_view  # its note is out of view too: a line at the foot says it
            self._board_foot(surface, inner, "PgUp or wheel: earlier lines")
        shown, _ = text.window(self.board, text.scroll_limit(self.board, height), height)
        surface.blit(shown, inner.topleft)

    def _draw_scrolled_board(self, surface, inner):
        """The whole board scrolled back, and a line at its foot saying how to come back to the latest."""
        first = self._board_limit() - self.board_back
        shown, _ = text.window(self.board_whole, first, self.board_view)
        surface.blit(shown, inner.topleft)
        self._board_foot(surface, inner, "PgDn: on to the latest" + (" · PgUp: earlier" if first else ""))

    def _board_foot(self, surface, inner, hint: str):
        foot = (inner.x, inner.bottom - self.hint_h + 2)
        surface.blit(text.render(hint, self.m.small, palette.FOCUS, "italic"), foot)
