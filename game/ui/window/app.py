"""The one owner of the window and the clock loop; scenes live on its stack.

The app also owns the table of screens by name: a scene opens another with `app.scene(name,
...)` and never imports it, so the screens need not know each other."""

from __future__ import annotations

import copy
import json
import os
import time
from pathlib import Path

import pygame
import pygame_gui

from game.core.files.paths import THEME
from game.core.files.tempfiles import temporary_name

from . import palette, text
from .intents import FORM_KEYS, Kind, translate
from .metrics import MIN_SIZE, Metrics

FPS = 60
IDLE_WAIT_MS = 250  # a still screen redraws at most this often without input (tooltips, toasts)
SCALES = (1.0, 1.25, 1.5, 1.75, 2.0)


def _scaled_theme(factor: float) -> dict:
    theme = copy.deepcopy(json.loads(THEME.read_text(encoding="utf-8")))
    for block in theme.values():
        f = block.get("font") if isinstance(block, dict) else None
        if f and "size" in f:
            f["size"] = str(max(9, round(int(f["size"]) * factor)))
    return theme


def scene_classes() -> dict:
    """Every screen, by the name scenes use to open it."""
    from ..scenes.article import ArticleScene
    from ..scenes.belief import BeliefScene
    from ..scenes.compare import CompareScene
    from ..scenes.debrief import DebriefScene
    from ..scenes.help import HelpScene, HowToPlayScene
    from ..scenes.load import LoadScene
    from ..scenes.menu import GameMenu
    from ..scenes.pass_device import PassDeviceScene
    from ..scenes.play import PlayScene
    from ..scenes.printed import PrintedNotice
    from ..scenes.sandbox import SandboxScene
    from ..scenes.save_dialog import SaveDialog
    from ..scenes.sensitivity import SensitivityScene
    from ..scenes.setup import SetupScene
    from ..scenes.sweep import SweepScene
    from ..scenes.title import TitleScene
    from ..scenes.learn import LearnScene
    from ..scenes.lesson_mode import LessonScene
    from ..scenes.quit_confirm import QuitConfirm

    classes = (
        ArticleScene,
        LearnScene,
        LessonScene,
        QuitConfirm,
        BeliefScene,
        CompareScene,
        DebriefScene,
        HelpScene,
        HowToPlayScene,
        LoadScene,
        GameMenu,
        PassDeviceScene,
        PlayScene,
        PrintedNotice,
        SandboxScene,
        SaveDialog,
        SensitivityScene,
        SetupScene,
        SweepScene,
        TitleScene,
    )
    return {cls.name: cls for cls in classes}


class App:
    """Window, clock, UI managers (one per font size), the scene stack and the screens by name."""

    def __init__(self, size=(1280, 720), scale: float = 1.0, fullscreen: bool = False, options=None):
        pygame.display.init()
        pygame.font.init()
        pygame.key.set_repeat(400, 60)
        pygame.display.set_caption("Deterrence or Dialogue")
        self.options = options
        self.windowed_size = tuple(size)
        self.fullscreen = False
        self.screen = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
        self.scale = self._clamp_scale(scale)
        self._managers: dict[tuple, pygame_gui.UIManager] = {}
        self.stack: list = []
        self.scenes = scene_classes()
        self.clock = pygame.time.Clock()
        self.running = True
        self.exit_code = 0
        self.then: str | None = None  # a command to run once the window has closed (hand_over)
        self.toast: tuple[str, float] | None = None
        self.settings = None  # a settings.Settings when the choices are remembered between runs (launch.run)
        self.lesson = None  # the lesson mode's scene while a lesson runs: its strip shows under the other screens
        if fullscreen:
            self.toggle_fullscreen()

    # -------------------------------------------------------------- size and scale
    @staticmethod
    def _clamp_scale(scale: float) -> float:
        return float(min(2.0, max(1.0, scale)))

    @property
    def size(self) -> tuple[int, int]:
        """The room the screens have: the window, less the lesson's strip along the bottom while a part plays."""
        w, h = self.screen.get_size()
        return w, h - self.strip_height()

    def strip_height(self) -> int:
        if self.lesson is None or self.top is self.lesson:
            return 0
        return self.lesson.strip_height(Metrics(*self.screen.get_size(), self.scale))

    @property
    def metrics(self) -> Metrics:
        w, h = self.size
        return Metrics(w, h, self.scale)

    @property
    def ui(self) -> pygame_gui.UIManager:
        factor = self.metrics.font_factor
        key = (factor, self.size)
        manager = self._managers.get(key)
        if manager is None:
            # one manager per font size keeps every font loaded once; a resize reuses it
            for (f, _), old in list(self._managers.items()):
                if f == factor:
                    manager = old
                    del self._managers[(f, _)]
                    manager.set_window_resolution(self.size)
                    break
            if manager is None:
                manager = pygame_gui.UIManager(self.size, _scaled_theme(factor), enable_live_theme_updates=False)
            if len(self._managers) > 6:
                self._managers.pop(next(iter(self._managers)))
            self._managers[key] = manager
        return manager

    def set_scale(self, scale: float, remember: bool = True):
        """A new text size; remembered for the next run unless a lesson part chose it."""
        scale = self._clamp_scale(scale)
        if scale != self.scale:
            self.scale = scale
            if self.settings is not None and remember:
                self.settings.remember(scale=scale)
            self.relayout()

    def step_scale(self, direction: int):
        nearest = min(range(len(SCALES)), key=lambda k: abs(SCALES[k] - self.scale))
        self.set_scale(SCALES[max(0, min(len(SCALES) - 1, nearest + direction))])

    def resize(self, w: int, h: int):
        w, h = max(MIN_SIZE[0], int(w)), max(MIN_SIZE[1], int(h))
        if (w, h) == self.screen.get_size():
            return
        if not self.fullscreen:
            self.windowed_size = (w, h)
        self.screen = pygame.display.set_mode((w, h), pygame.RESIZABLE)
        self.relayout()

    def toggle_fullscreen(self):
        if self.fullscreen:
            self.fullscreen = False
            self.screen = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
        else:
            self.fullscreen = True
            desktop = pygame.display.get_desktop_sizes()
            size = desktop[0] if desktop and desktop[0][0] > 0 else self.windowed_size
            self.screen = pygame.display.set_mode(size, pygame.FULLSCREEN)
        self.relayout()

    def relayout(self):
        if self.stack:
            self.stack[-1].relayout()

    # -------------------------------------------------------------- the stack
    def scene(self, name: str, *args, **kwargs):
        """A new scene of the screen called `name` (title, setup, play, debrief, help, ...)."""
        return self.scenes[name](self, *args, **kwargs)

    @property
    def top(self):
        return self.stack[-1] if self.stack else None

    def push(self, scene):
        if self.stack:
            self.stack[-1].cover()
        self.stack.append(scene)
        scene.enter()

    def pop(self):
        scene = self.stack.pop()
        scene.exit()
        if self.stack:
            self.stack[-1].uncover()
        else:
            self.running = False
        return scene

    def replace(self, scene):
        old = self.stack.pop()
        old.exit()
        self.stack.append(scene)
        scene.enter()

    def reset(self, scene):
        """Empty the stack and start over from one scene (e.g. back to the title); during a lesson the
        way back to the title leads to the lesson instead."""
        if self.lesson is not None and scene.name == "title" and self.lesson in self.stack:
            self.lesson.home()
            return
        while self.stack:
            self.stack.pop().exit()
        self.stack.append(scene)
        scene.enter()

    def say(self, message: str, seconds: float = 4.0):
        """A short message at the bottom of the screen (saved, exported, refused...)."""
        self.toast = (message, time.monotonic() + seconds)

    def quit(self, code: int = 0):
        self.running = False
        self.exit_code = code

    def hand_over(self, command: str) -> None:
        """Close the window and let the command line run `command` next (the classroom opens its own board)."""
        self.then = command
        self.quit()

    def game_running(self) -> bool:
        """True while a screen holds a game that has not ended."""
        return any(getattr(s, "game", None) is not None and not s.game.over for s in self.stack)

    def ask_to_quit(self):
        """Quit, after asking first when a game is running (asked again, it quits)."""
        if self.game_running() and getattr(self.top, "name", "") != "quit-confirm":
            self.push(self.scene("quit-confirm"))
        else:
            self.quit(0)

    # -------------------------------------------------------------- one frame
    def dispatch(self, event):
        if event.type == pygame.VIDEORESIZE:
            self.resize(event.w, event.h)
            return
        if (
            event.type == pygame.WINDOWSIZECHANGED
            and (event.x, event.y) != self.screen.get_size()
            and not self.fullscreen
        ):
            self.resize(event.x, event.y)
            return
        scene = self.top
        if scene is None:
            return
        if self.lesson is not None and self.lesson.steering(event):
            return
        consumed = self.ui.process_events(event)
        if consumed and event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEWHEEL):
            return
        if consumed and event.type in (pygame.KEYDOWN, pygame.TEXTINPUT) and scene.typing():
            if event.type == pygame.TEXTINPUT or event.key not in FORM_KEYS:
                return
        intent = translate(event, scene.bindings, typing=scene.typing())
        if intent is None:
            return
        if scene.on_intent(intent):
            return
        if intent.kind is Kind.QUIT:
            self.ask_to_quit()
        elif intent.kind is Kind.FULLSCREEN:
            self.toggle_fullscreen()

    def frame(self, dt: float | None = None) -> bool:
        """Handle the waiting events, update and draw once; False once the app should stop."""
        if dt is None:
            dt = self.clock.tick(FPS) / 1000.0
        for event in pygame.event.get():
            self.dispatch(event)
            if not self.running:
                return False
        scene = self.top
        if scene is None:
            self.running = False
            return False
        scene.update(dt)
        if self.top is not scene:  # the update moved on (game over, a new scene...)
            return self.running
        self.ui.update(dt)
        self.draw(self.screen)
        pygame.display.flip()
        return self.running

    def draw(self, surface: pygame.Surface):
        strip = self.strip_height()
        w, h = surface.get_size()
        room = surface.subsurface((0, 0, w, h - strip)) if strip else surface
        first = len(self.stack) - 1
        while first > 0 and self.stack[first].overlay:
            first -= 1
        for scene in self.stack[first:]:
            scene.draw(room)
        self.ui.draw_ui(surface)
        if strip:
            self.lesson.draw_strip(surface, pygame.Rect(0, h - strip, w, strip), Metrics(w, h, self.scale))
        self._draw_toast(room)

    def _draw_toast(self, surface):
        if not self.toast:
            return
        message, until = self.toast
        if time.monotonic() > until:
            self.toast = None
            return
        m = self.metrics
        w, h = surface.get_size()
        block = text.Block([(message, m.body, palette.TEXT, "bold")], min(w - 4 * m.pad, 60 * m.body))
        box = pygame.Rect(0, 0, block.width + 2 * m.pad, block.height + 2 * m.pad)
        box.midbottom = (w // 2, h - m.pad)
        pygame.draw.rect(surface, (8, 10, 12), box, border_radius=6)
        pygame.draw.rect(surface, palette.FOCUS, box, 2, border_radius=6)
        surface.blit(block.surface, (box.x + m.pad, box.y + m.pad))

    def snapshot(self, path):
        """Draw the current screen and save it as PNG (temp name, then rename)."""
        self.ui.update(0.0)
        self.draw(self.screen)
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(temporary_name(path.name, ".png"))
        pygame.image.save(self.screen, str(tmp))
        os.replace(tmp, path)

    def still(self) -> bool:
        """True when nothing on screen moves by itself: the loop may wait for input."""
        return bool(getattr(self.top, "still", False)) and self.toast is None

    def wait_for_input(self):
        """Sleep until an event comes (put back for the frame to handle), or IDLE_WAIT_MS has passed."""
        event = pygame.event.wait(IDLE_WAIT_MS)
        if event.type != pygame.NOEVENT:
            pygame.event.post(event)

    def loop(self) -> int:
        while self.running:
            if self.still():
                self.wait_for_input()
            self.frame()
        return self.exit_code
