"""Declared schemas for the files the game reads, and the one-line error when a file does not fit.

Each kind of file (a scenario, a deck of cards, a save) is declared once as attrs classes: a
field's type says what it holds (a number, some text, a table, an array of tables), its validator
the range or pattern it must keep, and its metadata what is allowed, for the message. cattrs
builds the classes from the parsed TOML or JSON with strict hooks: no value is coerced (an
integer field refuses 1.0 and "1", a text field refuses a number), no key outside the class is
taken, every array and table is bounded in length before its items are read. The first problem
found becomes one LoadError: `file: [section] key: problem (allowed: ...)`, its section and key
placed by the file kind's own `where(path, raw)` from the path of keys and indices to the value.
"""

from __future__ import annotations

import re
from typing import Any, Callable, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, override

from ..model.errors import LoadError

MAX_ITEMS = 10_000  # items of any array or table; more are refused before any is read
MAX_DEPTH = 16  # arrays and tables inside each other
MAX_TEXT = 2_000  # characters of any text that has no tighter limit
SHOWN = 40  # characters of a wrong value quoted in a message


def shown(value) -> str:
    """A value as a message quotes it: its repr, cut short."""
    if isinstance(value, (dict, list)):
        return "a table" if isinstance(value, dict) else "an array"
    text = repr(value)
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"


def cut(text_: str, limit: int = 200) -> str:
    """Text from the user (a name, a path) as a message quotes it: at most limit characters."""
    return text_ if len(text_) <= limit else text_[:limit] + "…"


def cut_words(message: str, limit: int = 200) -> str:
    """A message with every run of more than limit characters without a space (a value or path
    the user gave, however long) cut to limit characters (see cut)."""
    return re.sub(r"\S{%d,}" % (limit + 1), lambda m: cut(m.group(), limit), message)


class Problem(ValueError):
    """What is wrong with one value, at `path` (keys and indices) below the table being built.
    A `typed` problem (a value of the wrong kind) takes the field's `allowed` from its metadata."""

    def __init__(self, problem: str, path: tuple = (), typed: bool = False):
        super().__init__(problem)
        self.problem = problem
        self.path = tuple(path)
        self.typed = typed


class At(Exception):
    """An error at an index or key of an array or table."""

    def __init__(self, path: tuple, error: BaseException):
        super().__init__(path, error)
        self.path = path
        self.error = error


def key_of(attr) -> str:
    """The file's key for a field: its name without a trailing _ (`and_` reads `and`)."""
    return attr.name.rstrip("_")


# ---------------------------------------------------------------------- fields
def number(low, high, default=attrs.NOTHING, allowed: str | None = None, type=None):
    """A number (int or float field) from low to high inclusive; NaN and infinities are out of range."""
    allowed = allowed or f"{low:g} to {high:g}"

    def check(_, attr, value):
        if value is None and default is None:
            return
        if not low <= value <= high:
            raise Problem(f"{shown(value)} is out of range (allowed: {allowed})", (key_of(attr),))

    return attrs.field(default=default, validator=check, metadata={"allowed": allowed}, type=type)


CONTROL = re.compile(r"[\x00-\x1f\x7f]")
CONTROL_BUT_LINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # text of several lines keeps \n and \t
# characters that draw nothing or move the text: controls, format marks (zero-width spaces and
# joiners, direction marks and overrides), line and paragraph separators
HIDDEN_KINDS = {"Cc", "Cf", "Zl", "Zp"}
BLANK_LETTERS = set("\u115f\u1160\u3164\uffa0\u2800")  # Hangul fillers and the Braille blank draw nothing


def hidden_character(value: str, lines: bool = False) -> str | None:
    """The first character of value that draws nothing or breaks the line (a line break and a tab
    are allowed in text of several lines), or None."""
    import unicodedata

    for ch in value:
        if lines and ch in "\n\t":
            continue
        if ch in BLANK_LETTERS or unicodedata.category(ch) in HIDDEN_KINDS:
            return ch
    return None


def visible_problem(value: str, lines: bool = False) -> str:
    """Why text cannot be shown as it is ('' when it can): it holds a character that draws nothing
    or breaks the line, or has no visible character at all."""
    where = "text" if lines else "one line of text"
    allowed = f"(allowed: {where} with a visible character; no control, format or separator characters)"
    ch = hidden_character(value, lines)
    if ch is not None:
        return f"{shown(value)} holds the invisible or line-breaking character U+{ord(ch):04X} {allowed}"
    if not value.strip():
        return f"{shown(value)} has no visible character {allowed}"
    return ""


def text(
    pattern: str | None = None,
    allowed: str | None = None,
    max_len: int = MAX_TEXT,
    default=attrs.NOTHING,
    blank: bool = False,
    lines: bool = False,
    visible: bool = True,
):
    """Text of at most max_len characters, non-blank unless asked, on one line unless `lines`
    (no control characters), matching pattern as a whole (re.fullmatch: a trailing newline does
    not pass). Unless `visible` is False (a quote that must match its source, a path), text that
    is given holds a visible character and none that draws nothing (see visible_problem)."""
    suffix = f" (allowed: {allowed})" if allowed else ""

    def check(_, attr, value):
        if value is None and default is None:
            return
        key = (key_of(attr),)
        if visible and value and visible_problem(value, lines):
            raise Problem(visible_problem(value, lines), key)
        if not blank and not value.strip():
            raise Problem("expected non-empty text" + suffix, key)
        if len(value) > max_len:
            raise Problem(f"too long ({len(value)} characters, allowed: up to {max_len})", key)
        if (CONTROL_BUT_LINES if lines else CONTROL).search(value):
            raise Problem(
                f"{shown(value)} holds a control character"
                + ("" if lines else " or a line break")
                + f" (allowed: {'text' if lines else 'one line of text'})",
                key,
            )
        if pattern and not re.fullmatch(pattern, value):
            raise Problem(f"{shown(value)} is not allowed" + suffix, key)

    return attrs.field(default=default, validator=check, metadata={"allowed": allowed or "text"})


def parameter(name, value) -> None:
    """A worldview parameter = value: a known parameter within its range."""
    from ..model import params

    if name not in params.SPEC:
        raise Problem(f"unknown parameter (allowed: {', '.join(params.NAMES)})")
    spec = params.SPEC[name]
    if not spec.low <= value <= spec.high:
        raise Problem(f"{shown(value)} is out of range (allowed: {spec.low:g} to {spec.high:g})")


def dotted(path: tuple) -> str | None:
    """A path as a message's key: names joined by dots, an index as #N (#1 is the first)."""
    if not path:
        return None
    return str(path[0]) + "".join(f" #{i + 1}" if isinstance(i, int) else f".{i}" for i in path[1:])


def one_of(options, what: str, default=attrs.NOTHING):
    """A name from options (a tuple, or a dict's keys)."""
    listed = ", ".join(options)

    def check(_, attr, value):
        if value not in options:
            raise Problem(f"unknown {what} {shown(value)} (allowed: {listed})", (key_of(attr),))

    return attrs.field(default=default, validator=check, metadata={"allowed": listed})


def items(
    low: int,
    high: int,
    what: str,
    default=attrs.NOTHING,
    check_each: Callable | None = None,
    allowed: str | None = None,
):
    """An array or table with low to high items; check_each(key, item) may raise a Problem."""

    def check(_, attr, value):
        if value is None and default is None:
            return
        if not low <= len(value) <= high:
            raise Problem(f"{len(value)} {what} (allowed: {low} to {high})", (key_of(attr),))
        if check_each is not None:
            for k, item in value.items() if isinstance(value, dict) else enumerate(value):
                try:
                    check_each(k, item)
                except Problem as exc:
                    raise Problem(exc.problem, (key_of(attr), k) + exc.path) from None

    factory = attrs.Factory(list) if default is list else attrs.Factory(dict) if default is dict else default
    return attrs.field(default=factory, validator=check, metadata={"allowed": allowed or f"{low} to {high} {what}"})


def flag(default=attrs.NOTHING):
    return attrs.field(default=default, metadata={"allowed": "true or false"})


# ---------------------------------------------------------------------- the converter
def _strict_int(value, _):
    if type(value) is not int:
        raise Problem(f"expected an integer, got {shown(value)}", typed=True)
    return value


def _strict_float(value, _):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Problem(f"expected a number, got {shown(value)}", typed=True)
    try:
        return float(value)
    except OverflowError:
        raise Problem(f"{shown(value)} is out of range", typed=True) from None


def _strict_str(value, _):
    if not isinstance(value, str):
        raise Problem(f"expected text, got {shown(value)}", typed=True)
    return value


def _strict_bool(value, _):
    if not isinstance(value, bool):
        raise Problem(f"expected true or false, got {shown(value)}", typed=True)
    return value


def _list_hook(type_):
    item = get_args(type_)[0] if get_args(type_) else Any

    def structure(value, _):
        if not isinstance(value, list):
            raise Problem(f"expected an array, got {shown(value)}", typed=True)
        if len(value) > MAX_ITEMS:
            raise Problem(f"{len(value)} items (allowed: up to {MAX_ITEMS})")
        out = []
        for k, v in enumerate(value):
            try:
                out.append(converter.structure(v, item))
            except Exception as exc:  # noqa: BLE001 - placed and reported by locate()
                raise At((k,), exc) from None
        return out

    return structure


def _dict_hook(type_):
    args = get_args(type_)
    item = args[1] if len(args) == 2 else Any

    def structure(value, _):
        if not isinstance(value, dict):
            raise Problem(f"expected a table, got {shown(value)}", typed=True)
        if len(value) > MAX_ITEMS:
            raise Problem(f"{len(value)} keys (allowed: up to {MAX_ITEMS})")
        out = {}
        for k, v in value.items():
            try:
                out[k] = converter.structure(v, item)
            except Exception as exc:  # noqa: BLE001
                raise At((k,), exc) from None
        return out

    return structure


def _class_hook(cl):
    renames = {f.name: override(rename=key_of(f)) for f in attrs.fields(cl) if f.name.endswith("_")}
    build = make_dict_structure_fn(
        cl, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True, **renames
    )

    def structure(value, _):
        if not isinstance(value, dict):
            raise Problem(getattr(cl, "NOT_A_TABLE", f"expected a table, got {shown(value)}"), typed=True)
        return build(value, cl)

    return structure


converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
converter.register_structure_hook(int, _strict_int)
converter.register_structure_hook(float, _strict_float)
converter.register_structure_hook(str, _strict_str)
converter.register_structure_hook(bool, _strict_bool)
converter.register_structure_hook(Any, lambda value, _: value)
converter.register_structure_hook_factory(lambda t: get_origin(t) is list or t is list, _list_hook)
converter.register_structure_hook_factory(lambda t: get_origin(t) is dict or t is dict, _dict_hook)
converter.register_structure_hook_factory(attrs.has, _class_hook)


# ---------------------------------------------------------------------- errors
def _first(group):
    """The error to report of a group: an unknown key first (a typo often also leaves a key missing)."""
    subs = list(group.exceptions)
    return next((e for e in subs if isinstance(e, ForbiddenExtraKeysError)), subs[0])


def locate(exc: BaseException, path: tuple = (), field=None, raw=None) -> tuple[tuple, str]:
    """The path to the first problem in a structuring error, and what the problem is."""
    if isinstance(exc, At):
        return locate(exc.error, path + exc.path, field, raw)
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        sub = _first(exc)
        step = ()
        for note in getattr(sub, "__notes__", ()):
            if isinstance(note, AttributeValidationNote) and isinstance(exc, ClassValidationError):
                field = attrs.fields_dict(exc.cl).get(note.name, field)
                step = (note.name.rstrip("_"),)
            elif isinstance(note, IterableValidationNote):
                step = (note.index,)
        if isinstance(sub, KeyError) and isinstance(exc, ClassValidationError) and hasattr(exc.cl, "MISSING"):
            return path + step, exc.cl.MISSING
        return locate(sub, path + step, field, raw)
    if isinstance(exc, ForbiddenExtraKeysError):
        return _unknown_key(exc, path, raw)
    if isinstance(exc, KeyError):
        return path, "missing"
    if isinstance(exc, Problem):
        problem = exc.problem
        if exc.typed and field is not None and "allowed" in field.metadata and "allowed:" not in problem:
            problem += f" (allowed: {field.metadata['allowed']})"
        return path + exc.path, problem
    return path, f"not usable ({type(exc).__name__})"


def lookup(raw, path):
    """The value at path in the parsed file, or None."""
    node = raw
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _unknown_key(exc: ForbiddenExtraKeysError, path, raw):
    table_ = lookup(raw, path)
    keys = list(table_) if isinstance(table_, dict) else sorted(exc.extra_fields)
    key = next(k for k in keys if k in exc.extra_fields)
    allowed = sorted(key_of(f) for f in attrs.fields(exc.cl))
    what = getattr(exc.cl, "WHAT", "key")
    return path + (key,), f"unknown {what} (allowed: {', '.join(allowed)})"


def structure(raw, schema, file, where: Callable):
    """The parsed file as an instance of its schema, or a LoadError naming the first problem;
    where(path, raw) gives the message's (section, key) for a path."""
    try:
        return converter.structure(raw, schema)
    except Exception as exc:  # noqa: BLE001 - every failure of the schema is the file's problem
        raise error(file, raw, where, *locate(exc, raw=raw)) from None


def error(file, raw, where: Callable, path: tuple, problem: str) -> LoadError:
    section, key = where(tuple(path), raw)
    return LoadError(file, section, key, problem)


def depth(value, limit: int = MAX_DEPTH) -> int:
    """How deep arrays and tables nest in value (a number or text is 0), counted without recursion
    and stopping once past limit."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, (dict, list)):
            level += 1
            deepest = max(deepest, level)
            if level > limit:
                return level
            stack.extend((v, level) for v in (node.values() if isinstance(node, dict) else node))
    return deepest


def check_depth(file, value, limit: int = MAX_DEPTH) -> None:
    if depth(value, limit) > limit:
        raise LoadError(file, None, None, f"arrays and tables nested too deeply (allowed: up to {limit} levels)")


def label(table_, index: int, keys=("code", "id")) -> str:
    """How a message names the index-th table of an array: by its code or id, else its number."""
    if isinstance(table_, dict):
        for k in keys:
            if isinstance(table_.get(k), str) and re.fullmatch(r"[A-Za-z0-9_\-]{1,64}", table_[k]):
                return table_[k]
    return str(index + 1) if isinstance(index, int) else str(index)
