"""The comparative lab's commands: compare and sweep (thin over game.core.experiment)."""
from __future__ import annotations

import csv
import io
import json
import sys
import time

from game.cli import UsageError, check_seed, check_turns, parse_sets
from game.core import params as P
from game.core.experiment import (Condition, ConditionResult, describe_crossovers, doctrine_list,
                                  parse_axis, run_conditions, run_sweep)
from game.core.record import atomic_write
from game.core.scenario import load_scenario


class ProgressBar:
    """A progress bar on stderr: redrawn in place on a terminal, a few lines otherwise."""

    def __init__(self, label: str, stream=None):
        self.label = label
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.start = time.perf_counter()
        self.last_quarter = -1

    def __call__(self, done: int, total: int) -> None:
        frac = done / max(total, 1)
        elapsed = time.perf_counter() - self.start
        eta = elapsed / frac - elapsed if frac > 0 else 0.0
        if self.tty:
            filled = int(30 * frac)
            self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] {frac:4.0%} "
                              f"{elapsed:5.1f}s, about {eta:4.0f}s left ")
            if done == total:
                self.stream.write("\n")
            self.stream.flush()
        else:
            quarter = int(frac * 4)
            if quarter != self.last_quarter:
                self.last_quarter = quarter
                self.stream.write(f"{self.label}: {frac:.0%} ({elapsed:.1f}s)\n")
                self.stream.flush()


def _check_games(n: int) -> int:
    if n < 1 or n > 1_000_000:
        raise UsageError(f"--games: {n} is out of range (allowed: 1 to 1000000)")
    return n


def _scenario_and_sets(args):
    sc = load_scenario(args.scenario)
    sets = parse_sets(args.set or [])
    if args.turns is not None:
        check_turns(args.turns)
    return sc, sets


def _doctrines(sc, text: str) -> list[str]:
    names = [d.strip() for d in text.split(",") if d.strip()]
    if not names:
        raise UsageError("--doctrines: give at least one doctrine or profile")
    for d in names:
        try:
            doctrine_list(sc, d)
        except ValueError as exc:
            raise UsageError(f"--doctrines: {exc}") from None
    return names


def compare(args) -> int:
    sc, sets = _scenario_and_sets(args)
    games = _check_games(args.games)
    check_seed(args.seed, games)
    doctrines = _doctrines(sc, args.doctrines)
    worldviews = [w.strip() for w in args.worldviews.split(",") if w.strip()]
    for w in worldviews:
        if w not in P.PRESETS:
            raise UsageError(f"--worldviews: unknown worldview {w!r} (allowed: {', '.join(P.PRESET_NAMES)})")
    conditions = [Condition(d, P.Worldview.from_preset(w, sets)) for w in worldviews for d in doctrines]
    if args.out and not args.out.lower().endswith(".csv"):
        raise UsageError(f"--out: {args.out!r} must end in .csv")
    bar = ProgressBar(f"compare: {len(conditions)} conditions x {games} games")
    t0 = time.perf_counter()
    results = run_conditions(sc, conditions, games, args.seed, args.turns, workers=args.workers, progress=bar)
    elapsed = time.perf_counter() - t0
    cells = [r.as_dict() for r in results]
    if args.out:
        atomic_write(args.out, table_csv(results))
    if args.json:
        print(json.dumps({"scenario": sc.name, "games": games, "seed": args.seed, "seconds": round(elapsed, 3),
                          "cells": cells, "winners": winners(results)}))
        return 0
    print(f"{sc.title}: {games} games per condition, seeds {args.seed}..{args.seed + games - 1} "
          f"(the same seeds in every condition), {elapsed:.1f}s")
    print(format_table(results))
    for w, best in winners(results).items():
        print(f"in {w}: {best}")
    if args.out:
        print(f"table written to {args.out}")
    return 0


def winners(results: list[ConditionResult]) -> dict:
    """Per worldview, the doctrine with the lowest war rate, and whether the intervals separate."""
    out = {}
    by_world: dict[str, list[ConditionResult]] = {}
    for r in results:
        by_world.setdefault(r.condition.worldview.label, []).append(r)
    for w, rs in by_world.items():
        rs = sorted(rs, key=lambda r: r.rate("war"))
        best = rs[0]
        text = f"{best.condition.doctrine} has the lowest war rate ({best.rate('war'):.1%})"
        if len(rs) > 1:
            clear = best.ci("war")[1] < rs[1].ci("war")[0]
            text += (", its 95% interval clear of the next" if clear
                     else f", but its 95% interval overlaps {rs[1].condition.doctrine}'s")
        out[w] = text
    return out


def format_table(results: list[ConditionResult]) -> str:
    head = f"{'worldview':18s} {'doctrine':24s} {'war':>18s} {'lock-in':>8s} {'community':>9s} {'trust':>6s} {'tension':>7s}"
    lines = [head, "-" * len(head)]
    for r in results:
        lo, hi = r.ci("war")
        lines.append(f"{r.condition.worldview.label:18s} {r.condition.doctrine:24s} "
                     f"{r.rate('war'):6.1%} [{lo:4.1%}-{hi:4.1%}] {r.rate('lockin'):8.1%} {r.rate('community'):9.1%} "
                     f"{r.mean_trust:6.2f} {r.mean_tension:7.1f}")
    return "\n".join(lines)


def table_csv(results: list[ConditionResult], extra: dict | None = None) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    keys = list((extra or {}).keys())
    w.writerow(keys + ["doctrine", "worldview", "games", "war_rate", "war_lo", "war_hi", "lockin_rate",
                       "community_rate", "no_decision_rate", "mean_trust", "mean_tension", "mean_end_turn"])
    for r in results:
        lo, hi = r.ci("war")
        w.writerow([extra[k] for k in keys] + [r.condition.doctrine, r.condition.worldview.label, r.games,
                    f"{r.rate('war'):.6f}", f"{lo:.6f}", f"{hi:.6f}", f"{r.rate('lockin'):.6f}",
                    f"{r.rate('community'):.6f}", f"{r.rate('none'):.6f}", f"{r.mean_trust:.6f}",
                    f"{r.mean_tension:.4f}", f"{r.mean_end_turn:.3f}"])
    return out.getvalue()


def sweep(args) -> int:
    sc, sets = _scenario_and_sets(args)
    games = _check_games(args.games)
    check_seed(args.seed, games)
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
    doctrines = _doctrines(sc, args.doctrines)
    if args.worldview and args.worldview not in P.PRESETS:
        raise UsageError(f"--worldview: unknown worldview {args.worldview!r} (allowed: {', '.join(P.PRESET_NAMES)})")
    base = sc.worldview if not args.worldview else P.Worldview.from_preset(args.worldview)
    base = base.with_values(**sets)
    if args.out and not args.out.lower().endswith(".csv"):
        raise UsageError(f"--out: {args.out!r} must end in .csv")
    points = 1
    for a in axes:
        points *= len(a.values)
    bar = ProgressBar(f"sweep: {points} points x {len(doctrines)} doctrines x {games} games")
    t0 = time.perf_counter()
    result = run_sweep(sc, axes, doctrines, base, games, args.seed, args.turns, workers=args.workers, progress=bar)
    elapsed = time.perf_counter() - t0
    summary = describe_crossovers(result)
    if args.out:
        text = io.StringIO()
        first = True
        for values, row in result.points:
            extra = {a.name: f"{v:g}" for a, v in zip(axes, values)}
            block = table_csv(list(row.values()), extra)
            text.write(block if first else block.split("\n", 1)[1])
            first = False
        atomic_write(args.out, text.getvalue())
    if args.json:
        print(json.dumps({
            "scenario": sc.name, "games": games, "base_worldview": base.label, "seconds": round(elapsed, 3),
            "params": [{"name": a.name, "values": list(a.values)} for a in axes], "doctrines": doctrines,
            "points": [{"values": dict(zip([a.name for a in axes], values)),
                        "cells": [r.as_dict() | {"tension_by_turn": None, "trust_by_turn": None} for r in row.values()]}
                       for values, row in result.points],
            "crossovers": result.crossovers(), "summary": summary}))
        return 0
    print(f"{sc.title}: sweep over {', '.join(a.name for a in axes)} on {base.label}, {games} games per point "
          f"(common random numbers), {elapsed:.1f}s")
    head = "".join(f"{a.name:>20s}" for a in axes) + "".join(f"{d + ' war':>26s}" for d in doctrines) + "   lower war rate"
    print(head)
    for values, row in result.points:
        rates = [row[d].rate("war") for d in doctrines]
        best = doctrines[int(min(range(len(rates)), key=lambda k: rates[k]))]
        cells = "".join(f"{r:>17.1%} [{row[d].ci('war')[0]:.2f}-{row[d].ci('war')[1]:.2f}]" for d, r in zip(doctrines, rates))
        print("".join(f"{v:>20.3g}" for v in values) + cells + f"   {best}")
    for line in summary:
        print(line)
    if args.out:
        print(f"grid written to {args.out}")
    return 0
