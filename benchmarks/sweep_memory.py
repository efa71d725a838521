"""Memory of a huge two-parameter sweep over time: the command runs as a child process for a few
minutes (it would take a day or more to finish), its memory and that of all its worker processes is summed
every few seconds, and then it is stopped with SIGTERM and checked to leave no process behind.

    python benchmarks/sweep_memory.py                       # 10 minutes of the 101 x 101 x 10,000-game sweep
    python benchmarks/sweep_memory.py --minutes 3 --every 2
    python benchmarks/sweep_memory.py -- --workers 1        # extra arguments after -- go to the sweep

Each sample sums over the process tree the resident size (RSS, which counts the pages the forked
workers share with their parent once per process), the proportional size (PSS: shared pages split
between the processes that share them, so the sum is what the tree really holds) and the unique
size (USS: pages only that process holds), read from /proc/PID/smaps_rollup (Linux). The verdict
reads PSS (RSS where smaps_rollup cannot be read): under LIMIT_MB at its peak, and flat (the median
of the last minute within FLAT_WITHIN of the median of the second minute). Each sample goes to stderr
as it is taken; stdout gets a table of the samples, a row a minute, and the verdict.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.process_table import descendants, parent_of  # noqa: E402

LIMIT_MB = 500.0
FLAT_WITHIN = 0.10  # the end may differ from the two-minute value by this share
REFERENCE_SECONDS = 120.0  # the "two-minute" sample the end is held to
STOP_WITHIN = 15.0  # seconds the command and its workers have to leave after SIGTERM
MB = 2**20
SLACK = 1.0  # seconds a sample may come late and still count in its minute (the one at 0 s counts in none)


def tree(pid: int) -> set[int]:
    """pid and every live process below it."""
    return {pid} | descendants(pid) if parent_of(pid) is not None else descendants(pid)


def memory_of(pid: int) -> tuple[int, int, int]:
    """(RSS, PSS, USS) of one process in bytes; PSS and USS are the RSS where smaps_rollup is unreadable."""
    try:
        fields = {}
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
            name, _, rest = line.partition(":")
            fields[name] = int(rest.split()[0]) * 1024
        uss = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
        return fields["Rss"], fields["Pss"], uss
    except (OSError, KeyError, ValueError, IndexError):
        try:
            rss = int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            rss = 0
        return rss, rss, rss


def sample(pid: int) -> tuple[int, int, int, int, int]:
    """(processes, RSS, PSS, USS) summed over pid's process tree, and the PSS of pid alone."""
    pids = tree(pid)
    sizes = {p: memory_of(p) for p in pids}
    return len(pids), *(sum(s[k] for s in sizes.values()) for k in range(3)), sizes.get(pid, (0, 0, 0))[1]


def header(cmd: list[str], minutes: float, every: float) -> None:
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    print(f"running: {' '.join(cmd[1:])}")
    print(
        f"for {minutes:g} minutes, sampled every {every:g} s; {time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())}"
    )
    print(
        f"NOTE: a shared, loaded machine ({os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} "
        f"{load[2]:.2f} at the start): games per second mean little here; memory is what this measures"
    )
    print(flush=True)


def watch(proc: subprocess.Popen, minutes: float, every: float) -> list[tuple]:
    """Samples (seconds, processes, RSS, PSS, USS, the command's own PSS) every `every` s for `minutes`,
    each also on stderr as it comes."""
    start, samples = time.monotonic(), []
    end = start + minutes * 60
    while proc.poll() is None:
        now = time.monotonic() - start
        procs, rss, pss, uss, own = sample(proc.pid)
        samples.append((now, procs, rss, pss, uss, own))
        print(f"{now:6.0f} s {procs} processes: {rss / MB:.1f} MB RSS, {pss / MB:.1f} PSS", file=sys.stderr, flush=True)
        if time.monotonic() >= end:
            break
        time.sleep(max(0.0, min(start + len(samples) * every, end) - time.monotonic()))
    return samples


def minute(samples: list[tuple], upto: float) -> list[tuple]:
    """The samples of the minute that ends at `upto` seconds (the first sample, at 0 s, left out)."""
    return [s for s in samples if upto - 60 + SLACK < s[0] <= upto + SLACK] or samples[-1:]


def table(samples: list[tuple]) -> None:
    """One row a minute: the median of its samples (PSS also as its lowest and highest; the last column is the
    command's process alone, without its workers)."""
    print(
        f"{'minute':>6} {'samples':>7} {'procs':>5} {'RSS MB':>7} {'PSS MB':>7} {'PSS low-high':>13} {'USS MB':>7} "
        f"{'command alone PSS':>17}"
    )
    last = samples[-1][0]
    for k in range(1, int((last - SLACK) // 60) + 2):
        rows = minute(samples, k * 60)
        med = [statistics.median(s[c] for s in rows) / MB for c in range(6)]
        low, high = min(s[3] for s in rows) / MB, max(s[3] for s in rows) / MB
        print(
            f"{k:6d} {len(rows):7d} {max(s[1] for s in rows):5d} {med[2]:7.1f} {med[3]:7.1f} "
            f"{f'{low:.1f}-{high:.1f}':>13} {med[4]:7.1f} {med[5]:17.1f}"
        )


def stop(proc: subprocess.Popen) -> tuple[int | None, set[int]]:
    """SIGTERM to the command; its exit code and any process of its tree still there STOP_WITHIN s later."""
    before = tree(proc.pid) - {proc.pid}
    proc.send_signal(signal.SIGTERM)
    try:
        code = proc.wait(STOP_WITHIN)
    except subprocess.TimeoutExpired:
        code = None
    deadline = time.monotonic() + STOP_WITHIN
    while {p for p in before if parent_of(p) is not None} and time.monotonic() < deadline:
        time.sleep(0.1)
    left = {p for p in before if parent_of(p) is not None}
    if code is None:
        left.add(proc.pid)
        proc.kill()
        proc.wait()
    for p in left - {proc.pid}:
        try:
            os.kill(p, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return code, left


def verdict(samples: list[tuple]) -> bool:
    """Print the two-minute, end and peak values and whether memory stayed under LIMIT_MB and flat. A value
    "at" a time is the median PSS of the minute up to it: one sample moves by a chunk of games in flight."""
    at_two = statistics.median(s[3] for s in minute(samples, REFERENCE_SECONDS))
    last = samples[-1][0]
    at_end = statistics.median(s[3] for s in minute(samples, last))
    peak = max(samples, key=lambda s: s[3])
    under = peak[3] / MB < LIMIT_MB
    change = (at_end - at_two) / at_two if at_two else 0.0
    flat = abs(change) <= FLAT_WITHIN
    print()
    print(f"at 2 minutes (median PSS of minute 2): {at_two / MB:.1f} MB")
    print(f"at the end, {last / 60:.1f} minutes (median PSS of the last minute): {at_end / MB:.1f} MB")
    peak_rss = max(s[2] for s in samples) / MB
    print(f"peak: {peak[3] / MB:.1f} MB PSS at {peak[0]:.0f} s (peak RSS summed: {peak_rss:.1f} MB)")
    print(f"under {LIMIT_MB:.0f} MB: {'yes' if under else 'NO'}")
    print(f"flat (end within {FLAT_WITHIN:.0%} of the 2-minute value): {'yes' if flat else 'NO'} ({change:+.1%})")
    return under and flat


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=10.0, help="how long to let the sweep run (default 10)")
    ap.add_argument("--every", type=float, default=5.0, help="seconds between samples (default 5)")
    ap.add_argument("--games", type=int, default=10000, help="games per point and doctrine (default 10000)")
    ap.add_argument("--points", type=int, default=101, help="values of each of the two parameters (default 101)")
    ap.add_argument("rest", nargs="*", help="more sweep arguments, after --")
    args = ap.parse_args(argv)
    points = f"0:1:{args.points}"
    cmd = [sys.executable, str(ROOT / "main.py"), "sweep", "--param", f"greedy_share={points}"]
    cmd += ["--param", f"misperception={points}", "--games", str(args.games), *args.rest]
    header(cmd, args.minutes, args.every)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:  # files: a full pipe would stall it
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=ROOT)
        try:
            samples = watch(proc, args.minutes, args.every)
        finally:
            finished = proc.poll() is not None
            code, left = stop(proc)
        err.seek(0)
        said = err.read().decode(errors="replace").strip()
    ended = "still running: killed" if code is None else f"exit code {code}"
    how = "finished by itself" if finished else "stopped with SIGTERM"
    print(f"\n{how}: {ended}; processes left after {STOP_WITHIN:g} s: {sorted(left) or 'none'}")
    if said:
        print("its stderr:", said[-2000:])
    if not samples:
        print("no sample: the command ended at once")
        return 1
    print()
    table(samples)
    good = verdict(samples)
    return 0 if good and not left and code is not None else 1


if __name__ == "__main__":
    sys.exit(main())
