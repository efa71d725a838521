"""Random input for the monkey tests: one event generator, tuned per test by its Mix."""

from __future__ import annotations

import attrs
import pygame

from game.ui.window import driver


@attrs.frozen
class Mix:
    """How often each kind of event comes, and from which choices."""

    keys: tuple
    mods: tuple
    key_share: float  # the rest, up to 0.66, is typed text
    text: str
    aim_share: float  # clicks aimed at a live element rather than anywhere
    aim_zones: bool  # also aim at the scene's click zones (the lab's rows and charts)
    right_click: float  # share of clicks with the right button
    wheel: float  # chance a click comes with a wheel turn
    sizes: tuple  # window sizes for the remaining ~1.5%: resizes


def random_event(app, rng, mix: Mix) -> None:
    roll = rng.random()
    w, h = app.size
    if roll < mix.key_share:
        key, mod = rng.choice(mix.keys), rng.choice(mix.mods)
        if key == pygame.K_q and mod & pygame.KMOD_CTRL:
            mod = 0  # Ctrl+Q would end the run, not test it
        pygame.event.post(driver.key_event(key, mod))
    elif roll < 0.66:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=rng.choice(mix.text)))
    elif roll < 0.985:
        pos = (rng.randrange(w), rng.randrange(h))
        # often aim at something live, so clicks reach deep into the screens
        scene = app.top
        targets = [e.rect.center for e in getattr(scene, "elements", []) if e.alive()]
        if mix.aim_zones:
            targets += [r.center for r, _ in getattr(getattr(scene, "bindings", None), "zones", [])]
        if targets and rng.random() < mix.aim_share:
            pos = rng.choice(targets)
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        button = 3 if mix.right_click and rng.random() >= 1 - mix.right_click else 1
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button))
        if rng.random() < mix.wheel:
            pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice((-1, 1)), flipped=False))
    else:
        size = rng.choice(mix.sizes)
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size))
