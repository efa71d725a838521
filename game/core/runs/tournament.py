"""The tournament of plans (in the spirit of Axelrod's tournaments): for each seat, every plan
(a move policy × a stance policy × a backing policy, model/plans.py) plays against the
scenario's doctrines in the other seats, in each world, over the same seeds (common random
numbers). The result says, per seat and world, which plans score best (the seat's mean score with
its 95% interval), which plans are within the best's interval in every world, and how much the
best plan of one world loses when played in another."""

from __future__ import annotations

import itertools
from typing import Callable

import attrs
import numpy as np

from ..model.doctrines import DOCTRINES
from ..model.params import PRESET_NAMES
from ..model.engine import Engine
from ..model.plans import BACKINGS, STANCES, PlanMix, parts, plan_name
from ..model.world import Scenario
from .game_table import csv_text
from .measures import in_world
from .pool import run_jobs
from .results import Z95

MOVES = tuple(DOCTRINES)  # the doctrines and the fixed always-* policies
GAMES = 600
BAND = 3.0  # points: a plan that loses this much in the other world is no plan for both


def plan_names(moves=MOVES, stances=tuple(STANCES), backings=BACKINGS) -> list[str]:
    """Every plan of the given move, stance and backing policies."""
    return [plan_name(m, s, b) for m, s, b in itertools.product(moves, stances, backings)]


def mean_interval(values: np.ndarray) -> tuple[float, float, float]:
    """(mean, low, high): the mean and its 95% normal interval."""
    mean = float(values.mean())
    half = Z95 * float(values.std(ddof=1)) / np.sqrt(values.size) if values.size > 1 else float("inf")
    return mean, mean - half, mean + half


def play_plans(scenario: Scenario, job) -> dict:
    """One seat's plans that share a move doctrine, in one world, in a worker: all of them in one
    batch, each over the same seeds (a game depends only on its seed, its worldview and the
    choices made in it). Returns plan -> (the seat's score per game, its war per game)."""
    world, seat, plans, seeds, turns, sets = job
    sc = in_world(scenario, world, **sets)
    named = [parts(p) for p in plans]
    doctrines = list(sc.default_doctrines())
    doctrines[seat] = named[0][0]
    eng = Engine(sc, np.tile(seeds, len(plans)), doctrines, turns=turns, causes=False)
    games = np.repeat(np.arange(len(plans)), len(seeds))
    eng.doctrines[seat] = PlanMix(named[0][0], [named[k][1] for k in games], [named[k][2] for k in games])
    while not eng.done:
        eng.step()
    score = eng.scores(turns_played=None)[0][:, seat].astype(np.float64).reshape(len(plans), -1)
    war = eng.state.fought[:, seat].any(axis=-1).reshape(len(plans), -1)
    return {plan: (score[k], war[k]) for k, plan in enumerate(plans)}


@attrs.frozen(eq=False)
class Tournament:
    """Each (world, seat, plan)'s per-game scores and wars over the same seeds."""

    codes: tuple[str, ...]
    seats: tuple[int, ...]
    plans: tuple[str, ...]
    worlds: tuple[str, ...]
    games: int
    seed: int
    score: dict  # (world, seat, plan) -> (G,) the seat's score
    war: dict  # (world, seat, plan) -> (G,) the seat fought a war

    def interval(self, world: str, seat: int, plan: str) -> tuple[float, float, float]:
        return mean_interval(self.score[(world, seat, plan)])

    def ranking(self, world: str, seat: int) -> list[str]:
        """The plans, best mean score first (ties by name)."""
        return sorted(self.plans, key=lambda p: (-self.score[(world, seat, p)].mean(), p))

    def best(self, world: str, seat: int) -> str:
        return self.ranking(world, seat)[0]

    def near_best(self, world: str, seat: int) -> list[str]:
        """The plans whose mean lies within the 95% interval of the best plan's mean."""
        _, low, _ = self.interval(world, seat, self.best(world, seat))
        return [p for p in self.ranking(world, seat) if self.score[(world, seat, p)].mean() >= low]

    def best_everywhere(self, seat: int) -> list[str]:
        """The plans within the best's interval in every world."""
        near = [set(self.near_best(w, seat)) for w in self.worlds]
        return [p for p in self.ranking(self.worlds[0], seat) if all(p in n for n in near)]

    def loss(self, seat: int, home: str, away: str, near: bool = False) -> tuple[float, float, float]:
        """What the best plan of `home` gives up in `away` against the best plan there: the mean
        paired difference over the same seeds, with its 95% interval. Plans that tie for the best
        in `home` (the same mean: they played the same games) count as the one that does best in
        `away`, so a tie never makes a loss; with near, so do all the plans within the best's
        interval in `home` (the least any plan as good as the best there loses)."""
        top = self.score[(home, seat, self.best(home, seat))].mean()
        if near:
            candidates = self.near_best(home, seat)
        else:
            candidates = [p for p in self.plans if self.score[(home, seat, p)].mean() == top]
        moved = max(candidates, key=lambda p: self.score[(away, seat, p)].mean())
        there = self.score[(away, seat, self.best(away, seat))]
        return mean_interval(there - self.score[(away, seat, moved)])

    def rows(self):
        """One dict per world, seat and plan, in the order of CSV_COLUMNS."""
        for world in self.worlds:
            for seat in self.seats:
                near, both = set(self.near_best(world, seat)), set(self.best_everywhere(seat))
                for rank, plan in enumerate(self.ranking(world, seat), 1):
                    move, stance, backing = parts(plan)
                    mean, low, high = self.interval(world, seat, plan)
                    yield {
                        "world": world,
                        "seat": self.codes[seat],
                        "plan": plan,
                        "move": move,
                        "stance": stance,
                        "backing": backing,
                        "rank": rank,
                        "games": self.games,
                        "score": round(mean, 4),
                        "score_low": round(low, 4),
                        "score_high": round(high, 4),
                        "war_rate": round(float(self.war[(world, seat, plan)].mean()), 4),
                        "near_best": plan in near,
                        "near_best_everywhere": plan in both,
                    }

    def to_csv(self) -> str:
        return csv_text(self.rows(), CSV_COLUMNS)


CSV_COLUMNS = (
    "world seat plan move stance backing rank games score score_low score_high war_rate near_best near_best_everywhere"
).split()


def run_tournament(
    scenario: Scenario,
    seats=None,
    plans=None,
    worlds=PRESET_NAMES,
    games: int = GAMES,
    seed: int = 1,
    turns: int | None = None,
    workers: int = 0,
    progress: Callable[[int, int], None] | None = None,
    sets: dict | None = None,
    scheduler: str | None = None,
) -> Tournament:
    """Every plan in every seat (default: all) and world (with the `sets` values), over seeds
    seed..seed+games-1; the plays run in worker processes (or on the cluster at `scheduler`).
    progress(done, total) counts games."""
    seats = tuple(range(scenario.n)) if seats is None else tuple(seats)
    plans = tuple(plan_names() if plans is None else plans)
    seeds = np.arange(seed, seed + games)
    by_move: dict[str, list[str]] = {}
    for plan in plans:
        by_move.setdefault(parts(plan)[0], []).append(plan)
    groups = [(w, seat, tuple(group)) for w in worlds for seat in seats for group in by_move.values()]
    jobs = ((g, (*g, seeds, turns, dict(sets or {}))) for g in groups)
    score, war, done = {}, {}, 0
    for (world, seat, _), played in run_jobs(play_plans, jobs, workers, scenario, scheduler=scheduler):
        for plan, (s, w) in played.items():
            score[(world, seat, plan)], war[(world, seat, plan)] = s, w
        done += len(played) * games
        if progress:
            progress(done, len(worlds) * len(seats) * len(plans) * games)
    return Tournament(tuple(scenario.codes), seats, plans, tuple(worlds), games, seed, score, war)


def summary_lines(t: Tournament, top: int = 3) -> list[str]:
    """The tournament as the command prints it."""
    lines = []
    for world in t.worlds:
        lines.append(f"\n{world}: the best plans per seat (mean score [95% interval]; n: plans within the best's)")
        for seat in t.seats:
            shown = []
            for p in t.ranking(world, seat)[:top]:
                mean, low, high = t.interval(world, seat, p)
                shown.append(f"{p} {mean:.1f} [{low:.1f}–{high:.1f}]")
            lines.append(f"  {t.codes[seat]:6s} n={len(t.near_best(world, seat)):<3d} " + "; ".join(shown))
    lines.append("\nplans within the best's interval in every world:")
    both = {seat: t.best_everywhere(seat) for seat in t.seats}
    for seat, found in both.items():
        lines.append(f"  {t.codes[seat]:6s} " + (", ".join(found[:6]) + (" …" if len(found) > 6 else "") or "none"))
    lines.append(f"seats with a plan best in every world: {sum(bool(f) for f in both.values())} of {len(t.seats)}")
    if len(t.worlds) == 2:
        lines.extend(_loss_lines(t))
    return lines


def _loss_lines(t: Tournament) -> list[str]:
    a, b = t.worlds
    lines = [
        "\nwhat one world's best plan loses in the other (points, paired over the same seeds, 95% interval;"
        " in brackets after /, the least loss of any plan within the best's interval):"
    ]
    counts = {"either": 0, "both": 0, "either, near": 0, "both, near": 0}
    for seat in t.seats:
        cells = []
        for near in (False, True):
            ab, ba = t.loss(seat, a, b, near), t.loss(seat, b, a, near)
            tail = ", near" if near else ""
            counts["either" + tail] += ab[0] >= BAND or ba[0] >= BAND
            counts["both" + tail] += ab[0] >= BAND and ba[0] >= BAND
            cells.append((ab, ba))
        (ab, ba), (nab, nba) = cells
        lines.append(
            f"  {t.codes[seat]:6s} {a}'s best in {b}: {ab[0]:5.1f} [{ab[1]:.1f}–{ab[2]:.1f}] / {nab[0]:.1f}   "
            f"{b}'s best in {a}: {ba[0]:5.1f} [{ba[1]:.1f}–{ba[2]:.1f}] / {nba[0]:.1f}"
        )
    lines.append(
        f"seats losing ≥ {BAND:g} points: either way {counts['either']} of {len(t.seats)}, both ways "
        f"{counts['both']}; counting every plan within the best's interval: either way {counts['either, near']}, "
        f"both ways {counts['both, near']}"
    )
    return lines
