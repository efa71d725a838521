"""Worker processes end with the process that started them, however it ends; a run that loses a
worker plays its lost piece again or stops with one line, and never waits for ever."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.inprocess import run_main
from tests.process_table import descendants, parent_of

from game.core.runs.pool import cores

ROOT = Path(__file__).resolve().parents[2]
GONE_WITHIN = 5.0  # seconds the workers may take to notice their parent is gone

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")


def alive(pids) -> set[int]:
    return {p for p in pids if parent_of(p) is not None}


def wait_for(check, limit: float) -> bool:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.05)
    return check()


def _as_from_a_terminal():
    # a command started from a terminal gets Ctrl+C; one started in the background by a
    # non-interactive shell (as a test run may be) inherits SIGINT ignored, and Python then keeps it so
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(args, at_least: int):
    """Start a process, with Ctrl+C at its default as from a terminal, and wait until it has at least
    `at_least` descendants; returns it and them."""
    proc = subprocess.Popen(
        args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=_as_from_a_terminal
    )
    assert wait_for(lambda: len(descendants(proc.pid)) >= at_least, 60), descendants(proc.pid)
    time.sleep(0.3)
    return proc, descendants(proc.pid)


# long pieces of work (500 turns): a worker must notice its parent is gone mid-piece, not only between pieces
LONG_COMPARE = [
    sys.executable,
    str(ROOT / "main.py"),
    "compare",
    "--games",
    "200000",
    "--turns",
    "500",
    "--workers",
    "2",
]


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT], ids=["kill-9", "term", "ctrl-c"])
def test_no_compare_worker_outlives_its_command(sig):
    """After kill -9, SIGTERM or Ctrl+C of a running `compare`, none of its worker processes is left after 5 s."""
    proc, workers = start(LONG_COMPARE, 2)
    os.kill(proc.pid, sig)
    proc.wait(30)
    assert wait_for(lambda: not alive(workers), GONE_WITHIN), f"still running: {alive(workers)}"


LAB = """
import time
from game.ui.window.lab_worker import LabWorker
from game.core.model import params as P
from game.core.runs.experiment import Condition
from game.core.files.scenario import load_scenario
w = LabWorker()
sc = load_scenario("east_asia_2023")
w.submit("compare", scenario=sc, conditions=[Condition("dialogue", P.Worldview.from_preset("spiral-world"))],
         games=200000, seed=1, workers=2, chunk=500)
time.sleep(600)
"""


def test_no_lab_worker_outlives_the_window_process():
    """After kill -9 of the window's process, the lab's worker and the pool it runs are gone within 5 s."""
    # multiprocessing's tracker, the fork server, the lab's worker and the two pool processes it runs
    proc, workers = start([sys.executable, "-c", LAB], 5)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(30)
    assert wait_for(lambda: not alive(workers), GONE_WITHIN), f"still running: {alive(workers)}"


# ---------------------------------------------------------------------- a worker killed from outside
ENDS_WITHIN = 30.0  # seconds a run may take, once one of its workers is killed, to finish or to stop


def _dies_once(folder, k):
    """Job k: its worker is killed (as the system kills a process when memory runs out) the first
    time it plays an even k; then k's answer."""
    mark = Path(folder) / f"died-{k}"
    if k % 2 == 0 and not mark.exists():
        mark.touch()
        os.kill(os.getpid(), signal.SIGKILL)
    return k * k


def _always_dies(folder, k):
    os.kill(os.getpid(), signal.SIGKILL)


needs_two_cores = pytest.mark.skipif(cores() < 2, reason="a pool of two workers needs two cores")


@needs_two_cores
def test_a_job_whose_worker_is_killed_is_played_again(tmp_path):
    """A worker killed mid-job loses nothing: its job is played again by a new worker, and every answer comes back."""
    from game.core.runs.pool import run_jobs

    before = descendants(os.getpid())
    answers = dict(run_jobs(_dies_once, ((k, k) for k in range(8)), workers=2, shared=str(tmp_path)))
    assert answers == {k: k * k for k in range(8)}
    assert len(list(tmp_path.glob("died-*"))) == 4
    assert wait_for(lambda: not descendants(os.getpid()) - before, GONE_WITHIN)


@needs_two_cores
def test_a_job_that_always_loses_its_worker_stops_the_run(tmp_path):
    """A job whose worker is killed every time ends the run with WorkerLost saying so, soon, leaving no worker."""
    from game.core.runs.pool import MAX_TRIES, WorkerLost, run_jobs

    before = descendants(os.getpid())
    started = time.monotonic()
    with pytest.raises(WorkerLost, match=f"SIGKILL {MAX_TRIES} times"):
        list(run_jobs(_always_dies, ((k, k) for k in range(4)), workers=2, shared=str(tmp_path)))
    assert time.monotonic() - started < ENDS_WITHIN
    assert wait_for(lambda: not descendants(os.getpid()) - before, GONE_WITHIN)


LAB_RUNS = {
    # two pieces of 2,500 games (the two worlds of each doctrine together), one for each worker
    "compare": ["compare", "--games", "1250", "--turns", "15", "--workers", "2", "--json"],
    "sweep": ["sweep", "--param", "greedy_share=0:1:2", "--games", "1500", "--turns", "15", "--workers", "2", "--json"],
}


def _cells(out: str, command: str):
    data = json.loads(out)
    return data["cells"] if command == "compare" else data["points"]


@needs_two_cores
@pytest.mark.parametrize(
    "command", [c if c == "compare" else pytest.param(c, marks=pytest.mark.slow) for c in LAB_RUNS]
)
def test_a_run_that_loses_a_worker_still_gives_its_cells(command):
    """kill -9 of one worker during `compare` or `sweep`: the command ends within 30 s with the cells
    of a run that lost none, and leaves no process behind."""
    args = [sys.executable, str(ROOT / "main.py"), *LAB_RUNS[command]]
    whole = run_main(*LAB_RUNS[command])  # the run that loses nothing, in this process
    assert whole.returncode == 0, whole.stderr
    proc = subprocess.Popen(
        args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_as_from_a_terminal
    )
    assert wait_for(lambda: len(descendants(proc.pid)) >= 2, 60), descendants(proc.pid)
    time.sleep(0.3)
    workers = descendants(proc.pid)
    os.kill(min(workers), signal.SIGKILL)
    out, err = proc.communicate(timeout=ENDS_WITHIN)
    assert proc.returncode == 0, err
    assert _cells(out, command) == _cells(whole.stdout, command)
    assert wait_for(lambda: not alive(workers | descendants(proc.pid)), GONE_WITHIN)


LAB_JOB = """
import json, sys, time
from game.core.model import params as P
from game.core.runs.experiment import Condition, run_conditions
from game.core.files.scenario import load_scenario
job = dict(scenario=load_scenario("east_asia_2023"), games=2500, seed=1, turns=15, chunk=1250,
           conditions=[Condition("dialogue", P.Worldview.from_preset("spiral-world"))])
"""
LAB_RUN = (
    LAB_JOB
    + """
from game.ui.window.lab_worker import LabWorker
w = LabWorker()
run = w.submit("compare", workers=2, **job)
while not run.finished:
    w.poll()
    time.sleep(0.05)
w.stop()
print(json.dumps([r.as_dict() for r in run.result]) if run.status == "done" else f"{run.status}: {run.error}")
"""
)


@needs_two_cores
def test_a_lab_run_that_loses_a_pool_worker_still_gives_its_result():
    """kill -9 of one pool worker during a lab compare: the lab's run ends within 30 s with the result of a run
    that lost none (or a one-line error), and leaves no process behind."""
    here = {}
    exec(LAB_JOB, here)  # the job, and the run that loses nothing, in this process
    whole = json.dumps([r.as_dict() for r in here["run_conditions"](workers=1, **here["job"])])
    proc = subprocess.Popen(
        [sys.executable, "-c", LAB_RUN], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )

    def pool_workers():  # the lab worker's children: below the window's process, its fork server and the worker
        return {p for p in descendants(proc.pid) if proc.pid not in (parent_of(p), parent_of(parent_of(p) or 0))}

    assert wait_for(lambda: len(pool_workers()) >= 2, 60), descendants(proc.pid)
    time.sleep(0.3)
    seen = descendants(proc.pid)
    os.kill(min(pool_workers()), signal.SIGKILL)
    out, err = proc.communicate(timeout=ENDS_WITHIN)
    assert proc.returncode == 0 and "Traceback" not in err, err
    lines = out.strip().splitlines()
    assert len(lines) == 1, out
    assert lines[0] == whole or lines[0].startswith("error: "), lines[0]
    assert wait_for(lambda: not alive(seen | descendants(proc.pid)), GONE_WITHIN)
