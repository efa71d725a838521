"""Pieces of work on a Dask cluster (dask.distributed, the `cluster` extra) instead of local
processes: `compare --scheduler ADDRESS` and `sweep --scheduler ADDRESS`.

Every game draws its random numbers from its own seed, so where a game runs changes nothing: the
chunks come back to this process and are summed in game order, as they are locally. The workers
need the game installed (`pip install "deterrence-or-dialogue[cluster]"`). Jobs are handed out a
window at a time (twice the cluster's threads), so the cluster never holds the whole run.
"""
from __future__ import annotations

from typing import Iterator

class ClusterError(Exception):
    """The cluster cannot be used: dask is missing, or the scheduler cannot be reached."""


def run_jobs_on_cluster(address: str, fn, jobs, shared=None, window: int = 0) -> Iterator[tuple]:
    """pool.run_jobs on the cluster at `address`: fn(shared, args) per (key, args), yielding
    (key, result) as each finishes. `shared` goes to every worker once."""
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        raise ClusterError("--scheduler needs dask.distributed: pip install \"deterrence-or-dialogue[cluster]\"") from None
    try:
        # how long to try to reach it: dask's distributed.comm.timeouts.connect (30 s unless set)
        client = Client(address, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"--scheduler: cannot reach {address!r} ({exc})") from None
    with client:
        window = window or 2 * max(1, sum(client.nthreads().values()))
        on_workers = _on_workers(address, client.scatter, shared, broadcast=True)
        jobs = iter(jobs)
        running = as_completed(loop=client.loop)
        outstanding: dict = {}   # future key -> (future, job key)

        def submit() -> bool:
            for key, args in jobs:
                future = client.submit(call, fn, on_workers, args, pure=False)
                outstanding[future.key] = (future, key)
                running.add(future)
                return True
            return False

        for _ in range(window):
            if not submit():
                break
        try:
            for future in running:
                result = _on_workers(address, future.result)
                _, key = outstanding.pop(future.key)
                future.release()
                submit()
                yield key, result
        finally:
            if outstanding:
                client.cancel([f for f, _ in outstanding.values()])


def _on_workers(address, step, *args, **kwargs):
    """step(...), with a scheduler or workers that cannot import the game reported as a ClusterError."""
    try:
        return step(*args, **kwargs)
    except Exception as exc:  # dask passes the other side's import error on, as itself, its cause or its text
        chain = [exc, exc.__cause__, exc.__context__]
        if any(isinstance(e, ModuleNotFoundError) or "ModuleNotFoundError" in str(e) for e in chain if e is not None):
            raise ClusterError(f"--scheduler: the scheduler or workers at {address!r} cannot import the game; install "
                               "it on each of them: pip install \"deterrence-or-dialogue[cluster]\"") from None
        raise


def call(fn, shared, args):
    """What a cluster worker runs for one job."""
    return fn(shared, args)
