"""Plain sentences for "why did this move?", from a turn entry of a game record."""
from __future__ import annotations

from .vocab import RUNG_NAMES, Action, Family

VERB = {
    "ARM": "armed", "ALLY": "deepened an alliance with {t}", "PRESSURE": "put pressure on {t}",
    "SUMMIT": "held a summit with {t}", "CBM": "made a costly confidence-building move toward {t}",
    "FORUM": "worked through the regional forum", "TRADE": "traded with {t}", "HOLD": "held back",
}


def possessive(name: str) -> str:
    return name + ("’" if name.endswith("s") else "’s")


def did(code: str, move: dict, names: dict) -> str:
    target = names.get(move.get("target") or "", move.get("target") or "")
    text = VERB[move["action"]].format(t=target)
    if move.get("intended") and move["intended"] != move["action"]:
        text += f" (meant to {move['intended'].lower()}: an incident flipped it)"
    return f"{names.get(code, code)} {text}"


def _reading(action: str, worldview: dict, observer_is_target: bool) -> str:
    sig = {"ARM": worldview.get("arming_signal", 0.0), "PRESSURE": worldview.get("arming_signal", 0.0) - 0.3,
           "ALLY": worldview.get("alliance_signal", 0.0), "CBM": worldview.get("reassurance_signal", 0.0)}.get(action)
    if action == "ARM":
        if sig < -0.05:
            return "in this world arming looks hostile"
        if sig > 0.05:
            return "in this world arming reassures"
        return "in this world defensive arming reveals little"
    if action == "ALLY":
        if observer_is_target:
            return "partners read an alliance as friendship"
        return "outsiders read the alliance as aimed at them" if sig < -0.05 else "in this world alliances reveal little to outsiders"
    if action == "PRESSURE":
        return "pressure reads as hostile"
    if action == "CBM":
        return "a costly gesture reveals a security-seeker" if sig > 0.05 else "in this world even costly gestures reveal little"
    if action in ("SUMMIT", "FORUM"):
        return "talk is cheap but friendly"
    if action == "TRADE":
        return "trade signals a stake in peace"
    return "restraint reveals little"


CAUSE_TEXT = {
    "memory": "old beliefs drifted back toward their starting point",
    "camp": "the bloc divide coloured the reading",
    "noise": "misperception distorted the reading",
    "card": "the event card",
    "easing": "the last turn's tension eased with time",
    "distrust": "mutual distrust",
    "arms": "an arms race",
    "bloc": "bloc division",
    "pressure": "pressure between them",
    "ties": "economic and diplomatic ties (the shadow of the future)",
    "forum": "the regional forum",
}


def why(entry: dict, names: dict, worldview: dict, limit: int = 6) -> list[str]:
    """The main causes of this turn's changes in trust and tension, in plain sentences,
    largest change first. Each sentence names the net change and what drove it most."""
    actions = entry["actions"]
    items: list[tuple[float, str]] = []

    trust: dict[tuple, dict] = {}
    for obs, subj, cause, value in entry["causes"]["trust"]:
        trust.setdefault((obs, subj), {})[cause] = value
    for (obs, subj), parts in trust.items():
        net = sum(parts.values())
        if abs(net) < 0.01:
            continue
        cause, value = max(parts.items(), key=lambda kv: abs(kv[1]) if kv[1] * net > 0 else 0.0)
        who = f"{possessive(names.get(obs, obs))} trust in {names.get(subj, subj)} {net:+.2f}"
        if cause == "action":
            move = actions[subj]
            text = f"{did(subj, move, names)}; {_reading(move['action'], worldview, move.get('target') == obs)}: {who}"
        elif cause == "card" and entry.get("card"):
            text = f"Card “{entry['card']['title']}”: {who}"
        else:
            text = f"{CAUSE_TEXT[cause].capitalize()}: {who}"
        items.append((abs(net), text))

    tension: dict[tuple, dict] = {}
    for a, b, cause, value in entry["causes"]["tension"]:
        tension.setdefault((a, b), {})[cause] = value
    for (a, b), parts in tension.items():
        net = sum(parts.values())
        if abs(net) < 0.02:
            continue
        pushes = sorted(((v, c) for c, v in parts.items() if v * net > 0 and c != "easing"),
                        key=lambda vc: -abs(vc[0]))
        if not pushes:
            continue
        driver = pushes[0][1]
        label = f"Card “{entry['card']['title']}”" if driver == "card" and entry.get("card") else CAUSE_TEXT[driver].capitalize()
        text = f"{label}: tension {names.get(a, a)}–{names.get(b, b)} {net * 100:+.0f}"
        items.append((abs(net) * 0.8, text))

    items.sort(key=lambda x: -x[0])
    out = [t for _, t in items[:limit]]
    if not entry["causes"]["tension"] and "payoffs" in entry:
        # no dynamics (the iterated dilemma): the 2x2 payoff is what the turn was about
        fam = lambda a: "deterred" if Action[a].family is Family.DETERRENCE else "talked"  # noqa: E731
        codes = list(actions)
        moves = ", ".join(f"{names.get(c, c)} {fam(actions[c]['action'])}" for c in codes)
        pays = ", ".join(f"{names.get(c, c)} +{p:g}" for c, p in zip(codes, entry["payoffs"]))
        out.insert(0, f"{moves}: 2×2 payoff this turn {pays}")
    for a, b in entry.get("challenges", []):
        out.append(f"{names.get(a, a)} challenged {names.get(b, b)}: the crisis ladder climbs")
    return out[: limit + 2]


def crisis_lines(entry: dict, codes: list[str], names: dict) -> list[str]:
    lines = []
    c = entry["crisis"]
    for i in range(len(codes)):
        for j in range(i + 1, len(codes)):
            if c[i][j] > 0:
                lines.append(f"{names.get(codes[i], codes[i])}–{names.get(codes[j], codes[j])}: rung {c[i][j]} ({RUNG_NAMES[c[i][j]]})")
    return lines
