"""Helpers of the input fuzz test: a TOML writer for generated documents and the bad values that
a field of each kind must refuse."""

from __future__ import annotations

import json
import math

DEEP = 40  # nesting generated inside a field (the schemas allow 16 levels)
VERY_DEEP = 100_000  # nesting of a whole file: too deep for any recursive parser
HUGE_TEXT = 100_000  # characters: beyond every text field's limit
PATTERNED = {
    "name",
    "code",
    "colour",
    "bloc",
    "id",
    "marker",
    "worldview",
    "doctrine",
    "preset",
    "scenario",
    "kind",
    "param",
    "state_digest",
    "outcome",
}  # keys whose text must match a pattern or a list
CODE_GROUPS = {"between", "and", "actors", "from", "to"}


def toml_key(key: str) -> str:
    return json.dumps(key)


def toml_value(value) -> str:
    """A value as TOML on one line: tables inline, strings with JSON's escapes (which TOML shares)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(value)


def toml_document(doc: dict) -> str:
    return "\n".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in doc.items()) + "\n"


def nested(depth: int, leaf=1):
    value = leaf
    for _ in range(depth):
        value = [value]
    return value


def places(doc, path=()):
    """Every (path, value) in a parsed document below its root, tables and arrays included."""
    items = doc.items() if isinstance(doc, dict) else enumerate(doc) if isinstance(doc, list) else ()
    for k, v in items:
        yield path + (k,), v
        yield from places(v, path + (k,))


def replaced(doc, path, value):
    """A deep copy of doc with the value at path replaced."""
    out = json.loads(json.dumps(doc))
    node = out
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return out


def added(doc, path, key, value):
    out = json.loads(json.dumps(doc))
    node = out
    for step in path:
        node = node[step]
    node[key] = value
    return out


def wrong_values(path: tuple, value) -> list[tuple[str, object]]:
    """Values a field holding `value` must refuse: other kinds of value, numbers out of any range,
    non-integers where an integer belongs, text too long, a trailing newline on a patterned name,
    and nesting too deep."""
    deep = nested(DEEP)
    key = next((p for p in reversed(path) if isinstance(p, str)), "")
    if isinstance(value, bool):
        return [("int for bool", 1), ("text for bool", "true"), ("array for bool", [value]), ("deep", deep)]
    if isinstance(value, int):
        return [
            ("text for int", str(value)),
            ("float for int", value + 0.5),
            ("whole float for int", float(value)),
            ("bool for int", True),
            ("array for int", [value]),
            ("table for int", {"a": value}),
            ("huge", 10**30),
            ("huge negative", -(10**30)),
            ("deep", deep),
        ]
    if isinstance(value, float):
        return [
            ("text for number", str(value)),
            ("bool for number", False),
            ("array for number", [value]),
            ("table for number", {"a": value}),
            ("huge", 10**30),
            ("huge negative", -(10**30)),
            ("huge float", 1e300),
            ("nan", math.nan),
            ("inf", math.inf),
            ("-inf", -math.inf),
            ("deep", deep),
        ]
    if isinstance(value, str):
        out = [
            ("int for text", 7),
            ("float for text", 2.5),
            ("bool for text", True),
            ("table for text", {"a": value}),
            ("huge text", "x" * HUGE_TEXT),
            ("deep", deep),
            ("control character", value + "\x07"),
        ]
        if key not in CODE_GROUPS:  # an effect's group may be one code or an array of codes
            out.append(("array for text", [value]))
        if key in PATTERNED:
            out.append(("trailing newline", value + "\n"))
        return out
    if isinstance(value, list):
        return [("text for array", "x"), ("int for array", 1), ("table for array", {"a": 1}), ("deep", deep)]
    if isinstance(value, dict):
        return [("text for table", "x"), ("int for table", 1), ("array for table", [1]), ("deep", deep)]
    return []


# ---------------------------------------------------------------------- hostile classes
# characters that draw nothing, break the line or turn the text around: alone, padded, and inside a name
HIDDEN_CHARACTERS = (
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u2060",
    "\u3164",
    "\u2800",
    "\u2028",
    "\u2029",
    "\u0085",
    "\u202e",
    "\r",
    "\ufeff",
)


def hidden_names(every: bool = False) -> list[tuple[str, str]]:
    """(label, name) of names that show nothing or break the line: each character alone, and (every)
    also padded with spaces and inside a visible name."""
    out = [(f"U+{ord(ch):04X}", ch) for ch in HIDDEN_CHARACTERS]
    if every:
        out += [(f"U+{ord(ch):04X} padded", f" {ch} ") for ch in HIDDEN_CHARACTERS]
        out += [(f"U+{ord(ch):04X} inside", f"Az{ch}ra") for ch in HIDDEN_CHARACTERS]
    return out


def name_fields(doc: dict) -> list[tuple]:
    """The paths of every name and text field of a scenario or deck document (not a card's quote,
    which must match the article verbatim, and not ids, codes and patterned names)."""
    texts = {"name", "title", "description", "deterrence_reading", "dialogue_reading", "source", "date"}
    return [
        path
        for path, value in places(doc)
        if isinstance(value, str) and path[-1] in texts and not (path[-1] == "name" and path[0] in ("scenario", "deck"))
    ]


def many_parts(scale: int = 1) -> list[tuple[str, str]]:
    """(label, TOML text) of files under the size limit made of too many small parts."""
    return [
        ("table headers", "[a]\n" * (60_000 * scale)),
        ("array-of-tables headers", "[[a]]\n" * (30_000 * scale)),
        ("dotted table headers", "".join(f"[t.u{i}]\n" for i in range(20_000 * scale))),
        ("array items", "x = [" + "1," * (200_000 * scale) + "]\n"),
        ("nested small arrays", "x = [" + "[1]," * (100_000 * scale) + "]\n"),
        ("keys", "".join(f"k{i} = 1\n" for i in range(60_000 * scale))),
        ("inline tables", "x = [" + "{}," * (100_000 * scale) + "]\n"),
        ("inline keys", "x = {" + ",".join(f"k{i}=1" for i in range(60_000 * scale)) + "}\n"),
    ]


def refused_choices(human: str, ai: str, turns: int) -> list[tuple[str, list]]:
    """(label, human_choices) a human at the table could not have made, for a game of `turns` turns
    with one human seat."""
    hold = {human: ["HOLD", None]}
    return [
        ("a summit with oneself", [{human: ["SUMMIT", human]}]),
        ("an alliance with oneself", [{human: ["ALLY", human]}]),
        ("a summit without a target", [{human: ["SUMMIT", None]}]),
        ("a challenge without a target", [{human: ["CHALLENGE", None]}]),
        ("ARM with a target", [{human: ["ARM", ai]}]),
        ("HOLD with a target", [{human: ["HOLD", ai]}]),
        ("a turn without the human", [{}]),
        ("a choice for the AI seat", [{human: ["HOLD", None], ai: ["HOLD", None]}]),
        ("only the AI seat", [{ai: ["ARM", None]}]),
        ("more choices than turns", [hold] * (turns + 1)),
        ("500 choices", [hold] * 500),
        ("a bad choice after good ones", [hold, hold, {human: ["SUMMIT", human]}]),
    ]
