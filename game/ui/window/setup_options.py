"""The `play` command's options, checked once: what the setup screen starts from."""

from __future__ import annotations

import attrs

from game.core.model import params as P
from game.core.model.errors import LoadError
from game.core.teaching.hidden import HIDDEN
from game.core.runs.options import UsageError, check_seed, chosen_doctrines, chosen_scenario
from game.core.model.world import Scenario

from .metrics import MIN_SIZE


class OptionsError(ValueError):
    """A bad `play` option, reported as one line."""


@attrs.frozen
class Options:
    scenario: Scenario | None = None
    seed: int | None = None
    doctrines: tuple[str, ...] | None = None  # only when given on the command line
    doctrine_all: str | None = None  # --doctrine-all: kept for every seat when setup changes the scenario
    given: bool = False  # the command line set up the game: the remembered setup is not used
    custom_worldview: P.Worldview | None = None  # from --set: offered as "custom" in setup
    worldview: str | None = None  # --worldview: hidden or a preset, the setup's first choice (else hidden)
    scale: float = 1.0
    size: tuple[int, int] = (1280, 720)
    fullscreen: bool = False
    screenshot: str | None = None


def parse_size(text: str) -> tuple[int, int]:
    """--size WIDTHxHEIGHT, at least the smallest window the screens are laid out for."""
    try:
        w, h = (int(v) for v in str(text).lower().split("x"))
    except ValueError:
        raise ValueError(f"--size: expected WIDTHxHEIGHT such as 1280x720, got {text!r}") from None
    return max(MIN_SIZE[0], w), max(MIN_SIZE[1], h)


def options_from_args(args, given: bool = False) -> Options:
    """The checked options; `given` when the command line named anything of the game to set up."""
    asked = getattr(args, "worldview", None)
    try:  # a hidden world is drawn from the seed when the game starts: the scenario keeps its own
        scenario = chosen_scenario(
            args.scenario, None if asked == HIDDEN else asked, getattr(args, "set", None), getattr(args, "turns", None)
        )
        doctrines = None
        if getattr(args, "doctrine", None) or getattr(args, "doctrine_all", None):
            doctrines = tuple(
                chosen_doctrines(
                    scenario, getattr(args, "doctrine_all", None), getattr(args, "doctrine", None), allow_human=True
                )
            )
        size = parse_size(getattr(args, "size", "1280x720") or "1280x720")
        seed = getattr(args, "seed", None)
        if seed is not None:
            check_seed(seed)
    except (UsageError, LoadError, P.ParamError, ValueError) as exc:
        raise OptionsError(str(exc)) from None
    scale = float(getattr(args, "scale", 1.0) or 1.0)
    if not 1.0 <= scale <= 2.0:
        raise OptionsError(f"--scale: {scale:g} is out of range (allowed: 1.0 to 2.0)")
    custom = scenario.worldview if getattr(args, "set", None) else None
    return Options(
        scenario=scenario,
        seed=seed,
        doctrines=doctrines,
        doctrine_all=getattr(args, "doctrine_all", None),
        given=given,
        custom_worldview=custom,
        worldview=asked,
        scale=scale,
        size=size,
        fullscreen=bool(getattr(args, "fullscreen", False)),
        screenshot=getattr(args, "screenshot", None),
    )
