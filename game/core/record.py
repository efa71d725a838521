"""Game records: everything a game did, saved to JSON exactly and exported to CSV."""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path

import attrs
import numpy as np

from .engine import TENSION_CAUSES, TRUST_CAUSES, Engine, TurnLog
from .errors import LoadError
from .vocab import OUTCOME_CODES, Action

FORMAT = "deterrence-or-dialogue/record"
VERSION = 2   # the second edition of the rules: stakes, crises with stances, scores by type
CAUSE_FLOOR = 1e-6  # smaller contributions are left out of the record


def _floats(a) -> list:
    return np.asarray(a, dtype=np.float64).tolist()


def _action_name(a: int) -> str:
    return Action(int(a)).name


def turn_entry(eng: Engine, log: TurnLog, b: int) -> dict:
    """One game's turn from a batch log, as plain JSON-ready data."""
    sc = eng.scenario
    codes = sc.codes
    card_idx = int(log.card[b])
    card = None
    if card_idx >= 0:
        c = sc.cards[card_idx]
        card = {"id": c.id, "title": c.title, "paragraph": c.paragraph}
    actions = {}
    for i, code in enumerate(codes):
        tgt = int(log.target[b, i])
        actions[code] = {
            "action": _action_name(log.action[b, i]),
            "target": codes[tgt] if tgt >= 0 else None,
            "intended": _action_name(log.intended[b, i]),
        }
    causes = {"trust": [], "tension": []}
    for kind, names, table in (("trust", TRUST_CAUSES, log.trust_causes),
                               ("tension", TENSION_CAUSES, log.tension_causes)):
        if not table:
            continue
        for name in names:
            m = table[name][b]
            idx = np.argwhere(np.abs(m) > CAUSE_FLOOR)
            for i, j in idx:
                if kind == "tension" and i > j:
                    continue  # symmetric: keep each pair once
                causes[kind].append([codes[i], codes[j], name, float(m[i, j])])
    challenges = [[codes[i], codes[j]] for i, j in np.argwhere(log.challenges[b])]
    return {
        "turn": log.turn,
        "card": card,
        "actions": actions,
        "regional_tension": float(log.regional_tension[b]),
        "trust": _floats(log.trust[b]),
        "tension": _floats(log.tension[b]),
        "crisis": np.asarray(log.crisis[b]).astype(int).tolist(),
        "capability": _floats(log.capability[b]),
        "prosperity": _floats(log.prosperity[b]),
        "resolve": _floats(log.resolve[b]),
        "forum": float(log.forum[b]),
        "payoffs": _floats(log.payoff[b]),
        "security": _floats(log.security[b]),
        "challenges": challenges,
        "causes": causes,
        "refused": {codes[i]: str(log.refused[b, i]) for i in range(len(codes)) if log.refused[b, i]},
        "crises": crisis_entries(eng, log, b),
        "outcome": OUTCOME_CODES[int(log.outcome[b])].value,
    }


def crisis_entries(eng: Engine, log: TurnLog, b: int) -> list[dict]:
    """The turn's crises, one per stake that had one open before or after the turn: its rung
    after the turn, the parties' stances (for a crisis open at the start), who backed whom, and
    who challenged."""
    from .vocab import Stance

    sc, st = eng.scenario, log.state
    codes = sc.codes
    out = []
    for s, stake in enumerate(sc.stakes):
        before = int(log.rung_before[b, s])
        after = int(st.stake_rung[b, s])
        if not before and not after:
            continue
        parties = [codes[i] for i in stake.parties]
        entry = {"stake": stake.id, "parties": parties, "rung_before": before, "rung": after,
                 "challenger": codes[int(st.stake_challenger[b, s])] if st.stake_challenger[b, s] >= 0 else None}
        if before:
            entry["stances"] = {parties[k]: Stance(int(log.stance[b, s, k])).name for k in (0, 1)}
            entry["backers"] = {codes[k]: parties[int(log.backing[b, s, k]) - 1]
                                for k in range(len(codes)) if log.backing[b, s, k]}
        out.append(entry)
    return out


def final_entry(eng: Engine, b: int, turns: list[dict]) -> dict:
    st = eng.state
    codes = eng.scenario.codes
    n = eng.n
    T = np.asarray(turns[-1]["trust"]) if turns else np.asarray(eng.scenario.trust)
    H = np.asarray(turns[-1]["tension"]) if turns else np.zeros((n, n))
    off = ~np.eye(n, dtype=bool)
    headline, parts = eng.scores()
    scores = {}
    for i, code in enumerate(codes):
        scores[code] = {
            "score": round(float(headline[b, i]), 6),
            "stakes_won": float(st.stakes_won[b, i]),
            "war_against": [codes[j] for j in np.flatnonzero(st.fought[b, i])],
            "security": float(st.security_sum[b, i] / eng.turns),
            "trust": float(100.0 * (T[i][off[i]].mean() + T[:, i][off[:, i]].mean()) / 2.0),
            "tension": float(100.0 * H[i][off[i]].mean()),
            "prosperity": float(st.prosperity[b, i]),
            "payoff": float(st.payoff[b, i]),
        }
    return {
        "outcome": OUTCOME_CODES[int(st.outcome[b])].value,
        "end_turn": int(st.end_turn[b]) if st.outcome[b] else int(st.turn),
        "scores": scores,
        "payoffs": {code: float(st.payoff[b, i]) for i, code in enumerate(codes)},
        "dispositions": {code: ("greedy" if st.greedy[b, i] else "security-seeking") for i, code in enumerate(codes)},
    }


@attrs.frozen(eq=False)
class GameRecord:
    """A whole game as plain data (the JSON document); equality is equality of that data."""

    data: dict

    def __eq__(self, other):
        return isinstance(other, GameRecord) and self.data == other.data

    def __getitem__(self, key):
        return self.data[key]

    @property
    def turns(self) -> list[dict]:
        return self.data["turns"]

    @property
    def codes(self) -> list[str]:
        return self.data["actors"]

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.data, indent=indent, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str, source="record") -> "GameRecord":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise LoadError(source, None, None, f"not a game record (invalid JSON: {exc.msg} at line {exc.lineno})") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise LoadError(source, None, "format", f"not a Deterrence or Dialogue record (allowed: format = {FORMAT!r})")
        if data.get("version") != VERSION:
            raise LoadError(source, None, "version", f"unsupported version {data.get('version')!r} (allowed: {VERSION})")
        for key in ("seed", "scenario", "worldview", "actors", "doctrines", "human_choices"):
            if key not in data:
                raise LoadError(source, None, key, "missing from the record")
        if "turns" not in data and "state_digest" not in data:
            raise LoadError(source, None, "turns", "missing from the record (a save needs its turns or a state_digest)")
        return cls(data)

    def to_csv(self) -> str:
        """One row per turn and ordered actor pair."""
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["turn", "card", "regional_tension", "actor", "other", "actor_action", "actor_target",
                    "trust", "tension", "crisis", "actor_capability", "actor_payoff"])
        codes = self.codes
        for t in self.turns:
            card = t["card"]["id"] if t["card"] else ""
            for i, a in enumerate(codes):
                act = t["actions"][a]
                for j, o in enumerate(codes):
                    if i == j:
                        continue
                    w.writerow([t["turn"], card, f"{t['regional_tension']:.4f}", a, o, act["action"],
                                act["target"] or "", f"{t['trust'][i][j]:.6f}", f"{t['tension'][i][j]:.6f}",
                                t["crisis"][i][j], f"{t['capability'][i]:.4f}", f"{t['payoffs'][i]:g}"])
        return out.getvalue()


def atomic_write(path, text: str) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
