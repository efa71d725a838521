import re
import tomllib
from pathlib import Path

import numpy as np
import pytest

from game.core.model.engine import Engine
from game.core.model.errors import LoadError
from game.core.files.paths import SCENARIOS
from game.core.files.scenario import list_scenarios, load_scenario

SCENARIO_FILES = list_scenarios()
MESSAGE = re.compile(r"^.+\.toml: (\[[^\]]+\] )?[^:]+: .+$")


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: p.stem)
def test_every_shipped_scenario_plays(path):
    """Every shipped scenario loads and plays ten turns with seed 42, in bounds."""
    sc = load_scenario(path)
    eng = Engine(sc, [42])
    for _ in range(10):
        if eng.done:
            break
        log = eng.step()
        assert np.isfinite(log.trust).all() and np.isfinite(log.tension).all()
    assert eng.state.turn >= 1


def test_shipped_scenarios_are_the_two_of_the_design():
    """east_asia_2023 has the eight actors with blocs and 30 turns; two_rivals has two actors, no deck."""
    ea = load_scenario("east_asia_2023")
    assert ea.codes == ["CHN", "USA", "JPN", "KOR", "PRK", "ASEAN", "AUS", "NATO"]
    assert ea.turns == 30 and len(ea.cards) >= 24 and len({a.marker for a in ea.actors}) == 8
    tr = load_scenario("two_rivals")
    assert tr.n == 2 and not tr.cards and not tr.dynamics


def write(tmp_path, text: str, name="bad.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


BASE = (SCENARIOS / "two_rivals.toml").read_text(encoding="utf-8")
EAST = (SCENARIOS / "east_asia_2023.toml").read_text(encoding="utf-8")

BAD = {
    "unknown section": (BASE + "\n[extras]\nx = 1\n", "extras", "unknown key"),
    "unknown scenario key": (BASE.replace("turns = 20", "turns = 20\nspeed = 3"), "[scenario] speed", "unknown key"),
    "turns not int": (BASE.replace("turns = 20", 'turns = "twenty"'), "[scenario] turns", "expected an integer"),
    "turns out of range": (BASE.replace("turns = 20", "turns = 0"), "[scenario] turns", "out of range"),
    "unknown worldview": (
        BASE.replace('worldview = "deterrence-world"', 'worldview = "nice-world"'),
        "[scenario] worldview",
        "allowed: deterrence-world, spiral-world",
    ),
    "unknown parameter": (
        BASE.replace("payoff_R = 3.0", "payoff_Q = 3.0"),
        "[worldview] payoff_Q",
        "unknown parameter",
    ),
    "parameter out of range": (
        BASE.replace("payoff_R = 3.0", "payoff_R = 99.0"),
        "[worldview] payoff_R",
        "out of range",
    ),
    "bad marker": (BASE.replace('marker = "circle"', 'marker = "blob"'), "[actor AMB] marker", "allowed: circle"),
    "bad colour": (BASE.replace('colour = "#E69F00"', 'colour = "orange"'), "[actor AMB] colour", "#rrggbb"),
    "missing field": (
        BASE.replace('capability = 5.0\nprosperity = 5.0\nbloc = "amber"', 'prosperity = 5.0\nbloc = "amber"'),
        "[actor AMB] capability",
        "missing",
    ),
    "matrix shape": (
        BASE.replace("trust = [[1.0, 0.5], [0.5, 1.0]]", "trust = [[1.0, 0.5, 0.5], [0.5, 1.0]]"),
        "[matrices] trust",
        "2×2",
    ),
    "matrix value": (
        BASE.replace("trust = [[1.0, 0.5], [0.5, 1.0]]", "trust = [[1.0, 1.5], [0.5, 1.0]]"),
        "[matrices] trust[AZR][AMB]",
        "out of range",
    ),
    "asymmetric alliance": (
        EAST.replace("  [0.0, 0.0, 0.8, 0.8, 0.0, 0.0, 0.8, 0.9],", "  [0.0, 0.0, 0.7, 0.8, 0.0, 0.0, 0.8, 0.9],", 1),
        "[matrices] alliance",
        "not symmetric",
    ),
    "unknown doctrine": (
        BASE.replace('doctrine = "reciprocity"', 'doctrine = "appeasement"', 1),
        "[actor AZR] doctrine",
        "allowed: deterrence, dialogue",
    ),
    "profile unknown code": (
        EAST.replace('treaty-pair-deters = { CHN = "deterrence"', 'treaty-pair-deters = { XYZ = "deterrence"'),
        "[profiles.treaty-pair-deters] XYZ",
        "unknown actor code",
    ),
    "unknown deck": (EAST.replace('deck = "article_2023"', 'deck = "no_such_deck"'), "[scenario] deck", "no deck"),
    "duplicate code": (BASE.replace('code = "AMB"', 'code = "AZR"'), "[actor AZR] code", "duplicate"),
    "not toml": ("[scenario\nname = ", "", "not valid TOML"),
}


@pytest.mark.parametrize("case", sorted(BAD), ids=str)
def test_bad_scenarios_are_reported_in_one_line(tmp_path, case):
    """Each kind of bad scenario file gives `file: [section] key: problem (allowed: ...)`."""
    text, where, problem = BAD[case]
    p = write(tmp_path, text)
    with pytest.raises(LoadError) as err:
        load_scenario(p)
    msg = str(err.value)
    assert "\n" not in msg
    assert msg.startswith(str(p) + ": "), msg
    assert where in msg and problem in msg, msg


CARD = """
[deck]
name = "tiny"
[[card]]
id = "one"
title = "One"
paragraph = 13
quote = "East Asia cannot afford to repeat the mistake"
deterrence_reading = "A reading."
dialogue_reading = "Another reading."
[[card.effect]]
kind = "tension"
between = ["AZR"]
and = ["AMB"]
amount = 0.1
"""

BAD_CARDS = {
    "quote not verbatim": (CARD.replace("cannot afford to repeat", "can not afford to repeat"), "quote", "verbatim"),
    "unknown effect field": (CARD.replace("amount = 0.1", "amount = 0.1\nstrength = 2"), "strength", "unknown field"),
    "unknown effect kind": (CARD.replace('kind = "tension"', 'kind = "magic"'), "kind", "allowed: trust, tension"),
    "amount out of range": (CARD.replace("amount = 0.1", "amount = 9.0"), "amount", "out of range"),
    "missing reading": (CARD.replace('dialogue_reading = "Another reading."\n', ""), "dialogue_reading", "missing"),
    "bad paragraph": (CARD.replace("paragraph = 13", "paragraph = 14"), "paragraph", "out of range"),
    "unknown worldview param": (
        CARD.replace(
            'kind = "tension"\nbetween = ["AZR"]\nand = ["AMB"]\namount = 0.1',
            'kind = "worldview"\nparam = "luck"\namount = 0.1\nturns = 2',
        ),
        "param",
        "unknown parameter",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_CARDS), ids=str)
def test_bad_cards_are_reported(tmp_path, case):
    """Bad card files name the file, the card, the field and what is allowed."""
    from game.core.files.cards import load_deck

    text, key, problem = BAD_CARDS[case]
    p = write(tmp_path, text, "tiny.toml")
    with pytest.raises(LoadError) as err:
        load_deck(p)
    msg = str(err.value)
    assert msg.startswith(str(p)) and "[card" in msg and key in msg and problem in msg, msg


def test_card_with_unknown_actor_is_rejected_by_its_scenario(tmp_path):
    """A deck whose effects name an actor the scenario lacks fails the scenario's load."""
    deck = write(tmp_path, CARD.replace('between = ["AZR"]', 'between = ["CHN"]'), "tiny.toml")
    sc = write(tmp_path, BASE.replace("dynamics = false", 'dynamics = false\ndeck = "tiny.toml"'), "sc.toml")
    with pytest.raises(LoadError) as err:
        load_scenario(sc)
    assert "unknown actor code 'CHN'" in str(err.value) and "allowed: AZR, AMB" in str(err.value)
    assert deck.exists()


def test_scenario_file_overrides_worldview():
    """A scenario's [worldview] table overrides its preset's values."""
    sc = load_scenario("two_rivals")
    assert sc.worldview.preset == "deterrence-world" and sc.worldview["payoff_T"] == 5.0
    text = tomllib.loads(BASE)
    assert text["worldview"]["payoff_R"] == 3.0
