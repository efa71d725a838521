"""Measures of the model's properties over many games, with common random numbers: every
condition plays the same seeds. Used by benchmarks/model_properties.py and the slow tests."""

from __future__ import annotations

import attrs
import numpy as np

from ..model import params as P
from ..model.doctrines import DOCTRINES
from ..model.world import Scenario
from .game_table import GameTable, play_table

POLICIES = tuple(DOCTRINES)  # the doctrines and the fixed always-* policies


def auc(positive: np.ndarray, negative: np.ndarray) -> float:
    """The chance that a random positive scores above a random negative (ties count half):
    the area under the ROC curve, by ranks."""
    values = np.concatenate([positive, negative])
    order = values.argsort(kind="stable")
    ranks = np.empty(values.size)
    ranks[order] = np.arange(1, values.size + 1)
    for v in np.unique(values):  # ties share their mean rank
        same = values == v
        if same.sum() > 1:
            ranks[same] = ranks[same].mean()
    n_pos, n_neg = positive.size, negative.size
    if not n_pos or not n_neg:
        return float("nan")
    return float((ranks[:n_pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def in_world(scenario: Scenario, preset: str, **overrides) -> Scenario:
    """The scenario in a preset world, with the scenario's own overrides where its preset is used."""
    base = scenario.worldview.overrides() if scenario.worldview.preset == preset else {}
    return scenario.with_worldview(P.Worldview.from_preset(preset, {**base, **overrides}))


@attrs.frozen
class SeatResult:
    seat: str
    policy: str
    world: str
    score: float
    war_rate: float
    baseline: float  # the scenario's own doctrine in that seat, same seeds


def seat_policies(scenario: Scenario, preset: str, seeds, policies=POLICIES) -> list[SeatResult]:
    """Every seat × policy with the scenario's doctrines elsewhere, in one world: the seat's mean
    score and war rate, and the baseline (its own doctrine) on the same seeds."""
    sc = in_world(scenario, preset)
    base = play_table(sc, seeds)
    out = []
    for i, code in enumerate(sc.codes):
        for policy in policies:
            doctrines = list(sc.default_doctrines())
            doctrines[i] = policy
            t = base if doctrines == list(sc.default_doctrines()) else play_table(sc, seeds, doctrines)
            out.append(
                SeatResult(
                    code,
                    policy,
                    preset,
                    float(t.score[:, i].mean()),
                    float(t.at_war[:, i].mean()),
                    float(base.score[:, i].mean()),
                )
            )
    return out


def trust_auc(table: GameTable, min_turns: int = 15) -> float:
    """How well the others' mean trust in an actor separates security-seekers from greedy actors,
    over the games that lasted min_turns or more."""
    long = table.end_turn >= min_turns
    trust, greedy = table.trust_received[long], table.greedy[long]
    return auc(trust[~greedy], trust[greedy])


def same_bloc_wars(table: GameTable, scenario: Scenario) -> int:
    """How many times two actors of the same treaty bloc fought each other."""
    blocs = np.array([a.bloc for a in scenario.actors])
    same = (blocs[:, None] == blocs[None, :]) & (blocs[:, None] != "non-aligned")
    return int((table.fought & same[None]).sum())
