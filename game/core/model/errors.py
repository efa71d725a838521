"""Errors reported to the user as one line."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\x85]")


def one_line(text: str) -> str:
    """Text with its line breaks and other control characters written as escapes (\\n), so a
    message stays on one line whatever a file name or a value holds."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


class LoadError(ValueError):
    """A scenario, card or save file that cannot be used; str() is the whole message."""

    def __init__(self, file, section: str | None, key: str | None, problem: str):
        where = f"[{section}] " if section else ""
        what = f"{key}: " if key else ""
        super().__init__(one_line(f"{file}: {where}{what}{problem}"))
        self.file = str(file)
        self.section = section
        self.key = key
        self.problem = problem
