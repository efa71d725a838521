"""Experiments: a scenario run as a grid of conditions over many games with common random
numbers (the same seeds, hence the same dispositions, noise and card draws, in every condition),
summarised per condition as runs.results.Results. Charts and the compare screen read these results;
they never re-run."""

from __future__ import annotations

import itertools
from typing import Callable

import attrs
import numpy as np

from ..files.scenario import DOCTRINE_NAMES
from ..model import params as P
from ..model.plans import with_policies
from ..model.world import Scenario
from .batch import run_batch
from .pool import run_jobs
from .results import Condition, Results
from .tally import EXACT_BAND_VALUES, Chunk, Tally


def doctrine_list(scenario: Scenario, spec: str) -> list[str]:
    """A doctrine name means everyone plays it; a scenario profile names a mix."""
    if spec in scenario.profiles:
        return list(scenario.profiles[spec])
    if spec in DOCTRINE_NAMES:
        return [spec] * scenario.n
    allowed = list(DOCTRINE_NAMES) + list(scenario.profiles)
    raise ValueError(f"unknown doctrine or profile {spec!r} (allowed: {', '.join(allowed)})")


def condition_doctrines(scenario: Scenario, condition: Condition) -> list[str]:
    """Each seat's doctrine in a condition, with the plans it gives some seats."""
    doctrines = doctrine_list(scenario, condition.doctrine)
    if not condition.stance and not condition.backing:
        return doctrines
    return with_policies(doctrines, dict(condition.stance), dict(condition.backing))


CHUNK = 2500  # games per piece of work: a worker's unit, and the step of progress and cancelling


def play_chunk(scenario: Scenario, job) -> list[Chunk]:
    """One piece of work, run in a worker: runs of consecutive seeds, each under its own worldview,
    for doctrines they share, played as one batch (a game depends only on its own seed and
    worldview); returned run by run as what the tally needs (the per-turn paths only if asked)."""
    doctrines, runs, turns, paths = job
    seeds = np.concatenate([np.arange(count, dtype=np.uint64) + np.uint64(first) for _, first, count in runs])
    values = np.concatenate([np.tile(v, (count, 1)) for v, _, count in runs])
    res = run_batch(scenario, seeds, list(doctrines), values, turns)
    ends = np.column_stack([res.final_trust, res.final_tension, res.security, res.payoff, res.prosperity])
    out, start = [], 0
    for _, _, count in runs:
        part = slice(start, start + count)
        out.append(
            Chunk(
                outcome=res.outcome[part].copy(),
                end_turn=res.end_turn[part].copy(),
                values=ends[part].copy(),
                tension_path=res.tension_path[part].copy() if paths else None,
                trust_path=res.trust_path[part].copy() if paths else None,
            )
        )
        start += count
    return out


def run_conditions(
    scenario: Scenario,
    conditions: list[Condition],
    games: int,
    seed: int = 1,
    turns: int | None = None,
    workers: int = 0,
    chunk: int = CHUNK,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    paths: bool = True,
    scheduler: str | None = None,
) -> list[Results]:
    """Every condition over the same `games` seeds (seed, seed+1, ...): common random numbers.
    Pieces of about `chunk` games run in worker processes (or on a Dask cluster at `scheduler`)
    and are summed as they finish, so memory does not grow with the games; the numbers are those
    of BatchResult.results over all the games at once. paths=False leaves out the per-turn means and
    bands. progress(done, total) counts games."""
    n_turns = turns or scenario.turns
    exact = games * n_turns * len(conditions) <= EXACT_BAND_VALUES
    jobs = _chunk_jobs(scenario, conditions, games, seed, turns, max(1, chunk), paths)
    tallies: dict[int, Tally] = {}
    results: list[Results | None] = [None] * len(conditions)
    done = 0
    for keys, parts in run_jobs(play_chunk, jobs, workers, scenario, scheduler=scheduler):
        if cancelled and cancelled():
            raise Cancelled()
        for (c_idx, k), part in zip(keys, parts):
            tally = tallies.setdefault(c_idx, Tally(games, scenario.n, n_turns, paths, exact))
            tally.add(k, part)
            if tally.complete:
                results[c_idx] = tallies.pop(c_idx).results(conditions[c_idx], scenario.codes)
            done += part.outcome.shape[0]
        if progress:
            progress(done, games * len(conditions))
    return results


def _chunk_jobs(scenario, conditions, games, seed, turns, chunk, paths):
    """The pieces of work, made one at a time as workers free up: each condition's games in runs
    of at most `chunk`, and the runs of conditions that share their doctrines gathered into
    pieces of about `chunk` games. Yields (keys, job), keys naming (condition, run) in order."""
    size = min(chunk, games)
    groups: dict[tuple, list] = {}
    counts: dict[tuple, int] = {}
    for c_idx, cond in enumerate(conditions):
        doctrines = tuple(condition_doctrines(scenario, cond))
        values = cond.worldview.array()
        for k, start in enumerate(range(0, games, size)):
            count = min(size, games - start)
            groups.setdefault(doctrines, []).append(((c_idx, k), (values, seed + start, count)))
            counts[doctrines] = counts.get(doctrines, 0) + count
            if counts[doctrines] >= chunk:
                yield _job(doctrines, groups.pop(doctrines), turns, paths)
                del counts[doctrines]
    for doctrines, group in groups.items():
        yield _job(doctrines, group, turns, paths)


def _job(doctrines, group, turns, paths):
    return [key for key, _ in group], (doctrines, tuple(run for _, run in group), turns, paths)


class Cancelled(Exception):
    """The run was stopped by its caller."""


# ---------------------------------------------------------------------- sweeps
@attrs.frozen
class Axis:
    name: str
    values: tuple[float, ...]


def parse_axis(text: str) -> Axis:
    """NAME=LOW:HIGH:STEPS, e.g. greedy_share=0:1:11."""
    name, sep, rng_text = text.partition("=")
    name = name.strip()
    if not sep:
        raise P.ParamError(f"expected NAME=LOW:HIGH:STEPS, got {text!r}")
    if name not in P.SPEC:
        raise P.ParamError(f"unknown parameter {name!r} (allowed: {', '.join(P.NAMES)})")
    bits = rng_text.split(":")
    if len(bits) != 3:
        raise P.ParamError(f"{name}: expected LOW:HIGH:STEPS, got {rng_text!r}")
    try:
        low, high, steps = float(bits[0]), float(bits[1]), int(bits[2])
    except ValueError:
        raise P.ParamError(f"{name}: expected numbers in LOW:HIGH:STEPS, got {rng_text!r}") from None
    if steps < 2 or steps > 101:
        raise P.ParamError(f"{name}: STEPS {steps} is out of range (allowed: 2 to 101)")
    P.check_value(name, low)
    P.check_value(name, high)
    if not low < high:
        raise P.ParamError(f"{name}: LOW {low:g} must be below HIGH {high:g} (a range goes from low to high)")
    return Axis(name, tuple(float(v) for v in np.linspace(low, high, steps)))


@attrs.frozen(eq=False)
class SweepResult:
    axes: tuple[Axis, ...]
    doctrines: tuple[str, ...]
    base: P.Worldview
    points: list  # [(values tuple, {doctrine: Results})]

    def war_grid(self, doctrine: str) -> np.ndarray:
        shape = tuple(len(a.values) for a in self.axes)
        return np.array([p[1][doctrine].rate("war") for p in self.points]).reshape(shape)

    def crossovers(self) -> list[dict]:
        """Where the doctrine with the lower war rate changes along the first axis (for each value
        of the second axis, if any). Linear interpolation between the grid points."""
        if len(self.doctrines) < 2:
            return []
        a, b = self.doctrines[:2]
        diff = self.war_grid(a) - self.war_grid(b)
        xs = np.array(self.axes[0].values)
        rows = [diff] if diff.ndim == 1 else [diff[:, k] for k in range(diff.shape[1])]
        out = []
        for k, d in enumerate(rows):
            for i in range(len(xs) - 1):
                if d[i] == 0 or np.sign(d[i]) == np.sign(d[i + 1]) or d[i + 1] == 0:
                    continue
                x = xs[i] + (xs[i + 1] - xs[i]) * d[i] / (d[i] - d[i + 1])
                before = b if d[i] > 0 else a  # lower war rate before the crossing
                after = a if before == b else b
                entry = {"param": self.axes[0].name, "at": float(x), "before": before, "after": after}
                if len(self.axes) > 1:
                    entry[self.axes[1].name] = float(self.axes[1].values[k])
                out.append(entry)
        return out


def run_sweep(
    scenario: Scenario,
    axes: list[Axis],
    doctrines: list[str],
    base: P.Worldview,
    games: int,
    seed: int = 1,
    turns: int | None = None,
    workers: int = 0,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    scheduler: str | None = None,
) -> SweepResult:
    """Every doctrine at every point of the grid, over the same seeds; the points are summed as
    their games finish (no per-turn paths: a sweep reports rates and means)."""
    grid = list(itertools.product(*(axis.values for axis in axes)))
    conditions = [
        Condition(d, base.with_values(**{ax.name: v for ax, v in zip(axes, values)}))
        for values in grid
        for d in doctrines
    ]
    results = run_conditions(
        scenario,
        conditions,
        games,
        seed,
        turns,
        workers,
        chunk=max(250, min(CHUNK, games)),
        progress=progress,
        cancelled=cancelled,
        paths=False,
        scheduler=scheduler,
    )
    per_point = iter(results)
    points = [(values, {d: next(per_point) for d in doctrines}) for values in grid]
    return SweepResult(tuple(axes), tuple(doctrines), base, points)


def describe_crossovers(sweep: SweepResult) -> list[str]:
    lines = []
    cross = sweep.crossovers()
    a, b = sweep.doctrines[:2] if len(sweep.doctrines) >= 2 else (None, None)
    if a is None:
        return lines
    if not cross:
        grid = sweep.war_grid(a) - sweep.war_grid(b)
        if (grid < 0).all():
            lines.append(f"{a} has the lower war rate everywhere on this grid: no crossover.")
        elif (grid > 0).all():
            lines.append(f"{b} has the lower war rate everywhere on this grid: no crossover.")
        else:
            lines.append("the two doctrines tie somewhere on this grid, with no clean crossover.")
        return lines
    for c in cross:
        where = f" (with {sweep.axes[1].name} = {c[sweep.axes[1].name]:g})" if len(sweep.axes) > 1 else ""
        lines.append(f"{c['before']} leads while {c['param']} < {c['at']:.2f}; {c['after']} leads above it{where}.")
    return lines
