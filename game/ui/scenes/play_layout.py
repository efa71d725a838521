"""Where the play screen's parts go: the top bar, the action bar, the panels, the crisis prompt.

At scale 1.0 the map (or chart) fills the left half and the right column holds the tension gauge,
the event card and the why panel; from COMPACT_SCALE up (projectors) one large view at a time,
chosen with tabs in one row with the gauge. The pygame_gui buttons are built here, once per set
of them (see PlayScene._structure).
"""

from __future__ import annotations

import pygame
import pygame_gui

from ..window import text
from ..window.intents import Intent, Kind, View
from ..window.layout import column, row
from ..widgets import briefing
from ..widgets.action_bar import ActionBar
from ..widgets.gauge import TensionGauge
from . import play_draw

TABS = ((View.CARD, "Card (E)"), (View.WHY, "Why (W)"), (View.MAP, "Map (M)"), (View.CHART, "Chart (C)"))


def button_w(label: str, m) -> int:
    return text.size(label, m.body, "bold")[0] + 2 * m.pad + 8


def lay_out(scene) -> None:
    """Build every widget of the play screen for the window's size and the text scale."""
    m = scene.m
    w, h = scene.app.size
    scene.bindings.wheel = scene.wheel
    top_elements = top_bar(scene)
    human = scene.current is not None
    bar_h = ActionBar.height_for(m, w, human)
    game = scene.game
    longest = max((a.name for a in game.scenario.actors), key=lambda n: text.size(n, m.body, "bold")[0])
    scene.bar.build(
        scene,
        pygame.Rect(0, h - bar_h, w, bar_h),
        m,
        human,
        scene.auto,
        scene.speed_text(),
        longest,
        finished=game.over,
    )
    scene.bar.show_choice(scene.move[0])
    scene.bar.show_blocked(scene.blocked())
    body = pygame.Rect(
        m.pad, scene.top_rect.bottom + m.pad // 2, w - 2 * m.pad, h - bar_h - scene.top_rect.bottom - m.pad
    )
    banner = play_draw.banner_block(scene, body.width - 2 * m.pad)  # a war begun this turn leads the screen
    scene.banner_rect = pygame.Rect(body.x, body.y, body.width, banner.height + m.pad if banner else 0)
    if banner:
        body = pygame.Rect(
            body.x,
            scene.banner_rect.bottom + m.pad // 2,
            body.width,
            body.bottom - scene.banner_rect.bottom - m.pad // 2,
        )
    scene.card.deck = tuple(game.scenario.cards)  # one text size for every card of the game
    (compact_panels if scene.compact else side_by_side_panels)(scene, body)
    if scene.view is View.CHART:
        pair_buttons(scene)
    # node positions are known only after the map has rendered once
    scene.zones_pending = scene.view is View.MAP
    if scene.shown_prompt() is not None:
        crisis_prompt(scene, top_elements)


def top_bar(scene) -> int:
    """The top bar: Menu and Help at the right, the human's running score beside them; the number of
    elements built (the ones the crisis prompt leaves visible)."""
    m = scene.m
    w = scene.app.size[0]
    pad = m.pad
    scene.top_rect = pygame.Rect(0, 0, w, max(text.line_height(m.body, "bold") + 2 * pad, m.button_h + pad))
    y = (scene.top_rect.height - m.button_h) // 2
    bx = w - pad
    for label, intent, tip in (
        ("Menu", Intent(Kind.MENU), "Esc: save, settings, title screen"),
        ("Help", Intent(Kind.HELP), "F1 or ?: every key"),
    ):
        bx -= button_w(label, m)
        scene.add(
            pygame_gui.elements.UIButton(
                pygame.Rect(bx, y, button_w(label, m), m.button_h), label, scene.ui, tool_tip_text=tip
            ),
            intent,
        )
        bx -= pad // 2
    scene.score_button = None
    if scene.current is not None:
        bw = button_w(briefing.score_label(100.0), m)  # the widest it gets: the badge never resizes
        bx -= bw + pad
        scene.score_button = scene.add(
            pygame_gui.elements.UIButton(
                pygame.Rect(bx, y, bw, m.button_h),
                "",
                scene.ui,
                tool_tip_text="",
                object_id=pygame_gui.core.ObjectID(class_id="@primary"),
            ),
            Intent(Kind.SCORE),
        )
        scene.show_score()
    scene.top_text_right = bx - pad
    return len(scene.elements)


def compact_panels(scene, body) -> None:
    """Large text: one row of view tabs with the tension gauge in one line, then the one view."""
    m = scene.m
    pad = m.pad
    row_h = max(m.button_h, TensionGauge.height_for(m, True))
    _, main = column(body, row_h, None, gap=pad // 2)
    x = body.x
    for view, label in TABS:
        if view is View.CARD and scene.dilemma:
            label = "Payoffs (E)"
        b = pygame_gui.elements.UIButton(
            pygame.Rect(x, body.y + (row_h - m.button_h) // 2, button_w(label, m), m.button_h), label, scene.ui
        )
        scene.add(b, Intent(Kind.SHOW_VIEW, view))
        if view is scene.view:
            b.select()
        x += button_w(label, m) + pad // 2
    strip = (x + pad, body.y, body.right - x - pad, row_h)
    scene.gauge.set_rect(strip, m, compact=True)
    scene.totals.set_rect(strip, m, compact=True)
    scene.map.set_rect(main, m)
    charts(scene, main)
    # big text: the card and the why panel each get the whole view (tabs E and W)
    for panel in (scene.card, scene.matrix, scene.why):
        panel.set_rect(main, m)


def side_by_side_panels(scene, body) -> None:
    """Scale 1.0: the map or chart on the left; the gauge, the event card and the why panel on the right."""
    m = scene.m
    pad = m.pad
    left, right = row(body, round(body.width * 0.5), None, gap=pad)
    gauge, rest = column(right, TensionGauge.height_for(m), None, gap=pad // 2)
    # the card first; the why panel has room for a few causes, and scrolls (W: full size)
    card, why = column(rest, round(rest.height * 0.64), None, gap=pad // 2)
    scene.map.set_rect(left, m)
    charts(scene, left)
    scene.gauge.set_rect(gauge, m)
    scene.card.set_rect(card, m)
    scene.matrix.set_rect(gauge.union(card), m)
    scene.why.set_rect(why, m)
    # E or W: the card or the why panel full size in the map's place, the other one the whole column
    if scene.view is View.WHY:
        scene.why.set_rect(left, m)
        scene.card.set_rect(rest, m)
    elif scene.view is View.CARD:
        scene.card.set_rect(left, m)
        scene.why.set_rect(rest, m)


def charts(scene, rect) -> None:
    """The region chart and the pair chart, with the pair buttons between or beside them."""
    m = scene.m
    pad = m.pad
    scene.chart_pair.corner = (0, 0)
    scene.pair_labels = PAIR_BUTTONS
    if rect.width > 2.2 * rect.height:
        # a wide, flat view (the tabs at large text sizes): the two charts side by side, each as tall as it can
        # be, the pair buttons (in short) in the pair chart's top right corner, which its title and legend keep clear
        top, pair = row(rect, (rect.width - pad) // 2, None, gap=pad)
        inset = max(4, pad // 2)
        scene.pair_labels = SHORT_PAIR_BUTTONS
        width = sum(button_w(label, m) for label, _, _ in SHORT_PAIR_BUTTONS) + pad // 2
        scene.chart_pair.corner = (width + inset, m.button_h + inset)
        buttons = pygame.Rect(pair.right - inset - width, pair.y + inset, width, m.button_h)
    else:
        top, buttons, pair = column(
            rect, round((rect.height - m.button_h - pad // 2) * 0.5), m.button_h, None, gap=pad // 2
        )
    scene.chart_top.set_rect(top, m)
    scene.chart_pair.set_rect(pair, m)
    scene.pair_buttons_at = buttons.topleft


PAIR_BUTTONS = (("Previous pair [", Intent(Kind.PREV_PAIR), None), ("Next pair ]", Intent(Kind.NEXT_PAIR), None))
SHORT_PAIR_BUTTONS = (
    ("Previous [", Intent(Kind.PREV_PAIR), "The previous pair of actors ([)"),
    ("Next ]", Intent(Kind.NEXT_PAIR), "The next pair of actors (])"),
)


def pair_buttons(scene) -> None:
    m = scene.m
    x, y = scene.pair_buttons_at
    for label, intent, tip in scene.pair_labels:
        rect = pygame.Rect(x, y, button_w(label, m), m.button_h)
        scene.add(pygame_gui.elements.UIButton(rect, label, scene.ui, tool_tip_text=tip), intent)
        x += button_w(label, m) + m.pad // 2


def crisis_prompt(scene, top_elements: int) -> None:
    """The crisis prompt is modal: the screen's own buttons are hidden under it, the top bar's stay."""
    m = scene.m
    w, h = scene.app.size
    for element in scene.elements[top_elements:]:
        element.hide()
    scene.zones_pending = False
    prompt = scene.shown_prompt()
    count = len(scene.table.prompts(scene.current))
    below_top = pygame.Rect(m.pad, scene.top_rect.bottom + m.pad // 2, w - 2 * m.pad, h - scene.top_rect.bottom - m.pad)
    scene.prompt.build(
        scene,
        below_top,
        m,
        prompt,
        scene.current,
        [a.name for a in scene.game.scenario.actors],
        scene.table.answer_of(scene.current, prompt),
        f"{scene.prompt_at + 1} of {count}" if count > 1 else "",
        scene.last_turn_of(prompt),
    )
