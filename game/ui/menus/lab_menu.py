"""The lab screens' entries on the title menu: a plain list that title_menu joins to its own."""

from __future__ import annotations

from .menu_entry import MenuEntry


def _open(name: str):
    return lambda app: app.push(app.scene(name))


ENTRIES = [
    MenuEntry(
        "compare",
        "Compare lab",
        _open("compare"),
        50,
        tooltip="Every doctrine in every kind of world, many games each: which keeps the peace where?",
    ),
    MenuEntry(
        "sandbox",
        "Worldview sandbox",
        _open("sandbox"),
        55,
        tooltip="Move one assumption about how the world works and watch the verdict change.",
    ),
    MenuEntry(
        "sweep",
        "Sweep",
        _open("sweep"),
        60,
        tooltip="One assumption from low to high: where does the better doctrine flip?",
    ),
]

# every assumption at once: opened from the sweep (one assumption at a time), not from the title,
# whose menu is full at the largest text size
SENSITIVITY = MenuEntry(
    "sensitivity",
    "Sensitivity",
    _open("sensitivity"),
    65,
    tooltip="Every assumption at once: which ones does the verdict rest on, and do they act as the theory says?",
)
