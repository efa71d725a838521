"""Undo is exact, saves continue identically, and bad save files are refused without being touched."""

import json

import pygame
import pytest

from game.core.model.errors import LoadError
from game.core.files.scenario import load_scenario
from game.core.play.session import Game
from game.core.play.table import Table
from game.core.model.vocab import Action
from game.ui.window import driver, saving, userdata
from game.ui.scenes.load import LoadScene
from game.ui.scenes.play import PlayScene

from .helpers import start_at_title, type_text

K = pygame
CTRL = pygame.KMOD_LCTRL


def snapshot(game):
    """A copy of the record: Game.record() shares its turn list with the live game."""
    return json.loads(game.record().to_json())


def _game(turns=8):
    sc = load_scenario("east_asia_2023").with_turns(turns)
    doctrines = sc.default_doctrines()
    doctrines[0] = doctrines[5] = "human"
    return Game(sc, 11, doctrines)


def test_undo_through_the_keys_restores_the_exact_record(make_app):
    """Two turns played with keys, Ctrl+Z: the record equals the one after the first turn, again and again."""
    app = make_app(turns=6, doctrines=["human"] + ["reciprocity"] * 7)
    game = Game(app.options.scenario, 5, list(app.options.doctrines))
    app.push(PlayScene(app, game))
    driver.run(app, 1)
    driver.play_human_turn(app, K.K_5)
    after_one = snapshot(game)
    driver.play_human_turn(app, K.K_1, tab=False)
    assert game.turn == 2
    driver.press(app, K.K_z, mod=CTRL)
    assert game.turn == 1 and snapshot(game) == after_one
    driver.press(app, K.K_z, mod=CTRL)
    assert game.turn == 0 and snapshot(game) == snapshot(Game(app.options.scenario, 5, list(app.options.doctrines)))
    driver.press(app, K.K_z, mod=CTRL)  # nothing left to undo: no error
    assert game.turn == 0


def test_table_undo_after_play_gives_back_the_record():
    """play + undo at the table of two humans leaves the record exactly as before."""
    game = _game()
    table = Table(game)
    for _ in range(3):
        for seat, action in zip(game.humans, (Action.SUMMIT, Action.ARM)):
            table.choose(seat, action)
            assert table.lock_in(seat) == []
        table.end_turn()
    before = snapshot(game)
    table.choose(0, Action.PRESSURE)
    table.aim(0, table.targets(0)[1])
    assert table.lock_in(0) == [] and table.waiting() == [5]
    table.choose(5, Action.FORUM)
    assert table.lock_in(5) == [] and table.ready()
    table.end_turn()
    assert snapshot(game) != before
    assert table.undo()
    assert snapshot(game) == before


def test_saved_and_loaded_game_continues_like_one_never_interrupted(data_dir):
    """Save after three turns, load, play three more: the same record as the game that never stopped."""
    plan = [
        {0: (Action.SUMMIT, 1), 5: (Action.FORUM, -1)},
        {0: (Action.ARM, -1), 5: (Action.CBM, 0)},
        {0: (Action.TRADE, 2), 5: (Action.HOLD, -1)},
        {0: (Action.PRESSURE, 4), 5: (Action.SUMMIT, 4)},
        {0: (Action.CBM, 1), 5: (Action.TRADE, 1)},
        {0: (Action.HOLD, -1), 5: (Action.ALLY, 6)},
    ]
    whole = _game()
    for c in plan:
        whole.play_turn(c)
    first = _game()
    for c in plan[:3]:
        first.play_turn(c)
    path = saving.save_named(first, "half way")
    assert path.name == "half-way.json"
    resumed = saving.load(path)
    assert resumed.record() == first.record()
    for c in plan[3:]:
        resumed.play_turn(c)
    assert resumed.record() == whole.record()


BAD = {
    "corrupt.json": b'{"format": "deterrence-or-dialogue/record", "version": 1, "seed": ',
    "foreign.json": json.dumps({"name": "some other program", "items": [1, 2, 3]}).encode(),
    "binary.json": bytes(range(256)),
}


@pytest.mark.parametrize("name", sorted(BAD) + ["truncated.json"])
def test_bad_save_files_are_refused_with_a_message_and_left_untouched(make_app, data_dir, name):
    """Corrupt, foreign, binary or truncated saves: the load screen shows why, no game starts, bytes unchanged."""
    folder = userdata.saves_dir()
    folder.mkdir(parents=True)
    if name == "truncated.json":
        good = _game(4)
        good.play_turn({0: (Action.SUMMIT, 1), 5: (Action.FORUM, -1)})
        content = good.record().to_json().encode()[:5000]
    else:
        content = BAD[name]
    path = folder / name
    path.write_bytes(content)
    with pytest.raises(LoadError) as info:
        saving.load(path)
    assert "\n" not in str(info.value)
    app = make_app()
    start_at_title(app)
    driver.press(app, K.K_DOWN, K.K_RETURN)  # Continue is disabled (no autosave): Down skips to Load
    assert driver.top_name(app) == "load"
    driver.press(app, K.K_RETURN)  # the newest (only) save
    assert isinstance(app.top, LoadScene)
    assert app.top.error and name in app.top.error
    assert path.read_bytes() == content
    assert sorted(p.name for p in folder.iterdir()) == [name]
    driver.run(app, 2)


def test_a_typed_path_to_a_missing_file_is_refused_on_the_screen(make_app, data_dir):
    """Typing a path that does not exist shows 'file not found' on the load screen."""
    app = make_app()
    app.push(LoadScene(app))
    driver.run(app, 1)
    driver.click(app, app.top.entry.rect.center)
    type_text(app, str(data_dir / "nope.json"))
    driver.press(app, K.K_RETURN)
    assert isinstance(app.top, LoadScene)
    assert "file not found" in app.top.error


def test_a_save_with_a_choice_no_human_could_make_is_refused_on_the_load_screen(make_app, data_dir):
    """A save whose human aims a summit at itself: the Load screen shows the refusal with the turn, no game starts."""
    folder = userdata.saves_dir()
    folder.mkdir(parents=True)
    game = _game(4)
    game.play_turn({0: (Action.HOLD, -1), 5: (Action.HOLD, -1)})
    data = snapshot(game)
    data["human_choices"][0]["CHN"] = ["SUMMIT", "CHN"]
    path = folder / "self_summit.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    app = make_app()
    start_at_title(app)
    driver.press(app, K.K_DOWN, K.K_RETURN)
    driver.press(app, K.K_RETURN)
    assert isinstance(app.top, LoadScene)
    assert "human_choices: turn 1: CHN's SUMMIT needs another actor" in app.top.error


@pytest.mark.parametrize(
    "name,shown",
    [("a\u202eb.json", "a\\u202eb"), (b"c\xff.json", "c\\xff"), ("z\u200b\u2028.json", "z\\u200b\\u2028")],
    ids=["right-to-left override", "not UTF-8", "zero-width and line separator"],
)
def test_a_save_with_a_strange_name_is_listed_escaped_and_loads(make_app, data_dir, name, shown):
    """The Load screen lists a save whose file name holds U+202E, invisible characters or non-UTF-8 bytes
    with those escaped, and loads it."""
    import os

    folder = userdata.saves_dir()
    folder.mkdir(parents=True)
    game = _game(4)
    game.play_turn({0: (Action.HOLD, -1), 5: (Action.HOLD, -1)})
    raw = name if isinstance(name, bytes) else name.encode()
    path = os.fsdecode(os.fsencode(folder) + b"/" + raw)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(game.save_text())
    app = make_app()
    app.push(LoadScene(app))
    driver.run(app, 2)
    labels = [button.text for button, _, _ in app.top.list.buttons[:1]]
    assert labels and labels[0].startswith(shown + " · "), labels
    driver.press(app, K.K_RETURN)
    assert driver.top_name(app) in ("play", "pass")  # two humans share the table: the device is passed first
