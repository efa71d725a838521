"""Files written whole or not at all: a reader in any process finds the old file or the whole new one, and a
file the user keeps (read-only, or with other hard links) is never written over."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .tempfiles import temporary_name


def atomic_write(path, text: str) -> None:
    """Write text to path so that a reader, in this process or any other, finds either the old file
    or the whole new one: the text goes to a temporary file of its own beside the target
    (tempfiles.temporary_name, so two writers never share one), reaches the disk, and is renamed
    over the target. A new file takes the user's umask; a file written over keeps its permissions."""
    path = Path(path)
    problem = kept_file_problem(path)
    if problem:
        raise PermissionError(errno.EACCES, f"{problem}; it was left as it is", str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        tmp = path.with_name(temporary_name(path.name))
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            _keep_mode(fh.fileno(), path)
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def kept_file_problem(path) -> str:
    """Why an existing file must not be written over ("" if it may be): a read-only file is the user's to
    keep, and renaming a new file over one with other hard links would leave those links on the old text."""
    try:
        st = os.stat(path)
    except OSError:
        return ""
    if not stat.S_ISREG(st.st_mode):
        return ""
    if not st.st_mode & stat.S_IWUSR:
        return "is read-only"
    if st.st_nlink > 1:
        return (
            f"has {st.st_nlink - 1} other hard link{'s' if st.st_nlink > 2 else ''}, which a new file would not reach"
        )
    return ""


def _keep_mode(fd: int, path: Path) -> None:
    """Give the temporary file the permissions of the file it will replace, if there is one."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if hasattr(os, "fchmod") and stat.S_ISREG(mode):
        os.fchmod(fd, stat.S_IMODE(mode))
