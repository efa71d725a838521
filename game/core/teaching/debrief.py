"""The debrief in plain words, read from a game record alone (game.core.files.record's data): one
sentence per human on what came of its game, what its own moves did to the others' trust in it,
its stated beliefs about the world against the truth, and a crisis told rung by rung.

The facts each sentence is chosen by: the outcome, the wars the human fought (scores'
`war_against` and the `crises` it was a party to or backed), the stakes it won (a crisis the
other side backed down from), and the largest fall of another actor's trust in it with its cause.
The window and the printable page show these sentences as they are.
"""

from __future__ import annotations

from .explain import LOCAL_NOUN, NOUN, STANCE_TEXT, possessive
from ..model.vocab import RUNG_NAMES, Action, Family

NOTABLE = 0.05  # a change of trust worth a clause of its own
SMALLEST_SHOWN = 0.005  # a change of trust that shows as ±0.00 is told as no change
WORLD_NAMES = {"deterrence-world": "the deterrence world", "spiral-world": "the spiral world"}
WORLD_IDEAS = {
    "deterrence-world": "arming deters and weakness invites challenges",
    "spiral-world": "arming provokes and fear spirals into conflict",
}
BOTH_WORLDS = (
    "In a deterrence world, arming deters and weakness invites challenges. "
    "In a spiral world, arming provokes and fear spirals into conflict."
)
BRIER_SCALE = "0 is perfect; always saying 50% scores 0.25; sure and wrong scores 1"
SAME_ACTORS = "Same actors, same types, same cards, same choices; only the world differs."
CAUSE_CLAUSE = {
    "camp": "the bloc divide turned {obs} against you",
    "noise": "{obs} misread your moves",
    "memory": "{obs_s} old distrust of you came back",
    "card": "the year's events turned {obs} against you",
}


def stake_name(stake_id: str, stakes: dict | None = None, inside: bool = True) -> str:
    """A stake's name from the scenario's table, else from its id ('korean-peninsula' → 'Korean Peninsula');
    inside a sentence a leading 'The' is written 'the'."""
    name = (stakes or {}).get(stake_id) or stake_id.replace("-", " ").title()
    return "the " + name[4:] if inside and name.startswith("The ") else name


def signed(value: float) -> str:
    """+0.12, −0.30 (a true minus sign), ±0.00."""
    text = f"{value:+.2f}"
    return "±0.00" if text in ("+0.00", "-0.00") else text.replace("-", "−")


def _name(record: dict, code: str) -> str:
    return record.get("actor_names", {}).get(code, code)


def crisis_winner(crisis: dict) -> str | None:
    """The party that kept the stake when the other backed down (None for any other ending)."""
    if crisis["ended"] != "backed-down" or not crisis["stances"]:
        return None
    last = crisis["stances"][-1]
    gave_way = [p for p in crisis["parties"] if last.get(p) == "BACK_DOWN"]
    if len(gave_way) != 1:
        return None
    return next(p for p in crisis["parties"] if p != gave_way[0])


def wars(record: dict, code: str | None = None) -> list[dict]:
    """The crises that ended in war; with code, those it was a party to or backed a party in."""
    out = [c for c in record.get("crises", []) if c["ended"] == "war"]
    if code is not None:
        out = [c for c in out if code in c["parties"] or code in c.get("backers", {})]
    return out


def trust_toward(record: dict, code: str) -> dict:
    """What moved the others' trust in `code` over the game: {(observer, cause, action or None): sum},
    the action being code's own move of the turn when the cause is how its move was read."""
    out: dict[tuple, float] = {}
    for turn in record.get("turns", []):
        move = turn["actions"].get(code, {}).get("action")
        for obs, subj, cause, value in turn["causes"]["trust"]:
            if subj == code:
                key = (obs, cause, move if cause == "action" else None)
                out[key] = out.get(key, 0.0) + value
    return out


def net_trust(record: dict, code: str) -> float:
    """The mean net change of the others' trust in `code` over the game."""
    per: dict[str, float] = {}
    for (obs, _, _), value in trust_toward(record, code).items():
        per[obs] = per.get(obs, 0.0) + value
    return sum(per.values()) / len(per) if per else 0.0


def largest_loss(record: dict, code: str) -> tuple | None:
    """(observer, cause, action, change): the largest fall of one actor's trust in `code` from how it
    read one kind of code's own moves, else from any other cause; None when none fell by NOTABLE."""
    moved = sorted(trust_toward(record, code).items(), key=lambda kv: kv[1])
    read = [kv for kv in moved if kv[0][1] == "action" and kv[1] <= -NOTABLE]
    chosen = read[0] if read else (moved[0] if moved and moved[0][1] <= -NOTABLE else None)
    if chosen is None:
        return None
    (obs, cause, action), value = chosen
    return obs, cause, action, value


def _loss_clause(record: dict, loss: tuple) -> str:
    obs, cause, action, _ = loss
    name = _name(record, obs)
    if cause == "action" and action:
        kind = record.get("dispositions", {}).get(obs, "")
        seen = "a threat" if Action[action].family is Family.DETERRENCE else "a ruse"
        who = f"a {kind} {name}" if kind else name
        noun = NOUN[action] if _regional(record) else LOCAL_NOUN.get(action, NOUN[action])
        return f"{who} read your {noun} as {seen}"
    if cause == "camp" and not _regional(record):
        return f"the rivalry turned {name} against you"  # two actors, the 2x2 game: no blocs
    return CAUSE_CLAUSE.get(cause, "{obs} came to distrust you").format(obs=name, obs_s=possessive(name))


def _regional(record: dict) -> bool:
    """Whether the game had regional dynamics (tension, forum, blocs): only such turns record tension causes."""
    return any(t.get("causes", {}).get("tension") for t in record.get("turns", []))


def _war_clause(record: dict, code: str, war: dict, stakes: dict | None) -> str:
    stake = stake_name(war["stake"], stakes)
    a, b = war["parties"]
    how = ", by an accident at the brink" if war.get("accident") else ""
    if code in war["parties"]:
        other = _name(record, b if code == a else a)
        if war.get("challenger") == code:
            return f"Your challenge to {other} over {stake} ended in war{how}"
        if war.get("challenger"):
            return f"{other} challenged you over {stake}, and the crisis ended in war{how}"
        return f"Your crisis with {other} over {stake} ended in war{how}"
    ally = _name(record, war["backers"][code])
    return f"You backed {ally} over {stake} and were drawn into its war{how}"


def sentence(record: dict, code: str, stakes: dict | None = None) -> str:
    """One plain sentence on what came of this human's game (see the module's docstring)."""
    mine = wars(record, code)
    if mine:
        return _war_clause(record, code, mine[0], stakes) + "."
    loss = largest_loss(record, code)
    net = net_trust(record, code)
    won = [c for c in record.get("crises", []) if crisis_winner(c) == code]
    if won:
        trust = "and lost the region's trust" if net < -NOTABLE else "and kept the region's trust"
        return f"You won the crisis over {stake_name(won[0]['stake'], stakes)}, {trust}."
    region = wars(record)
    outcome = record.get("outcome")
    if region:
        a, b = (_name(record, p) for p in region[0]["parties"])
        head = f"You stayed out of the war over {stake_name(region[0]['stake'], stakes)} between {a} and {b}"
    elif outcome == "cold-war-lock-in":
        head = "You avoided war, in a region locked into a cold war"
    elif outcome == "security-community":
        head = "You helped build a security community"
    else:
        head = "You kept the peace"
    if loss is not None:
        return f"{head}, but {_loss_clause(record, loss)}."
    if net > NOTABLE:
        return f"{head}, and the region came to trust you more."
    return f"{head}, and the others' trust in you held steady."


def move_effects(record: dict, code: str, limit: int = 3) -> list[str]:
    """What this human's own moves did to the others' trust in it, largest first: one line per kind
    of move it made ('Your arming (4 turns): the others' trust in you −0.38 in all, most China's −0.21')."""
    turns_of: dict[str, int] = {}
    for turn in record.get("turns", []):
        move = turn["actions"].get(code, {}).get("action")
        if move:
            turns_of[move] = turns_of.get(move, 0) + 1
    by_move: dict[str, dict[str, float]] = {}
    for (obs, cause, action), value in trust_toward(record, code).items():
        if cause == "action" and action:
            row = by_move.setdefault(action, {})
            row[obs] = row.get(obs, 0.0) + value
    lines = []
    nouns = NOUN if _regional(record) else {**NOUN, **LOCAL_NOUN}
    by_move = {a: row for a, row in by_move.items() if abs(sum(row.values())) >= SMALLEST_SHOWN}
    for action, row in sorted(by_move.items(), key=lambda kv: -abs(sum(kv[1].values()))):
        total = sum(row.values())
        obs, most = max(row.items(), key=lambda kv: abs(kv[1]))
        count = turns_of.get(action, 0)
        most = (
            f", most {possessive(_name(record, obs))} {signed(most)}"
            if abs(most) >= SMALLEST_SHOWN
            else ", spread thinly over everyone"
        )
        lines.append(
            f"Your {nouns[action]} ({count} turn{'s' if count != 1 else ''}): the others' trust in you "
            f"{signed(total)} in all{most}"
        )
    for action in sorted(set(turns_of) - set(by_move), key=lambda a: -turns_of[a]):
        count = turns_of[action]
        lines.append(
            f"Your {nouns[action]} ({count} turn{'s' if count != 1 else ''}): read as telling little, "
            "it moved nobody's trust in you"
        )
    refused = [t["refused"][code] for t in record.get("turns", []) if code in t.get("refused", {})]
    if refused:
        lines.append(
            f"{len(refused)} of your moves {'was' if len(refused) == 1 else 'were'} refused "
            f"({refused[0]}{', …' if len(set(refused)) > 1 else ''}): you held back instead"
        )
    return lines[:limit]


def world_line(record: dict) -> str:
    """The world revealed, in a sentence."""
    preset = record["worldview"]["preset"]
    world = WORLD_NAMES.get(preset, record["worldview"].get("label", preset))
    idea = WORLD_IDEAS.get(preset)
    body = f"The world was {world}" + (f": {idea}" if idea else "")
    if record.get("worldview_hidden"):
        return body + ". It was drawn from the seed and hidden from everyone until now."
    return body + ". It was chosen at setup."


def percent(chance: float) -> str:
    return f"{100 * chance:.0f}%"


def belief_line(record: dict, code: str) -> str:
    """'Your chance of the spiral world: 50% after turn 10, 70% after turn 20, 80% at the end; Brier 0.12.'"""
    path = record.get("beliefs", {}).get(code, [])
    if not path:
        return "You stated no belief about the world."
    end = record.get("end_turn")
    steps = ", ".join(f"{percent(p)} {'at the end' if t == end else f'after turn {t}'}" for t, p in path)
    brier = record.get("brier", {}).get(code)
    score = f"; Brier score {brier:.2f}" if brier is not None and brier == brier else ""
    return f"Your chance of the spiral world: {steps}{score}."


def observer_line(record: dict) -> str:
    """What the Bayesian observer of the same public moves ended believing, and its Brier score."""
    path = record.get("observer", [])
    if not path:
        return ""
    brier = record.get("brier", {}).get("observer")
    score = f" (Brier score {brier:.2f})" if brier is not None else ""
    return (
        f"An observer who read every public move with the model's own odds ended at "
        f"{percent(path[-1][1])} spiral world{score}."
    )


def _stance_words(record: dict, row: dict, parties: list[str]) -> str:
    return ", ".join(f"{_name(record, p)} {STANCE_TEXT.get(row.get(p), 'waited')}" for p in parties)


def _backers_of_turn(record: dict, stake: str, turn: int) -> dict:
    entry = next((t for t in record.get("turns", []) if t["turn"] == turn), {})
    return next((c.get("backers", {}) for c in entry.get("crises", []) if c["stake"] == stake), {})


def crisis_story(record: dict, crisis: dict, stakes: dict | None = None) -> list[str]:
    """A crisis told rung by rung: who challenged whom over what, each turn's stances and the rung they
    led to, who backed whom, and how it ended (a war by escalation or by accident at the brink)."""
    stake = stake_name(crisis["stake"], stakes)
    a, b = crisis["parties"]
    if crisis.get("challenger"):
        ch = crisis["challenger"]
        opening = f"{_name(record, ch)} challenged {_name(record, b if ch == a else a)} over {stake}"
    else:
        opening = f"An event opened a crisis between {_name(record, a)} and {_name(record, b)} over {stake}"
    lines = [f"Turn {crisis['opened']}: {opening}. Rung 1: {RUNG_NAMES[1]}."]
    for row in crisis["stances"]:
        rung = int(row["rung"])
        backed = _backers_of_turn(record, crisis["stake"], row["turn"])
        help_ = "; " + _backing_words(record, backed, [a, b]) if backed else ""
        if rung >= len(RUNG_NAMES) - 1:
            then = "WAR"
        elif rung == 0:
            then = "the crisis ended"
        else:
            then = f"rung {rung}: {RUNG_NAMES[rung]}"
        lines.append(f"Turn {row['turn']}: {_stance_words(record, row, [a, b])}{help_} → {then}.")
    lines.append(_ending(record, crisis))
    return lines


def _backing_words(record: dict, backed: dict, parties: list[str]) -> str:
    """'South Korea, Australia and NATO backed the United States; North Korea backed China'."""
    return "; ".join(
        f"{_and([_name(record, k) for k, q in backed.items() if q == p])} backed {_name(record, p)}"
        for p in parties
        if p in backed.values()
    )


def _times(n: int) -> str:
    return "" if n == 1 else " twice" if n == 2 else f" {n} times"


def part_in_crisis(record: dict, crisis: dict, code: str) -> str | None:
    """What this actor did in the crisis, in a sentence addressed to it; None when it took no part."""
    a, b = crisis["parties"]
    bits = []
    if crisis.get("challenger") == code:
        bits.append(f"you challenged {_name(record, b if code == a else a)}")
    runs: list[list] = []
    for row in crisis["stances"]:
        stance = row.get(code)
        if stance and runs and runs[-1][0] == stance:
            runs[-1][1] += 1
        elif stance:
            runs.append([stance, 1])
    if runs:
        bits.append("you " + ", then ".join(f"{STANCE_TEXT[s]}{_times(n)}" for s, n in runs))
    backed = [
        row["turn"] for row in crisis["stances"] if _backers_of_turn(record, crisis["stake"], row["turn"]).get(code)
    ]
    if backed:
        ally = crisis.get("backers", {}).get(code)
        span = f"turn {backed[0]}" if len(backed) == 1 else f"turns {backed[0]}–{backed[-1]}"
        bits.append(f"you backed {_name(record, ally)} ({span})")
    if not bits:
        return None
    return f"Your part, {_name(record, code)}: " + "; ".join(bits) + "."


def _ending(record: dict, crisis: dict) -> str:
    ended = crisis["ended"]
    if ended == "war":
        sides = {
            p: [_name(record, k) for k, q in crisis.get("backers", {}).items() if q == p] for p in crisis["parties"]
        }
        told = " against ".join(
            _name(record, p) + (" with " + _and(sides[p]) if sides[p] else "") for p in crisis["parties"]
        )
        if crisis.get("accident"):
            return (
                f"Nobody escalated at the brink, yet war came by accident (misperception and fear at the "
                f"top of the ladder): {told}."
            )
        return f"Escalation at the brink brought war: {told}."
    if ended == "settled":
        return "Both sides offered to settle: the stake was split and the crisis ended."
    if ended == "backed-down":
        winner = crisis_winner(crisis)
        return (
            (
                f"{_name(record, winner)} stood its ground and the other side backed down: {_name(record, winner)} "
                "kept the stake."
            )
            if winner
            else "One side gave way and the crisis ended."
        )
    return "The crisis was still open when the game ended."


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def crisis_summary(record: dict, crisis: dict, stakes: dict | None = None) -> str:
    """One line: 'East China Sea (China–Japan), turns 3–5: settled'."""
    a, b = (_name(record, p) for p in crisis["parties"])
    last = crisis["stances"][-1]["turn"] if crisis["stances"] else crisis["opened"]
    span = f"turn {crisis['opened']}" if last == crisis["opened"] else f"turns {crisis['opened']}–{last}"
    how = {"settled": "settled", "backed-down": "one side backed down", "war": "WAR", "open": "still open"}
    return f"{stake_name(crisis['stake'], stakes, inside=False)} ({a}–{b}), {span}: {how[crisis['ended']]}"
