"""Reading scenario and deck files: TOML in, with a size limit and only from regular files; a file that
cannot be read is a LoadError naming the file (the declared schemas of game/core/files/schema.py check
what it holds)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from ..model.errors import LoadError
from .paths import FileProblem, read_limited
from .schema import MAX_DEPTH, check_depth

ACTOR_CODE = r"^[A-Z][A-Z0-9]{1,7}\Z"
ACTOR_CODE_ALLOWED = "2–8 upper-case letters or digits"
# What the raw text of a scenario or deck may hold before it is parsed, counted in one pass each:
# the parser takes seconds and hundreds of megabytes over a file of millions of small tables or
# items, so such a file is refused at once. The shipped files use a few hundred of each.
RAW_LIMITS = (
    ("[", 10_000, "tables and arrays"),
    ("{", 10_000, "inline tables"),
    (",", 50_000, "array items"),
    ("=", 50_000, "keys"),
)


def check_counts(path: Path, text: str) -> None:
    """Refuse text with more tables, arrays, items or keys than any scenario or deck needs (RAW_LIMITS)."""
    for mark, limit, what in RAW_LIMITS:
        count = text.count(mark)
        if count > limit:
            raise LoadError(
                path, None, None, f"too many {what} ({count} '{mark}' signs; allowed: up to {limit} in one file)"
            )


def read_text(path: Path, what: str = "file") -> str:
    """The text of a regular UTF-8 file of at most paths.MAX_FILE_BYTES, else a LoadError."""
    try:
        data = read_limited(path)
    except FileProblem as exc:
        raise LoadError(path, None, None, str(exc)) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise LoadError(path, None, None, f"not UTF-8 text (allowed: a {what} in UTF-8)") from None


def read_toml(path: Path) -> dict:
    """The file's TOML as a dict; a missing, special, oversized, unreadable, malformed or too
    deeply nested file is a LoadError."""
    text = read_text(path, "TOML file")
    check_counts(path, text)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LoadError(path, None, None, f"not valid TOML ({str(exc).splitlines()[0] if str(exc) else exc})") from None
    except RecursionError:
        raise LoadError(
            path, None, None, f"arrays and tables nested too deeply (allowed: up to {MAX_DEPTH} levels)"
        ) from None
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise LoadError(path, None, None, f"not valid TOML ({str(exc).splitlines()[0]})") from None
    check_depth(path, raw)
    return raw
