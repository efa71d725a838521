"""A dimmed full-screen backdrop with a centred card: the base of the overlays."""

from __future__ import annotations

import pygame

from ..window import palette, text
from ..window.scene import Scene
from ..widgets import shapes


class GameOverlay(Scene):
    """A card over the play screen that acts on its game (the game menu, the save dialog)."""

    overlay = True

    def __init__(self, app, game):
        super().__init__(app)
        self.game = game


def dim(surface, alpha: int = 200):
    veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    veil.fill((8, 10, 12, alpha))
    surface.blit(veil, (0, 0))
    text.veiled(surface)


def card_rect(size, m, width_frac: float = 0.7, height_frac: float = 0.8) -> pygame.Rect:
    w, h = size
    r = pygame.Rect(0, 0, round(w * width_frac), round(h * height_frac))
    r.center = (w // 2, h // 2)
    return r


def draw_card(surface, rect, title: str, m):
    return shapes.panel(
        surface, rect, title, m.heading, colour=palette.PANEL, edge=palette.FOCUS, title_colour=palette.TEXT
    )
