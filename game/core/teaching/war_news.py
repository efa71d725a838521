"""Crises and wars as news: the words the play screen leads with while a crisis is open (the top bar,
the tension gauge) and the turn a war begins (its banner, the map's sides, the debrief's turning
points). Read from a turn's record (files.record.crisis_entries) and from Game.open_crises().

A war has two sides: each party with the allies that backed it that turn (rules/crises.py); who
escalated is read from the stances at the brink, and a war with no escalation came by accident.
"""

from __future__ import annotations

from ..model.vocab import RUNG_NAMES, Stance
from .debrief import stake_name

WAR = len(RUNG_NAMES) - 1


def wars_begun(entry: dict | None) -> list[dict]:
    """The crises of the turn that became wars this turn."""
    if not entry:
        return []
    return [c for c in entry.get("crises", []) if c["rung"] >= WAR and c["rung_before"] < WAR]


def sides(crisis: dict) -> tuple[list[str], list[str]]:
    """(the first party and its backers, the second party and its backers), as codes."""
    a, b = crisis["parties"]
    backers = crisis.get("backers", {})
    return [a] + [k for k, p in backers.items() if p == a], [b] + [k for k, p in backers.items() if p == b]


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def side_words(side: list[str], names: dict) -> str:
    """'China' or 'China (with North Korea)'."""
    head = names.get(side[0], side[0])
    return head + (f" (with {_and([names.get(c, c) for c in side[1:]])})" if side[1:] else "")


def who_escalated(crisis: dict, names: dict) -> str:
    """'China escalated', 'China and the USA escalated', or that the war came by accident."""
    stances = crisis.get("stances", {})
    up = [names.get(c, c) for c in crisis["parties"] if stances.get(c) == Stance.ESCALATE.name]
    if not up:
        return "nobody escalated: the war came by accident at the brink"
    return f"{_and(up)} escalated at the brink"


def war_headline(crisis: dict, names: dict, stakes: dict | None = None) -> str:
    """'WAR over Taiwan: China (with North Korea) against the USA (with Japan); China escalated at the brink.'"""
    first, second = sides(crisis)
    stake = stake_name(crisis["stake"], stakes)
    return (
        f"WAR over {stake}: {side_words(first, names)} against {side_words(second, names)}; "
        f"{who_escalated(crisis, names)}."
    )


def crisis_alert(open_crises: list[dict], names: list[str], short: bool = False, plain: bool = False) -> str:
    """The highest open crisis in a few words ('' when none is open): 'crisis over Taiwan (China–USA),
    rung 2 confrontation', and how many more; plain: without the parties and the others; short: 'Taiwan
    crisis, rung 2 (+1 more)'. open_crises: Game.open_crises()."""
    if not open_crises:
        return ""
    top = max(open_crises, key=lambda c: c["rung"])
    rung = int(top["rung"])
    more = len(open_crises) - 1
    if short:
        name = top["name"][4:] if top["name"].startswith("The ") else top["name"]
        return f"{name} crisis, rung {rung}" + (f" (+{more} more)" if more else "")
    a, b = (names[i] for i in top["parties"])
    parties = "" if plain else f" ({a}–{b})"
    words = f"crisis over {stake_name('', {'': top['name']})}{parties}, rung {rung} {RUNG_NAMES[rung]}"
    return words + (f"; {more} more open" if more and not plain else "")
