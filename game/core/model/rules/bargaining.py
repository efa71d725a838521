"""Bargaining in the shadow of war (Fearon 1995; Powell 2006): a settlement divides the stake by
the parties' odds of winning a war over it, so a side gains nothing by war that it could not have
by settling unless it knows something the other does not (its own allies' real backing, its own
misjudgement of the odds) or fear makes it strike first (docs/MODEL.md §7.10, §7.14)."""

from __future__ import annotations

import attrs
import numpy as np

from ..constants import K
from ..state import sigmoid


@attrs.frozen(eq=False)
class Footing:
    """Where one party stands in one crisis, as its doctrine weighs it; every field (B,) but value."""

    odds: np.ndarray  # public odds of winning a war, with the backing each side can expect
    sure: np.ndarray  # its own reckoning: its allies' real backing this turn, and its misjudgement
    value: float  # the stake's value
    war_cost: np.ndarray  # what a war costs it, in units of stake value
    fear: np.ndarray  # first_strike·(1 − trust)·tension toward the other party
    face: np.ndarray  # what backing down costs it: audience_cost·value if it escalated in this crisis
    u: np.ndarray  # its pre-emption draw
    their_resolve: np.ndarray  # the other party's resolve image: the belief that it will stand firm
    provoked: np.ndarray  # (B,) bool: the other party escalated in this crisis, tying its own hands

    @property
    def resolve_seen(self) -> np.ndarray:
        """r = 1 where the other escalated in this crisis, else its resolve image: an escalation is a costly signal,
        since backing down after it costs audience costs (Fearon 1994), so it is read as resolve."""
        return np.where(self.provoked, 1.0, self.their_resolve)

    @property
    def war_value(self) -> np.ndarray:
        """EV(war) = sure·value − war_cost."""
        return self.sure * self.value - self.war_cost

    @property
    def war_gain(self) -> np.ndarray:
        """EV(escalating) − settlement = (1 − r)·value + r·EV(war) − odds·value, r the other's resolve
        as seen (resolve_seen): escalating wins the whole stake if the other yields, and is war if it stands. With a
        resolute other (r = 1) it pays only on private information, (sure − odds)·value > war_cost;
        against an irresolute one it tempts a greedy party to gamble (Fearon 1995; Schelling 1966)."""
        r = self.resolve_seen
        return (1.0 - r) * self.value + r * self.war_value - self.odds * self.value


def war_cost(greedy, both_nuclear: bool) -> np.ndarray:
    """c = GREEDY_WAR_COST (a greedy party) or SECURE_WAR_COST, + NUCLEAR_WAR_COST if both are nuclear."""
    return np.where(greedy, K.GREEDY_WAR_COST, K.SECURE_WAR_COST) + K.NUCLEAR_WAR_COST * both_nuclear


def fear_logodds(fear) -> np.ndarray:
    """ln(fear / FEAR_SCALE): the pull of fear toward striking first. The logarithm makes the odds
    proportional to fear, and nil without it (no motive, no war)."""
    with np.errstate(divide="ignore"):
        return np.log(np.maximum(fear, 0.0) / K.FEAR_SCALE)


def preempts(fear, u) -> np.ndarray:
    """A security-seeker at the brink strikes first where u < sigmoid(fear_logodds(fear) + PREEMPT_BASE)."""
    return u < sigmoid(fear_logodds(fear) + K.PREEMPT_BASE)


def stands_fast(fear, u) -> np.ndarray:
    """A security-seeker at the brink that does not strike first stands firm where
    u < sigmoid(fear_logodds(fear) + PREEMPT_BASE + FIRM_MARGIN): too afraid to concede, not afraid
    enough to strike (the same draw as preempts, so the two never both hold at a given chance)."""
    return u < sigmoid(fear_logodds(fear) + K.PREEMPT_BASE + K.FIRM_MARGIN)


def reckoning(odds_real, hunch, misperception) -> np.ndarray:
    """sure = clip(odds_real + MISJUDGEMENT·misperception·hunch, 0, 1), hunch uniform on (−1, 1):
    a party knows its own allies' real backing and misjudges the rest (Fearon 1995; Blainey 1973)."""
    return np.clip(odds_real + K.MISJUDGEMENT * misperception * hunch, 0.0, 1.0)
