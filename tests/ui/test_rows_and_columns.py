"""game/ui/layout: a rectangle split into rows and columns, and items flowing into lines."""

import pygame

from game.ui.window import layout


def test_a_column_gives_fixed_sizes_shares_and_the_rest_in_order():
    """Fixed pixels come first, a float takes its share of what is left, None the remainder; gaps sit between."""
    head, body, foot = layout.column(pygame.Rect(10, 20, 300, 200), 40, None, 30, gap=5)
    assert (head.y, head.height) == (20, 40)
    assert (body.y, body.height) == (65, 120)
    assert (foot.y, foot.height, foot.bottom) == (190, 30, 220)
    assert all(r.x == 10 and r.width == 300 for r in (head, body, foot))


def test_a_row_of_a_share_and_the_rest_fills_the_width_exactly():
    """A share is of the width the gaps leave; the last part ends at the rectangle's right edge."""
    left, right = layout.row(pygame.Rect(0, 0, 1001, 50), 0.46, None, gap=16)
    assert left.width == round((1001 - 16) * 0.46)
    assert right.x == left.right + 16 and right.right == 1001


def test_equal_parts_share_the_pixels_rounding_leaves():
    """Parts of None split the space evenly; the last one takes the odd pixel."""
    parts = layout.row(pygame.Rect(0, 0, 101, 10), None, None, gap=0)
    assert [p.width for p in parts] == [50, 51]


def test_flow_starts_a_new_line_where_the_next_item_would_not_fit():
    """Items keep their order; an item wider than the room has a line of its own."""
    assert layout.flow([40, 40, 40], 100, 10) == [[0, 1], [2]]
    assert layout.flow([150, 20], 100, 10) == [[0], [1]]
    assert layout.flow([], 100, 10) == []


def test_flow_rects_place_each_item_on_its_line():
    """Each item's rect sits on its line, lines line_gap apart."""
    rects = layout.flow_rects(5, 7, [40, 40, 40], 100, 20, 10, line_gap=4)
    assert [tuple(r) for r in rects] == [(5, 7, 40, 20), (55, 7, 40, 20), (5, 31, 40, 20)]
