"""The world a game is played in, as frozen values: the actors, the stakes, the end rules and the
scenario that holds them; the event cards, their effects and the deck compiled into dense shocks. The
files part loads them from TOML and checks them; the model only reads them."""

from __future__ import annotations

import attrs
import numpy as np

from . import params

ALL = "*"  # an effect's group that means every actor


@attrs.frozen
class Effect:
    kind: str
    amount: float
    actors: tuple[str, ...] = ()  # capability, prosperity, resolve; trust: observers
    others: tuple[str, ...] = ()  # trust: observed; dyadic kinds: the second group
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
            a, b = f"{a} on one side", f"{b} on the other"  # two groups: never "A and B and C"
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


@attrs.frozen
class Deck:
    name: str
    title: str
    cards: tuple[Card, ...]
    path: str = ""


@attrs.frozen(eq=False)
class CompiledDeck:
    """Dense shocks per card, so a batch applies every game's card with one gather."""

    trust: np.ndarray  # (K, N, N) log-odds shift of row's trust in column
    tension: np.ndarray  # (K, N, N) symmetric
    capability: np.ndarray  # (K, N)
    prosperity: np.ndarray  # (K, N)
    alliance: np.ndarray  # (K, N, N)
    ties: np.ndarray  # (K, N, N)
    forum: np.ndarray  # (K,)
    crisis: np.ndarray  # (K, N, N) int
    resolve: np.ndarray  # (K, N)
    tweak: np.ndarray  # (K, P) worldview delta
    tweak_turns: np.ndarray  # (K,)
    weight: np.ndarray  # (K,)
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
    out = dict(
        trust=z3(),
        tension=z3(),
        capability=np.zeros((k, n)),
        prosperity=np.zeros((k, n)),
        alliance=z3(),
        ties=z3(),
        forum=np.zeros(k),
        crisis=np.zeros((k, n, n), dtype=np.int8),
        resolve=np.zeros((k, n)),
        tweak=np.zeros((k, p)),
        tweak_turns=np.zeros(k, dtype=np.int16),
    )
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
        min_turn=np.array([c.min_turn for c in cards]),
        max_turn=np.array([c.max_turn for c in cards]),
        min_tension=np.array([c.min_tension for c in cards]),
        max_tension=np.array([c.max_tension for c in cards]),
        **out,
    )


@attrs.frozen
class Actor:
    code: str
    name: str
    colour: str
    marker: str
    capability: float
    prosperity: float
    bloc: str
    x: float
    y: float
    doctrine: str
    nuclear: bool = False  # a war between two nuclear actors is catastrophic for both


@attrs.frozen
class Stake:
    """Something two actors could fight over: a challenge is always over a stake."""

    id: str
    name: str
    parties: tuple[int, int]  # actor indices
    value: float
    paragraphs: tuple[int, ...] = ()  # the article's paragraphs that name it
    source: str = ""  # where a stake the article does not name comes from


@attrs.frozen
class EndRules:
    lockin_threshold: float = 60.0
    lockin_turns: int = 5
    community_trust: float = 0.7
    community_tension: float = 25.0
    community_turns: int = 5


@attrs.frozen(eq=False)
class Scenario:
    name: str
    title: str
    description: str
    actors: tuple[Actor, ...]
    trust: np.ndarray
    alliance: np.ndarray
    ties: np.ndarray
    turns: int
    worldview: params.Worldview
    cards: tuple[Card, ...]
    deck_name: str
    dynamics: bool
    end: EndRules
    profiles: dict
    path: str = ""
    seed: int = 1
    stakes: tuple[Stake, ...] = ()
    hidden_prior: float = 0.5  # chance that a hidden game draws the spiral world

    @property
    def codes(self) -> list[str]:
        return [a.code for a in self.actors]

    @property
    def n(self) -> int:
        return len(self.actors)

    def index(self, code: str) -> int:
        return self.codes.index(code)

    def card(self, card_id: str | None) -> Card | None:
        """The deck's card with this id, or None."""
        return next((c for c in self.cards if c.id == card_id), None)

    def default_doctrines(self) -> list[str]:
        return [a.doctrine for a in self.actors]

    def with_worldview(self, worldview: params.Worldview) -> "Scenario":
        return attrs.evolve(self, worldview=worldview)

    def with_turns(self, turns: int) -> "Scenario":
        return attrs.evolve(self, turns=int(turns))
