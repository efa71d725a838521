"""The window draws any text without crashing: a line its faces draw as nothing (a zero-width
space, a joiner, a NUL) is drawn as a visible replacement, and measured as drawn."""

import pytest

from game.ui.window import text

HIDDEN = ["\u200b", "\u200d", "\u2060", "\ufeff", "\u200b\u200c", "\x00", "A\u202eB", "ok\u200d", "\u3164", "\u2800"]


@pytest.mark.parametrize("line", HIDDEN, ids=ascii)
def test_text_that_draws_nothing_is_drawn_as_a_visible_replacement(line):
    """render never raises, gives a surface with width, and size agrees with what render drew."""
    for style in ("regular", "bold"):
        surf = text.render(line, 14, (255, 255, 255), style)
        assert surf.get_width() > 0 and text.size(line, 14, style)[0] == surf.get_width()
        assert text.wrap(line, 14, 200, style) and text.ellipsize(line, 14, 200, style)


def test_the_replacement_names_the_characters_it_stands_for():
    """A zero-width space is drawn as its code; text of nothing but spaces as (blank)."""
    assert text.replacement("\u200b") == "\\u200b" and text.replacement("a\u200db") == "a\\u200db"
    assert text.replacement("") == "(blank)"
