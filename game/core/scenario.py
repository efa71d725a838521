"""Scenarios: TOML in, frozen and validated objects out."""
from __future__ import annotations

import re
from pathlib import Path

import attrs
import numpy as np

from . import params
from .cards import Card, Deck, load_deck, read_toml
from .errors import LoadError
from .paths import CARDS, SCENARIOS

MARKERS = ("circle", "square", "triangle", "diamond", "pentagon", "hexagon", "star", "cross")
DOCTRINE_NAMES = ("deterrence", "dialogue", "reciprocity", "generous-reciprocity", "grit",
                  "opportunist", "random")
SECTIONS = {"scenario", "worldview", "end", "actor", "matrices", "profiles"}
SCENARIO_KEYS = {"name", "title", "description", "turns", "worldview", "deck", "dynamics", "seed"}
ACTOR_KEYS = {"code", "name", "colour", "marker", "capability", "prosperity", "bloc", "x", "y", "doctrine"}
END_DEFAULTS = {"lockin_threshold": 60.0, "lockin_turns": 5, "community_trust": 0.7,
                "community_tension": 25.0, "community_turns": 5}
END_RANGES = {"lockin_threshold": (0, 100), "lockin_turns": (1, 1000), "community_trust": (0, 1),
              "community_tension": (0, 100), "community_turns": (1, 1000)}
MATRICES = ("trust", "alliance", "ties")
MAX_TURNS = 500


@attrs.frozen
class Actor:
    code: str
    name: str
    colour: str
    marker: str
    capability: float
    prosperity: float
    bloc: str
    x: float
    y: float
    doctrine: str


@attrs.frozen
class EndRules:
    lockin_threshold: float = 60.0
    lockin_turns: int = 5
    community_trust: float = 0.7
    community_tension: float = 25.0
    community_turns: int = 5


@attrs.frozen(eq=False)
class Scenario:
    name: str
    title: str
    description: str
    actors: tuple[Actor, ...]
    trust: np.ndarray
    alliance: np.ndarray
    ties: np.ndarray
    turns: int
    worldview: params.Worldview
    cards: tuple[Card, ...]
    deck_name: str
    dynamics: bool
    end: EndRules
    profiles: dict
    path: str = ""
    seed: int = 1

    @property
    def codes(self) -> list[str]:
        return [a.code for a in self.actors]

    @property
    def n(self) -> int:
        return len(self.actors)

    def index(self, code: str) -> int:
        return self.codes.index(code)

    def card(self, card_id: str | None) -> Card | None:
        """The deck's card with this id, or None."""
        return next((c for c in self.cards if c.id == card_id), None)

    def default_doctrines(self) -> list[str]:
        return [a.doctrine for a in self.actors]

    def with_worldview(self, worldview: params.Worldview) -> "Scenario":
        return attrs.evolve(self, worldview=worldview)

    def with_turns(self, turns: int) -> "Scenario":
        return attrs.evolve(self, turns=int(turns))


def list_scenarios() -> list[Path]:
    """The shipped scenarios, then those saved from the sandbox in the user data folder."""
    from .paths import user_scenarios_dir

    user = user_scenarios_dir()
    mine = sorted(user.glob("*.toml")) if user.is_dir() else []
    return sorted(SCENARIOS.glob("*.toml")) + mine


def resolve_path(name_or_path) -> Path:
    path = Path(name_or_path)
    if path.suffix == ".toml" or path.exists():
        return path
    from .paths import user_scenarios_dir

    for folder in (SCENARIOS, user_scenarios_dir()):
        candidate = folder / f"{name_or_path}.toml"
        if candidate.exists():
            return candidate
    names = ", ".join(p.stem for p in list_scenarios())
    raise LoadError(name_or_path, None, None, f"no such scenario (allowed: {names}, or a path to a .toml file)")


def _num(file, section, key, value, low, high, integer=False):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (integer and not isinstance(value, int)):
        kind = "an integer" if integer else "a number"
        raise LoadError(file, section, key, f"expected {kind}, got {value!r} (allowed: {low:g} to {high:g})")
    if not np.isfinite(value) or not low <= value <= high:
        raise LoadError(file, section, key, f"{value!r} is out of range (allowed: {low:g} to {high:g})")
    return value


def _str(file, section, key, value, pattern=None, allowed=None):
    if not isinstance(value, str) or not value.strip():
        raise LoadError(file, section, key, "expected non-empty text" + (f" (allowed: {allowed})" if allowed else ""))
    if pattern and not re.match(pattern, value):
        raise LoadError(file, section, key, f"{value!r} is not allowed" + (f" (allowed: {allowed})" if allowed else ""))
    return value


def _unknown(file, section, table: dict, allowed: set):
    for key in table:
        if key not in allowed:
            raise LoadError(file, section, key, f"unknown key (allowed: {', '.join(sorted(allowed))})")


def _matrix(file, name, raw, n, codes, symmetric, diagonal):
    section = "matrices"
    if not isinstance(raw, list) or len(raw) != n or any(not isinstance(r, list) or len(r) != n for r in raw):
        raise LoadError(file, section, name, f"expected a {n}×{n} array of arrays (rows and columns in actor order: {', '.join(codes)})")
    for r, row in enumerate(raw):
        for c, v in enumerate(row):
            _num(file, section, f"{name}[{codes[r]}][{codes[c]}]", v, 0.0, 1.0)
    m = np.array(raw, dtype=np.float64)
    if symmetric:
        bad = np.argwhere(np.abs(m - m.T) > 1e-12)
        if len(bad):
            r, c = bad[0]
            raise LoadError(file, section, name, f"not symmetric: {codes[r]}→{codes[c]} is {m[r, c]:g} but {codes[c]}→{codes[r]} is {m[c, r]:g} (allowed: a symmetric matrix)")
    np.fill_diagonal(m, diagonal)
    return m


def load_scenario(name_or_path, deck_override: Deck | None = None) -> Scenario:
    path = resolve_path(name_or_path)
    raw = read_toml(path)
    file = path
    _unknown(file, None, raw, SECTIONS)
    head = raw.get("scenario")
    if not isinstance(head, dict):
        raise LoadError(file, "scenario", None, "missing section (it needs at least name and turns)")
    _unknown(file, "scenario", head, SCENARIO_KEYS)
    name = _str(file, "scenario", "name", head.get("name"), r"^[A-Za-z0-9_\-]+$", "letters, digits, _ and -")
    turns = int(_num(file, "scenario", "turns", head.get("turns", 30), 1, MAX_TURNS, integer=True))
    preset = head.get("worldview", "spiral-world")
    if preset not in params.PRESETS:
        raise LoadError(file, "scenario", "worldview", f"unknown worldview {preset!r} (allowed: {', '.join(params.PRESET_NAMES)})")
    dynamics = head.get("dynamics", True)
    if not isinstance(dynamics, bool):
        raise LoadError(file, "scenario", "dynamics", f"expected true or false, got {dynamics!r}")
    seed = int(_num(file, "scenario", "seed", head.get("seed", 1), 0, 2**63 - 1, integer=True))

    overrides = raw.get("worldview", {})
    if not isinstance(overrides, dict):
        raise LoadError(file, "worldview", None, "expected a table of parameter = value")
    for key, value in overrides.items():
        if key not in params.SPEC:
            raise LoadError(file, "worldview", key, f"unknown parameter (allowed: {', '.join(params.NAMES)})")
        spec = params.SPEC[key]
        _num(file, "worldview", key, value, spec.low, spec.high)
    worldview = params.Worldview.from_preset(preset, overrides)

    end_raw = raw.get("end", {})
    if not isinstance(end_raw, dict):
        raise LoadError(file, "end", None, "expected a table")
    _unknown(file, "end", end_raw, set(END_DEFAULTS))
    end_values = {}
    for key, default in END_DEFAULTS.items():
        low, high = END_RANGES[key]
        value = _num(file, "end", key, end_raw.get(key, default), low, high, integer=isinstance(default, int))
        end_values[key] = value
    end = EndRules(**end_values)

    raw_actors = raw.get("actor")
    if not isinstance(raw_actors, list) or len(raw_actors) < 2:
        raise LoadError(file, "actor", None, "a scenario needs at least two [[actor]] tables")
    if len(raw_actors) > 16:
        raise LoadError(file, "actor", None, f"{len(raw_actors)} actors (allowed: 2 to 16)")
    actors = []
    for k, a in enumerate(raw_actors):
        section = f"actor {k + 1}"
        if not isinstance(a, dict):
            raise LoadError(file, section, None, "expected a table")
        if isinstance(a.get("code"), str):
            section = f"actor {a['code']}"
        _unknown(file, section, a, ACTOR_KEYS)
        for key in ("code", "name", "colour", "marker", "capability", "prosperity", "bloc", "x", "y"):
            if key not in a:
                raise LoadError(file, section, key, "missing")
        doctrine = a.get("doctrine", "reciprocity")
        if doctrine not in DOCTRINE_NAMES:
            raise LoadError(file, section, "doctrine", f"unknown doctrine {doctrine!r} (allowed: {', '.join(DOCTRINE_NAMES)})")
        marker = a["marker"]
        if marker not in MARKERS:
            raise LoadError(file, section, "marker", f"unknown marker {marker!r} (allowed: {', '.join(MARKERS)})")
        actors.append(Actor(
            code=_str(file, section, "code", a["code"], r"^[A-Z][A-Z0-9]{1,7}$", "2–8 upper-case letters or digits"),
            name=_str(file, section, "name", a["name"]),
            colour=_str(file, section, "colour", a["colour"], r"^#[0-9a-fA-F]{6}$", "#rrggbb"),
            marker=marker,
            capability=float(_num(file, section, "capability", a["capability"], 0.1, 10.0)),
            prosperity=float(_num(file, section, "prosperity", a["prosperity"], 0.1, 10.0)),
            bloc=_str(file, section, "bloc", a["bloc"], r"^[a-z0-9\-]+$", "lower-case words joined by -"),
            x=float(_num(file, section, "x", a["x"], 0.0, 1.0)),
            y=float(_num(file, section, "y", a["y"], 0.0, 1.0)),
            doctrine=doctrine,
        ))
    codes = [a.code for a in actors]
    for k, code in enumerate(codes):
        if code in codes[:k]:
            raise LoadError(file, f"actor {code}", "code", "duplicate code (allowed: each code once)")
    n = len(actors)

    mats = raw.get("matrices", {})
    if not isinstance(mats, dict):
        raise LoadError(file, "matrices", None, "expected a table")
    _unknown(file, "matrices", mats, set(MATRICES))
    trust = _matrix(file, "trust", mats["trust"], n, codes, False, 1.0) if "trust" in mats else np.full((n, n), 0.5)
    alliance = _matrix(file, "alliance", mats["alliance"], n, codes, True, 0.0) if "alliance" in mats else np.zeros((n, n))
    ties = _matrix(file, "ties", mats["ties"], n, codes, True, 0.0) if "ties" in mats else np.zeros((n, n))
    np.fill_diagonal(trust, 1.0)
    np.fill_diagonal(alliance, 0.0)
    np.fill_diagonal(ties, 0.0)
    trust = np.clip(trust, 0.02, 0.98)
    np.fill_diagonal(trust, 1.0)

    profiles_raw = raw.get("profiles", {})
    if not isinstance(profiles_raw, dict):
        raise LoadError(file, "profiles", None, "expected a table of name = { CODE = doctrine, default = doctrine }")
    profiles = {}
    for pname, table in profiles_raw.items():
        section = f"profiles.{pname}"
        if not isinstance(table, dict):
            raise LoadError(file, "profiles", pname, "expected an inline table { CODE = doctrine, default = doctrine }")
        for key, value in table.items():
            if key != "default" and key not in codes:
                raise LoadError(file, section, key, f"unknown actor code (allowed: {', '.join(codes)}, default)")
            if value not in DOCTRINE_NAMES:
                raise LoadError(file, section, key, f"unknown doctrine {value!r} (allowed: {', '.join(DOCTRINE_NAMES)})")
        default = table.get("default", "dialogue")
        profiles[pname] = tuple(table.get(c, default) for c in codes)

    deck_name = head.get("deck", "")
    cards: tuple[Card, ...] = ()
    if deck_override is not None:
        deck = deck_override
        deck_name = deck.name
        cards = deck.cards
    elif deck_name:
        if not isinstance(deck_name, str):
            raise LoadError(file, "scenario", "deck", "expected the name of a deck in assets/cards/")
        deck_path = Path(deck_name)
        if not deck_path.suffix:
            deck_path = CARDS / f"{deck_name}.toml"
        elif not deck_path.is_absolute():
            deck_path = path.parent / deck_path
        if not deck_path.exists():
            available = ", ".join(p.stem for p in sorted(CARDS.glob("*.toml")))
            raise LoadError(file, "scenario", "deck", f"no deck {deck_name!r} (allowed: {available})")
        deck = load_deck(deck_path)
        cards = deck.cards
    for card in cards:
        unknown = card.codes() - set(codes)
        if unknown:
            raise LoadError(file, f"deck {deck_name}: card {card.id}", "effect",
                            f"unknown actor code {sorted(unknown)[0]!r} (allowed: {', '.join(codes)}, *)")
    return Scenario(
        name=name, title=str(head.get("title", name)), description=str(head.get("description", "")),
        actors=tuple(actors), trust=trust, alliance=alliance, ties=ties, turns=turns,
        worldview=worldview, cards=cards, deck_name=str(deck_name), dynamics=dynamics, end=end,
        profiles=profiles, path=str(path), seed=seed,
    )
