"""Many games at once: the engine run to the end, kept as compact per-game summaries."""

from __future__ import annotations

from typing import Callable

import attrs
import numpy as np

from ..model.engine import Engine, params_matrix
from ..model.world import Scenario
from .pool import run_jobs, worker_count
from .results import Condition, Rates, Results, actor_scores, mean_trust, outcome_counts


@attrs.frozen(eq=False)
class BatchResult(Rates):
    """A batch's games, one row per game; their rates and summary come from runs.results."""

    seeds: np.ndarray  # (B,)
    outcome: np.ndarray  # (B,) index into OUTCOME_CODES
    end_turn: np.ndarray  # (B,)
    tension_path: np.ndarray  # (B, T) regional tension after each turn (held after the end)
    trust_path: np.ndarray  # (B, T) mean trust after each turn
    final_trust: np.ndarray  # (B,)
    final_tension: np.ndarray  # (B,)
    security: np.ndarray  # (B, N) mean security per turn of the whole game (0 after a war)
    payoff: np.ndarray  # (B, N)
    prosperity: np.ndarray  # (B, N)
    greedy: np.ndarray  # (B, N)

    @property
    def games(self) -> int:
        return int(self.outcome.shape[0])

    @property
    def counts(self) -> dict:
        return outcome_counts(self.outcome)

    def results(self, condition: Condition, codes: list[str]) -> Results:
        """These games summarised as one condition's results."""
        paths = {
            name: (path.mean(axis=0), np.percentile(path, [10, 90], axis=0))
            for name, path in (("tension", self.tension_path), ("trust", self.trust_path))
        }
        return Results(
            condition=condition,
            games=self.games,
            counts=self.counts,
            mean_trust=float(self.final_trust.mean()),
            mean_tension=float(self.final_tension.mean()),
            mean_end_turn=float(self.end_turn.mean()),
            scores=actor_scores(codes, *(column_means(v) for v in (self.security, self.payoff, self.prosperity))),
            tension_mean=paths["tension"][0],
            tension_band=paths["tension"][1],
            trust_mean=paths["trust"][0],
            trust_band=paths["trust"][1],
        )


# finished games leave the engine once they are this share of it: stepping them on costs more
# than copying the live games' rows (at 0.2, a tenth of the rows stepped were finished games)
COMPACT_AT = 0.05
BLOCK = 4096  # games stepped together: bounds the arrays of one step (about 1 MB per (B, N, N) array)


def run_batch(
    scenario: Scenario,
    seeds,
    doctrines: list[str] | None = None,
    param_values: np.ndarray | None = None,
    turns: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    block: int = BLOCK,
) -> BatchResult:
    """Play every game to its end, in blocks of at most `block` games of about equal size (a
    game's draws depend only on its own seed, so blocks change no result; they bound the memory
    each step works through). progress(done, total) counts block-turns."""
    seeds = np.asarray(seeds, dtype=np.uint64).reshape(-1)
    b = seeds.shape[0]
    if param_values is None:
        param_values = params_matrix(scenario.worldview, b)
    n_blocks = max(1, -(-b // max(1, block)))
    size = max(1, -(-b // n_blocks))
    parts = []
    for k, s in enumerate(range(0, b, size)):
        inner = None
        if progress:

            def inner(done, total, k=k):
                progress(k * total + done, n_blocks * total)

        parts.append(_run_block(scenario, seeds[s : s + size], doctrines, param_values[s : s + size], turns, inner))
    return parts[0] if len(parts) == 1 else merge(parts)


def _run_block(scenario, seeds, doctrines, param_values, turns, progress) -> BatchResult:
    """One engine over the given games to their end. Finished games leave the batch (each
    game's draws depend only on its own seed, so this changes no result)."""
    eng = Engine(scenario, seeds, doctrines, param_values, turns, causes=False)
    b, n, t_max = eng.b, eng.n, eng.turns
    off = eng.off
    tension = np.zeros((b, t_max))
    trust = np.zeros((b, t_max))
    out = {
        "outcome": np.zeros(b, dtype=np.int8),
        "end_turn": np.zeros(b, dtype=np.int16),
        "final_trust": np.zeros(b),
        "final_tension": np.zeros(b),
        "security": np.zeros((b, n)),
        "payoff": np.zeros((b, n)),
        "prosperity": np.zeros((b, n)),
    }
    greedy = eng.state.greedy.copy()
    eng.freeze = False  # finished games are recorded here, then dropped: no need to hold them
    rows = np.arange(b)  # original index of each game still in the engine
    live = np.ones(b, dtype=bool)  # per engine row: not yet finished
    for t in range(t_max):
        log = eng.step()
        trust_now = mean_trust(log.trust, off)  # every row's, then picked: cheaper than gathering rows of trust
        if live.all():  # the usual case: no copies of the live games' rows
            tension[rows, t] = log.regional_tension
            trust[rows, t] = trust_now
        else:
            tension[rows[live], t] = log.regional_tension[live]
            trust[rows[live], t] = trust_now[live]
        st = eng.state
        ended = live & (st.outcome != 0)
        if ended.any():
            idx = rows[ended]
            out["outcome"][idx] = st.outcome[ended]
            out["end_turn"][idx] = st.end_turn[ended]
            out["final_trust"][idx] = trust_now[ended]
            out["final_tension"][idx] = st.regional_tension[ended]
            out["security"][idx] = st.security_sum[ended] / t_max
            out["payoff"][idx] = st.payoff[ended]
            out["prosperity"][idx] = st.prosperity[ended]
            # hold the last values over the turns a finished game no longer plays
            tension[idx, t + 1 :] = tension[idx, t : t + 1]
            trust[idx, t + 1 :] = trust[idx, t : t + 1]
            live &= ~ended
            if not live.any():
                break
            if (~live).mean() >= COMPACT_AT:
                rows = rows[live]
                eng.compact(live)
                live = np.ones(rows.size, dtype=bool)
        if progress:
            progress(t + 1, t_max)
    return BatchResult(
        seeds=np.asarray(seeds, dtype=np.uint64).reshape(-1),
        tension_path=tension,
        trust_path=trust,
        greedy=greedy,
        **out,
    )


def played_turns(result: BatchResult) -> int:
    return int(result.end_turn.astype(np.int64).sum())


def merge(parts: list[BatchResult]) -> BatchResult:
    fields = [f.name for f in attrs.fields(BatchResult)]
    return BatchResult(**{name: np.concatenate([getattr(p, name) for p in parts]) for name in fields})


def column_means(values: np.ndarray) -> list[float]:
    """Each column's mean, a column at a time (numpy sums a lone column pairwise, as the tally does;
    mean(axis=0) would add the rows one after another, to other last digits)."""
    return [values[:, i].mean() for i in range(values.shape[1])]


def play_part(scenario: Scenario, job) -> BatchResult:
    """One piece of run_batch_parallel's work, run in a worker."""
    seeds, doctrines, param_values, turns = job
    return run_batch(scenario, seeds, doctrines, param_values, turns)


def run_batch_parallel(
    scenario: Scenario,
    seeds,
    doctrines: list[str] | None = None,
    param_values: np.ndarray | None = None,
    turns: int | None = None,
    workers: int = 0,
    chunk: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> BatchResult:
    """run_batch over chunks of games in worker processes; the same result as one run_batch.
    chunk: games per piece of work; 0 gives each worker two equal pieces (little overhead, and a
    worker on a busier core takes fewer). Every game's summary is kept: for runs of any size,
    experiment.run_conditions sums the games as they finish instead."""
    seeds = np.asarray(seeds, dtype=np.uint64).reshape(-1)
    b = seeds.shape[0]
    if param_values is None:
        param_values = params_matrix(scenario.worldview, b)
    workers = worker_count(workers)
    chunk = chunk or max(1, -(-b // (2 * workers)))
    bounds = list(range(0, b, chunk)) + [b]
    jobs = ((k, (seeds[s:e], doctrines, param_values[s:e], turns)) for k, (s, e) in enumerate(zip(bounds, bounds[1:])))
    parts = [None] * (len(bounds) - 1)
    for done, (k, part) in enumerate(run_jobs(play_part, jobs, workers, scenario), 1):
        parts[k] = part
        if progress:
            progress(done, len(parts))
    return merge(parts)
