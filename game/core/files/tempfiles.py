"""The game's own temporary files and folders: named so they cannot be mistaken for a user's file,
and removed when a write that made them was cut short.

Every file the game writes goes first to a hidden temporary file beside it, which is then renamed
over the target (atomic.atomic_write; pictures the same way), and an export is gathered in a hidden
temporary folder renamed once it is whole. Their names are `.TARGET.RANDOM.dod.tmp` (a picture's
`.TARGET.RANDOM.dod.tmp.png`): the target's name, 16 random hexadecimal digits and a fixed ending.
A write killed half-way leaves its temporary file or folder behind; these are removed when the game
starts (its user data folder) and before a command writes a file (that file's own leftovers). Only
names of exactly that form are touched, so a user's `.notes.tmp` beside them stays. A leftover
younger than STALE_SECONDS may belong to a write still going on in another process, so it is left
alone.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import time
from pathlib import Path

STALE_SECONDS = 60.0
ENDING = ".dod.tmp"
_TEMP = re.compile(r"^\.(?P<target>.+)\.[0-9a-f]{16}\.dod\.tmp(\.png)?$", re.DOTALL)


def temporary_name(target: str, suffix: str = "") -> str:
    """A new temporary name for a write of the file or folder named `target` (suffix: ".png" for a
    picture, whose writer reads the kind from the name)."""
    return f".{target}.{secrets.token_hex(8)}{ENDING}{suffix}"


# bytes a temporary name adds to its target's (the longest, a picture's): a target's name must leave room for them
TEMPORARY_EXTRA = len(temporary_name("", ".png"))


def is_temporary(name: str, target: str | None = None) -> bool:
    """Whether name is one the game gives its temporary files and folders (for target's writes only,
    if given)."""
    match = _TEMP.match(name)
    return bool(match) and (target is None or match["target"] == target)


def temporary_folder(beside: Path) -> Path:
    """A new, empty temporary folder beside the folder `beside` will be (in the same parent), for
    gathering its files before a rename."""
    while True:
        folder = beside.with_name(temporary_name(beside.name))
        try:
            folder.mkdir()
            return folder
        except FileExistsError:
            continue


def clean_stale(
    folder, recursive: bool = False, target: str | None = None, min_age: float = STALE_SECONDS
) -> list[Path]:
    """Remove the stale temporary files and folders in folder (and below it if recursive), or only
    those of the file named `target` in it; returns what was removed. Never raises."""
    folder = Path(folder)
    removed = []
    now = time.time()
    try:
        entries = list(folder.rglob(".*") if recursive else folder.glob(".*"))
    except OSError:
        return removed
    for path in entries:
        if not is_temporary(path.name, target) or any(path.is_relative_to(gone) for gone in removed):
            continue
        try:
            info = path.lstat()
            if now - info.st_mtime < min_age or path.is_symlink():
                continue
            if path.is_dir():
                shutil.rmtree(path)
            else:
                os.unlink(path)
            removed.append(path)
        except OSError:
            continue
    return removed
