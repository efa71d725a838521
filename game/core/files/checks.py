"""Reading scenario and deck files: TOML in, with a size limit and only from regular files, and the
one-line value checks that raise a LoadError (the declared schemas of game/core/files/schema.py use the
same wording).

Every check names the file, the [section] and the key, says what is wrong and, where it helps,
what is allowed: `file: [section] key: what is wrong (allowed: ...)`.
"""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

from ..model.errors import LoadError
from .paths import FileProblem, read_limited
from .schema import MAX_DEPTH, check_depth, shown as _shown

ACTOR_CODE = r"^[A-Z][A-Z0-9]{1,7}\Z"
ACTOR_CODE_ALLOWED = "2–8 upper-case letters or digits"


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
    text_ = read_text(path, "TOML file")
    try:
        raw = tomllib.loads(text_)
    except tomllib.TOMLDecodeError as exc:
        raise LoadError(path, None, None, f"not valid TOML ({str(exc).splitlines()[0] if str(exc) else exc})") from None
    except RecursionError:
        raise LoadError(path, None, None, f"arrays and tables nested too deeply (allowed: up to {MAX_DEPTH} levels)") from None
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise LoadError(path, None, None, f"not valid TOML ({str(exc).splitlines()[0]})") from None
    check_depth(path, raw)
    return raw


def table(file, section, key, value, problem: str = "expected a table") -> dict:
    """The value if it is a TOML table (a dict), else a LoadError with the given problem."""
    if not isinstance(value, dict):
        raise LoadError(file, section, key, problem)
    return value


def reject_unknown(file, section, found, allowed, what: str = "key") -> None:
    """Raise on the first key of found that is not allowed; a set is listed sorted, a tuple in its order."""
    for key in found:
        if key not in allowed:
            listed = allowed if isinstance(allowed, (tuple, list)) else sorted(allowed)
            raise LoadError(file, section, key, f"unknown {what} (allowed: {', '.join(listed)})")


def require_keys(file, section, found: dict, keys, problem: str = "missing") -> None:
    """Raise on the first of keys that found lacks."""
    for key in keys:
        if key not in found:
            raise LoadError(file, section, key, problem)


def choice(file, section, key, value, allowed, what: str):
    """The value if it is one of allowed (a tuple or a dict's keys), else `unknown what 'value'`."""
    if not isinstance(value, str) or value not in allowed:
        raise LoadError(file, section, key, f"unknown {what} {_shown(value)} (allowed: {', '.join(allowed)})")
    return value


def number(file, section, key, value, low, high, integer: bool = False):
    """The value if it is a number (an integer when asked) from low to high, inclusive."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (integer and not isinstance(value, int)):
        kind = "an integer" if integer else "a number"
        raise LoadError(file, section, key, f"expected {kind}, got {_shown(value)} (allowed: {low:g} to {high:g})")
    if not low <= value <= high:  # nan fails this too
        raise LoadError(file, section, key, f"{_shown(value)} is out of range (allowed: {low:g} to {high:g})")
    return value


def text(file, section, key, value, pattern: str | None = None, allowed: str | None = None,
         max_len: int | None = None) -> str:
    """The value if it is non-blank text that matches pattern as a whole and has at most max_len characters."""
    suffix = f" (allowed: {allowed})" if allowed else ""
    if not isinstance(value, str) or not value.strip():
        raise LoadError(file, section, key, "expected non-empty text" + suffix)
    if max_len is not None and len(value) > max_len:
        raise LoadError(file, section, key, f"too long ({len(value)} characters, allowed: up to {max_len})")
    if pattern and not re.fullmatch(pattern, value):
        raise LoadError(file, section, key, f"{_shown(value)} is not allowed" + suffix)
    return value


def no_duplicates(file, values, section_prefix: str, key: str) -> None:
    """Raise on the first value seen a second time: `[section_prefix value] key: duplicate key`."""
    seen = set()
    for value in values:
        if value in seen:
            raise LoadError(file, f"{section_prefix} {value}", key, f"duplicate {key} (allowed: each {key} once)")
        seen.add(value)
