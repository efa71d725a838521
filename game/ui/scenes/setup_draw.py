"""The setup screen's picture: each row's label (an actor's marker and name), the actors' heading,
the scenario's description and the message area (an error, the hovered value's help or the keys)."""

from __future__ import annotations

import pygame

from game.core.model.doctrines import HUMAN

from ..window import palette, text
from ..widgets import shapes

KEYS_HINT = "↑ ↓ or Tab: move · ← →: change · type in the boxes · Enter: start"


def draw(scene, surface):
    """The whole screen under its widgets: title, row labels, the actors' heading, the words."""
    m = scene.m
    surface.fill(palette.BACKGROUND)
    surface.blit(scene.title_block.surface, (2 * m.pad, m.pad))
    for k, r in enumerate(scene.rows):
        _row_label(scene, surface, r)
        if k == scene.focus:
            pygame.draw.rect(surface, palette.FOCUS, r["rect"].inflate(m.pad, m.pad // 2 + 2), 2, border_radius=6)
    _actors_heading(scene, surface)
    _words(scene, surface)


def _row_label(scene, surface, r: dict):
    """A row's label at its left: an actor's marker and name, or the setting's name."""
    m, rect = scene.m, r["rect"]
    if r["kind"] == "actor":
        actor = scene.scenario.actors[r["actor"]]
        cy = rect.centery
        rad = max(6, round(rect.height * 0.28))
        shapes.draw_marker(surface, actor.marker, palette.hex_colour(actor.colour), (rect.x + rad + 4, cy), rad)
        names = [f"{actor.code} · {actor.name}", actor.name, actor.code]
        label = text.first_fitting(names, m.body, scene.actor_label_w - 2 * rad - 16, "bold")
        img = text.render(label, m.body, palette.TEXT, "bold")
        surface.blit(img, img.get_rect(midleft=(rect.x + 2 * rad + 12, cy)))
    elif r["label"]:
        words = text.first_fitting([r["label"], *r.get("short", ())], m.body, round(rect.width * 0.36), "bold")
        img = text.render(words, m.body, palette.TEXT, "bold")
        surface.blit(img, img.get_rect(midleft=(rect.x, rect.centery)))


def _actors_heading(scene, surface):
    """'Who plays each actor', saying hot-seat when more than one human plays."""
    m = scene.m
    humans = sum(1 for c in scene.controllers if c == HUMAN)
    head = "Who plays each actor" + (f" — {humans} humans: hot-seat" if humans > 1 else "")
    shorter = f"Who plays — {humans} humans" if humans > 1 else head
    head = text.first_fitting([head, shorter, "Who plays"], m.body, scene.rows[0]["rect"].width, "bold")
    surface.blit(text.render(head, m.body, palette.ACCENT, "bold"), scene.actor_head)


def _words(scene, surface):
    """The scenario's description (where it fits) and the message area."""
    m, about_rect, message_rect = scene.m, scene.about_rect, scene.message_rect
    description = ((scene.scenario.description, 1.0, palette.MUTED, "italic"),)
    about = text.fit_static(description, about_rect.width, max(1, about_rect.height), m.body, min_px=10)
    if about.height <= about_rect.height:
        surface.blit(about.surface, about_rect.topleft)
    paras = []
    if scene.error:
        paras.append((scene.error, 1.0, palette.WARNING, "bold"))
    colour = palette.TEXT if scene.hover_help else palette.MUTED
    paras.append((scene.hover_help or KEYS_HINT, 1.0, colour, "regular"))
    block = text.fit_static(tuple(paras), message_rect.width, max(1, message_rect.height), m.body, min_px=10)
    surface.blit(block.surface, message_rect.topleft)
