"""Summaries of many games kept as the games finish, in memory that does not grow with them.

An experiment's games arrive in chunks (from worker processes, in any order). Each condition's
Tally folds its chunks in game order into running sums and gives, at the end, exactly the numbers
that summarising all the games at once would give (BatchResult.results): numpy sums a column of
numbers pairwise in a fixed tree and the rows of a table one after another, and the sums here
follow the same tree and the same order, so every mean is the same to the last bit. Only the
10th–90th percentile bands need every game's values: they are exact while the whole run holds at
most EXACT_BAND_VALUES values per path, and read from a fine histogram beyond that.
"""

from __future__ import annotations

import attrs
import numpy as np

from ..model.vocab import OUTCOME_CODES
from .results import Condition, Results, actor_scores, counts_of, no_paths

EXACT_BAND_VALUES = 1 << 22  # a run's (games x turns x conditions) up to which the bands are exact
BAND_BINS = 1000  # histogram bins per turn beyond that: tension to 0.1, trust to 0.001
BAND_RANGE = {"tension": 100.0, "trust": 1.0}  # each path's values lie in 0..this
LEAF = 128  # numpy sums at most this many numbers in one unrolled loop
UNROLL = 8  # ... with this many running sums, and halves longer runs at multiples of it


def _plan(n: int):
    """numpy's pairwise summation of n numbers as a postfix program: ("leaf", length) sums the
    next `length` numbers; ("add",) adds the last two partial sums."""
    if n <= LEAF:
        yield ("leaf", n)
        return
    half = n // 2
    half -= half % UNROLL
    yield from _plan(half)
    yield from _plan(n - half)
    yield ("add",)


class PairwiseSum:
    """Column sums of an (n, lanes) table fed in row order, equal bit for bit to numpy's sum of
    each whole column; holds at most a leaf's rows and a stack as deep as the tree."""

    def __init__(self, n: int, lanes: int):
        self.n, self.lanes = n, lanes
        self._steps = _plan(n)
        self._step = next(self._steps)
        self._rows: list[np.ndarray] = []
        self._held = 0
        self._stack: list[np.ndarray] = []

    def add(self, rows: np.ndarray):
        rows = np.asarray(rows, dtype=np.float64).reshape(-1, self.lanes)
        self._rows.append(rows)
        self._held += rows.shape[0]
        self._run()

    def _run(self):
        while self._step is not None:
            if self._step[0] == "add":
                right = self._stack.pop()
                self._stack.append(self._stack.pop() + right)
            else:
                length = self._step[1]
                if self._held < length:
                    return
                block = np.concatenate(self._rows) if len(self._rows) > 1 else self._rows[0]
                leaf, rest = block[:length], block[length:]
                self._stack.append(np.add.reduce(np.ascontiguousarray(leaf.T), axis=1))
                self._rows, self._held = ([rest] if rest.shape[0] else []), rest.shape[0]
            self._step = next(self._steps, None)

    def total(self) -> np.ndarray:
        """The column sums, once all n rows are in."""
        if self._step is not None or len(self._stack) != 1:
            raise ValueError(f"{self.n} rows were expected before the total")
        return 0.0 + self._stack[0]  # numpy starts the sum from 0.0


class PathMean:
    """The mean over games of a (games, turns) path, as numpy's mean along the games axis: the
    rows one after another (a single turn is a column: summed pairwise)."""

    def __init__(self, games: int, turns: int):
        self.games, self.turns = games, turns
        self._pairwise = PairwiseSum(games, 1) if turns == 1 else None
        self._sum = np.zeros(turns)

    def add(self, rows: np.ndarray):
        if self._pairwise is not None:
            self._pairwise.add(rows)
        else:
            self._sum = np.add.reduce(np.vstack([self._sum[None, :], rows]), axis=0)

    def mean(self) -> np.ndarray:
        total = self._pairwise.total() if self._pairwise is not None else self._sum
        return total / self.games


class PathBands:
    """The 10th and 90th percentiles of a path at each turn: exact from every value while
    `exact`, else from a histogram of BAND_BINS bins per turn over 0..top."""

    def __init__(self, turns: int, exact: bool, top: float):
        self.turns, self.exact, self.top = turns, exact, top
        self._parts: list[np.ndarray] = []
        self._counts = None if exact else np.zeros(turns * BAND_BINS, dtype=np.int64)

    def add(self, rows: np.ndarray):
        if self.exact:
            self._parts.append(rows)
            return
        bins = np.clip((rows / self.top * BAND_BINS).astype(np.int64), 0, BAND_BINS - 1)
        where = bins + np.arange(self.turns) * BAND_BINS
        self._counts += np.bincount(where.ravel(), minlength=self._counts.size)

    def bands(self) -> np.ndarray:
        if self.exact:
            return np.percentile(np.concatenate(self._parts), [10, 90], axis=0)
        counts = self._counts.reshape(self.turns, BAND_BINS)
        return np.array([[_histogram_percentile(c, q, self.top) for c in counts] for q in (10, 90)])


def _histogram_percentile(counts: np.ndarray, q: float, top: float) -> float:
    """np.percentile's linear rule on ranks, each bin's values spread evenly across it."""
    n = int(counts.sum())
    rank = q / 100 * (n - 1)
    cum = np.cumsum(counts)

    def value_at(k: int) -> float:
        b = int(np.searchsorted(cum, k, side="right"))
        before = cum[b - 1] if b else 0
        return (b + (k - before + 0.5) / counts[b]) * top / BAND_BINS

    lo = int(np.floor(rank))
    return value_at(lo) + (rank - lo) * (value_at(min(lo + 1, n - 1)) - value_at(lo))


@attrs.frozen
class Chunk:
    """What a worker sends back for one chunk of games: per-game end values, paths if asked."""

    outcome: np.ndarray  # (games,) index into OUTCOME_CODES
    end_turn: np.ndarray  # (games,)
    values: np.ndarray  # (games, 2 + 3N): final trust, final tension, security, payoff, prosperity
    tension_path: np.ndarray | None = None  # (games, turns)
    trust_path: np.ndarray | None = None


class Tally:
    """One condition's running summary: chunks folded in game order as they arrive."""

    def __init__(self, games: int, n_actors: int, turns: int, paths: bool, exact_bands: bool):
        self.games, self.n, self.turns, self.paths = games, n_actors, turns, paths
        self.outcomes = np.zeros(len(OUTCOME_CODES), dtype=np.int64)
        self.end_turns = 0
        self.values = PairwiseSum(games, 2 + 3 * n_actors)
        self.means = {k: PathMean(games, turns) for k in BAND_RANGE} if paths else {}
        self.bands = {k: PathBands(turns, exact_bands, top) for k, top in BAND_RANGE.items()} if paths else {}
        self._next = 0
        self._waiting: dict[int, Chunk] = {}
        self._folded = 0

    @property
    def complete(self) -> bool:
        """Every game of the condition has been folded in."""
        return self._folded == self.games

    def add(self, index: int, chunk: Chunk):
        """Chunk number `index` of this condition; folded once every chunk before it is in."""
        self._waiting[index] = chunk
        while self._next in self._waiting:
            self._fold(self._waiting.pop(self._next))
            self._next += 1

    def _fold(self, c: Chunk):
        self._folded += c.outcome.shape[0]
        self.outcomes += np.bincount(c.outcome.astype(np.int64), minlength=self.outcomes.size)
        self.end_turns += int(c.end_turn.astype(np.int64).sum())
        self.values.add(c.values)
        for key, rows in (("tension", c.tension_path), ("trust", c.trust_path)):
            if key in self.means:
                self.means[key].add(rows)
                self.bands[key].add(rows)

    def results(self, condition: Condition, codes: list[str]) -> Results:
        """The condition's results, once complete: the same numbers as BatchResult.results."""
        games, n = self.games, self.n
        means = self.values.total() / games
        security, payoff, prosperity = means[2 : 2 + n], means[2 + n : 2 + 2 * n], means[2 + 2 * n :]
        paths = no_paths()
        for key in self.means:
            paths[f"{key}_mean"], paths[f"{key}_band"] = self.means[key].mean(), self.bands[key].bands()
        return Results(
            condition=condition,
            games=games,
            counts=counts_of(self.outcomes),
            mean_trust=float(means[0]),
            mean_tension=float(means[1]),
            mean_end_turn=float(np.float64(self.end_turns) / games),
            scores=actor_scores(codes, security, payoff, prosperity),
            **paths,
        )
