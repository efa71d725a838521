"""text.wrap measures only where a line may end, yet its lines are those of the plain greedy wrap."""

import pytest

from game.core.files.scenario import load_scenario
from game.ui.window import text


def greedy(para: str, px: int, width: int, style: str) -> list[str]:
    """The reference: a line takes words while the whole line, measured, fits; long words are broken."""
    lines, line = [], ""
    for word in para.split(" "):
        trial = word if not line else f"{line} {word}"
        if text.size(trial, px, style)[0] <= width:
            line = trial
            continue
        if line:
            lines.append(line)
        while text.size(word, px, style)[0] > width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and text.size(word[:cut], px, style)[0] > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    lines.append(line)
    return lines


def _texts():
    sc = load_scenario("east_asia_2023")
    out = [
        sc.description,
        "a  b   c",
        "",
        "one\n\ntwo",
        "Supercalifragilistic-and-even-longer-than-that x",
        "A ↔ B → C, “quoted”",
    ]
    for card in sc.cards[:12]:
        out += [
            card.title,
            f"“{card.quote}”",
            card.deterrence_reading,
            card.dialogue_reading,
            "; ".join(e.describe() for e in card.effects),
        ]
    return out


@pytest.mark.parametrize("style", ["regular", "bold", "italic"])
def test_wrap_equals_the_greedy_reference(style):
    for px in (11, 17, 26):
        for width in (40, 173, 290, 611):
            for t in _texts():
                want = [line for para in t.split("\n") for line in greedy(para, px, width, style)]
                assert text.wrap(t, px, width, style) == want, (t, px, width)


def test_ellipsize_keeps_the_longest_prefix_that_fits():
    t = "Confirm United States: Pressure → South Korea? Enter locks it in · Esc changes it"
    for width in (30, 120, 333, 2000):
        got = text.ellipsize(t, 17, width, "bold")
        if got == t:
            assert text.size(t, 17, "bold")[0] <= width
            continue
        assert not got or text.size(got, 17, "bold")[0] <= width
        cut = len(got) - 1 if got else 0
        assert cut == len(t) or text.size(t[: cut + 1] + "…", 17, "bold")[0] > width
