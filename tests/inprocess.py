"""Run a command of the game in this process, as `python main.py ARGS` would in a new one, and return what it
printed and its exit code. Starting Python, numpy and the game for every command costs a third of a second; the
commands' own error handling (one line, exit 2, no traceback) is the same either way, and a few tests keep a real
process to show it."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_main(*args, cwd=ROOT) -> subprocess.CompletedProcess:
    """`python main.py ARGS` in this process: a CompletedProcess with returncode, stdout and stderr."""
    from game.cli import main

    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main([str(a) for a in args])
            except SystemExit as stop:  # argparse's usage errors and --help end this way
                code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    finally:
        os.chdir(here)
    return subprocess.CompletedProcess(["main.py", *args], code or 0, out.getvalue(), err.getvalue())
