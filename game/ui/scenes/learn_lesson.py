"""One Learn chapter's state (its real games, the learner's move, answers and beliefs) and the
progress kept between sessions in learn.json in the user data folder (a file that cannot be read
is ignored)."""

from __future__ import annotations

import json

from game.core.model.vocab import Action
from game.core.play.lesson_games import games as lesson_games
from game.core.teaching import lesson

from ..window import userdata
from ..window.cycle import cycled


# ------------------------------------------------------------------ progress
def progress_path():
    return userdata.data_dir() / "learn.json"


def load_progress() -> dict[int, int]:
    """Chapter number -> the right answer given (a chapter answered wrongly is not done: it may be tried
    again); {} when the file is missing or cannot be read."""
    try:
        done = userdata.read_small_json(progress_path())["done"]
        out = {int(k): int(v) for k, v in done.items()}
        return {
            k: v for k, v in out.items() if 1 <= k <= len(lesson.CHAPTERS) and v == lesson.chapter(k).question.correct
        }
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
        self.belief: int | None = None  # a belief being stated (percent), when one is due
        self.answer: int | None = None
        self.message = ""
        self.trust_before = None

    # ---------------------------------------------------------- what the learner may do
    @property
    def moves(self) -> list[Action]:
        # no challenge without a stake, nor before crises are taught
        challenge = bool(self.game.scenario.stakes) and self.task.crises
        return [a for a in Action if a is not Action.CHALLENGE or challenge]

    def prompts(self) -> list[dict]:
        if self.human < 0 or self.game.over or not self.task.crises:
            return []
        return self.game.crisis_prompts(self.human)

    def unanswered(self) -> dict | None:
        for p in self.prompts():
            table = self.stances if p["kind"] == "stance" else self.backing
            if (self.human, p["stake"]) not in table:
                return p
        return None

    @property
    def answered_right(self) -> bool:
        return self.answer == self.chapter.question.correct

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
            self.target = cycled(self.targets, self.target, step)

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
