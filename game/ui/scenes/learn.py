"""Learn: the guided first lesson (game/core/teaching/lesson.py), played in the real game.

One screen with two views: the chapter list, and a chapter (its text, one thing to do in a real
session.Game shown on a board beside it, then one question with feedback). Progress is kept in
learn.json in the user data folder; a file that cannot be read is ignored."""
from __future__ import annotations

import json

import pygame
import pygame_gui

from game.core.play.lesson_games import games as lesson_games
from game.core.teaching import lesson
from game.core.model.vocab import Action, Stance

from .. import intents, palette, text, userdata
from ..intents import Intent, Key, Kind
from ..scene import Scene
from ..widgets.button_list import ButtonList
from .help import register_screen_keys


def _digit_keys() -> list[Key]:
    out = []
    for n in range(1, 10):
        out.append(Key(getattr(pygame, f"K_{n}"), Intent(Kind.PICK, ("digit", n)), "1–9" if n == 1 else "",
                       "choose a move, or an answer"))
        out.append(Key(getattr(pygame, f"K_KP{n}"), Intent(Kind.PICK, ("digit", n)), "", ""))
    return out


LEARN_KEYS: list[Key] = register_screen_keys("Learn", _digit_keys() + [
    Key(pygame.K_RETURN, Intent(Kind.ACTIVATE), "Enter", "play the turn, state a belief, or go on"),
    Key(pygame.K_KP_ENTER, Intent(Kind.ACTIVATE), "", ""),
    Key(pygame.K_TAB, Intent(Kind.NEXT_TARGET), "Tab", "next target", shift=False),
    Key(pygame.K_TAB, Intent(Kind.PREV_TARGET), "Shift+Tab", "previous target", shift=True),
    Key(pygame.K_DOWN, Intent(Kind.FOCUS_NEXT), "↓", "chapter list: next chapter; a chapter: scroll the text"),
    Key(pygame.K_UP, Intent(Kind.FOCUS_PREV), "↑", "chapter list: previous chapter; a chapter: scroll back"),
    Key(pygame.K_LEFT, Intent(Kind.ADJUST, -10), "←", "a belief: 10 points less likely"),
    Key(pygame.K_RIGHT, Intent(Kind.ADJUST, +10), "→", "a belief: 10 points more likely"),
    Key(pygame.K_PAGEDOWN, Intent(Kind.NEXT_TAB), "PgDn", "next chapter"),
    Key(pygame.K_PAGEUP, Intent(Kind.PREV_TAB), "PgUp", "previous chapter"),
    Key(pygame.K_f, Intent(Kind.STANCE, int(Stance.STAND_FIRM)), "F", "crisis: stand firm"),
    Key(pygame.K_x, Intent(Kind.STANCE, int(Stance.ESCALATE)), "X", "crisis: escalate"),
    Key(pygame.K_s, Intent(Kind.STANCE, int(Stance.SETTLE)), "S", "crisis: settle"),
    Key(pygame.K_b, Intent(Kind.STANCE, int(Stance.BACK_DOWN)), "B", "crisis: back down"),
    Key(pygame.K_y, Intent(Kind.BACKING, True), "Y", "an ally's crisis: back the ally"),
    Key(pygame.K_n, Intent(Kind.BACKING, False), "N", "an ally's crisis: stay out"),
    Key(pygame.K_ESCAPE, Intent(Kind.BACK), "Esc", "a chapter: the chapter list; the list: the title screen"),
])

STANCE_LETTERS = {Stance.STAND_FIRM: "F", Stance.ESCALATE: "X", Stance.SETTLE: "S", Stance.BACK_DOWN: "B"}


# ------------------------------------------------------------------ progress
def progress_path():
    return userdata.data_dir() / "learn.json"


def load_progress() -> dict[int, int]:
    """Chapter number -> the answer given; {} when the file is missing or cannot be read."""
    try:
        done = userdata.read_small_json(progress_path())["done"]
        out = {int(k): int(v) for k, v in done.items()}
        return {k: v for k, v in out.items() if 1 <= k <= len(lesson.CHAPTERS)
                and 0 <= v < len(lesson.chapter(k).question.options)}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def save_progress(done: dict[int, int]) -> None:
    text = json.dumps({"version": 1, "done": {str(k): v for k, v in sorted(done.items())}})
    userdata.write_small_file(progress_path(), text)


# ------------------------------------------------------------------ one chapter's game
class Lesson:
    """The state of one chapter: its real games, the learner's move, answers and beliefs."""

    def __init__(self, chapter: lesson.Chapter):
        self.chapter = chapter
        self.task = chapter.task
        self.games = lesson_games(self.task)
        self.game = self.games[0]
        sc = self.game.scenario
        self.human = sc.codes.index(self.task.human) if self.task.human else -1
        self.move: Action | None = None
        others = [k for k in range(len(sc.codes)) if k != self.human]
        self.targets = others
        self.target = others[0] if others else -1
        self.stances: dict = {}
        self.backing: dict = {}
        self.answered_crisis = False
        self.made: set[Action] = set()
        self.belief: int | None = None          # a belief being stated (percent), when one is due
        self.answer: int | None = None
        self.message = ""
        self.trust_before = None

    # ---------------------------------------------------------- what the learner may do
    @property
    def moves(self) -> list[Action]:
        has_stakes = bool(self.game.scenario.stakes)
        return [a for a in Action if a is not Action.CHALLENGE or has_stakes]

    def prompts(self) -> list[dict]:
        if self.human < 0 or self.game.over:
            return []
        return self.game.crisis_prompts(self.human)

    def unanswered(self) -> dict | None:
        for p in self.prompts():
            table = self.stances if p["kind"] == "stance" else self.backing
            if (self.human, p["stake"]) not in table:
                return p
        return None

    @property
    def task_done(self) -> bool:
        if self.belief is not None:
            return False
        played = self.game.turn >= self.task.rounds or self.game.over
        if self.task.kind == "watch":
            return played
        need = lesson.required_action(self.task)
        if need is not None and need not in self.made:
            return False
        if self.task.stance and not self.answered_crisis:
            return False
        return played

    # ---------------------------------------------------------- acts
    def choose(self, n: int) -> str:
        moves = self.moves
        if not 1 <= n <= len(moves):
            return f"There is no move {n} here."
        self.move = moves[n - 1]
        return ""

    def step_target(self, step: int):
        if self.targets:
            k = self.targets.index(self.target) if self.target in self.targets else 0
            self.target = self.targets[(k + step) % len(self.targets)]

    def answer_crisis(self, kind: str, value) -> str:
        p = self.unanswered()
        if p is None:
            return "There is no crisis to answer now."
        if (p["kind"] == "stance") != (kind == "stance"):
            return "Answer with F, X, S or B." if p["kind"] == "stance" else "Answer with Y (back) or N (stay out)."
        table = self.stances if kind == "stance" else self.backing
        table[(self.human, p["stake"])] = value
        self.answered_crisis = True
        return ""

    def play(self) -> str:
        """Enter: state a due belief, else play one turn (if the learner has chosen); a message if not."""
        game = self.game
        if self.belief is not None:
            game.state_belief(self.human, self.belief / 100.0)
            self.belief = None
            return ""
        if game.over and not self.task_done:
            self.__init__(self.chapter)
            return "The game ended before the task was done: it starts again."
        if game.over or (self.task_done and self.task.kind == "watch"):
            return ""
        if self.task.kind == "watch":
            for g in self.games:
                if not g.over:
                    g.play_turn({})
            return ""
        if self.move is None:
            return "Choose a move first (keys 1–9 or a button)."
        if self.unanswered() is not None:
            return "Answer the crisis first (F, X, S or B; for an ally Y or N)."
        target = self.target if self.move.targeted else -1
        self.trust_before = game.state.trust[0].copy()
        game.play_turn({self.human: (int(self.move), target)}, self.stances, self.backing)
        self.made.add(self.move)
        self.stances, self.backing = {}, {}
        if game.belief_due():
            self.belief = 50
        return ""


# ------------------------------------------------------------------ the screen
class LearnScene(Scene):
    keys = LEARN_KEYS
    name = "learn"

    def __init__(self, app, chapter: int | None = None):
        super().__init__(app)
        self.done = load_progress()
        self.list = ButtonList()
        self.lesson: Lesson | None = None
        self.scroll = 0
        if chapter is not None:
            self.open(chapter)
        else:
            undone = [c.number for c in lesson.CHAPTERS if c.number not in self.done]
            self.list.focus = (undone[0] - 1) if undone else 0

    # ---------------------------------------------------------- state changes
    def open(self, number: int):
        self.lesson = Lesson(lesson.chapter(number))
        self.scroll = 0

    def refresh(self):
        if self.app.top is self:
            self.relayout()

    # ---------------------------------------------------------- layout
    def layout(self):
        m = self.m
        w, h = self.app.size
        self.bindings.wheel = lambda dy, pos: Intent(Kind.FOCUS_PREV if dy > 0 else Kind.FOCUS_NEXT)
        if self.lesson is None:
            self._layout_list(m, w, h)
        else:
            self._layout_chapter(m, w, h)

    def _button(self, rect, label, intent, tip=None):
        b = pygame_gui.elements.UIButton(pygame.Rect(rect), label, self.ui, tool_tip_text=tip)
        return self.add(b, intent)

    def _layout_list(self, m, w, h):
        width = min(w - 4 * m.pad, round(m.body * 46))
        intro = (f"A guided first lesson in seven short chapters, about {lesson.MINUTES} minutes. Each is played in "
                 "the real game: a few sentences, one thing to do, one question.", m.body, palette.MUTED, "regular")
        items = []
        for c in lesson.CHAPTERS:
            mark = " (done)" if c.number in self.done else ""
            items.append((f"{c.number}. {c.title}{mark}", Intent(Kind.PICK, ("chapter", c.number)), True,
                          f"About {c.minutes} minutes."))
        item_h = round(m.body * 1.8)
        gap = max(4, m.pad // 2)
        footer_h = text.line_height(m.small) + m.pad
        self.head_pos = ((w - width) // 2, m.pad * 2)
        # at large sizes the introduction gives way before the list takes two columns
        for paras in ([("Learn", m.title, palette.TEXT, "bold"), intro], [("Learn", m.title, palette.TEXT, "bold")]):
            self.head = text.Block(paras, width, gap=m.pad // 2)
            top = self.head_pos[1] + self.head.height + 2 * m.pad
            fits = top + len(items) * (item_h + gap) <= h - footer_h - m.pad
            if fits:
                break
        columns = 1 if fits else 2
        bw = min((w - 4 * m.pad - (columns - 1) * gap) // columns,
                 ButtonList.width_for([i[0] for i in items], round(m.body * 1.1), m.pad))
        x = (w - columns * bw - (columns - 1) * gap) // 2
        bottom = self.list.build(self, items, x, top, bw, item_h, gap, None, columns)
        back_w = text.size("Title screen (Esc)", m.body, "bold")[0] + 3 * m.pad
        self._button((w - back_w - m.pad, m.pad, back_w, m.button_h), "Title screen (Esc)", Intent(Kind.BACK))
        done = len(self.done)
        self.footer = text.Block([(f"{done} of {len(lesson.CHAPTERS)} chapters done · ↑ ↓ then Enter, or click · "
                                   "F1: keys", m.small, palette.MUTED, "regular")], w - 4 * m.pad)
        self.footer_pos = (2 * m.pad, max(bottom, h - self.footer.height - m.pad))

    def _layout_chapter(self, m, w, h):
        les = self.lesson
        ch = les.chapter
        gap = 2 * m.pad
        nav_w = text.size("Chapters (Esc)", m.body, "bold")[0] + 3 * m.pad
        self._button((w - nav_w - m.pad, m.pad, nav_w, m.button_h), "Chapters (Esc)", Intent(Kind.BACK))
        self.title_block = text.Block([(f"Chapter {ch.number} of {len(lesson.CHAPTERS)}: {ch.title}", m.heading,
                                        palette.TEXT, "bold")], w - nav_w - 4 * m.pad)
        top = m.pad + max(m.button_h, self.title_block.height) + m.pad
        left_w = round((w - 2 * m.pad - gap) * 0.46)
        self.left = pygame.Rect(m.pad, top, left_w, h - top - m.pad)
        self.right = pygame.Rect(self.left.right + gap, top, w - self.left.right - gap - m.pad, h - top - m.pad)
        # the left column: the chapter's words, the task, then the question and its feedback
        paras = [(p, m.body, palette.TEXT, "regular") for p in ch.text]
        paras.append(("Sources: " + ch.sources, m.small, palette.MUTED, "italic"))
        paras.append(("Do: " + ch.task.instruction, m.body, palette.FOCUS, "bold"))
        if les.task_done:
            q = ch.question
            paras.append(("Question: " + q.prompt, m.body, palette.ACCENT, "bold"))
            if les.answer is None:
                paras.append(("The answers are on the right: press 1–3 or click one.", m.small, palette.MUTED,
                              "regular"))
            if les.answer is not None:
                right = les.answer == q.correct
                hint = "" if right else f" The answer this chapter has in mind: {q.correct + 1}."
                paras.append((q.feedback[les.answer] + hint, m.body, palette.TEXT if right else palette.WARNING,
                              "regular"))
        self.words = text.Block(paras, self.left.width, gap=m.pad)
        self.hint_h = text.line_height(m.small) + 2
        self.view = pygame.Rect(self.left)
        if self.words.height > self.left.height:
            self.view.height -= self.hint_h
        # the buttons under the board, bottom up
        buttons = self._buttons(les)
        bh, bgap = m.button_h, max(4, m.pad // 2)
        rows = self._pack(buttons, self.right.width, m, bgap)
        y = self.right.bottom - len(rows) * (bh + bgap) + bgap
        self.board_rect = pygame.Rect(self.right.x, self.right.y, self.right.width,
                                      max(m.button_h, y - self.right.y - m.pad))
        for row in rows:
            x = self.right.x
            for label, intent, bw in row:
                self._button((x, y, bw, bh), label, intent)
                x += bw + bgap
            y += bh + bgap
        self.board = text.Block(self._board(les, m), self.board_rect.width - 2 * m.pad, gap=max(2, m.pad // 2))
        self.scroll = max(0, min(self.scroll, text.scroll_limit(self.words, self.view.height)))

    @staticmethod
    def _pack(buttons, width, m, gap):
        rows, row, used = [], [], 0
        for label, intent in buttons:
            bw = min(width, text.size(label, m.body, "bold")[0] + 2 * m.pad)
            if row and used + bw > width:
                rows.append(row)
                row, used = [], 0
            row.append((label, intent, bw))
            used += bw + gap
        if row:
            rows.append(row)
        return rows

    def _buttons(self, les: Lesson) -> list[tuple[str, Intent]]:
        if les.task_done:
            q = les.chapter.question
            if les.answer is None:
                return [(f"Answer {k + 1}", Intent(Kind.PICK, ("digit", k + 1))) for k in range(len(q.options))]
            last = les.chapter.number == len(lesson.CHAPTERS)
            return [("Chapter list (Enter)" if last else "Next chapter (Enter)", Intent(Kind.ACTIVATE))]
        if les.task.kind == "watch":
            return [("Next turn (Enter)", Intent(Kind.ACTIVATE))]
        if les.belief is not None:
            return [("− 10", Intent(Kind.ADJUST, -10)), ("+ 10", Intent(Kind.ADJUST, 10)),
                    (f"State {les.belief}% (Enter)", Intent(Kind.ACTIVATE))]
        p = les.unanswered()
        if p is not None and p["kind"] == "stance":
            return [(f"{STANCE_LETTERS[s]} {s.label}", Intent(Kind.STANCE, int(s))) for s in Stance]
        if p is not None:
            return [("Y Back the ally", Intent(Kind.BACKING, True)), ("N Stay out", Intent(Kind.BACKING, False))]
        out = [(f"{k + 1} {a.label}", Intent(Kind.PICK, ("digit", k + 1))) for k, a in enumerate(les.moves)]
        if les.move is not None and les.move.targeted and len(les.targets) > 1:
            out.append(("Tab: next target", Intent(Kind.NEXT_TARGET)))
        out.append(("Play the turn (Enter)", Intent(Kind.ACTIVATE)))
        return out

    # ---------------------------------------------------------- the board: the real game, in words
    def _board(self, les: Lesson, m) -> list:
        paras = self._game_board(les, m)
        if les.task_done:
            paras = self._question(les, m, paras)
        return paras

    def _game_board(self, les: Lesson, m) -> list:
        g = les.game
        sc = g.scenario
        name = {k: a.name for k, a in enumerate(sc.actors)}
        paras = []
        head = lambda s: paras.append((s, m.body, palette.ACCENT, "bold"))  # noqa: E731
        line = lambda s, c=palette.TEXT: paras.append((s, m.body, c, "regular"))  # noqa: E731
        small = lambda s, c=palette.MUTED: paras.append((s, m.small, c, "regular"))  # noqa: E731
        stake_name = {st.id: st.name for st in sc.stakes}
        head(f"{sc.title} · turn {g.turn} of {min(g.turn_limit, max(les.task.rounds, g.turn))}")
        if les.task.kind == "watch" and len(les.games) > 1:
            line("Both sides play the same doctrine; * marks a move that came out wrong (noise).", palette.MUTED)
            small(f"Each turn: {name[0]}'s move · {name[1]}'s move, both playing "
                  + "   |   both playing ".join(d.replace("-", " ") for d in les.task.watch))
            for t in range(g.turn):
                cells = []
                for game in les.games:
                    moves = game.turns[t]["actions"].values()
                    cells.append(" · ".join(self._move(mv) for mv in moves))
                line(f"Turn {t + 1}:  " + "   |   ".join(cells))
            totals = []
            for d, game in zip(les.task.watch, les.games):
                pts = [sum(tt["payoffs"][k] for tt in game.turns) for k in range(len(game.codes))]
                totals.append(f"{d.replace('-', ' ')}: " + ", ".join(f"{name[k]} {p:g}" for k, p in enumerate(pts)))
            head("Points so far")
            for t in totals:
                line(t)
            return paras
        if les.task.kind == "watch":
            for t in range(g.turn):
                card = g.turns[t].get("card")
                if not card:
                    continue
                c = next((c for c in sc.cards if c.id == card["id"]), None)
                if t < g.turn - 1 or c is None:
                    small(f"Turn {t + 1}: {card['title']} (¶{card['paragraph']})")
                    continue
                head(f"Turn {t + 1}: {c.title} (¶{c.paragraph}" + (f", {c.date})" if c.date else ")"))
                line(f"“{c.quote}”", palette.MUTED)
                paras.append(("Deterrence reading: " + c.deterrence_reading, m.body, palette.DETERRENCE, "regular"))
                paras.append(("Dialogue reading: " + c.dialogue_reading, m.body, palette.DIALOGUE, "regular"))
            if g.turn:
                small(f"Regional tension {g.turns[-1]['regional_tension']:.0f} of 100.")
            else:
                line("Press Enter to play the first turn.", palette.MUTED)
            return paras
        me = les.human
        if not g.hidden or g.over:
            line(f"You are {name[me]}; your type (private): {g.type_of(me)}.", palette.MUTED)
        else:
            line(f"You are {name[me]}; your type (private): {g.type_of(me)}. The world is hidden.", palette.MUTED)
        two = len(sc.codes) == 2
        for t in range(g.turn):
            entry = g.turns[t]
            acts = entry["actions"]
            mine = acts[sc.codes[me]]
            if two:
                other = sc.codes[1 - me]
                pts = entry["payoffs"]
                line(f"Round {t + 1}: you {self._move(mine)}, {name[1 - me]} {self._move(acts[other])} → "
                     f"you {pts[me]:g}, {name[1 - me]} {pts[1 - me]:g}")
            elif t >= g.turn - 2:
                card = entry.get("card")
                code = {c: k for k, c in enumerate(sc.codes)}
                where = f" → {name[code[mine['target']]]}" if mine.get("target") in code else ""
                line(f"Turn {t + 1}: you {self._move(mine)}{where}" + (f"; card: {card['title']}" if card else ""))
                for c in entry.get("crises", []):
                    stances = ", ".join(f"{k} {v.replace('_', ' ').lower()}" for k, v in c.get("stances", {}).items())
                    small(f"Crisis over {stake_name.get(c['stake'], c['stake'])}: rung {c['rung_before']} → {c['rung']}"
                          + (f" ({stances})" if stances else ""), palette.WARNING)
        if two:
            paras.extend(self._matrix(les, m, name))
        if two and g.turn:
            total = [sum(tt["payoffs"][k] for tt in g.turns) for k in range(2)]
            line(f"Points: you {total[me]:g}, {name[1 - me]} {total[1 - me]:g}. "
                 f"{name[1 - me]}'s trust in you: {g.state.trust[0][1 - me][me]:.2f}", palette.FOCUS)
        if not two and g.turn and les.trust_before is not None:
            head(f"The others' trust in {name[me]} (0–1), this turn")
            now = g.state.trust[0]
            for k in range(len(sc.codes)):
                if k != me:
                    d = round(float(now[k][me] - les.trust_before[k][me]), 2) + 0.0
                    colour = palette.TRUST_HIGH if d > 0.005 else palette.TRUST_LOW if d < -0.005 else palette.TEXT
                    line(f"{name[k]}: {now[k][me]:.2f} ({d:+.2f})", colour)
        if g.hidden and g.beliefs.get(me):
            small("Your beliefs (chance of the spiral world): "
                  + ", ".join(f"after turn {t}: {p * 100:.0f}%" for t, p in g.beliefs[me]))
        if g.hidden and g.over and les.belief is None:
            from game.core.teaching.hidden import brier
            spiral = g.worldview.preset == "spiral-world"
            head(f"The world was the {g.worldview.preset}.")
            path = g.beliefs.get(me, [])
            if path:
                line(f"Your Brier score: {brier(path, spiral):.2f}; the observer's: "
                     f"{brier(g.observer_beliefs(), spiral):.2f} (0 is perfect, 0.25 is always 50%).")
        if les.task_done:
            return paras
        return self._prompt(les, m, paras)

    def _question(self, les: Lesson, m, paras: list) -> list:
        q = les.chapter.question
        paras.append(("Your answer" if les.answer is not None else "Answers", m.body, palette.ACCENT, "bold"))
        for k, opt in enumerate(q.options):
            colour = palette.TEXT
            if les.answer is not None:
                colour = palette.FOCUS if k == les.answer else palette.FAINT
            paras.append((f"{k + 1}. {opt}", m.body, colour, "bold" if k == les.answer else "regular"))
        paras.append(("Press 1–3 or click an answer." if les.answer is None else "Enter: go on.", m.small,
                      palette.MUTED, "regular"))
        return paras

    def _prompt(self, les: Lesson, m, paras: list) -> list:
        name = {k: a.name for k, a in enumerate(les.game.scenario.actors)}
        head = lambda s: paras.append((s, m.body, palette.ACCENT, "bold"))  # noqa: E731
        line = lambda s, c=palette.TEXT: paras.append((s, m.body, c, "regular"))  # noqa: E731
        small = lambda s, c=palette.MUTED: paras.append((s, m.small, c, "regular"))  # noqa: E731
        if les.belief is not None:
            head(f"How likely is the spiral world? {les.belief}%")
            small("← → by 10, then Enter to state it. The deterrence world is the other possibility.")
            return paras
        p = les.unanswered()
        if p is not None:
            other = p["parties"][1 - p["side"]] if p["kind"] == "stance" else p["ally"]
            if p["kind"] == "stance":
                head(f"Crisis over {p['name']} with {name[other]}, rung {p['rung']}: your stance?")
                small("F stand firm · X escalate · S settle (split the stake) · B back down")
            else:
                head(f"{name[other]}, your ally, is in a crisis over {p['name']}: back it (Y) or stay out (N)?")
            return paras
        if les.move is None:
            line(f"Your move: choose with 1–{len(les.moves)} or a button.", palette.FOCUS)
        else:
            tgt = f" → {name[les.target]}" if les.move.targeted and les.target >= 0 else ""
            line(f"Your move: {les.move.label}{tgt}. Enter plays the turn.", palette.FOCUS)
        return paras

    @staticmethod
    def _matrix(les: Lesson, m, name) -> list:
        """The 2×2 in words: points (you, the other) for each pair of families; last round's cell lit."""
        g, me = les.game, les.human
        wv = g.worldview
        temptation = wv["payoff_T"] if g.type_of(me) == "greedy" else wv["secure_payoff_T"]
        other = name[1 - me]
        last = None
        if g.turn:
            acts = g.turns[-1]["actions"]
            last = tuple(Action[acts[g.codes[k]]["action"]].family.name.lower() for k in (me, 1 - me))
        R, S, P = wv["payoff_R"], wv["payoff_S"], wv["payoff_P"]
        rows = [(("dialogue", "dialogue"), f"you talk, {other} talks: you {R:g}, {other} {R:g}"),
                (("dialogue", "deterrence"), f"you talk, {other} deters: you {S:g}, {other} {wv['payoff_T']:g} if greedy, "
                                             f"{wv['secure_payoff_T']:g} if not"),
                (("deterrence", "dialogue"), f"you deter, {other} talks: you {temptation:g} (your type), {other} {S:g}"),
                (("deterrence", "deterrence"), f"you deter, {other} deters: you {P:g}, {other} {P:g}")]
        out = [("Points each round", m.small, palette.ACCENT, "bold")]
        for cell, words in rows:
            lit = cell == last
            out.append((("▶ " if lit else "   ") + words, m.small, palette.FOCUS if lit else palette.MUTED,
                        "bold" if lit else "regular"))
        return out

    @staticmethod
    def _move(mv: dict) -> str:
        label = Action[mv["action"]].label
        return label + ("*" if mv.get("intended") and mv["intended"] != mv["action"] else "")

    # ---------------------------------------------------------- input
    def on_intent(self, intent):
        k = intent.kind
        if self.lesson is None:
            return self._list_intent(intent)
        les = self.lesson
        if k is Kind.BACK:
            self.lesson = None
            self.done = load_progress() | self.done
            self.refresh()
            return True
        if k in (Kind.NEXT_TAB, Kind.PREV_TAB):
            n = les.chapter.number + (1 if k is Kind.NEXT_TAB else -1)
            if 1 <= n <= len(lesson.CHAPTERS):
                self.open(n)
                self.refresh()
            return True
        if k in (Kind.FOCUS_NEXT, Kind.FOCUS_PREV):
            step = 3 if k is Kind.FOCUS_NEXT else -3
            self.scroll = max(0, min(text.scroll_limit(self.words, self.view.height), self.scroll + step))
            return True
        message = ""
        if les.task_done:
            if k is Kind.PICK and intent.arg[0] == "digit" and les.answer is None:
                n = intent.arg[1]
                if 1 <= n <= len(les.chapter.question.options):
                    les.answer = n - 1
                    self.done[les.chapter.number] = les.answer
                    save_progress(self.done)
                    self.scroll = 10 ** 6   # show the feedback
            elif k is Kind.ACTIVATE and les.answer is not None:
                n = les.chapter.number + 1
                if n <= len(lesson.CHAPTERS):
                    self.open(n)
                else:
                    self.lesson = None
            elif k is Kind.ACTIVATE:
                message = "Answer the question: 1, 2 or 3 (or click an answer)."
            else:
                return super().on_intent(intent)
        elif k is Kind.PICK and intent.arg[0] == "digit":
            message = les.choose(intent.arg[1]) if les.task.kind == "play" else ""
        elif k in (Kind.NEXT_TARGET, Kind.PREV_TARGET):
            les.step_target(1 if k is Kind.NEXT_TARGET else -1)
        elif k is Kind.ADJUST:
            if les.belief is not None:
                les.belief = max(0, min(100, les.belief + int(intent.arg)))
        elif k is Kind.STANCE:
            message = les.answer_crisis("stance", Stance(int(intent.arg)))
        elif k is Kind.BACKING:
            message = les.answer_crisis("backing", bool(intent.arg))
        elif k is Kind.ACTIVATE:
            was_done = les.task_done
            message = les.play()
            if les.task_done and not was_done:
                self.scroll = 10 ** 6   # bring the question into view
        else:
            return super().on_intent(intent)
        if message:
            self.app.say(message)
        self.refresh()
        return True

    def _list_intent(self, intent):
        k = intent.kind
        if k in (Kind.FOCUS_NEXT, Kind.FOCUS_PREV):
            self.list.move(1 if k is Kind.FOCUS_NEXT else -1)
            return True
        if k is Kind.ACTIVATE:
            chosen = self.list.focused_intent()
            return self.on_intent(chosen) if chosen else True
        if k is Kind.PICK and intent.arg[0] == "chapter":
            self.list.focus = intent.arg[1] - 1
            self.open(intent.arg[1])
            self.refresh()
            return True
        if k is Kind.PICK and intent.arg[0] == "digit" and intent.arg[1] <= len(lesson.CHAPTERS):
            return self.on_intent(Intent(Kind.PICK, ("chapter", intent.arg[1])))
        if k is Kind.BACK:
            self.app.pop()
            return True
        return super().on_intent(intent)

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
            more = (["↑ more above"] if self.scroll else []) + (["↓ more below"] if after < len(self.words.lines) else [])
            hint = " · ".join(more + ["↑ ↓ or the wheel"])
            surface.blit(text.render(hint, m.small, palette.FOCUS if more else palette.FAINT, "regular"),
                         (self.left.x, self.view.bottom + 2))
        r = self.board_rect
        pygame.draw.rect(surface, palette.PANEL, r, border_radius=6)
        pygame.draw.rect(surface, palette.PANEL_EDGE, r, 1, border_radius=6)
        inner = r.inflate(-2 * m.pad, -2 * m.pad)
        # the newest lines matter most: a long board shows its end, in whole lines
        first = text.scroll_limit(self.board, inner.height)
        shown, _ = text.window(self.board, first, inner.height)
        surface.blit(shown, inner.topleft)
