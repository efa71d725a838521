"""The 2x2 payoff matrix of a game without dynamics (two_rivals), in place of the tension gauge and the
event card: the viewer's moves down, the other side's across, each cell "yours · theirs", the last
round's cell lit, and what the viewer may know of the score (its own payoff total, the other side's
moves). The viewer sees its own temptation only (its type is told to it privately); the other side's
reads "2 or 5", and its payoffs wait for the debrief. The compact form is that one line."""

from __future__ import annotations

import pygame

from game.core.model import dilemma
from game.core.model.dilemma import DETER, TALK

from ..window import palette, text
from .cached import CachedPanel, RenderBudget

MOVE_WORDS = {TALK: "talks", DETER: "deters"}


def known_line(game, viewer: int, viewer_type: str | None) -> str:
    """What the seat may know of the running score: its own payoff total and how often the other side
    talked. The other side's payoff would give its hidden type away (its temptation is 2 or 5), so it
    waits for the debrief; a game watched with no human seat shows the moves alone."""
    names, codes = [a.name for a in game.scenario.actors], game.codes
    turn = game.turns[-1]["turn"] if game.turns else 0
    talked = [sum(1 for t in game.turns if dilemma.move_of(t, c) == TALK) for c in codes]
    others = [k for k in range(len(codes)) if k != viewer] if viewer_type is not None else range(len(codes))
    moves = ", ".join(f"{names[k]} talked {talked[k]} of {turn}" for k in others)
    if viewer_type is None:
        return f"After turn {turn}: {moves} (payoffs in the debrief)" if turn else "Payoffs show in the debrief"
    own = dilemma.totals(game.turns, len(codes))[viewer]
    if not turn:
        return "Your payoff total: 0 (the other side's shows in the debrief)"
    return f"Your payoff after turn {turn}: {own:g} · {moves}"


class PayoffMatrix(CachedPanel):
    def draw(self, surface, game, viewer: int, viewer_type: str | None, budget: RenderBudget | None = None):
        """viewer: the actor whose payoffs lead; viewer_type its type when it may be shown (a human's own)."""
        if self.m is None:  # not laid out yet (the scale changed and the layout has not run)
            return
        other = 1 - viewer if game.scenario.n == 2 else (viewer + 1) % game.scenario.n
        key = (
            len(game.turns),
            game.turns[-1]["turn"] if game.turns else 0,
            viewer,
            viewer_type,
            self.rect.size,
            self.m,
            self.compact,
        )
        self.paint(surface, key, lambda: self._render(game, viewer, other, viewer_type), budget)

    def _render(self, game, viewer, other, viewer_type):
        m = self.m
        surf = pygame.Surface(self.rect.size)
        surf.fill(palette.BACKGROUND)
        names = [a.name for a in game.scenario.actors]
        known = known_line(game, viewer, viewer_type)
        if self.compact:
            line = text.ellipsize(known, m.body, self.rect.width, "bold")
            img = text.render(line, m.body, palette.TEXT, "bold")
            surf.blit(img, img.get_rect(midleft=(0, self.rect.height // 2)))
            return surf
        mx = dilemma.matrix(game.worldview, viewer_type)
        me, them = names[viewer], names[other]
        lit = None
        if game.turns:
            last = game.turns[-1]
            codes = game.codes
            lit = (dilemma.move_of(last, codes[viewer]), dilemma.move_of(last, codes[other]))
        y = 0
        head = f"The 2×2 game: {me}’s payoff · {them}’s"
        surf.blit(
            text.render(text.ellipsize(head, m.body, self.rect.width, "bold"), m.body, palette.TEXT, "bold"), (0, y)
        )
        y += text.line_height(m.body, "bold")
        if viewer_type is not None:
            sub = (
                f"You are {viewer_type}: deterring while {them} talks is worth {dilemma.values(mx.T_mine)} to you; "
                f"{them}’s type is hidden, so its temptation reads {dilemma.values(mx.T_theirs)}."
            )
        else:
            sub = f"Each side’s temptation depends on its hidden type: {dilemma.values(mx.T_mine)}."
        block = text.Block([(sub, m.small, palette.MUTED, "regular")], self.rect.width)
        surf.blit(block.surface, (0, y))
        y += block.height + m.pad // 2
        totals_h = text.line_height(m.body, "bold") + m.pad // 2
        grid_h = max(3 * text.line_height(m.body, "bold"), self.rect.height - y - totals_h)
        y += self._grid(surf, pygame.Rect(0, y, self.rect.width, grid_h), mx, me, them, lit) + m.pad // 2
        line = text.ellipsize(known, m.body, self.rect.width, "bold")
        surf.blit(text.render(line, m.body, palette.ACCENT, "bold"), (0, min(y, self.rect.height - totals_h)))
        return surf

    def _grid(self, surf, room: pygame.Rect, mx, me: str, them: str, lit) -> int:
        """The 2×2: the other side's moves across, the viewer's down, each cell "yours · theirs", the
        last round's cell lit. Returns the height drawn."""
        m = self.m
        y = room.y
        label_w = min(
            round(room.width * 0.3),
            max(text.size(f"{me} {MOVE_WORDS[mv]}", m.body, "bold")[0] for mv in (TALK, DETER)) + m.pad,
        )
        col_w = (room.width - label_w) // 2
        head_h = text.line_height(m.body, "bold") + 4
        row_h = max(text.line_height(m.body, "bold") + 4, (room.height - head_h) // 2)
        for c, theirs in enumerate((TALK, DETER)):
            label = text.ellipsize(f"{them} {MOVE_WORDS[theirs]}", m.body, col_w - 4, "bold")
            img = text.render(label, m.body, _family_colour(theirs), "bold")
            surf.blit(img, img.get_rect(midtop=(label_w + c * col_w + col_w // 2, y)))
        for r, mine in enumerate((TALK, DETER)):
            ry = y + head_h + r * row_h
            label = text.ellipsize(f"{me} {MOVE_WORDS[mine]}", m.body, label_w - 4, "bold")
            img = text.render(label, m.body, _family_colour(mine), "bold")
            surf.blit(img, img.get_rect(midleft=(0, ry + row_h // 2)))
            for c, theirs in enumerate((TALK, DETER)):
                cell = pygame.Rect(label_w + c * col_w, ry, col_w, row_h).inflate(-4, -4)
                self._cell(surf, cell, mx.cell(mine, theirs), lit == (mine, theirs))
        return head_h + 2 * row_h

    def _cell(self, surf, cell: pygame.Rect, values, on: bool):
        m = self.m
        pygame.draw.rect(surf, palette.PANEL, cell, border_radius=6)
        pygame.draw.rect(surf, palette.FOCUS if on else palette.PANEL_EDGE, cell, 3 if on else 1, border_radius=6)
        yours, theirs = values
        words = text.ellipsize(f"{dilemma.values(yours)} · {dilemma.values(theirs)}", m.body, cell.width - 8, "bold")
        img = text.render(words, m.body, palette.FOCUS if on else palette.TEXT, "bold")
        surf.blit(img, img.get_rect(center=cell.center))


def _family_colour(move) -> tuple:
    return palette.FAMILY_COLOURS["dialogue" if move == TALK else "deterrence"]
