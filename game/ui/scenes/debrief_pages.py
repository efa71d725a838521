"""What the debrief's pages say, as paragraphs: (text, size factor, role, style).

The words come from game.core.teaching.debrief (read from the record); this module only orders them: each
human's own game first (its type, its score against the scenario's AI in its seat, its sentence,
what its moves did, its beliefs), then the region (the world, the outcome, every type). A role
names a colour, so the same paragraphs are drawn on the dark screen and on the light printable
page (ROLES_SCREEN, ROLES_PAPER).
"""

from __future__ import annotations

from game.core.teaching import debrief as D
from game.core.teaching.report import OUTCOME_TEXT

from ..window import palette

ROLES_SCREEN = {
    "head": palette.TEXT,
    "text": palette.TEXT,
    "muted": palette.MUTED,
    "focus": palette.FOCUS,
    "accent": palette.ACCENT,
    "warn": palette.WARNING,
}
ROLES_PAPER = {
    "head": (15, 18, 22),
    "text": (25, 28, 32),
    "muted": (80, 86, 95),
    "focus": (0, 84, 150),
    "accent": (0, 100, 150),
    "warn": (160, 70, 20),
}


def world_name(preset: str) -> str:
    return D.WORLD_NAMES.get(preset, preset)


def stakes_of(game) -> dict:
    return {s.id: s.name for s in game.scenario.stakes}


def types_line(record: dict) -> str:
    names = record["actor_names"]
    greedy = [names[c] for c, k in record["dispositions"].items() if k == "greedy"]
    secure = [names[c] for c, k in record["dispositions"].items() if k != "greedy"]
    parts = []
    if greedy:
        parts.append("greedy: " + ", ".join(greedy))
    if secure:
        parts.append("security-seeking: " + ", ".join(secure))
    return "Every type revealed — " + "; ".join(parts) + "."


BASELINE_KEPT = "The AI played your seat alone: every other player's recorded moves were kept where they applied."


def score_line(record: dict, code: str, baseline: float | None) -> str:
    score = record["scores"][code]["score"]
    if baseline is None:
        return f"Your score: {score:.0f} of 100."
    diff = score - baseline
    than = "more than" if diff >= 0.5 else "less than" if diff <= -0.5 else "the same as"
    return (
        f"Your score: {score:.0f} of 100 — {abs(diff):.0f} {than} the scenario's AI scored in your seat "
        f"on the same seed ({baseline:.0f})."
        if than != "the same as"
        else f"Your score: {score:.0f} of 100 — the same as the scenario's AI in your seat on the same seed."
    )


def human_paragraphs(world: dict, code: str, baseline: float | None, beliefs: bool, short: bool = False) -> list:
    """One human's own game: its type, score, sentence, what its moves did and its beliefs (short:
    the type, the sentence and the score)."""
    game, record = world["game"], world["record"]
    name = record["actor_names"][code]
    kind = record["dispositions"][code]
    seat = ""
    if len(game.humans) > 1:
        seat = f" · player {[game.codes[i] for i in game.humans].index(code) + 1}"
    out = [
        (f"{name}{seat} — you were {kind.upper()}", 1.15, "focus", "bold"),
        (D.sentence(record, code, stakes_of(game)), 1.05, "head", "bold"),
        (score_line(record, code, baseline), 0.95, "text", "regular"),
    ]
    if baseline is not None and len(game.humans) > 1:
        out.append((BASELINE_KEPT, 0.85, "muted", "italic"))
    effects = [] if short else D.move_effects(record, code)
    if effects:
        out.append(("What your moves did: " + "; ".join(effects) + ".", 0.9, "text", "regular"))
    if beliefs:
        out.append((D.belief_line(record, code), 0.9, "muted", "regular"))
    return out


def headline(world: dict, k: int, baselines=None, short: bool = False) -> list:
    """The headline page of world k (0: this game, 1: the replay under the other world); short when
    two worlds share the screen."""
    game, record = world["game"], world["record"]
    out = []
    humans = [game.codes[i] for i in game.humans]
    for i, code in zip(game.humans, humans):
        base = None if baselines is None else float(baselines[i])
        out += human_paragraphs(world, code, base, beliefs=(k == 0 and game.hidden), short=short)
    if not humans:
        out.append(("No human seats: the region's story.", 1.0, "muted", "italic"))
    out.append(("The region", 1.1, "accent", "bold"))
    preset = record["worldview"]["preset"]
    if k == 0:
        out.append((D.world_line(record), 1.0, "head", "bold"))
    else:
        idea = D.WORLD_IDEAS.get(preset, "")
        out.append((f"Here the world is {world_name(preset)}" + (f": {idea}." if idea else "."), 1.0, "head", "bold"))
        out.append(((D.SAME_ACTORS + cards_note(world)).strip(), 0.9, "muted", "italic"))
    out.append(
        (
            f"Outcome: {OUTCOME_TEXT[record['outcome']]}, after turn {record['end_turn']} of {record['turn_limit']}.",
            1.0,
            "text",
            "regular",
        )
    )
    out.append((types_line(record), 0.95, "text", "regular"))
    war = D.wars(record)
    if war:
        out.append(
            (
                f"The war: {D.crisis_summary(record, war[0], stakes_of(game))}. Its story is on the page “The war”.",
                0.95,
                "warn",
                "bold",
            )
        )
    return out


def cards_note(world: dict) -> str:
    """Where the other world's cards differ from this game's (a card comes only at the tension it fits)."""
    mine, theirs = world.get("cards_of_first") or [], [t["card"] for t in world["game"].turns]
    common = min(len(mine), len(theirs))
    differ = sum(1 for a, b in zip(mine, theirs) if a != b)
    if not common or not differ:
        return ""
    return (
        f" The cards come from the same draws of the deck, but an event comes only at the tension it fits: "
        f"{differ} of the {common} turns both games played drew another card."
    )


def world_page(world: dict) -> list:
    """Which world was it? The truth, each human's beliefs and Brier score, the observer's."""
    game, record = world["game"], world["record"]
    preset = record["worldview"]["preset"]
    prior = game.scenario.hidden_prior
    chance = "with even chances" if prior == 0.5 else f"with chance {prior:.0%} of the spiral world"
    out = [
        (f"The world was {world_name(preset)}.", 1.5, "focus", "bold"),
        (D.WORLD_IDEAS.get(preset, "").capitalize() + ".", 1.1, "head", "bold"),
        (f"It was drawn from the seed, {chance}, and hidden from everyone until now.", 0.95, "muted", "regular"),
    ]
    for i in game.humans:
        code = game.codes[i]
        line = D.belief_line(record, code).replace("Your chance", f"{record['actor_names'][code]}’s chance", 1)
        out.append((line, 1.0, "text", "regular"))
    observer = D.observer_line(record)
    if observer:
        out.append((observer, 1.0, "accent", "regular"))
    out.append(
        (
            "The observer reads each public move as evidence, with the model's own odds of that move in each "
            "world, and knows no types.",
            0.9,
            "muted",
            "italic",
        )
    )
    out.append(
        (
            f"Brier score: the mean squared distance of the stated chances from the truth ({D.BRIER_SCALE}).",
            0.9,
            "muted",
            "italic",
        )
    )
    return out


def belief_series(world: dict, colours: dict, observer_colour, truth_colour) -> list:
    """The chart's lines: each human's stated chances (held until stated again), the observer's, the truth."""
    game, record = world["game"], world["record"]
    lines = []
    for i in game.humans:
        code = game.codes[i]
        path = record.get("beliefs", {}).get(code, [])
        if not path:
            continue
        turns, values = [t for t, _ in path], [100 * p for _, p in path]
        if len(path) == 1:  # one answer: a short mark, so it shows
            turns, values = [turns[0] - 0.3, turns[0]], values * 2
        lines.append((f"{code} said", turns, values, colours[code], "solid"))
    observer = record.get("observer", [])
    if observer:
        lines.append(
            (
                "observer",
                [0] + [t for t, _ in observer],
                [100 * game.scenario.hidden_prior] + [100 * p for _, p in observer],
                observer_colour,
                "dashed",
            )
        )
    truth = 100.0 if record["worldview"]["preset"] == "spiral-world" else 0.0
    lines.append(("the truth", [0, record["turn_limit"]], [truth, truth], truth_colour, "dotted"))
    return lines


def crises_page(world: dict) -> list:
    """The war told rung by rung (or, without a war, the crisis that climbed highest), then every
    other crisis in a line; the humans' crises first."""
    game, record = world["game"], world["record"]
    stakes = stakes_of(game)
    humans = {game.codes[i] for i in game.humans}
    crises = list(record.get("crises", []))
    if not crises:
        return [
            ("No crisis: nobody challenged anyone over a stake, and no event opened a crisis.", 1.0, "muted", "italic")
        ]
    war = D.wars(record)
    ours = lambda c: bool(humans & (set(c["parties"]) | set(c.get("backers", {}))))  # noqa: E731
    if war:
        told = war[0]
        out = [(f"The war over {D.stake_name(told['stake'], stakes)}", 1.3, "warn", "bold")]
    else:
        told = max(crises, key=lambda c: (ours(c), max([r["rung"] for r in c["stances"]] + [1]), -c["opened"]))
        out = [
            ("No war.", 1.2, "focus", "bold"),
            (
                f"The crisis that climbed highest{' of yours' if ours(told) else ''}: "
                f"{D.stake_name(told['stake'], stakes)}",
                1.05,
                "accent",
                "bold",
            ),
        ]
    parts = [D.part_in_crisis(record, told, game.codes[i]) for i in game.humans]
    out += [(part, 1.0, "focus", "bold") for part in parts if part]
    out += [(line, 1.0, "text", "regular") for line in D.crisis_story(record, told, stakes)]
    rest = sorted((c for c in crises if c is not told), key=lambda c: (not ours(c), c["opened"]))
    if rest:
        out.append((f"The other crises ({len(rest)})", 1.05, "accent", "bold"))
        shown = rest[:8]
        out.append(
            (
                "; ".join(D.crisis_summary(record, c, stakes) for c in shown)
                + (f"; and {len(rest) - len(shown)} more." if len(rest) > len(shown) else "."),
                0.9,
                "text",
                "regular",
            )
        )
    return out
