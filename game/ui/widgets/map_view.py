"""The region map: actors as coloured, shaped nodes; edges for trust, alliances and crises.

An open crisis is a numbered diamond on its pair's edge (the rung) with a label naming the stake
and the rung ("Taiwan · rung 2 confrontation"), from Game.open_crises()."""
from __future__ import annotations

import math

import numpy as np
import pygame

from game.core.model.vocab import RUNG_NAMES

from .. import palette, text
from . import shapes
from .cached import CachedPanel, RenderBudget


class MapView(CachedPanel):
    """Draws one turn's picture of the region into a cached surface; frames only blit it."""

    def __init__(self, scenario, metrics):
        super().__init__()
        self.scenario = scenario
        self.m = metrics
        self.node_pos: list[tuple[int, int]] = []
        self.node_radius = 10
        self.label_boxes: list[pygame.Rect] = []   # actor labels as last drawn
        self.stake_boxes: list[pygame.Rect] = []   # open crises' stake labels as last drawn

    def node_zones(self) -> list[tuple[pygame.Rect, int]]:
        """Click areas of the nodes (in screen coordinates), for choosing a target."""
        r = self.node_radius * 1.6
        out = []
        for i, (x, y) in enumerate(self.node_pos):
            out.append((pygame.Rect(round(x - r), round(y - r), round(2 * r), round(2 * r)), i))
        return out

    def draw(self, surface, snapshot: dict, alliance, focus: int | None = None, target: int | None = None,
             humans=(), title: str = "Region map", version: int = 0, budget: RenderBudget | None = None,
             crises=()):
        """crises: the open crises, each a dict with 'parties', 'name' and 'rung' (Game.open_crises())."""
        crises = tuple((tuple(c["parties"]), c["name"], int(c["rung"])) for c in crises)
        key = (version, id(snapshot), snapshot.get("turn"), focus, target, tuple(humans), self.rect.size, self.m, title,
               crises)
        self.paint(surface, key, lambda: self._render(snapshot, np.asarray(alliance, dtype=float), focus, target,
                                                      set(humans), title, crises), budget)

    @staticmethod
    def crisis_label(name: str, rung: int) -> str:
        """'Taiwan · rung 2 confrontation' (a leading 'The' is dropped: the map is small)."""
        if name.lower().startswith("the "):
            name = name[4:]
        return f"{name} · rung {rung} {RUNG_NAMES[min(rung, len(RUNG_NAMES) - 1)]}"

    # ------------------------------------------------------------------ rendering
    def _render(self, snap, alliance, focus, target, humans, title, crises=()):
        m = self.m
        surf = text.surface(self.rect.size)
        surf.fill(palette.BACKGROUND)
        inner = shapes.panel(surf, surf.get_rect(), title, m.body)
        actors = self.scenario.actors
        n = len(actors)
        label_px = m.px(15)
        legend_h = self._legend_height(inner.width)
        legend_rect = pygame.Rect(inner.x, inner.bottom - legend_h, inner.width, legend_h)
        box = pygame.Rect(inner.x, inner.y, inner.width, inner.height - legend_h)   # where the actors go
        if inner.width > 2 * inner.height:
            # a wide, flat panel (the tabbed layout at projector scale): the legend is a column at the
            # right, so the actors keep the panel's whole height
            rows, col_h = self._legend_layout(1)
            col_w = max(e[3] for e, _, _ in rows) + m.pad
            if col_h > inner.height:                 # two columns
                col_w = 2 * col_w + m.px(14)
                rows, col_h = self._legend_layout(col_w)
            if col_h <= inner.height and col_w < inner.width * 0.5:
                legend_rect = pygame.Rect(inner.right - col_w, inner.bottom - col_h, col_w, col_h)
                box = pygame.Rect(inner.x, inner.y, inner.width - col_w - m.pad, inner.height)
            elif legend_h > 0.3 * inner.height:
                # no room for the key beside the actors nor under them: the actors come first (help, F1, has the key)
                legend_rect = pygame.Rect(inner.x, inner.bottom, inner.width, 0)
                box = pygame.Rect(inner)
        r = max(8, round(min(box.width, box.height) * 0.035 * max(1.0, m.scale * 0.85)))
        self.node_radius = r
        margin_x = r * 2 + text.size("ASEAN", label_px, "bold")[0] // 2
        margin_top = r + 2
        if box.height < 8 * text.line_height(label_px, "bold"):   # a flat map: labels beside the nodes near its edges
            margin_bottom = r + text.line_height(label_px, "bold") // 2
        else:
            margin_bottom = r + text.line_height(label_px, "bold")
            margin_top += text.line_height(label_px, "bold") // 2
        area = pygame.Rect(box.x + margin_x, box.y + margin_top, max(10, box.width - 2 * margin_x),
                           max(10, box.height - margin_top - margin_bottom))
        # a wide panel may stretch the map sideways, which keeps close neighbours apart, but not
        # without limit; never so little that the actors bunch together
        if area.width > area.height * 2.8:
            wide = max(round(area.height * 2.8), min(area.width, round(box.width * 0.75)))
            area.x += (area.width - wide) // 2
            area.width = wide
        # the scenario's coordinates stretched to the whole area: the actors spread over the panel
        xs, ys = [a.x for a in actors], [a.y for a in actors]
        x0, xr = min(xs), (max(xs) - min(xs)) or 1.0
        y0, yr = min(ys), (max(ys) - min(ys)) or 1.0
        pos = [(area.x + (a.x - x0) / xr * area.width, area.y + (a.y - y0) / yr * area.height) for a in actors]
        self.node_pos = [(round(x + self.rect.x), round(y + self.rect.y)) for x, y in pos]
        trust = np.asarray(snap["trust"], dtype=float)
        crisis = np.asarray(snap["crisis"], dtype=int)
        # edges: those of the focused actor are drawn last and at full strength
        pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
        pairs.sort(key=lambda p: (focus in p, target in p))
        unit = max(5.0, r * 0.55)
        for i, j in pairs:
            mutual = 0.5 * (trust[i, j] + trust[j, i])
            colour, style = palette.trust_style(mutual)
            strong = focus is None or focus in (i, j)
            if not strong:
                colour = shapes.blend(colour, palette.PANEL, 0.35)
            width = max(1, round((1 + 5 * alliance[i, j]) * m.k))
            if focus is not None and {i, j} == {focus, target}:
                width += 2
            shapes.styled_line(surf, colour, pos[i], pos[j], width, style, unit)
        # rings, then markers, then labels: a label is never hidden under another actor's ring
        for k in range(n):
            x, y = pos[k]
            if k == target:
                pygame.draw.circle(surf, palette.FOCUS, (round(x), round(y)), round(r * 1.75), 3)
            if k == focus:
                pygame.draw.circle(surf, palette.TEXT, (round(x), round(y)), round(r * 1.75), 3)
        taken = []
        actors_box = box
        for k, a in enumerate(actors):
            shapes.draw_marker(surf, a.marker, palette.hex_colour(a.colour), pos[k], r)
            taken.append(pygame.Rect(round(pos[k][0] - r), round(pos[k][1] - r), 2 * r, 2 * r))
        labels = []
        for k, a in enumerate(actors):
            x, y = pos[k]
            label = a.code + (" (you)" if k in humans and len(humans) == 1 else " (human)" if k in humans else "")
            img = text.render(label, label_px, palette.TEXT, "bold")
            others = taken[:k] + taken[k + 1:]
            box = None
            for place in ("below", "above", "right", "left"):
                trial = img.get_rect()
                if place == "below":
                    trial.midtop = (round(x), round(y + r * 1.35))
                elif place == "above":
                    trial.midbottom = (round(x), round(y - r * 1.35))
                elif place == "right":
                    trial.midleft = (round(x + r * 1.5), round(y))
                else:
                    trial.midright = (round(x - r * 1.5), round(y))
                trial.clamp_ip(actors_box)
                if trial.inflate(6, 2).collidelist(others) < 0:
                    box = trial
                    break
            if box is None:
                box = free_place(img.get_rect(), (x, y), others, actors_box, round(r * 1.35))
            labels.append((img, box))
            taken.append(box.inflate(6, 2))
        # crisis icons sit on their edge, slid along it to a free spot where they would cover a label;
        # between close neighbours, beside the edge with a short leader line to it
        icon_r = round(label_px * 0.9)
        icons = {}
        for i, j in pairs:
            if crisis[i, j] <= 0:
                continue
            spot = None
            for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75):
                c = (pos[i][0] + (pos[j][0] - pos[i][0]) * t, pos[i][1] + (pos[j][1] - pos[i][1]) * t)
                box = pygame.Rect(round(c[0] - icon_r), round(c[1] - icon_r), 2 * icon_r, 2 * icon_r)
                if box.collidelist(taken) < 0:
                    spot = c
                    break
            mid = ((pos[i][0] + pos[j][0]) / 2, (pos[i][1] + pos[j][1]) / 2)
            if spot is None:
                box = free_place(pygame.Rect(0, 0, 2 * icon_r, 2 * icon_r), mid, taken, inner, icon_r)
                spot = box.center
                rung_colour = palette.BAND_COLOURS["brink"] if crisis[i, j] >= 3 else palette.BAND_COLOURS["crisis"]
                pygame.draw.line(surf, rung_colour, (round(mid[0]), round(mid[1])), spot, 2)
            shapes.crisis_icon(surf, spot, int(crisis[i, j]), label_px)
            taken.append(pygame.Rect(round(spot[0] - icon_r), round(spot[1] - icon_r), 2 * icon_r, 2 * icon_r))
            icons[(i, j)] = spot
        rings = [pygame.Rect(0, 0, round(r * 3.6), round(r * 3.6)) for k in (focus, target) if k is not None]
        for ring, k in zip(rings, [k for k in (focus, target) if k is not None]):
            ring.center = (round(pos[k][0]), round(pos[k][1]))
        stake_labels = self._stake_labels(crises, icons, icon_r, taken + rings, actors_box)
        # where the words went, in screen coordinates (tests check nothing covers them)
        self.label_boxes = [box.move(self.rect.topleft) for _, box in labels]
        self.stake_boxes = [box.move(self.rect.topleft) for _, box, _, _ in stake_labels]
        for _img, box, rung, spot in stake_labels:
            # a label pushed away from its diamond keeps a thin line to it
            near = (min(max(spot[0], box.left), box.right), min(max(spot[1], box.top), box.bottom))
            dx, dy = near[0] - spot[0], near[1] - spot[1]
            length = math.hypot(dx, dy)
            if length > icon_r + 6:
                start = (round(spot[0] + dx / length * icon_r), round(spot[1] + dy / length * icon_r))
                edge = palette.BAND_COLOURS["brink"] if rung >= 3 else palette.BAND_COLOURS["crisis"]
                pygame.draw.line(surf, edge, start, (round(near[0]), round(near[1])), 2)
        for img, box in labels:
            pygame.draw.rect(surf, palette.BACKGROUND, box.inflate(6, 2), border_radius=4)
            surf.blit(img, box)
        for img, box, rung, _spot in stake_labels:
            edge = palette.BAND_COLOURS["brink"] if rung >= 3 else palette.BAND_COLOURS["crisis"]
            pygame.draw.rect(surf, palette.BACKGROUND, box.inflate(8, 4), border_radius=4)
            pygame.draw.rect(surf, edge, box.inflate(8, 4), 2, border_radius=4)
            surf.blit(img, box)
        if legend_rect.height:
            self._draw_legend(surf, legend_rect)
        return surf

    def _stake_labels(self, crises, icons, icon_r, taken, inner):
        """Each open crisis's label beside its diamond, in the nearest free place around it."""
        out = []
        px = self.m.small
        for (a, b), name, rung in crises:
            spot = icons.get((min(a, b), max(a, b)))
            if spot is None:
                continue
            img = text.render(text.ellipsize(self.crisis_label(name, rung), px, inner.width - 12, "bold"), px,
                              palette.TEXT, "bold")
            box = free_place(img.get_rect().inflate(8, 4), spot, taken, inner, icon_r + 2)
            if box.collidelist(taken) >= 0:
                # no room for one long line: the stake over its rung, on two shorter lines
                first, second = self.crisis_label(name, rung).split(" · ", 1)
                lines = [text.render(text.ellipsize(t, px, inner.width - 12, "bold"), px, palette.TEXT, "bold")
                         for t in (first, second)]
                img = text.surface((max(i.get_width() for i in lines), sum(i.get_height() for i in lines)), pygame.SRCALPHA)
                img.blit(lines[0], (0, 0))
                img.blit(lines[1], (0, lines[0].get_height()))
                box = free_place(img.get_rect().inflate(8, 4), spot, taken, inner, icon_r + 2)
            if box.collidelist(taken) >= 0:
                # the stake alone (its diamond shows the rung)
                short = text.render(text.ellipsize(self.crisis_label(name, rung).split(" · ")[0], px, inner.width - 12,
                                                   "bold"), px, palette.TEXT, "bold")
                trial = free_place(short.get_rect().inflate(8, 4), spot, taken, inner, icon_r + 2)
                if trial.collidelist(taken) < 0:
                    img, box = short, trial
            if box.collidelist(taken) >= 0:
                # still no free place near the diamond: a corner of the map, with its leader line
                for corner in ("topright", "topleft", "bottomright", "bottomleft", "midtop", "midbottom"):
                    trial = box.copy()
                    setattr(trial, corner, getattr(inner.inflate(-4, -4), corner))
                    if trial.collidelist(taken) < 0:
                        box = trial
                        break
            taken.append(box)
            out.append((img, box.inflate(-8, -4), rung, spot))
        return out

    def _legend_items(self):
        return [("solid", palette.TRUST_HIGH, "trust ≥ 0.6"), ("dashed", palette.TRUST_MID, "0.4–0.6"),
                ("dotted", palette.TRUST_LOW, "< 0.4")]

    def _legend_layout(self, width):
        """Legend entries placed left to right, wrapping to new rows when the width runs out."""
        m = self.m
        px = m.small
        sample = m.px(30)
        gap = m.px(14)
        entries = [(kind, colour, label, sample + 6 + text.size(label, px)[0]) for kind, colour, label in self._legend_items()]
        entries.append(("width", palette.MUTED, "thicker = alliance", sample + 6 + text.size("thicker = alliance", px)[0]))
        entries.append(("crisis", None, "crisis rung", round(px * 2) + 6 + text.size("crisis rung", px)[0]))
        rows, x, y = [], 0, 0
        lh = text.line_height(px) + 4
        for e in entries:
            if x and x + e[3] > width:
                x, y = 0, y + lh
            rows.append((e, x, y))
            x += e[3] + gap
        return rows, y + lh

    def _legend_height(self, width):
        return self._legend_layout(width)[1]

    def _draw_legend(self, surf, rect):
        m = self.m
        px = m.small
        sample = m.px(30)
        rows, _ = self._legend_layout(rect.width)
        lh = text.line_height(px)
        for (kind, colour, label, _w), x, y in rows:
            cx, cy = rect.x + x, rect.y + y + lh // 2
            if kind in ("solid", "dashed", "dotted"):
                shapes.styled_line(surf, colour, (cx, cy), (cx + sample, cy), 3, kind, max(4.0, sample / 6))
                tx = cx + sample + 6
            elif kind == "width":
                pygame.draw.line(surf, colour, (cx, cy - 3), (cx + sample, cy - 3), 1)
                pygame.draw.line(surf, colour, (cx, cy + 3), (cx + sample, cy + 3), 5)
                tx = cx + sample + 6
            else:
                shapes.crisis_icon(surf, (cx + px, cy), 2, round(px * 0.85))
                tx = cx + round(px * 2) + 6
            surf.blit(text.render(label, px, palette.MUTED), (tx, rect.y + y))


def free_place(rect: pygame.Rect, centre, taken: list, inner: pygame.Rect, gap: int) -> pygame.Rect:
    """rect moved next to centre (below, above, right, left, then farther out, round the compass)
    where it overlaps nothing in taken and stays inside inner; below centre if nowhere is free."""
    cx, cy = round(centre[0]), round(centre[1])
    w, h = rect.size
    area = inner.inflate(-4, -4)
    first = [(0, gap + h // 2), (0, -gap - h // 2), (gap + w // 2, 0), (-gap - w // 2, 0)]
    rings = [(round(math.cos(a) * (w // 2 + gap + r)), round(math.sin(a) * (h // 2 + gap + r)))
             for r in range(0, 6 * h, max(4, h // 2)) for a in (k * math.pi / 6 for k in range(12))]
    for dx, dy in first + rings:
        trial = pygame.Rect(0, 0, w, h)
        trial.center = (cx + dx, cy + dy)
        trial.clamp_ip(area)
        if trial.collidelist(taken) < 0:
            return trial
    trial = pygame.Rect(0, 0, w, h)
    trial.midtop = (cx, cy + gap)
    trial.clamp_ip(area)
    return trial
