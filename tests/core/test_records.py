import csv
import io
import json

import pytest

from game.core.model import params as P
from game.core.model.errors import LoadError
from game.core.files.record import GameRecord
from game.core.files.scenario import load_scenario
from game.core.play.session import Game
from game.core.model.vocab import Action

EA = load_scenario("east_asia_2023")


def hotseat(seed=4, turns=10):
    doctrines = EA.default_doctrines()
    doctrines[EA.index("JPN")] = "human"
    doctrines[EA.index("CHN")] = "human"
    game = Game(EA.with_turns(turns), seed, doctrines)
    moves = [
        (Action.SUMMIT, EA.index("CHN")),
        (Action.ARM, -1),
        (Action.TRADE, EA.index("CHN")),
        (Action.CBM, EA.index("CHN")),
        (Action.FORUM, -1),
    ]
    k = 0
    while not game.over:
        game.play_turn({EA.index("JPN"): moves[k % 5], EA.index("CHN"): (Action.PRESSURE, EA.index("JPN"))})
        k += 1
    return game


def test_json_round_trip_is_exact():
    """A record saved to JSON loads back equal, and saves to the same bytes."""
    rec = hotseat().record()
    text = rec.to_json()
    back = GameRecord.from_json(text)
    assert back == rec and back.to_json() == text


def test_replay_from_seed_and_choices(tmp_path):
    """A saved game replays from its seed and human choices to the identical record."""
    game = hotseat()
    path = game.save(tmp_path / "g.json")
    loaded = Game.load(path)
    assert loaded.record() == game.record()


def test_save_is_atomic_and_leaves_no_temp_files(tmp_path):
    """Saving writes through a temporary file and leaves only the named save."""
    game = hotseat(turns=3)
    game.save(tmp_path / "a.json")
    game.save(tmp_path / "a.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        json.dumps({"format": "something-else"}),
        "",
        json.dumps({"format": "deterrence-or-dialogue/record", "version": 99}),
    ],
)
def test_bad_records_are_refused_and_untouched(tmp_path, content):
    """Corrupt, foreign or future save files are refused with one line and left as they were."""
    p = tmp_path / "bad.json"
    p.write_text(content, encoding="utf-8")
    before = p.read_bytes()
    with pytest.raises(LoadError) as err:
        Game.load(p)
    assert "\n" not in str(err.value) and str(p) in str(err.value)
    assert p.read_bytes() == before


def test_tampered_record_does_not_replay(tmp_path):
    """A record whose turns were edited is refused: it no longer replays from its seed."""
    game = hotseat(turns=4)
    data = game.record().data
    data["turns"][1]["regional_tension"] += 1.0
    p = tmp_path / "t.json"
    p.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(LoadError, match="do not replay"):
        Game.load(p)


def test_csv_has_one_row_per_turn_and_actor_pair():
    """The CSV export has a header and N×(N−1) rows per turn."""
    rec = hotseat(turns=5).record()
    rows = list(csv.DictReader(io.StringIO(rec.to_csv())))
    n = len(rec.codes)
    assert len(rows) == len(rec.turns) * n * (n - 1)
    assert {"turn", "actor", "other", "trust", "tension", "crisis"} <= set(rows[0])


def test_undo_restores_the_exact_previous_state():
    """Playing a turn then undoing it gives back the very same record and engine state."""
    game = hotseat(turns=12)
    while game.turn > 6:
        game.undo()
    before = game.record().to_json()
    L = game.engine.state.trust_logodds.copy()
    game.play_turn({EA.index("JPN"): (Action.ARM, -1), EA.index("CHN"): (Action.HOLD, -1)})
    game.undo()
    assert game.record().to_json() == before
    assert (game.engine.state.trust_logodds == L).all()


def test_replay_under_the_other_worldview_keeps_seed_and_choices():
    """The comparative replay uses the same seed and the human choices, in the other world."""
    game = hotseat(turns=8)
    other = game.replay_under(P.Worldview.from_preset("deterrence-world"))
    rec = other.record()
    assert rec["seed"] == game.seed and rec["worldview"]["preset"] == "deterrence-world"
    n = min(len(rec.turns), len(game.turns))
    for a, b in zip(rec.turns[:n], game.turns[:n]):
        assert a["actions"]["JPN"]["intended"] == b["actions"]["JPN"]["intended"]


def test_compact_save_restores_the_exact_game(tmp_path):
    """The compact save (seed, choices, state fingerprint) loads back to the identical game."""
    game = hotseat(turns=9)
    while game.turn > 5:
        game.undo()
    path = game.save(tmp_path / "auto.json", compact=True)
    assert path.stat().st_size < 20_000
    loaded = Game.load(path)
    assert loaded.record() == game.record()
    data = json.loads(path.read_text())
    data["state_digest"] = "0" * 64
    path.write_text(json.dumps(data))
    with pytest.raises(LoadError, match="does not replay"):
        Game.load(path)


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_a_new_file_takes_the_users_umask_and_a_file_written_over_keeps_its_mode(tmp_path, umask):
    """atomic_write makes a new file with the permissions the umask allows (not always 0600), and a file it
    writes over keeps the permissions it had."""
    import os
    import stat
    from game.core.files.atomic import atomic_write

    before = os.umask(umask)
    try:
        atomic_write(tmp_path / "new.json", "{}")
        (tmp_path / "mine.json").write_text("old")
        os.chmod(tmp_path / "mine.json", 0o640)
        atomic_write(tmp_path / "mine.json", "{}")
    finally:
        os.umask(before)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o666 & ~umask
    assert stat.S_IMODE((tmp_path / "mine.json").stat().st_mode) == 0o640
    assert (tmp_path / "mine.json").read_text() == "{}" and sorted(p.name for p in tmp_path.iterdir()) == [
        "mine.json",
        "new.json",
    ]


def test_an_out_file_and_a_save_take_the_users_umask(tmp_path):
    """`simulate --out` and a save under umask 022 are readable by others (0644), as any file the user makes."""
    import os
    import stat
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    r = subprocess.run(
        [sys.executable, str(root / "main.py"), "simulate", "--turns", "3", "--out", str(tmp_path / "g.json")],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=120,
        preexec_fn=lambda: os.umask(0o022),
    )
    assert r.returncode == 0, r.stderr
    before = os.umask(0o022)
    try:
        hotseat(turns=2).save(tmp_path / "save.json")
    finally:
        os.umask(before)
    for name in ("g.json", "save.json"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644, name
