"""compare and sweep on a Dask cluster give exactly the cells of the local run."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def scheduler():
    """A scheduler and two worker processes, all on 127.0.0.1 only."""
    from distributed import LocalCluster
    before = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), before]))  # the workers import the game
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=None, protocol="tcp")
    try:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        yield cluster.scheduler_address
    finally:
        cluster.close()
        if before is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = before


def run(*args):
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, cwd=ROOT,
                       timeout=300)
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
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "compare", "--games", "10", "--scheduler",
                        "tcp://127.0.0.1:9"], capture_output=True, text=True, cwd=ROOT, timeout=120,
                       env={**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"})
    assert r.returncode == 2 and "--scheduler" in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
