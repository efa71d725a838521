"""The lab screens' keys and buttons reach their handler tables."""

import pytest

from game.ui.scenes.compare import CompareScene
from game.ui.scenes.sandbox import SandboxScene
from game.ui.scenes.sweep import SweepScene
from game.ui.window.intents import GLOBAL_KEYS, Kind
from tests.ui.lab_helpers import open_lab


@pytest.mark.parametrize("screen", [CompareScene, SandboxScene, SweepScene], ids=lambda s: s.name)
def test_every_lab_key_has_a_handler(screen):
    """Each key a lab screen lists in its help does something there: its intent's kind has a handler."""
    answered = set(screen.handlers) | {Kind.HELP}
    missing = {k.label or k.key: k.intent.kind for k in screen.keys if k.intent.kind not in answered}
    assert not missing
    assert all(k.intent.kind in (Kind.HELP, Kind.FULLSCREEN, Kind.QUIT) for k in GLOBAL_KEYS)


@pytest.mark.parametrize("label", ["Compare lab", "Worldview sandbox", "Sweep"])
def test_every_lab_button_has_a_handler(make_app, label):
    """Each button and click zone a lab screen lays out sends an intent its handler table answers."""
    app = make_app()
    scene = open_lab(app, label)
    intents = list(scene.bindings.buttons.values()) + [intent for _, intent in scene.bindings.zones]
    assert intents
    assert all(intent.kind in scene.handlers for intent in intents), [i.kind for i in intents]
    app.pop()
