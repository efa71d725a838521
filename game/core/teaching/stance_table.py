"""What every pair of crisis stances does, in words, read from the rules themselves
(rules.crises.resolve_stances) so the crisis prompt states them exactly: both settle splits the
stake; one backing down hands it to the other; anything else climbs a rung (settling against a
stand firm too); at the brink only an escalation starts a war, and otherwise war may come by accident.
"""

from __future__ import annotations

import numpy as np

from ..model.rules.crises import resolve_stances
from ..model.vocab import RUNG_NAMES, Stance

WAR = len(RUNG_NAMES) - 1
BRINK_NOTE = (
    "At the brink only an escalation starts a war; without one the crisis stays at the brink, "
    "and war may still come by accident (likelier the more the sides misread each other)."
)


def outcome(mine: Stance, theirs: Stance, rung: int) -> str:
    """What the pair of stances does to a crisis at `rung`, in a few words, from the rules."""
    stance = np.array([[int(mine), int(theirs)]] * 2)
    rung_now = np.full(2, int(rung), dtype=np.int8)
    res = resolve_stances(rung_now, stance, np.array([False, True]))  # without and with an accident
    if res.settled[0]:
        return "split"
    if res.rung[0] == 0:
        return {1: "they win", 0: "you win"}.get(int(res.winner[0]), "nobody wins")
    if res.war[0]:
        return "WAR"
    if res.war[1]:
        return "stays (accident?)"
    return "climbs a rung"


def table(rung: int) -> list[list[str]]:
    """Rows: your stance (Stance order); columns: theirs; each cell the outcome's words."""
    return [[outcome(mine, theirs, rung) for theirs in Stance] for mine in Stance]
