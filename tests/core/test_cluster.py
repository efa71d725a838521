"""compare and sweep on a Dask cluster give exactly the cells of the local run; an address that is not a
usable cluster is one line naming --scheduler, soon."""

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.inprocess import run_main

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def scheduler_env():
    """PYTHONPATH holding the game, so that a cluster's worker processes can import it."""
    before = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), before]))
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = before


@pytest.fixture(scope="module")
def scheduler(scheduler_env):
    """A scheduler and two worker processes, all on 127.0.0.1 only."""
    from distributed import LocalCluster

    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None, protocol="tcp"
    )
    try:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        yield cluster.scheduler_address
    finally:
        cluster.close()


def run(*args):
    r = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


@pytest.mark.slow  # a cluster of two worker processes and 3,000 games run twice: about 20 s of CPU
def test_compare_on_a_cluster_gives_the_local_cells(scheduler):
    """`compare --scheduler` on two Dask workers gives exactly the cells of the local run (two chunks per condition)."""
    args = ["compare", "--games", "3000", "--doctrines", "deterrence,dialogue", "--json"]
    local = run(*args, "--workers", "2")
    remote = run(*args, "--scheduler", scheduler)
    assert remote["cells"] == local["cells"] and remote["winners"] == local["winners"]


@pytest.mark.slow
def test_sweep_on_a_cluster_gives_the_local_grid(scheduler):
    """`sweep --scheduler` gives exactly the points and crossovers of the local run."""
    args = ["sweep", "--param", "greedy_share=0:1:4", "--games", "300", "--json"]
    local = run(*args, "--workers", "1")
    remote = run(*args, "--scheduler", scheduler)
    assert remote["points"] == local["points"] and remote["crossovers"] == local["crossovers"]


def test_an_unreachable_scheduler_is_one_line_and_exit_2():
    """A scheduler nobody listens at gives the one-line error and exit code 2."""
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        r = run_main("compare", "--games", "10", "--scheduler", "tcp://127.0.0.1:9")
    assert r.returncode == 2 and "--scheduler" in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr


# ---------------------------------------------------------------------- addresses that are not a usable cluster
ANSWERS_WITHIN = 30.0  # seconds the command may take to give up on an address


def refused(*args):
    """Run compare with these arguments; assert it ends within 30 s with one line naming --scheduler and a
    non-zero exit; return the exit code."""
    started = time.monotonic()
    r = run_main("compare", "--games", "10", *args)
    assert time.monotonic() - started < ANSWERS_WITHIN, r.stderr
    assert r.returncode != 0 and len(r.stderr.strip().splitlines()) == 1 and "--scheduler" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr and not r.stdout
    return r.returncode


@pytest.mark.parametrize("address", ["", "tcp://127.0.0.1:notaport"])
def test_an_empty_or_malformed_scheduler_address_is_refused_at_once(address):
    """An empty or malformed --scheduler address is one line and exit 2, before any connection (an empty one is
    not taken as no cluster)."""
    assert refused("--scheduler", address) == 2


@pytest.mark.parametrize(
    "address",
    [
        "",
        "   ",
        "127.0.0.1",
        "tcp://127.0.0.1:notaport",
        "tcp://127.0.0.1:99999",
        "udp://127.0.0.1:8786",
        "not an address",
        "tcp://:8786",
        "127.0.0.1:0",
    ],
)
def test_a_malformed_address_is_named_as_the_scheduler_option(address):
    """Every malformed address is refused by the address check, in words that name --scheduler."""
    from game.core.runs.cluster import ClusterError, check_address

    with pytest.raises(ClusterError, match="^--scheduler: "):
        check_address(address)


@pytest.mark.parametrize(
    "address, expected",
    [
        ("127.0.0.1:8786", "tcp://127.0.0.1:8786"),
        (" tcp://localhost:8786 ", "tcp://localhost:8786"),
        ("tls://[::1]:8786", "tls://[::1]:8786"),
    ],
)
def test_a_sound_address_is_read_as_dask_reads_it(address, expected):
    """HOST:PORT gains tcp://, and a tcp:// or tls:// address is kept."""
    from game.core.runs.cluster import check_address

    assert check_address(address) == expected


@contextlib.contextmanager
def listener(answer: bytes | None):
    """A TCP listener on 127.0.0.1 that answers every connection with `answer` (an HTTP reply, say), or, with
    None, never accepts one; yields its address."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    stop = threading.Event()

    def serve():
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    conn.recv(65536)
                    conn.sendall(answer)
                except OSError:
                    pass

    thread = threading.Thread(target=serve, daemon=True)
    if answer is not None:
        thread.start()
    try:
        yield f"tcp://127.0.0.1:{server.getsockname()[1]}"
    finally:
        stop.set()
        if answer is not None:
            thread.join()
        server.close()


HTTP = b"HTTP/1.1 400 Bad Request\r\nContent-Length: 11\r\nConnection: close\r\n\r\nbad request"


def test_a_port_that_speaks_http_is_one_line():
    """A --scheduler port where a web server answers: one line within 30 s, no traceback."""
    with listener(HTTP) as address:
        refused("--scheduler", address)


def test_a_listener_that_never_accepts_is_one_line():
    """A --scheduler port that takes connections but never answers: one line within 30 s, not a wait for ever."""
    with listener(None) as address:
        refused("--scheduler", address)


def test_a_scheduler_without_workers_is_one_line():
    """A scheduler with no workers: one line naming --scheduler at once, not dask's own error half a minute later."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=0, host="127.0.0.1", dashboard_address="127.0.0.1:0", protocol="tcp") as cluster:
        refused("--scheduler", cluster.scheduler_address)


def test_a_cluster_that_loses_every_worker_is_one_line(scheduler_env):
    """Every worker killed during `compare --scheduler`: one line naming --scheduler within 30 s of the kill."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
        protocol="tcp",
    ) as cluster:
        proc = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "main.py"),
                "compare",
                "--games",
                "40000",
                "--scheduler",
                cluster.scheduler_address,
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        client = cluster.get_client()
        deadline = time.monotonic() + 60
        while not any(client.processing().values()) and time.monotonic() < deadline:
            time.sleep(0.1)
        for nanny in cluster.workers.values():
            os.kill(nanny.process.pid, signal.SIGKILL)
        killed = time.monotonic()
        out, err = proc.communicate(timeout=120)
        assert time.monotonic() - killed < ANSWERS_WITHIN, err
        assert proc.returncode != 0 and len(err.strip().splitlines()) == 1 and "--scheduler" in err, err


# ---------------------------------------------------------------------- one worker killed during the run
reads_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")


@contextlib.contextmanager
def two_workers():
    """A scheduler and two worker processes (each under a nanny that starts it again) on 127.0.0.1 only; yields
    the cluster, and checks that none of its processes is left once it is closed."""
    from distributed import LocalCluster

    from .test_processes import GONE_WITHIN, descendants, wait_for

    def started():  # multiprocessing's resource tracker, which ends with this process, is not the cluster's
        return {p for p in descendants(os.getpid()) - before if b"resource_tracker" not in _command_line(p)}

    before = descendants(os.getpid())
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None, protocol="tcp"
    ) as cluster:
        yield cluster
    assert wait_for(lambda: not started(), GONE_WITHIN), started()


def _command_line(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _dies_once(folder, k):
    """Job k: its worker process is killed (as the system kills one when memory runs out) the first time it
    plays k = 1; then k's answer."""
    mark = Path(folder) / f"died-{k}"
    if k == 1 and not mark.exists():
        mark.touch()
        os.kill(os.getpid(), signal.SIGKILL)
    return k * k


@reads_proc
def test_a_job_whose_cluster_worker_is_killed_is_played_again(scheduler_env, tmp_path):
    """A cluster worker killed mid-job loses nothing: the job is played again, and every answer comes back."""
    from game.core.runs.pool import run_jobs

    with two_workers() as cluster:
        jobs = ((k, k) for k in range(4))
        answers = dict(run_jobs(_dies_once, jobs, shared=str(tmp_path), scheduler=cluster.scheduler_address))
    assert answers == {k: k * k for k in range(4)} and (tmp_path / "died-1").exists()


@reads_proc
@pytest.mark.slow  # a cluster run and a local run of 10,000 games: about 30 s on two loaded cores
def test_compare_that_loses_a_cluster_worker_gives_its_cells_or_one_line(scheduler_env):
    """SIGKILL of one of two workers during `compare --scheduler`: the command ends within 30 s of the kill, with
    the local run's cells or with one line naming --scheduler, no traceback, and no process left."""
    args = [sys.executable, str(ROOT / "main.py"), "compare", "--games", "2500", "--turns", "15", "--json"]
    with two_workers() as cluster:
        proc = subprocess.Popen(
            [*args, "--scheduler", cluster.scheduler_address],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        client = cluster.get_client()
        busy, deadline = [], time.monotonic() + 60
        while not busy and time.monotonic() < deadline:
            busy = [address for address, tasks in client.processing().items() if tasks]
            time.sleep(0.05)
        assert busy, "no worker ever started a job"
        os.kill(next(n.process.pid for n in cluster.workers.values() if n.worker_address == busy[0]), signal.SIGKILL)
        killed = time.monotonic()
        out, err = proc.communicate(timeout=120)
        assert time.monotonic() - killed < ANSWERS_WITHIN, err
    assert "Traceback" not in err, err
    if proc.returncode:
        assert len(err.strip().splitlines()) == 1 and "--scheduler" in err, err
        return
    local = subprocess.run([*args, "--workers", "2"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert local.returncode == 0, local.stderr
    assert json.loads(out)["cells"] == json.loads(local.stdout)["cells"]
