"""A save's human choices are replayed under the table's checks: a move aimed at oneself, a target
that does not fit its move, a turn missing a human seat or naming an AI seat, or more choices than
turns is refused with one line naming the file and the turn; a move the table lets a human lock
in (an alliance with a rival, played as a hold) still loads."""

import json
from pathlib import Path

import pytest

from game.core.files.record import GameRecord
from game.core.files.scenario import load_scenario
from game.core.model.errors import LoadError
from game.core.model.vocab import Action
from game.core.play.session import Game
from tests.inprocess import run_main

ROOT = Path(__file__).resolve().parents[2]
HOLD = ["HOLD", None]

# turn choices (CHN and ASEAN are the human seats) and the words the refusal must hold
REFUSED = {
    "summit with oneself": ([{"CHN": ["SUMMIT", "CHN"], "ASEAN": HOLD}], "turn 1: CHN's SUMMIT needs another actor"),
    "summit without a target": ([{"CHN": ["SUMMIT", None], "ASEAN": HOLD}], "turn 1: CHN's SUMMIT needs another"),
    "arm with a target": ([{"CHN": HOLD, "ASEAN": ["ARM", "USA"]}], "turn 1: ASEAN's ARM takes no target"),
    "a human seat left out": ([{"CHN": HOLD}], "turn 1: no choice for ASEAN"),
    "an AI seat": ([{"CHN": HOLD, "ASEAN": HOLD, "USA": HOLD}], "turn 1: a choice for USA, which is not a human"),
    "500 turns in a 12-turn game": (
        [{"CHN": HOLD, "ASEAN": HOLD}] * 500,
        ": a choice after the game ended (it ended after turn ",
    ),
}


def _save(tmp_path, choices, compact=True) -> Path:
    sc = load_scenario("east_asia_2023")
    doctrines = sc.default_doctrines()
    doctrines[0] = doctrines[5] = "human"
    game = Game(sc, 7, doctrines, turns=12)
    game.play_turn({0: (Action.HOLD, -1), 5: (Action.HOLD, -1)})
    data = json.loads(game.save_text(compact))
    data["human_choices"] = choices
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_choice_no_human_could_make_is_refused_with_its_turn(tmp_path, case):
    """Loading the save raises a one-line LoadError naming the file, human_choices and the turn."""
    choices, words = REFUSED[case]
    path = _save(tmp_path, choices)
    with pytest.raises(LoadError) as info:
        Game.load(path)
    message = str(info.value)
    assert message.startswith(f"{path}: human_choices: ") and words in message and "\n" not in message


@pytest.mark.parametrize("worldview", [[], ["--worldview", "spiral-world"]])
def test_replay_of_a_refused_choice_is_one_line_and_exit_2(tmp_path, worldview):
    """replay SAVE.json (and under another world) of a self-aimed summit: one line, exit 2, no traceback."""
    path = _save(tmp_path, REFUSED["summit with oneself"][0])
    r = run_main("replay", path, *worldview)
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert r.stderr.strip() == f"{path}: human_choices: turn 1: CHN's SUMMIT needs another actor as its target"


def test_a_move_the_table_plays_as_a_hold_still_loads():
    """An alliance with a rival, locked in at the table and refused by the rules, replays from its save."""
    sc = load_scenario("east_asia_2023")
    doctrines = sc.default_doctrines()
    doctrines[0] = doctrines[5] = "human"
    game = Game(sc, 7, doctrines, turns=12)
    game.play_turn({0: (Action.ALLY, 1), 5: (Action.HOLD, -1)})
    assert game.turns[-1]["refused"] == {"CHN": "an alliance with a rival"}
    for compact in (False, True):
        loaded = Game.from_record(GameRecord.from_json(game.save_text(compact)))
        assert loaded.record() == game.record()


def _compact(legacy: bool) -> dict:
    sc = load_scenario("east_asia_2023")
    doctrines = sc.default_doctrines()
    doctrines[0] = doctrines[5] = "human"
    game = Game(sc, 7, doctrines, turns=12)
    game.play_turn({0: (Action.HOLD, -1), 5: (Action.HOLD, -1)})
    data = json.loads(game.save_text(compact=True))
    if legacy:
        data["state_digest"] = game.state_digest(legacy=True)
    return data


@pytest.mark.parametrize("legacy", [False, True], ids=["this release", "an earlier release"])
def test_a_save_whose_world_was_swapped_is_refused(legacy):
    """A compact save whose worldview preset was changed after it was saved does not load."""
    data = _compact(legacy)
    assert Game.from_record(GameRecord.from_json(json.dumps(data))).turn == 1
    data["worldview"]["preset"] = {"spiral-world": "deterrence-world"}.get(data["worldview"]["preset"], "spiral-world")
    with pytest.raises(LoadError) as info:
        Game.from_record(GameRecord.from_json(json.dumps(data)), "save.json")
    assert str(info.value).startswith("save.json: state_digest: ")
    if legacy:
        assert "does not cover its world" in str(info.value)
