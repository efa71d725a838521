"""Game records: everything a game did, saved to JSON exactly and exported to CSV."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import attrs
import numpy as np

from . import schema
from ..model.engine import TENSION_CAUSES, TRUST_CAUSES, Engine, TurnLog
from ..model.errors import LoadError
from ..model.vocab import OUTCOME_CODES, Action

FORMAT = "deterrence-or-dialogue/record"
VERSION = 2  # the second edition of the rules: stakes, crises with stances, scores by type
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
    for kind, names, table in (
        ("trust", TRUST_CAUSES, log.trust_causes),
        ("tension", TENSION_CAUSES, log.tension_causes),
    ):
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
    from ..model.vocab import Stance

    sc, st = eng.scenario, log.state
    codes = sc.codes
    out = []
    for s, stake in enumerate(sc.stakes):
        before = int(log.rung_before[b, s])
        after = int(st.stake_rung[b, s])
        if not before and not after:
            continue
        parties = [codes[i] for i in stake.parties]
        entry = {
            "stake": stake.id,
            "parties": parties,
            "rung_before": before,
            "rung": after,
            "challenger": codes[int(st.stake_challenger[b, s])] if st.stake_challenger[b, s] >= 0 else None,
        }
        if before:
            entry["stances"] = {parties[k]: Stance(int(log.stance[b, s, k])).name for k in (0, 1)}
            entry["backers"] = {
                codes[k]: parties[int(log.backing[b, s, k]) - 1] for k in range(len(codes)) if log.backing[b, s, k]
            }
        out.append(entry)
    return out


def crisis_history(turns: list[dict]) -> list[dict]:
    """One entry per crisis of the game, from its turns: the stake, its parties, who challenged,
    the turn it opened, each turn's stances and rung, who backed whom, and how it ended:
    settled (both settled), backed-down (one gave way), war, or open."""
    crises, current = [], {}
    for t in turns:
        for c in t.get("crises", []):
            stake = c["stake"]
            if not c["rung_before"]:
                current[stake] = {
                    "stake": stake,
                    "parties": c["parties"],
                    "challenger": c.get("challenger"),
                    "opened": t["turn"],
                    "stances": [],
                    "backers": {},
                    "ended": "open",
                }
                crises.append(current[stake])
            entry = current.get(stake)
            if entry is None:
                continue
            if c["rung_before"]:
                escalated = any(s == "ESCALATE" for s in c.get("stances", {}).values())
                entry["stances"].append({"turn": t["turn"], "rung": c["rung"], **c.get("stances", {})})
                entry["backers"].update(c.get("backers", {}))
                if c["rung"] >= 4:
                    entry["ended"], entry["accident"] = "war", not escalated
                elif c["rung"] == 0:
                    both = set(c.get("stances", {}).values()) == {"SETTLE"}
                    entry["ended"] = "settled" if both else "backed-down"
            if entry["ended"] != "open":
                current.pop(stake, None)
    return crises


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


# ---------------------------------------------------------------------- the declared schema of a save
MAX_TURNS = 500  # as scenario.MAX_TURNS: a save's turn limit, turns and choices
MAX_ACTORS = 16
ACTOR_CODE = r"[A-Z][A-Z0-9]{1,7}"
SCENARIO_NAME = r"[A-Za-z0-9_\-]{1,64}"


def _code(code) -> None:
    if not isinstance(code, str) or not re.fullmatch(ACTOR_CODE, code):
        raise schema.Problem(f"{schema.shown(code)} is not an actor code (allowed: 2–8 upper-case letters or digits)")


def _doctrine(_, name) -> None:
    from ..model.doctrines import DOCTRINES, HUMAN
    from ..model.plans import is_plan

    if not isinstance(name, str) or not (is_plan(name) or name == HUMAN):
        raise schema.Problem(f"unknown doctrine {schema.shown(name)} (allowed: {', '.join(DOCTRINES)}, {HUMAN})")


def _choices(_, turn) -> None:
    """One turn's human choices: {CODE: [ACTION, TARGET CODE or null]}."""
    for code, pick in turn.items():
        _code(code)
        if (
            not isinstance(pick, list)
            or len(pick) != 2
            or pick[0] not in Action.__members__
            or not (pick[1] is None or isinstance(pick[1], str) and re.fullmatch(ACTOR_CODE, pick[1]))
        ):
            raise schema.Problem(
                f"expected [ACTION, TARGET or null] (allowed: actions "
                f"{', '.join(Action.__members__)}; a target is an actor code)",
                (code,),
            )


def _crisis_turn(_, turn) -> None:
    """One turn's crisis answers: {"stances": {CODE: {STAKE: STANCE}}, "backing": {CODE: {STAKE: true|false}}}."""
    from ..model.vocab import Stance

    if not set(turn) <= {"stances", "backing"}:
        raise schema.Problem("unknown key (allowed: backing, stances)")
    for key, table in turn.items():
        if not isinstance(table, dict):
            raise schema.Problem("expected a table", (key,))
        for code, row in table.items():
            _code(code)
            ok = isinstance(row, dict) and all(
                isinstance(s, str)
                and len(s) <= 64
                and (v in Stance.__members__ if key == "stances" else isinstance(v, bool))
                for s, v in row.items()
            )
            if not ok:
                raise schema.Problem(
                    "expected {STAKE: " + ("STANCE" if key == "stances" else "true or false") + "}", (key, code)
                )


def _belief_path(code, path) -> None:
    """A human's stated beliefs: [[TURN, CHANCE], ...]."""
    _code(code)
    for k, point in enumerate(path):
        if (
            not isinstance(point, list)
            or len(point) != 2
            or type(point[0]) is not int
            or not 0 <= point[0] <= MAX_TURNS
            or isinstance(point[1], bool)
            or not isinstance(point[1], (int, float))
            or not 0 <= point[1] <= 1
        ):
            raise schema.Problem(f"expected [turn, chance] (allowed: a turn 0 to {MAX_TURNS}, a chance 0 to 1)", (k,))


def _name_of(code, name) -> None:
    _code(code)
    if not isinstance(name, str) or len(name) > 60 or schema.CONTROL.search(name):
        raise schema.Problem("expected a name of up to 60 characters on one line")
    if schema.visible_problem(name):
        raise schema.Problem(schema.visible_problem(name))


@attrs.define(kw_only=True)
class SavedWorldview:
    """A save's worldview: the preset, every parameter's value, a label."""

    preset: str = schema.one_of(("deterrence-world", "spiral-world"), "worldview")
    values: dict[str, float] = schema.items(0, 64, "parameters", check_each=schema.parameter)
    label: str = schema.text(max_len=200, default="", blank=True)


@attrs.define(kw_only=True)
class SaveFile:
    """A save or exported game record. A save needs its turns or, compact, the number of turns
    played and the fingerprint of the state they lead to."""

    format: str = schema.text(max_len=64)
    version: int = schema.number(VERSION, VERSION)
    seed: int = schema.number(0, 2**63 - 1)
    scenario: str = schema.text(SCENARIO_NAME, "a scenario's name: 1 to 64 letters, digits, _ and -", max_len=64)
    scenario_path: str = schema.text(
        r"[^\x00]*",
        "a .toml file in the game's or the user's folders",
        max_len=1024,
        default="",
        blank=True,
        visible=False,
    )
    worldview: SavedWorldview
    turn_limit: int = schema.number(1, MAX_TURNS, default=None)
    actors: list[str] = schema.items(2, MAX_ACTORS, "actors", check_each=lambda _, code: _code(code))
    actor_names: dict[str, str] = schema.items(0, MAX_ACTORS, "names", default=dict, check_each=_name_of)
    doctrines: dict[str, str] = schema.items(0, MAX_ACTORS, "doctrines", check_each=_doctrine)
    human_choices: list[dict[str, Any]] = schema.items(0, MAX_TURNS, "turns", check_each=_choices)
    human_crisis_choices: list[dict[str, Any]] = schema.items(
        0, MAX_TURNS, "turns", default=list, check_each=_crisis_turn
    )
    worldview_hidden: bool = schema.flag(default=False)
    beliefs: dict[str, list[Any]] = schema.items(0, MAX_ACTORS, "actors", default=dict, check_each=_belief_path)
    human_seats_played_by: dict[str, Any] = schema.items(0, 2, "keys", default=dict)
    seats_played_by_doctrine: list[dict[str, str]] = schema.items(0, MAX_TURNS, "turns", default=list)
    turns: list[dict[str, Any]] = schema.items(0, MAX_TURNS, "turns", default=None)
    turns_played: int = schema.number(0, MAX_TURNS, default=None)
    state_digest: str = schema.text(r"[0-9a-f]{64}", "64 hexadecimal digits", max_len=64, default=None)
    crises: list[Any] = schema.items(0, MAX_TURNS * 64, "crises", default=list)
    outcome: str = schema.text(r"[a-z\-]{1,40}", "an outcome", max_len=40, default="ongoing")
    end_turn: int = schema.number(0, MAX_TURNS, default=0)
    scores: dict[str, Any] = schema.items(0, MAX_ACTORS, "actors", default=dict)
    payoffs: dict[str, Any] = schema.items(0, MAX_ACTORS, "actors", default=dict)
    dispositions: dict[str, Any] = schema.items(0, MAX_ACTORS, "actors", default=dict)
    observer: list[Any] = schema.items(0, MAX_TURNS + 1, "beliefs", default=list)
    brier: dict[str, Any] = schema.items(0, MAX_ACTORS + 1, "scores", default=dict)

    def __attrs_post_init__(self):
        if self.turns is None and self.state_digest is None:
            raise schema.Problem("missing from the record (a save needs its turns or a state_digest)", ("turns",))
        if self.state_digest is not None and self.turns_played is None:
            raise schema.Problem("missing (a compact save needs the number of turns played)", ("turns_played",))
        actors = set(self.actors)
        if len(actors) != len(self.actors):
            raise schema.Problem("an actor is named twice (allowed: each actor once)", ("actors",))
        for key in ("doctrines", "actor_names", "beliefs"):
            for code in getattr(self, key):
                if code not in actors:
                    raise schema.Problem(f"unknown actor (allowed: {', '.join(self.actors)})", (key, code))
        for k, turn in enumerate(self.human_choices):
            for code, (_, target) in turn.items():
                if code not in actors or (target is not None and target not in actors):
                    raise schema.Problem(
                        f"unknown actor (allowed: {', '.join(self.actors)})", ("human_choices", k, code)
                    )


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
        """The record in a save's text, checked against the declared schema of a save (SaveFile):
        JSON nested at most schema.MAX_DEPTH deep, this format and version, every key known and
        every value of its kind and within its range."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise LoadError(
                source, None, None, f"not a game record (invalid JSON: {exc.msg} at line {exc.lineno})"
            ) from None
        except RecursionError:
            raise LoadError(
                source,
                None,
                None,
                f"not a game record (arrays and objects nested too deeply; allowed: up to {schema.MAX_DEPTH} levels)",
            ) from None
        except ValueError as exc:  # an integer of thousands of digits
            raise LoadError(source, None, None, f"not a game record ({str(exc).splitlines()[0]})") from None
        schema.check_depth(source, data)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise LoadError(
                source, None, "format", f"not a Deterrence or Dialogue record (allowed: format = {FORMAT!r})"
            )
        if data.get("version") != VERSION or type(data.get("version")) is not int:
            raise LoadError(
                source, None, "version", f"unsupported version {schema.shown(data.get('version'))} (allowed: {VERSION})"
            )
        schema.structure(data, SaveFile, source, lambda path, _: (None, schema.dotted(path)))
        return cls(data)

    def to_csv(self) -> str:
        """One row per turn and ordered actor pair."""
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(
            [
                "turn",
                "card",
                "regional_tension",
                "actor",
                "other",
                "actor_action",
                "actor_target",
                "trust",
                "tension",
                "crisis",
                "actor_capability",
                "actor_payoff",
            ]
        )
        codes = self.codes
        for t in self.turns:
            card = t["card"]["id"] if t["card"] else ""
            for i, a in enumerate(codes):
                act = t["actions"][a]
                for j, o in enumerate(codes):
                    if i == j:
                        continue
                    w.writerow(
                        [
                            t["turn"],
                            card,
                            f"{t['regional_tension']:.4f}",
                            a,
                            o,
                            act["action"],
                            act["target"] or "",
                            f"{t['trust'][i][j]:.6f}",
                            f"{t['tension'][i][j]:.6f}",
                            t["crisis"][i][j],
                            f"{t['capability'][i]:.4f}",
                            f"{t['payoffs'][i]:g}",
                        ]
                    )
        return out.getvalue()
