"""What a human is told about its own type and score: the private briefing at the start (on the
pass screen) and the running score on the play screen with what it counts.

A type is told only to its own player; no text here names another actor's type. The weights are
the rules' own (constants GREEDY_*_WEIGHT, SECURE_*_WEIGHT, WAR_SCORE_FACTOR,
NUCLEAR_SCORE_FACTOR), so the words cannot drift from the score.
"""

from __future__ import annotations

from game.core.model.constants import K

PARTS = ("stakes", "security", "prosperity", "relations")
PART_WORDS = {"stakes": "stakes won", "security": "security", "prosperity": "prosperity", "relations": "2×2 relations"}


def weights(kind: str) -> dict[str, float]:
    """The share of each part in the headline score of a type ('greedy' or 'security-seeking')."""
    prefix = "GREEDY" if kind == "greedy" else "SECURE"
    return {part: float(getattr(K, f"{prefix}_{part.upper()}_WEIGHT")) for part in PARTS}


def _shares(kind: str) -> str:
    w = sorted(weights(kind).items(), key=lambda kv: -kv[1])
    first = f"{PART_WORDS[w[0][0]]} most ({w[0][1]:.0%})"
    rest = ", ".join(f"{PART_WORDS[p]} {v:.0%}" for p, v in w[1:])
    return f"{first}, then {rest}"


def _war_line() -> str:
    return (
        f"A war leaves you {K.WAR_SCORE_FACTOR:.0%} of your score; a war between nuclear powers "
        f"{K.NUCLEAR_SCORE_FACTOR:.0%}."
    )


def briefing(kind: str, name: str, dynamics: bool = True) -> list[tuple[str, str]]:
    """The private briefing as (sentence, role) with role 'type', 'score', 'game' or 'secret'."""
    greedy = kind == "greedy"
    out = [(f"{name}, you are {'GREEDY' if greedy else 'SECURITY-SEEKING'}.", "type")]
    if not dynamics:
        out.append(
            ("In this scenario your score is your 2×2 payoff alone: the mean over your partners and turns.", "score")
        )
    else:
        out.append((f"Your score (0–100) counts {_shares(kind)}. {_war_line()}", "score"))
    if greedy:
        out.append(
            (
                "You feel the 2×2 as a prisoner's dilemma: deterring while the other talks pays you best "
                "(T > R). Stakes are worth winning: a challenge can take one, but others read a challenge or "
                "an escalation as greed unless fear explains it.",
                "game",
            )
        )
    else:
        out.append(
            (
                "You feel the 2×2 as an assurance game: you do best when both sides talk (R > your T). You "
                "want safety more than stakes; costly reassurance (CBM) shows the others what you are.",
                "game",
            )
        )
    out.append(
        (
            "Only you know this. The others must guess your type from what you do, as you must guess "
            "theirs; every type is revealed in the debrief.",
            "secret",
        )
    )
    return out


def score_label(score: float, played: int = 1) -> str:
    """'Your score 58', or 'Your score —' before a turn is played (there is nothing to score yet)."""
    return f"Your score {score:.0f}" if played else "Your score —"


def score_tip(kind: str, score: float, parts: dict[str, float], dynamics: bool = True, played: int = 1) -> str:
    """The running score's tooltip: what it counts for this type, part by part, so far (before the first
    turn: what it will count)."""
    if not played:
        counts = "your 2×2 payoff alone" if not dynamics else _shares(kind)
        return (
            f"No score yet: it starts when turn 1 is played. For a {kind} actor it will count {counts} (0–100). "
            + ("" if not dynamics else _war_line())
        ).strip()
    if not dynamics:
        return (
            f"Your score so far: {score:.0f} of 100. In this scenario it is your 2×2 payoff alone: "
            f"the mean per partner and turn, from the worst (0) to the best (100)."
        )
    w = weights(kind)
    terms = ", ".join(f"{PART_WORDS[p]} {parts[p]:.0f} × {w[p]:.0%}" for p in sorted(PARTS, key=lambda p: -w[p]))
    return (
        f"Your score so far: {score:.0f} of 100, by what a {kind} actor wants: {terms}. "
        f"{_war_line()} The debrief compares it with the scenario's AI in your seat."
    )
