"""The comparative lab's commands: compare and sweep (thin over game.core.runs.experiment)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from game.core.model import params as P
from game.core.runs.cluster import ClusterError
from game.core.runs.experiment import describe_crossovers, parse_axis, run_conditions, run_sweep
from game.core.runs.results import Condition
from game.core.runs.lab_format import format_table, sweep_csv, sweep_lines, table_csv, winner_lines, winners
from game.core.runs.options import (
    UsageError,
    check_games,
    check_seed,
    check_turns,
    check_workers,
    check_worldview,
    chosen_plans,
    lab_doctrines,
    lab_worldviews,
    parse_sets,
    preset_worldview,
)
from game.core.files.paths import shown_path
from game.core.files.record import atomic_write
from game.core.files.scenario import load_scenario
from game.core.files.tempfiles import clean_stale


class Progress:
    """A tqdm bar on stderr over the games played, drawn only when stderr is a terminal."""

    def __init__(self, label: str):
        self.label = label
        self.bar = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(
                total=total,
                desc=self.label,
                unit=" games",
                file=sys.stderr,
                disable=not sys.stderr.isatty(),
                dynamic_ncols=True,
                leave=True,
            )
        self.bar.update(done - self.bar.n)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.close()


def _checked(args):
    """The scenario and the options compare and sweep share, checked."""
    sc = load_scenario(args.scenario)
    sets = parse_sets(args.set or [])
    if args.turns is not None:
        check_turns(args.turns)
    games = check_games(args.games)
    check_seed(args.seed, games)
    check_workers(args.workers)
    if args.out and not args.out.lower().endswith(".csv"):
        raise UsageError(f"--out: {args.out!r} must end in .csv")
    return sc, sets, games


def _run(options, label: str, fn, *args):
    """fn(*args, options' seed and turns) with a progress bar, on the workers or the cluster the options name;
    (its result, seconds). A cluster that cannot be used is a usage error."""
    with Progress(label) as bar:
        start = time.perf_counter()
        try:
            result = fn(
                *args, options.seed, options.turns, progress=bar, workers=options.workers, scheduler=options.scheduler
            )
        except ClusterError as exc:
            raise UsageError(str(exc)) from None
    return result, time.perf_counter() - start


def _print_json(head: dict, **rest) -> int:
    """The run's result as one line of JSON: what every run says (scenario, games, seconds), then its own keys."""
    print(json.dumps(head | rest))
    return 0


def _write(path: str, text: str):
    clean_stale(Path(path).parent, target=Path(path).name)
    atomic_write(path, text)


def compare(args) -> int:
    sc, sets, games = _checked(args)
    doctrines = lab_doctrines(sc, args.doctrines)
    worldviews = lab_worldviews(args.worldviews)
    stance, backing = (tuple(sorted(chosen.items())) for chosen in chosen_plans(sc, args))
    conditions = [
        Condition(d, preset_worldview(sc, w, sets), stance=stance, backing=backing)
        for w in worldviews
        for d in doctrines
    ]
    label = f"compare: {len(conditions)} conditions x {games} games"
    results, elapsed = _run(args, label, run_conditions, sc, conditions, games)
    if args.out:
        _write(args.out, table_csv(results))
    if args.json:
        head = {"scenario": sc.name, "games": games, "seed": args.seed, "seconds": round(elapsed, 3)}
        return _print_json(head, cells=[r.as_dict() for r in results], winners=winners(results))
    print(
        f"{sc.title}: {games} games per condition, seeds {args.seed}..{args.seed + games - 1} "
        f"(the same seeds in every condition), {elapsed:.1f}s"
    )
    for key, chosen in (("stance", stance), ("backing", backing)):
        if chosen:
            print(f"{key} policies: " + ", ".join(f"{sc.codes[i]} {policy}" for i, policy in chosen))
    print(format_table(results))
    for line in winner_lines(results):
        print(line)
    if args.out:
        print(f"table written to {shown_path(args.out)}")
    return 0


def _axes(args):
    if not args.param:
        raise UsageError("--param: give one or two, as NAME=LOW:HIGH:STEPS")
    if len(args.param) > 2:
        raise UsageError("--param: at most two parameters")
    try:
        axes = [parse_axis(p) for p in args.param]
    except P.ParamError as exc:
        raise UsageError(f"--param: {exc}") from None
    if len(axes) == 2 and axes[0].name == axes[1].name:
        raise UsageError("--param: the two parameters must differ")
    return axes


def sweep(args) -> int:
    sc, sets, games = _checked(args)
    axes = _axes(args)
    doctrines = lab_doctrines(sc, args.doctrines)
    world = preset_worldview(sc, check_worldview(args.worldview, "--worldview")) if args.worldview else sc.worldview
    base = world.with_values(**sets)
    points = 1
    for a in axes:
        points *= len(a.values)
    label = f"sweep: {points} points x {len(doctrines)} doctrines x {games} games"
    result, elapsed = _run(args, label, run_sweep, sc, axes, doctrines, base, games)
    summary = describe_crossovers(result)
    if args.out:
        _write(args.out, sweep_csv(result))
    if args.json:
        head = {"scenario": sc.name, "games": games, "base_worldview": base.label, "seconds": round(elapsed, 3)}
        params = [{"name": a.name, "values": list(a.values)} for a in axes]
        return _print_json(
            head,
            params=params,
            doctrines=doctrines,
            points=_sweep_points(axes, result),
            crossovers=result.crossovers(),
            summary=summary,
        )
    print(
        f"{sc.title}: sweep over {', '.join(a.name for a in axes)} on {base.label}, {games} games per point "
        f"(common random numbers), {elapsed:.1f}s"
    )
    for line in sweep_lines(result) + summary:
        print(line)
    if args.out:
        print(f"grid written to {shown_path(args.out)}")
    return 0


def _sweep_points(axes, result) -> list[dict]:
    """Each point of the grid with its cells (the per-turn series left out of the JSON)."""
    names = [a.name for a in axes]
    drop = {"tension_by_turn": None, "trust_by_turn": None}
    return [
        {"values": dict(zip(names, values)), "cells": [r.as_dict() | drop for r in row.values()]}
        for values, row in result.points
    ]
