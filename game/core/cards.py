"""Event cards: loaded from TOML, checked against the seed article, compiled into shocks."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import attrs
import numpy as np

from . import params, schema
from .article import paragraphs
from .checks import ACTOR_CODE, read_toml  # noqa: F401 - read_toml: validate reads both kinds of file
from .errors import LoadError
from .paths import CARDS
from .schema import Problem, items, number, text

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
# The only worldview parameters a card may shift, for a few turns: how actors read each other.
# Every other parameter is how the world really works (the hidden truth), which no event changes.
PERCEPTION_PARAMS = ("misperception", "suspicion_bias", "camp_bias")
CARD_KEYS = {"id", "title", "date", "paragraph", "quote", "deterrence_reading",
             "dialogue_reading", "weight", "conditions", "effect"}
REQUIRED_CARD_KEYS = CARD_KEYS - {"date", "conditions", "effect", "weight"}
CONDITION_KEYS = {"min_turn", "max_turn", "min_tension", "max_tension"}


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

    def plain(self, names: dict | None = None) -> str:
        """The effect in plain words, as a card shows it: 'perceptions sharpen for 3 turns: moves are read
        more truly', 'tension rises between China and Japan'. names maps codes to names (else the codes)."""
        from .vocab import EFFECT_PLAIN, PARAM_PLAIN
        up = self.amount >= 0
        if self.kind == "worldview":
            turns = f"{self.turns} turn{'s' if self.turns != 1 else ''}"
            pair = PARAM_PLAIN.get(self.param)
            if pair is None:
                return f"{self.param.replace('_', ' ')} {'rises' if up else 'falls'} for {turns}"
            return pair[0 if up else 1].format(t=turns)
        rungs = round(abs(self.amount))
        words = EFFECT_PLAIN[self.kind][0 if up else 1]
        a, b = _who(self.actors, names), _who(self.others, names)
        if "between" in words and (len(self.actors) > 1 or len(self.others) > 1):
            a, b = f"{a} on one side", f"{b} on the other"   # two groups: never "A and B and C"
        return words.format(a=a, b=b, n=f"{rungs} rung{'s' if rungs != 1 else ''}")


def _who(codes, names: dict | None) -> str:
    """'everyone', 'China', 'China and Russia', 'China, Russia and North Korea'."""
    if not codes or ALL in codes:
        return "everyone"
    shown = [(names or {}).get(c, c) for c in codes]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


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


# What one unit of an effect's amount adds to a card's pull toward escalation (+) or calm (−), by
# effect kind, and for a worldview effect by its param. Alliance, resolve and prosperity pull neither
# way: whether they deter or alarm is the very question the hidden worldview decides.
TONE_WEIGHTS: dict[str, float] = {
    "tension": 10.0, "crisis": 1.0, "capability": 1.0, "misperception": 2.0, "camp_bias": 2.0,
    "trust": -2.0, "suspicion_bias": -2.0, "ties": -4.0, "forum": -4.0,
}
TONE_DOMINANCE = 2.0  # one side's pull must exceed the other's this many times for the card to take its tone
TONES = ("escalating", "calming", "mixed")


def card_tone(card: Card) -> str:
    """The card's tone, "escalating", "calming" or "mixed": the sign of the weighted sum of its effects,
    taken only when one side clearly outweighs the other.

    Each effect pulls TONE_WEIGHTS[kind] · amount (a worldview effect: TONE_WEIGHTS[param]): raising
    tension (×10), the crisis ladder (×1 a rung), capability (×1), misperception or camp bias (×2)
    escalates; raising trust (×2), suspicion_bias (×2, a rise reads others more kindly), ties or the
    forum (×4) calms, and lowering any of them pulls the other way. With E the sum of the escalating
    pulls and C of the calming ones, the card is "escalating" if E > TONE_DOMINANCE · C, "calming" if
    C > TONE_DOMINANCE · E, else "mixed", as is a card whose effects pull neither way.
    """
    pulls = [TONE_WEIGHTS.get(e.param if e.kind == "worldview" else e.kind, 0.0) * e.amount for e in card.effects]
    up = sum(x for x in pulls if x > 0)
    down = -sum(x for x in pulls if x < 0)
    if up > TONE_DOMINANCE * down:
        return "escalating"
    if down > TONE_DOMINANCE * up:
        return "calming"
    return "mixed"


def tone_weights(cards) -> dict[str, float]:
    """The total draw weight of the cards of each tone, in the order of TONES."""
    out = dict.fromkeys(TONES, 0.0)
    for card in cards:
        out[card_tone(card)] += card.weight
    return out


@attrs.frozen
class Deck:
    name: str
    title: str
    cards: tuple[Card, ...]
    path: str = ""


MAX_CARDS = 4096       # a deck's cards; the engine keeps a card's index in 16 bits
MAX_EFFECTS = 32       # a card's effects
MAX_CODES = 16         # actor codes in one effect's group
MAX_CONDITION_TURN = 10_000
CARD_ID = r"[a-z0-9]+(-[a-z0-9]+)*"


# ---------------------------------------------------------------------- the declared schema
def _codes_check(_, attr, value) -> None:
    """One actor code or a non-empty list of them; "*" stands for every actor."""
    key = (schema.key_of(attr),)
    group = [value] if isinstance(value, str) else value
    if not isinstance(group, list) or not group or len(group) > MAX_CODES:
        raise Problem(f"expected a non-empty list of up to {MAX_CODES} actor codes "
                      "(allowed: codes like \"CHN\", or \"*\" for all)", key)
    for v in group:
        if not isinstance(v, str) or not (v == ALL or re.fullmatch(ACTOR_CODE, v)):
            raise Problem(f"{schema.shown(v)} is not an actor code (allowed: upper-case codes like \"CHN\", or \"*\")", key)


def _codes_field():
    return attrs.field(type=Any, validator=_codes_check, metadata={"allowed": "actor codes"})


def _perception_param(_, attr, name) -> None:
    """A worldview effect's param: one of PERCEPTION_PARAMS; a truth parameter is refused by name."""
    if name in PERCEPTION_PARAMS:
        return
    allowed = f"(allowed: {', '.join(PERCEPTION_PARAMS)})"
    if isinstance(name, str) and name in params.SPEC:
        raise Problem(f"{name!r} is how the world works, which a card may not shift; "
                      f"a card shifts only how actors read each other {allowed}", ("param",))
    raise Problem(f"unknown parameter {schema.shown(name)} {allowed}", ("param",))


def _effect_class(kind: str) -> type:
    """The schema of one kind of [[card.effect]], from EFFECT_KINDS: its keys and the range of its amount."""
    keys, (low, high), integer = EFFECT_KINDS[kind]
    fields = {"kind": attrs.field(type=str, metadata={"allowed": kind})}
    for key in keys:
        if key == "amount":
            fields["amount"] = number(low, high, type=int if integer else float)
        elif key == "param":
            fields["param"] = attrs.field(type=Any, validator=_perception_param,
                                          metadata={"allowed": ", ".join(PERCEPTION_PARAMS)})
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
                raise Problem(f"{getattr(self, low):g} is above {high} {getattr(self, high):g} "
                              f"(allowed: {low} up to {high})", (low,))


@attrs.define(kw_only=True)
class CardEntry:
    """One [[card]]."""
    WHAT = "field"
    id: str = text(CARD_ID, "kebab-case: a-z, 0-9 and single hyphens", max_len=60)
    title: str = text(max_len=60)
    paragraph: int = attrs.field(validator=_article_paragraph, metadata={"allowed": "a paragraph of the article"})
    quote: str = text(max_len=300)
    deterrence_reading: str = text(max_len=400)
    dialogue_reading: str = text(max_len=400)
    weight: float = number(0.0, 100.0, default=1.0)
    date: str = text(max_len=40, default="", blank=True)
    conditions: ConditionsTable = attrs.field(factory=ConditionsTable)
    effect: list[EffectEntry] = items(0, MAX_EFFECTS, "effects", default=list,
                                      allowed=f"up to {MAX_EFFECTS} [[card.effect]] tables")


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
        raise schema.error(file, raw, where, ("card", index, "quote"),
                           f"does not occur verbatim in ¶{c.paragraph} of the seed article")
    cond = c.conditions
    return Card(id=c.id, title=c.title, paragraph=c.paragraph, quote=c.quote, deterrence_reading=c.deterrence_reading,
                dialogue_reading=c.dialogue_reading, effects=tuple(_effect(e) for e in c.effect),
                weight=float(c.weight), date=c.date, min_turn=cond.min_turn, max_turn=cond.max_turn,
                min_tension=float(cond.min_tension), max_tension=float(cond.max_tension))


def parse_card(file, raw: dict, index: int, article: tuple[str, ...]) -> Card:
    """One [[card]] table, checked against CardEntry, its quote checked word for word against its
    paragraph of the article."""
    doc = {"card": [None] * index + [raw]}
    entry = schema.structure(raw, CardEntry, file, lambda path, _: where(("card", index) + path, doc))
    return _card(file, entry, index, doc, article)


def load_deck(path_or_name) -> Deck:
    """The checked deck at a path, or with a name in assets/cards/."""
    path = Path(path_or_name)
    if not path.suffix:
        path = CARDS / f"{path_or_name}.toml"
    raw = read_toml(path)
    f = schema.structure(raw, DeckFile, path, where)
    article = paragraphs()
    cards = tuple(_card(path, c, k, raw, article) for k, c in enumerate(f.card))
    return Deck(name=f.deck.name or path.stem, title=f.deck.title or path.stem, cards=cards, path=str(path))


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
