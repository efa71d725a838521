"""The lab's results in words and tables, shared by the command line and the window: the
winners of each world (ties named as ties), the text table, the CSV table and the sweep's rows.
Rates and their intervals are written one way everywhere: percentages, one decimal."""

from __future__ import annotations

import csv
import io

from .results import Results

CSV_COLUMNS = [
    "doctrine",
    "worldview",
    "games",
    "war_rate",
    "war_lo",
    "war_hi",
    "lockin_rate",
    "community_rate",
    "no_decision_rate",
    "mean_trust",
    "mean_tension",
    "mean_end_turn",
]


def percent(x: float) -> str:
    """A rate as a percentage with one decimal; 99.9% rather than a rounded-up 100.0%."""
    return f"{100 * x:.1f}%" if x < 0.9995 or x == 1 else "99.9%"


def interval(lo: float, hi: float) -> str:
    """A 95% interval in percentages, without the sign: 8.6–11.2."""
    return f"{100 * lo:.1f}–{100 * hi:.1f}"


def rate_with_interval(r: Results, name: str = "war") -> str:
    lo, hi = r.ci(name)
    return f"{percent(r.rate(name))} [{interval(lo, hi)}]"


def by_world(results: list[Results]) -> dict[str, list[Results]]:
    out: dict[str, list[Results]] = {}
    for r in results:
        out.setdefault(r.condition.worldview.label, []).append(r)
    return out


def lowest_war(results: list[Results]) -> list[Results]:
    """The conditions that share the lowest war rate (several when they tie), in the order given."""
    best = min(results, key=lambda r: r.rate("war"))
    return [r for r in results if r.counts["war"] * best.games == best.counts["war"] * r.games]


def winners(results: list[Results]) -> dict:
    """Per worldview, the doctrine with the lowest war rate, and whether the intervals separate
    (the wording the JSON output has always carried; `winner_lines` names ties)."""
    out = {}
    for w, rs in by_world(results).items():
        rs = sorted(rs, key=lambda r: r.rate("war"))
        best = rs[0]
        text = f"{best.condition.doctrine} has the lowest war rate ({best.rate('war'):.1%})"
        if len(rs) > 1:
            clear = best.ci("war")[1] < rs[1].ci("war")[0]
            text += (
                ", its 95% interval clear of the next"
                if clear
                else f", but its 95% interval overlaps {rs[1].condition.doctrine}'s"
            )
        out[w] = text
    return out


def verdict(results: list[Results]) -> tuple[set, str]:
    """The doctrines with the lowest war rate in one world, and the verdict in words: a tie is
    named as a tie; a single winner says whether its interval is clear of the next."""
    if not results:
        return set(), ""
    tied = lowest_war(results)
    if len(tied) > 1:
        names = ", ".join(r.condition.doctrine for r in tied[:-1]) + f" and {tied[-1].condition.doctrine}"
        return (
            {r.condition.doctrine for r in tied},
            f"{names} tie for the lowest war rate ({percent(tied[0].rate('war'))})",
        )
    best = tied[0]
    text = f"{best.condition.doctrine} has the lowest war rate ({percent(best.rate('war'))})"
    rest = sorted((r for r in results if r is not best), key=lambda r: r.rate("war"))
    if rest:
        clear = best.ci("war")[1] < rest[0].ci("war")[0]
        text += (
            ", its 95% interval clear of the next"
            if clear
            else f", but its 95% interval overlaps {rest[0].condition.doctrine}'s"
        )
    return {best.condition.doctrine}, text


def winner_lines(results: list[Results]) -> list[str]:
    """One line per world for the text output: "in WORLD: verdict"."""
    return [f"in {w}: {verdict(rs)[1]}" for w, rs in by_world(results).items()]


def format_table(results: list[Results]) -> str:
    head = (
        f"{'worldview':18s} {'doctrine':24s} {'war [95% interval]':>21s} {'lock-in':>8s} {'community':>9s} "
        f"{'trust':>6s} {'tension':>7s}"
    )
    lines = [head, "-" * len(head)]
    for r in results:
        lines.append(
            f"{r.condition.worldview.label:18s} {r.condition.doctrine:24s} {rate_with_interval(r):>21s} "
            f"{percent(r.rate('lockin')):>8s} {percent(r.rate('community')):>9s} "
            f"{r.mean_trust:6.2f} {r.mean_tension:7.1f}"
        )
    return "\n".join(lines)


def csv_rows(results: list[Results], extra: dict | None = None) -> list[list]:
    """The CSV table's rows (no header): the extra columns first, then one row per condition."""
    rows = []
    for r in results:
        lo, hi = r.ci("war")
        rows.append(
            list((extra or {}).values())
            + [
                r.condition.doctrine,
                r.condition.worldview.label,
                r.games,
                f"{r.rate('war'):.6f}",
                f"{lo:.6f}",
                f"{hi:.6f}",
                f"{r.rate('lockin'):.6f}",
                f"{r.rate('community'):.6f}",
                f"{r.rate('none'):.6f}",
                f"{r.mean_trust:.6f}",
                f"{r.mean_tension:.4f}",
                f"{r.mean_end_turn:.3f}",
            ]
        )
    return rows


def table_csv(results: list[Results], extra: dict | None = None) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(list((extra or {}).keys()) + CSV_COLUMNS)
    w.writerows(csv_rows(results, extra))
    return out.getvalue()


def sweep_csv(sweep) -> str:
    """The sweep's grid as CSV: the swept values, then compare's columns, one row per point and doctrine."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow([a.name for a in sweep.axes] + CSV_COLUMNS)
    for values, row in sweep.points:
        extra = {a.name: f"{v:g}" for a, v in zip(sweep.axes, values)}
        w.writerows(csv_rows(list(row.values()), extra))
    return out.getvalue()


def sweep_lines(sweep) -> list[str]:
    """The sweep's text table: each point's values, each doctrine's war rate with its interval, and
    the doctrine with the lower war rate (or the tie)."""
    doctrines = list(sweep.doctrines)
    head = (
        "".join(f"{a.name:>20s}" for a in sweep.axes)
        + "".join(f"{d + ' war [95%]':>30s}" for d in doctrines)
        + "   lower war rate"
    )
    lines = [head]
    for values, row in sweep.points:
        cells = "".join(f"{rate_with_interval(row[d]):>30s}" for d in doctrines)
        tied = lowest_war([row[d] for d in doctrines])
        best = tied[0].condition.doctrine if len(tied) == 1 else "tie: " + ", ".join(r.condition.doctrine for r in tied)
        lines.append("".join(f"{v:>20.3g}" for v in values) + cells + f"   {best}")
    return lines
