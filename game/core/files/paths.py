"""Where the project's data lives: the shipped files, read through importlib.resources, and the
user's own folders (saves, exports, scenarios, settings), placed by platformdirs."""

from __future__ import annotations

import json
import math
import os
import re
import stat
import sys
from importlib import resources
from pathlib import Path

APP_FOLDER = "deterrence-or-dialogue"
MAX_FILE_BYTES = 4 * 1024 * 1024  # the largest scenario, deck or save the game reads
NOT_FOUND = "file not found"  # what FileProblem says of a file that is not there


def _shipped(name: str) -> Path:
    """A folder of shipped data: game/<name> when the game is installed as a package (pip puts
    assets/ and seeds/ there), else <name>/ beside game/ in a checkout of the repository."""
    try:
        folder = resources.files(f"game.{name}")
    except ModuleNotFoundError:
        folder = resources.files("game") / ".." / name
    return Path(os.fspath(folder)).resolve()


ASSETS = _shipped("assets")
SEEDS = _shipped("seeds")
ROOT = ASSETS.parent  # the folder that holds assets/ and seeds/: records keep paths relative to it
SCENARIOS = ASSETS / "scenarios"
CARDS = ASSETS / "cards"
THEME = ASSETS / "theme.json"
ARTICLE = SEEDS / "000_3c3c7867f6d4a3de.txt"


def user_data_dir() -> Path:
    """Saves, exports and the sandbox's scenarios: $DOD_DATA_DIR if set, else the system's user
    data folder (Linux: $XDG_DATA_HOME or ~/.local/share; macOS: ~/Library/Application Support;
    Windows: %LOCALAPPDATA%), each with a deterrence-or-dialogue folder."""
    explicit = os.environ.get("DOD_DATA_DIR")
    if explicit:
        return Path(explicit)
    import platformdirs

    return platformdirs.user_data_path(APP_FOLDER, appauthor=False)


def user_config_dir() -> Path:
    """The settings folder: $DOD_CONFIG_DIR if set, else the system's user config folder (Linux:
    $XDG_CONFIG_HOME or ~/.config; macOS: ~/Library/Application Support; Windows: %LOCALAPPDATA%)."""
    explicit = os.environ.get("DOD_CONFIG_DIR")
    if explicit:
        return Path(explicit)
    import platformdirs

    return platformdirs.user_config_path(APP_FOLDER, appauthor=False)


def user_scenarios_dir() -> Path:
    return user_data_dir() / "scenarios"


def shipped_scenarios() -> list[Path]:
    """The scenario files that come with the game."""
    return sorted(SCENARIOS.glob("*.toml"))


def shipped_decks() -> list[Path]:
    """The event decks that come with the game."""
    return sorted(CARDS.glob("*.toml"))


def user_folders() -> list[Path]:
    """The user's own folders: the data folder (saves, exports, scenarios) and the settings folder."""
    return [user_data_dir(), user_config_dir()]


def inside(path, folders) -> bool:
    """Whether path, with every link followed, lies inside one of folders."""
    try:
        real = Path(os.path.realpath(path))
        return any(real.is_relative_to(Path(os.path.realpath(f))) for f in folders)
    except (OSError, ValueError):
        return False


def read_limited(path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes. Anything else (missing, a folder, a
    device such as /dev/zero, a FIFO, a socket, too large, unreadable) raises FileProblem with
    what is wrong. A FIFO is opened without blocking and refused, so reading never waits."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        if os.path.isdir(path):
            raise FileProblem("is a folder, not a file")
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise FileProblem(NOT_FOUND) from None
    except (OSError, ValueError) as exc:
        raise FileProblem(f"cannot read it ({getattr(exc, 'strerror', None) or exc})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileProblem("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem("not a regular file (a device, FIFO or socket; allowed: a file)")
        if info.st_size > limit:
            raise FileProblem(f"too large ({info.st_size} bytes, allowed: up to {limit} bytes)")
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise FileProblem(f"too large (over {limit} bytes, allowed: up to {limit} bytes)")
        return b"".join(chunks)
    except OSError as exc:
        raise FileProblem(f"cannot read it ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


def read_json(path, limit: int = MAX_FILE_BYTES):
    """The JSON in a regular file of at most `limit` bytes (read_limited), nested at most
    schema.MAX_DEPTH deep and holding only finite numbers; FileProblem says what is wrong otherwise."""
    from .schema import MAX_DEPTH, depth

    def finite(text: str) -> float:
        value = float(text)
        if not math.isfinite(value):
            raise FileProblem(f"a number out of range ({text[:40]}; allowed: finite numbers)")
        return value

    def refuse(name: str):
        raise FileProblem(f"{name} is not a number JSON allows (allowed: finite numbers)")

    raw = read_limited(path, limit)
    try:
        data = json.loads(raw.decode("utf-8"), parse_float=finite, parse_constant=refuse)
    except UnicodeDecodeError:
        raise FileProblem("not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise FileProblem(f"not JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        raise FileProblem(f"nested too deeply (allowed: up to {MAX_DEPTH} levels)") from None
    except ValueError as exc:  # an integer of thousands of digits
        raise FileProblem(f"not JSON ({str(exc).splitlines()[0][:80]})") from None
    if depth(data, MAX_DEPTH) > MAX_DEPTH:
        raise FileProblem(f"nested too deeply (allowed: up to {MAX_DEPTH} levels)")
    return data


def shown_path(path) -> str:
    """A path as a message prints it, on one line whatever it holds: bytes the system's encoding cannot
    decode (which Python keeps as lone surrogates, and which no terminal can be sent) and control
    characters are written as \\xNN."""
    text = os.fsdecode(path) if isinstance(path, (bytes, os.PathLike)) else str(path)
    encoding = sys.getfilesystemencoding()
    text = text.encode(encoding, "surrogateescape").decode(encoding, "backslashreplace")
    return _CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", text)


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class FileProblem(Exception):
    """A file the game will not read; str() says why in a few words."""
