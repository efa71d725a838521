"""One entry of a menu: what it says, what it opens, where it sits, when it is enabled."""

from __future__ import annotations

from typing import Callable

import attrs


@attrs.frozen
class MenuEntry:
    key: str
    label: str
    open: Callable  # open(app) -> None: pushes or replaces scenes
    order: int = 100
    enabled: Callable = lambda app: True  # noqa: E731
    tooltip: str = ""
