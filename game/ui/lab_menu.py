"""The lab screens' entries on the title menu (registered, so the title scene needs no edit)."""
from __future__ import annotations

from .title_menu import MenuEntry, register


def _compare(app):
    from .scenes.compare import CompareScene
    app.push(CompareScene(app))


def _sandbox(app):
    from .scenes.sandbox import SandboxScene
    app.push(SandboxScene(app))


def _sweep(app):
    from .scenes.sweep import SweepScene
    app.push(SweepScene(app))


register(MenuEntry("compare", "Compare lab", _compare, 50,
                   tooltip="Every doctrine in every kind of world, many games each: which keeps the peace where?"))
register(MenuEntry("sandbox", "Worldview sandbox", _sandbox, 55,
                   tooltip="Move one assumption about how the world works and watch the verdict change."))
register(MenuEntry("sweep", "Sweep", _sweep, 60,
                   tooltip="One assumption from low to high: where does the better doctrine flip?"))
