"""Bad inputs are refused, never crash and never hang: generated from a fixed seed, at least 300
bad scenario, card and save files (every field given a value of the wrong kind, numbers huge,
negative, non-integer and not a number, text too long, names with a trailing newline, nesting too
deep, unknown keys; whole files too large, too deep, not UTF-8, and special files: a FIFO,
/dev/zero, a folder) and at least 100 bad command lines and output paths. Each gives the one-line
`file: [section] key: problem` error (exit 2 from the command line, a LoadError for a save, which
the Load screen shows), no traceback, nothing written or changed. Most run in-process with an
alarm as a guard against a hang; a sample runs as real commands with a time limit. The hostile
classes (saves with choices no human could make, invisible and separator names in every name field,
files of too many small parts, files whose names are not UTF-8) are each refused within a second and
counted per class; a larger corpus of them runs with --runslow."""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from game.core.model.errors import LoadError
from game.core.files.paths import SCENARIOS

from .fuzz_inputs import (
    VERY_DEEP,
    added,
    hidden_names,
    many_parts,
    name_fields,
    nested,
    places,
    refused_choices,
    replaced,
    toml_document,
    toml_value,
    wrong_values,
)

ROOT = Path(__file__).resolve().parents[2]
SEED = 14
HANG = 5  # seconds: a case still running then has hung
COUNTS: dict[str, int] = {}

TINY_DECK = {
    "deck": {"name": "tiny", "title": "A tiny deck", "source": "seeds/000_3c3c7867f6d4a3de.txt"},
    "card": [
        {
            "id": "one",
            "title": "One",
            "date": "2023",
            "paragraph": 13,
            "weight": 1.5,
            "quote": "East Asia cannot afford to repeat the mistake",
            "deterrence_reading": "A reading.",
            "dialogue_reading": "Another reading.",
            "conditions": {"min_turn": 1, "max_turn": 10, "min_tension": 0.0, "max_tension": 90.0},
            "effect": [
                {"kind": "tension", "between": ["AZR"], "and": ["AMB"], "amount": 0.1},
                {"kind": "trust", "from": ["AZR"], "to": "AMB", "amount": -0.2},
                {"kind": "capability", "actors": ["AZR", "AMB"], "amount": 0.3},
                {"kind": "forum", "amount": 0.1},
                {"kind": "crisis", "between": ["AZR"], "and": ["AMB"], "amount": 1},
                {"kind": "worldview", "param": "misperception", "amount": 0.1, "turns": 2},
            ],
        }
    ],
}


def base_scenario() -> dict:
    """two_rivals with every section and field a scenario may have."""
    doc = tomllib.loads((SCENARIOS / "two_rivals.toml").read_text(encoding="utf-8"))
    doc["scenario"]["deck"] = "tiny.toml"
    doc["end"] = {
        "lockin_threshold": 60.0,
        "lockin_turns": 5,
        "community_trust": 0.7,
        "community_tension": 25.0,
        "community_turns": 5,
    }
    doc["actor"][0]["nuclear"] = True
    doc["stake"] = [
        {"id": "river", "name": "The river", "parties": ["AZR", "AMB"], "value": 2.0, "paragraphs": [2]},
        {"id": "hills", "name": "The hills", "parties": ["AMB", "AZR"], "value": 1.0, "source": "a map"},
    ]
    doc["matrices"]["alliance"] = [[0.0, 0.0], [0.0, 0.0]]
    doc["matrices"]["ties"] = [[0.0, 0.3], [0.3, 0.0]]
    doc["profiles"] = {"hawks": {"AZR": "deterrence", "default": "dialogue"}}
    return doc


@contextlib.contextmanager
def no_hang(label: str):
    """Fail (rather than wait for ever) if the block runs longer than HANG seconds."""

    def stop(signum, frame):
        raise TimeoutError(f"{label}: still running after {HANG} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, HANG)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def refused(load, path, label: str) -> str:
    """load(path) raises a one-line LoadError naming path, and leaves the file as it was."""
    before = Path(path).read_bytes() if Path(path).is_file() else None
    with no_hang(label):
        with pytest.raises(LoadError) as err:
            load(path)
    message = str(err.value)
    assert "\n" not in message and "Traceback" not in message, (label, message)
    assert message.startswith(str(path)) or str(path) in message, (label, message)
    if before is not None:
        assert Path(path).read_bytes() == before, label
    return message


# ---------------------------------------------------------------------- scenario and card files
def field_cases(base: dict) -> list[tuple[str, str]]:
    """(label, TOML text) with every field of base given each wrong value, and an unknown key in every table."""
    cases = []
    for path, value in places(base):
        for what, bad in wrong_values(path, value):
            cases.append((f"{'/'.join(map(str, path))}: {what}", toml_document(replaced(base, path, bad))))
    for path, value in [((), base)] + list(places(base)):
        if isinstance(value, dict):
            cases.append(
                (f"{'/'.join(map(str, path))}: unknown key", toml_document(added(base, path, "zz_unknown", 1)))
            )
    return cases


def scenario_cases(rng: random.Random) -> list[tuple[str, str]]:
    """(label, TOML text) of bad scenarios: every field given each wrong value, unknown keys in every
    table, and the cross-field mistakes."""
    base = base_scenario()
    cases = field_cases(base)
    crafted = {
        "turns 10^9": replaced(base, ("scenario", "turns"), 10**9),
        "seed float": replaced(base, ("scenario", "seed"), 1.0),
        "seed 2^64": replaced(base, ("scenario", "seed"), 2**64),
        "seed negative": replaced(base, ("scenario", "seed"), -1),
        "name 65 characters": replaced(base, ("scenario", "name"), "n" * 65),
        "name with a slash": replaced(base, ("scenario", "name"), "../x"),
        "worldview as array": replaced(base, ("scenario", "worldview"), ["spiral-world"]),
        "one actor": replaced(base, ("actor",), base["actor"][:1]),
        "seventeen actors": replaced(base, ("actor",), [dict(base["actor"][0], code=f"A{k:02d}") for k in range(17)]),
        "duplicate code": replaced(base, ("actor", 1, "code"), "AZR"),
        "capability 1e400 as text": replaced(base, ("actor", 0, "capability"), "1e400"),
        "matrix 3x3": replaced(base, ("matrices", "trust"), [[1.0, 0.5, 0.5]] * 3),
        "matrix cell 2": replaced(base, ("matrices", "ties"), [[0.0, 2.0], [2.0, 0.0]]),
        "matrix not symmetric": replaced(base, ("matrices", "alliance"), [[0.0, 0.1], [0.2, 0.0]]),
        "stake with itself": replaced(base, ("stake", 0, "parties"), ["AZR", "AZR"]),
        "stake unknown party": replaced(base, ("stake", 0, "parties"), ["AZR", "XYZ"]),
        "stake paragraph 14": replaced(base, ("stake", 0, "paragraphs"), [14]),
        "stake without source": replaced(base, ("stake", 1, "source"), ""),
        "duplicate stake": replaced(base, ("stake", 1, "id"), "river"),
        "profile unknown code": replaced(base, ("profiles", "hawks"), {"XYZ": "dialogue"}),
        "profile unknown doctrine": replaced(base, ("profiles", "hawks"), {"AZR": "appeasement"}),
        "parameter unknown": replaced(base, ("worldview",), {"payoff_Q": 1.0}),
        "parameter out of range": replaced(base, ("worldview",), {"payoff_R": 99.0}),
        "deck missing": replaced(base, ("scenario", "deck"), "no_such_deck"),
        "deck is /dev/zero": replaced(base, ("scenario", "deck"), "/dev/zero"),
        "end turns 0": replaced(base, ("end", "lockin_turns"), 0),
        "no scenario section": {k: v for k, v in base.items() if k != "scenario"},
        "no actors": {k: v for k, v in base.items() if k != "actor"},
        "root key as table": dict(base, zz_unknown={"a": 1}),
    }
    cases += [(label, toml_document(doc)) for label, doc in crafted.items()]
    rng.shuffle(cases)
    return cases


def card_cases(rng: random.Random) -> list[tuple[str, str]]:
    base = TINY_DECK
    cases = field_cases(base)
    effects = ("card", 0, "effect")
    crafted = {
        "min_turn above max_turn": replaced(base, ("card", 0, "conditions"), {"min_turn": 9, "max_turn": 3}),
        "min_tension above max_tension": replaced(
            base, ("card", 0, "conditions"), {"min_tension": 80.0, "max_tension": 10.0}
        ),
        "quote not in the paragraph": replaced(base, ("card", 0, "quote"), "NATO is everywhere"),
        "id not kebab-case": replaced(base, ("card", 0, "id"), "One_Card"),
        "truth parameter": replaced(base, effects + (5, "param"), "first_strike"),
        "effect code lower case": replaced(base, effects + (0, "between"), ["azr"]),
        "effect no codes": replaced(base, effects + (0, "between"), []),
        "effect kind unknown": replaced(base, effects + (0, "kind"), "magic"),
        "effect missing amount": replaced(base, effects + (3,), {"kind": "forum"}),
        "effect field of another kind": replaced(
            base, effects + (3,), {"kind": "forum", "amount": 0.1, "actors": ["AZR"]}
        ),
        "crisis amount 0.5": replaced(base, effects + (4, "amount"), 0.5),
        "worldview turns 0": replaced(base, effects + (5, "turns"), 0),
        "no cards": replaced(base, ("card",), []),
        "duplicate card": replaced(base, ("card",), base["card"] * 2),
        "4097 cards": replaced(base, ("card",), [{}] * 4097),
        "33 effects": replaced(base, ("card", 0, "effect"), [base["card"][0]["effect"][3]] * 33),
    }
    cases += [(label, toml_document(doc)) for label, doc in crafted.items()]
    rng.shuffle(cases)
    return cases


def whole_file_cases(tmp: Path) -> list[tuple[str, Path]]:
    """Files bad as a whole: too large, too deep, not text, not TOML, special files."""
    out = []

    def write(name, data: bytes):
        p = tmp / name
        p.write_bytes(data)
        out.append((name, p))

    write("empty.toml", b"")
    write("binary.toml", bytes(range(256)))
    write("latin1.toml", 'name = "caf\xe9"'.encode("latin-1"))
    write("not-toml.toml", b"[scenario\nname = ")
    write("deep-array.toml", b"x = " + b"[" * VERY_DEEP + b"1" + b"]" * VERY_DEEP + b"\n")
    write("deep-table.toml", b"x = " + b"{a = " * VERY_DEEP + b"1" + b"}" * VERY_DEEP + b"\n")
    write("deep-40.toml", f"x = {toml_value(nested(40))}\n".encode())
    write("huge-int.toml", b"x = " + b"9" * 5000 + b"\n")
    write("five-mb.toml", b"# " + b"x" * (5 * 1024 * 1024) + b"\n")
    big = tmp / "200mb.toml"
    with open(big, "wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse: refused by its size, never read
    out.append(("200 MB file", big))
    fifo = tmp / "fifo.toml"
    os.mkfifo(fifo)
    out.append(("FIFO", fifo))
    (tmp / "folder.toml").mkdir()
    out.append(("folder", tmp / "folder.toml"))
    (tmp / "zero.toml").symlink_to("/dev/zero")
    out.append(("link to /dev/zero", tmp / "zero.toml"))
    out.append(("/dev/zero", Path("/dev/zero")))
    out.append(("missing", tmp / "missing.toml"))
    return out


def test_bad_scenario_and_card_files_are_refused_in_one_line(tmp_path):
    from game.core.files.cards import load_deck
    from game.core.files.scenario import load_scenario

    rng = random.Random(SEED)
    (tmp_path / "tiny.toml").write_text(toml_document(TINY_DECK), encoding="utf-8")
    good = tmp_path / "good.toml"
    good.write_text(toml_document(base_scenario()), encoding="utf-8")
    assert load_scenario(good).n == 2 and len(load_deck(tmp_path / "tiny.toml").cards) == 1  # the bases are valid
    counts = {"scenario": 0, "card": 0, "whole file": 0}
    for kind, cases, load in (("scenario", scenario_cases(rng), load_scenario), ("card", card_cases(rng), load_deck)):
        for k, (label, text) in enumerate(cases):
            p = tmp_path / f"{kind}-{k}.toml"
            p.write_text(text, encoding="utf-8")
            refused(load, p, f"{kind} {label}")
            p.unlink()
            counts[kind] += 1
    whole = tmp_path / "whole"
    whole.mkdir()
    for label, p in whole_file_cases(whole):
        refused(load_scenario, p, f"scenario {label}")
        refused(load_deck, p, f"deck {label}")
        counts["whole file"] += 2
    COUNTS.update({f"{k} files": v for k, v in counts.items()})
    print(f"\nbad files refused: {counts}")
    assert counts["scenario"] >= 150 and counts["card"] >= 100


# ---------------------------------------------------------------------- saves
def base_saves(data_dir: Path) -> dict[str, dict]:
    """A full save and a compact save of a short two_rivals game with one human."""
    from game.core.files.scenario import load_scenario
    from game.core.play.session import Game
    from game.core.model.vocab import Action

    sc = load_scenario("two_rivals").with_turns(6)
    game = Game(sc, 5, ["human", "reciprocity"])
    for action in (Action.SUMMIT, Action.ARM, Action.TRADE):
        game.play_turn({0: (action, 1 if action is not Action.ARM else -1)})
    return {"full": json.loads(game.save_text()), "compact": json.loads(game.save_text(compact=True))}


SAVE_FIELDS = (
    "format",
    "version",
    "seed",
    "scenario",
    "scenario_path",
    "worldview",
    "turn_limit",
    "actors",
    "actor_names",
    "doctrines",
    "human_choices",
    "human_crisis_choices",
    "turns",
    "turns_played",
    "state_digest",
    "outcome",
    "end_turn",
)


def save_cases(rng: random.Random, saves: dict[str, dict], user: Path) -> list[tuple[str, bytes]]:
    cases = []
    for kind, base in saves.items():
        for path, value in places(base):
            if path[0] not in SAVE_FIELDS or (path[0] == "turns" and len(path) > 2):
                continue  # a saved turn's contents are checked by replaying the game
            for what, bad in wrong_values(path, value):
                cases.append((f"{kind} {'/'.join(map(str, path))}: {what}", replaced(base, path, bad)))
        for path, value in [((), base)] + [(p, v) for p, v in places(base) if p[0] in SAVE_FIELDS and p[0] != "turns"]:
            if isinstance(value, dict):
                cases.append((f"{kind} {'/'.join(map(str, path))}: unknown key", added(base, path, "zz_unknown", 1)))
        crafted = {
            "seed float": replaced(base, ("seed",), 5.0),
            "seed 2^64": replaced(base, ("seed",), 2**64),
            "turn limit 10^9": replaced(base, ("turn_limit",), 10**9),
            "scenario path /dev/zero": replaced(base, ("scenario_path",), "/dev/zero"),
            "scenario path escapes": replaced(base, ("scenario_path",), "../../../../../../dev/zero"),
            "scenario path outside": replaced(base, ("scenario_path",), "/etc/hostname.toml"),
            "scenario path FIFO in the user folder": replaced(
                base, ("scenario_path",), str(user / "scenarios" / "fifo.toml")
            ),
            "scenario path a folder": replaced(base, ("scenario_path",), str(user / "scenarios" / "folder.toml")),
            "scenario unknown": replaced(base, ("scenario",), "atlantis"),
            "scenario name with newline": replaced(base, ("scenario",), "two_rivals\n"),
            "actors swapped": replaced(base, ("actors",), ["AMB", "AZR"]),
            "choice unknown action": replaced(base, ("human_choices", 0, "AZR"), ["DANCE", None]),
            "choice unknown target": replaced(base, ("human_choices", 0, "AZR"), ["SUMMIT", "XYZ"]),
            "choice of an AI seat": replaced(base, ("human_choices", 0), {"AMB": ["SUMMIT", "AZR"]}),
            "crisis stance on no stake": replaced(
                base, ("human_crisis_choices", 0), {"stances": {"AZR": {"river": "FIRM"}}}
            ),
            "doctrine unknown": replaced(base, ("doctrines", "AMB"), "appeasement"),
            "worldview value out of range": replaced(base, ("worldview", "values", "misperception"), 7.0),
            "version 1": replaced(base, ("version",), 1),
            "version true": replaced(base, ("version",), True),
            "format other": replaced(base, ("format",), "someone-else/record"),
            "600 choices": replaced(base, ("human_choices",), [{"AZR": ["HOLD", None]}] * 600),
        }
        if kind == "full":
            crafted["a turn edited"] = replaced(base, ("turns", 1, "regional_tension"), 99.0)
            crafted["a turn with an unknown key"] = added(base, ("turns", 0), "zz_unknown", 1)
            crafted["no turns, no digest"] = {k: v for k, v in base.items() if k != "turns"}
        else:
            crafted["turn limit changed"] = replaced(base, ("turn_limit",), 7)  # the fingerprint covers it
            crafted["digest of another state"] = replaced(base, ("state_digest",), "0" * 64)
            crafted["turns played off by one"] = replaced(base, ("turns_played",), 2)
            crafted["no turns played"] = {k: v for k, v in base.items() if k != "turns_played"}
        cases += [(f"{kind} {label}", doc) for label, doc in crafted.items()]
    encoded = [(label, json.dumps(doc, allow_nan=True).encode()) for label, doc in cases]
    deep = b"[" * VERY_DEEP + b"]" * VERY_DEEP
    encoded += [
        ("JSON nested 100,000 deep", deep),
        ("JSON objects nested 100,000 deep", b'{"a": ' * VERY_DEEP + b"1" + b"}" * VERY_DEEP),
        (
            "a save nested 100,000 deep inside",
            json.dumps(saves["compact"]).encode()[:-1] + b', "turns": ' + deep + b"}",
        ),
        (
            "integer of 5000 digits",
            b'{"format": "deterrence-or-dialogue/record", "version": 2, "seed": ' + b"9" * 5000 + b"}",
        ),
        ("not UTF-8", bytes(range(256))),
        ("empty", b""),
        ("JSON array", b"[1, 2, 3]"),
        ("truncated", json.dumps(saves["full"]).encode()[:3000]),
    ]
    rng.shuffle(encoded)
    return encoded


def test_bad_saves_are_refused_with_one_line_and_left_untouched(tmp_path, monkeypatch):
    from game.ui.window import saving

    user = tmp_path / "data"
    monkeypatch.setenv("DOD_DATA_DIR", str(user))
    (user / "scenarios").mkdir(parents=True)
    os.mkfifo(user / "scenarios" / "fifo.toml")
    (user / "scenarios" / "folder.toml").mkdir()
    saves = base_saves(user)
    for kind, base in saves.items():  # the bases load
        p = tmp_path / f"good-{kind}.json"
        p.write_text(json.dumps(base), encoding="utf-8")
        assert saving.load(p).turn == 3
    rng = random.Random(SEED)
    count = 0
    for k, (label, data) in enumerate(save_cases(rng, saves, user)):
        p = tmp_path / f"save-{k}.json"
        p.write_bytes(data)
        refused(saving.load, p, f"save {label}")
        p.unlink()
        count += 1
    special = [
        ("FIFO", tmp_path / "fifo.json"),
        ("folder", tmp_path / "folder.json"),
        ("/dev/zero", Path("/dev/zero")),
        ("200 MB file", tmp_path / "big.json"),
        ("missing", tmp_path / "missing.json"),
    ]
    os.mkfifo(special[0][1])
    special[1][1].mkdir()
    with open(special[3][1], "wb") as fh:
        fh.truncate(200 * 1024 * 1024)
    for label, p in special:
        refused(saving.load, p, f"save {label}")
        count += 1
    assert sorted(os.listdir(user / "scenarios")) == ["fifo.toml", "folder.toml"]  # nothing written
    COUNTS["save files"] = count
    print(f"\nbad saves refused: {count}")
    assert count >= 60


def test_the_state_fingerprint_covers_the_turn_limit():
    """Two games that differ only in their turn limit have different fingerprints."""
    from game.core.files.scenario import load_scenario
    from game.core.play.session import Game

    sc = load_scenario("two_rivals")
    assert Game(sc, 1, turns=6).state_digest() != Game(sc, 1, turns=7).state_digest()


def test_continue_and_load_show_the_refusal_on_screen(tmp_path, monkeypatch):
    """A 100,000-deep autosave (Continue) and a save whose scenario is a FIFO (Load) are refused
    on the Load screen with their one line; no game starts, the files are unchanged."""
    import pygame

    from game.ui.window import userdata
    from game.ui.window.app import App
    from game.ui.scenes.load import LoadScene, open_game

    monkeypatch.setenv("DOD_DATA_DIR", str(tmp_path / "data"))
    auto = userdata.autosave_path()
    auto.parent.mkdir(parents=True)
    auto.write_bytes(b"[" * VERY_DEEP + b"]" * VERY_DEEP)
    (tmp_path / "data" / "scenarios").mkdir()
    os.mkfifo(tmp_path / "data" / "scenarios" / "fifo.toml")
    fifo_save = tmp_path / "fifo-save.json"
    data = base_saves(tmp_path)["compact"]
    data["scenario_path"] = str(tmp_path / "data" / "scenarios" / "fifo.toml")
    fifo_save.write_text(json.dumps(data), encoding="utf-8")
    app = App((1280, 720), 1.0, False, None)
    try:
        for path in (auto, fifo_save):
            before = path.read_bytes()
            with no_hang(str(path)):
                assert open_game(app, path) is False
            assert isinstance(app.top, LoadScene) and str(path) in app.top.error and "\n" not in app.top.error
            app.frame(1 / 60)
            assert path.read_bytes() == before
    finally:
        pygame.display.quit()


# ---------------------------------------------------------------------- command lines and output paths
def output_paths(tmp: Path) -> list[tuple[str, str]]:
    """Paths no command may write to, with what each is."""
    (tmp / "a-folder").mkdir()
    (tmp / "a-file").write_text("x")
    os.mkfifo(tmp / "a-fifo")
    return [
        ("a folder", str(tmp / "a-folder")),
        ("parent missing", str(tmp / "missing" / "out.csv")),
        ("parent is a file", str(tmp / "a-file" / "out.csv")),
        ("name too long", str(tmp / ("n" * 300 + ".csv"))),
        ("path too long", str(tmp / "/".join(["d" * 200] * 30)) + ".csv"),
        ("under /proc", "/proc/out.csv"),
        ("/dev/full", "/dev/full"),
        ("a FIFO", str(tmp / "a-fifo")),
        ("empty", ""),
        ("the root", "/"),
    ]


def command_cases(tmp: Path) -> list[tuple[str, list[str]]]:
    few = ["--games", "2"]
    cases = []
    bad_ints = ["x", "1_0", "1.5", "1.0", " 1", "1e3", "", "9" * 40, "0x10", "nan"]
    for option, command in (
        ("--seed", "simulate"),
        ("--turns", "simulate"),
        ("--games", "compare"),
        ("--workers", "compare"),
        ("--seed", "sweep"),
        ("--turns", "compare"),
    ):
        extra = few if command != "simulate" and option != "--games" else []
        extra = extra + (["--param", "greedy_share=0:1:2"] if command == "sweep" else [])
        cases += [(f"{command} {option} {v!r}", [command, option, v, *extra]) for v in bad_ints]
    cases += [(f"simulate --turns {v}", ["simulate", "--turns", v]) for v in ("0", "-1", "501", "1000000000")]
    cases += [(f"simulate --seed {v}", ["simulate", "--seed", v]) for v in ("-1", str(2**63), str(2**64))]
    cases += [(f"compare --games {v}", ["compare", "--games", v]) for v in ("0", "-5", "1000001")]
    for v in (
        "payoff_R=1_0",
        "payoff_R=nan",
        "payoff_R=inf",
        "payoff_R=",
        "payoff_R=1e400",
        "=1",
        "foo=1",
        "payoff_R",
        "misperception=3",
        "payoff_R=0x10",
        "payoff_R= 1",
        "greedy_share=-0.1",
    ):
        cases.append((f"--set {v}", ["simulate", "--set", v]))
    for v in ("", ",", " , ", "nice-world", "spiral-world,spiral-world"):
        cases.append((f"--worldviews {v!r}", ["compare", "--worldviews", v, *few]))
        cases.append((f"--doctrines {v!r}", ["compare", "--doctrines", v.replace("world", "x"), *few]))
    for v in (
        "greedy_share=0_0:1:3",
        "greedy_share=0:1_0:3",
        "greedy_share=0:1:1_0",
        "greedy_share=0:1:3.5",
        "greedy_share=nan:1:3",
        "greedy_share=0:inf:3",
        "greedy_share=1:0:3",
        "greedy_share=0:1:1000",
        "greedy_share=0:1",
        "nothing=0:1:3",
        "greedy_share",
        "",
    ):
        cases.append((f"--param {v!r}", ["sweep", "--param", v, *few]))
    for v in (
        "20000x20000",
        "0x0",
        "7681x100",
        "100x4321",
        "x",
        "1280",
        "1280x720x3",
        "-5x5",
        "1_280x720",
        "",
        "nanxnan",
    ):
        cases.append((f"--size {v!r}", ["play", "--size", v]))
    for v in ("nan", "inf", "1_0", "x", "0.5", "3", ""):
        cases.append((f"--scale {v!r}", ["play", "--scale", v]))
    for label, p in (
        ("/dev/zero", "/dev/zero"),
        ("a FIFO", str(tmp / "a-fifo")),
        ("a folder", str(tmp / "a-folder")),
        ("a long name", "s" * 5000),
        ("missing", str(tmp / "nope.toml")),
        ("a NUL byte", "a\x00b.toml"),
    ):
        cases.append((f"--scenario {label}", ["simulate", "--scenario", p]))
        cases.append((f"validate {label}", ["validate", p]))
    outputs = output_paths(tmp)
    for label, p in outputs:
        cases.append((f"simulate --out {label}", ["simulate", "--turns", "2", "--out", p]))
        cases.append((f"simulate --games --out {label}", ["simulate", "--games", "2", "--turns", "2", "--out", p]))
        cases.append((f"compare --out {label}", ["compare", *few, "--turns", "2", "--out", p]))
        cases.append(
            (f"sweep --out {label}", ["sweep", "--param", "greedy_share=0:1:2", *few, "--turns", "2", "--out", p])
        )
        if label not in ("a folder", "the root"):
            cases.append((f"play --screenshot {label}", ["play", "--screenshot", p]))
    cases.append(("play --screenshot under a file", ["play", "--screenshot", str(tmp / "a-file" / "shots")]))
    cases.append(("play --screenshot under /proc", ["play", "--screenshot", "/proc/shots"]))
    cases.append(("unknown command", ["frobnicate"]))
    cases.append(("unknown option", ["simulate", "--frobnicate"]))
    return cases


def run_in_process(argv: list[str]) -> tuple[int, str]:
    from game.cli import main

    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = main(argv)
    return code, err.getvalue()


def test_bad_command_lines_and_output_paths_exit_2_with_one_line(tmp_path, monkeypatch):
    import game.ui.window.app

    monkeypatch.setenv("DOD_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)

    def no_window(*args, **kwargs):
        raise AssertionError("a bad command line opened the window")

    monkeypatch.setattr(game.ui.window.app, "App", no_window)
    cases = command_cases(tmp_path)
    listing = sorted(p for p in tmp_path.rglob("*"))
    for label, argv in cases:
        with no_hang(label):
            try:
                code, err = run_in_process(argv)
            except AssertionError as exc:
                raise AssertionError(f"{label}: {exc}") from None
        lines = err.strip().splitlines()
        assert code == 2 and len(lines) == 1 and "Traceback" not in err, (label, code, err)
    assert sorted(p for p in tmp_path.rglob("*")) == listing, "a refused command wrote a file"
    assert (tmp_path / "a-file").read_text() == "x"
    COUNTS["command lines"] = len(cases)
    print(f"\nbad command lines refused: {len(cases)}")
    assert len(cases) >= 100


def test_exports_refuse_a_place_they_cannot_write_and_leave_nothing(tmp_path, monkeypatch):
    """An export whose folder cannot be made (exports is a file, or the data folder is under
    /proc) raises OSError, which the debrief shows, and leaves no file or folder behind."""
    import pygame

    from game.ui.window import saving

    saves = base_saves(tmp_path)
    from game.core.files.record import GameRecord
    from game.core.play.session import Game

    game = Game.from_record(GameRecord(saves["full"]))
    picture = pygame.Surface((8, 8))
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "exports").write_text("not a folder")
    for data_dir in (tmp_path / "data", Path("/proc/dod-data")):
        monkeypatch.setenv("DOD_DATA_DIR", str(data_dir))
        before = sorted(tmp_path.rglob("*"))
        with pytest.raises(OSError):
            saving.export(game, picture)
        assert sorted(tmp_path.rglob("*")) == before
    monkeypatch.setenv("DOD_DATA_DIR", str(tmp_path / "ok"))
    folder = saving.export(game, picture)
    assert sorted(p.name for p in folder.iterdir()) == ["charts.png", "game.json", "record.csv"]
    assert [p.name for p in folder.parent.iterdir()] == [folder.name]


def slow_beyond(params, first: int):
    """The first few as they are; the rest with --runslow (each a process of its own: a third of a second)."""
    return [p if k < first else pytest.param(*p.values, id=p.id, marks=pytest.mark.slow) for k, p in enumerate(params)]


SAMPLE_COMMANDS = [
    ["validate", "/dev/zero"],
    ["simulate", "--seed", "1_0"],
    ["play", "--screenshot", "/dev/full"],
    ["sweep", "--param", "greedy_share=0:1:3", "--out", "/", "--games", "2"],
    ["simulate", "--scenario", "/dev/zero"],
    ["simulate", "--set", "payoff_R=1_0"],
    ["compare", "--worldviews", "", "--games", "2"],
    ["simulate", "--out", "/proc/out.json"],
    ["play", "--size", "20000x20000"],
    ["simulate", "--turns", "1000000000"],
]


@pytest.mark.parametrize("argv", slow_beyond([pytest.param(a, id=" ".join(a)[:50]) for a in SAMPLE_COMMANDS], 4))
def test_a_sample_of_bad_command_lines_as_real_commands(tmp_path, argv):
    """A sample as real processes: exit 2, one line on stderr, no traceback, done within the limit (four by
    default, ten with --runslow; all of them, and more, run in this process above)."""
    env = dict(os.environ, DOD_DATA_DIR=str(tmp_path / "data"))
    r = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *argv],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=HANG,
        env=env,
    )
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr, r.stderr
    assert not list(tmp_path.iterdir())


def test_a_sample_of_bad_files_through_validate(tmp_path):
    """A FIFO, a 200 MB file and a 100,000-deep file given to `validate` as real processes: refused, exit 2."""
    os.mkfifo(tmp_path / "fifo.toml")
    with open(tmp_path / "big.toml", "wb") as fh:
        fh.truncate(200 * 1024 * 1024)
    (tmp_path / "deep.toml").write_bytes(b"x = " + b"[" * VERY_DEEP + b"]" * VERY_DEEP)
    for name in ("fifo.toml", "big.toml", "deep.toml"):
        r = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "validate", name],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=HANG,
        )
        assert r.returncode == 2 and r.stderr.startswith(name + ": ") and "Traceback" not in r.stderr, r.stderr
        assert len(r.stderr.strip().splitlines()) == 1


# ---------------------------------------------------------------------- hostile classes
TALLY: dict[str, list[int]] = {}  # class -> [cases, refused correctly]


def tally(kind: str, ok: bool) -> None:
    counts = TALLY.setdefault(kind, [0, 0])
    counts[0] += 1
    counts[1] += ok


def refused_quickly(load, path, kind: str, label: str) -> str:
    """refused(), within a second, counted under kind."""
    start = time.perf_counter()
    message = refused(load, path, f"{kind} {label}")
    assert time.perf_counter() - start < 1.0, (kind, label)
    tally(kind, True)
    return message


def hostile_name_cases(every: bool) -> list[tuple[str, object, str]]:
    """(label, loader, TOML text): each invisible or separator name in each name field of a scenario and a deck."""
    from game.core.files.cards import load_deck
    from game.core.files.scenario import load_scenario

    out = []
    for base, load in ((base_scenario(), load_scenario), (TINY_DECK, load_deck)):
        for path in name_fields(base):
            for what, name in hidden_names(every):
                out.append((f"{'/'.join(map(str, path))} {what}", load, toml_document(replaced(base, path, name))))
    return out


def run_hostile_files(tmp_path: Path, every: bool, scale: int) -> None:
    from game.core.files.cards import load_deck
    from game.core.files.scenario import load_scenario

    (tmp_path / "tiny.toml").write_text(toml_document(TINY_DECK), encoding="utf-8")
    for k, (label, load, text) in enumerate(hostile_name_cases(every)):
        p = tmp_path / f"name-{k}.toml"
        p.write_text(text, encoding="utf-8")
        message = refused_quickly(load, p, "invisible and separator names", label)
        assert "allowed: " in message, (label, message)
        p.unlink()
    for label, text in many_parts(scale):
        p = tmp_path / "many.toml"
        p.write_text(text, encoding="utf-8")
        for load in (load_scenario, load_deck):
            assert "too many" in refused_quickly(load, p, "many small tables", label)
        p.unlink()
    names = [b"sc\xff.toml", b"\xfe\xfd.toml", b"a\xffb\xc3.toml", "r\u202el.toml".encode(), b"c\xc3(.toml"]
    for raw in names:
        p = Path(os.fsdecode(os.fsencode(tmp_path) + b"/" + raw))
        p.write_bytes(b"[scenario\n")
        for load in (load_scenario, load_deck):
            refused_quickly(load, p, "non-UTF-8 paths", repr(raw))
        p.unlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tiny.toml"], "a refused file left something behind"


def run_hostile_saves(tmp_path: Path, monkeypatch) -> None:
    from game.ui.window import saving

    user = tmp_path / "data"
    monkeypatch.setenv("DOD_DATA_DIR", str(user))
    saves = base_saves(user)
    for kind, base in saves.items():
        for label, choices in refused_choices("AZR", "AMB", base["turn_limit"]):
            p = tmp_path / "choices.json"
            p.write_text(json.dumps(replaced(base, ("human_choices",), choices)), encoding="utf-8")
            assert "human_choices: turn " in refused_quickly(saving.load, p, "saves with refused choices", label)
            p.unlink()
    for raw in (b"s\xff.json", "s\u202e.json".encode(), b"s\xfe\xc0.json"):
        p = Path(os.fsdecode(os.fsencode(tmp_path) + b"/" + raw))
        p.write_text(json.dumps(replaced(saves["compact"], ("human_choices", 0), {})), encoding="utf-8")
        refused_quickly(saving.load, p, "non-UTF-8 paths", repr(raw))
        p.unlink()
    assert not (user / "saves").exists() or not list((user / "saves").iterdir())


def report_tally() -> None:
    print("\nhostile classes (cases, refused correctly): " + ", ".join(f"{k}: {v[0]}/{v[1]}" for k, v in TALLY.items()))
    assert all(cases == ok for cases, ok in TALLY.values())


def test_hostile_names_many_parts_and_strange_paths_are_refused(tmp_path):
    """Invisible and separator names in every name field, files of too many small parts, and files whose
    names are not UTF-8: each refused in one line within a second, nothing left behind."""
    TALLY.clear()
    run_hostile_files(tmp_path, every=False, scale=1)
    report_tally()
    assert TALLY["invisible and separator names"][0] >= 150 and TALLY["many small tables"][0] >= 16


def test_saves_with_choices_no_human_could_make_are_refused(tmp_path, monkeypatch):
    """A full and a compact save with each choice the table refuses, or more choices than turns, and
    saves named with bytes that are not UTF-8: each refused in one line naming the turn, within a second."""
    TALLY.clear()
    run_hostile_saves(tmp_path, monkeypatch)
    report_tally()
    assert TALLY["saves with refused choices"][0] >= 24


@pytest.mark.slow
def test_the_larger_hostile_corpus_is_refused(tmp_path, monkeypatch):
    """Every hidden character alone, padded and inside a name, in every name field, and files of three
    times as many small parts."""
    TALLY.clear()
    (tmp_path / "files").mkdir()
    run_hostile_files(tmp_path / "files", every=True, scale=3)
    run_hostile_saves(tmp_path, monkeypatch)
    report_tally()


@pytest.mark.parametrize(
    "argv_of",
    slow_beyond(
        [
            pytest.param(lambda d: ["replay", os.fsencode(d) + b"/r\xff.json"], id="replay refused choice"),
            pytest.param(
                lambda d: ["simulate", "--scenario", os.fsencode(d) + b"/zw.toml"], id="simulate invisible name"
            ),
            pytest.param(lambda d: ["validate", os.fsencode(d) + b"/many.toml"], id="many"),
            pytest.param(lambda d: ["validate", os.fsencode(d) + b"/v\xfe.toml"], id="validate not UTF-8"),
            pytest.param(
                lambda d: ["compare", "--scenario", os.fsencode(d) + b"/zw.toml", "--games", "2"],
                id="compare invisible name",
            ),
        ],
        3,
    ),
)
def test_hostile_files_as_real_commands(tmp_path, argv_of):
    """A sample as real processes: exit 2, one line, no traceback, within the limit, nothing written (three by
    default, five with --runslow)."""
    sc = tmp_path / "zw.toml"
    sc.write_text(toml_document(replaced(base_scenario(), ("actor", 0, "name"), "\u200b")), encoding="utf-8")
    (tmp_path / "tiny.toml").write_text(toml_document(TINY_DECK), encoding="utf-8")
    Path(os.fsdecode(os.fsencode(tmp_path) + b"/v\xfe.toml")).write_text('[scenario]\nname = "\u2028"\n')
    (tmp_path / "many.toml").write_text("[a]\n" * 700_000)
    sc_rivals = base_saves(tmp_path)["compact"]
    bad = replaced(sc_rivals, ("human_choices", 0, "AZR"), ["SUMMIT", "AZR"])
    Path(os.fsdecode(os.fsencode(tmp_path) + b"/r\xff.json")).write_text(json.dumps(bad))
    listing = sorted(tmp_path.iterdir())
    r = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *argv_of(tmp_path)], capture_output=True, cwd=tmp_path, timeout=HANG
    )
    assert r.returncode == 2 and len(r.stderr.splitlines()) == 1 and b"Traceback" not in r.stderr, r.stderr
    assert sorted(tmp_path.iterdir()) == listing
