"""Panels drawn into a cached image, and how many of them may re-render in one frame.

A panel re-renders only when what it shows changes (its key). After a turn every panel changes at
once, and rendering them all in the frame that also ran the engine would take several times a
frame's budget; instead the scene hands out a RenderBudget each frame and a panel without a share
keeps showing its previous image until a later frame, so the re-renders spread over frames.
"""

from __future__ import annotations

import pygame


class RenderBudget:
    """How many stale panels may re-render in the current frame; None means all of them."""

    def __init__(self):
        self.left: int | None = None

    def allow(self, count: int | None):
        self.left = count

    def take(self) -> bool:
        if self.left is None:
            return True
        if self.left > 0:
            self.left -= 1
            return True
        return False


class CachedPanel:
    """A widget drawn from a cached surface, re-rendered when its key changes and the budget allows.

    `waiting` counts the frames the panel has shown a stale image, so a scene can let the panel kept
    waiting longest go first and none is starved when changes come quickly.
    """

    def __init__(self):
        self.rect = pygame.Rect(0, 0, 10, 10)
        self.m = None
        self._key = None
        self._surface: pygame.Surface | None = None
        self.waiting = 0
        self.compact = False  # drawn in its short form (a tab of its own at large text sizes)

    def set_rect(self, rect, metrics, compact: bool = False):
        rect = pygame.Rect(rect)
        if rect != self.rect or metrics != self.m or compact != self.compact:
            # an image made for another place or size is never shown: the next draw renders at once
            self._surface = None
            self.invalidate()
        self.rect = rect
        self.m = metrics
        self.compact = compact

    def invalidate(self):
        """Render again at the next draw that has budget (the old image stays up meanwhile)."""
        self._key = None

    def paint(self, surface, key, render, budget: RenderBudget | None = None):
        """Blit the panel; call render() for a new image when key changed and there is budget."""
        if key != self._key:
            if self._surface is None or budget is None or budget.take():
                self._surface = render()
                self._key = key
                self.waiting = 0
            else:
                self.waiting += 1
        surface.blit(self._surface, self.rect.topleft)
