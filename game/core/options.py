"""The options a run is given, from the command line or the window, checked once: the scenario
with its worldview and overrides, seeds, turns, games, doctrines, worldviews and worker counts.
A bad option raises UsageError with one line naming the option and what is allowed."""
from __future__ import annotations

from . import params as P
from .pool import cores
from .rng import MAX_SEED
from .scenario import DOCTRINE_NAMES, MAX_TURNS, Scenario, load_scenario

MAX_GAMES = 1_000_000


class UsageError(Exception):
    """Bad arguments: reported as one line, exit code 2."""


def scenario_from_args(args) -> Scenario:
    """The scenario named by --scenario, with --worldview, --set and --turns applied."""
    sc = load_scenario(args.scenario)
    if getattr(args, "worldview", None):
        sc = sc.with_worldview(preset_worldview(sc, check_worldview(args.worldview, "--worldview")))
    sets = parse_sets(getattr(args, "set", None) or [])
    if sets:
        sc = sc.with_worldview(sc.worldview.with_values(**sets))
    if getattr(args, "turns", None) is not None:
        sc = sc.with_turns(check_turns(args.turns))
    return sc


def preset_worldview(sc: Scenario, preset: str, sets: dict | None = None) -> P.Worldview:
    """A preset as this scenario plays it: the scenario's own [worldview] values apply wherever
    its own preset is used, then any --set values."""
    overrides = sc.worldview.overrides() if preset == sc.worldview.preset else {}
    return P.Worldview.from_preset(preset, {**overrides, **(sets or {})})


def check_worldview(name: str, option: str) -> str:
    if name not in P.PRESETS:
        raise UsageError(f"{option}: unknown worldview {name!r} (allowed: {', '.join(P.PRESET_NAMES)})")
    return name


def check_seed(seed: int, games: int = 1) -> int:
    """A seed, or the first of `games` consecutive seeds, within 0..MAX_SEED."""
    last = MAX_SEED - (games - 1)
    if not 0 <= seed <= last:
        raise UsageError(f"--seed: {seed} is out of range (allowed: 0 to {last})")
    return seed


def check_turns(turns: int) -> int:
    if not 1 <= turns <= MAX_TURNS:
        raise UsageError(f"--turns: {turns} is out of range (allowed: 1 to {MAX_TURNS})")
    return turns


def check_games(n: int) -> int:
    if not 1 <= n <= MAX_GAMES:
        raise UsageError(f"--games: {n} is out of range (allowed: 1 to {MAX_GAMES})")
    return n


def check_workers(n: int) -> int:
    """Worker processes: 0 means one per core; more than the cores are refused."""
    limit = cores()
    if not 0 <= n <= limit:
        raise UsageError(f"--workers: {n} is out of range (allowed: 0 for one per core, or 1 to {limit})")
    return n


def parse_sets(items: list[str]) -> dict[str, float]:
    out = {}
    for item in items:
        try:
            name, value = P.parse_assignment(item)
        except P.ParamError as exc:
            raise UsageError(f"--set: {exc}") from None
        out[name] = value
    return out


def doctrines_from_args(sc: Scenario, args, allow_human=False) -> list[str]:
    """Each actor's doctrine from --doctrine-all and --doctrine CODE=DOCTRINE, else the scenario's."""
    allowed = DOCTRINE_NAMES + (("human",) if allow_human else ())
    doctrines = sc.default_doctrines()
    if args.doctrine_all:
        if args.doctrine_all not in allowed:
            raise UsageError(f"--doctrine-all: unknown doctrine {args.doctrine_all!r} (allowed: {', '.join(allowed)})")
        doctrines = [args.doctrine_all] * sc.n
    for item in args.doctrine or []:
        code, sep, name = item.partition("=")
        if not sep:
            raise UsageError(f"--doctrine: expected CODE=DOCTRINE, got {item!r}")
        if code not in sc.codes:
            raise UsageError(f"--doctrine: unknown actor {code!r} (allowed: {', '.join(sc.codes)})")
        if name not in allowed:
            raise UsageError(f"--doctrine: unknown doctrine {name!r} (allowed: {', '.join(allowed)})")
        doctrines[sc.index(code)] = name
    return doctrines


def name_list(text: str, option: str, check) -> list[str]:
    """A comma-separated list: at least one name, none twice, each passed through check(name)."""
    names = [d.strip() for d in text.split(",") if d.strip()]
    if not names:
        raise UsageError(f"{option}: give at least one name")
    for d in names:
        if names.count(d) > 1:
            raise UsageError(f"{option}: {d!r} is named more than once")
        check(d)
    return names


def lab_doctrines(sc: Scenario, text: str) -> list[str]:
    """--doctrines for compare and sweep: doctrines or profiles of the scenario."""
    allowed = list(DOCTRINE_NAMES) + list(sc.profiles)

    def check(d):
        if d not in allowed:
            raise UsageError(f"--doctrines: unknown doctrine or profile {d!r} (allowed: {', '.join(allowed)})")
    return name_list(text, "--doctrines", check)


def lab_worldviews(text: str) -> list[str]:
    """--worldviews for compare: worldview presets."""
    return name_list(text, "--worldviews", lambda w: check_worldview(w, "--worldviews"))
