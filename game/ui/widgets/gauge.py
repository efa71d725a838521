"""Regional tension 0–100 on a bar with the named bands of vocab.TENSION_BANDS. An open crisis or a
war names itself in the gauge's label in place of the band: a region with a crisis at rung 2 is not
"calm" whatever the number says."""

from __future__ import annotations

import pygame

from game.core.model.vocab import TENSION_BANDS, tension_band

from ..window import palette, text
from .cached import CachedPanel, RenderBudget


def _bands(surf, bar, needle: int, m):
    """The coloured bands with their names; a name steps aside from the needle, or is left out."""
    for low, high, name in TENSION_BANDS:
        x0 = bar.x + round(bar.width * low / 100)
        x1 = bar.x + round(bar.width * min(high, 100) / 100)
        seg = pygame.Rect(x0, bar.y, x1 - x0, bar.height)
        pygame.draw.rect(surf, palette.BAND_COLOURS[name], seg)
        label = text.render(name, m.small, palette.TEXT, "bold")
        box = label.get_rect(center=seg.center)
        if box.left - 8 <= needle <= box.right + 8:
            left_room, right_room = needle - seg.left, seg.right - needle
            if left_room >= right_room:
                box.right = needle - 8
            else:
                box.left = needle + 8
        if seg.left + 2 <= box.left and box.right <= seg.right - 2:
            surf.blit(label, box)


class TensionGauge(CachedPanel):
    @staticmethod
    def height_for(metrics, compact: bool = False) -> int:
        if compact:
            return round(metrics.body * 1.5) + 2 * metrics.pad
        return (
            text.line_height(metrics.body, "bold")
            + text.line_height(metrics.small)
            + round(metrics.body * 1.3)
            + metrics.pad
        )

    def draw(
        self,
        surface,
        value: float,
        previous: float | None = None,
        budget: RenderBudget | None = None,
        alert: tuple[str, ...] = ("",),
    ):
        """alert: the open crisis or the war the label leads with, in words from the longest to the
        fewest (play_draw.crisis_alert); the longest that fits is shown."""
        key = (
            round(value, 2),
            None if previous is None else round(previous, 2),
            self.rect.size,
            self.m,
            self.compact,
            alert,
        )
        self.paint(surface, key, lambda: self._render(value, previous, alert), budget)

    def _render(self, value, previous, alert=("",)):
        m = self.m
        surf = text.surface(self.rect.size)
        surf.fill(palette.BACKGROUND)
        band = tension_band(value)
        if self.compact:
            return self._render_compact(surf, value, previous, alert[-1] or band, bool(alert[-1]))
        change = ""
        if previous is not None:
            delta = value - previous
            change = f" ({'+' if delta >= 0 else '−'}{abs(delta):.1f} this turn)"
        # the crisis's stake counts more than the change: each wording with the change, then without it
        heads = [f"Regional tension {value:.0f} / 100 — {w}{tail}" for w in alert if w for tail in (change, "")]
        head = text.first_fitting(
            heads or [f"Regional tension {value:.0f} / 100 — {band}{change}"], m.body, self.rect.width, "bold"
        )
        surf.blit(text.render(head, m.body, palette.WARNING if alert[0] else palette.TEXT, "bold"), (0, 0))
        top = text.line_height(m.body, "bold") + 2
        bar_h = round(m.body * 1.3)
        bar = pygame.Rect(0, top, self.rect.width, bar_h)
        needle = bar.x + round(bar.width * max(0.0, min(100.0, value)) / 100)
        _bands(surf, bar, needle, m)
        pygame.draw.rect(surf, palette.WARNING if alert[0] else palette.PANEL_EDGE, bar, 2 if alert[0] else 1)
        x = needle
        pygame.draw.rect(surf, palette.TEXT, (x - 3, bar.y - 4, 6, bar.height + 8))
        pygame.draw.rect(surf, palette.BACKGROUND, (x - 3, bar.y - 4, 6, bar.height + 8), 1)
        for tick in (0, 25, 50, 75, 100):
            tx = bar.x + round(bar.width * tick / 100)
            img = text.render(str(tick), m.small, palette.MUTED)
            r = img.get_rect(midtop=(tx, bar.bottom + 2))
            r.clamp_ip(surf.get_rect())
            surf.blit(img, r)
        return surf

    def _render_compact(self, surf, value, previous, label, alarm=False):
        """One row for big text sizes: the number and its band (or the open crisis) in words, then the banded bar."""
        m = self.m
        head = f"Tension {value:.0f} · {label}"
        heads = [head]
        if previous is not None:  # the change beside the number, so "WAR −1" never reads as a war's count
            delta = value - previous
            heads.insert(0, f"Tension {value:.0f} ({'+' if delta >= 0 else '−'}{abs(delta):.0f}) · {label}")
        w_head = text.size("Tension 100 (+10) · friction", m.body, "bold")[0] + m.pad
        if alarm:  # the crisis's words get up to half the row, without the change when that is too long
            room = max(w_head, self.rect.width // 2)
            w_head = max(
                w_head, min(room, text.size(text.first_fitting(heads, m.body, room, "bold"), m.body, "bold")[0] + m.pad)
            )
        head = text.first_fitting(heads, m.body, w_head, "bold")
        img = text.render(head, m.body, palette.WARNING if alarm else palette.TEXT, "bold")
        surf.blit(img, img.get_rect(midleft=(0, self.rect.height // 2)))
        bar_h = round(m.body * 1.4)
        bar = pygame.Rect(
            w_head + m.pad, (self.rect.height - bar_h) // 2, max(10, self.rect.width - w_head - m.pad), bar_h
        )
        needle = bar.x + round(bar.width * max(0.0, min(100.0, value)) / 100)
        _bands(surf, bar, needle, m)
        x = needle
        pygame.draw.rect(surf, palette.TEXT, (x - 3, bar.y - 4, 6, bar.height + 8))
        pygame.draw.rect(surf, palette.BACKGROUND, (x - 3, bar.y - 4, 6, bar.height + 8), 1)
        return surf
