"""Names and texts in scenario and card files hold a visible character and no character that
draws nothing or breaks the line (zero-width spaces and joiners, direction marks and overrides,
blank letters, line and paragraph separators, a lone CR): each is refused in one line naming the
file, the field and what is allowed."""

import tomllib
from pathlib import Path

import pytest

from game.core.files.cards import load_deck
from game.core.files.paths import SCENARIOS
from game.core.files.scenario import load_scenario
from game.core.model.errors import LoadError

from .fuzz_inputs import replaced, toml_document
from tests.inprocess import run_main

ROOT = Path(__file__).resolve().parents[2]
HIDDEN = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\u3164", "\u2800", "\u2028", "\u2029"]
HIDDEN += ["\u0085", "\u202e", "\r", " \u200b ", "Azr\u202eia", "Azr\u2028ia"]
SCENARIO_FIELDS = [("actor", 0, "name"), ("scenario", "title"), ("stake", 0, "name"), ("scenario", "description")]
CARD_FIELDS = [("card", 0, "title"), ("card", 0, "deterrence_reading"), ("card", 0, "dialogue_reading")]
CARD_FIELDS += [("deck", "title")]


def _scenario() -> dict:
    doc = tomllib.loads((SCENARIOS / "two_rivals.toml").read_text(encoding="utf-8"))
    doc["stake"] = [{"id": "river", "name": "The river", "parties": ["AZR", "AMB"], "value": 2.0, "source": "a map"}]
    return doc


def _deck() -> dict:
    doc = tomllib.loads((ROOT / "assets" / "cards" / "article_2023.toml").read_text(encoding="utf-8"))
    doc["card"] = doc["card"][:1]
    return doc


def _refused(load, path: Path, key: str) -> str:
    with pytest.raises(LoadError) as info:
        load(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ") and f"{key}: " in message and "\n" not in message, message
    return message


@pytest.mark.parametrize("field", SCENARIO_FIELDS + CARD_FIELDS, ids=lambda f: "/".join(map(str, f)))
def test_a_name_that_draws_nothing_is_refused_in_every_name_field(tmp_path, field):
    """Each invisible or line-breaking text, in each name and text field, is refused naming the field."""
    scenario = field[0] in ("actor", "scenario", "stake")
    base, load = (_scenario(), load_scenario) if scenario else (_deck(), load_deck)
    path = tmp_path / "hostile.toml"
    for hidden in HIDDEN:
        if field[-1] == "description" and hidden == "\r":
            continue  # TOML itself reads a lone CR in text of several lines as a line break
        path.write_text(toml_document(replaced(base, field, hidden)), encoding="utf-8")
        message = _refused(load, path, field[-1])
        assert "allowed: " in message and ("visible character" in message or "control" in message), message


def test_validate_of_an_invisible_actor_name_is_one_line_and_exit_2(tmp_path):
    """validate of a scenario whose actor is named by a zero-width space: one line naming the field, exit 2."""
    path = tmp_path / "zw.toml"
    path.write_text(toml_document(replaced(_scenario(), ("actor", 0, "name"), "\u200b")), encoding="utf-8")
    r = run_main("validate", path)
    assert r.returncode == 2 and "Traceback" not in r.stderr and len(r.stderr.splitlines()) == 1, r.stderr
    assert r.stderr.startswith(f"{path}: [actor AZR] name: '\\u200b' holds the invisible or line-breaking character")


def test_a_visible_name_with_accents_and_scripts_still_loads(tmp_path):
    """Names in any script, with accents and inner spaces, are still taken."""
    path = tmp_path / "ok.toml"
    doc = replaced(_scenario(), ("actor", 0, "name"), "Ẓ̌ará Ñ 日本 한국")
    path.write_text(toml_document(doc), encoding="utf-8")
    assert load_scenario(path).actors[0].name == "Ẓ̌ará Ñ 日本 한국"
