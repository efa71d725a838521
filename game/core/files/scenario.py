"""Scenarios: TOML in, checked against the declared schema (ScenarioFile), frozen objects out."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import numpy as np

from ..model import params
from . import schema
from .cards import Card, Deck, load_deck
from .checks import ACTOR_CODE, ACTOR_CODE_ALLOWED, read_toml
from ..model.doctrines import DOCTRINES
from ..model.errors import LoadError
from ..model.world import Actor, EndRules, Scenario, Stake
from .paths import CARDS, SCENARIOS
from ..model.rng import MAX_SEED
from .schema import Problem, flag, items, number, one_of, text

MARKERS = ("circle", "square", "triangle", "diamond", "pentagon", "hexagon", "star", "cross")
DOCTRINE_NAMES = tuple(DOCTRINES)
SECTIONS = {"scenario", "worldview", "end", "actor", "matrices", "profiles", "stake"}
ARTICLE_PARAGRAPHS = 13
NAME_PATTERN = r"^[A-Za-z0-9_\-]{1,64}\Z"
NAME_ALLOWED = "1 to 64 letters, digits, _ and -"
END_DEFAULTS = {
    "lockin_threshold": 60.0,
    "lockin_turns": 5,
    "community_trust": 0.7,
    "community_tension": 25.0,
    "community_turns": 5,
}
END_RANGES = {
    "lockin_threshold": (0, 100),
    "lockin_turns": (1, 1000),
    "community_trust": (0, 1),
    "community_tension": (0, 100),
    "community_turns": (1, 1000),
}
MATRICES = ("trust", "alliance", "ties")
MAX_TURNS = 500
MAX_ACTORS = 16
MAX_STAKES = 64
MAX_PROFILES = 64


def list_scenarios() -> list[Path]:
    """The shipped scenarios, then those saved from the sandbox in the user data folder."""
    from .paths import user_scenarios_dir

    user = user_scenarios_dir()
    try:
        mine = sorted(user.glob("*.toml")) if user.is_dir() else []
    except OSError:
        mine = []
    return sorted(SCENARIOS.glob("*.toml")) + mine


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):  # a name too long for the file system, a NUL byte
        return False


def _named(name: str) -> Path | None:
    """The shipped or saved scenario with this name, if there is one."""
    from .paths import user_scenarios_dir

    if not isinstance(name, str) or not re.fullmatch(NAME_PATTERN, name):
        return None
    for folder in (SCENARIOS, user_scenarios_dir()):
        candidate = folder / f"{name}.toml"
        if _exists(candidate):
            return candidate
    return None


def resolve_path(name_or_path) -> Path:
    """The file for a path, or for the name of a shipped or saved scenario."""
    if not isinstance(name_or_path, (str, Path)):
        raise LoadError("scenario", None, None, f"expected a name or a path, got {schema.shown(name_or_path)}")
    path = Path(name_or_path)
    if path.suffix == ".toml" or _exists(path):
        return path
    found = _named(str(name_or_path))
    if found is not None:
        return found
    names = ", ".join(p.stem for p in list_scenarios())
    raise LoadError(
        schema.cut(str(name_or_path)), None, None, f"no such scenario (allowed: {names}, or a path to a .toml file)"
    )


# ---------------------------------------------------------------------- the declared schema
def _fraction_cells(name: str):
    """A [matrices] entry: an array of arrays of numbers from 0 to 1 (its shape is checked against the actors)."""

    def check(_, attr, value):
        if value is None:
            return
        for r, row in enumerate(value):
            for c, v in enumerate(row):
                if not 0.0 <= v <= 1.0:
                    raise Problem(f"{schema.shown(v)} is out of range (allowed: 0 to 1)", (attr.name, r, c))

    return attrs.field(default=None, validator=check, metadata={"allowed": "an array of arrays of numbers from 0 to 1"})


def _paragraph(_, value) -> None:
    if not 1 <= value <= ARTICLE_PARAGRAPHS:
        raise Problem(f"{value} is out of range (allowed: 1 to {ARTICLE_PARAGRAPHS})")


@attrs.define(kw_only=True)
class ScenarioHead:
    """[scenario]"""

    name: str = text(NAME_PATTERN, NAME_ALLOWED, max_len=64)
    title: str = text(max_len=120, default="", blank=True)
    description: str = text(max_len=schema.MAX_TEXT, default="", blank=True, lines=True)
    turns: int = number(1, MAX_TURNS, default=30)
    worldview: str = one_of(params.PRESET_NAMES, "worldview", default="spiral-world")
    deck: str = text(
        r"[^\x00]*", "the name of a deck in assets/cards/, or a .toml path", max_len=255, default="", blank=True
    )
    dynamics: bool = flag(default=True)
    seed: int = number(0, MAX_SEED, default=1)
    hidden_prior: float = number(0.0, 1.0, default=0.5)


@attrs.define(kw_only=True)
class EndTable:
    """[end]: lock-in and community thresholds."""

    lockin_threshold: float = number(*END_RANGES["lockin_threshold"], default=END_DEFAULTS["lockin_threshold"])
    lockin_turns: int = number(*END_RANGES["lockin_turns"], default=END_DEFAULTS["lockin_turns"])
    community_trust: float = number(*END_RANGES["community_trust"], default=END_DEFAULTS["community_trust"])
    community_tension: float = number(*END_RANGES["community_tension"], default=END_DEFAULTS["community_tension"])
    community_turns: int = number(*END_RANGES["community_turns"], default=END_DEFAULTS["community_turns"])


@attrs.define(kw_only=True)
class ActorEntry:
    """One [[actor]]."""

    code: str = text(ACTOR_CODE, ACTOR_CODE_ALLOWED, max_len=8)
    name: str = text(max_len=60)
    colour: str = text(r"#[0-9a-fA-F]{6}", "#rrggbb", max_len=7)
    marker: str = one_of(MARKERS, "marker")
    capability: float = number(0.1, 10.0)
    prosperity: float = number(0.1, 10.0)
    bloc: str = text(r"[a-z0-9\-]+", "lower-case words joined by -", max_len=40)
    x: float = number(0.0, 1.0)
    y: float = number(0.0, 1.0)
    doctrine: str = one_of(DOCTRINE_NAMES, "doctrine", default="reciprocity")
    nuclear: bool = flag(default=False)


@attrs.define(kw_only=True)
class StakeEntry:
    """One [[stake]]: two parties, a value, and the article's paragraphs that name it or its source."""

    id: str = text(NAME_PATTERN, NAME_ALLOWED, max_len=64)
    name: str = text(max_len=80)
    parties: list[str] = items(2, 2, "parties", allowed="two different actor codes")
    value: float = number(0.1, 10.0)
    paragraphs: list[int] = items(0, ARTICLE_PARAGRAPHS, "paragraphs", default=list, check_each=_paragraph)
    source: str = text(max_len=400, default="", blank=True)


@attrs.define(kw_only=True)
class MatricesTable:
    """[matrices]: rows and columns in actor order."""

    trust: list[list[float]] = _fraction_cells("trust")
    alliance: list[list[float]] = _fraction_cells("alliance")
    ties: list[list[float]] = _fraction_cells("ties")


def _doctrines(_, entry) -> None:
    for key, value in entry.items():
        if value not in DOCTRINE_NAMES:
            raise Problem(f"unknown doctrine {schema.shown(value)} (allowed: {', '.join(DOCTRINE_NAMES)})", (key,))


@attrs.define(kw_only=True)
class ScenarioFile:
    """A scenario file as a whole; the checks across sections run once every section is read."""

    MISSING = "missing section"
    scenario: ScenarioHead
    actor: list[ActorEntry] = items(2, MAX_ACTORS, "actors", allowed=f"2 to {MAX_ACTORS} [[actor]] tables")
    worldview: dict[str, float] = items(
        0,
        len(params.NAMES),
        "parameters",
        default=dict,
        check_each=schema.parameter,
        allowed="a table of parameter = value",
    )
    end: EndTable = attrs.field(factory=EndTable)
    stake: list[StakeEntry] = items(
        0, MAX_STAKES, "stakes", default=list, allowed=f"up to {MAX_STAKES} [[stake]] tables"
    )
    matrices: MatricesTable = attrs.field(factory=MatricesTable)
    profiles: dict[str, dict[str, str]] = items(
        0,
        MAX_PROFILES,
        "profiles",
        default=dict,
        check_each=_doctrines,
        allowed="a table of name = { CODE = doctrine, default = doctrine }",
    )

    def __attrs_post_init__(self):
        codes = [a.code for a in self.actor]
        _unique(codes, "actor", "code")
        for name in MATRICES:
            _matrix_shape(name, getattr(self.matrices, name), codes, symmetric=name != "trust")
        for k, s in enumerate(self.stake):
            _stake_parties(k, s, self.actor)
        _unique([s.id for s in self.stake], "stake", "id")
        for pname, entry in self.profiles.items():
            if not re.fullmatch(NAME_PATTERN, pname):
                raise Problem(f"{schema.shown(pname)} is not allowed (allowed: {NAME_ALLOWED})", ("profiles", pname))
            if pname in DOCTRINE_NAMES:  # compare and the lab would take the profile for the doctrine
                raise Problem(
                    f"{pname} is a doctrine's name (allowed: a name no doctrine has; not {', '.join(DOCTRINE_NAMES)})",
                    ("profiles", pname),
                )
            for key in entry:
                if key != "default" and key not in codes:
                    raise Problem(
                        f"unknown actor code (allowed: {', '.join(codes)}, default)", ("profiles", pname, key)
                    )


def _unique(values, section: str, key: str) -> None:
    seen = set()
    for k, value in enumerate(values):
        if value in seen:
            raise Problem(f"duplicate {key} (allowed: each {key} once)", (section, k, key))
        seen.add(value)


def _matrix_shape(name, m, codes, symmetric: bool) -> None:
    n = len(codes)
    if m is None:
        return
    if len(m) != n or any(len(row) != n for row in m):
        raise Problem(
            f"expected a {n}×{n} array of arrays (rows and columns in actor order: {', '.join(codes)})",
            ("matrices", name),
        )
    if symmetric:
        a = np.array(m, dtype=np.float64)
        bad = np.argwhere(np.abs(a - a.T) > 1e-12)
        if len(bad):
            r, c = bad[0]
            raise Problem(
                f"not symmetric: {codes[r]}→{codes[c]} is {a[r, c]:g} but {codes[c]}→{codes[r]} is "
                f"{a[c, r]:g} (allowed: a symmetric matrix)",
                ("matrices", name),
            )


def _stake_parties(k: int, s: StakeEntry, actors) -> None:
    codes = [a.code for a in actors]
    parties = s.parties
    if any(p not in codes for p in parties) or parties[0] == parties[1]:
        raise Problem(f"expected two different actor codes (allowed: {', '.join(codes)})", ("stake", k, "parties"))
    i, j = codes.index(parties[0]), codes.index(parties[1])
    if actors[i].bloc == actors[j].bloc and actors[i].bloc != "non-aligned":
        raise Problem(
            f"{parties[0]} and {parties[1]} are in the same bloc (allowed: actors of different blocs)",
            ("stake", k, "parties"),
        )
    if not s.paragraphs and not s.source.strip():
        raise Problem(
            'a stake the article does not name needs its source (allowed: paragraphs = [N, ...] or source = "...")',
            ("stake", k, "source"),
        )


def where(path: tuple, raw) -> tuple[str | None, str | None]:
    """A scenario's [section] and key for a path: [actor CODE], [stake ID], [matrices] trust[A][B], [profiles.NAME]."""
    if not path:
        return None, None
    head = path[0]
    if len(path) == 1:
        return (head, None) if head in SECTIONS else (None, str(head))
    if head in ("actor", "stake") and isinstance(path[1], int):
        return f"{head} {schema.label(schema.lookup(raw, path[:2]), path[1])}", schema.dotted(path[2:])
    if head == "matrices" and len(path) >= 3:
        actors = raw.get("actor") if isinstance(raw, dict) else None
        codes = [schema.label(a, k) for k, a in enumerate(actors)] if isinstance(actors, list) else []
        cells = "".join(f"[{codes[i] if isinstance(i, int) and i < len(codes) else i}]" for i in path[2:])
        return "matrices", f"{path[1]}{cells}"
    if head == "profiles" and len(path) >= 3:
        return f"profiles.{path[1]}", schema.dotted(path[2:])
    return str(head), schema.dotted(path[1:])


# ---------------------------------------------------------------------- from the file to a Scenario
def _deck_path(file, deck_name: str) -> Path:
    """Where the [scenario] deck lives: a name in assets/cards/, or a .toml path beside the scenario."""
    deck_path = Path(deck_name)
    if not deck_path.suffix:
        deck_path = CARDS / f"{deck_name}.toml"
    elif not deck_path.is_absolute():
        deck_path = Path(file).parent / deck_path
    if not _exists(deck_path):
        available = ", ".join(p.stem for p in sorted(CARDS.glob("*.toml")))
        raise LoadError(file, "scenario", "deck", f"no deck {schema.shown(deck_name)} (allowed: {available})")
    return deck_path


def _deck(file, deck_name: str, deck_override: Deck | None):
    """The deck's name and cards: the override if given, else the [scenario] deck, else none."""
    if deck_override is not None:
        return deck_override.name, deck_override.cards
    if not deck_name:
        return deck_name, ()
    try:
        return deck_name, load_deck(_deck_path(file, deck_name)).cards
    except LoadError as exc:  # name the scenario that named the deck, then the deck's own line
        if exc.file == str(file):
            raise
        raise LoadError(file, "scenario", "deck", str(exc)) from None


def _check_card_codes(file, deck_name, cards: tuple[Card, ...], codes: list[str]) -> None:
    """Every actor code a card's effects name is one of the scenario's."""
    for card in cards:
        unknown = card.codes() - set(codes)
        if unknown:
            raise LoadError(
                file,
                f"deck {deck_name}: card {card.id}",
                "effect",
                f"unknown actor code {sorted(unknown)[0]!r} (allowed: {', '.join(codes)}, *)",
            )


def _matrices(m: MatricesTable, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Trust (default 0.5, kept within 0.02 to 0.98 off the diagonal), alliance and ties (default 0)."""

    def array(raw, fill, diagonal):
        a = np.full((n, n), fill) if raw is None else np.array(raw, dtype=np.float64)
        np.fill_diagonal(a, diagonal)
        return a

    trust = np.clip(array(m.trust, 0.5, 1.0), 0.02, 0.98)
    np.fill_diagonal(trust, 1.0)
    return trust, array(m.alliance, 0.0, 0.0), array(m.ties, 0.0, 0.0)


def _actor(a: ActorEntry) -> Actor:
    return Actor(
        code=a.code,
        name=a.name,
        colour=a.colour,
        marker=a.marker,
        capability=float(a.capability),
        prosperity=float(a.prosperity),
        bloc=a.bloc,
        x=float(a.x),
        y=float(a.y),
        doctrine=a.doctrine,
        nuclear=a.nuclear,
    )


def load_scenario(name_or_path, deck_override: Deck | None = None) -> Scenario:
    """The checked scenario at a path, or with a shipped or saved name; deck_override replaces its deck."""
    path = resolve_path(name_or_path)
    raw = read_toml(path)
    f = schema.structure(raw, ScenarioFile, path, where)
    head = f.scenario
    actors = tuple(_actor(a) for a in f.actor)
    codes = [a.code for a in actors]
    stakes = tuple(
        Stake(
            id=s.id,
            name=s.name,
            parties=(codes.index(s.parties[0]), codes.index(s.parties[1])),
            value=float(s.value),
            paragraphs=tuple(s.paragraphs),
            source=s.source,
        )
        for s in f.stake
    )
    trust, alliance, ties = _matrices(f.matrices, len(codes))
    profiles = {
        pname: tuple(entry.get(c, entry.get("default", "dialogue")) for c in codes)
        for pname, entry in f.profiles.items()
    }
    deck_name, cards = _deck(path, head.deck, deck_override)
    _check_card_codes(path, deck_name, cards, codes)
    try:
        worldview = params.Worldview.from_preset(head.worldview, f.worldview)
    except params.ParamError as exc:
        raise LoadError(path, "worldview", None, str(exc)) from None
    end = EndRules(**{k: getattr(f.end, k) for k in END_DEFAULTS})
    return Scenario(
        name=head.name,
        title=head.title or head.name,
        description=head.description,
        actors=actors,
        trust=trust,
        alliance=alliance,
        ties=ties,
        turns=head.turns,
        worldview=worldview,
        cards=cards,
        deck_name=str(deck_name),
        dynamics=head.dynamics,
        end=end,
        profiles=profiles,
        path=str(path),
        seed=head.seed,
        stakes=stakes,
        hidden_prior=head.hidden_prior,
    )
