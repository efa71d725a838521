import hashlib

import pytest

from game.core.files.article import paragraphs
from game.core.files.cards import load_deck
from game.core.files.paths import ARTICLE, CARDS, ROOT

SHARED = ROOT.parent / "shared" / "seeds" / ARTICLE.name
ARTICLE_SHA256 = "79b2e783d72078853b3c8e1bab47f310366854edce34db3554ec82874603c070"  # the article as given


def test_article_has_thirteen_paragraphs():
    """The seed article splits into ¶1–¶13, opening with Stoltenberg's visit and closing with the warning."""
    paras = paragraphs()
    assert len(paras) == 13
    assert paras[0].startswith("NATO Secretary-General Jens Stoltenberg visited")
    assert paras[12].startswith("East Asia cannot afford to repeat the mistake")


def test_seed_copied_unchanged():
    """seeds/ holds the source article byte for byte as given (and as shared/ holds it, where that is beside)."""
    assert hashlib.sha256(ARTICLE.read_bytes()).hexdigest() == ARTICLE_SHA256
    if SHARED.exists():
        assert hashlib.sha256(SHARED.read_bytes()).hexdigest() == ARTICLE_SHA256


def decks():
    return [load_deck(p) for p in sorted(CARDS.glob("*.toml"))]


@pytest.mark.parametrize("deck", decks(), ids=lambda d: d.name)
def test_every_quote_occurs_verbatim_in_its_paragraph(deck):
    """Each card's quote is a verbatim substring of the paragraph it cites."""
    paras = paragraphs()
    for card in deck.cards:
        assert card.quote in paras[card.paragraph - 1], (card.id, card.paragraph)


def test_article_deck_covers_the_whole_article():
    """The article deck has at least 32 cards, touches every paragraph and every topic the issue lists."""
    deck = load_deck("article_2023")
    assert len(deck.cards) >= 32
    assert {c.paragraph for c in deck.cards} == set(range(1, 14))
    text = " ".join(f"{c.title} {c.quote}" for c in deck.cards).lower()
    for topic in [
        "stoltenberg",
        "closely interconnected",
        "kishida",
        "taiwan",
        "korean peninsula",
        "madrid",
        "first diplomatic mission",
        "set up a mission",
        "australia and new zealand",
        "hypothetical situations",
        "established geographical scope",
        "heavy investment",
        "deterrence and defense",
        "democracy vs. authoritarianism",
        "ukraine",
        "like-minded",
        "one-way missionary preaching",
        "quasi-alliance",
        "1967",
        "asean regional forum",
        "shanghai cooperation organization",
        "global security initiative",
        "cannot afford to repeat",
    ]:
        assert topic in text, topic


def test_every_card_reads_both_ways_in_one_sentence():
    """Each card has a one-sentence deterrence reading and a one-sentence dialogue reading, and effects."""
    for card in load_deck("article_2023").cards:
        for reading in (card.deterrence_reading, card.dialogue_reading):
            body = reading.strip()
            assert body.endswith((".", "!", "?")) and body.count(". ") == 0, (card.id, reading)
        assert card.effects, card.id


def test_both_readings_of_a_card_carry_equal_weight():
    """Each card's deterrence and dialogue readings are of comparable length, neither over 1.25 times the other."""
    for card in load_deck("article_2023").cards:
        a, b = len(card.deterrence_reading), len(card.dialogue_reading)
        assert max(a, b) <= 1.25 * min(a, b), (card.id, a, b)


def test_no_card_labels_a_country_aggressive():
    """No card's text calls a real country aggressive, expansionist or greedy."""
    for card in load_deck("article_2023").cards:
        text = f"{card.title} {card.deterrence_reading} {card.dialogue_reading}".lower()
        for word in ("aggressor", "expansionist", "greedy", "rogue", "evil"):
            assert word not in text, (card.id, word)
