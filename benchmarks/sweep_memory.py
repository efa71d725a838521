"""Peak memory of a big two-parameter sweep: the command runs as a child process and this prints
the most memory any one of its processes held (resource.getrusage of the children) and the most
the whole process tree held at once (its resident sizes summed, sampled every 0.2 s from /proc).

    python benchmarks/sweep_memory.py                   # 101 x 101 points x 2 doctrines x 20 games
    python benchmarks/sweep_memory.py --games 10000     # the issue's case: hours on 2 cores
    python benchmarks/sweep_memory.py --games 10000 --points 21

Memory should not grow with the games or the grid: compare the numbers at --games 20 and 10000,
or at --points 11 and 101. Extra arguments after -- go to the sweep (e.g. -- --workers 1).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_EVERY = 0.2


def tree_rss(pid: int) -> int:
    """Resident bytes of pid and every process below it (Linux /proc; 0 elsewhere)."""
    page = os.sysconf("SC_PAGE_SIZE")
    parents, rss = {}, {}
    for entry in Path("/proc").iterdir() if Path("/proc/self/stat").exists() else []:
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            parents[int(entry.name)] = int(fields[1])
            rss[int(entry.name)] = int((entry / "statm").read_text().split()[1]) * page
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = {pid}, {pid}
    while frontier:
        frontier = {p for p, pp in parents.items() if pp in frontier} - tree
        tree |= frontier
    return sum(rss.get(p, 0) for p in tree)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--games", type=int, default=20, help="games per point and doctrine (default 20)")
    ap.add_argument("--points", type=int, default=101, help="values of each of the two parameters (default 101)")
    ap.add_argument("rest", nargs="*", help="more sweep arguments, after --")
    args = ap.parse_args(argv)
    cmd = [
        sys.executable,
        str(ROOT / "main.py"),
        "sweep",
        "--param",
        f"greedy_share=0:1:{args.points}",
        "--param",
        f"misperception=0:1:{args.points}",
        "--games",
        str(args.games),
        "--json",
        *args.rest,
    ]
    print("running:", " ".join(cmd[1:]), flush=True)
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:  # files: a full pipe would stall it
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=ROOT)
        peak_tree = 0
        while proc.poll() is None:
            peak_tree = max(peak_tree, tree_rss(proc.pid))
            time.sleep(SAMPLE_EVERY)
        seconds = time.perf_counter() - start
        out_bytes = out.tell()
        if proc.returncode:
            err.seek(0)
            print(err.read().decode(errors="replace"), file=sys.stderr)
            return proc.returncode
    peak_one = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # kB on Linux
    games = args.points**2 * 2 * args.games
    print(
        f"{args.points} x {args.points} points x 2 doctrines x {args.games} games = {games:,} games in {seconds:.0f} s"
    )
    print(f"peak memory of one process (getrusage of the children): {peak_one / 2**20:,.0f} MB")
    print(f"peak memory of the whole process tree (sampled):         {peak_tree / 2**20:,.0f} MB")
    print(f"JSON output: {out_bytes / 2**20:,.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
