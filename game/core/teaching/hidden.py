"""The hidden world (docs/MODEL.md §5): a game may draw its world from its seed, deterrence-world
or spiral-world, so that players must infer it; they state beliefs during the game, and the
debrief scores them against the truth and against an observer who reads every public move with
the model's own likelihoods."""

from __future__ import annotations

import functools
import pickle

import numpy as np

from ..model import params as P
from ..model import rng
from ..model.world import Scenario

HIDDEN = "hidden"
WORLDS = ("deterrence-world", "spiral-world")


def draw_world(seed: int, prior_spiral: float = 0.5) -> str:
    """The world a hidden game plays in: spiral-world with chance prior_spiral, from the seed alone."""
    u = rng.uniforms([seed], 0, rng.WORLD, 1)[0, 0]
    return "spiral-world" if u < prior_spiral else "deterrence-world"


def belief_turns(turn_limit: int) -> tuple[int, ...]:
    """When a human states how likely it thinks the spiral world is: after a third and two thirds
    of the turn limit (and at the end, whenever the game ends)."""
    return tuple(sorted({max(1, round(turn_limit / 3)), max(1, round(2 * turn_limit / 3))}))


def brier(path: list[tuple[int, float]], spiral: bool) -> float:
    """The mean squared distance of the stated chances of the spiral world from the truth (0 best, 1 worst)."""
    if not path:
        return float("nan")
    truth = 1.0 if spiral else 0.0
    return float(np.mean([(p - truth) ** 2 for _, p in path]))


def likelihood_scenario(scenario: Scenario, turns: int) -> Scenario:
    """The scenario as long as a game of `turns` turns, one object for every game of the same
    scenario and length, so that they share its move likelihoods (cached by that object): the same
    scenario loaded again, or read back from a save, is the same content and gets the same object."""
    return _shared_scenario(pickle.dumps(scenario.with_turns(turns)))


@functools.lru_cache(maxsize=16)
def _shared_scenario(content: bytes) -> Scenario:
    return pickle.loads(content)


#: what was done to a mover last turn, which its move answers: nothing, an opening (a summit, CBM or trade
#: aimed at it by another bloc's actor), or a threat (pressure or a challenge aimed at it); a threat counts first
NOTHING, CONCESSION, THREAT = range(3)


def contexts(last_action: np.ndarray, last_target: np.ndarray, same_bloc: np.ndarray) -> np.ndarray:
    """(B, N) what was done to each actor last turn (NOTHING, CONCESSION or THREAT), from last turn's
    public moves (B, N), -1 before the first turn."""
    from ..model.vocab import Action

    n = same_bloc.shape[0]
    aimed = last_target[:, :, None] == np.arange(n)[None, None, :]  # [b, k, j]: k's move was aimed at j
    talk = np.isin(last_action, (Action.SUMMIT, Action.CBM, Action.TRADE))
    conceded = (talk[:, :, None] & aimed & ~same_bloc[None]).any(axis=1)
    threat = (((last_action == Action.PRESSURE) | (last_action == Action.CHALLENGE))[:, :, None] & aimed).any(axis=1)
    return np.where(threat, THREAT, np.where(conceded, CONCESSION, NOTHING))


def same_blocs(scenario: Scenario) -> np.ndarray:
    blocs = [a.bloc for a in scenario.actors]
    return np.array([[x == y for y in blocs] for x in blocs])


def world_reading(like: np.ndarray, context: np.ndarray, action: np.ndarray) -> np.ndarray:
    """(B,) the log-likelihood ratio of the spiral world over the deterrence world of one turn's public
    moves (B, N), each read as independent evidence given what was done to its mover (context)."""
    step = np.log(like[1] / like[0])  # (contexts, actions)
    return step[context, action.astype(np.intp)].sum(axis=1)


@functools.lru_cache(maxsize=16)
def _move_likelihoods(scenario: Scenario, doctrines: tuple[str, ...], games: int = 400) -> np.ndarray:
    """(2, 3, A) the chance of each action in each world, given what was done to the mover last turn
    (contexts), over every actor and turn of `games` simulated games of the scenario with these
    doctrines (Laplace-smoothed): the model's own likelihood of a public move under each world. The
    two worlds differ less in how often actors make each move than in how they answer a concession
    or a threat (docs/MODEL.md §5), so the observer reads each move by what it answers."""
    from ..model.engine import Engine
    from ..runs.options import preset_worldview

    same_bloc = same_blocs(scenario)
    counts = np.ones((2, 3, 9))
    for w, world in enumerate(WORLDS):
        eng = Engine(
            scenario.with_worldview(preset_worldview(scenario, world)),
            np.arange(1, games + 1),
            list(doctrines),
            causes=False,
        )
        last = np.full((games, scenario.n), -1), np.full((games, scenario.n), -1)
        while not eng.done:
            log = eng.step()
            context = contexts(*last, same_bloc)
            live = log.active[:, None] & np.ones(log.action.shape, dtype=bool)
            np.add.at(counts[w], (context[live], log.action[live].astype(int)), 1.0)
            last = log.action, log.target
    return counts / counts.sum(axis=2, keepdims=True)


def observer_path(
    scenario: Scenario, doctrines, turns: list[dict], prior_spiral: float = 0.5
) -> list[tuple[int, float]]:
    """What an observer who sees every public move, and reads each as independent evidence with
    the model's own likelihoods given what was done to its mover the turn before (_move_likelihoods,
    human seats counted as the scenario's own doctrine), believes of the spiral world after each
    turn: [(turn, chance), ...]."""
    from ..model.vocab import Action

    if not 0.0 < prior_spiral < 1.0:  # a prior of 0 or 1 is certainty: no evidence moves it
        return [(t["turn"], float(prior_spiral)) for t in turns]
    own = tuple(d if d != "human" else default for d, default in zip(doctrines, scenario.default_doctrines()))
    like = _move_likelihoods(scenario, own)
    codes, same_bloc = list(scenario.codes), same_blocs(scenario)
    logodds = np.log(prior_spiral / (1.0 - prior_spiral))
    last = np.full((1, len(codes)), -1), np.full((1, len(codes)), -1)
    path = []
    for t in turns:
        moves = [t["actions"][c] for c in codes]
        action = np.array([[int(Action[m["action"]]) for m in moves]])
        target = np.array([[codes.index(m["target"]) if m.get("target") else -1 for m in moves]])
        logodds += float(world_reading(like, contexts(*last, same_bloc), action)[0])
        last = action, target
        with np.errstate(over="ignore"):  # a belief beyond exp's range is certainty: 1 / (1 + inf) = 0
            path.append((t["turn"], float(1.0 / (1.0 + np.exp(-logodds)))))
    return path


def worldview_for(scenario: Scenario, seed: int) -> P.Worldview:
    """The worldview a hidden game with this seed plays: the drawn preset, with the scenario's own
    values wherever its preset is the one drawn."""
    from ..runs.options import preset_worldview

    return preset_worldview(scenario, draw_world(seed, scenario.hidden_prior))
