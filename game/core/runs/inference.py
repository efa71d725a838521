"""What a player can infer about the hidden world from what everyone sees: features of a game's
first turns read from the public columns of the per-turn table (runs/turn_table.py), a ridge
logistic regression (numpy only) and its k-fold cross-validated accuracy at naming the world."""

from __future__ import annotations

import numpy as np

from ..model.vocab import Action, Stance
from .results import wilson

MOVES = [a.name for a in Action]
STANCES = [s.name for s in Stance]


def public_features(rows, codes, turns: int = 3) -> tuple[np.ndarray, list]:
    """(X (G, F), seeds in order) from per-turn rows (dicts as csv.DictReader gives them), over
    turns 1..turns: each actor's count of each public move, its mean pair tension at the last of
    those turns, regional tension each turn, open crises at the last turn, how often each stance
    was taken and how often an ally was backed. Only `public_` columns are read."""
    n, m = len(codes), len(MOVES)
    width = n * m + n + turns + 1 + len(STANCES) + 1
    games: dict = {}
    actor = {c: i for i, c in enumerate(codes)}
    for r in rows:
        t = int(r["turn"])
        if t > turns:
            continue
        x = games.setdefault(r["seed"], np.zeros(width))
        i = actor[r["actor"]]
        x[i * m + MOVES.index(r["public_move"])] += 1
        x[n * m + i] = float(r["public_tension_mean"])  # rows come turn by turn: the last one stays
        x[n * m + n + t - 1] = float(r["public_regional_tension"])
        x[n * m + n + turns] = float(r["public_open_crises"])
        for item in r["public_stance"].split():
            x[n * m + n + turns + 1 + STANCES.index(item.split(":")[1])] += 1
        x[-1] += len(r["public_backing"].split())
    seeds = list(games)
    return np.array([games[s] for s in seeds]), seeds


def standardise(train: np.ndarray, test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean, sd = train.mean(axis=0), train.std(axis=0)
    sd = np.where(sd > 0, sd, 1.0)
    return (train - mean) / sd, (test - mean) / sd


def fit_logistic(x: np.ndarray, y: np.ndarray, ridge: float = 1.0, steps: int = 50) -> np.ndarray:
    """Weights (intercept first) of a logistic regression with an L2 penalty `ridge` on the slopes,
    by Newton's method (iteratively reweighted least squares)."""
    xb = np.column_stack([np.ones(len(x)), x])
    w = np.zeros(xb.shape[1])
    penalty = ridge * np.eye(xb.shape[1])
    penalty[0, 0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ w, -30, 30)))
        grad = xb.T @ (p - y) + penalty @ w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + penalty
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return (np.column_stack([np.ones(len(x)), x]) @ w) > 0


def cross_validated_accuracy(x, y, folds: int = 5, seed: int = 0, ridge: float = 1.0) -> tuple[float, float, float]:
    """(accuracy, low, high): the share of games whose world a logistic regression fitted on the
    other folds names right, with its 95% Wilson interval."""
    y = np.asarray(y, dtype=float)
    order = np.random.default_rng(seed).permutation(len(y))
    right = 0
    for k in range(folds):
        test = order[k::folds]
        train = np.setdiff1d(order, test)
        xtr, xte = standardise(x[train], x[test])
        right += int((predict(fit_logistic(xtr, y[train], ridge), xte) == (y[test] > 0.5)).sum())
    low, high = wilson(right, len(y))
    return right / len(y), low, high
