"""One way to spread pieces of work over processes, for batches and experiments alike.

`run_jobs(fn, jobs, ...)` calls fn(shared, args) for each (key, args) job and yields (key, result)
as each finishes, in any order. Jobs are taken from their iterable only as workers free up (at
most `window` at once), so a run of any length holds only a window's worth of work. `shared` (a
scenario, say) goes to each worker once, not with every job.

Workers never outlive the run: leaving the loop early (an error, a cancel, Ctrl+C) ends them at
once, and each worker watches its parent process and exits as soon as the parent is gone, however
it went (SIGTERM, SIGKILL). Ctrl+C is left to the parent, which ends the pool. Worker counts are
capped at the cores this process may use. With `scheduler` (a Dask scheduler's address) the jobs
go to that cluster instead (see game.core.runs.cluster).
"""
from __future__ import annotations

import os
import queue
import signal
import threading
import time
from typing import Callable, Iterable, Iterator

WATCH_EVERY = 0.2        # seconds between a worker's checks that its parent is still there
WINDOW_PER_WORKER = 2    # jobs handed out per worker at once: one running, one waiting

_shared = None           # in a worker: what the pool's owner shared with every job


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


def run_jobs(fn: Callable, jobs: Iterable, workers: int = 0, shared=None, window: int = 0,
             scheduler: str | None = None) -> Iterator[tuple]:
    """fn(shared, args) for every (key, args) in jobs; yields (key, result) as each finishes."""
    if scheduler:
        from .cluster import run_jobs_on_cluster
        yield from run_jobs_on_cluster(scheduler, fn, jobs, shared, window)
        return
    workers = worker_count(workers)
    if workers <= 1:
        for key, args in jobs:
            yield key, fn(shared, args)
        return
    yield from _run_local(fn, iter(jobs), workers, shared, window or WINDOW_PER_WORKER * workers)


def _run_local(fn, jobs, workers, shared, window) -> Iterator[tuple]:
    pool = _context().Pool(workers, initializer=_start_worker, initargs=(os.getpid(), shared))
    finished: queue.SimpleQueue = queue.SimpleQueue()

    def submit() -> bool:
        for key, args in jobs:
            pool.apply_async(_call, (fn, args), callback=lambda r, key=key: finished.put((key, True, r)),
                             error_callback=lambda e, key=key: finished.put((key, False, e)))
            return True
        return False

    ended = False
    try:
        pending = sum(1 for _ in range(window) if submit())
        while pending:
            key, ok, value = _next(finished)
            pending -= 1
            if not ok:
                raise value
            pending += submit()
            yield key, value
        pool.close()      # every job done: the workers leave on their own
        ended = True
    finally:
        if not ended:
            pool.terminate()
        pool.join()


def _next(finished: queue.SimpleQueue):
    """The next finished job. The main thread waits in short steps: a signal the system hands to one
    of the pool's threads (Ctrl+C, SIGTERM) is only acted on when the main thread runs Python code,
    which a wait with no timeout would put off until the next job ends."""
    while True:
        try:
            return finished.get(timeout=WATCH_EVERY)
        except queue.Empty:
            continue


def _context():
    import multiprocessing as mp
    # fork is fastest where it exists; the core holds no windows to inherit
    return mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context("spawn")


def _start_worker(parent: int, shared):
    global _shared
    _shared = shared
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl+C reaches the whole group: the parent ends the pool
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the pool's terminate() ends a worker at once, whatever the parent set
    watch_parent(parent)


def _call(fn, args):
    return fn(_shared, args)


def watch_parent(parent: int, on_gone: Callable[[], None] | None = None):
    """Exit this process (or call on_gone) as soon as the process `parent` is no longer its parent."""
    def watch():
        while os.getppid() == parent:
            time.sleep(WATCH_EVERY)
        (on_gone or (lambda: os._exit(1)))()
    threading.Thread(target=watch, name="watch-parent", daemon=True).start()
