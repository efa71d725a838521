"""Numbers in words for the screens: a parameter's value to its step's decimals. (Rates and
intervals are written by game.core.runs.lab_format, the same on screen and on the command line.)"""

from __future__ import annotations

from game.core.model import params as P


def decimals(step: float) -> int:
    words = f"{step:g}"
    return len(words.split(".")[1]) if "." in words else 0


def format_value(spec: P.ParamSpec, value: float) -> str:
    return f"{value:.{decimals(spec.step)}f}".replace("-", "−")
