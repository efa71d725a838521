"""Stepping through a list of choices with ← and →, round the ends: every setting a screen adjusts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def cycled(options: Sequence[T], current, step: int, otherwise: int = 0) -> T:
    """The choice step places away from current, round the ends; a current that is not among the options
    counts as the one at index otherwise (a setting's default)."""
    k = options.index(current) if current in options else otherwise
    return options[(k + step) % len(options)]
