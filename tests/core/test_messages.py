"""Error lines say what and where, and stay short: a full disk names the option and its file, a
name that leaves no room for its temporary name is refused before any work, a long value is cut,
a deck's error names the scenario that named it, and a profile may not take a doctrine's name."""

import errno
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from game import cli
from game.core.files.paths import SCENARIOS
from game.core.files.scenario import load_scenario
from game.core.model.errors import LoadError

from tests.inprocess import run_main

from .fuzz_inputs import toml_document

ROOT = Path(__file__).resolve().parents[2]
LONG = "x" * 100_000


def real_process(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, cwd=ROOT, timeout=120)


def run(*args):
    """The command in this process, its output as bytes as a real process gives it."""
    done = run_main(*args)
    done.stdout, done.stderr = (os.fsencode(text) for text in (done.stdout, done.stderr))
    return done


def test_a_full_disk_names_the_option_and_the_file(tmp_path, monkeypatch, capsys):
    """A write that fails with ENOSPC: one line naming --out and its file, escaped; exit 2; nothing left behind."""
    import game.core.files.atomic as atomic

    def full(_fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", full)
    out = os.fsdecode(os.fsencode(tmp_path) + b"/full\xff.json")
    assert cli.main(["simulate", "--turns", "2", "--out", out]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"--out: {tmp_path}/full\\xff.json: cannot write it (No space left on device)"
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("length", [226, 242, 255])
def test_a_name_with_no_room_for_its_temporary_name_is_refused_first(tmp_path, length):
    """--out with a name of 226-255 bytes: refused before the game is played, naming the room left; exit 2."""
    r = run("simulate", "--turns", "2", "--out", str(tmp_path / ("n" * (length - 4) + ".csv")))
    assert r.returncode == 2 and len(r.stderr.splitlines()) == 1, r.stderr
    assert b"allowed: up to 225 bytes for the name written" in r.stderr and os.listdir(tmp_path) == []


def test_a_name_that_leaves_room_is_written(tmp_path):
    """A 225-byte name is written."""
    out = tmp_path / ("n" * 221 + ".csv")
    assert run("simulate", "--turns", "2", "--out", str(out)).returncode == 0 and out.is_file()


@pytest.mark.parametrize(
    "args",
    [
        ["simulate", "--worldview", LONG],
        ["simulate", "--doctrine-all", LONG],
        ["simulate", "--doctrine", "USA=" + LONG],
        ["compare", "--doctrines", LONG],
        ["simulate", "--turns", LONG],
        ["replay", LONG],
        ["validate", LONG],
        [LONG],
    ],
    ids=lambda a: a[0] + " " + (a[1][:12] if len(a) > 1 else ""),
)
def test_a_long_value_is_cut_in_the_message(args):
    """A 100,000-character argument is quoted cut short: one line of under 1,000 characters; exit 2 (the bare
    argument in a real process)."""
    r = real_process(*args) if len(args) == 1 else run(*args)
    assert r.returncode == 2 and b"Traceback" not in r.stderr
    assert len(r.stderr.splitlines()) == 1 and len(r.stderr) < 1000 and "…" in r.stderr.decode()


def _two_rivals() -> dict:
    return tomllib.loads((SCENARIOS / "two_rivals.toml").read_text(encoding="utf-8"))


def test_a_deck_error_names_the_scenario_and_the_deck(tmp_path):
    """A scenario whose deck is broken: the line names the scenario's deck key, then the deck and its problem."""
    doc = _two_rivals()
    doc["scenario"]["deck"] = "broken.toml"
    (tmp_path / "broken.toml").write_text('[deck]\nname = "x"\n[[card]]\nid = "one"\n', encoding="utf-8")
    path = tmp_path / "s.toml"
    path.write_text(toml_document(doc), encoding="utf-8")
    with pytest.raises(LoadError) as info:
        load_scenario(path)
    assert str(info.value).startswith(f"{path}: [scenario] deck: {tmp_path / 'broken.toml'}: [card one] ")


def test_a_profile_named_like_a_doctrine_is_refused(tmp_path):
    """profiles.deterrence would replace the doctrine in compare: validate refuses it in one line; exit 2."""
    doc = _two_rivals()
    doc["profiles"] = {"deterrence": {"default": "dialogue"}}
    path = tmp_path / "s.toml"
    path.write_text(toml_document(doc), encoding="utf-8")
    r = run("validate", str(path))
    assert r.returncode == 2 and len(r.stderr.splitlines()) == 1, r.stderr
    assert r.stderr.decode().startswith(f"{path}: [profiles] deterrence: deterrence is a doctrine's name (allowed: ")
