"""Temporary files left by writes that were cut short, found and removed.

Every file the game writes goes first to a hidden temporary file beside it and is then renamed
over the target (record.atomic_write: `.NAME.XXXXXXXX.tmp`; pictures: `.NAME[.PID].tmp.png`). A
write killed half-way leaves its temporary file behind; these are removed when the game starts
(its user data folder) and before a command writes a file (that file's own leftovers). A
temporary file younger than STALE_SECONDS may belong to a write still going on in another
process, so it is left alone.
"""
from __future__ import annotations

import os
import re
import time
from pathlib import Path

STALE_SECONDS = 60.0
_TEMP = re.compile(r"^\..+\.tmp(\.png)?$")


def is_temporary(name: str) -> bool:
    """A name the game's own writes give their temporary files."""
    return bool(_TEMP.match(name))


def clean_stale(folder, recursive: bool = False, target: str | None = None,
                min_age: float = STALE_SECONDS) -> list[Path]:
    """Remove the stale temporary files in folder (and its subfolders if recursive), or only
    those of the file named `target` in it; returns what was removed. Never raises."""
    folder = Path(folder)
    removed = []
    now = time.time()
    try:
        entries = list(folder.rglob(".*") if recursive else folder.glob(".*"))
    except OSError:
        return removed
    for path in entries:
        name = path.name
        if not is_temporary(name) or (target is not None and not name.startswith(f".{Path(target).stem}.")):
            continue
        try:
            if path.is_file() and not path.is_symlink() and now - path.stat().st_mtime >= min_age:
                os.unlink(path)
                removed.append(path)
        except OSError:
            continue
    return removed
