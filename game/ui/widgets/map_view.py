"""The region map: actors as coloured, shaped nodes; edges for trust, alliances and crises.

An open crisis is a numbered diamond on its pair's edge (the rung) with a label naming the stake
and the rung ("Taiwan · rung 2 confrontation"), from Game.open_crises(). A war begun this turn is
labelled with its stake and its sides ("WAR over Taiwan · CHN, PRK vs USA, JPN") and every actor
in it is ringed in the brink's colour."""

from __future__ import annotations

import math

import numpy as np
import pygame

from game.core.model.vocab import RUNG_NAMES

from ..window import layout, palette, text
from . import shapes
from ..window.metrics import Metrics
from .cached import CachedPanel, RenderBudget

STRETCH = 1.3  # how far the map may stretch out of the actors' own layout, either way


class MapView(CachedPanel):
    """Draws one turn's picture of the region into a cached surface; frames only blit it."""

    def __init__(self, scenario, metrics):
        super().__init__()
        self.scenario = scenario
        self.m = metrics
        self.node_pos: list[tuple[int, int]] = []
        self.node_radius = 10

    @property
    def key_m(self):
        """The sizes of the map's title and key: in a flat panel (large text) those of text size 1.0, so the
        actors keep the height and the width their layout needs."""
        m = self.m
        return Metrics(m.width, m.height, 1.0) if self.rect.width > 2.2 * self.rect.height else m

    def node_zones(self) -> list[tuple[pygame.Rect, int]]:
        """Click areas of the nodes (in screen coordinates), for choosing a target."""
        r = self.node_radius * 1.6
        out = []
        for i, (x, y) in enumerate(self.node_pos):
            out.append((pygame.Rect(round(x - r), round(y - r), round(2 * r), round(2 * r)), i))
        return out

    def draw(
        self,
        surface,
        snapshot: dict,
        alliance,
        focus: int | None = None,
        target: int | None = None,
        humans=(),
        title: str = "Region map",
        version: int = 0,
        budget: RenderBudget | None = None,
        crises=(),
    ):
        """crises: the open crises, each a dict with 'parties', 'name' and 'rung' (Game.open_crises()); a war
        also has 'sides': (the first party's side, the second's), actor indices."""
        crises = tuple(
            (tuple(c["parties"]), c["name"], int(c["rung"]), tuple(map(tuple, c.get("sides", ((), ())))))
            for c in crises
        )
        key = (
            version,
            id(snapshot),
            snapshot.get("turn"),
            focus,
            target,
            tuple(humans),
            self.rect.size,
            self.m,
            title,
            crises,
        )
        self.paint(
            surface,
            key,
            lambda: self._render(
                snapshot, np.asarray(alliance, dtype=float), focus, target, set(humans), title, crises
            ),
            budget,
        )

    def crisis_label(self, name: str, rung: int, sides=((), ())) -> str:
        """'Taiwan · rung 2 confrontation', or a war's 'WAR over Taiwan · CHN, PRK vs USA, JPN' (a leading
        'The' is dropped: the map is small)."""
        if name.lower().startswith("the "):
            name = name[4:]
        if rung >= len(RUNG_NAMES) - 1:
            codes = [", ".join(self.scenario.actors[i].code for i in side) for side in sides]
            return f"WAR over {name} · {' vs '.join(codes)}" if all(codes) else f"WAR over {name} · rung {rung} war"
        return f"{name} · rung {rung} {RUNG_NAMES[min(rung, len(RUNG_NAMES) - 1)]}"

    # ------------------------------------------------------------------ rendering
    def _render(self, snap, alliance, focus, target, humans, title, crises=()):
        m = self.m
        surf = text.surface(self.rect.size)
        surf.fill(palette.BACKGROUND)
        inner = shapes.panel(surf, surf.get_rect(), title, self.key_m.body)
        box, legend_rect = self._areas(inner)
        label_px = m.px(15)
        r, pos = self._positions(box, label_px)
        self.node_radius = r
        self.node_pos = [(round(x + self.rect.x), round(y + self.rect.y)) for x, y in pos]
        pairs = self._draw_edges(surf, pos, np.asarray(snap["trust"], dtype=float), alliance, focus, target, r)
        # rings, then markers, then labels: a label is never hidden under another actor's ring
        for _parties, _name, _rung, sides in crises:  # a war's sides: every actor in it ringed
            for i in sides[0] + sides[1]:
                pygame.draw.circle(surf, rung_colour(4), (round(pos[i][0]), round(pos[i][1])), round(r * 1.45), 4)
        taken = self._draw_nodes(surf, pos, focus, target, r)
        labels = self._place_labels(pos, humans, r, label_px, box, taken)
        icon_r = round(label_px * 0.9)
        icons = self._draw_crisis_icons(surf, pos, pairs, np.asarray(snap["crisis"], dtype=int), taken, inner, label_px)
        rings = []
        for k in (focus, target):
            if k is not None:
                rings.append(pygame.Rect(0, 0, round(r * 3.6), round(r * 3.6)))
                rings[-1].center = (round(pos[k][0]), round(pos[k][1]))
        stake_labels = self._stake_labels(crises, icons, icon_r, taken + rings + [r for _, r in labels], box)
        self._draw_words(surf, labels, stake_labels, icon_r)
        if legend_rect.height:
            self._draw_legend(surf, legend_rect)
        return surf

    def _areas(self, inner: pygame.Rect) -> tuple[pygame.Rect, pygame.Rect]:
        """Where the actors go and where the legend goes: under them, or in a wide, flat panel (the
        tabbed layout at projector scale) a column at the right, so the actors keep the whole height."""
        m = self.m
        legend_h = self._legend_height(inner.width)
        box, legend = layout.column(inner, None, legend_h)
        if inner.width <= 2 * inner.height:
            return box, legend
        rows, _ = self._legend_layout(1)
        entry_w = max(e[3] for e, _, _ in rows) + m.pad
        for columns in (1, 2, 3):  # the key in as few columns as fit the height, beside the actors
            col_w = columns * entry_w + (columns - 1) * m.px(14)
            rows, col_h = self._legend_layout(col_w)
            if col_h <= inner.height and col_w < inner.width * 0.6:
                box = layout.row(inner, None, col_w, gap=m.pad)[0]
                return box, pygame.Rect(inner.right - col_w, inner.bottom - col_h, col_w, col_h)
        if legend_h > 0.3 * inner.height:
            # no room for the key beside the actors nor under them: the actors come first (help, F1, has the key)
            return pygame.Rect(inner), pygame.Rect(inner.x, inner.bottom, inner.width, 0)
        return box, legend

    def _positions(self, box: pygame.Rect, label_px: int) -> tuple[int, list[tuple[float, float]]]:
        """The nodes' radius and centres: the scenario's coordinates stretched over box, inside margins
        that keep the labels in."""
        m = self.m
        actors = self.scenario.actors
        r = max(8, round(min(box.width, box.height) * 0.035 * max(1.0, m.scale * 0.85)))
        label_h = text.line_height(label_px, "bold")
        margin_x = r * 2 + text.size("ASEAN", label_px, "bold")[0] // 2
        margin_top = r + 2
        if box.height < 8 * label_h:  # a flat map: labels beside the nodes near its edges
            margin_bottom = r + label_h // 2
        else:
            margin_bottom = r + label_h
            margin_top += label_h // 2
        area = pygame.Rect(
            box.x + margin_x,
            box.y + margin_top,
            max(10, box.width - 2 * margin_x),
            max(10, box.height - margin_top - margin_bottom),
        )
        xs, ys = [a.x for a in actors], [a.y for a in actors]
        x0, xr = min(xs), (max(xs) - min(xs)) or 1.0
        y0, yr = min(ys), (max(ys) - min(ys)) or 1.0
        # the map keeps its shape: stretched a little to keep close neighbours apart, never into a strip
        shape = xr / yr
        if area.width > area.height * shape * STRETCH:
            wide = round(area.height * shape * STRETCH)
            area.x += (area.width - wide) // 2
            area.width = wide
        elif area.height > area.width / shape * STRETCH:
            tall = round(area.width / shape * STRETCH)
            area.y += (area.height - tall) // 2
            area.height = tall
        return r, [(area.x + (a.x - x0) / xr * area.width, area.y + (a.y - y0) / yr * area.height) for a in actors]

    def _draw_edges(self, surf, pos, trust, alliance, focus, target, r) -> list[tuple[int, int]]:
        """Trust by colour and line style, alliance by width; the focused actor's edges last and at full
        strength. Returns the pairs in the order drawn."""
        n = len(pos)
        pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
        pairs.sort(key=lambda p: (focus in p, target in p))
        unit = max(5.0, r * 0.55)
        for i, j in pairs:
            colour, style = palette.trust_style(0.5 * (trust[i, j] + trust[j, i]))
            if focus is not None and focus not in (i, j):
                colour = shapes.blend(colour, palette.PANEL, 0.35)
            width = max(1, round((1 + 5 * alliance[i, j]) * self.m.k))
            if focus is not None and {i, j} == {focus, target}:
                width += 2
            shapes.styled_line(surf, colour, pos[i], pos[j], width, style, unit)
        return pairs

    def _draw_nodes(self, surf, pos, focus, target, r) -> list[pygame.Rect]:
        """The rings of the focused actor and the target, then every marker; returns the markers' boxes."""
        for k, ring in ((target, palette.FOCUS), (focus, palette.TEXT)):
            if k is not None:
                pygame.draw.circle(surf, ring, (round(pos[k][0]), round(pos[k][1])), round(r * 1.75), 3)
        taken = []
        for (x, y), a in zip(pos, self.scenario.actors):
            shapes.draw_marker(surf, a.marker, palette.hex_colour(a.colour), (x, y), r)
            taken.append(pygame.Rect(round(x - r), round(y - r), 2 * r, 2 * r))
        return taken

    def _place_labels(self, pos, humans, r, label_px, box, taken) -> list[tuple[pygame.Surface, pygame.Rect]]:
        """Each actor's code (and "(you)") below, above, right or left of its node, wherever it covers
        no other node nor label; adds each label's box to taken."""
        labels = []
        for k, a in enumerate(self.scenario.actors):
            x, y = pos[k]
            label = a.code + (" (you)" if k in humans and len(humans) == 1 else " (human)" if k in humans else "")
            img = text.render(label, label_px, palette.TEXT, "bold")
            others = taken[:k] + taken[k + 1 :]
            place = None
            for side in ("midtop", "midbottom", "midleft", "midright"):
                trial = img.get_rect()
                dx, dy = {
                    "midtop": (0, r * 1.35),
                    "midbottom": (0, -r * 1.35),
                    "midleft": (r * 1.5, 0),
                    "midright": (-r * 1.5, 0),
                }[side]
                setattr(trial, side, (round(x + dx), round(y + dy)))
                trial.clamp_ip(box)
                if trial.inflate(6, 2).collidelist(others) < 0:
                    place = trial
                    break
            if place is None:
                place = free_place(img.get_rect(), (x, y), others, box, round(r * 1.35))
            labels.append((img, place))
            taken.append(place.inflate(6, 2))
        return labels

    def _draw_crisis_icons(self, surf, pos, pairs, crisis, taken, inner, label_px) -> dict:
        """Each open crisis's numbered diamond on its edge, slid along it to a free spot where it would
        cover a label; between close neighbours, beside the edge with a short leader line to it.
        Returns each pair's diamond centre; adds each diamond's box to taken."""
        icon_r = round(label_px * 0.9)
        icons = {}
        for i, j in pairs:
            if crisis[i, j] <= 0:
                continue
            spot = None
            for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75):
                c = (pos[i][0] + (pos[j][0] - pos[i][0]) * t, pos[i][1] + (pos[j][1] - pos[i][1]) * t)
                diamond = pygame.Rect(round(c[0] - icon_r), round(c[1] - icon_r), 2 * icon_r, 2 * icon_r)
                if diamond.collidelist(taken) < 0:
                    spot = c
                    break
            if spot is None:
                mid = ((pos[i][0] + pos[j][0]) / 2, (pos[i][1] + pos[j][1]) / 2)
                spot = free_place(pygame.Rect(0, 0, 2 * icon_r, 2 * icon_r), mid, taken, inner, icon_r).center
                pygame.draw.line(surf, rung_colour(crisis[i, j]), (round(mid[0]), round(mid[1])), spot, 2)
            shapes.crisis_icon(surf, spot, int(crisis[i, j]), label_px)
            taken.append(pygame.Rect(round(spot[0] - icon_r), round(spot[1] - icon_r), 2 * icon_r, 2 * icon_r))
            icons[(i, j)] = spot
        return icons

    @staticmethod
    def _draw_words(surf, labels, stake_labels, icon_r):
        """The stake labels' leader lines, then the actors' labels and the stake labels on their plates."""
        for _img, box, rung, spot in stake_labels:
            # a label pushed away from its diamond keeps a thin line to it
            near = (min(max(spot[0], box.left), box.right), min(max(spot[1], box.top), box.bottom))
            dx, dy = near[0] - spot[0], near[1] - spot[1]
            length = math.hypot(dx, dy)
            if length > icon_r + 6:
                start = (round(spot[0] + dx / length * icon_r), round(spot[1] + dy / length * icon_r))
                pygame.draw.line(surf, rung_colour(rung), start, (round(near[0]), round(near[1])), 2)
        for img, box in labels:
            pygame.draw.rect(surf, palette.BACKGROUND, box.inflate(6, 2), border_radius=4)
            surf.blit(img, box)
        for img, box, rung, _spot in stake_labels:
            pygame.draw.rect(surf, palette.BACKGROUND, box.inflate(8, 4), border_radius=4)
            pygame.draw.rect(surf, rung_colour(rung), box.inflate(8, 4), 2, border_radius=4)
            surf.blit(img, box)

    def _stake_labels(self, crises, icons, icon_r, taken, inner):
        """Each open crisis's label beside its diamond, in the nearest free place around it."""
        out = []
        px = self.m.small
        for (a, b), name, rung, sides in crises:
            label = self.crisis_label(name, rung, sides)
            spot = icons.get((min(a, b), max(a, b)))
            if spot is None:
                continue
            img = text.render(text.ellipsize(label, px, inner.width - 12, "bold"), px, palette.TEXT, "bold")
            box = free_place(img.get_rect().inflate(8, 4), spot, taken, inner, icon_r + 2)
            if box.collidelist(taken) >= 0:
                # no room for one long line: the stake over its rung, on two shorter lines
                first, second = label.split(" · ", 1)
                lines = [
                    text.render(text.ellipsize(t, px, inner.width - 12, "bold"), px, palette.TEXT, "bold")
                    for t in (first, second)
                ]
                img = text.surface(
                    (max(i.get_width() for i in lines), sum(i.get_height() for i in lines)), pygame.SRCALPHA
                )
                img.blit(lines[0], (0, 0))
                img.blit(lines[1], (0, lines[0].get_height()))
                box = free_place(img.get_rect().inflate(8, 4), spot, taken, inner, icon_r + 2)
            if box.collidelist(taken) >= 0:
                # the stake alone (its diamond shows the rung)
                short = text.render(
                    text.ellipsize(label.split(" · ")[0], px, inner.width - 12, "bold"), px, palette.TEXT, "bold"
                )
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
            if box.collidelist(taken) >= 0 and rung >= len(RUNG_NAMES) - 1:
                continue  # a war with no free place for its label: the banner above the map names it
            taken.append(box)
            out.append((img, box.inflate(-8, -4), rung, spot))
        return out

    def _legend_items(self):
        return [
            ("solid", palette.TRUST_HIGH, "trust ≥ 0.6"),
            ("dashed", palette.TRUST_MID, "0.4–0.6"),
            ("dotted", palette.TRUST_LOW, "< 0.4"),
        ]

    def _legend_layout(self, width):
        """Legend entries placed left to right, wrapping to new rows when the width runs out."""
        m = self.key_m
        px = m.small
        sample = m.px(30)
        gap = m.px(14)
        entries = [
            (kind, colour, label, sample + 6 + text.size(label, px)[0]) for kind, colour, label in self._legend_items()
        ]
        entries.append(
            ("width", palette.MUTED, "thicker = alliance", sample + 6 + text.size("thicker = alliance", px)[0])
        )
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
        m = self.key_m
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


def rung_colour(rung: int):
    """A crisis's colour: the brink band's from rung 3, the crisis band's below."""
    return palette.BAND_COLOURS["brink"] if rung >= 3 else palette.BAND_COLOURS["crisis"]


def free_place(rect: pygame.Rect, centre, taken: list, inner: pygame.Rect, gap: int) -> pygame.Rect:
    """rect moved next to centre (below, above, right, left, then farther out, round the compass)
    where it overlaps nothing in taken and stays inside inner; below centre if nowhere is free."""
    cx, cy = round(centre[0]), round(centre[1])
    w, h = rect.size
    area = inner.inflate(-4, -4)
    first = [(0, gap + h // 2), (0, -gap - h // 2), (gap + w // 2, 0), (-gap - w // 2, 0)]
    rings = [
        (round(math.cos(a) * (w // 2 + gap + r)), round(math.sin(a) * (h // 2 + gap + r)))
        for r in range(0, 6 * h, max(4, h // 2))
        for a in (k * math.pi / 6 for k in range(12))
    ]
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
