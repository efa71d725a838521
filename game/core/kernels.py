"""Compiled helpers of the core, built from C sources beside this file, loaded with ctypes.

The core runs without them: each has a numpy version that stays the reference, gives the same
values and is used whenever the compiled one is missing. `python -m game.core.kernels` builds
them (scripts/setup.sh runs it); without a C compiler it says so and the numpy versions run.
A build is named after a hash of its source and flags, so an edited source is never matched by
an old library. DOD_NUMPY_ONLY=1 in the environment leaves the compiled helpers unused.
"""
from __future__ import annotations

import ctypes
import hashlib
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
BUILD_DIR = HERE / "_build"
SOURCES = {"philox": HERE / "philox.c", "fastops": HERE / "fastops.c"}
FLAGS = ["-O3", "-shared", "-fPIC", "-std=c99", "-ffp-contract=off"]   # each float op rounds as numpy's does
FALLBACK_FLAGS = ["-DDOD_NO_CLONES"]   # for a compiler without target_clones


def _tag(name: str) -> str:
    h = hashlib.sha256(SOURCES[name].read_bytes())
    h.update(" ".join(FLAGS + [platform.machine(), sys.platform]).encode())
    return h.hexdigest()[:16]


def library_path(name: str) -> Path:
    return BUILD_DIR / f"{name}-{_tag(name)}.so"


def compiler() -> str | None:
    for cc in (os.environ.get("CC"), "cc", "gcc", "clang"):
        if cc and shutil.which(cc):
            return cc
    return None


def build(name: str) -> tuple[Path | None, str]:
    """Compile one helper if its library is missing: (path or None, what happened)."""
    try:
        return _build(name)
    except OSError as e:   # a read-only or full disk, a compiler that cannot start
        return None, f"could not build ({e.strerror or e}): the numpy version runs"


def _build(name: str) -> tuple[Path | None, str]:
    target = library_path(name)
    if target.exists():
        return target, "up to date"
    cc = compiler()
    if cc is None:
        return None, "no C compiler found (set CC): the numpy version runs"
    BUILD_DIR.mkdir(exist_ok=True)
    errors = ""
    for extra in ([], FALLBACK_FLAGS):
        fd, tmp = tempfile.mkstemp(suffix=".so", dir=BUILD_DIR)
        os.close(fd)
        done = subprocess.run([cc, *FLAGS, *extra, "-o", tmp, str(SOURCES[name])], capture_output=True, text=True)
        if done.returncode == 0:
            os.replace(tmp, target)   # atomic: a process loading it meanwhile sees all or nothing
            for old in BUILD_DIR.glob(f"{name}-*.so"):
                if old != target:
                    old.unlink(missing_ok=True)
            return target, f"built with {cc}" + (" (one version for every processor)" if extra else "")
        os.unlink(tmp)
        errors = done.stderr.strip().splitlines()[-1:] if done.stderr else [f"exit {done.returncode}"]
    return None, f"{cc} failed ({errors[0] if errors else 'no message'}): the numpy version runs"


_addressof = ctypes.addressof
_view = ctypes.c_char.from_buffer


def address(a) -> int:
    """Where a C-contiguous numpy array's data starts, for a compiled helper. Through the buffer
    protocol where the array is writable (a third of the time of a.ctypes.data, which counts in
    a step that makes dozens of such calls), else a.ctypes.data."""
    try:
        return _addressof(_view(a))
    except (TypeError, ValueError):   # read-only or empty
        return a.ctypes.data


def load(name: str) -> ctypes.CDLL | None:
    """The built library, or None (not built, not loadable, or DOD_NUMPY_ONLY set)."""
    if os.environ.get("DOD_NUMPY_ONLY"):
        return None
    path = library_path(name)
    if not path.exists():
        return None
    try:
        return ctypes.CDLL(str(path))
    except OSError:
        return None


def main(argv: list[str] | None = None) -> int:
    """Build every helper; --quiet says nothing when they are up to date. Always exits 0: the
    numpy versions stand in for a helper that cannot be built."""
    quiet = "--quiet" in (sys.argv[1:] if argv is None else argv)
    for name in SOURCES:
        path, what = build(name)
        if not (quiet and what == "up to date"):
            where = f" ({path.relative_to(HERE.parents[1])})" if path else ""
            print(f"compiled {name}: {what}{where}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
