"""Drawing the play screen: the top bar, the panels (each from its cached image, re-rendered within
the frame's budget) and the action bar with its status line. Drawing never changes the game."""

from __future__ import annotations

import pygame

from game.core.model import dilemma
from game.core.teaching import war_news

from ..window import history, palette, text
from ..window.intents import Intent, Kind, View
from ..widgets import action_bar
from .play_status import status


def draw(scene, surface) -> None:
    surface.fill(palette.BACKGROUND)
    draw_top(scene, surface)
    views = {scene.view} if scene.compact else {scene.view, View.CARD, View.WHY}
    panels = map_panels(scene, surface, views) + card_panels(scene, surface, views)
    # the panel kept waiting longest goes first, so none is starved when turns come quickly
    for _, paint in sorted(panels, key=lambda p: -p[0].waiting):
        paint()
    if View.MAP in views and scene.zones_pending:
        scene.zones_pending = False
        for rect, i in scene.map.node_zones():
            scene.bindings.zone(rect, Intent(Kind.SELECT_TARGET, i))
    # a draw with no update before it (a screenshot, this scene under an overlay) shows every panel current
    scene.budget.allow(None)
    draw_banner(scene, surface)
    line, colour = status(scene)
    scene.bar.draw(surface, line, colour, target_label(scene), palette.WARNING if scene.refusal() else palette.FOCUS)
    if scene.shown_prompt() is not None:
        stance = scene.prompt.prompt["kind"] == "stance"
        scene.prompt.draw(surface, "F X S B: a stance" if stance else "Y: back · N: stay out")


def target_label(scene) -> str:
    """What the action bar's target slot says for the human choosing now ('' in an all-AI game)."""
    if scene.current is None:
        return ""
    action, target = scene.move
    if action is not None and not action.targeted:
        return action_bar.NOT_NEEDED
    return scene.game.scenario.actors[target].name if target >= 0 else action_bar.NONE_YET


def map_panels(scene, surface, views) -> list:
    """The map and the charts as (panel, paint it): the panels do not overlap, so they may be painted in any order."""
    game, budget = scene.game, scene.budget
    panels = []
    if View.MAP in views:
        focus = scene.current
        action, target = scene.move
        aim = target if focus is not None and (action is None or action.targeted) and target >= 0 else None
        where = "Map" if scene.dilemma else "Region map"  # two rivals: no region
        title = f"{where} — after turn {game.turn}" if game.turn else f"{where} — start"
        alliance = game.state.alliance[0]
        crises = game.open_crises() + wars_on_map(scene)
        panels.append(
            (
                scene.map,
                lambda: scene.map.draw(
                    surface, scene.entry, alliance, focus, aim, game.humans, title, scene.version, budget, crises
                ),
            )
        )
    if View.CHART in views:
        panels += chart_panels(scene, surface)
    return panels


def card_panels(scene, surface, views) -> list:
    """The why panel, the event card (or the payoff matrix) and the gauge (or the running totals)."""
    game, budget, entry = scene.game, scene.budget, scene.entry
    panels = []
    viewer, viewer_type = scene.viewer()
    mine = (game.codes[viewer],) if viewer_type is not None else ()  # a seat sees its own payoff only
    if View.WHY in views:
        first = tuple(game.codes[i] for i in game.humans)
        stakes = {s.id: s.name for s in game.scenario.stakes}
        notes = scene.refused_notes()
        panels.append(
            (
                scene.why,
                lambda: scene.why.draw(
                    surface,
                    entry if game.turn else None,
                    scene.names,
                    game.worldview.as_dict(),
                    game.codes,
                    scene.version,
                    budget,
                    first,
                    stakes,
                    notes,
                    mine,
                ),
            )
        )
    if View.CARD in views and scene.dilemma:
        panels.append((scene.matrix, lambda: scene.matrix.draw(surface, game, viewer, viewer_type, budget)))
    elif View.CARD in views:
        card = game.scenario.card(entry["card"]["id"]) if entry.get("card") else None
        note = "No card drawn this turn." if game.turn else game.scenario.description
        if game.turn and not game.scenario.cards:
            note = "This scenario has no event deck: only the moves matter."
        panels.append(
            (
                scene.card,
                lambda: scene.card.draw(surface, card, game.turn, note, budget, scene.names, scene.keys_scroll_card()),
            )
        )
    if not scene.dilemma:
        panels.append(
            (
                scene.gauge,
                lambda: scene.gauge.draw(
                    surface, entry["regional_tension"], scene.previous_tension(), budget, crisis_alert(scene)
                ),
            )
        )
    elif scene.compact:
        panels.append((scene.totals, lambda: scene.totals.draw(surface, game, viewer, viewer_type, budget)))
    return panels


def draw_top(scene, surface) -> None:
    """The top bar's words: the turn, the worldview badge, the seed and the scenario, as many as fit whole."""
    m = scene.m
    r = scene.top_rect
    pygame.draw.rect(surface, palette.PANEL, r)
    view = scene.table.public_view()
    x = m.pad
    y = (r.height - text.line_height(m.body, "bold")) // 2
    items = [
        (
            f"Turn {view['turn']} / {view['turn_limit']}" + (" · the last turn" if view["over"] else ""),
            palette.TEXT,
            None,
        ),
        (crisis_alert(scene)[2], palette.BACKGROUND, palette.WARNING),  # an open crisis or a war leads
        (f"worldview: {view['worldview']}", palette.BACKGROUND, palette.ACCENT),  # hidden: named in the debrief
        (f"seed {view['seed']}", palette.MUTED, None),
        (view["scenario"], palette.MUTED, None),
    ]
    for label, colour, badge in items:
        if not label:
            continue
        room = scene.top_text_right - x
        if room < m.body * 3 or text.size(label, m.body, "bold")[0] > room - (2 * m.pad if badge else 0):
            break  # what does not fit whole is left out (the later items matter less)
        img = text.render(label, m.body, colour, "bold")
        if badge:
            box = img.get_rect(topleft=(x, y)).inflate(2 * m.pad, 4)
            box.x = x
            pygame.draw.rect(surface, badge, box, border_radius=6)
            surface.blit(img, (x + m.pad, y))
            x = box.right + m.pad * 2
        else:
            surface.blit(img, (x, y))
            x += img.get_width() + m.pad * 2


def chart_panels(scene, surface) -> list:
    """The two charts as (panel, paint it); their series are built only when a chart re-renders."""
    game, budget = scene.game, scene.budget
    viewer, viewer_type = scene.viewer()

    def top_lines():
        if scene.dilemma:  # no regional tension in the 2x2 game: what the seat may know of the score instead
            return dilemma_lines(game, viewer, viewer_type)
        s = history.series(game.turns, scene.start)
        return [
            ("regional tension", s["turn"], s["tension"], palette.CHART_TENSION, "solid"),
            ("mean trust × 100", s["turn"], s["trust"], palette.CHART_TRUST, "dashed"),
        ]

    pairs = history.actor_pairs(game.scenario.n)
    i, j = pairs[scene.pair % len(pairs)]
    a, b = game.codes[i], game.codes[j]

    def pair_lines():
        p = history.pair_series(game.turns, i, j, scene.start)
        return [
            (f"trust {a}→{b}", p["turn"], p["trust_ab"], palette.CHART_PAIR_AB, "solid"),
            (f"trust {b}→{a}", p["turn"], p["trust_ba"], palette.CHART_PAIR_BA, "dashed"),
        ] + (
            []
            if scene.dilemma
            else [(f"tension {a}–{b}", p["turn"], p["tension"], palette.CHART_PAIR_TENSION, "dotted")]
        )

    title = f"Pair {scene.names[a]} and {scene.names[b]} (× 100)"
    top_title = "Region: tension and mean trust by turn"
    if scene.dilemma:
        top_title = "Your payoff per turn, % of the best; how often the other talked, %"
        if viewer_type is None:
            top_title = "How often each side talked, % of turns so far"
    return [
        (
            scene.chart_top,
            lambda: scene.chart_top.draw(
                surface, top_title, top_lines, game.turn_limit, (scene.version, viewer), budget=budget
            ),
        ),
        (
            scene.chart_pair,
            lambda: scene.chart_pair.draw(
                surface, title, pair_lines, game.turn_limit, (scene.version, scene.pair), budget=budget
            ),
        ),
    ]


def dilemma_lines(game, viewer: int, viewer_type: str | None) -> list:
    """The 2x2 game's chart lines the seat may see: its own payoff per turn so far (a human's own; the
    other's would give its hidden type away) and how often each other side talked."""
    turns, run = dilemma.payoff_shares(game.turns, game.worldview, game.scenario.n)
    styles = ((palette.CHART_PAIR_AB, "solid"), (palette.CHART_PAIR_BA, "dashed"))
    lines = []
    if viewer_type is not None:
        lines.append((f"{game.codes[viewer]} payoff, % of the best", turns, run[viewer], *styles[viewer % 2]))
    for k, code in enumerate(game.codes):
        if viewer_type is None or k != viewer:
            talked = [dilemma.move_of(t, code) == dilemma.TALK for t in game.turns]
            share = [100.0 * sum(talked[: n + 1]) / (n + 1) for n in range(len(talked))]
            lines.append((f"{code} talked, % of turns", turns, share, *styles[k % 2]))
    return lines


def wars_begun(scene) -> list[dict]:
    """The crises that became wars in the turn on screen."""
    return war_news.wars_begun(scene.entry) if scene.game.turn else []


def crisis_alert(scene) -> tuple[str, ...]:
    """The words the gauge and the top bar lead with, longest first: a war begun this turn, else the
    highest open crisis (war_news.crisis_alert); empty when neither. The top bar takes the short ones
    (index 2), the gauge the longest that fits."""
    game = scene.game
    stakes = {s.id: s.name for s in game.scenario.stakes}
    wars = wars_begun(scene)
    if wars:
        name = war_news.stake_name(wars[0]["stake"], stakes)
        return f"WAR over {name}", f"WAR over {name}", f"WAR over {name}", "WAR"
    names = [a.name for a in game.scenario.actors]
    crises = game.open_crises()
    if not crises:
        return "", "", "", ""
    rung = max(c["rung"] for c in crises)
    return (
        war_news.crisis_alert(crises, names),
        war_news.crisis_alert(crises, names, plain=True),
        war_news.crisis_alert(crises, names, short=True),
        f"crisis rung {rung}",
    )


def wars_on_map(scene) -> list[dict]:
    """The wars begun this turn as the map takes crises: parties, the stake's name, the rung and the sides."""
    game = scene.game
    index = {c: k for k, c in enumerate(game.codes)}
    stakes = {s.id: s.name for s in game.scenario.stakes}
    return [
        {
            "parties": [index[c] for c in w["parties"]],
            "name": stakes.get(w["stake"], w["stake"]),
            "rung": w["rung"],
            "sides": [[index[c] for c in side] for side in war_news.sides(w)],
        }
        for w in wars_begun(scene)
    ]


def banner_lines(scene) -> list[str]:
    """The war banner's sentences: each war begun this turn, its stake, its sides and who escalated."""
    game = scene.game
    names = {a.code: a.name for a in game.scenario.actors}
    stakes = {s.id: s.name for s in game.scenario.stakes}
    return [war_news.war_headline(w, names, stakes) for w in wars_begun(scene)]


def banner_block(scene, width: int):
    """The banner's text laid out in width (None when no war began this turn)."""
    lines = banner_lines(scene)
    if not lines:
        return None
    return text.Block([(line, scene.m.body, palette.TEXT, "bold") for line in lines], width)


def draw_banner(scene, surface) -> None:
    """The turn a war begins the screen leads with it: a banner over the panels (its room kept by the layout)."""
    rect = getattr(scene, "banner_rect", None)
    if not rect or not rect.height:
        return
    m = scene.m
    block = banner_block(scene, rect.width - 2 * m.pad)
    if block is None:
        return
    pygame.draw.rect(surface, palette.BAND_COLOURS["brink"], rect, border_radius=8)
    pygame.draw.rect(surface, palette.TEXT, rect, 2, border_radius=8)
    surface.blit(block.surface, (rect.x + m.pad, rect.y + (rect.height - block.height) // 2))
