"""Which assumptions drive the verdict: a global sensitivity analysis (SALib) of the war rate under
all-deterrence, under all-dialogue, and of the verdict (dialogue's war rate minus deterrence's)
over a box of worldview parameters: by default the box the deterrence-world and spiral-world
presets span (the parameters where they differ), the rest held at their shared values.

Morris elementary effects (Morris 1991; Campolongo et al. 2007) by default: per parameter the
mean effect of moving it across its range (signed, with a bootstrap 95% interval over the
trajectories) and mu* (the mean absolute effect) with SALib's interval. Sobol indices (Saltelli
2002) on request: S1 with its interval, and a signed effect (the least-squares slope across the
range, with a bootstrap interval). Every point plays the same seeds (common random numbers)."""

from __future__ import annotations

from typing import Callable

import attrs
import numpy as np

from ..model import params as P
from ..model.world import Scenario
from .experiment import run_conditions
from .game_table import csv_text
from .options import preset_worldview
from .results import Condition
from .statics import OUTPUTS, PREDICTIONS, SIGN_WORDS, judged

LEVELS = 4  # Morris grid levels
RESAMPLES = 1000
PRESETS = ("deterrence-world", "spiral-world")


def preset_box(scenario: Scenario, ranges: dict | None = None) -> dict[str, tuple[float, float]]:
    """name -> (low, high): the parameters the two presets (as the scenario plays them) set
    differently, between their values, then any ranges given (which may add parameters or
    replace a preset's span)."""
    a, b = (preset_worldview(scenario, w).as_dict() for w in PRESETS)
    box = {n: (min(a[n], b[n]), max(a[n], b[n])) for n in P.NAMES if a[n] != b[n]}
    box.update(ranges or {})
    return box


def parse_range(text: str) -> tuple[str, tuple[float, float]]:
    """NAME=LOW:HIGH, within the parameter's allowed range; P.ParamError otherwise."""
    name, sep, rest = text.partition("=")
    name = name.strip()
    if not sep or name not in P.SPEC:
        raise P.ParamError(
            f"expected NAME=LOW:HIGH with a parameter name, got {text!r} (parameters: {', '.join(P.NAMES)})"
        )
    bits = rest.split(":")
    try:
        low, high = float(bits[0]), float(bits[1])
    except (ValueError, IndexError):
        raise P.ParamError(f"{name}: expected LOW:HIGH, got {rest!r}") from None
    if len(bits) != 2 or not low < high:
        raise P.ParamError(f"{name}: expected LOW:HIGH with LOW below HIGH, got {rest!r}")
    P.check_value(name, low)
    P.check_value(name, high)
    return name, (low, high)


def sample(method: str, box: dict, size: int, seed: int) -> np.ndarray:
    """The points to play, (M, K) in box order: `size` Morris trajectories, or Sobol base samples."""
    problem = _problem(box)
    if method == "morris":
        from SALib.sample import morris

        return morris.sample(problem, size, num_levels=LEVELS, seed=seed)
    from SALib.sample import sobol

    return sobol.sample(problem, size, calc_second_order=False, seed=seed)


def _problem(box: dict) -> dict:
    return {"num_vars": len(box), "names": list(box), "bounds": [list(b) for b in box.values()]}


def play_points(scenario, base: P.Worldview, box: dict, x: np.ndarray, games: int, seed=1, turns=None, **run):
    """(M, 3) at each point: the war rate under all-deterrence, under all-dialogue, and the verdict."""
    names = list(box)
    conditions = []
    for row in x:
        world = base.with_values(**{n: float(v) for n, v in zip(names, row)})
        conditions += [Condition("deterrence", world), Condition("dialogue", world)]
    chunk = 2500  # games per piece of work: many small points share one batch
    results = run_conditions(scenario, conditions, games, seed, turns, paths=False, chunk=chunk, **run)
    war = np.array([r.rate("war") for r in results]).reshape(-1, 2)
    return np.column_stack([war, war[:, 1] - war[:, 0]])


def bootstrap(values: np.ndarray, stat: Callable, seed: int) -> tuple[float, float]:
    """The 95% percentile interval of stat over resamples (of rows) of values."""
    rng = np.random.default_rng(seed)
    n = len(values)
    stats = [stat(values[rng.integers(0, n, n)]) for _ in range(RESAMPLES)]
    return float(np.percentile(stats, 2.5)), float(np.percentile(stats, 97.5))


def elementary_effects(box: dict, x: np.ndarray, y: np.ndarray) -> list[list[float]]:
    """Per parameter, its elementary effects on y: the change of y per whole range of the
    parameter, between the two points of a trajectory where only it moves."""
    k = len(box)
    span = np.array([hi - lo for lo, hi in box.values()])
    effects: list[list[float]] = [[] for _ in range(k)]
    for start in range(0, len(x), k + 1):
        for step in range(start, start + k):
            moved = np.flatnonzero(x[step + 1] != x[step])
            if moved.size == 1:
                i = int(moved[0])
                effects[i].append(float((y[step + 1] - y[step]) / ((x[step + 1, i] - x[step, i]) / span[i])))
    return effects


@attrs.frozen
class Effect:
    """One parameter's effect on one output."""

    param: str
    output: str  # one of statics.OUTPUTS
    mean: float  # signed effect of moving the parameter across its range
    low: float
    high: float
    index: float  # Morris mu* or Sobol S1
    index_conf: float  # its 95% interval's half-width, as SALib gives it

    @property
    def predicted(self) -> int:
        return PREDICTIONS[self.param].sign(self.output) if self.param in PREDICTIONS else 0

    @property
    def verdict(self) -> str:
        return judged(self.predicted, self.low, self.high)


def morris_effects(box: dict, x: np.ndarray, y: np.ndarray, seed: int) -> list[Effect]:
    from SALib.analyze import morris

    out = []
    for col, output in enumerate(OUTPUTS):
        res = morris.analyze(_problem(box), x, y[:, col], num_levels=LEVELS, num_resamples=RESAMPLES, seed=seed)
        for i, (name, ee) in enumerate(zip(box, elementary_effects(box, x, y[:, col]))):
            values = np.array(ee)
            low, high = bootstrap(values, np.mean, seed + i) if values.size > 1 else (np.nan, np.nan)
            mean = float(values.mean()) if values.size else float("nan")
            out.append(Effect(name, output, mean, low, high, float(res["mu_star"][i]), float(res["mu_star_conf"][i])))
    return out


def _slopes(data: np.ndarray) -> np.ndarray:
    """Least-squares slopes of the last column on the others (with an intercept)."""
    xb = np.column_stack([np.ones(len(data)), data[:, :-1]])
    return np.linalg.lstsq(xb, data[:, -1], rcond=None)[0][1:]


def sobol_effects(box: dict, x: np.ndarray, y: np.ndarray, seed: int) -> list[Effect]:
    from SALib.analyze import sobol

    lows = np.array([lo for lo, _ in box.values()])
    spans = np.array([hi - lo for lo, hi in box.values()])
    unit = (x - lows) / spans  # each parameter across its range as 0..1: a slope is the effect of the whole range
    out = []
    for col, output in enumerate(OUTPUTS):
        res = sobol.analyze(_problem(box), y[:, col], calc_second_order=False, num_resamples=RESAMPLES, seed=seed)
        data = np.column_stack([unit, y[:, col]])
        slope = _slopes(data)
        for i, name in enumerate(box):
            low, high = bootstrap(data, lambda d, i=i: _slopes(d)[i], seed + i)
            out.append(Effect(name, output, float(slope[i]), low, high, float(res["S1"][i]), float(res["S1_conf"][i])))
    return out


@attrs.frozen(eq=False)
class Sensitivity:
    """A sensitivity analysis: its settings, the points played and each parameter's effects."""

    method: str
    box: dict
    games: int
    points: np.ndarray  # (M, K)
    outcomes: np.ndarray  # (M, 3)
    effects: list  # [Effect]

    def effect(self, param: str, output: str) -> Effect:
        return next(e for e in self.effects if e.param == param and e.output == output)

    def ranked(self, output: str = "verdict") -> list[str]:
        """The parameters, the one that moves `output` most first (by mu* or S1)."""
        return sorted(self.box, key=lambda n: -self.effect(n, output).index)

    def checks(self) -> list[Effect]:
        """The effects the theory predicts a sign for."""
        return [e for e in self.effects if e.predicted]

    def rows(self):
        for e in self.effects:
            low, high = self.box[e.param]
            yield {
                "param": e.param,
                "low": low,
                "high": high,
                "output": e.output,
                "effect": round(e.mean, 5),
                "effect_low": round(e.low, 5),
                "effect_high": round(e.high, 5),
                "index": "mu_star" if self.method == "morris" else "S1",
                "index_value": round(e.index, 5),
                "index_conf": round(e.index_conf, 5),
                "predicted": SIGN_WORDS[e.predicted],
                "measured": e.verdict,
            }

    def to_csv(self) -> str:
        return csv_text(self.rows(), CSV_COLUMNS)


CSV_COLUMNS = (
    "param low high output effect effect_low effect_high index index_value index_conf predicted measured".split()
)


def run_sensitivity(
    scenario: Scenario,
    method: str = "morris",
    box: dict | None = None,
    size: int = 20,
    games: int = 200,
    seed: int = 1,
    turns: int | None = None,
    **run,
) -> Sensitivity:
    """Sample the box (size: Morris trajectories or Sobol base samples), play every point over the
    same `games` seeds, and analyse. run: workers, progress, cancelled, scheduler."""
    box = preset_box(scenario) if box is None else box
    base = preset_worldview(scenario, PRESETS[0])
    x = sample(method, box, size, seed)
    y = play_points(scenario, base, box, x, games, seed, turns, **run)
    effects = (morris_effects if method == "morris" else sobol_effects)(box, x, y, seed)
    return Sensitivity(method, dict(box), games, x, y, effects)
