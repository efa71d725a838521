"""One interactive game: humans and AI doctrines, undo by replay, save and load."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..model import params as P
from ..model.doctrines import HUMAN, make
from ..model.engine import Engine, TurnLog
from ..model.errors import LoadError
from ..files.atomic import atomic_write
from ..files.record import FORMAT, VERSION, GameRecord, crisis_history, final_entry, turn_entry
from ..files.saved_scenario import portable_path, saved_scenario
from ..model.world import Scenario
from ..model.vocab import Action, Outcome, Stance

Choice = tuple[Action, int]  # (action, target actor index or -1)
# a turn's crisis answers of the humans: {"stances": {(actor, stake): Stance}, "backing": {(actor, stake): bool}}
CrisisChoices = dict


class Game:
    """A single game (B = 1). The record is rebuilt from seed plus human choices, so undo,
    load and "replay under another worldview" are all exact replays."""

    def __init__(
        self,
        scenario: Scenario,
        seed: int,
        doctrines: list[str] | None = None,
        worldview: P.Worldview | None = None,
        turns: int | None = None,
        hidden: bool = False,
        dispositions=None,
    ):
        from ..teaching.hidden import likelihood_scenario, worldview_for

        self.hidden = bool(hidden)  # the world was drawn from the seed and is not shown until the debrief
        self.base_scenario = scenario
        self._observer = None  # (the public moves it was worked out from, the observer's path)
        if hidden:
            worldview = worldview_for(scenario, int(seed))
        self.scenario = scenario if worldview is None else scenario.with_worldview(worldview)
        self.dispositions = dispositions  # (N,) types to keep (a replay under another world)
        self.beliefs: dict[int, list[tuple[int, float]]] = {}  # human -> [(turn, chance of the spiral world)]
        self.seed = int(seed)
        self.doctrines = list(doctrines if doctrines is not None else scenario.default_doctrines())
        self.turn_limit = int(turns if turns is not None else scenario.turns)
        # the observer's likelihoods come from games as long as this one (one object: they are cached by it)
        self._likelihood_scenario = likelihood_scenario(scenario, self.turn_limit)
        self.choices: list[dict[int, Choice]] = []  # human choices per played turn
        self.crisis_choices: list[CrisisChoices] = []  # the humans' stances and backing per played turn
        self.by_doctrine: list[dict[int, str]] = []  # per played turn: human seats its doctrine played -> doctrine
        self.fallback_from: int | None = None  # turn from which AI played the human seats
        self.fallback_doctrine = ""
        self.turns: list[dict] = []
        self.logs: list[TurnLog] = []
        self._reset_engine()

    def _reset_engine(self):
        dispositions = None if self.dispositions is None else np.asarray(self.dispositions, dtype=bool)[None, :]
        self.engine = Engine(
            self.scenario, [self.seed], self.doctrines, turns=self.turn_limit, dispositions=dispositions
        )
        self.turns = []
        self.logs = []

    # ------------------------------------------------------------------ queries
    @property
    def codes(self) -> list[str]:
        return self.scenario.codes

    @property
    def worldview(self) -> P.Worldview:
        return self.scenario.worldview

    @property
    def humans(self) -> list[int]:
        return [i for i, d in enumerate(self.doctrines) if d == HUMAN]

    @property
    def turn(self) -> int:
        """Turns played so far."""
        return self.engine.state.turn

    @property
    def over(self) -> bool:
        return self.engine.done

    @property
    def outcome(self) -> Outcome:
        from ..model.vocab import OUTCOME_CODES

        return OUTCOME_CODES[int(self.engine.state.outcome[0])]

    @property
    def state(self):
        return self.engine.state

    # ------------------------------------------------------------------ play
    def play_turn(
        self,
        choices: dict[int, Choice] | None = None,
        stances: dict | None = None,
        backing: dict | None = None,
        by_doctrine: dict[int, str] | None = None,
    ) -> dict:
        """Play one turn; choices maps each human actor's index to (action, target index);
        stances maps (actor, stake index) to a Stance in a crisis the human is a party to, and
        backing (actor, stake index) to True (back the ally) or False (stay out); by_doctrine maps a
        human seat to the doctrine that plays its whole turn this once (the record names it)."""
        if self.over:
            raise RuntimeError("the game is over")
        by_doctrine = {int(i): d for i, d in (by_doctrine or {}).items() if i in self.humans}
        choices = {i: c for i, c in (choices or {}).items() if i not in by_doctrine}
        stances = {k: v for k, v in (stances or {}).items() if k[0] not in by_doctrine}
        backing = {k: v for k, v in (backing or {}).items() if k[0] not in by_doctrine}
        fallback, self.engine.fallback = self.engine.fallback, {**self.engine.fallback}
        self.engine.fallback.update({i: make(d) for i, d in by_doctrine.items()})
        try:
            return self._play_turn(choices, stances, backing, by_doctrine)
        finally:
            self.engine.fallback = fallback

    def _play_turn(self, choices: dict, stances: dict, backing: dict, by_doctrine: dict) -> dict:
        missing = [self.codes[i] for i in self.humans if i not in choices and i not in self.engine.fallback]
        if missing:
            raise ValueError(f"waiting for a choice from {', '.join(missing)}")
        # a move that takes no target is kept without one, as the rules take it (and as a save must hold it)
        clean = {
            i: (Action(int(a)), int(t) if Action(int(a)).targeted else -1)
            for i, (a, t) in choices.items()
            if i in self.humans
        }
        crisis = {
            "stances": {(int(i), int(s)): Stance(int(v)) for (i, s), v in (stances or {}).items() if i in self.humans},
            "backing": {(int(i), int(s)): bool(v) for (i, s), v in (backing or {}).items() if i in self.humans},
        }
        log = self.engine.step({i: (int(a), t) for i, (a, t) in clean.items()}, crisis["stances"], crisis["backing"])
        entry = turn_entry(self.engine, log, 0)
        self.crisis_choices.append(crisis)
        self.by_doctrine.append(by_doctrine)
        self.choices.append(clean)
        self.turns.append(entry)
        self.logs.append(log)
        return entry

    def undo(self) -> bool:
        """Take back the last turn by replaying all the others from the seed; beliefs stated after
        it go with it."""
        if not self.choices:
            return False
        self.replay(self.choices[:-1], self.crisis_choices[:-1], self.by_doctrine[:-1])
        kept = {a: [(t, p) for t, p in path if t <= self.turn] for a, path in self.beliefs.items()}
        self.beliefs = {a: path for a, path in kept.items() if path}
        return True

    def replay(self, choices: list[dict[int, Choice]], crisis_choices: list | None = None, by_doctrine=None) -> None:
        crisis_choices, by_doctrine = list(crisis_choices or []), list(by_doctrine or [])
        self.choices, self.crisis_choices, self.by_doctrine = [], [], []
        self._reset_engine()
        for k, c in enumerate(choices):
            if self.over:
                break
            crisis = crisis_choices[k] if k < len(crisis_choices) else {}
            played = by_doctrine[k] if k < len(by_doctrine) else {}
            self.play_turn(c, crisis.get("stances"), crisis.get("backing"), played)

    def autoplay(self) -> None:
        """Play to the end: every seat an AI, or a human seat that a fallback doctrine plays."""
        if self.humans and not self.engine.fallback:
            raise ValueError("autoplay needs choices for the human actors")
        while not self.over:
            self.play_turn({})

    # ------------------------------------------------------------------ records
    def record(self) -> GameRecord:
        sc = self.scenario
        data = {
            "format": FORMAT,
            "version": VERSION,
            "seed": self.seed,
            "scenario": sc.name,
            "scenario_path": portable_path(sc.path),
            "worldview": {"preset": sc.worldview.preset, "values": sc.worldview.as_dict(), "label": sc.worldview.label},
            "turn_limit": self.turn_limit,
            "actors": sc.codes,
            "actor_names": {a.code: a.name for a in sc.actors},
            "doctrines": dict(zip(sc.codes, self.doctrines)),
            "human_choices": [
                {sc.codes[i]: [a.name, sc.codes[t] if t >= 0 else None] for i, (a, t) in c.items()}
                for c in self.choices
            ],
            "human_crisis_choices": [self._crisis_record(c) for c in self.crisis_choices],
            "worldview_hidden": self.hidden,
            "beliefs": {sc.codes[i]: [[t, p] for t, p in path] for i, path in sorted(self.beliefs.items())},
            "crises": crisis_history(self.turns),
            "turns": list(self.turns),  # a record is a snapshot: later turns do not join it
        }
        if any(self.by_doctrine):  # only then: a game without one keeps the record it always had
            data["seats_played_by_doctrine"] = [{sc.codes[i]: t[i] for i in sorted(t)} for t in self.by_doctrine]
        if self.fallback_from is not None:
            data["human_seats_played_by"] = {"doctrine": self.fallback_doctrine, "from_turn": self.fallback_from}
        data.update(final_entry(self.engine, 0, self.turns))
        if self.hidden and self.over:
            from ..teaching.hidden import brier

            spiral = sc.worldview.preset == "spiral-world"
            data["observer"] = [[t, p] for t, p in self.observer_beliefs()]
            data["brier"] = {sc.codes[i]: brier(path, spiral) for i, path in sorted(self.beliefs.items())}
            data["brier"]["observer"] = brier(self.observer_beliefs(), spiral)
        if not self.over:
            data["outcome"] = Outcome.ONGOING.value
        return GameRecord(data)

    def _crisis_record(self, c: CrisisChoices) -> dict:
        """A turn's crisis answers as plain data:
        {"stances": {code: {stake: STANCE}}, "backing": {code: {stake: bool}}}."""
        codes, stakes = self.codes, self.scenario.stakes
        out = {"stances": {}, "backing": {}}
        for key, table in (("stances", c.get("stances", {})), ("backing", c.get("backing", {}))):
            for (i, s), v in sorted(table.items()):
                out[key].setdefault(codes[i], {})[stakes[s].id] = v.name if key == "stances" else bool(v)
        return out

    def _crisis_from_record(self, turn: dict) -> CrisisChoices:
        index = {c: k for k, c in enumerate(self.codes)}
        stake = {s.id: k for k, s in enumerate(self.scenario.stakes)}
        return {
            "stances": {
                (index[c], stake[s]): Stance[v] for c, row in turn.get("stances", {}).items() for s, v in row.items()
            },
            "backing": {
                (index[c], stake[s]): bool(v) for c, row in turn.get("backing", {}).items() for s, v in row.items()
            },
        }

    # ------------------------------------------------------------------ beliefs (a hidden world)
    def belief_due(self) -> bool:
        """A hidden game asks its humans for their belief after this turn: at a third and two
        thirds of the turn limit, and when the game is over."""
        from ..teaching.hidden import belief_turns

        return self.hidden and bool(self.humans) and (self.over or self.turn in belief_turns(self.turn_limit))

    def state_belief(self, actor: int, spiral: float) -> None:
        """A human's stated chance (0-1) that this is the spiral world, after the current turn."""
        if actor not in self.humans:
            raise ValueError(f"{self.codes[actor]} is not a human seat")
        if not 0.0 <= float(spiral) <= 1.0:
            raise ValueError(f"a belief is a chance from 0 to 1, got {spiral!r}")
        path = [(t, p) for t, p in self.beliefs.get(actor, []) if t != self.turn]
        self.beliefs[actor] = path + [(self.turn, float(spiral))]

    def observer_beliefs(self) -> list[tuple[int, float]]:
        """What a Bayesian observer of the same public moves believes after each turn (hidden.observer_path)."""
        from ..teaching.hidden import observer_path

        key = tuple((t["turn"], tuple(m["action"] for m in t["actions"].values())) for t in self.turns)
        if self._observer is None or self._observer[0] != key:
            self._observer = (
                key,
                observer_path(self._likelihood_scenario, self.doctrines, self.turns, self.scenario.hidden_prior),
            )
        return self._observer[1]

    # ------------------------------------------------------------------ crises and scores
    def open_crises(self) -> list[dict]:
        """The crises open now: stake index, the stake, its parties (indices), rung and challenger."""
        st = self.engine.state
        return [
            {
                "stake": s,
                "id": stake.id,
                "name": stake.name,
                "parties": stake.parties,
                "rung": int(st.stake_rung[0, s]),
                "challenger": int(st.stake_challenger[0, s]),
            }
            for s, stake in enumerate(self.scenario.stakes)
            if 0 < st.stake_rung[0, s] < 4
        ]

    def crisis_prompts(self, actor: int) -> list[dict]:
        """What a human must answer this turn: a stance in each crisis it is a party to, and
        back or stay out in each crisis of an ally it may back (see rules.crises.may_back)."""
        from ..model.rules import crises

        st = self.engine.state
        prompts = []
        for c in self.open_crises():
            if actor in c["parties"]:
                prompts.append(dict(c, kind="stance", side=c["parties"].index(actor)))
                continue
            for side in (0, 1):
                if crises.may_back(self.engine.stakes, st.alliance, c["stake"], side)[0, actor]:
                    prompts.append(dict(c, kind="backing", side=side, ally=c["parties"][side]))
        return prompts

    def scores(self) -> np.ndarray:
        """Each actor's headline score so far, 0-100, by its own type's aims."""
        return self.engine.scores()[0][0]

    def type_of(self, actor: int) -> str:
        """The actor's type, told privately to its own player: greedy or security-seeking."""
        return "greedy" if self.engine.state.greedy[0, actor] else "security-seeking"

    def baseline_scores(self) -> np.ndarray:
        """What the scenario's own AI would have scored in each human's seat on the same seed, each
        seat alone (baseline_of); an AI seat's is its own score in this game."""
        out = np.array(self.scores(), dtype=float)
        for seat in self.humans:
            out[seat] = self.baseline_of(seat).scores()[seat]
        return out

    def baseline_of(self, seat: int) -> "Game":
        """The game replayed with the scenario's AI in `seat` alone: the other humans' recorded
        moves and crisis answers are kept where they still apply (a move the rules now refuse is
        held back, an answer to a crisis not open is dropped); where none applies (a crisis they
        never faced, turns past their record) the scenario's AI answers for them; AI seats play on."""
        doctrines = list(self.doctrines)
        doctrines[seat] = self.scenario.default_doctrines()[seat]
        base = Game(self.scenario, self.seed, doctrines, turns=self.turn_limit, dispositions=self.dispositions)
        scenario_ai = self.scenario.default_doctrines()
        base.engine.fallback = {i: make(scenario_ai[i]) for i in base.humans}
        for k, chosen in enumerate(self.choices):
            if base.over:
                break
            crisis = self.crisis_choices[k] if k < len(self.crisis_choices) else {}
            base.play_turn(chosen, crisis.get("stances"), crisis.get("backing"))
        while not base.over:
            base.play_turn({})
        return base

    def state_digest(self, legacy: bool = False) -> str:
        """A fingerprint of the whole engine state and of the world it is played in (its preset,
        label and values, and whether it is hidden): a compact save checks its replay with it. The
        `legacy` fingerprint, of earlier releases, leaves the world out."""
        import hashlib
        import json

        h = hashlib.sha256()
        st = self.engine.state
        h.update(str(self.turn_limit).encode())
        for name, value in st.arrays().items():
            h.update(name.encode())
            h.update(np.ascontiguousarray(value).tobytes())
        if not legacy:
            wv = self.worldview
            world = {"preset": wv.preset, "label": wv.label, "values": wv.as_dict(), "hidden": self.hidden}
            h.update(json.dumps(world, sort_keys=True).encode())
        return h.hexdigest()

    def save_text(self, compact: bool = False) -> str:
        """What a save file holds. A compact save (the autosave) keeps seed, choices and a state
        fingerprint instead of every turn: a few kilobytes, restored by exact replay."""
        record = self.record()
        if compact:
            data = {k: v for k, v in record.data.items() if k != "turns"}
            data["turns_played"] = len(self.turns)
            data["state_digest"] = self.state_digest()
            record = GameRecord(data)
        return record.to_json()

    def save(self, path, compact: bool = False) -> Path:
        """Save atomically (write, then rename)."""
        path = Path(path)
        atomic_write(path, self.save_text(compact))
        return path

    @classmethod
    def from_record(
        cls, record: GameRecord, source="record", worldview: P.Worldview | None = None, check: bool = True
    ) -> "Game":
        """Rebuild a game by replaying its seed and human choices; refuse a record that does not
        replay, or whose choices a human could not have made (replay_checks.choice_problem)."""
        from .replay_checks import checked_replay, digest_problem

        data = record.data
        scenario = saved_scenario(data, source)
        if scenario.codes != data["actors"]:
            raise LoadError(
                source, None, "actors", f"the record's actors {data['actors']} do not match scenario {scenario.name}"
            )
        wv_data = data["worldview"]
        try:
            recorded = P.Worldview.from_preset(wv_data["preset"], wv_data["values"])
        except (P.ParamError, KeyError, TypeError) as exc:
            raise LoadError(source, None, "worldview", str(exc)) from None
        doctrines = [data["doctrines"].get(c, "reciprocity") for c in scenario.codes]
        game = cls(
            scenario, int(data["seed"]), doctrines, worldview or recorded, int(data.get("turn_limit", scenario.turns))
        )
        game.hidden = bool(data.get("worldview_hidden", False)) and worldview is None
        try:
            game.beliefs = {
                scenario.index(c): [(int(t), float(p)) for t, p in path] for c, path in data.get("beliefs", {}).items()
            }
        except (ValueError, TypeError) as exc:
            raise LoadError(source, None, "beliefs", f"unreadable belief ({exc})") from None
        choices = []
        index = {c: k for k, c in enumerate(scenario.codes)}
        try:
            for turn in data["human_choices"]:
                choices.append({index[code]: (Action[a], index[t] if t else -1) for code, (a, t) in turn.items()})
        except (KeyError, ValueError, TypeError) as exc:
            raise LoadError(source, None, "human_choices", f"unreadable choice ({exc})") from None
        try:
            crisis = [game._crisis_from_record(turn) for turn in data.get("human_crisis_choices", [])]
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            raise LoadError(source, None, "human_crisis_choices", f"unreadable crisis choice ({exc})") from None
        try:
            by_doctrine = [{index[c]: d for c, d in t.items()} for t in data.get("seats_played_by_doctrine", [])]
        except (KeyError, AttributeError) as exc:
            raise LoadError(source, None, "seats_played_by_doctrine", f"unknown seat ({exc})") from None
        checked_replay(game, choices, crisis, source, by_doctrine)
        if check and worldview is None:
            if "turns" in data and game.turns != data["turns"]:
                raise LoadError(
                    source,
                    None,
                    "turns",
                    "the saved turns do not replay from its seed and choices (saved by another version?)",
                )
            if "state_digest" in data:
                problem = digest_problem(game, data)
                if problem:
                    raise LoadError(source, None, "state_digest", problem)
        return game

    @classmethod
    def load(cls, path) -> "Game":
        """The game saved at path: read only if it is a regular file of at most paths.MAX_FILE_BYTES,
        checked against the schema of a save, then replayed and checked against what it saved."""
        from ..files.checks import read_text

        path = Path(path)
        text = read_text(path, "game record (JSON)")
        return cls.from_record(GameRecord.from_json(text, path), path)

    def replay_under(self, worldview: P.Worldview, fallback: str = "reciprocity") -> "Game":
        """The same seed, the same types, the same cards and the same choices in another world: only
        the world differs. Human seats are played by `fallback` once the recorded choices run out
        (the other world may last longer)."""
        other = Game(
            self.scenario,
            self.seed,
            self.doctrines,
            worldview,
            self.turn_limit,
            dispositions=self.engine.state.greedy[0].copy(),
        )
        other.replay(self.choices, self.crisis_choices, self.by_doctrine)
        if not other.over and other.humans:
            other.engine.fallback = {i: make(fallback) for i in other.humans}
            other.fallback_from = other.turn + 1
            other.fallback_doctrine = fallback
            while not other.over:
                other.play_turn({})
        return other
