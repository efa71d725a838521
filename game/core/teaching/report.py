"""Readable text for the terminal: a game turn by turn, and its end."""

from __future__ import annotations

from .explain import crisis_lines, why
from ..files.record import GameRecord
from ..model.world import Scenario
from ..model.vocab import tension_band

OUTCOME_TEXT = {
    "regional-war": "regional war: a crisis reached the top of the ladder",
    "cold-war-lock-in": "cold-war lock-in: regional tension stayed high to the turn limit",
    "security-community": "security community: trust stayed high and tension low",
    "turn-limit": "the turn limit, with no war",
    "ongoing": "still going",
}


def game_summary(record: GameRecord, sc: Scenario) -> str:
    names = record.data["actor_names"]
    codes = record.codes
    wv = record.data["worldview"]
    hidden = record.data.get("worldview_hidden", False)
    lines = [
        f"{sc.title} — seed {record['seed']} — worldview {'hidden' if hidden else wv['label']} — "
        f"up to {record['turn_limit']} turns",
        "Doctrines: " + ", ".join(f"{c} {d}" for c, d in record["doctrines"].items()),
        "",
    ]
    for t in record.turns:
        card = t["card"]
        head = f"Turn {t['turn']:2d}  tension {t['regional_tension']:5.1f} ({tension_band(t['regional_tension'])})"
        if card:
            head += f"  card ¶{card['paragraph']} “{card['title']}”"
        lines.append(head)
        moves = []
        for c in codes:
            m = t["actions"][c]
            s = f"{c} {m['action'].lower()}" + (f"→{m['target']}" if m["target"] else "")
            if m["intended"] != m["action"]:
                s += "*"
            moves.append(s)
        lines.append("  moves: " + ", ".join(moves))
        for line in why(t, names, wv["values"], limit=3):
            lines.append("  why: " + line)
        for line in crisis_lines(t, codes, names, {s.id: s.name for s in sc.stakes}):
            lines.append("  crisis: " + line)
    lines.append("")
    lines.append(f"Outcome: {OUTCOME_TEXT[record['outcome']]} (after turn {record['end_turn']}).")
    if hidden:
        lines.append(f"The world was: {wv['label']} (drawn from the seed, hidden until now).")
    lines.append("Hidden dispositions: " + ", ".join(f"{c} {d}" for c, d in record["dispositions"].items()))
    lines.append("")
    lines.append(
        f"{'actor':6s} {'score':>6s} {'security':>8s} {'trust':>6s} {'tension':>7s} {'prosperity':>10s} "
        f"{'stakes':>6s} {'2x2 payoff':>10s}"
    )
    for c in codes:
        s = record["scores"][c]
        lines.append(
            f"{c:6s} {s['score']:6.1f} {s['security']:8.1f} {s['trust']:6.1f} {s['tension']:7.1f} "
            f"{s['prosperity']:10.2f} {s['stakes_won']:6.1f} {s['payoff']:10.1f}"
        )
    lines.append("(* an incident flipped the move: action noise)")
    return "\n".join(lines)
