"""Scenarios: TOML in, frozen and validated objects out."""
from __future__ import annotations

from pathlib import Path

import attrs
import numpy as np

from . import params
from .cards import Card, Deck, load_deck
from .doctrines import DOCTRINES
from .checks import (ACTOR_CODE, ACTOR_CODE_ALLOWED, choice, no_duplicates, number, read_toml, reject_unknown,
                     require_keys, table, text)
from .errors import LoadError
from .paths import CARDS, SCENARIOS

MARKERS = ("circle", "square", "triangle", "diamond", "pentagon", "hexagon", "star", "cross")
DOCTRINE_NAMES = tuple(DOCTRINES)
SECTIONS = {"scenario", "worldview", "end", "actor", "matrices", "profiles", "stake"}
SCENARIO_KEYS = {"name", "title", "description", "turns", "worldview", "deck", "dynamics", "seed"}
ACTOR_KEYS = {"code", "name", "colour", "marker", "capability", "prosperity", "bloc", "x", "y", "doctrine", "nuclear"}
STAKE_KEYS = {"id", "name", "parties", "value", "paragraphs", "source"}
ARTICLE_PARAGRAPHS = 13
ACTOR_REQUIRED = ("code", "name", "colour", "marker", "capability", "prosperity", "bloc", "x", "y")
NAME_PATTERN = r"^[A-Za-z0-9_\-]+$"
NAME_ALLOWED = "letters, digits, _ and -"
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
    nuclear: bool = False   # a war between two nuclear actors is catastrophic for both


@attrs.frozen
class Stake:
    """Something two actors could fight over: a challenge is always over a stake."""

    id: str
    name: str
    parties: tuple[int, int]        # actor indices
    value: float
    paragraphs: tuple[int, ...] = ()  # the article's paragraphs that name it
    source: str = ""                # where a stake the article does not name comes from


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
    stakes: tuple[Stake, ...] = ()

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
    """The file for a path, or for the name of a shipped or saved scenario."""
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


def _matrix(file, name, raw, codes, symmetric, diagonal):
    """One [matrices] entry: an n×n array of numbers from 0 to 1, symmetric if asked, diagonal set."""
    section, n = "matrices", len(codes)
    if not isinstance(raw, list) or len(raw) != n or any(not isinstance(r, list) or len(r) != n for r in raw):
        raise LoadError(file, section, name, f"expected a {n}×{n} array of arrays (rows and columns in actor order: {', '.join(codes)})")
    for r, row in enumerate(raw):
        for c, v in enumerate(row):
            number(file, section, f"{name}[{codes[r]}][{codes[c]}]", v, 0.0, 1.0)
    m = np.array(raw, dtype=np.float64)
    if symmetric:
        bad = np.argwhere(np.abs(m - m.T) > 1e-12)
        if len(bad):
            r, c = bad[0]
            raise LoadError(file, section, name, f"not symmetric: {codes[r]}→{codes[c]} is {m[r, c]:g} but {codes[c]}→{codes[r]} is {m[c, r]:g} (allowed: a symmetric matrix)")
    np.fill_diagonal(m, diagonal)
    return m


def _settings(file, head: dict) -> dict:
    """The [scenario] table's name, turns, worldview preset, dynamics switch and seed, checked."""
    name = text(file, "scenario", "name", head.get("name"), NAME_PATTERN, NAME_ALLOWED)
    turns = int(number(file, "scenario", "turns", head.get("turns", 30), 1, MAX_TURNS, integer=True))
    preset = choice(file, "scenario", "worldview", head.get("worldview", "spiral-world"), params.PRESETS, "worldview")
    dynamics = head.get("dynamics", True)
    if not isinstance(dynamics, bool):
        raise LoadError(file, "scenario", "dynamics", f"expected true or false, got {dynamics!r}")
    seed = int(number(file, "scenario", "seed", head.get("seed", 1), 0, 2**63 - 1, integer=True))
    return {"name": name, "turns": turns, "preset": preset, "dynamics": dynamics, "seed": seed}


def _worldview(file, raw: dict, preset: str) -> params.Worldview:
    """The preset with the [worldview] table's parameter overrides, each checked against its range."""
    overrides = table(file, "worldview", None, raw.get("worldview", {}), "expected a table of parameter = value")
    for key, value in overrides.items():
        if key not in params.SPEC:
            raise LoadError(file, "worldview", key, f"unknown parameter (allowed: {', '.join(params.NAMES)})")
        spec = params.SPEC[key]
        number(file, "worldview", key, value, spec.low, spec.high)
    return params.Worldview.from_preset(preset, overrides)


def _end_rules(file, raw: dict) -> EndRules:
    """The [end] table: lock-in and community thresholds, each defaulted and range-checked."""
    end = table(file, "end", None, raw.get("end", {}))
    reject_unknown(file, "end", end, set(END_DEFAULTS))
    values = {}
    for key, default in END_DEFAULTS.items():
        low, high = END_RANGES[key]
        values[key] = number(file, "end", key, end.get(key, default), low, high, integer=isinstance(default, int))
    return EndRules(**values)


def _actor(file, k: int, a) -> Actor:
    """The k-th [[actor]] table, named by its code in messages once it has one."""
    section = f"actor {k + 1}"
    table(file, section, None, a)
    if isinstance(a.get("code"), str):
        section = f"actor {a['code']}"
    reject_unknown(file, section, a, ACTOR_KEYS)
    require_keys(file, section, a, ACTOR_REQUIRED)
    doctrine = choice(file, section, "doctrine", a.get("doctrine", "reciprocity"), DOCTRINE_NAMES, "doctrine")
    marker = choice(file, section, "marker", a["marker"], MARKERS, "marker")
    return Actor(
        code=text(file, section, "code", a["code"], ACTOR_CODE, ACTOR_CODE_ALLOWED),
        name=text(file, section, "name", a["name"]),
        colour=text(file, section, "colour", a["colour"], r"^#[0-9a-fA-F]{6}$", "#rrggbb"),
        marker=marker,
        capability=float(number(file, section, "capability", a["capability"], 0.1, 10.0)),
        prosperity=float(number(file, section, "prosperity", a["prosperity"], 0.1, 10.0)),
        bloc=text(file, section, "bloc", a["bloc"], r"^[a-z0-9\-]+$", "lower-case words joined by -"),
        x=float(number(file, section, "x", a["x"], 0.0, 1.0)),
        y=float(number(file, section, "y", a["y"], 0.0, 1.0)),
        doctrine=doctrine,
        nuclear=_flag(file, section, "nuclear", a.get("nuclear", False)),
    )


def _flag(file, section, key, value) -> bool:
    """A true/false setting."""
    if not isinstance(value, bool):
        raise LoadError(file, section, key, f"expected true or false, got {value!r}")
    return value


def _stake(file, k: int, s, actors: tuple[Actor, ...]) -> Stake:
    """The k-th [[stake]]: two parties of different blocs, a value, and the article's paragraphs
    that name it or, for a stake the article does not name, its source."""
    section = f"stake {k + 1}"
    table(file, section, None, s)
    if isinstance(s.get("id"), str):
        section = f"stake {s['id']}"
    reject_unknown(file, section, s, STAKE_KEYS)
    require_keys(file, section, s, ("id", "name", "parties", "value"))
    codes = [a.code for a in actors]
    parties = s["parties"]
    if (not isinstance(parties, list) or len(parties) != 2 or any(p not in codes for p in parties)
            or parties[0] == parties[1]):
        raise LoadError(file, section, "parties", f"expected two different actor codes (allowed: {', '.join(codes)})")
    i, j = codes.index(parties[0]), codes.index(parties[1])
    if actors[i].bloc == actors[j].bloc and actors[i].bloc != "non-aligned":
        raise LoadError(file, section, "parties", f"{parties[0]} and {parties[1]} are in the same bloc "
                        f"(allowed: actors of different blocs)")
    paragraphs = s.get("paragraphs", [])
    if not isinstance(paragraphs, list):
        raise LoadError(file, section, "paragraphs", "expected a list of paragraph numbers")
    paras = tuple(int(number(file, section, "paragraphs", p, 1, ARTICLE_PARAGRAPHS, integer=True)) for p in paragraphs)
    source = text(file, section, "source", s["source"]) if "source" in s else ""
    if not paras and not source:
        raise LoadError(file, section, "source", "a stake the article does not name needs its source "
                        "(allowed: paragraphs = [N, ...] or source = \"...\")")
    return Stake(id=text(file, section, "id", s["id"], NAME_PATTERN, NAME_ALLOWED),
                 name=text(file, section, "name", s["name"]), parties=(i, j),
                 value=float(number(file, section, "value", s["value"], 0.1, 10.0)), paragraphs=paras, source=source)


def _stakes(file, raw: dict, actors: tuple[Actor, ...]) -> tuple[Stake, ...]:
    """The [[stake]] tables, with distinct ids (none: a region with nothing to fight over)."""
    raw_stakes = raw.get("stake", [])
    if not isinstance(raw_stakes, list) or len(raw_stakes) > 64:
        raise LoadError(file, "stake", None, "expected up to 64 [[stake]] tables")
    stakes = tuple(_stake(file, k, s, actors) for k, s in enumerate(raw_stakes))
    no_duplicates(file, (s.id for s in stakes), "stake", "id")
    return stakes


def _actors(file, raw: dict) -> tuple[Actor, ...]:
    """The 2 to 16 [[actor]] tables, with distinct codes."""
    raw_actors = raw.get("actor")
    if not isinstance(raw_actors, list) or len(raw_actors) < 2:
        raise LoadError(file, "actor", None, "a scenario needs at least two [[actor]] tables")
    if len(raw_actors) > 16:
        raise LoadError(file, "actor", None, f"{len(raw_actors)} actors (allowed: 2 to 16)")
    actors = tuple(_actor(file, k, a) for k, a in enumerate(raw_actors))
    no_duplicates(file, (a.code for a in actors), "actor", "code")
    return actors


def _matrices(file, raw: dict, codes: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Trust (default 0.5, kept within 0.02 to 0.98 off the diagonal), alliance and ties (default 0)."""
    mats = table(file, "matrices", None, raw.get("matrices", {}))
    reject_unknown(file, "matrices", mats, set(MATRICES))
    n = len(codes)
    trust = _matrix(file, "trust", mats["trust"], codes, False, 1.0) if "trust" in mats else np.full((n, n), 0.5)
    alliance = _matrix(file, "alliance", mats["alliance"], codes, True, 0.0) if "alliance" in mats else np.zeros((n, n))
    ties = _matrix(file, "ties", mats["ties"], codes, True, 0.0) if "ties" in mats else np.zeros((n, n))
    trust = np.clip(trust, 0.02, 0.98)
    np.fill_diagonal(trust, 1.0)
    return trust, alliance, ties


def _profiles(file, raw: dict, codes: list[str]) -> dict[str, tuple[str, ...]]:
    """The [profiles] table: each name's doctrine per actor, in actor order, from its codes and default."""
    profiles_raw = table(file, "profiles", None, raw.get("profiles", {}),
                         "expected a table of name = { CODE = doctrine, default = doctrine }")
    profiles = {}
    for pname, entry in profiles_raw.items():
        section = f"profiles.{pname}"
        table(file, "profiles", pname, entry, "expected an inline table { CODE = doctrine, default = doctrine }")
        for key, value in entry.items():
            if key != "default" and key not in codes:
                raise LoadError(file, section, key, f"unknown actor code (allowed: {', '.join(codes)}, default)")
            choice(file, section, key, value, DOCTRINE_NAMES, "doctrine")
        default = entry.get("default", "dialogue")
        profiles[pname] = tuple(entry.get(c, default) for c in codes)
    return profiles


def _deck_path(file, deck_name) -> Path:
    """Where the [scenario] deck lives: a name in assets/cards/, or a .toml path beside the scenario."""
    if not isinstance(deck_name, str):
        raise LoadError(file, "scenario", "deck", "expected the name of a deck in assets/cards/")
    deck_path = Path(deck_name)
    if not deck_path.suffix:
        deck_path = CARDS / f"{deck_name}.toml"
    elif not deck_path.is_absolute():
        deck_path = Path(file).parent / deck_path
    if not deck_path.exists():
        available = ", ".join(p.stem for p in sorted(CARDS.glob("*.toml")))
        raise LoadError(file, "scenario", "deck", f"no deck {deck_name!r} (allowed: {available})")
    return deck_path


def _deck(file, head: dict, deck_override: Deck | None):
    """The deck's name and cards: the override if given, else the [scenario] deck, else none."""
    if deck_override is not None:
        return deck_override.name, deck_override.cards
    deck_name = head.get("deck", "")
    if not deck_name:
        return deck_name, ()
    return deck_name, load_deck(_deck_path(file, deck_name)).cards


def _check_card_codes(file, deck_name, cards: tuple[Card, ...], codes: list[str]) -> None:
    """Every actor code a card's effects name is one of the scenario's."""
    for card in cards:
        unknown = card.codes() - set(codes)
        if unknown:
            raise LoadError(file, f"deck {deck_name}: card {card.id}", "effect",
                            f"unknown actor code {sorted(unknown)[0]!r} (allowed: {', '.join(codes)}, *)")


def load_scenario(name_or_path, deck_override: Deck | None = None) -> Scenario:
    """The checked scenario at a path, or with a shipped or saved name; deck_override replaces its deck."""
    path = resolve_path(name_or_path)
    raw = read_toml(path)
    reject_unknown(path, None, raw, SECTIONS)
    head = table(path, "scenario", None, raw.get("scenario"), "missing section (it needs at least name and turns)")
    reject_unknown(path, "scenario", head, SCENARIO_KEYS)
    settings = _settings(path, head)
    worldview = _worldview(path, raw, settings.pop("preset"))
    end = _end_rules(path, raw)
    actors = _actors(path, raw)
    stakes = _stakes(path, raw, actors)
    codes = [a.code for a in actors]
    trust, alliance, ties = _matrices(path, raw, codes)
    profiles = _profiles(path, raw, codes)
    deck_name, cards = _deck(path, head, deck_override)
    _check_card_codes(path, deck_name, cards, codes)
    return Scenario(
        title=str(head.get("title", settings["name"])), description=str(head.get("description", "")),
        actors=actors, trust=trust, alliance=alliance, ties=ties, worldview=worldview, cards=cards,
        deck_name=str(deck_name), end=end, profiles=profiles, path=str(path), stakes=stakes, **settings,
    )
