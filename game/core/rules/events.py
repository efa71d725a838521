"""Rule 1, the event: each game draws its card and applies the card's effects
(docs/MODEL.md §7.1)."""
from __future__ import annotations

import attrs
import numpy as np

from ..cards import Card, compile_deck
from ..constants import K
from ..state import State

# the state a card moves, with each field's bounds
CARD_FIELDS = (("capability", K.CAPABILITY_MIN, K.CAPABILITY_MAX), ("prosperity", 0.0, K.PROSPERITY_MAX),
               ("alliance", 0.0, 1.0), ("ties", 0.0, 1.0), ("forum", 0.0, 1.0), ("resolve", 0.0, 1.0),
               ("crisis", 0, K.WAR_RUNG - 1))
_FLOAT_FIELDS = ("trust", "tension", "capability", "prosperity", "alliance", "ties", "forum", "resolve")


@attrs.frozen(eq=False)
class Deck:
    """The cards as arrays, one row per card and a last row of zeros for "no card" (index -1)."""

    effects: object   # cards.CompiledDeck with that extra row; float effects as float32
    weight: np.ndarray
    min_turn: np.ndarray
    max_turn: np.ndarray
    min_tension: np.ndarray
    max_tension: np.ndarray


def prepare_deck(cards: tuple[Card, ...], codes: list[str]) -> Deck:
    d = compile_deck(cards, codes)
    with_none = {f.name: np.concatenate([getattr(d, f.name), np.zeros_like(getattr(d, f.name)[:1])])
                 for f in attrs.fields(type(d))}
    for name in _FLOAT_FIELDS:
        with_none[name] = with_none[name].astype(np.float32)
    return Deck(effects=type(d)(**with_none), weight=d.weight, min_turn=d.min_turn, max_turn=d.max_turn,
                min_tension=d.min_tension, max_tension=d.max_tension)


def draw_cards(deck: Deck, turn: int, regional_tension: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Each game draws one card by weight among those its turn and regional tension allow:
    card = the first k with cumsum(weight · allowed)_k > u · total; -1 where none is allowed."""
    allowed = ((turn >= deck.min_turn) & (turn <= deck.max_turn))[None, :] \
        & (regional_tension[:, None] >= deck.min_tension[None, :]) \
        & (regional_tension[:, None] <= deck.max_tension[None, :])
    cum = np.cumsum(allowed * deck.weight[None, :], axis=1)
    total = cum[:, -1]
    k = np.minimum((cum <= (u * total)[:, None]).sum(axis=1), len(deck.weight) - 1)
    return np.where(total > 0, k, -1).astype(np.int16)


def apply_card(st: State, deck: Deck, card: np.ndarray) -> tuple[State, np.ndarray, np.ndarray]:
    """x ← clip(x + effect(card), low, high) for each field a card moves; a card that shifts
    perception parameters starts its shift for `turns` turns. Returns the new state and the
    card's shifts of trust (log-odds) and tension, which the perception and tension rules add."""
    e = deck.effects
    moved = {field: np.clip(getattr(st, field) + getattr(e, field)[card], low, high)
             for field, low, high in CARD_FIELDS}
    starts = e.tweak_turns[card] > 0
    shift = np.where(starts[:, None], e.tweak[card], st.card_shift)
    left = np.where(starts, e.tweak_turns[card] + 1, st.card_shift_left).astype(np.int16)
    st = attrs.evolve(st, card_shift=shift, card_shift_left=left, **moved)
    return st, e.trust[card], e.tension[card]
