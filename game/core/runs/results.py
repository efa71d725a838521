"""The results of many games, summarised in one place: how they ended (rates with their 95%
Wilson intervals), the region's mean trust, and a condition's summary (`Results`) that the
command line, the lab screens, the per-game table and the measures all read. A run's rows (a
batch's games, the per-game table) give their rates through `Rates`, so every rate and interval
is computed here and nowhere else (in the spirit of Axelrod's ResultSet and Mesa's DataCollector)."""

from __future__ import annotations

import math

import attrs
import numpy as np

from ..model import params as P
from ..model.pairs import row_sum
from ..model.vocab import OUTCOME_CODES, Outcome

Z95 = 1.959964  # the normal quantile of a two-sided 95% interval
RATES = {
    "war": Outcome.REGIONAL_WAR,
    "lockin": Outcome.COLD_WAR_LOCK_IN,
    "community": Outcome.SECURITY_COMMUNITY,
    "none": Outcome.TURN_LIMIT,
}
RATE_OF = {outcome: name for name, outcome in RATES.items()}


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion k/n (95% by default), kept within 0..1."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    denom = 1.0 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def mean_trust(trust: np.ndarray, off: np.ndarray) -> np.ndarray:
    """Each game's mean trust over the pairs the (N, N) mask `off` marks (i toward j, i ≠ j): the sum
    of every cell less the cells off leaves out, over the pairs counted. Summed this way, not as a sum of the
    masked cells, because the recorded compare and sweep outputs were computed so (the same to the
    last bit)."""
    left_out = np.where(off, 0, trust)
    return (row_sum(row_sum(trust)) - row_sum(row_sum(left_out))) / int(np.count_nonzero(off))


def counts_of(per_code: np.ndarray) -> dict[str, int]:
    """Games per way of ending, from games per outcome code (an index into OUTCOME_CODES)."""
    return {name: int(per_code[OUTCOME_CODES.index(o)]) for name, o in RATES.items()}


def outcome_counts(outcome: np.ndarray) -> dict[str, int]:
    """Games per way of ending, from each game's outcome code."""
    return counts_of(np.bincount(np.asarray(outcome, dtype=np.int64), minlength=len(OUTCOME_CODES)))


class Rates:
    """How a set of games ended: a rate and its 95% interval per way of ending, read from the
    `counts` (rate name -> games) and `games` of the class that takes it on."""

    def rate(self, name: str | Outcome) -> float:
        """The share of games that ended so ("war", "lockin", "community", "none", or an Outcome)."""
        name = RATE_OF.get(name, name)
        return self.counts[name] / self.games if self.games else 0.0

    def ci(self, name: str | Outcome) -> tuple[float, float]:
        """The rate's 95% Wilson interval."""
        return wilson(self.counts[RATE_OF.get(name, name)], self.games)


@attrs.frozen
class Condition:
    """One cell of an experiment: who plays which doctrine, in which world."""

    doctrine: str  # a doctrine name or a scenario profile
    worldview: P.Worldview
    label: str = ""
    stance: tuple = ()  # (actor index, stance policy) pairs: plans for some seats (model/plans.py)
    backing: tuple = ()  # (actor index, backing policy) pairs


@attrs.frozen(eq=False)
class Results(Rates):
    """One condition's games, summarised: the rates of each ending, the final means, each actor's
    mean score parts, and regional tension and mean trust by turn with their 10th–90th bands."""

    condition: Condition
    games: int
    counts: dict  # rate name -> games with that outcome
    mean_trust: float  # final mean trust, 0..1
    mean_tension: float  # final regional tension, 0..100
    mean_end_turn: float
    scores: dict  # actor -> {security, payoff, prosperity} means
    tension_mean: np.ndarray  # (T,) regional tension per turn
    tension_band: np.ndarray  # (2, T) 10th and 90th percentiles
    trust_mean: np.ndarray
    trust_band: np.ndarray

    def as_dict(self) -> dict:
        c = self.condition
        out = {"doctrine": c.doctrine, "worldview": c.worldview.label, "games": self.games}
        for name in RATES:
            key = f"{name}_rate" if name != "none" else "no_decision_rate"
            out[key] = self.rate(name)
            out[f"{key}_ci"] = list(self.ci(name))
        out.update(
            {
                "mean_trust": self.mean_trust,
                "mean_tension": self.mean_tension,
                "mean_end_turn": self.mean_end_turn,
                "scores": self.scores,
                "worldview_values": c.worldview.as_dict(),
                "tension_by_turn": _path_dict(self.tension_mean, self.tension_band),
                "trust_by_turn": _path_dict(self.trust_mean, self.trust_band),
            }
        )
        return out


def _path_dict(mean: np.ndarray, band: np.ndarray) -> dict:
    return {"mean": mean.tolist(), "p10": band[0].tolist(), "p90": band[1].tolist()}


def actor_scores(codes, security, payoff, prosperity) -> dict:
    """actor -> its mean security, payoff and prosperity, from (N,) means."""
    return {
        code: {"security": float(security[i]), "payoff": float(payoff[i]), "prosperity": float(prosperity[i])}
        for i, code in enumerate(codes)
    }


def no_paths() -> dict:
    """The per-turn means and bands of a run that kept none (a sweep)."""
    return {
        "tension_mean": np.zeros(0),
        "tension_band": np.zeros((2, 0)),
        "trust_mean": np.zeros(0),
        "trust_band": np.zeros((2, 0)),
    }
