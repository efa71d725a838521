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
    name_list,
    parse_sets,
    preset_worldview,
)
from game.core.files.paths import shown_path
from game.core.files.atomic import atomic_write
from game.core.files.scenario import load_scenario
from game.core.files.tempfiles import clean_stale


def add_plans(p):
    from game.core.model.plans import BACKINGS, STANCES

    stances, backings = ", ".join(STANCES), ", ".join(BACKINGS)
    add_per_seat(
        p,
        "stance",
        "POLICY",
        f"stance policy of one actor in its crises; repeatable ({stances}; own: its doctrine's)",
        "the same stance policy for every actor",
    )
    add_per_seat(
        p,
        "backing",
        "POLICY",
        f"backing policy of one actor toward its allies in their crises; repeatable ({backings})",
        "the same backing policy for every actor",
    )


def add_per_seat(p, name: str, value: str, one: str, every: str):
    """--NAME CODE=VALUE for one actor (repeatable) and --NAME-all VALUE for every actor."""
    p.add_argument(f"--{name}", action="append", metavar=f"CODE={value}", help=one)
    p.add_argument(f"--{name}-all", metavar=value, help=every)


def add_lab(sub, add_common, add_workers):
    """The lab's commands: compare, sweep, tournament and sensitivity (with the options every
    command shares and the worker options, as the command line adds them)."""
    for add in (_add_compare, _add_sweep, _add_tournament, _add_sensitivity):
        add(sub, add_common, add_workers)


def _add_compare(sub, add_common, add_workers):
    p = sub.add_parser("compare", help="doctrines x worldviews over many games (common random numbers)")
    add_common(p)
    _add_games(p, 1000, "condition")
    _add_doctrines(p, "doctrines or scenario profiles")
    _add_worldviews(p)
    add_plans(p)
    _add_results(p, add_workers, "table")


def _add_sweep(sub, add_common, add_workers):
    p = sub.add_parser("sweep", help="the compare measures over a grid of one or two parameters")
    add_common(p)
    p.add_argument("--param", action="append", metavar="NAME=LOW:HIGH:STEPS", help="a parameter to sweep (one or two)")
    _add_doctrines(p, "doctrines or profiles")
    p.add_argument("--worldview", help="base worldview preset (default: the scenario's)")
    _add_games(p, 1000, "point", "first seed")
    _add_results(p, add_workers, "grid")


def _add_tournament(sub, add_common, add_workers):
    p = sub.add_parser("tournament", help="every plan of each seat against the scenario's doctrines, in each world")
    add_common(p)
    _add_games(p, 600, "plan, seat and world")
    p.add_argument("--seats", metavar="CODES", help="comma-separated seats (default: every seat)")
    p.add_argument("--moves", metavar="NAMES", help="comma-separated move policies: doctrines (default: every one)")
    p.add_argument("--stances", metavar="NAMES", help="comma-separated stance policies (default: every one)")
    p.add_argument("--backings", metavar="NAMES", help="comma-separated backing policies (default: every one)")
    _add_worldviews(p)
    p.add_argument("--top", type=int, default=3, help="plans shown per seat and world (default 3)")
    p.add_argument("--out", metavar="FILE.csv", help="also write every plan's row as CSV")
    add_workers(p)


def _add_sensitivity(sub, add_common, add_workers):
    p = sub.add_parser("sensitivity", help="which worldview assumptions drive the war rates and the verdict (SALib)")
    add_common(p)
    p.add_argument("--method", choices=("morris", "sobol"), default="morris", help="Morris (default) or Sobol")
    p.add_argument(
        "--samples", type=int, help="Morris trajectories (default 20) or Sobol base samples, a power of 2 (default 64)"
    )
    _add_games(p, 200, "point and doctrine", "first seed, and the sampling seed")
    p.add_argument(
        "--range",
        action="append",
        metavar="NAME=LOW:HIGH",
        help="a parameter's range; repeatable (default: the box the two presets span)",
    )
    p.add_argument("--params", metavar="NAMES", help="comma-separated: only these parameters of the box vary")
    p.add_argument("--check", action="store_true", help="exit 1 unless every predicted sign is measured so")
    _add_results(p, add_workers, "table")


def _add_games(p, default: int, each: str, seed: str = "first seed; game k uses seed+k"):
    """--games (games per EACH) and --seed."""
    p.add_argument("--games", type=int, default=default, help=f"games per {each} (default {default})")
    p.add_argument("--seed", type=int, default=1, help=f"{seed} (default 1)")


def _add_doctrines(p, what: str):
    p.add_argument(
        "--doctrines", default="deterrence,dialogue", help=f"comma-separated {what} (default: deterrence,dialogue)"
    )


def _add_worldviews(p):
    p.add_argument(
        "--worldviews",
        default="deterrence-world,spiral-world",
        help="comma-separated worldview presets (default: deterrence-world,spiral-world)",
    )


def _add_results(p, add_workers, what: str):
    """--json, --out (the WHAT as CSV) and the worker options."""
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--out", metavar="FILE.csv", help=f"also write the {what} as CSV")
    add_workers(p)


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
        for key, chosen in (("stance", stance), ("backing", backing)):
            if chosen:
                head[key] = {sc.codes[i]: policy for i, policy in chosen}
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


def _policies(text: str | None, option: str, allowed) -> list[str]:
    if text is None:
        return list(allowed)

    def check(name):
        if name not in allowed:
            raise UsageError(f"{option}: unknown policy {name!r} (allowed: {', '.join(allowed)})")

    return name_list(text, option, check)


def _tournament_plans(args) -> list[str]:
    from game.core.model.plans import BACKINGS, STANCES
    from game.core.runs.tournament import MOVES, plan_names

    moves = _policies(args.moves, "--moves", MOVES)
    return plan_names(
        moves, _policies(args.stances, "--stances", STANCES), _policies(args.backings, "--backings", BACKINGS)
    )


def tournament(args) -> int:
    from game.core.runs.tournament import run_tournament, summary_lines

    sc, sets, games = _checked(args)
    seats = [sc.index(c) for c in _policies(args.seats, "--seats", sc.codes)]
    plans = _tournament_plans(args)
    worlds = lab_worldviews(args.worldviews)
    if not 1 <= args.top <= len(plans):
        raise UsageError(f"--top: {args.top} is out of range (allowed: 1 to {len(plans)})")
    cells = len(seats) * len(plans) * len(worlds)
    with Progress(f"tournament: {cells} plays x {games} games") as bar:
        start = time.perf_counter()
        try:
            result = run_tournament(
                sc, seats, plans, worlds, games, args.seed, args.turns, args.workers, bar, sets, args.scheduler
            )
        except ClusterError as exc:
            raise UsageError(str(exc)) from None
    if args.out:
        _write(args.out, result.to_csv())
    print(
        f"{sc.title}: tournament of {len(plans)} plans per seat, {games} games each, seeds "
        f"{args.seed}..{args.seed + games - 1} (the same seeds for every plan), {time.perf_counter() - start:.1f}s"
    )
    for line in summary_lines(result, args.top):
        print(line)
    if args.out:
        print(f"table written to {shown_path(args.out)}")
    return 0


def _box(sc, args) -> dict:
    from game.core.runs.sensitivity import parse_range, preset_box

    try:
        box = preset_box(sc, dict(parse_range(r) for r in args.range or []))
    except P.ParamError as exc:
        raise UsageError(f"--range: {exc}") from None
    if args.params:
        names = name_list(args.params, "--params", lambda n: n in box or _unknown("--params", n, box))
        box = {n: box[n] for n in names}
    return box


def _unknown(option: str, name: str, allowed) -> None:
    raise UsageError(f"{option}: {name!r} is not in the box (allowed: {', '.join(allowed)}; add others with --range)")


def sensitivity(args) -> int:
    from game.core.runs.sensitivity import run_sensitivity
    from game.core.runs.sensitivity_format import sensitivity_lines

    sc, sets, games = _checked(args)
    if sets:
        raise UsageError("--set: the sensitivity box is given by --range (and the presets)")
    box = _box(sc, args)
    size = args.samples or (20 if args.method == "morris" else 64)
    if not 2 <= size <= 4096:
        raise UsageError(f"--samples: {size} is out of range (allowed: 2 to 4096)")
    label = f"sensitivity: {args.method} over {len(box)} parameters"
    result, elapsed = _run(args, label, run_sensitivity, sc, args.method, box, size, games)
    if args.out:
        _write(args.out, result.to_csv())
    failed = [e for e in result.checks() if e.verdict != "agrees"]
    if args.json:
        head = {"scenario": sc.name, "games": games, "seconds": round(elapsed, 3), "method": args.method}
        _print_json(head, box=box, rows=list(result.rows()), failed=len(failed))
    else:
        print(f"{sc.title}: {args.method}, {len(result.points)} points x 2 doctrines x {games} games, {elapsed:.1f}s")
        for line in sensitivity_lines(result):
            print(line)
        if args.out:
            print(f"table written to {shown_path(args.out)}")
    return 1 if args.check and failed else 0
