"""The deck (issue 11): cards move the region's state or, for a few turns, how actors read each
other, never how the world works; escalating and calming cards share the draw evenly."""

import pytest

from game.core.model import params
from game.core.files.cards import PERCEPTION_PARAMS, load_deck
from game.core.model.world import Card, Effect
from game.core.model.errors import LoadError
from game.core.files.paths import CARDS
from tests.inprocess import run_main

DECKS = sorted(CARDS.glob("*.toml"))
TRUTH_PARAMS = [name for name in params.NAMES if name not in PERCEPTION_PARAMS]

# A card's tone, the measure of the deck's balance. What one unit of an effect's amount adds to a card's
# pull toward escalation (+) or calm (−), by effect kind, and for a worldview effect by its param.
# Alliance, resolve and prosperity pull neither way: whether they deter or alarm is the very question
# the hidden worldview decides.
TONE_WEIGHTS: dict[str, float] = {
    "tension": 10.0,
    "crisis": 1.0,
    "capability": 1.0,
    "misperception": 2.0,
    "camp_bias": 2.0,
    "trust": -2.0,
    "suspicion_bias": -2.0,
    "ties": -4.0,
    "forum": -4.0,
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


BAD_CARD = """\
[deck]
name = "bad"

[[card]]
id = "bad-card"
title = "A card that rewrites the world"
paragraph = 13
quote = "cannot afford to repeat the mistake"
deterrence_reading = "One reading."
dialogue_reading = "Another reading."

[[card.effect]]
kind = "worldview"
param = "{param}"
amount = 0.05
turns = 2
"""


def test_escalating_and_calming_cards_each_hold_35_to_65_percent_of_their_draw_weight():
    """In the article deck the escalating and the calming cards each carry 35–65% of their joint draw weight."""
    w = tone_weights(load_deck("article_2023").cards)
    both = w["escalating"] + w["calming"]
    for tone in ("escalating", "calming"):
        assert 0.35 <= w[tone] / both <= 0.65, (tone, {k: round(v / both, 3) for k, v in w.items()})


@pytest.mark.parametrize("path", DECKS, ids=lambda p: p.stem)
def test_no_shipped_card_shifts_a_truth_parameter(path):
    """Every worldview effect of a shipped card shifts misperception, suspicion_bias or camp_bias only."""
    for card in load_deck(path).cards:
        for e in card.effects:
            assert e.kind != "worldview" or e.param in PERCEPTION_PARAMS, (card.id, e.param)


def test_perception_parameters_are_worldview_parameters():
    """The perception parameters a card may shift are the three named ones, all in the worldview table."""
    assert set(PERCEPTION_PARAMS) == {"misperception", "suspicion_bias", "camp_bias"}
    assert set(PERCEPTION_PARAMS) <= set(params.NAMES)


@pytest.mark.parametrize("param", TRUTH_PARAMS)
def test_every_truth_parameter_is_refused_by_name(tmp_path, param):
    """A card shifting any parameter of how the world works, even one added later, fails naming what is allowed."""
    path = tmp_path / "bad.toml"
    path.write_text(BAD_CARD.format(param=param), encoding="utf-8")
    with pytest.raises(LoadError) as err:
        load_deck(path)
    msg = str(err.value)
    assert msg.startswith(f"{path}: [card bad-card.effect] param: '{param}'"), msg
    assert "allowed: misperception, suspicion_bias, camp_bias" in msg and "\n" not in msg, msg


def test_validate_refuses_a_card_that_shifts_first_strike(tmp_path):
    """`python main.py validate` on a card shifting first_strike exits 2 with one error line and no traceback."""
    path = tmp_path / "bad.toml"
    path.write_text(BAD_CARD.format(param="first_strike"), encoding="utf-8")
    r = run_main("validate", path)
    assert r.returncode == 2, (r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    assert lines[0].startswith(f"{path}: [card bad-card.effect] param: 'first_strike'"), lines[0]
    assert "(allowed: misperception, suspicion_bias, camp_bias)" in lines[0], lines[0]


def card(*effects: Effect) -> Card:
    return Card(
        id="c", title="t", paragraph=1, quote="q", deterrence_reading="d", dialogue_reading="d", effects=effects
    )


@pytest.mark.parametrize(
    "effects,tone",
    [
        ((Effect("tension", 0.03, ("A",), ("B",)),), "escalating"),
        ((Effect("crisis", 1, ("A",), ("B",)),), "escalating"),
        ((Effect("worldview", 0.1, param="misperception", turns=2),), "escalating"),
        ((Effect("worldview", -0.05, param="suspicion_bias", turns=2),), "escalating"),
        ((Effect("forum", -0.05),), "escalating"),
        ((Effect("trust", 0.1, ("A",), ("B",)),), "calming"),
        ((Effect("forum", 0.1), Effect("worldview", -0.05, param="camp_bias", turns=3)), "calming"),
        ((Effect("crisis", -1, ("A",), ("B",)), Effect("tension", 0.03, ("A",), ("B",))), "calming"),
        ((Effect("ties", 0.05, ("A",), ("B",)), Effect("tension", 0.02, ("A",), ("B",))), "mixed"),
        ((Effect("alliance", 0.1, ("A",), ("B",)), Effect("resolve", 0.05, ("A",))), "mixed"),
        ((), "mixed"),
    ],
)
def test_card_tone_follows_the_weighted_pulls(effects, tone):
    """A card escalates or calms when that side's weighted pull outweighs the other two to one, else it is mixed."""
    assert card_tone(card(*effects)) == tone
