"""One way to spread pieces of work over processes, for batches and experiments alike.

`run_jobs(fn, jobs, ...)` calls fn(shared, args) for each (key, args) job and yields (key, result)
as each finishes, in any order. Jobs are taken from their iterable only as workers free up (each
worker holds one at a time), so a run of any length holds only a few pieces of work. `shared` (a
scenario, say) goes to each worker once, not with every job.

A worker that dies (killed by the system when memory runs out, say) loses only the piece it held:
that piece is played again by a new worker, since a game depends only on its seed. A piece whose
worker dies MAX_TRIES times ends the run with WorkerLost, never a wait for an answer that cannot
come.

Workers never outlive the run: leaving the loop early (an error, a cancel, Ctrl+C) ends them at
once, and each worker watches its parent process and exits as soon as the parent is gone, however
it went (SIGTERM, SIGKILL). Ctrl+C is left to the parent, which ends the pool. Worker counts are
capped at the cores this process may use. With `scheduler` (a Dask scheduler's address) the jobs
go to that cluster instead (see game.core.runs.cluster).
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import deque
from typing import Callable, Iterable, Iterator

WATCH_EVERY = 0.2  # seconds between a worker's checks that its parent is still there
MAX_TRIES = 3  # times one piece of work may lose its worker before the run gives up
STOP_WITHIN = 2.0  # seconds a worker has to leave once told to, before it is killed


class WorkerLost(Exception):
    """A piece of work lost its worker process MAX_TRIES times: the run cannot finish."""


def cores() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def worker_count(requested: int = 0) -> int:
    """Worker processes for a run: one per core by default, never more than the cores."""
    limit = cores()
    return limit if requested <= 0 else min(int(requested), limit)


def run_jobs(
    fn: Callable, jobs: Iterable, workers: int = 0, shared=None, window: int = 0, scheduler: str | None = None
) -> Iterator[tuple]:
    """fn(shared, args) for every (key, args) in jobs; yields (key, result) as each finishes.
    `window` (jobs handed out at once) matters on a cluster only; locally each worker holds one."""
    if scheduler is not None:
        from .cluster import run_jobs_on_cluster

        yield from run_jobs_on_cluster(scheduler, fn, jobs, shared, window)
        return
    workers = worker_count(workers)
    if workers <= 1:
        for key, args in jobs:
            yield key, fn(shared, args)
        return
    crew = _Crew(fn, shared, workers)
    try:
        yield from crew.run(iter(jobs))
    finally:
        crew.end()


class _Worker:
    """One worker process, the parent's end of its pipe, and the job it holds (key, args, tries)."""

    def __init__(self, context, fn, shared):
        self.pipe, theirs = context.Pipe()
        self.process = context.Process(
            target=_serve, args=(theirs, os.getpid(), fn, shared), name="dod-pool-worker", daemon=True
        )
        self.process.start()
        theirs.close()
        self.job = None

    def give(self, job) -> None:
        self.job = job
        try:
            self.pipe.send(job[1])
        except OSError:  # it died since its last answer: found lost, and the job played again, at the next look
            pass

    def answer(self) -> tuple | None:
        """("done", result), ("failed", error), ("lost", None) when the worker died before answering,
        or None when it is still at work."""
        try:
            if self.pipe.poll():
                ok, value = self.pipe.recv()
                return ("done" if ok else "failed"), value
        except (EOFError, OSError):
            return "lost", None
        return None if self.process.is_alive() else ("lost", None)

    def how_it_ended(self) -> str:
        self.process.join(STOP_WITHIN)
        code = self.process.exitcode
        if code is not None and code < 0:
            try:
                return f"killed by {signal.Signals(-code).name}"
            except ValueError:
                return f"killed by signal {-code}"
        return f"ended with exit code {code}"


class _Crew:
    """The worker processes of one run; a lost worker's job goes to a new worker."""

    def __init__(self, fn, shared, size: int):
        self.fn, self.shared = fn, shared
        self.context = _context()
        self.workers: list[_Worker] = []
        for _ in range(size):
            self.workers.append(_Worker(self.context, fn, shared))

    def run(self, jobs: Iterator) -> Iterator[tuple]:
        again: deque = deque()  # lost jobs, played again before new ones

        def hand_out(worker: _Worker) -> None:
            job = again.popleft() if again else next(((key, args, 0) for key, args in jobs), None)
            if job is not None:
                worker.give(job)

        for worker in self.workers:
            hand_out(worker)
        while any(w.job is not None for w in self.workers):
            for worker in self._waiting():
                reply = worker.answer()
                if reply is None:
                    continue
                (what, value), (key, args, tries) = reply, worker.job
                worker.job = None
                if what == "failed":
                    raise value
                if what == "lost":
                    worker = self._replace(worker, tries)
                    again.append((key, args, tries + 1))
                hand_out(worker)
                if what == "done":
                    yield key, value

    def _waiting(self) -> list[_Worker]:
        """The busy workers that answered or died, waiting in short steps: a signal (Ctrl+C, SIGTERM)
        is only acted on when the main thread runs Python code."""
        from multiprocessing.connection import wait

        busy = [w for w in self.workers if w.job is not None]
        ready = set(wait([w.pipe for w in busy] + [w.process.sentinel for w in busy], timeout=WATCH_EVERY))
        return [w for w in busy if w.pipe in ready or w.process.sentinel in ready]

    def _replace(self, lost: _Worker, tries: int) -> _Worker:
        """A new worker in place of one that died holding a job it had tried `tries` times before;
        WorkerLost when that job has now lost its worker MAX_TRIES times."""
        how = lost.how_it_ended()
        lost.pipe.close()
        if tries + 1 >= MAX_TRIES:
            raise WorkerLost(
                f"a worker process was {how} {MAX_TRIES} times while playing the same games (as the "
                "system does when memory runs out); the run is stopped: try fewer --workers"
            )
        worker = _Worker(self.context, self.fn, self.shared)
        self.workers[self.workers.index(lost)] = worker
        return worker

    def end(self) -> None:
        """Every worker gone: told to leave (its pipe closed), then ended if it has not."""
        for w in self.workers:
            if w.job is not None and w.process.is_alive():
                w.process.terminate()
            w.pipe.close()
        deadline = time.monotonic() + STOP_WITHIN
        for w in self.workers:
            w.process.join(max(0.0, deadline - time.monotonic()))
            if w.process.is_alive():
                w.process.kill()
                w.process.join()


def _context():
    import multiprocessing as mp

    # fork is fastest where it exists; the core holds no windows to inherit
    return mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context("spawn")


def _serve(pipe, parent: int, fn, shared) -> None:
    """A worker: fn(shared, args) for each job that comes down the pipe, until the pipe closes."""
    _start_worker(parent)
    while True:
        try:
            args = pipe.recv()
        except (EOFError, OSError):
            return
        try:
            reply = (True, fn(shared, args))
        except Exception as exc:  # the parent raises it again, as the run's own error
            reply = (False, exc)
        try:
            pipe.send(reply)
        except (EOFError, OSError):
            return
        except Exception as exc:  # an answer that cannot be pickled
            pipe.send((False, RuntimeError(f"a worker's answer could not be sent back ({type(exc).__name__}: {exc})")))


def _start_worker(parent: int):
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C reaches the whole group: the parent ends the pool
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the pool's end() ends a worker at once, whatever the parent set
    watch_parent(parent)


def watch_parent(parent: int, on_gone: Callable[[], None] | None = None):
    """Exit this process (or call on_gone) as soon as the process `parent` is no longer its parent."""

    def watch():
        while os.getppid() == parent:
            time.sleep(WATCH_EVERY)
        (on_gone or (lambda: os._exit(1)))()

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()
