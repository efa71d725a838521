"""The 2x2 game a scenario without dynamics plays (two_rivals): the payoff matrix one actor sees, the
round's cell and the running totals, from the game's payoff parameters and the record's payoffs.

Dialogue is cooperation and deterrence defection (rules/scores.py): R both talk, S talk against
deterrence, T deter against talk (payoff_T for a greedy actor, secure_payoff_T for a security-seeker:
each actor knows only its own type), P both deter."""

from __future__ import annotations

import attrs

from .vocab import Action, Family

TALK, DETER = "talk", "deter"


@attrs.frozen
class Matrix:
    R: float
    S: float
    P: float
    T_mine: tuple[float, ...]  # one value when the viewer's type is known, else both types' temptations
    T_theirs: tuple[float, ...]  # the other side's type is never shown: both values unless they agree

    def cell(self, mine: str, theirs: str) -> tuple[tuple[float, ...], tuple[float, ...]]:
        """(the viewer's payoffs, the other's payoffs) in one cell: a tuple of possible values each."""
        if mine == TALK:
            return ((self.R,), (self.R,)) if theirs == TALK else ((self.S,), self.T_theirs)
        return (self.T_mine, (self.S,)) if theirs == TALK else ((self.P,), (self.P,))


def temptations(worldview) -> tuple[float, float]:
    """(greedy, security-seeking) temptation T."""
    return float(worldview["payoff_T"]), float(worldview["secure_payoff_T"])


def _both(worldview) -> tuple[float, ...]:
    greedy, secure = temptations(worldview)
    return (greedy,) if greedy == secure else (secure, greedy)


def matrix(worldview, viewer_type: str | None = None) -> Matrix:
    """The matrix a viewer sees: its own temptation when its type is given (greedy or
    security-seeking), both otherwise; the other side's temptation is always both values."""
    greedy, secure = temptations(worldview)
    if viewer_type is None:
        mine = _both(worldview)
    else:
        mine = (greedy,) if viewer_type == "greedy" else (secure,)
    return Matrix(
        float(worldview["payoff_R"]), float(worldview["payoff_S"]), float(worldview["payoff_P"]), mine, _both(worldview)
    )


def move_of(entry: dict, code: str) -> str:
    """talk or deter: the family of the move an actor made in a recorded turn."""
    return TALK if Action[entry["actions"][code]["action"]].family is Family.DIALOGUE else DETER


def totals(turns: list[dict], n: int) -> list[float]:
    """Each actor's payoffs summed over the recorded turns."""
    out = [0.0] * n
    for t in turns:
        for i, p in enumerate(t.get("payoffs", [])[:n]):
            out[i] += float(p)
    return out


def values(v: tuple[float, ...]) -> str:
    """'3', or '2 or 5' for a temptation the viewer cannot know."""
    return " or ".join(f"{x:g}" for x in v)


PAST = {TALK: "talked", DETER: "deterred"}


def turning_points(turns: list[dict], codes: list[str], names: dict, limit: int = 3) -> list[tuple[dict, str]]:
    """The turns where the round's cell changed (someone switched between talking and deterring), the
    first `limit` of them, each with a line: 'Turn 4: Azuria deterred, Ambria talked — payoffs +2, +0'.
    With no switch, the first turn, which set the pattern."""
    out, before = [], None
    for entry in turns:
        cell = tuple(move_of(entry, c) for c in codes)
        if cell != before:
            moves = ", ".join(f"{names.get(c, c)} {PAST[m]}" for c, m in zip(codes, cell))
            pays = ", ".join(f"+{float(p):g}" for p in entry.get("payoffs", []))
            out.append((entry, f"Turn {entry['turn']}: {moves} — payoffs {pays}"))
        before = cell
    if len(out) > limit:
        out = out[:1] + out[-(limit - 1) :] if limit > 1 else out[:1]  # the opening and the latest switches
    return out


def best_turn(worldview) -> float:
    """The most one turn of the 2x2 game can pay one side."""
    return max(float(worldview["payoff_T"]), float(worldview["secure_payoff_T"]), float(worldview["payoff_R"]), 1e-9)


def payoff_shares(turns: list[dict], worldview, n: int) -> tuple[list[int], list[list[float]]]:
    """(turn numbers, each actor's payoff per turn so far as a percentage of the best one turn pays)."""
    best, total, out = best_turn(worldview), [0.0] * n, [[] for _ in range(n)]
    for t in turns:
        for k in range(n):
            total[k] += float(t["payoffs"][k])
            out[k].append(100.0 * total[k] / (t["turn"] * best))
    return [t["turn"] for t in turns], out
