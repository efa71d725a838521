"""Event cards: loaded from TOML, checked against the seed article, compiled into shocks."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import attrs

from ..model import params
from . import schema
from .article import paragraphs
from .checks import ACTOR_CODE, read_toml
from ..model.world import ALL, Card, Deck, Effect
from .paths import CARDS
from .schema import Problem, items, number, text

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
# The only worldview parameters a card may shift, for a few turns: how actors read each other.
# Every other parameter is how the world really works (the hidden truth), which no event changes.
PERCEPTION_PARAMS = ("misperception", "suspicion_bias", "camp_bias")
MAX_CARDS = 4096  # a deck's cards; the engine keeps a card's index in 16 bits
MAX_EFFECTS = 32  # a card's effects
MAX_CODES = 16  # actor codes in one effect's group
MAX_CONDITION_TURN = 10_000
CARD_ID = r"[a-z0-9]+(-[a-z0-9]+)*"


# ---------------------------------------------------------------------- the declared schema
def _codes_check(_, attr, value) -> None:
    """One actor code or a non-empty list of them; "*" stands for every actor."""
    key = (schema.key_of(attr),)
    group = [value] if isinstance(value, str) else value
    if not isinstance(group, list) or not group or len(group) > MAX_CODES:
        raise Problem(
            f'expected a non-empty list of up to {MAX_CODES} actor codes (allowed: codes like "CHN", or "*" for all)',
            key,
        )
    for v in group:
        if not isinstance(v, str) or not (v == ALL or re.fullmatch(ACTOR_CODE, v)):
            raise Problem(f'{schema.shown(v)} is not an actor code (allowed: upper-case codes like "CHN", or "*")', key)


def _codes_field():
    return attrs.field(type=Any, validator=_codes_check, metadata={"allowed": "actor codes"})


def _perception_param(_, attr, name) -> None:
    """A worldview effect's param: one of PERCEPTION_PARAMS; a truth parameter is refused by name."""
    if name in PERCEPTION_PARAMS:
        return
    allowed = f"(allowed: {', '.join(PERCEPTION_PARAMS)})"
    if isinstance(name, str) and name in params.SPEC:
        raise Problem(
            f"{name!r} is how the world works, which a card may not shift; "
            f"a card shifts only how actors read each other {allowed}",
            ("param",),
        )
    raise Problem(f"unknown parameter {schema.shown(name)} {allowed}", ("param",))


def _effect_class(kind: str) -> type:
    """The schema of one kind of [[card.effect]], from EFFECT_KINDS: its keys and the range of its amount."""
    keys, (low, high), integer = EFFECT_KINDS[kind]
    fields = {"kind": attrs.field(type=str, metadata={"allowed": kind})}
    for key in keys:
        if key == "amount":
            fields["amount"] = number(low, high, type=int if integer else float)
        elif key == "param":
            fields["param"] = attrs.field(
                type=Any, validator=_perception_param, metadata={"allowed": ", ".join(PERCEPTION_PARAMS)}
            )
        elif key == "turns":
            fields["turns"] = number(1, 20, type=int)
        else:
            fields[key + "_" if key in ("and", "from") else key] = _codes_field()
    cls = attrs.make_class(f"{kind.title()}Effect", fields, kw_only=True)
    cls.WHAT = f"field for a {kind} effect"
    cls.MISSING = f"missing (a {kind} effect needs: {', '.join(keys)})"
    return cls


EFFECT_SCHEMAS = {kind: _effect_class(kind) for kind in EFFECT_KINDS}


class EffectEntry:
    """One [[card.effect]]: its kind picks its schema (EFFECT_SCHEMAS)."""


def _structure_effect(value, _):
    if not isinstance(value, dict):
        raise Problem(f"expected a table, got {schema.shown(value)}")
    kind = value.get("kind")
    if not isinstance(kind, str) or kind not in EFFECT_KINDS:
        raise Problem(f"unknown effect kind {schema.shown(kind)} (allowed: {', '.join(EFFECT_KINDS)})", ("kind",))
    return schema.converter.structure(value, EFFECT_SCHEMAS[kind])


schema.converter.register_structure_hook(EffectEntry, _structure_effect)


def _article_paragraph(_, attr, value) -> None:
    n = len(paragraphs())
    if not 1 <= value <= n:
        raise Problem(f"{value} is out of range (allowed: 1 to {n})", ("paragraph",))


@attrs.define(kw_only=True)
class ConditionsTable:
    """A card's [conditions]: the turns and the tension at which it may be drawn."""

    WHAT = "condition"
    min_turn: int = number(0, MAX_CONDITION_TURN, default=0)
    max_turn: int = number(0, MAX_CONDITION_TURN, default=MAX_CONDITION_TURN)
    min_tension: float = number(0, 100, default=0.0)
    max_tension: float = number(0, 100, default=100.0)

    def __attrs_post_init__(self):
        for low, high in (("min_turn", "max_turn"), ("min_tension", "max_tension")):
            if getattr(self, low) > getattr(self, high):
                raise Problem(
                    f"{getattr(self, low):g} is above {high} {getattr(self, high):g} (allowed: {low} up to {high})",
                    (low,),
                )


@attrs.define(kw_only=True)
class CardEntry:
    """One [[card]]."""

    WHAT = "field"
    id: str = text(CARD_ID, "kebab-case: a-z, 0-9 and single hyphens", max_len=60)
    title: str = text(max_len=60)
    paragraph: int = attrs.field(validator=_article_paragraph, metadata={"allowed": "a paragraph of the article"})
    quote: str = text(max_len=300, visible=False)  # must match the article verbatim
    deterrence_reading: str = text(max_len=400)
    dialogue_reading: str = text(max_len=400)
    weight: float = number(0.0, 100.0, default=1.0)
    date: str = text(max_len=40, default="", blank=True)
    conditions: ConditionsTable = attrs.field(factory=ConditionsTable)
    effect: list[EffectEntry] = items(
        0, MAX_EFFECTS, "effects", default=list, allowed=f"up to {MAX_EFFECTS} [[card.effect]] tables"
    )


@attrs.define(kw_only=True)
class DeckHead:
    """[deck]"""

    WHAT = "field"
    name: str = text(r"[A-Za-z0-9_\-]{0,64}", "letters, digits, _ and -", max_len=64, default="", blank=True)
    title: str = text(max_len=120, default="", blank=True)
    source: str = text(max_len=400, default="", blank=True)


@attrs.define(kw_only=True)
class DeckFile:
    """A deck file as a whole."""

    WHAT = "section"
    deck: DeckHead = attrs.field(factory=DeckHead)
    card: list[CardEntry] = items(1, MAX_CARDS, "cards", allowed=f"1 to {MAX_CARDS} [[card]] tables")

    def __attrs_post_init__(self):
        seen = set()
        for k, card in enumerate(self.card):
            if card.id in seen:
                raise Problem("duplicate id (allowed: each id once)", ("card", k, "id"))
            seen.add(card.id)


def where(path: tuple, raw) -> tuple[str | None, str | None]:
    """A deck's [section] and key for a path: [deck], [card ID], [card ID.effect], [card ID.conditions]."""
    if not path:
        return None, None
    head = path[0]
    if len(path) == 1:
        return (head, None) if head in ("deck", "card") else (None, str(head))
    if head == "card" and isinstance(path[1], int):
        section = f"card {schema.label(schema.lookup(raw, path[:2]), path[1], ('id',))}"
        rest = path[2:]
        if len(rest) >= 2 and rest[0] in ("effect", "conditions"):
            section += "." + rest[0]
            rest = rest[2:] if rest[0] == "effect" and isinstance(rest[1], int) else rest[1:]
        return section, (str(rest[0]) if rest else None)
    return str(head), str(path[1])


# ---------------------------------------------------------------------- from the file to cards
def _effect(e) -> Effect:
    kind = e.kind
    group = lambda v: (v,) if isinstance(v, str) else tuple(v)  # noqa: E731
    if kind == "worldview":
        return Effect(kind, float(e.amount), param=e.param, turns=int(e.turns))
    if kind == "forum":
        return Effect(kind, float(e.amount))
    if kind in ("capability", "prosperity", "resolve"):
        return Effect(kind, float(e.amount), actors=group(e.actors))
    if kind == "trust":
        return Effect(kind, float(e.amount), actors=group(e.from_), others=group(e.to))
    return Effect(kind, float(e.amount), actors=group(e.between), others=group(e.and_))


def _card(file, c: CardEntry, index: int, raw, article: tuple[str, ...]) -> Card:
    if c.quote not in article[c.paragraph - 1]:
        raise schema.error(
            file, raw, where, ("card", index, "quote"), f"does not occur verbatim in ¶{c.paragraph} of the seed article"
        )
    cond = c.conditions
    return Card(
        id=c.id,
        title=c.title,
        paragraph=c.paragraph,
        quote=c.quote,
        deterrence_reading=c.deterrence_reading,
        dialogue_reading=c.dialogue_reading,
        effects=tuple(_effect(e) for e in c.effect),
        weight=float(c.weight),
        date=c.date,
        min_turn=cond.min_turn,
        max_turn=cond.max_turn,
        min_tension=float(cond.min_tension),
        max_tension=float(cond.max_tension),
    )


def load_deck(path_or_name) -> Deck:
    """The checked deck at a path, or with a name in assets/cards/."""
    path = Path(path_or_name)
    if not path.suffix:
        path = CARDS / f"{path_or_name}.toml"
    if path.parent == CARDS and path.is_file():  # a shipped deck: checked once, again only if its file changes
        stat = path.stat()
        version = (stat.st_mtime_ns, stat.st_size)
        kept = _shipped.get(path)
        if kept is None or kept[0] != version:
            kept = _shipped[path] = (version, _read_deck(path))
        return kept[1]
    return _read_deck(path)


_shipped: dict[Path, tuple[tuple, Deck]] = {}  # each shipped deck as last read, with its file's version


def _read_deck(path: Path) -> Deck:
    raw = read_toml(path)
    f = schema.structure(raw, DeckFile, path, where)
    article = paragraphs()
    cards = tuple(_card(path, c, k, raw, article) for k, c in enumerate(f.card))
    return Deck(name=f.deck.name or path.stem, title=f.deck.title or path.stem, cards=cards, path=str(path))
