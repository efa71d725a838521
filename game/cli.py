"""The commands: thin over game.core (and game.ui for `play`)."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

import numpy as np

from game.core.model import params as P
from game.core.model.errors import LoadError, one_line
from game.core.model.plans import with_policies
from game.core.files.paths import shown_path
from game.core.files.schema import cut_words
from game.core.runs.pool import WorkerLost
from game.core.runs.options import (
    UsageError,
    check_number_text,
    check_output_file,
    check_output_folder,
    check_seed,
    check_size,
    chosen_doctrines,
    chosen_plans,
    chosen_scenario,
    integer,
    number,
)
from game.core.files.scenario import DOCTRINE_NAMES, list_scenarios, load_scenario
from game.classroom.launch import add_parser as add_classroom, from_window, run as cmd_classroom


class Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, no usage dump
        raise UsageError(f"{self.prog}: {message} (see --help)")


def add_common(p, turns=True):
    p.add_argument(
        "--scenario",
        default="east_asia_2023",
        help=f"scenario name in assets/scenarios/ ({', '.join(p.stem for p in list_scenarios())}) "
        "or a path to a .toml file (default: east_asia_2023)",
    )
    if turns:
        p.add_argument("--turns", type=int, help="turn limit (default: the scenario's)")
    p.add_argument(
        "--set",
        action="append",
        metavar="PARAM=VALUE",
        help=f"override a worldview parameter; repeatable (parameters: {', '.join(P.NAMES)})",
    )


def add_workers(p):
    p.add_argument(
        "--workers", type=int, default=0, help="worker processes, at most one per core (default: one per core)"
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run the games on the Dask cluster whose scheduler is at ADDRESS (e.g. tcp://10.0.0.5:8786) "
        "instead of local processes; needs the cluster extra",
    )


def _program_name() -> str:
    """The installed command's name when run as it, else main.py (a checkout)."""
    name = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    return name if name.startswith("deterrence-or-dialogue") else "main.py"


def build_parser() -> Parser:
    parser = Parser(
        prog=_program_name(),
        description="Deterrence or Dialogue: a turn-based simulation of regional security in East Asia.",
    )
    sub = parser.add_subparsers(dest="command", parser_class=Parser, metavar="COMMAND")
    add_play(sub)
    add_simulate(sub)
    from game.lab_cli import add_lab

    add_lab(sub, add_common, add_workers)
    add_records_and_files(sub)
    add_classroom(sub)
    return parser


def add_play(sub):
    p = sub.add_parser("play", help="open the game window (the default command)")
    add_common(p)
    p.add_argument("--seed", type=int, help="seed (default: random, shown in the game)")
    worlds = f"hidden (drawn from the seed, named only in the debrief) or a preset ({', '.join(P.PRESET_NAMES)})"
    p.add_argument("--worldview", help=f"the world to play in: {worlds} (default: hidden)")
    controllers = f"human or a doctrine ({', '.join(DOCTRINE_NAMES)})"
    p.add_argument(
        "--doctrine", action="append", metavar="CODE=DOCTRINE", help=f"one actor's controller: {controllers}"
    )
    p.add_argument("--doctrine-all", metavar="DOCTRINE", help="the same controller for every actor")
    p.add_argument(
        "--scale",
        type=float,
        default=None,
        help="font scale for projectors, 1.0 to 2.0 (default: the last one chosen, else 1.0)",
    )
    p.set_defaults(scenario=None)  # the window starts on the last scenario played (game/ui/window/settings.py)
    p.add_argument("--size", default="1280x720", help="window size WIDTHxHEIGHT (default 1280x720)")
    p.add_argument("--fullscreen", action="store_true", help="start in fullscreen")
    p.add_argument(
        "--screenshot", metavar="DIR", help="save a PNG of each screen to DIR, with a JSON of what it shows, and exit"
    )


def add_simulate(sub):
    p = sub.add_parser("simulate", help="play one game headless and print it")
    add_common(p)
    p.add_argument("--seed", type=int, default=1, help="seed (default 1)")
    p.add_argument(
        "--worldview",
        help=f"worldview preset ({', '.join(P.PRESET_NAMES)}), or hidden: drawn from the "
        "seed and named only at the end (default: the scenario's)",
    )
    from game.lab_cli import add_per_seat, add_plans

    add_per_seat(
        p,
        "doctrine",
        "DOCTRINE",
        f"doctrine of one actor; repeatable (doctrines: {', '.join(DOCTRINE_NAMES)})",
        "the same doctrine for every actor",
    )
    p.add_argument(
        "--out",
        metavar="FILE",
        help="also write the record to FILE.json or FILE.csv; with --games, "
        "the per-game table to FILE.csv or FILE.jsonl",
    )
    p.add_argument(
        "--games",
        type=int,
        metavar="N",
        help="play N games (seeds SEED .. SEED+N-1) and write the per-game table, one row per game and "
        "actor, to --out (CSV on standard output without it)",
    )
    p.add_argument(
        "--per",
        choices=("game", "turn"),
        default="game",
        help="with --games: one row per game and actor (game, the default) or per game, turn and actor (turn)",
    )
    add_plans(p)
    p.add_argument("--json", action="store_true", help="print the whole record as JSON instead of the summary")


def add_records_and_files(sub):
    p = sub.add_parser(
        "replay",
        help="replay a saved or exported game, under its own world or another (same seed, types, cards and choices)",
    )
    p.add_argument("record", metavar="GAME.json", help="a game record or save (JSON)")
    p.add_argument("--worldview", help=f"replay under this world ({', '.join(P.PRESET_NAMES)}; default: its own)")
    p.add_argument("--json", action="store_true", help="print the replayed record as JSON instead of the summary")
    p.add_argument("--out", metavar="FILE", help="also write the replayed record to FILE.json or FILE.csv")

    p = sub.add_parser("validate", help="check scenario and card files (no PATH: every shipped one)")
    p.add_argument("paths", nargs="*", metavar="PATH", help="scenario or card TOML files (default: the shipped ones)")

    p = sub.add_parser("cards", help="list the event deck: paragraph, quote and both readings")
    p.add_argument("--scenario", default="east_asia_2023", help="scenario whose deck to list (default: east_asia_2023)")

    p = sub.add_parser("doctrines", help="list the AI doctrines with their tags and sources")
    p.add_argument(
        "--tag",
        action="append",
        metavar="KEY=VALUE",
        help="only the doctrines with this tag, e.g. family=dialogue; repeatable",
    )


# ---------------------------------------------------------------------- commands
def cmd_simulate(args) -> int:
    from game.core.teaching.hidden import HIDDEN
    from game.core.play.session import Game

    hidden = args.worldview == HIDDEN  # the world is drawn from the seed, and named only at the end
    sc = chosen_scenario(args.scenario, None if hidden else args.worldview, args.set, args.turns)
    doctrines = with_policies(chosen_doctrines(sc, args.doctrine_all, args.doctrine), *chosen_plans(sc, args))
    if args.per == "turn" and args.games is None:
        raise UsageError("--per turn: give --games N (the per-turn table of N games)")
    if args.games is not None:
        if hidden:
            raise UsageError("--worldview hidden plays one game at a time (drop --games)")
        return _simulate_table(sc, doctrines, args)
    if args.out and Path(args.out).suffix.lower() not in (".json", ".csv"):
        raise UsageError(f"--out: {shown_path(args.out)} must end in .json or .csv")
    check_seed(args.seed)
    game = Game(sc, args.seed, doctrines, hidden=hidden)
    game.autoplay()
    return _print_record(game.record(), sc, args)


def cmd_replay(args) -> int:
    """replay GAME.json [--worldview W]: the same seed, types, cards and choices, in its own world or another."""
    from game.core.play.session import Game

    if args.out and Path(args.out).suffix.lower() not in (".json", ".csv"):
        raise UsageError(f"--out: {shown_path(args.out)} must end in .json or .csv")
    game = Game.load(args.record)
    if args.worldview:
        from game.core.runs.options import check_worldview, preset_worldview

        world = preset_worldview(game.base_scenario, check_worldview(args.worldview, "--worldview"))
        game = game.replay_under(world)
    return _print_record(game.record(), game.scenario, args)


def _print_record(record, sc, args) -> int:
    """Write the record to --out if asked, and print it as JSON (--json) or as the turn-by-turn summary."""
    from game.core.teaching.report import game_summary

    if args.out:
        from game.core.files.atomic import atomic_write
        from game.core.files.tempfiles import clean_stale

        text = record.to_json() if args.out.lower().endswith(".json") else record.to_csv()
        clean_stale(Path(args.out).parent, target=Path(args.out).name)
        atomic_write(args.out, text)
    if args.json:
        print(record.to_json(indent=None))
    else:
        print(game_summary(record, sc))
        if args.out:
            print(f"record written to {shown_path(args.out)}")
    return 0


def _simulate_table(sc, doctrines, args) -> int:
    """simulate --games N: the per-game table of N games with the same settings."""
    from game.core.files.atomic import atomic_write
    from game.core.runs.game_table import play_table

    if not 1 <= args.games <= 1_000_000:
        raise UsageError(f"--games: {args.games} is out of range (allowed: 1 to 1000000)")
    check_seed(args.seed, args.games)
    suffix = Path(args.out).suffix.lower() if args.out else ".csv"
    if suffix not in (".csv", ".jsonl"):
        raise UsageError(f"--out: {shown_path(args.out)} must end in .csv or .jsonl with --games")
    seeds = np.arange(args.seed, args.seed + args.games)
    if args.per == "turn":
        from game.core.runs.turn_table import MAX_GAMES, turn_table_text

        if args.games > MAX_GAMES:
            raise UsageError(f"--games: {args.games} is out of range with --per turn (allowed: 1 to {MAX_GAMES})")
        text = turn_table_text(sc, seeds, doctrines, suffix)
    else:
        table = play_table(sc, seeds, doctrines)
        text = table.to_csv() if suffix == ".csv" else table.to_jsonl()
    if args.out:
        atomic_write(args.out, text)
        if args.per == "turn":
            rows = text.count("\n") - (suffix == ".csv")
            print(f"{args.games} games, {rows} rows (turn × actor) written to {shown_path(args.out)}", file=sys.stderr)
        else:
            print(f"{args.games} games × {sc.n} actors written to {shown_path(args.out)}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def cmd_validate(args) -> int:
    from game.core.files.cards import load_deck, read_toml

    from game.core.files.paths import shipped_decks, shipped_scenarios

    failed = 0
    for raw in args.paths or [*shipped_scenarios(), *shipped_decks()]:
        path = Path(raw)
        try:
            data = read_toml(path)
            if "card" in data or "deck" in data:
                deck = load_deck(path)
                # card effects must name actors of every scenario that uses this deck
                for sc_path in list_scenarios():
                    try:
                        head = read_toml(sc_path).get("scenario")
                    except LoadError:
                        continue  # a scenario that cannot be read is reported when it is validated itself
                    if isinstance(head, dict) and head.get("deck") in (deck.name, path.stem):
                        load_scenario(sc_path, deck_override=deck)
                print(f"{shown_path(path)}: ok ({len(deck.cards)} cards)")
            else:
                sc = load_scenario(path)
                print(
                    f"{shown_path(path)}: ok (scenario {sc.name}: {sc.n} actors, {len(sc.cards)} cards, "
                    f"{sc.turns} turns)"
                )
        except LoadError as exc:
            failed += 1
            print(shown_path(cut_words(str(exc))), file=sys.stderr)
    return 2 if failed else 0


def cmd_cards(args) -> int:
    import textwrap

    sc = load_scenario(args.scenario)
    if not sc.cards:
        print(f"{sc.name} has no event deck.")
        return 0
    print(f"{sc.title}: {len(sc.cards)} event cards from the seed article (deck {sc.deck_name})\n")

    def wrap(s, indent):
        return textwrap.fill(s, 96, initial_indent=indent, subsequent_indent=" " * len(indent))

    names = {a.code: a.name for a in sc.actors}
    for k, c in enumerate(sc.cards, 1):
        date = f", {c.date}" if c.date else ""
        print(f"{k:2d}. {c.title}  (¶{c.paragraph}{date}; weight {c.weight:g})")
        print(wrap(f"“{c.quote}”", "    "))
        print(wrap(c.deterrence_reading, "    Deterrence reading: "))
        print(wrap(c.dialogue_reading, "    Dialogue reading:   "))
        print(wrap("; ".join(e.plain(names) for e in c.effects), "    What it does: "))
        print(wrap("; ".join(e.describe() for e in c.effects), "    In the model: "))
        print()
    return 0


def cmd_doctrines(args) -> int:
    from game.core.model.doctrines import filtered, source

    if any("=" not in item for item in args.tag or []):
        raise UsageError("--tag: write KEY=VALUE, e.g. family=dialogue")
    try:
        found = filtered(dict(item.split("=", 1) for item in args.tag or []))
    except ValueError as exc:
        raise UsageError(f"--tag: {exc}") from None
    for cls in found:
        print(f"{cls.name:21} {', '.join(f'{k}={str(v).lower()}' for k, v in cls.classifier.items())}")
        print(f"{'':21} {source(cls)}")
    return 0


def cmd_play(args) -> int:
    from game.ui.window.launch import run

    then: list[str] = []
    code = run(args, then)
    return from_window(args) if then == ["classroom"] else code


def cmd_lab(args) -> int:
    """compare, sweep, tournament and sensitivity: the lab's commands (game/lab_cli.py)."""
    import game.lab_cli as lab

    return getattr(lab, args.command)(args)


class Terminated(BaseException):
    """SIGTERM arrived: unwind (worker processes are ended, temporary files removed), then exit."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _end_on_sigterm():
    """SIGTERM unwinds like Ctrl+C while a command runs (the main thread only); returns the old handler."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None

    def stop(signum, frame):
        raise Terminated(signum)

    return signal.signal(signal.SIGTERM, stop)


def _restore_sigterm(previous):
    import signal

    if previous is not None:
        signal.signal(signal.SIGTERM, previous)


HANDLERS = {
    "play": cmd_play,
    "simulate": cmd_simulate,
    "replay": cmd_replay,
    "compare": cmd_lab,
    "sweep": cmd_lab,
    "tournament": cmd_lab,
    "sensitivity": cmd_lab,
    "validate": cmd_validate,
    "cards": cmd_cards,
    "doctrines": cmd_doctrines,
    "classroom": cmd_classroom,
}


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # keep stdout for the game's own output
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv = ["play", *argv]
    previous = _end_on_sigterm()
    try:
        return _dispatch(build_parser(), argv)
    finally:
        _restore_sigterm(previous)


def strict_types(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Every int and float option of parser and its subcommands read strictly: digits for an int,
    a finite decimal for a float (int() and float() would take 1_0, and float() nan and inf)."""
    for action in parser._actions:
        if action.type is int:
            action.type = integer
        elif action.type is float:
            action.type = number
        for sub in (action.choices or {}).values() if isinstance(action, argparse._SubParsersAction) else ():
            strict_types(sub)
    return parser


def check_arguments(args) -> None:
    """The checks every command shares, made before any work: output paths (--out a file,
    --screenshot a folder, both where they can be written), --size within a screen, and the
    numbers of --param ranges written as plain decimals."""
    if getattr(args, "out", None) is not None:
        check_output_file(args.out, "--out")
    if getattr(args, "screenshot", None) is not None:
        check_output_folder(args.screenshot, "--screenshot")
    if getattr(args, "size", None) is not None:
        check_size(args.size)
    for item in getattr(args, "param", None) or []:
        name, sep, bounds = item.partition("=")
        parts = bounds.split(":")
        if sep and len(parts) == 3:
            check_number_text(parts[0], "--param", f"{name.strip()} LOW")
            check_number_text(parts[1], "--param", f"{name.strip()} HIGH")
            if not re.fullmatch(r"\d{1,4}", parts[2].strip()):
                raise UsageError(
                    f"--param: {name.strip()}: STEPS {parts[2][:40]!r} is not a whole number (allowed: 2 to 101)"
                )


def write_failure(prog: str, args, exc: OSError) -> str:
    """The one line for a write that failed: the output option and its file when the command has
    one (a full disk fails a write that names no file), else the file the error names."""
    for option in ("out", "screenshot"):
        target = getattr(args, option, None)
        if target is not None:
            return one_line(f"--{option}: {shown_path(target)}: cannot write it ({exc.strerror or exc})")
    where = f"{shown_path(exc.filename)}: " if getattr(exc, "filename", None) else ""
    return one_line(f"{prog}: {where}{exc.strerror or exc}")


def _dispatch(parser, argv) -> int:
    args = None
    try:
        args = strict_types(parser).parse_args(argv)
        if args.command is None:
            parser.print_help()
            return 0
        check_arguments(args)
        return HANDLERS[args.command](args)
    except (UsageError, LoadError) as exc:
        print(shown_path(cut_words(one_line(str(exc)))), file=sys.stderr)
        return 2
    except OSError as exc:  # a write that failed after the checks (a full disk, a folder removed meanwhile)
        print(cut_words(write_failure(parser.prog, args, exc)), file=sys.stderr)
        return 2
    except P.ParamError as exc:
        print(f"{parser.prog}: {exc}", file=sys.stderr)
        return 2
    except WorkerLost as exc:  # the machine, not the input, stopped the run
        print(one_line(f"{parser.prog}: {exc}"), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Terminated as exc:
        return 128 + exc.signum
    except BrokenPipeError:
        return 0
