"""The teacher's guide as plain data: the lesson's parts in order, each with its minutes, the teacher's
one-line prompt and the game the program sets up for it (scenario, seats, world, seed, turns, text size).

Three versions: one 45-minute lesson (SHORT), and the same ground over two lessons (FIRST_OF_TWO,
SECOND_OF_TWO), which adds time to talk and ends with the lab. docs/teachers-guide.md follows these
tables; the window (game/ui/scenes/lesson_mode.py) opens each part, and `play.lesson_games.part_game`
builds its game.
"""

from __future__ import annotations

import attrs

HIDDEN = "hidden"  # the world is drawn from the seed and named only in the debrief
TEXT_SIZE = 1.5  # readable from the back of a classroom on a projector


@attrs.frozen
class Part:
    """One part of a lesson. With a scenario it is a game: `seats` gives (actor code, human or doctrine)
    over `everyone` (or the scenario's own doctrines); `seed` None is drawn when the part opens, so
    nobody in the room can know the world; `same_game` goes on with the previous part's game. With a
    `screen` instead it opens that screen of the program (the compare lab, the sweep)."""

    key: str  # the guide's number of the part: "1", "2b", "D"...
    title: str
    start: int  # minutes from the start of the lesson
    end: int
    prompt: str  # what the teacher asks or does, one line
    keys: str = ""  # the keys the part needs, one line
    scenario: str = ""
    seats: tuple[tuple[str, str], ...] = ()
    everyone: str = ""  # the doctrine of every seat not in `seats` ("" for the scenario's own)
    worldview: str = ""  # a preset, HIDDEN, or "" for the scenario's own
    sets: tuple[tuple[str, float], ...] = ()  # worldview values changed for this part
    seed: int | None = None
    turns: int = 0  # 0: the scenario's own turn limit
    scale: float = TEXT_SIZE
    same_game: bool = False
    screen: str = ""

    @property
    def minutes(self) -> int:
        return self.end - self.start

    @property
    def plays(self) -> bool:
        """True when the part opens a game (its own or the previous part's)."""
        return bool(self.scenario) or self.same_game


@attrs.frozen
class Plan:
    key: str
    title: str
    parts: tuple[Part, ...]

    @property
    def minutes(self) -> int:
        return sum(p.minutes for p in self.parts)


NOISE = (("action_noise", 0.1), ("secure_payoff_T", 5.0))  # everyone feels a prisoner's dilemma; incidents
RIVALS_SEED = 7
REGION_SEED = 4
CRISIS_SEED = 168

OPENING = Part(
    "0",
    "Opening",
    0,
    2,
    'Ask: "If your neighbour arms, should you arm too?" Hands up: arm or talk. Hand out the worksheet.',
)
ONE_ROUND = Part(
    "1",
    "The security dilemma in one round",
    2,
    6,
    'Before the first move, everyone circles talk or deter (worksheet A). "What do you fear Ambria will do?"',
    "1–8 choose a move · Enter confirms · Enter again locks it in",
    scenario="two_rivals",
    seats=(("AZR", "human"), ("AMB", "reciprocity")),
    worldview="deterrence-world",
    seed=RIVALS_SEED,
    turns=6,
)
REPEATED = Part(
    "2",
    "Repeated play and reciprocity",
    6,
    9,
    'Five more rounds. After any deter move: "Why did Ambria answer like that?" (worksheet B)',
    "1–8, Enter, Enter · the debrief opens after round 6",
    same_game=True,
)
SECOND_OPPONENT = Part(
    "2b",
    "A second opponent: deterrence",
    9,
    11,
    'Three rounds against an Ambria that always deters. "Did talking ever pay?" Compare the points (B).',
    "1–8, Enter, Enter",
    scenario="two_rivals",
    seats=(("AZR", "human"), ("AMB", "deterrence")),
    worldview="deterrence-world",
    seed=RIVALS_SEED,
    turns=3,
)
NOISE_STRICT = Part(
    "3",
    "Noise: strict reciprocity",
    11,
    13,
    'Space plays. Stop at turn 7 (a move marked *): "Was that an attack?" Then watch turns 8–10 (C).',
    "Space plays and pauses · + − speed · Ctrl+Z back a turn",
    scenario="two_rivals",
    everyone="reciprocity",
    worldview="deterrence-world",
    sets=NOISE,
    seed=1,
    turns=12,
)
NOISE_GENEROUS = Part(
    "3b",
    "Noise: generous reciprocity",
    13,
    15,
    'The same seed with generous reciprocity: "Who forgave at turn 8, and what followed?" (C)',
    "Space plays and pauses · + − speed",
    scenario="two_rivals",
    everyone="generous-reciprocity",
    worldview="deterrence-world",
    sets=NOISE,
    seed=1,
    turns=12,
)
REGION = Part(
    "4",
    "The region and the article's cards",
    15,
    23,
    "Pause on three cards (E): half the room argues each reading, 30 s each. What would settle it? (D)",
    "Space plays and pauses · E the card · A the article's paragraph",
    scenario="east_asia_2023",
    everyone="reciprocity",
    worldview=HIDDEN,
    seed=REGION_SEED,
)
SIGNALS = Part(
    "5",
    "Hidden types and costly signals",
    23,
    28,
    'W: find a CBM read as reassuring. "Why does a CBM move trust more than a summit?" (E)',
    "W the why panel · Space plays and pauses",
    same_game=True,
)
CRISES = Part(
    "6",
    "Crises",
    28,
    34,
    'The class plays Japan. Vote F, X, S or B. "Did standing firm make us safer? Did our allies back us?" (F)',
    "1–9 a move · F X S B a stance · Y N back an ally · K the prompt again",
    scenario="east_asia_2023",
    seats=(("JPN", "human"),),
    worldview="spiral-world",
    seed=CRISIS_SEED,
)
WHICH_WORLD = Part(
    "7",
    "Which world are we in?",
    34,
    41,
    "After turns 3 and 6 everyone writes a chance and a reason (G); enter the class median.",
    "1–9, Enter, Enter · belief: type a number, Enter",
    scenario="east_asia_2023",
    seats=(("JPN", "human"),),
    worldview=HIDDEN,
    turns=9,
)
DEBRIEF = Part(
    "D",
    "Debrief: the world revealed",
    41,
    45,
    "Read the world, the class's belief path and its Brier score beside the observer's. O: the other world.",
    "← → pages · O the other world · P print",
    same_game=True,
)

SHORT = Plan(
    "short",
    "One lesson (45 minutes)",
    (
        OPENING,
        ONE_ROUND,
        REPEATED,
        SECOND_OPPONENT,
        NOISE_STRICT,
        NOISE_GENEROUS,
        REGION,
        SIGNALS,
        CRISES,
        WHICH_WORLD,
        DEBRIEF,
    ),
)


def _at(part: Part, start: int, end: int) -> Part:
    return attrs.evolve(part, start=start, end=end)


FIRST_OF_TWO = Plan(
    "first",
    "Two lessons: the first (45 minutes)",
    (
        _at(OPENING, 0, 3),
        _at(ONE_ROUND, 3, 9),
        _at(REPEATED, 9, 14),
        _at(SECOND_OPPONENT, 14, 18),
        _at(NOISE_STRICT, 18, 23),
        _at(NOISE_GENEROUS, 23, 28),
        _at(REGION, 28, 38),
        _at(SIGNALS, 38, 45),
    ),
)
SECOND_OF_TWO = Plan(
    "second",
    "Two lessons: the second (45 minutes)",
    (
        Part(
            "R",
            "Recap",
            0,
            3,
            'Ask: "What did strict reciprocity do after an accident? Which card reading did you find stronger?"',
        ),
        _at(CRISES, 3, 13),
        _at(WHICH_WORLD, 13, 25),
        _at(DEBRIEF, 25, 32),
        Part(
            "L1",
            "The lab: every doctrine in every world",
            32,
            39,
            "Run the comparison: where does each concept keep the lower war rate? Is either right everywhere?",
            "Enter runs · Tab the results",
            screen="compare",
        ),
        Part(
            "L2",
            "The lab: where the verdict flips",
            39,
            45,
            "Sweep the share of greedy actors: where does the better doctrine flip? Exit question on the worksheet.",
            "Enter runs · ← → the parameter",
            screen="sweep",
        ),
    ),
)

PLANS: tuple[Plan, ...] = (SHORT, FIRST_OF_TWO, SECOND_OF_TWO)


def plan(key: str) -> Plan:
    """The plan with this key (KeyError if there is none)."""
    for p in PLANS:
        if p.key == key:
            return p
    raise KeyError(key)
