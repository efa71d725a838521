"""The lab's experiments run in a separate process, so the window keeps drawing while they run.

The window's process is never forked: each worker is forked from a small "fork server", a fresh
interpreter started once that imports only game.core (no pygame, no SDL, no window), so a lab
screen's worker is ready at once instead of importing numpy and the game again. Jobs go to it through
one queue; progress, results and errors come back through another, which the scene reads once a
frame without waiting. The worker runs at a lower priority, so on a busy machine the window's
process gets the CPU first. Cancelling a run is cooperative (checked after every chunk of games),
so the worker stays up for the next run; stopping the worker kills it together with the pool
processes it started, so leaving a screen never waits for a run to wind down. Workers still
running when the program ends are stopped before multiprocessing waits for its children.

This module must not import pygame: the fork server imports it to find `serve`.
"""

from __future__ import annotations

import atexit
import multiprocessing as mp
import multiprocessing.util  # noqa: F401  (its exit handler, which joins children, must run after ours)
import os
import queue
import signal
import threading
import time

import attrs

NICE = 5  # worker priority below the window's (0); its pool processes inherit it
_live: set = set()  # workers started and not yet stopped (a scene left on the stack at exit included)


# ---------------------------------------------------------------------- the worker's side
def serve(jobs, replies, cancel_upto, nice: int):
    """The worker process: run jobs until a None arrives or the window's process is gone."""
    if hasattr(os, "setpgrp"):
        os.setpgrp()  # its own process group, so a forced stop also reaches the pool processes it forks
    # the window's process gone, however it went: end this worker and the pool it runs at once
    _watch_window(on_gone=_end_group)
    if nice:
        try:
            os.nice(nice)
        except OSError:
            pass
    from game.core.runs import experiment  # imported here: the window's process never needs it for this module

    while True:
        job = jobs.get()  # the watch above ends this process if the window's goes first
        if job is None:
            return
        job_id, kind, payload = job
        if cancel_upto.value >= job_id:
            replies.put(("cancelled", job_id, None))
            continue
        replies.put(("started", job_id, None))
        start = time.perf_counter()

        def cancelled(job_id=job_id) -> bool:
            return cancel_upto.value >= job_id

        def progress(done: int, total: int, job_id=job_id):
            replies.put(("progress", job_id, (done, total)))
            # run_sweep takes no cancel callback: stopping from the progress report works for both
            if cancelled():
                raise experiment.Cancelled()

        try:
            if kind == "compare":
                result = experiment.run_conditions(progress=progress, cancelled=cancelled, **payload)
            elif kind == "sweep":
                result = experiment.run_sweep(progress=progress, **payload)
            elif kind == "sensitivity":
                from game.core.runs.sensitivity import run_sensitivity

                result = run_sensitivity(progress=progress, cancelled=cancelled, **payload)
            else:
                raise ValueError(f"unknown job kind {kind!r}")
        except experiment.Cancelled:
            replies.put(("cancelled", job_id, None))
        except Exception as exc:  # reported on screen; the worker stays up for the next run
            replies.put(("error", job_id, f"{type(exc).__name__}: {exc}"))
        else:
            replies.put(("done", job_id, (result, time.perf_counter() - start)))


def _watch_window(on_gone):
    """Call on_gone as soon as the window's process is gone. Its parent is the fork server, which stays while
    any worker does: the worker watches its end of the pipe the window started it through instead."""
    window = mp.parent_process()

    def watch():
        window.join()  # returns once the window's end of the pipe is closed: the window's process is gone
        on_gone()

    threading.Thread(target=watch, name="watch-window", daemon=True).start()


def _end_group():
    if hasattr(os, "killpg") and os.getpgrp() == os.getpid():
        os.killpg(os.getpgrp(), signal.SIGKILL)
    os._exit(1)


# ---------------------------------------------------------------------- the window's side
@attrs.define
class Run:
    """What the window knows about one job: its progress, then its result or why it has none."""

    job_id: int
    kind: str
    submitted: float = attrs.Factory(time.perf_counter)
    started: float | None = None
    done: int = 0
    total: int = 0
    status: str = "waiting"  # waiting, running, done, cancelled, error
    result: object = None
    seconds: float = 0.0
    error: str = ""

    @property
    def finished(self) -> bool:
        return self.status in ("done", "cancelled", "error")

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 0.0

    def elapsed(self) -> float:
        return time.perf_counter() - (self.started or self.submitted)

    def eta(self) -> float | None:
        """Seconds left, once there is a first chunk to judge by."""
        if not self.done or not self.total:
            return None
        e = self.elapsed()
        return e / self.done * (self.total - self.done)


class LabWorker:
    """One worker process, started on the first job and stopped with `stop()`."""

    def __init__(self, nice: int = NICE):
        self.nice = nice
        self._ctx = _fork_server()
        self._proc = None
        self._jobs = None
        self._replies = None
        self._cancel_upto = None
        self._next_id = 0
        self.runs: dict[int, Run] = {}

    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.is_alive()

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def start(self):
        if self.alive:
            return
        ctx = self._ctx
        self._jobs = ctx.Queue()
        # a worker stopped while a job is still on its way leaves the writer with nobody to read: that
        # is expected here, not an error to print
        self._jobs._ignore_epipe = True
        self._replies = ctx.Queue()
        self._cancel_upto = ctx.Value("q", self._next_id, lock=False)
        self._proc = ctx.Process(
            target=serve, args=(self._jobs, self._replies, self._cancel_upto, self.nice), name="dod-lab-worker"
        )
        self._proc.start()
        _live.add(self)

    def submit(self, kind: str, **payload) -> Run:
        """Queue a job ("compare": run_conditions' arguments; "sweep": run_sweep's)."""
        self.start()
        self._next_id += 1
        run = Run(self._next_id, kind)
        self.runs[run.job_id] = run
        self._jobs.put((run.job_id, kind, payload))
        return run

    def cancel(self, run: Run | None = None):
        """Cancel one run (and any queued before it), or every run so far; the worker stops it
        after its current chunk of games, and its late messages are ignored."""
        upto = run.job_id if run is not None else self._next_id
        if self._cancel_upto is not None and self._cancel_upto.value < upto:
            self._cancel_upto.value = upto
        for job_id in [j for j in self.runs if j <= upto]:
            r = self.runs.pop(job_id)
            if not r.finished:
                r.status = "cancelled"

    def poll(self) -> list[Run]:
        """Read every waiting message without blocking; returns the runs that changed."""
        changed: dict[int, Run] = {}
        if self._replies is None:
            return []
        while True:
            try:
                what, job_id, data = self._replies.get_nowait()
            except queue.Empty:
                break
            except (EOFError, OSError):
                break
            run = self.runs.get(job_id)
            if run is None:
                continue
            if what == "started":
                if run.status == "waiting":
                    run.status = "running"
                run.started = time.perf_counter()
            elif what == "progress":
                run.done, run.total = data
            elif what == "done":
                run.result, run.seconds = data
                run.status = "done"
            elif what == "cancelled":
                run.status = "cancelled"
            elif what == "error":
                run.status, run.error = "error", data
            changed[job_id] = run
            if run.finished:
                self.runs.pop(job_id, None)
        if self._proc is not None and not self._proc.is_alive():
            for run in list(self.runs.values()):
                if not run.finished:
                    run.status = "error"
                    run.error = f"the lab's worker process stopped (exit code {self._proc.exitcode})"
                    changed[run.job_id] = run
            self.runs.clear()
        return list(changed.values())

    def stop(self):
        """Stop the worker now, idle or busy: it keeps nothing worth waiting for."""
        proc = self._proc
        if proc is None:
            return
        self.cancel()
        if proc.is_alive():
            self._kill(proc)
        self._drain()
        for q in (self._jobs, self._replies):
            q.cancel_join_thread()  # nothing left to deliver to a worker that has gone
            q.close()
        self._proc = self._jobs = self._replies = self._cancel_upto = None
        self.runs.clear()
        _live.discard(self)

    def _drain(self):
        # a worker cannot exit while its last replies sit unread in a full pipe
        try:
            while True:
                self._replies.get_nowait()
        except (queue.Empty, EOFError, OSError, ValueError):
            pass

    @staticmethod
    def _kill(proc):
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(proc.pid, sig)  # the worker leads its own group: its pool processes go too
            except (AttributeError, ProcessLookupError, PermissionError):
                try:
                    os.kill(proc.pid, sig)
                except ProcessLookupError:
                    pass
            proc.join(0.5)
            if not proc.is_alive():
                return


def _fork_server():
    """The start method of lab workers: forked from a server that imported the game's core once (the module
    that launched the window too, so that each worker need not run it again)."""
    if "forkserver" not in mp.get_all_start_methods():
        return mp.get_context("spawn")
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["__main__", __name__, "game.core.runs.experiment", "game.core.runs.sensitivity"])
    return ctx


@atexit.register
def _stop_all():
    # multiprocessing joins live children at exit: make sure ours have been told to leave
    for worker in list(_live):
        worker.stop()
