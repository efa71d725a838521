"""Event cards: loaded from TOML, checked against the seed article, compiled into shocks."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import attrs
import numpy as np

from . import params
from .article import paragraphs
from .errors import LoadError
from .paths import CARDS

ALL = "*"
# kind -> (required keys besides kind, allowed amount range, integer amount?)
EFFECT_KINDS: dict[str, tuple[tuple[str, ...], tuple[float, float], bool]] = {
    "trust": (("from", "to", "amount"), (-2.0, 2.0), False),
    "tension": (("between", "and", "amount"), (-0.5, 0.5), False),
    "capability": (("actors", "amount"), (-2.0, 2.0), False),
    "prosperity": (("actors", "amount"), (-2.0, 2.0), False),
    "alliance": (("between", "and", "amount"), (-0.5, 0.5), False),
    "ties": (("between", "and", "amount"), (-0.5, 0.5), False),
    "forum": (("amount",), (-0.5, 0.5), False),
    "crisis": (("between", "and", "amount"), (-2, 2), True),
    "resolve": (("actors", "amount"), (-0.5, 0.5), False),
    "worldview": (("param", "amount", "turns"), (-2.0, 2.0), False),
}
CARD_KEYS = {"id", "title", "date", "paragraph", "quote", "deterrence_reading",
             "dialogue_reading", "weight", "conditions", "effect"}
REQUIRED_CARD_KEYS = CARD_KEYS - {"date", "conditions", "effect", "weight"}
CONDITION_KEYS = {"min_turn", "max_turn", "min_tension", "max_tension"}
_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")


@attrs.frozen
class Effect:
    kind: str
    amount: float
    actors: tuple[str, ...] = ()      # capability, prosperity, resolve; trust: observers
    others: tuple[str, ...] = ()      # trust: observed; dyadic kinds: the second group
    param: str = ""
    turns: int = 0

    def describe(self) -> str:
        sign = "+" if self.amount >= 0 else "−"
        mag = f"{sign}{abs(self.amount):g}"
        a = ", ".join(self.actors)
        b = ", ".join(self.others)
        return {
            "trust": f"trust of {a} in {b} {mag}",
            "tension": f"tension {a} ↔ {b} {mag}",
            "capability": f"capability of {a} {mag}",
            "prosperity": f"prosperity of {a} {mag}",
            "alliance": f"alliance {a} ↔ {b} {mag}",
            "ties": f"ties {a} ↔ {b} {mag}",
            "forum": f"regional forum {mag}",
            "crisis": f"crisis ladder {a} ↔ {b} {mag}",
            "resolve": f"resolve image of {a} {mag}",
            "worldview": f"{self.param} {mag} for {self.turns} turns",
        }[self.kind]


@attrs.frozen
class Card:
    id: str
    title: str
    paragraph: int
    quote: str
    deterrence_reading: str
    dialogue_reading: str
    effects: tuple[Effect, ...]
    weight: float = 1.0
    date: str = ""
    min_turn: int = 0
    max_turn: int = 10_000
    min_tension: float = 0.0
    max_tension: float = 100.0

    def codes(self) -> set[str]:
        out: set[str] = set()
        for e in self.effects:
            out.update(e.actors)
            out.update(e.others)
        out.discard(ALL)
        return out


@attrs.frozen
class Deck:
    name: str
    title: str
    cards: tuple[Card, ...]
    path: str = ""


def _codes(file, section, key, value) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise LoadError(file, section, key, "expected a non-empty list of actor codes (allowed: codes like \"CHN\", or \"*\" for all)")
    for v in value:
        if not isinstance(v, str) or not (v == ALL or _CODE.match(v)):
            raise LoadError(file, section, key, f"{v!r} is not an actor code (allowed: upper-case codes like \"CHN\", or \"*\")")
    return tuple(value)


def _number(file, section, key, value, low, high, integer=False):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (integer and not isinstance(value, int)):
        kind = "an integer" if integer else "a number"
        raise LoadError(file, section, key, f"expected {kind}, got {value!r} (allowed: {low:g} to {high:g})")
    if not low <= value <= high:
        raise LoadError(file, section, key, f"{value!r} is out of range (allowed: {low:g} to {high:g})")
    return value


def _text(file, section, key, value, max_len=400):
    if not isinstance(value, str) or not value.strip():
        raise LoadError(file, section, key, "expected non-empty text")
    if len(value) > max_len:
        raise LoadError(file, section, key, f"too long ({len(value)} characters, allowed: up to {max_len})")
    return value


def _effect(file, section, raw) -> Effect:
    if not isinstance(raw, dict):
        raise LoadError(file, section, "effect", "expected a table")
    kind = raw.get("kind")
    if kind not in EFFECT_KINDS:
        raise LoadError(file, section, "kind", f"unknown effect kind {kind!r} (allowed: {', '.join(EFFECT_KINDS)})")
    keys, (low, high), integer = EFFECT_KINDS[kind]
    allowed = set(keys) | {"kind"}
    for key in raw:
        if key not in allowed:
            raise LoadError(file, section, key, f"unknown field for a {kind} effect (allowed: {', '.join(sorted(allowed))})")
    for key in keys:
        if key not in raw:
            raise LoadError(file, section, key, f"missing (a {kind} effect needs: {', '.join(keys)})")
    amount = _number(file, section, "amount", raw["amount"], low, high, integer)
    if kind == "worldview":
        name = raw["param"]
        if name not in params.SPEC:
            raise LoadError(file, section, "param", f"unknown parameter {name!r} (allowed: {', '.join(params.NAMES)})")
        turns = _number(file, section, "turns", raw["turns"], 1, 20, integer=True)
        return Effect(kind, float(amount), param=name, turns=int(turns))
    if kind == "forum":
        return Effect(kind, float(amount))
    if kind in ("capability", "prosperity", "resolve"):
        return Effect(kind, float(amount), actors=_codes(file, section, "actors", raw["actors"]))
    if kind == "trust":
        return Effect(kind, float(amount), actors=_codes(file, section, "from", raw["from"]),
                      others=_codes(file, section, "to", raw["to"]))
    return Effect(kind, float(amount), actors=_codes(file, section, "between", raw["between"]),
                  others=_codes(file, section, "and", raw["and"]))


def parse_card(file, raw: dict, index: int, article: tuple[str, ...]) -> Card:
    section = f"card {index + 1}"
    if not isinstance(raw, dict):
        raise LoadError(file, section, None, "expected a table")
    if isinstance(raw.get("id"), str):
        section = f"card {raw['id']}"
    for key in raw:
        if key not in CARD_KEYS:
            raise LoadError(file, section, key, f"unknown field (allowed: {', '.join(sorted(CARD_KEYS))})")
    for key in sorted(REQUIRED_CARD_KEYS):
        if key not in raw:
            raise LoadError(file, section, key, "missing")
    card_id = _text(file, section, "id", raw["id"], 60)
    if not re.match(r"^[a-z0-9]+(-[a-z0-9]+)*$", card_id):
        raise LoadError(file, section, "id", f"{card_id!r} is not kebab-case (allowed: a-z, 0-9 and single hyphens)")
    para = _number(file, section, "paragraph", raw["paragraph"], 1, len(article), integer=True)
    quote = _text(file, section, "quote", raw["quote"], 300)
    if quote not in article[para - 1]:
        raise LoadError(file, section, "quote", f"does not occur verbatim in ¶{para} of the seed article")
    conditions = raw.get("conditions", {})
    if not isinstance(conditions, dict):
        raise LoadError(file, section, "conditions", "expected a table")
    for key in conditions:
        if key not in CONDITION_KEYS:
            raise LoadError(file, section + ".conditions", key, f"unknown condition (allowed: {', '.join(sorted(CONDITION_KEYS))})")
    cond = {
        "min_turn": _number(file, section + ".conditions", "min_turn", conditions.get("min_turn", 0), 0, 10_000, True),
        "max_turn": _number(file, section + ".conditions", "max_turn", conditions.get("max_turn", 10_000), 0, 10_000, True),
        "min_tension": float(_number(file, section + ".conditions", "min_tension", conditions.get("min_tension", 0), 0, 100)),
        "max_tension": float(_number(file, section + ".conditions", "max_tension", conditions.get("max_tension", 100), 0, 100)),
    }
    effects = raw.get("effect", [])
    if not isinstance(effects, list):
        raise LoadError(file, section, "effect", "expected an array of tables ([[card.effect]])")
    return Card(
        id=card_id,
        title=_text(file, section, "title", raw["title"], 60),
        paragraph=int(para),
        quote=quote,
        deterrence_reading=_text(file, section, "deterrence_reading", raw["deterrence_reading"]),
        dialogue_reading=_text(file, section, "dialogue_reading", raw["dialogue_reading"]),
        effects=tuple(_effect(file, section + ".effect", e) for e in effects),
        weight=float(_number(file, section, "weight", raw.get("weight", 1.0), 0.0, 100.0)),
        date=_text(file, section, "date", raw["date"], 40) if "date" in raw else "",
        **cond,
    )


def read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise LoadError(path, None, None, "file not found") from None
    except IsADirectoryError:
        raise LoadError(path, None, None, "is a folder, not a TOML file") from None
    except tomllib.TOMLDecodeError as exc:
        raise LoadError(path, None, None, f"not valid TOML ({exc})") from None
    except UnicodeDecodeError:
        raise LoadError(path, None, None, "not UTF-8 text") from None


def load_deck(path_or_name) -> Deck:
    path = Path(path_or_name)
    if not path.suffix:
        path = CARDS / f"{path_or_name}.toml"
    raw = read_toml(path)
    for key in raw:
        if key not in ("deck", "card"):
            raise LoadError(path, None, key, "unknown section (allowed: deck, card)")
    head = raw.get("deck", {})
    if not isinstance(head, dict):
        raise LoadError(path, "deck", None, "expected a table")
    for key in head:
        if key not in ("name", "title", "source"):
            raise LoadError(path, "deck", key, "unknown field (allowed: name, source, title)")
    raw_cards = raw.get("card", [])
    if not isinstance(raw_cards, list) or not raw_cards:
        raise LoadError(path, "card", None, "a deck needs at least one [[card]]")
    article = paragraphs()
    cards = [parse_card(path, c, k, article) for k, c in enumerate(raw_cards)]
    seen: set[str] = set()
    for card in cards:
        if card.id in seen:
            raise LoadError(path, f"card {card.id}", "id", "duplicate id (allowed: each id once)")
        seen.add(card.id)
    return Deck(name=str(head.get("name", path.stem)), title=str(head.get("title", path.stem)),
                cards=tuple(cards), path=str(path))


@attrs.frozen(eq=False)
class CompiledDeck:
    """Dense shocks per card, so a batch applies every game's card with one gather."""

    trust: np.ndarray       # (K, N, N) log-odds shift of row's trust in column
    tension: np.ndarray     # (K, N, N) symmetric
    capability: np.ndarray  # (K, N)
    prosperity: np.ndarray  # (K, N)
    alliance: np.ndarray    # (K, N, N)
    ties: np.ndarray        # (K, N, N)
    forum: np.ndarray       # (K,)
    crisis: np.ndarray      # (K, N, N) int
    resolve: np.ndarray     # (K, N)
    tweak: np.ndarray       # (K, P) worldview delta
    tweak_turns: np.ndarray  # (K,)
    weight: np.ndarray      # (K,)
    min_turn: np.ndarray
    max_turn: np.ndarray
    min_tension: np.ndarray
    max_tension: np.ndarray


def _idx(group: tuple[str, ...], codes: list[str]) -> list[int]:
    if ALL in group:
        return list(range(len(codes)))
    return [codes.index(c) for c in group]


def compile_deck(cards: tuple[Card, ...], codes: list[str]) -> CompiledDeck:
    k, n, p = len(cards), len(codes), len(params.NAMES)
    z3 = lambda: np.zeros((k, n, n))  # noqa: E731
    out = dict(trust=z3(), tension=z3(), capability=np.zeros((k, n)), prosperity=np.zeros((k, n)),
               alliance=z3(), ties=z3(), forum=np.zeros(k), crisis=np.zeros((k, n, n), dtype=np.int8),
               resolve=np.zeros((k, n)), tweak=np.zeros((k, p)), tweak_turns=np.zeros(k, dtype=np.int16))
    off = ~np.eye(n, dtype=bool)
    for c, card in enumerate(cards):
        for e in card.effects:
            if e.kind in ("capability", "prosperity", "resolve"):
                out[e.kind][c, _idx(e.actors, codes)] += e.amount
            elif e.kind == "forum":
                out["forum"][c] += e.amount
            elif e.kind == "worldview":
                out["tweak"][c, params.INDEX[e.param]] += e.amount
                out["tweak_turns"][c] = max(out["tweak_turns"][c], e.turns)
            else:
                mask = np.zeros((n, n), dtype=bool)
                a, b = _idx(e.actors, codes), _idx(e.others, codes)
                mask[np.ix_(a, b)] = True
                if e.kind != "trust":
                    mask |= mask.T
                mask &= off
                out[e.kind][c][mask] += int(e.amount) if e.kind == "crisis" else e.amount
    return CompiledDeck(
        weight=np.array([c.weight for c in cards]),
        min_turn=np.array([c.min_turn for c in cards]), max_turn=np.array([c.max_turn for c in cards]),
        min_tension=np.array([c.min_tension for c in cards]), max_tension=np.array([c.max_tension for c in cards]),
        **out)
