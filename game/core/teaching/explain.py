"""Plain sentences for "why did this move?", from a turn entry of a game record."""

from __future__ import annotations

from ..model.vocab import RUNG_NAMES, Action, Family

VERB = {
    "ARM": "armed",
    "ALLY": "deepened an alliance with {t}",
    "PRESSURE": "put pressure on {t}",
    "SUMMIT": "held a summit with {t}",
    "CBM": "made a costly confidence-building move toward {t}",
    "FORUM": "worked through the regional forum",
    "TRADE": "traded with {t}",
    "HOLD": "held back",
    "CHALLENGE": "challenged {t} over a stake",
}
NOUN = {
    "ARM": "arming",
    "ALLY": "alliance move",
    "PRESSURE": "pressure",
    "SUMMIT": "summit",
    "CBM": "costly confidence-building",
    "FORUM": "forum work",
    "TRADE": "trade",
    "HOLD": "restraint",
    "CHALLENGE": "challenge",
}


# a game without regional dynamics (two_rivals: two actors, the 2x2 game) has no forum, blocs or region
LOCAL_VERB = {"FORUM": "called for talks (no target)"}
LOCAL_NOUN = {"FORUM": "call for talks"}
LOCAL_CAUSE = {"camp": "their rivalry coloured the reading"}


def regional(entry: dict) -> bool:
    """Whether a recorded turn comes from a game with regional dynamics (tension, forum, blocs): only
    such a game records tension causes."""
    return bool(entry.get("causes", {}).get("tension"))


def possessive(name: str) -> str:
    return name + ("’" if name.endswith("s") else "’s")


def did(code: str, move: dict, names: dict, regional: bool = True) -> str:
    target = names.get(move.get("target") or "", move.get("target") or "")
    verb = VERB[move["action"]] if regional else LOCAL_VERB.get(move["action"], VERB[move["action"]])
    text = verb.format(t=target)
    if move.get("intended") and move["intended"] != move["action"]:
        text += f" (meant to {move['intended'].lower()}: an incident flipped it)"
    return f"{names.get(code, code)} {text}"


def _reading(action: str, value: float) -> str:
    """How an observer read a move, from the sign of what it did to trust: no world is named."""
    if value < -0.005:
        return "hostile"
    if value > 0.005:
        return "reassuring" if action in ("CBM", "ALLY") else "friendly"
    return "telling little"


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
    "crisis": "their open crisis",
    "ties": "economic and diplomatic ties (the shadow of the future)",
    "forum": "the regional forum",
}


def _by_pair(rows, floor: float):
    """Cause rows (x, y, cause, value) grouped by pair: (pair, {cause: value}, net) for each pair whose net
    change is at least `floor` in size."""
    pairs: dict[tuple, dict] = {}
    for x, y, cause, value in rows:
        pairs.setdefault((x, y), {})[cause] = value
    for pair, parts in pairs.items():
        net = sum(parts.values())
        if abs(net) >= floor:
            yield pair, parts, net


HOSTILE_STANCE = {"ESCALATE": "escalation", "REFUSE": "refusal to settle"}


def _hostile_because(entry: dict, obs: str, subj: str, parts: dict, names: dict, local: bool) -> str:
    """Why a move was read as hostile, as a clause: the mover's stances in its crises (read with its move:
    escalating and refusing a settlement read as greed where a greedy actor was likelier to do it), the
    observer's camp (it sits in another bloc) and its suspicion (suspicion bias and misreading), each named
    when it pushed trust down."""
    why = []
    for c in entry.get("crises", []):
        stances = c.get("stances", {})
        if subj not in stances:
            continue
        other = next(p for p in c["parties"] if p != subj)
        mine = stances[subj]
        kind = "ESCALATE" if mine == "ESCALATE" else "REFUSE" if stances.get(other) == "SETTLE" else ""
        if kind:
            why.append(
                f"its {HOSTILE_STANCE[kind]} in the crisis over {c['stake'].replace('-', ' ').title()} read as greed"
            )
    obs_name = names.get(obs, obs)
    if parts.get("camp", 0.0) < -0.005:
        why.append("their rivalry" if local else f"{obs_name} sits in the other camp")
    if parts.get("noise", 0.0) < -0.005:
        why.append(f"{possessive(obs_name)} suspicion")
    return f" ({'; '.join(why)})" if why else ""


def _trust_items(entry: dict, names: dict, first: tuple) -> list[tuple[float, str]]:
    """(weight, sentence) for each notable change of one actor's trust in another."""
    actions = entry["actions"]
    items: list[tuple[float, str]] = []
    local = not regional(entry)
    cause_text = {**CAUSE_TEXT, **LOCAL_CAUSE} if local else CAUSE_TEXT
    nouns = {**NOUN, **LOCAL_NOUN} if local else NOUN
    for (obs, subj), parts, net in _by_pair(entry["causes"]["trust"], 0.01):
        cause, value = max(parts.items(), key=lambda kv: abs(kv[1]) if kv[1] * net > 0 else 0.0)
        who = f"{possessive(names.get(obs, obs))} trust in {names.get(subj, subj)} {net:+.2f}"
        if cause == "action":
            move = actions[subj]
            noun = nouns[move["action"]]
            reading = _reading(move["action"], value)
            text = (
                f"{names.get(obs, obs)} read {possessive(names.get(subj, subj))} {noun} as {reading}: trust {net:+.2f}"
            )
            if reading == "hostile" and Action[move["action"]].family is Family.DIALOGUE:
                # a dialogue move read as hostile puzzles: say what turned it
                text += _hostile_because(entry, obs, subj, parts, names, local)
        elif cause == "card" and entry.get("card"):
            text = f"Card “{entry['card']['title']}”: {who}"
        else:
            text = f"{cause_text[cause].capitalize()}: {who}"
        items.append((abs(net) + (10.0 if subj in first and cause == "action" else 0.0), text))
    return items


def why(
    entry: dict, names: dict, worldview: dict, limit: int = 6, first: tuple = (), payoffs_of: tuple | None = None
) -> list[str]:
    """The main causes of this turn's changes in trust and tension, in plain sentences,
    largest change first, except that what the actors in `first` (the humans) did comes first.
    Each sentence names the net change and what drove it most; none names the world. payoffs_of:
    whose 2×2 payoffs may be named (None: everyone's; during play only the viewer's own, since the
    other side's payoff tells its hidden type)."""
    actions = entry["actions"]
    items = _trust_items(entry, names, first)
    for (a, b), parts, net in _by_pair(entry["causes"]["tension"], 0.02):
        pushes = sorted(((v, c) for c, v in parts.items() if v * net > 0 and c != "easing"), key=lambda vc: -abs(vc[0]))
        if not pushes:
            continue
        driver = pushes[0][1]
        label = (
            f"Card “{entry['card']['title']}”"
            if driver == "card" and entry.get("card")
            else CAUSE_TEXT[driver].capitalize()
        )
        text = f"{label}: tension {names.get(a, a)}–{names.get(b, b)} {net * 100:+.0f}"
        items.append((abs(net) * 0.8, text))

    items.sort(key=lambda x: -x[0])
    out = [t for _, t in items[:limit]]
    if not entry["causes"]["tension"] and "payoffs" in entry:
        # no dynamics (the iterated dilemma): the 2x2 payoff is what the turn was about
        fam = lambda a: "deterred" if Action[a].family is Family.DETERRENCE else "talked"  # noqa: E731
        codes = list(actions)
        moves = ", ".join(f"{names.get(c, c)} {fam(actions[c]['action'])}" for c in codes)
        pays = ", ".join(
            f"{names.get(c, c)} +{p:g}"
            for c, p in zip(codes, entry["payoffs"])
            if payoffs_of is None or c in payoffs_of
        )
        out.insert(0, f"{moves}: 2×2 payoff this turn {pays}" if pays else moves)
    for code in first:
        if code in entry.get("refused", {}):
            out.insert(0, f"{names.get(code, code)}’s move was refused: {entry['refused'][code]}; it held back instead")
    for a, b in entry.get("challenges", []):
        out.append(f"{names.get(a, a)} challenged {names.get(b, b)} over a stake: a crisis opens")
    return out[: limit + 2]


STANCE_TEXT = {
    "STAND_FIRM": "stood firm",
    "ESCALATE": "escalated",
    "SETTLE": "offered to settle",
    "BACK_DOWN": "backed down",
}


def crisis_lines(entry: dict, codes: list[str], names: dict, stakes: dict | None = None) -> list[str]:
    """One line per crisis of the turn: the stake, the parties' stances, who backed whom, the rung."""
    lines = []
    for c in entry.get("crises", []):
        a, b = c["parties"]
        title = (stakes or {}).get(c["stake"], c["stake"])
        head = f"{title} ({names.get(a, a)}–{names.get(b, b)})"
        parts = []
        if "stances" in c:
            parts.append(", ".join(f"{names.get(p, p)} {STANCE_TEXT[s]}" for p, s in c["stances"].items()))
        if c.get("backers"):
            parts.append(", ".join(f"{names.get(k, k)} backed {names.get(p, p)}" for k, p in c["backers"].items()))
        rung = c["rung"]
        if rung == 0:
            ending = "the crisis is over"
        elif rung >= len(RUNG_NAMES) - 1:
            ending = "WAR"
        else:
            ending = f"rung {rung} ({RUNG_NAMES[rung]})"
        if not c["rung_before"]:
            parts.insert(
                0,
                f"{names.get(c['challenger'], c['challenger'])} challenged"
                if c.get("challenger")
                else "an event opened a crisis",
            )
        lines.append(f"{head}: {'; '.join(p for p in parts if p)} → {ending}")
    return lines
