"""Drive the app with posted pygame events, a frame at a time: screenshots, tests, benchmarks."""

from __future__ import annotations

import pygame

KEY_TEXT = {pygame.K_SPACE: " "}


def key_event(key: int, mod: int = 0, unicode: str | None = None) -> pygame.event.Event:
    if unicode is None:
        unicode = KEY_TEXT.get(key, chr(key) if 32 <= key < 127 else "")
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0)


def press(app, *keys, mod: int = 0, frames: int = 1):
    """Post key presses (each a KEYDOWN and KEYUP) and run frames after each one."""
    for key in keys:
        pygame.event.post(key_event(key, mod))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0))
        run(app, frames)


def click(app, pos, button: int = 1, frames: int = 2):
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button))
    run(app, frames)


def click_button(app, label_start: str, frames: int = 2) -> bool:
    """Click the centre of the first live pygame_gui button whose text starts with label_start."""
    for element in list(app.top.elements):
        if getattr(element, "text", None) and str(element.text).startswith(label_start) and element.alive():
            click(app, element.rect.center, frames=frames)
            return True
    return False


def run(app, frames: int = 1, dt: float = 1 / 60):
    for _ in range(frames):
        app.frame(dt)


def resize(app, w: int, h: int):
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=w, h=h, size=(w, h)))
    run(app, 1)


def top_name(app) -> str:
    return getattr(app.top, "name", "")


def settle_pass(app):
    """Dismiss a hot-seat pass screen if one is showing, and state the belief the prompt offers when a
    hidden game asks for one (state_belief states another)."""
    guard = 0
    while top_name(app) in ("pass", "belief") and guard < 8:
        press(app, pygame.K_RETURN)
        guard += 1


def state_belief(app, percent: int):
    """On the belief prompt: type the chance of the spiral world (digits), then Enter to state it."""
    press(app, *[getattr(pygame, f"K_{d}") for d in str(int(percent))])
    press(app, pygame.K_RETURN)


def settle_crisis(app, stance_key: int = pygame.K_f, backing_key: int = pygame.K_y):
    """Answer the play screen's crisis prompts if they are up: a stance (Stand firm) or backing (Back)."""
    guard = 0
    shown = getattr(app.top, "shown_prompt", lambda: None)
    while shown() is not None and guard < 8:
        press(app, stance_key if shown()["kind"] == "stance" else backing_key)
        guard += 1


def play_human_turn(app, action_key: int, tab: bool = True):
    """One human seat's move: answer any crisis prompt, then action key, (Tab for a target), Enter to
    confirm, Enter to lock in."""
    settle_pass(app)
    settle_crisis(app)
    keys = [action_key] + ([pygame.K_TAB] if tab else []) + [pygame.K_RETURN, pygame.K_RETURN]
    press(app, *keys)
