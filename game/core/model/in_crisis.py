"""The crisis rules (docs/MODEL.md §7.9, §7.10, §7.14) played in the games with a crisis open only.

In a batch about one game in twelve has a crisis open on a given turn; the others have no stance to
take, no ally to call and nothing to resolve. The rules are called on those games' rows and their
results put back, so a game plays exactly as it would alone."""

from __future__ import annotations

import numpy as np

from .rules import choice, crises, perception, war
from .rules.in_force import InForce
from .state import State
from .vocab import Stance

#: the state's fields the resolution of crises may change (crises.settle_crises)
SETTLED = "stake_rung stakes_won stakes_lost escalated resolve credibility alliance trust_logodds".split()


def in_crisis(stake_rung) -> np.ndarray:
    """The games (an index) with at least one crisis open."""
    return np.flatnonzero(crises.is_open(stake_rung).any(axis=1))


def crisis_choices(view, st: State, draws, stakes, doctrine_of, stances: dict, backing: dict):
    """Each ally's backing, then each party's stance knowing its own allies' (choice.choose_backing,
    choice.choose_stances), and settlement shares, by the parameters in force in the view; in a game
    without a crisis everyone stands firm and stays out. Returns ((B, S, 2) stances, (B, S) shares,
    (B, S, N) backing, per stake and side (B, N) eligible)."""
    b, s, n = st.capability.shape[0], stakes.count, st.capability.shape[1]
    stance = np.full((b, s, 2), Stance.STAND_FIRM, dtype=np.int8)
    share, backs = np.zeros((b, s), dtype=np.float32), np.full((b, s, n), crises.OUT, dtype=np.int8)
    eligible = [[np.zeros((b, n), dtype=bool) for _ in (0, 1)] for _ in range(s)]
    rows = in_crisis(st.stake_rung)
    if rows.size == 0:
        return stance, share, backs, eligible
    view, draws = perception.view_rows(view, rows), draws.of_games(rows)
    chooser = lambda i: doctrine_of(i).of_games(rows)  # noqa: E731  (a doctrine may hold a policy per game)
    backs[rows], some = choice.choose_backing(view, chooser, backing, stakes, draws.backing)
    known = choice.Known(backing=backs[rows], escalated=st.escalated[rows], draws=draws)
    stance[rows], share[rows] = choice.choose_stances(
        view, chooser, stances, stakes, st.stake_challenger[rows], view.params, known
    )
    for whole, part in zip(eligible, some):
        for side in (0, 1):
            whole[side][rows] = part[side]
    return stance, share, backs, eligible


def resolve(st: State, p: InForce, stance, share, eligible, draws, stakes) -> tuple[State, np.ndarray]:
    """Rule 8's resolution: the stances resolve each crisis (crises.resolve_crises), wars are fought out
    (war.fight_wars), what is left is settled (crises.settle_crises). Returns the state and (B, N, N) who
    began fighting whom."""
    b, n = st.capability.shape
    fought_now = np.zeros((b, n, n), dtype=bool)
    rows = in_crisis(st.stake_rung)
    if rows.size == 0:
        return st, fought_now
    sub, p, draws = st.select_games(rows), p.of_games(rows), draws.of_games(rows)
    stance, share = stance[rows], share[rows]
    resolved = crises.resolve_crises(sub.stake_rung, stance, draws.accident, p)
    resolved, fought_now[rows] = war.fight_wars(
        stakes, resolved, sub.stake_challenger, sub.backing, sub.capability, draws.fortune, p
    )
    eligible = [[side[rows] for side in sides] for sides in eligible]
    sub = crises.settle_crises(sub, stakes, resolved, stance, share, eligible, p)
    return st.put_games(rows, sub, SETTLED), fought_now
