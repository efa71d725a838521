"""The class saved and exported: the autosave gives back every table, team, token and key;
`classroom --export DIR` writes each table's record (replayable), the per-game table rows and the
class CSV."""

import csv
import stat

from game.classroom import autosave, teacher
from game.classroom.room import Classroom
from game.cli import main
from game.core.files.scenario import load_scenario
from game.core.play.session import Game
from game.core.runs.game_table import COLUMNS


def _played_class(turns=3):
    """Two tables, two teams each, played to the end with forums (crisis answers firm)."""
    room = Classroom(load_scenario("east_asia_2023"), tables=2, seed=7, turns=turns)
    tokens = [room.join(k, s, f"T{s}") for k in (0, 1) for s in (0, 2)]
    teacher.start(room)
    while not room.finished:
        for token in tokens:
            ct, seat = room.seat_of(token)
            if ct.game.over or ct.table.drafts[seat].locked:
                continue
            for debt in ct.table.owed(seat):
                if debt.kind.value == "belief":
                    room.belief(token, 0.3)
                elif debt.kind.value in ("stance", "backing"):
                    room.answer(token, debt.stake, debt.kind.value, "settle" if debt.kind.value == "stance" else True)
            room.choose(token, "forum")
            room.lock_in(token)
    return room, tokens


def test_the_autosave_gives_back_the_whole_class(tmp_path):
    """Saved mid-game and loaded, the class has the same room code, key, tokens, teams and games (owner-only file)."""
    room = Classroom(load_scenario("east_asia_2023"), tables=2, seed=4, turns=5)
    tokens = [room.join(0, 0, "Blue"), room.join(1, 3, "Red")]
    teacher.start(room)
    teacher.next_turn(room, None)
    teacher.to_ai(room, 1, 3)
    path = autosave.save(room, tmp_path / "class.json")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    back = autosave.load(path)
    assert (back.room, back.key, back.status) == (room.room, room.key, room.status)
    assert [back.seat_of(t)[1] for t in tokens] == [0, 3]
    assert back.tables[1].to_ai == {3}
    for a, b in zip(room.tables, back.tables):
        assert a.game.record() == b.game.record()


def test_export_writes_records_game_rows_and_the_class_csv(tmp_path, monkeypatch, capsys):
    """--export DIR writes table-K.json (each loads back to its game), games.csv and class.csv."""
    monkeypatch.setenv("DOD_DATA_DIR", str(tmp_path / "data"))
    room, _ = _played_class()
    autosave.save(room, autosave.default_path())
    assert main(["classroom", "--export", str(tmp_path / "out")]) == 0
    out = tmp_path / "out"
    for ct in room.tables:
        assert Game.load(out / f"table-{ct.index}.json").record() == ct.game.record()
    with open(out / "games.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 2 * 8 and list(rows[0]) == ["table", *COLUMNS]
    with open(out / "class.csv", newline="") as fh:
        tables = list(csv.DictReader(fh))
    assert [r["table"] for r in tables] == ["0", "1"] and all(r["world"] for r in tables)
    assert "class.csv" in capsys.readouterr().out


def test_export_without_a_saved_class_says_so(tmp_path, monkeypatch, capsys):
    """--export with no class saved is refused in one line."""
    monkeypatch.setenv("DOD_DATA_DIR", str(tmp_path))
    assert main(["classroom", "--export", str(tmp_path / "out")]) == 2
    assert "no saved class" in capsys.readouterr().err


def test_a_damaged_autosave_is_refused_in_one_line(tmp_path, monkeypatch, capsys):
    """--resume of a file that is not a classroom autosave, or a damaged one, is refused in one line naming the file."""
    monkeypatch.setenv("DOD_DATA_DIR", str(tmp_path))
    room = Classroom(load_scenario("two_rivals"), tables=1, seed=1, turns=2)
    path = autosave.save(room, tmp_path / "class.json")
    for text in ("{not json", '{"format": "something else"}', path.read_text().replace('"tables"', '"tablez"')):
        path.write_text(text)
        assert main(["classroom", "--resume", str(path), "--export", str(tmp_path / "out")]) == 2
        err = capsys.readouterr().err
        assert "class.json" in err and len(err.strip().splitlines()) == 1


def test_a_new_class_keeps_the_class_saved_before(tmp_path, monkeypatch):
    """Starting a new class moves the last class's autosave aside (previous.json) instead of writing over it."""
    from game.classroom import launch

    monkeypatch.setenv("DOD_DATA_DIR", str(tmp_path))
    old = Classroom(load_scenario("two_rivals"), tables=1, seed=1, turns=2)
    autosave.save(old, autosave.default_path())
    args = launch_args(tables=1)
    room, path = launch.new_or_saved(args)
    assert path == autosave.default_path() and not path.exists()
    assert autosave.load(path.with_name("previous.json")).room == old.room
    assert room.room != old.room or room.key != old.key


def launch_args(**given):
    import argparse

    from game.cli import build_parser

    args = build_parser().parse_args(["classroom", "--headless"])
    return argparse.Namespace(**{**vars(args), **given})
