"""Rule 1, the event: each game draws its card and applies the card's effects
(docs/MODEL.md §7.1)."""

from __future__ import annotations

import attrs
import numpy as np

from ..world import Card, compile_deck
from ..constants import K
from ..state import State
from .crises import with_crises

# the state a card moves, with each field's bounds
CARD_FIELDS = (
    ("capability", K.CAPABILITY_MIN, K.CAPABILITY_MAX),
    ("prosperity", 0.0, K.PROSPERITY_MAX),
    ("alliance", 0.0, 1.0),
    ("ties", 0.0, 1.0),
    ("forum", 0.0, 1.0),
    ("resolve", 0.0, 1.0),
)
_FLOAT_FIELDS = ("trust", "tension", "capability", "prosperity", "alliance", "ties", "forum", "resolve")


@attrs.frozen(eq=False)
class Deck:
    """The cards as arrays, one row per card and a last row of zeros for "no card" (index -1)."""

    effects: object  # cards.CompiledDeck with that extra row; float effects as float32
    paragraph: np.ndarray
    weight: np.ndarray
    min_turn: np.ndarray
    max_turn: np.ndarray
    min_tension: np.ndarray
    max_tension: np.ndarray


def prepare_deck(cards: tuple[Card, ...], codes: list[str]) -> Deck:
    d = compile_deck(cards, codes)
    with_none = {
        f.name: np.concatenate([getattr(d, f.name), np.zeros_like(getattr(d, f.name)[:1])])
        for f in attrs.fields(type(d))
    }
    for name in _FLOAT_FIELDS:
        with_none[name] = with_none[name].astype(np.float32)
    return Deck(
        effects=type(d)(**with_none),
        paragraph=np.array([c.paragraph for c in cards]),
        weight=d.weight,
        min_turn=d.min_turn,
        max_turn=d.max_turn,
        min_tension=d.min_tension,
        max_tension=d.max_tension,
    )


def draw_cards(
    deck: Deck, turn: int, turn_limit: int, regional_tension: np.ndarray, seen: np.ndarray, u: np.ndarray
) -> np.ndarray:
    """Each game draws one card by weight among those its turn and regional tension allow and it
    has not seen yet (once every allowed card was seen, seen ones come back), roughly in the
    article's order: a card's weight counts exp(−|paragraph − the turn's place in the article|
    / CARD_ORDER_SPREAD) times. card = the first k with cumsum(weight)_k > u·total; -1 if none."""
    allowed = (
        ((turn >= deck.min_turn) & (turn <= deck.max_turn))[None, :]
        & (regional_tension[:, None] >= deck.min_tension[None, :])
        & (regional_tension[:, None] <= deck.max_tension[None, :])
    )
    unseen = allowed & ~seen
    allowed = np.where(unseen.any(axis=1, keepdims=True), unseen, allowed)
    place = 1.0 + (deck.paragraph.max() - 1.0) * (turn - 1) / max(turn_limit - 1, 1)
    in_order = np.exp(-np.abs(deck.paragraph - place) / K.CARD_ORDER_SPREAD)
    cum = np.cumsum(allowed * (deck.weight * in_order)[None, :], axis=1)
    total = cum[:, -1]
    k = np.minimum((cum <= (u * total)[:, None]).sum(axis=1), len(deck.weight) - 1)
    return np.where(total > 0, k, -1).astype(np.int16)


def apply_card(st: State, deck: Deck, card: np.ndarray) -> tuple[State, np.ndarray, np.ndarray]:
    """x ← clip(x + effect(card), low, high) for each field a card moves; a card that shifts
    perception parameters starts its shift for `turns` turns. Returns the new state and the
    card's shifts of trust (log-odds) and tension, which the perception and tension rules add."""
    e = deck.effects
    moved = {
        field: np.clip(getattr(st, field) + getattr(e, field)[card], low, high) for field, low, high in CARD_FIELDS
    }
    starts = e.tweak_turns[card] > 0
    shift = np.where(starts[:, None], e.tweak[card], st.card_shift)
    left = np.where(starts, e.tweak_turns[card] + 1, st.card_shift_left).astype(np.int16)
    seen = st.cards_seen.copy()
    drawn = card >= 0
    seen[np.flatnonzero(drawn), card[drawn]] = True
    st = attrs.evolve(st, card_shift=shift, card_shift_left=left, cards_seen=seen, **moved)
    return st, e.trust[card], e.tension[card]


def turn_event(st: State, deck: Deck | None, stakes, t: int, turns: int, u_card):
    """Rule 1: draw and apply each game's card (no deck: no card, nothing moves); returns the state,
    the cards (-1 for none) and the card's shifts of trust and tension."""
    b, n = st.capability.shape
    zero = np.zeros((b, n, n), dtype=np.float32)
    if deck is None:
        return st, np.full(b, -1, dtype=np.int16), zero, zero
    card = draw_cards(deck, t, turns, st.regional_tension, st.cards_seen, u_card)
    st, trust_card, tension_card = apply_card(st, deck, card)
    rung, challenger, opened = card_crises(
        st.stake_rung, st.stake_challenger, st.stake_opened, stakes.party, deck.effects.crisis[card], t
    )
    return with_crises(st, stakes, rung, challenger, opened), card, trust_card, tension_card


def card_crises(stake_rung, stake_challenger, stake_opened, party, crisis_shift, turn: int):
    """A card that raises (or lowers) a crisis between two actors moves the crisis over each
    stake they share by its amount, within 0 and the brink; a crisis it opens has no challenger."""
    rung, challenger, opened = stake_rung.copy(), stake_challenger.copy(), stake_opened.copy()
    if not crisis_shift.any():  # no card this turn moves a crisis
        return rung, challenger, opened
    for s in range(party.shape[0]):
        amount = crisis_shift[:, party[s, 0], party[s, 1]]
        moved = np.clip(rung[:, s] + amount, 0, K.WAR_RUNG - 1).astype(np.int8)
        opens = (rung[:, s] == 0) & (moved > 0)
        challenger[:, s] = np.where(opens, -1, np.where(moved == 0, -1, challenger[:, s]))
        opened[:, s] = np.where(opens, turn, opened[:, s])
        rung[:, s] = np.where(rung[:, s] >= K.WAR_RUNG, rung[:, s], moved)
    return rung, challenger, opened
