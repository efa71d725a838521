"""Errors reported to the user as one line."""
from __future__ import annotations


class LoadError(ValueError):
    """A scenario, card or save file that cannot be used; str() is the whole message."""

    def __init__(self, file, section: str | None, key: str | None, problem: str):
        where = f"[{section}] " if section else ""
        what = f"{key}: " if key else ""
        super().__init__(f"{file}: {where}{what}{problem}")
        self.file = str(file)
        self.section = section
        self.key = key
        self.problem = problem
