"""Sizes that follow the window and the font scale: fonts grow with both, spacing with the window."""

from __future__ import annotations

import attrs

BASE_SIZE = (1280, 720)
MIN_SIZE = (960, 540)
BODY_PX = 17  # body text at 1280×720, scale 1.0: about 2.4 % of the screen height


@attrs.frozen
class Metrics:
    width: int
    height: int
    scale: float

    @property
    def k(self) -> float:
        """How much larger than 1280×720 the window is (fonts and spacing follow it)."""
        return max(0.75, min(self.width / BASE_SIZE[0], self.height / BASE_SIZE[1]))

    def px(self, base: float) -> int:
        return max(9, round(base * self.font_factor))

    @property
    def body(self) -> int:
        return self.px(BODY_PX)

    @property
    def small(self) -> int:
        return self.px(14)

    @property
    def heading(self) -> int:
        return self.px(21)

    @property
    def title(self) -> int:
        return self.px(44)

    @property
    def pad(self) -> int:
        return max(4, round(10 * self.k))

    @property
    def button_h(self) -> int:
        """A button fits one line of button text with room around it."""
        return round(self.body * 2.1)

    @property
    def font_factor(self) -> float:
        """pygame_gui theme font sizes are multiplied by this (quantised so managers can be shared)."""
        return round(self.scale * self.k * 8) / 8
