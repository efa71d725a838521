"""The options a run is given, from the command line or the window, checked once: the scenario
with its worldview and overrides, seeds, turns, games, doctrines, worldviews and worker counts.
Options arrive as plain values (the command line and the window read their own arguments). A bad
option raises UsageError with one line naming the option and what is allowed."""

from __future__ import annotations

import math
import os
import re
import tempfile
from pathlib import Path

from ..model import params as P
from .pool import cores
from ..model.rng import MAX_SEED
from ..files.atomic import kept_file_problem
from ..files.paths import shown_path
from ..files.scenario import DOCTRINE_NAMES, MAX_TURNS, load_scenario
from ..files.tempfiles import TEMPORARY_EXTRA
from ..model.world import Scenario

MAX_GAMES = 1_000_000
MAX_SIZE = (7680, 4320)  # the largest window: an 8K screen
MAX_NAME_BYTES = 255  # a file name, as most file systems allow
MAX_PATH_BYTES = 4096
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?")  # no underscores, no nan or inf
INTEGER = re.compile(r"[+-]?\d{1,30}")


class UsageError(Exception):
    """Bad arguments: reported as one line, exit code 2."""


def chosen_scenario(
    scenario: str, worldview: str | None = None, sets: list[str] | None = None, turns: int | None = None
) -> Scenario:
    """The scenario named by --scenario, with --worldview (a preset), --set and --turns applied."""
    sc = load_scenario(scenario)
    if worldview:
        sc = sc.with_worldview(preset_worldview(sc, check_worldview(worldview, "--worldview")))
    values = parse_sets(sets or [])
    if values:
        sc = sc.with_worldview(sc.worldview.with_values(**values))
    if turns is not None:
        sc = sc.with_turns(check_turns(turns))
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


def integer(text: str) -> int:
    """An integer option's text: digits only (int() would also take 1_0 and spaces)."""
    if not isinstance(text, str) or not INTEGER.fullmatch(text):
        raise ValueError(text)
    return int(text)


integer.__name__ = "int"  # argparse names the type in its message: "invalid int value"


def number(text: str) -> float:
    """A number option's text: a finite decimal number (float() would also take 1_0, nan and inf)."""
    if not isinstance(text, str) or not NUMBER.fullmatch(text):
        raise ValueError(text)
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


number.__name__ = "float"


def check_number_text(text: str, option: str, what: str) -> None:
    if not NUMBER.fullmatch(text):
        raise UsageError(f"{option}: {what}: {text[:40]!r} is not a number (allowed: decimal numbers such as 0.3)")


def check_size(text: str) -> tuple[int, int]:
    """--size WIDTHxHEIGHT, each within what a screen holds (up to MAX_SIZE)."""
    match = re.fullmatch(r"(\d{1,5})[xX](\d{1,5})", text or "")
    allowed = f"allowed: WIDTHxHEIGHT from 1x1 to {MAX_SIZE[0]}x{MAX_SIZE[1]}"
    if not match:
        raise UsageError(f"--size: expected WIDTHxHEIGHT such as 1280x720, got {text[:40]!r} ({allowed})")
    w, h = int(match[1]), int(match[2])
    if not (1 <= w <= MAX_SIZE[0] and 1 <= h <= MAX_SIZE[1]):
        raise UsageError(f"--size: {w}x{h} is out of range ({allowed})")
    return w, h


def _writable_folder(folder: Path, option: str, shown: str) -> None:
    """Refuse unless a file can be created in folder: try a temporary one, removed at once."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".dod-check.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UsageError(
            f"{option}: {shown}: cannot write in {shown_path(str(folder)[:200])} ({exc.strerror or exc}; "
            f"allowed: a writable folder)"
        ) from None
    os.close(fd)
    os.unlink(tmp)


def _path_text(path, option: str) -> str:
    text = os.fspath(path) if isinstance(path, (str, os.PathLike)) else None
    if not text or "\x00" in text:
        raise UsageError(f"{option}: expected a file path, got {str(path)[:40]!r}")
    if len(os.fsencode(text)) > MAX_PATH_BYTES:
        raise UsageError(f"{option}: path too long ({len(os.fsencode(text))} bytes, allowed: up to {MAX_PATH_BYTES})")
    parts = Path(text).parts
    for k, part in enumerate(parts):
        # the file or folder written is first written under a temporary name beside it, which is longer
        limit = MAX_NAME_BYTES - (TEMPORARY_EXTRA if k == len(parts) - 1 else 0)
        if len(os.fsencode(part)) > limit:
            raise UsageError(
                f"{option}: name too long ({len(os.fsencode(part))} bytes in {shown_path(part[:40])}…, "
                f"allowed: up to {limit} bytes {'for the name written' if limit < MAX_NAME_BYTES else 'a name'})"
            )
    return text


def check_output_file(path, option: str) -> Path:
    """A file the command will write (atomically): not a folder, not a device or FIFO, a name
    the file system takes, in an existing folder where a file can be created."""
    text = _path_text(path, option)
    p = Path(text)
    shown = shown_path(text[:200])
    if os.path.isdir(p):
        raise UsageError(f"{option}: {shown} is a folder (allowed: a file path)")
    if os.path.lexists(p) and not os.path.isfile(p):
        raise UsageError(
            f"{option}: {shown} is not a regular file (a device, FIFO or broken link; allowed: a file path)"
        )
    parent = p.parent
    if not os.path.exists(parent):
        raise UsageError(
            f"{option}: {shown}: the folder {shown_path(str(parent)[:200])} does not exist "
            "(allowed: a file in an existing folder)"
        )
    if not os.path.isdir(parent):
        raise UsageError(
            f"{option}: {shown}: {shown_path(str(parent)[:200])} is not a folder "
            "(allowed: a file in an existing folder)"
        )
    _writable_folder(parent, option, shown)
    problem = kept_file_problem(p)
    if problem:
        raise UsageError(f"{option}: {shown} {problem} (allowed: a file you may replace, or a new name)")
    return p


def check_output_folder(path, option: str) -> Path:
    """A folder the command will write files into: an existing folder where files can be
    created, or a new one (made by the command) in such a folder."""
    text = _path_text(path, option)
    p = Path(text)
    shown = shown_path(text[:200])
    if os.path.isdir(p):
        _writable_folder(p, option, shown)
        return p
    if os.path.lexists(p):
        raise UsageError(f"{option}: {shown} is not a folder (allowed: a folder, made if it does not exist)")
    parent = p.parent
    if not os.path.exists(parent):
        raise UsageError(
            f"{option}: {shown}: the folder {shown_path(str(parent)[:200])} does not exist "
            f"(allowed: a folder in an existing folder)"
        )
    if not os.path.isdir(parent):
        raise UsageError(
            f"{option}: {shown}: {shown_path(str(parent)[:200])} is not a folder "
            "(allowed: a folder in an existing folder)"
        )
    _writable_folder(parent, option, shown)
    return p


def parse_sets(items: list[str]) -> dict[str, float]:
    out = {}
    for item in items:
        name, sep, raw = item.partition("=")
        if sep and name.strip() in P.SPEC:
            check_number_text(raw, "--set", name.strip())
        try:
            name, value = P.parse_assignment(item)
        except P.ParamError as exc:
            raise UsageError(f"--set: {exc}") from None
        out[name] = value
    return out


def chosen_doctrines(
    sc: Scenario, doctrine_all: str | None = None, doctrine: list[str] | None = None, allow_human: bool = False
) -> list[str]:
    """Each actor's doctrine from --doctrine-all and --doctrine CODE=DOCTRINE, else the scenario's."""
    allowed = DOCTRINE_NAMES + (("human",) if allow_human else ())
    doctrines = sc.default_doctrines()
    if doctrine_all:
        if doctrine_all not in allowed:
            raise UsageError(f"--doctrine-all: unknown doctrine {doctrine_all!r} (allowed: {', '.join(allowed)})")
        doctrines = [doctrine_all] * sc.n
    for k, name in per_seat(sc, doctrine, "--doctrine", allowed, "doctrine").items():
        doctrines[k] = name
    return doctrines


def per_seat(sc: Scenario, items: list[str] | None, option: str, allowed, noun: str) -> dict[int, str]:
    """CODE=NAME items of option (--doctrine, --stance, --backing): actor index -> name, each name one of
    allowed; the last item for an actor counts."""
    chosen = {}
    for item in items or []:
        code, sep, name = item.partition("=")
        if not sep:
            raise UsageError(f"{option}: expected CODE={noun.upper()}, got {item!r}")
        if code not in sc.codes:
            raise UsageError(f"{option}: unknown actor {code!r} (allowed: {', '.join(sc.codes)})")
        if name not in allowed:
            raise UsageError(f"{option}: unknown {noun} {name!r} (allowed: {', '.join(allowed)})")
        chosen[sc.index(code)] = name
    return chosen


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


def seat_policies(sc: Scenario, everyone: str | None, items: list[str] | None, option: str, allowed) -> dict[int, str]:
    """--stance/--backing CODE=POLICY (and --stance-all/--backing-all POLICY): actor index -> policy."""
    chosen = {}
    if everyone is not None:
        if everyone not in allowed:
            raise UsageError(f"{option}-all: unknown policy {everyone!r} (allowed: {', '.join(allowed)})")
        chosen = dict.fromkeys(range(sc.n), everyone)
    return chosen | per_seat(sc, items, option, allowed, "policy")


def chosen_plans(sc: Scenario, args) -> tuple[dict[int, str], dict[int, str]]:
    """The stance and backing policies the options give per seat (empty when none is given)."""
    from ..model.plans import BACKINGS, STANCES

    stance = seat_policies(sc, getattr(args, "stance_all", None), getattr(args, "stance", None), "--stance", STANCES)
    backing = seat_policies(
        sc, getattr(args, "backing_all", None), getattr(args, "backing", None), "--backing", BACKINGS
    )
    return stance, backing
