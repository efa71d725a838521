"""Paths that are not UTF-8 (any bytes but / and NUL make a name on Linux) are printed escaped, as \\xNN, in
every message and line a command prints: never a UnicodeEncodeError."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.core.files.paths import shown_path
from tests.inprocess import run_main

ROOT = Path(__file__).resolve().parents[2]
# a UTF-8 terminal: standard output refuses what cannot be encoded (the C locale would let it through)
STRICT = {**os.environ, "PYTHONIOENCODING": "utf-8:strict", "LC_ALL": "C.UTF-8"}

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or sys.getfilesystemencoding() != "utf-8",
    reason="names of any bytes are a POSIX file system's",
)


def run(*args):
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, cwd=ROOT, timeout=120, env=STRICT
    )


def test_a_path_is_shown_with_its_undecodable_bytes_and_control_characters_escaped():
    """shown_path writes bytes that are not UTF-8, and control characters, as \\xNN, on one line."""
    assert shown_path(os.fsdecode(b"/tmp/a\xff\xfeb/x\nq.toml")) == "/tmp/a\\xff\\xfeb/x\\x0aq.toml"
    assert shown_path(b"/x\xff") == "/x\\xff" and shown_path(Path("/ok/é")) == "/ok/é"


def test_validate_prints_a_path_that_is_not_utf8(tmp_path):
    """validate of a sound and a broken scenario whose names hold \\xff: each line names its file escaped; exit 2."""
    good, bad = os.fsencode(tmp_path) + b"/good\xff.toml", os.fsencode(tmp_path) + b"/bad\xfe.toml"
    Path(os.fsdecode(good)).write_bytes((ROOT / "assets" / "scenarios" / "two_rivals.toml").read_bytes())
    Path(os.fsdecode(bad)).write_bytes(b"[scenario\n")
    r = run("validate", good, bad)
    assert r.returncode == 2 and b"Traceback" not in r.stderr, r.stderr
    assert r.stdout.decode().strip() == (
        f"{tmp_path}/good\\xff.toml: ok (scenario two_rivals: 2 actors, 0 cards, 20 turns)"
    )
    assert r.stderr.decode().startswith(f"{tmp_path}/bad\\xfe.toml: ") and len(r.stderr.splitlines()) == 1


@pytest.mark.parametrize("command", [("simulate", "--turns", "2"), ("compare", "--games", "5")])
def test_out_prints_a_path_that_is_not_utf8(tmp_path, command):
    """--out FILE with \\xff in its name writes the file and says where, escaped; exit 0."""
    out = os.fsencode(tmp_path) + (b"/out\xff.csv")
    r = run(*command, "--out", out)
    assert r.returncode == 0 and b"Traceback" not in r.stderr, r.stderr
    assert f"written to {tmp_path}/out\\xff.csv" in r.stdout.decode()
    assert Path(os.fsdecode(out)).is_file()


def test_a_missing_file_whose_name_is_not_utf8_is_one_line_and_exit_2(tmp_path):
    """replay of a missing record whose name holds \\xff and a newline: one line naming it escaped; exit 2."""
    r = run("replay", os.fsencode(tmp_path) + b"/r\xff\n.json")
    assert r.returncode == 2 and len(r.stderr.splitlines()) == 1 and b"Traceback" not in r.stderr, r.stderr
    assert "\\xff" in r.stderr.decode()


def test_a_read_only_or_hard_linked_out_file_is_left_as_it_is(tmp_path):
    """`--out` onto a read-only file, or onto a file with another hard link: one line naming the option and
    why, exit 2, and both files exactly as they were."""
    read_only = tmp_path / "kept.csv"
    read_only.write_text("mine\n", encoding="utf-8")
    read_only.chmod(0o444)
    linked = tmp_path / "linked.csv"
    linked.write_text("ours\n", encoding="utf-8")
    os.link(linked, tmp_path / "other-name.csv")
    for target, why in ((read_only, "is read-only"), (linked, "other hard link")):
        r = run_main("compare", "--games", "5", "--out", target)
        assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
        assert len(r.stderr.strip().splitlines()) == 1 and "--out" in r.stderr and why in r.stderr, r.stderr
    assert read_only.read_text(encoding="utf-8") == "mine\n" and linked.read_text(encoding="utf-8") == "ours\n"
    assert (tmp_path / "other-name.csv").stat().st_ino == linked.stat().st_ino


def test_the_atomic_writer_keeps_a_read_only_file(tmp_path):
    """A save or export written over a read-only file is refused with the file named; the file stays."""
    from game.core.files.atomic import atomic_write

    kept = tmp_path / "save.json"
    kept.write_text("{}", encoding="utf-8")
    kept.chmod(0o400)
    with pytest.raises(PermissionError, match="read-only") as caught:
        atomic_write(kept, "new")
    assert caught.value.filename == str(kept) and kept.read_text(encoding="utf-8") == "{}"
    assert [p.name for p in tmp_path.iterdir()] == ["save.json"]
