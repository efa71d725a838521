"""The closed vocabularies of the game: actions, families, outcomes."""

from __future__ import annotations

import enum

import numpy as np


class Family(enum.IntEnum):
    DETERRENCE = 0
    DIALOGUE = 1


class Action(enum.IntEnum):
    """One move per actor per turn; the value is also its key (value + 1)."""

    ARM = 0
    ALLY = 1
    PRESSURE = 2
    SUMMIT = 3
    CBM = 4
    FORUM = 5
    TRADE = 6
    HOLD = 7
    CHALLENGE = 8  # press a claim on a stake against its other party: opens a crisis

    @property
    def family(self) -> Family:
        return Family(int(FAMILY[self]))

    @property
    def targeted(self) -> bool:
        return bool(TARGETED[self])

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS = {
    Action.ARM: "Arm",
    Action.ALLY: "Ally",
    Action.PRESSURE: "Pressure",
    Action.SUMMIT: "Summit",
    Action.CBM: "Confidence-building",
    Action.FORUM: "Regional forum",
    Action.TRADE: "Trade",
    Action.HOLD: "Hold",
    Action.CHALLENGE: "Challenge",
}

ACTION_HELP = {
    Action.ARM: (
        "Build military capability (no target). Raises your capability and resolve; others read it by the "
        "worldview's arming signal."
    ),
    Action.ALLY: "Deepen alliance ties with a partner (exercises, missions). Outsiders read it by the alliance signal.",
    Action.PRESSURE: "Sanctions or a show of force against a target. Raises tension with it and your resolve image.",
    Action.SUMMIT: "Talk with a target. Cheap talk: little signal, but it steps a crisis down.",
    Action.CBM: (
        "Costly confidence-building with a target (transparency, restraint). Costs capability; a weak sign "
        "of a security-seeker."
    ),
    Action.FORUM: "Work through the regional forum (no target). Raises the forum stock that lowers everyone's tension.",
    Action.TRADE: "Trade with a target. Builds ties and prosperity for both.",
    Action.HOLD: "Restraint: do nothing this turn. Counts as dialogue in the 2x2 payoff.",
    Action.CHALLENGE: (
        "Press a claim on a stake you share with the target: opens a crisis over it. "
        "Read as greed unless fear explains it."
    ),
}

# in a game without regional dynamics (two_rivals: the 2x2 game) there is no forum, bloc or tension to raise
ACTION_LABELS_LOCAL = {Action.FORUM: "Call for talks"}
ACTION_HELP_LOCAL = {
    Action.PRESSURE: (
        "Sanctions or a show of force against a target. Counts as deterrence in the 2x2 payoff and "
        "raises your resolve image."
    ),
    Action.FORUM: "A general call for talks (no target). Counts as dialogue in the 2x2 payoff.",
}

#                 ARM ALLY PRESSURE SUMMIT CBM FORUM TRADE HOLD CHALLENGE
FAMILY = np.array([0, 0, 0, 1, 1, 1, 1, 1, 0], dtype=np.int8)
TARGETED = np.array([0, 1, 1, 1, 1, 0, 1, 0, 1], dtype=bool)


def family_of(actions: np.ndarray) -> np.ndarray:
    """The family (0 deterrence, 1 dialogue) of each action in an array."""
    return FAMILY[np.asarray(actions, dtype=np.intp)]


def targeted(actions: np.ndarray) -> np.ndarray:
    """Whether each action in an array is aimed at a target."""
    return TARGETED[np.asarray(actions, dtype=np.intp)]


DETERRENCE_ACTIONS = (Action.ARM, Action.ALLY, Action.PRESSURE, Action.CHALLENGE)
DIALOGUE_ACTIONS = (Action.SUMMIT, Action.CBM, Action.FORUM, Action.TRADE, Action.HOLD)


class Stance(enum.IntEnum):
    """A party's move in a crisis, each turn the crisis is open."""

    STAND_FIRM = 0
    ESCALATE = 1
    SETTLE = 2  # offer to divide the stake by the odds of war
    BACK_DOWN = 3

    @property
    def label(self) -> str:
        return self.name.replace("_", " ").title()


STANCE_HELP = {
    Stance.STAND_FIRM: (
        "Hold your position. If both stand firm the crisis climbs a rung (at the brink it stays, and "
        "may slip into war by accident)."
    ),
    Stance.ESCALATE: "Raise the stakes: the crisis climbs a rung; at the brink, escalating starts the war.",
    Stance.SETTLE: (
        "Offer to divide the stake. If both settle, the crisis ends and each gets a share by its odds of "
        "winning a war over it."
    ),
    Stance.BACK_DOWN: (
        "Give way: the other side wins the stake. Backing down after escalating costs you resolve (audience costs)."
    ),
}


class Outcome(enum.Enum):
    ONGOING = "ongoing"
    REGIONAL_WAR = "regional-war"
    COLD_WAR_LOCK_IN = "cold-war-lock-in"
    SECURITY_COMMUNITY = "security-community"
    TURN_LIMIT = "turn-limit"


OUTCOME_CODES = [
    Outcome.ONGOING,
    Outcome.REGIONAL_WAR,
    Outcome.COLD_WAR_LOCK_IN,
    Outcome.SECURITY_COMMUNITY,
    Outcome.TURN_LIMIT,
]
OUTCOME_INDEX = {o: k for k, o in enumerate(OUTCOME_CODES)}

RUNG_NAMES = ["calm", "dispute", "confrontation", "brink", "war"]
TENSION_BANDS = [(0, 25, "calm"), (25, 50, "friction"), (50, 75, "crisis"), (75, 101, "brink")]


def tension_band(r: float) -> str:
    for low, high, name in TENSION_BANDS:
        if low <= r < high:
            return name
    return "brink"


# A card's effects in plain words (cards.Effect.plain): kind -> (when the amount raises it, when it lowers
# it); {a} and {b} are the actors, {n} a crisis's rungs, {t} the turns a worldview shift lasts.
EFFECT_PLAIN = {
    "trust": ("trust grows from {a} toward {b}", "trust falls from {a} toward {b}"),
    "tension": ("tension rises between {a} and {b}", "tension eases between {a} and {b}"),
    "capability": ("military strength grows for {a}", "military strength shrinks for {a}"),
    "prosperity": ("the economy grows for {a}", "the economy shrinks for {a}"),
    "alliance": ("alliance ties deepen between {a} and {b}", "alliance ties loosen between {a} and {b}"),
    "ties": (
        "trade and diplomatic ties grow between {a} and {b}",
        "trade and diplomatic ties weaken between {a} and {b}",
    ),
    "forum": ("the regional forum grows stronger", "the regional forum grows weaker"),
    "crisis": ("the crisis between {a} and {b} climbs {n}", "the crisis between {a} and {b} steps down {n}"),
    "resolve": ("others see {a} as more determined", "others see {a} as less determined"),
}
# a card's short shift of how actors read each other (cards.PERCEPTION_PARAMS)
PARAM_PLAIN = {
    "misperception": (
        "perceptions blur for {t}: moves are misread more often",
        "perceptions sharpen for {t}: moves are read more truly",
    ),
    "suspicion_bias": (
        "suspicion eases for {t}: moves are read more kindly",
        "suspicion grows for {t}: moves are read as more hostile",
    ),
    "camp_bias": (
        "the bloc divide deepens for {t}: more distrust across blocs",
        "the bloc divide narrows for {t}: less distrust across blocs",
    ),
}
