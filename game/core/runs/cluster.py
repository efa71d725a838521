"""Pieces of work on a Dask cluster (dask.distributed, the `cluster` extra) instead of local
processes: `compare --scheduler ADDRESS` and `sweep --scheduler ADDRESS`.

Every game draws its random numbers from its own seed, so where a game runs changes nothing: the
chunks come back to this process and are summed in game order, as they are locally. The workers
need the game installed (`pip install "deterrence-or-dialogue[cluster]"`). Jobs are handed out a
window at a time (twice the cluster's threads), so the cluster never holds the whole run.

Whatever is at the address, the run never waits long on it: the address is checked before any
connection, the scheduler must answer as a Dask scheduler with workers within CONNECT_SECONDS, and
a cluster that loses its workers or its scheduler for NO_WORKERS_SECONDS ends the run. Each of
these is a ClusterError of one line naming --scheduler.
"""

from __future__ import annotations

import contextlib
import logging
import re
import time
from typing import Iterator

CONNECT_SECONDS = 10.0  # to reach the scheduler and hear it answer (less if dask's connect timeout is less)
NO_WORKERS_SECONDS = 15.0  # a cluster with no worker (or no scheduler) for this long ends the run
STEP = 0.1  # seconds between looks at the running jobs
LOOK_EVERY = 1.0  # seconds between questions to the scheduler about its workers
ADDRESS = re.compile(r"(?:(tcp|tls)://)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9][A-Za-z0-9.\-_]*):(\d{1,5})")
ALLOWED = "allowed: HOST:PORT or tcp://HOST:PORT, the address of a Dask scheduler"


class ClusterError(Exception):
    """The cluster cannot be used: dask is missing, the address is wrong, nothing answers there as a
    Dask scheduler with workers, or the cluster was lost during the run."""


def check_address(address) -> str:
    """The scheduler's address as dask reads it (tcp:// added), or ClusterError saying what is wrong."""
    text = address.strip() if isinstance(address, str) else ""
    if not text:
        raise ClusterError(f"--scheduler: empty address ({ALLOWED})")
    match = ADDRESS.fullmatch(text)
    if not match or not 1 <= int(match[3]) <= 65535:
        raise ClusterError(f"--scheduler: {text[:80]!r} is not a scheduler's address ({ALLOWED}; port 1 to 65535)")
    return text if match[1] else f"tcp://{text}"


def run_jobs_on_cluster(address: str, fn, jobs, shared=None, window: int = 0) -> Iterator[tuple]:
    """pool.run_jobs on the cluster at `address`: fn(shared, args) per (key, args), yielding
    (key, result) as each finishes. `shared` goes to every worker once."""
    address = check_address(address)
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        raise ClusterError(
            '--scheduler needs dask.distributed: pip install "deterrence-or-dialogue[cluster]"'
        ) from None
    with _quiet():
        yield from _run(address, fn, jobs, shared, window)


def _run(address: str, fn, jobs, shared, window: int) -> Iterator[tuple]:
    """run_jobs_on_cluster once the address is sound and dask is there."""
    from dask.distributed import Client, as_completed

    seconds = _connect_seconds()
    workers = _workers_at(address, seconds)
    try:
        client = Client(address, set_as_default=False, timeout=seconds)
    except Exception as exc:  # noqa: BLE001 the scheduler went away between the first answer and now
        raise ClusterError(f"--scheduler: cannot reach {address!r} ({_said(exc)})") from None
    try:
        window = window or 2 * max(1, workers)
        on_workers = _on_workers(address, client.scatter, shared, broadcast=True, timeout=seconds)
        jobs = iter(jobs)
        running = as_completed(loop=client.loop)
        outstanding: dict = {}  # future key -> job key

        def submit() -> None:
            for key, args in jobs:
                future = client.submit(call, fn, on_workers, args, pure=False)
                outstanding[future.key] = key
                running.add(future)
                return

        for _ in range(window):
            submit()
        while outstanding:
            for future in _finished(client, address, running):
                result = _on_workers(address, future.result)
                key = outstanding.pop(future.key)
                future.release()
                submit()
                yield key, result
    finally:
        _close(client)


@contextlib.contextmanager
def _quiet():
    """Dask's own log lines held back while the run goes: what goes wrong is said once, as a ClusterError."""
    before = logging.root.manager.disable
    logging.disable(logging.CRITICAL)
    try:
        yield
    finally:
        logging.disable(before)


def _connect_seconds() -> float:
    """CONNECT_SECONDS, or dask's own connect timeout where that is shorter."""
    import dask
    from dask.utils import parse_timedelta

    configured = parse_timedelta(dask.config.get("distributed.comm.timeouts.connect", None) or CONNECT_SECONDS, "s")
    return min(CONNECT_SECONDS, float(configured))


def _workers_at(address: str, seconds: float) -> int:
    """The threads of the workers of the scheduler at address, asked with dask's own protocol before
    a client is made (a client made to the wrong kind of listener waits and fails at length);
    ClusterError when nothing answers there as a Dask scheduler with workers within `seconds`."""
    import asyncio

    from distributed.comm import connect

    async def identity():
        comm = await connect(address, timeout=seconds)
        try:
            await comm.write({"op": "identity", "reply": True})
            return await comm.read()
        finally:
            comm.abort()

    try:
        answer = asyncio.run(asyncio.wait_for(identity(), seconds))
    except (asyncio.TimeoutError, TimeoutError):
        raise ClusterError(f"--scheduler: nothing answered at {address!r} within {seconds:g} s ({ALLOWED})") from None
    except OSError as exc:  # refused, unreachable, or no name
        raise ClusterError(f"--scheduler: no Dask scheduler answers at {address!r} ({_said(exc)})") from None
    except Exception:  # noqa: BLE001 a listener that answers in another protocol (a web server, say)
        raise ClusterError(
            f"--scheduler: what answers at {address!r} does not speak Dask's protocol ({ALLOWED})"
        ) from None
    if not isinstance(answer, dict) or answer.get("type") != "Scheduler":
        raise ClusterError(f"--scheduler: what answers at {address!r} is not a Dask scheduler ({ALLOWED})")
    threads = [w.get("nthreads", 1) for w in (answer.get("workers") or {}).values() if isinstance(w, dict)]
    if not threads:
        raise ClusterError(
            f"--scheduler: the scheduler at {address!r} has no workers (start some: dask worker {address})"
        )
    return sum(t for t in threads if isinstance(t, int) and t > 0) or len(threads)


def _finished(client, address: str, running) -> list:
    """The jobs that have finished, waiting in short steps; ClusterError once the cluster has had no
    worker, or this process no scheduler, for NO_WORKERS_SECONDS (looked at every LOOK_EVERY)."""
    lost_since, looked = None, time.monotonic()
    while True:
        done = running.next_batch(block=False)
        if done:
            return done
        time.sleep(STEP)
        if time.monotonic() - looked < LOOK_EVERY:
            continue
        looked = time.monotonic()
        if _has_workers(client):
            lost_since = None
        elif lost_since is None:
            lost_since = looked
        elif looked - lost_since > NO_WORKERS_SECONDS:
            what = "every worker" if client.status == "running" else "the scheduler"
            raise ClusterError(
                f"--scheduler: {what} at {address!r} was lost for {NO_WORKERS_SECONDS:g} s during the run"
            )


def _has_workers(client) -> bool:
    """Whether the client still reaches its scheduler and that has a worker."""
    if client.status != "running":
        return False
    try:
        info = client.scheduler_info()
    except Exception:  # noqa: BLE001 a scheduler that cannot be asked counts as lost
        return False
    return bool(info.get("n_workers", len(info.get("workers") or {})))


def _on_workers(address, step, *args, **kwargs):
    """step(...), with a cluster that fails (workers lost, the scheduler gone, or workers that cannot
    import the game) reported as a ClusterError; the game's own errors pass on as they are."""
    from concurrent.futures import CancelledError

    from distributed import KilledWorker

    try:
        return step(*args, **kwargs)
    except (CancelledError, KilledWorker, OSError, TimeoutError) as exc:  # OSError: dask's CommClosedError too
        raise ClusterError(f"--scheduler: the cluster at {address!r} lost the work ({_said(exc)})") from None
    except Exception as exc:  # dask passes the other side's import error on, as itself, its cause or its text
        chain = [exc, exc.__cause__, exc.__context__]
        if any(isinstance(e, ModuleNotFoundError) or "ModuleNotFoundError" in str(e) for e in chain if e is not None):
            raise ClusterError(
                f"--scheduler: the scheduler or workers at {address!r} cannot import the game; install "
                'it on each of them: pip install "deterrence-or-dialogue[cluster]"'
            ) from None
        raise


def _said(exc: BaseException) -> str:
    """What an error says, on one short line."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


def _close(client) -> None:
    """Let the cluster go, never waiting long on a scheduler that is gone."""
    try:
        client.close(timeout=CONNECT_SECONDS)
    except Exception:  # noqa: BLE001 the run's own outcome (or error) is what the user needs to see
        pass


def call(fn, shared, args):
    """What a cluster worker runs for one job."""
    return fn(shared, args)
