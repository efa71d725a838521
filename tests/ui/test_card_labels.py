"""Cards in human words and at one font size: every effect reads as plain words (no parameter names), and
the event card draws each element at the same size on every card and turn, its quote and readings together
at large text sizes; a card that does not fit scrolls by whole lines to its last line."""

import re

import pygame
import pytest

from game.core.model import params as P
from game.core.files.paths import shipped_decks
from game.core.files.scenario import list_scenarios, load_scenario
from game.ui.window import text
from game.ui.window.metrics import Metrics
from game.ui.widgets.card_view import CardView

PARAM_WORDS = re.compile("|".join(sorted(P.NAMES, key=len, reverse=True)) + r"|[A-Za-z]+_[A-Za-z]+|[+−-]\d")


def _scenarios_with_cards():
    out = []
    for path in list_scenarios():
        sc = load_scenario(path)
        if sc.cards:
            out.append(sc)
    return out


def test_every_effect_of_every_deck_reads_in_plain_words():
    assert shipped_decks()
    seen = 0
    for sc in _scenarios_with_cards():
        names = {a.code: a.name for a in sc.actors}
        for card in sc.cards:
            for effect in card.effects:
                words = effect.plain(names)
                assert words and not PARAM_WORDS.search(words), (card.id, words)
                assert not re.search(r"\b[A-Z]{3}\b", words.replace("NATO", "")), (card.id, words)  # names, not codes
                seen += 1
    assert seen > 50


def test_the_worldview_shifts_say_what_they_do():
    from game.core.model.world import Effect

    assert (
        Effect("worldview", -0.1, param="misperception", turns=3).plain()
        == "perceptions sharpen for 3 turns: moves are read more truly"
    )
    assert (
        Effect("worldview", 0.1, param="misperception", turns=1).plain()
        == "perceptions blur for 1 turn: moves are misread more often"
    )
    assert (
        Effect("tension", 0.05, ("CHN",), ("JPN",)).plain({"CHN": "China", "JPN": "Japan"})
        == "tension rises between China and Japan"
    )


def _drawn(view, surface, card, turn, names):
    seen = []
    real = text.render

    def spy(s, px, colour, style="regular"):
        seen.append((str(s), px, style))
        return real(s, px, colour, style)

    text.render = spy
    try:
        view.invalidate()
        view.draw(surface, card, turn, names=names)
    finally:
        text.render = real
    return seen


@pytest.mark.parametrize("scale, size", [(1.0, (640, 420)), (2.0, (1280, 500)), (1.5, (620, 560))])
def test_one_font_size_per_card_element_and_long_cards_scroll(scale, size):
    """Each element of the card has one size on every card of the deck (the screen's body size at 1.0, never
    below that of 1.0 at larger sizes), and a card that does not fit scrolls by whole lines to its last line."""
    pygame.display.init()
    pygame.font.init()
    surface = pygame.Surface((1920, 1080))
    m = Metrics(1920, 1080, scale)
    sc = load_scenario("east_asia_2023")
    names = {a.code: a.name for a in sc.actors}
    sizes = {}
    for turn, card in enumerate(sc.cards, 1):
        view = CardView()
        view.set_rect(pygame.Rect(0, 0, *size), m)
        view.deck = tuple(sc.cards)
        seen = _drawn(view, surface, card, turn, names)
        quote = [px for s, px, style in seen if style == "italic"]
        title = [px for s, px, style in seen if s == card.title]
        assert quote or view.max_scroll, card.id
        for role, pxs in (("quote", quote), ("title", title)):
            for px in pxs:
                sizes.setdefault(role, set()).add(px)
        assert min(px for _, px, _ in seen) >= 11
        if view.max_scroll:
            view.scroll_by(1000)
            last = _drawn(view, surface, card, turn, names)
            effects = [s for s, px, style in last if px == max(11, round(min(quote) * 0.85)) and style == "regular"]
            assert effects and effects[-1].endswith("."), (card.id, effects)
            assert view.scroll == view.max_scroll
    assert len(sizes["quote"]) == 1 and len(sizes["title"]) == 1
    (px,) = sizes["quote"]
    assert px == m.body if scale == 1.0 else Metrics(1920, 1080, 1.0).body <= px <= m.body


@pytest.mark.parametrize(
    "window, scale, panel",
    [((1280, 720), 1.5, (1250, 370)), ((1280, 720), 2.0, (1250, 290)), ((1920, 1080), 2.0, (1900, 440))],
)
def test_every_cards_quote_and_readings_show_together_in_the_card_view(window, scale, panel):
    """The card view at large text sizes (about its size in the play screen's tabs) shows the quote and both
    readings of every card of the deck whole together, without scrolling."""
    pygame.display.init()
    pygame.font.init()
    surface = pygame.Surface(window)
    m = Metrics(*window, scale)
    sc = load_scenario("east_asia_2023")
    names = {a.code: a.name for a in sc.actors}
    view = CardView()
    view.set_rect(pygame.Rect(0, 0, *panel), m)
    view.deck = tuple(sc.cards)
    for turn, card in enumerate(sc.cards, 1):
        shown = " ".join(" ".join(s for s, _, _ in _drawn(view, surface, card, turn, names)).split())
        for words in (f"“{card.quote}”", card.deterrence_reading, card.dialogue_reading):
            assert " ".join(words.split()) in shown, (card.id, words)
