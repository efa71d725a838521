"""Event cards: loaded from TOML, checked against the seed article, compiled into shocks."""
from __future__ import annotations

import re
from pathlib import Path

import attrs
import numpy as np

from . import params
from .article import paragraphs
from .checks import ACTOR_CODE, choice, no_duplicates, number, read_toml, reject_unknown, require_keys, table, text
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


def _codes(file, section, key, value) -> tuple[str, ...]:
    """One actor code or a non-empty list of them; "*" stands for every actor."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise LoadError(file, section, key, "expected a non-empty list of actor codes (allowed: codes like \"CHN\", or \"*\" for all)")
    for v in value:
        if not isinstance(v, str) or not (v == ALL or re.match(ACTOR_CODE, v)):
            raise LoadError(file, section, key, f"{v!r} is not an actor code (allowed: upper-case codes like \"CHN\", or \"*\")")
    return tuple(value)


def _perception_param(file, section, name) -> str:
    """A worldview effect's param: one of PERCEPTION_PARAMS; a truth parameter is refused by name."""
    if name in PERCEPTION_PARAMS:
        return name
    allowed = f"(allowed: {', '.join(PERCEPTION_PARAMS)})"
    if isinstance(name, str) and name in params.SPEC:
        raise LoadError(file, section, "param", f"{name!r} is how the world works, which a card may not shift; "
                                                f"a card shifts only how actors read each other {allowed}")
    raise LoadError(file, section, "param", f"unknown parameter {name!r} {allowed}")


def _effect(file, section, raw) -> Effect:
    """One [[card.effect]] table: its kind decides the fields it needs and the range of its amount."""
    table(file, section, "effect", raw)
    kind = choice(file, section, "kind", raw.get("kind"), EFFECT_KINDS, "effect kind")
    keys, (low, high), integer = EFFECT_KINDS[kind]
    reject_unknown(file, section, raw, set(keys) | {"kind"}, f"field for a {kind} effect")
    require_keys(file, section, raw, keys, f"missing (a {kind} effect needs: {', '.join(keys)})")
    amount = float(number(file, section, "amount", raw["amount"], low, high, integer))
    if kind == "worldview":
        name = _perception_param(file, section, raw["param"])
        turns = number(file, section, "turns", raw["turns"], 1, 20, integer=True)
        return Effect(kind, amount, param=name, turns=int(turns))
    if kind == "forum":
        return Effect(kind, amount)
    if kind in ("capability", "prosperity", "resolve"):
        return Effect(kind, amount, actors=_codes(file, section, "actors", raw["actors"]))
    if kind == "trust":
        return Effect(kind, amount, actors=_codes(file, section, "from", raw["from"]),
                      others=_codes(file, section, "to", raw["to"]))
    return Effect(kind, amount, actors=_codes(file, section, "between", raw["between"]),
                  others=_codes(file, section, "and", raw["and"]))


def _conditions(file, section, raw: dict) -> dict:
    """A card's [conditions]: the turns and the tension at which it may be drawn."""
    conditions = table(file, section, "conditions", raw.get("conditions", {}))
    section += ".conditions"
    reject_unknown(file, section, conditions, CONDITION_KEYS, "condition")
    return {
        "min_turn": number(file, section, "min_turn", conditions.get("min_turn", 0), 0, 10_000, True),
        "max_turn": number(file, section, "max_turn", conditions.get("max_turn", 10_000), 0, 10_000, True),
        "min_tension": float(number(file, section, "min_tension", conditions.get("min_tension", 0), 0, 100)),
        "max_tension": float(number(file, section, "max_tension", conditions.get("max_tension", 100), 0, 100)),
    }


def parse_card(file, raw: dict, index: int, article: tuple[str, ...]) -> Card:
    """One [[card]] table, its quote checked word for word against its paragraph of the article."""
    section = f"card {index + 1}"
    table(file, section, None, raw)
    if isinstance(raw.get("id"), str):
        section = f"card {raw['id']}"
    reject_unknown(file, section, raw, CARD_KEYS, "field")
    require_keys(file, section, raw, sorted(REQUIRED_CARD_KEYS))
    card_id = text(file, section, "id", raw["id"], max_len=60)
    if not re.match(r"^[a-z0-9]+(-[a-z0-9]+)*$", card_id):
        raise LoadError(file, section, "id", f"{card_id!r} is not kebab-case (allowed: a-z, 0-9 and single hyphens)")
    para = number(file, section, "paragraph", raw["paragraph"], 1, len(article), integer=True)
    quote = text(file, section, "quote", raw["quote"], max_len=300)
    if quote not in article[para - 1]:
        raise LoadError(file, section, "quote", f"does not occur verbatim in ¶{para} of the seed article")
    cond = _conditions(file, section, raw)
    effects = raw.get("effect", [])
    if not isinstance(effects, list):
        raise LoadError(file, section, "effect", "expected an array of tables ([[card.effect]])")
    return Card(
        id=card_id,
        title=text(file, section, "title", raw["title"], max_len=60),
        paragraph=int(para),
        quote=quote,
        deterrence_reading=text(file, section, "deterrence_reading", raw["deterrence_reading"], max_len=400),
        dialogue_reading=text(file, section, "dialogue_reading", raw["dialogue_reading"], max_len=400),
        effects=tuple(_effect(file, section + ".effect", e) for e in effects),
        weight=float(number(file, section, "weight", raw.get("weight", 1.0), 0.0, 100.0)),
        date=text(file, section, "date", raw["date"], max_len=40) if "date" in raw else "",
        **cond,
    )


def load_deck(path_or_name) -> Deck:
    """The checked deck at a path, or with a name in assets/cards/."""
    path = Path(path_or_name)
    if not path.suffix:
        path = CARDS / f"{path_or_name}.toml"
    raw = read_toml(path)
    reject_unknown(path, None, raw, ("deck", "card"), "section")
    head = table(path, "deck", None, raw.get("deck", {}))
    reject_unknown(path, "deck", head, {"name", "title", "source"}, "field")
    raw_cards = raw.get("card", [])
    if not isinstance(raw_cards, list) or not raw_cards:
        raise LoadError(path, "card", None, "a deck needs at least one [[card]]")
    article = paragraphs()
    cards = tuple(parse_card(path, c, k, article) for k, c in enumerate(raw_cards))
    no_duplicates(path, (card.id for card in cards), "card", "id")
    return Deck(name=str(head.get("name", path.stem)), title=str(head.get("title", path.stem)),
                cards=cards, path=str(path))


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
