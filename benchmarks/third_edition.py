"""The measured properties of the third edition of the rules, each
printed with its interval by one subcommand, with common random numbers (every condition plays
the same seeds).

Run: python benchmarks/third_edition.py SUBCOMMAND [--games N] [--workers W]
  tournament   plans best in both worlds; what one world's best plan loses in the other
  properties   the earlier properties, as benchmarks/model_properties.py measures them
  greed        war rates and the verdict along greedy_share (11 points), in both worlds
  neighbours   the largest jump in war rate between neighbouring points of every parameter (21 points)
  infer        a logistic regression names the hidden world from turns 1-3's public columns (5-fold CV)
  observer     the game's observer's Brier score at the end of hidden-world games
  trust        trust AUC under the hidden world, overall and per seat
  fairness     last places per doctrine x world cell; the share of dialogue each actor receives
  crises       audience costs, accidents and standing firm at the brink; the US bloc's crisis exposure
  sensitivity  the sensitivity command's table and its check against docs/MODEL.md
  all          every one of them with its defaults
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.core.files.scenario import load_scenario  # noqa: E402
from game.core.model import params as P  # noqa: E402
from game.core.model.doctrines import PLAYING_DOCTRINES  # noqa: E402
from game.core.runs import measures as M  # noqa: E402
from game.core.runs.batch import run_batch_parallel  # noqa: E402
from game.core.runs.crisis_counts import count_crises  # noqa: E402
from game.core.runs.experiment import Axis, run_sweep  # noqa: E402
from game.core.runs.game_table import play_table  # noqa: E402
from game.core.runs.inference import cross_validated_accuracy, public_features  # noqa: E402
from game.core.runs.results import Z95, wilson  # noqa: E402
from game.core.runs.turn_table import turn_table_text  # noqa: E402

WORLDS = P.PRESET_NAMES
WAR = 1  # the outcome code of a regional war


def paired(a: np.ndarray, b: np.ndarray) -> str:
    """mean(a − b) with its 95% interval, over the same seeds."""
    d = np.asarray(a, dtype=float) - np.asarray(b, dtype=float)
    half = Z95 * d.std(ddof=1) / np.sqrt(d.size)
    return f"{d.mean():+.3f} [{d.mean() - half:+.3f}, {d.mean() + half:+.3f}]"


def rate(wars: np.ndarray) -> str:
    lo, hi = wilson(int(wars.sum()), wars.size)
    return f"{wars.mean():.3f} [{lo:.3f}-{hi:.3f}]"


def tournament(sc, args) -> None:
    from game.core.runs.tournament import plan_names, run_tournament, summary_lines, MOVES
    from game.core.model.plans import BACKINGS, STANCES

    pick = lambda text, default: text.split(",") if text else list(default)  # noqa: E731
    plans = plan_names(pick(args.moves, MOVES), pick(args.stances, STANCES), pick(args.backings, BACKINGS))
    print(f"\n## Tournament: {len(plans)} plans per seat, {args.games} games each")
    t = run_tournament(sc, None, plans, WORLDS, args.games, 1, workers=args.workers)
    for line in summary_lines(t):
        print(line)


def properties(sc, args) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import model_properties as mp

    seeds = np.arange(1, args.games + 1)
    for part in (mp.agency_and_fairness, mp.trust, mp.endings, mp.comparison):
        part(sc, seeds)


def wars_along(sc, world: str, doctrine: str, seeds, workers: int, name: str, values) -> np.ndarray:
    """(V, G): each game ended in a regional war, every seat playing `doctrine`, at each value of
    parameter `name` (one batch: a game depends only on its seed and worldview)."""
    rows = [P.Worldview.from_preset(world, {name: float(v)}).array() for v in values]
    matrix = np.repeat(np.array(rows), seeds.size, axis=0)
    res = run_batch_parallel(sc, np.tile(seeds, len(rows)), [doctrine] * sc.n, matrix, workers=workers)
    return (res.outcome == WAR).reshape(len(rows), seeds.size)


def greed(sc, args) -> None:
    seeds = np.arange(1, args.games + 1)
    shares = np.linspace(0, 1, 11)
    print(f"\n## Along greedy_share ({args.games} games a point): war rates and verdict = dialogue − deterrence")
    for world in WORLDS:
        det, dia = (
            wars_along(sc, world, d, seeds, args.workers, "greedy_share", shares) for d in ("deterrence", "dialogue")
        )
        print(f"\n{world}:  greedy_share  all-deterrence war  all-dialogue war  verdict (paired)")
        for k, g in enumerate(shares):
            print(f"  {g:4.1f}  {rate(det[k])}  {rate(dia[k])}  {paired(dia[k], det[k])}")
        verdict = dia * 1.0 - det
        print(
            f"  from 0 to 1: all-dialogue war {paired(dia[-1], dia[0])}; verdict moves by "
            f"{paired(verdict[-1], verdict[0])} (positive: toward deterrence)"
        )


def neighbours(sc, args) -> None:
    names = args.params.split(",") if args.params else [n for n in P.NAMES if not n.startswith(("payoff", "secure"))]
    print(f"\n## Largest jump between neighbouring points (21 points of each range, {args.games} games a point)")
    print("  world             parameter            deterrence (at)       dialogue (at)")
    worst = 0.0
    for world in WORLDS:
        base = P.Worldview.from_preset(world)
        for name in names:
            spec = P.SPEC[name]
            axis = Axis(name, tuple(float(v) for v in np.linspace(spec.low, spec.high, 21)))
            sweep = run_sweep(sc, [axis], ["deterrence", "dialogue"], base, args.games, workers=args.workers)
            cells = []
            for d in ("deterrence", "dialogue"):
                jumps = np.abs(np.diff(sweep.war_grid(d)))
                k = int(jumps.argmax())
                worst = max(worst, float(jumps[k]))
                cells.append(f"{100 * jumps[k]:5.1f} pts ({axis.values[k]:.3g}-{axis.values[k + 1]:.3g})")
            print(f"  {world:17s} {name:20s} {cells[0]:21s} {cells[1]}")
    print(f"  the largest jump anywhere: {100 * worst:.1f} points")


def hidden_games(sc, per_world: int):
    """Seeds of hidden-world games, per_world in each world, with their worldviews: (seeds, values, labels)."""
    from game.core.teaching.hidden import draw_world, worldview_for

    seeds, labels, count, seed = [], [], dict.fromkeys(WORLDS, 0), 0
    while min(count.values()) < per_world:
        seed += 1
        world = draw_world(seed, sc.hidden_prior)
        if count[world] < per_world:
            seeds.append(seed)
            labels.append(world)
            count[world] += 1
    values = np.array([worldview_for(sc, s).array() for s in seeds])
    return np.array(seeds), values, labels


def infer(sc, args) -> None:
    seeds, values, labels = hidden_games(sc, args.games)
    text = turn_table_text(sc, seeds, None, ".csv", values, labels)
    rows = list(csv.DictReader(io.StringIO(text)))
    x, order = public_features(rows, sc.codes, turns=3)
    world_of = dict(zip(map(str, seeds), labels))
    y = np.array([world_of[s] == "spiral-world" for s in order])
    acc, lo, hi = cross_validated_accuracy(x, y)
    print(f"\n## Naming the hidden world from turns 1-3's public columns ({args.games} games a world)")
    print(f"  logistic regression, 5-fold cross-validation: {acc:.3f} right [{lo:.3f}-{hi:.3f}] over {len(y)} games")


def observer(sc, args) -> None:
    from game.core.model.engine import Engine
    from game.core.teaching.hidden import _move_likelihoods, contexts, same_blocs, world_reading

    seeds, values, labels = hidden_games(sc, args.games)
    like = _move_likelihoods(sc, tuple(sc.default_doctrines()))
    eng = Engine(sc, seeds, None, values, causes=False)
    logodds = np.full(seeds.size, np.log(sc.hidden_prior / (1 - sc.hidden_prior)))
    path, last, same_bloc = [], (np.full((seeds.size, sc.n), -1),) * 2, same_blocs(sc)
    while not eng.done:
        log = eng.step()
        logodds += np.where(log.active, world_reading(like, contexts(*last, same_bloc), log.action), 0.0)
        last = log.action, log.target
        path.append(np.where(log.active, 1 / (1 + np.exp(-logodds)), np.nan))
    truth = np.array([w == "spiral-world" for w in labels], dtype=float)
    chance = np.array(path)  # (T, G)
    final = 1 / (1 + np.exp(-logodds))
    print(f"\n## The observer's Brier score (hidden world, {args.games} games a world, {sc.turns}-turn games)")
    b_final = (final - truth) ** 2
    b_path = np.nanmean((chance - truth) ** 2, axis=0)
    for name, b in (("at the end", b_final), ("mean over the turns", b_path)):
        half = Z95 * b.std(ddof=1) / np.sqrt(b.size)
        print(f"  {name}: {b.mean():.3f} [{b.mean() - half:.3f}-{b.mean() + half:.3f}]")


def fast_auc(positive: np.ndarray, negative: np.ndarray) -> float:
    """P(a positive scores above a negative), ties half: measures.auc by sorting, fast enough to bootstrap."""
    neg = np.sort(negative)
    below = np.searchsorted(neg, positive, "left")
    at_most = np.searchsorted(neg, positive, "right")
    return float((below + 0.5 * (at_most - below)).sum() / (positive.size * neg.size))


def auc_interval(trust: np.ndarray, greedy: np.ndarray, resamples: int = 300) -> str:
    """The AUC of trust for security-seekers over greedy actors, with a 95% bootstrap interval over games."""
    rng = np.random.default_rng(7)
    point = fast_auc(trust[~greedy], trust[greedy])
    stats = []
    for _ in range(resamples):
        k = rng.integers(0, trust.shape[0], trust.shape[0])
        t, g = trust[k].ravel(), greedy[k].ravel()
        stats.append(fast_auc(t[~g], t[g]))
    return f"{point:.3f} [{np.percentile(stats, 2.5):.3f}-{np.percentile(stats, 97.5):.3f}]"


def trust(sc, args) -> None:
    seeds, values, _ = hidden_games(sc, args.games)
    t = play_table(sc, seeds, None, values)
    long = t.end_turn >= 15
    print(f"\n## Trust AUC under the hidden world ({args.games} games a world, games of 15+ turns: {int(long.sum())})")
    print(
        f"  overall {auc_interval(t.trust_received[long], t.greedy[long])} (measures.trust_auc: {M.trust_auc(t):.3f})"
    )
    for i, code in enumerate(sc.codes):
        tr, g = t.trust_received[long, i : i + 1], t.greedy[long, i : i + 1]
        print(f"  {code:6s} {auc_interval(tr, g)}  ({int(g.sum())} greedy, {int((~g).sum())} security-seeking)")


def cells(sc):
    """The doctrine × world cells: every seat one playing doctrine, and the scenario's own doctrines."""
    for world in WORLDS:
        for d in (*PLAYING_DOCTRINES, "scenario"):
            yield world, d, None if d == "scenario" else [d] * sc.n


def fairness(sc, args) -> None:
    seeds = np.arange(1, args.games + 1)
    last = dict.fromkeys(sc.codes, 0)
    print(f"\n## Last places and the share of dialogue received ({args.games} games a cell)")
    print("  world             doctrine              last    most dialogue received")
    n_cells = 0
    for world, d, doctrines in cells(sc):
        c = count_crises(M.in_world(sc, world), seeds, doctrines)
        mean = c.score.mean(axis=0)
        k, share = int(mean.argmin()), c.dialogue_share
        last[sc.codes[k]] += d != "scenario"
        n_cells += d != "scenario"
        top = int(share.argmax())
        print(f"  {world:17s} {d:21s} {sc.codes[k]:6s}  {sc.codes[top]} {share[top]:.3f}")
    print(f"  last places over the {n_cells} doctrine × world cells: " + ", ".join(f"{c} {n}" for c, n in last.items()))


def crises(sc, args) -> None:
    seeds = np.arange(1, args.games + 1)
    us = [i for i, a in enumerate(sc.actors) if a.bloc == sc.actors[sc.index("USA")].bloc] if "USA" in sc.codes else []
    print(f"\n## Crises in AI play (the scenario's doctrines, {args.games} games a world)")
    for world in WORLDS:
        c = count_crises(M.in_world(sc, world), seeds)
        parts = []
        for e, n in c.events.items():
            lo, hi = wilson(n, c.crises)
            parts.append(f"{e} {c.rate(e):.3f} [{lo:.3f}-{hi:.3f}]")
        print(f"  {world}: {c.crises} crises; " + "; ".join(parts))
        faced = c.faced_any
        for i in us:
            print(f"    {sc.codes[i]:6s} faces a crisis in {rate(faced[:, i])} of games")
        if us:
            print(f"    any US-bloc seat: {rate(faced[:, us].any(axis=1))}")


def sensitivity(sc, args) -> None:
    from game.cli import main as cli

    cli(["sensitivity", "--games", str(args.games), "--workers", str(args.workers), "--check"])


PARTS = {
    f.__name__: f
    for f in (tournament, properties, greed, neighbours, infer, observer, trust, fairness, crises, sensitivity)
}
DEFAULT_GAMES = dict(
    tournament=600,
    properties=2000,
    greed=2000,
    neighbours=2000,
    infer=600,
    observer=600,
    trust=600,
    fairness=600,
    crises=600,
    sensitivity=200,
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("part", choices=[*PARTS, "all"])
    ap.add_argument("--games", type=int, help="games per condition (default: each part's own)")
    ap.add_argument("--workers", type=int, default=0, help="worker processes (default: one per core)")
    ap.add_argument("--scenario", default="east_asia_2023")
    ap.add_argument("--moves", help="tournament: comma-separated move policies (default: every doctrine)")
    ap.add_argument("--stances", help="tournament: comma-separated stance policies")
    ap.add_argument("--backings", help="tournament: comma-separated backing policies")
    ap.add_argument("--params", help="neighbours: comma-separated parameters (default: all but the payoffs)")
    args = ap.parse_args()
    sc = load_scenario(args.scenario)
    for name in PARTS if args.part == "all" else [args.part]:
        t0 = time.perf_counter()
        part_args = argparse.Namespace(**{**vars(args), "games": args.games or DEFAULT_GAMES[name]})
        PARTS[name](sc, part_args)
        print(f"  ({name}: {time.perf_counter() - t0:.0f} s; seeds from 1)")


if __name__ == "__main__":
    main()
