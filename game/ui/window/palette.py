"""Colours: a dark, high-contrast theme; colour-blind-safe by default (Okabe–Ito hues)."""

from __future__ import annotations

BACKGROUND = (16, 20, 24)
PANEL = (29, 35, 43)
PANEL_EDGE = (62, 74, 88)
TEXT = (242, 244, 247)
MUTED = (190, 198, 210)
FAINT = (120, 130, 145)
FOCUS = (240, 228, 66)  # Okabe–Ito yellow: focus rings and the selected target
ACCENT = (86, 180, 233)  # Okabe–Ito sky blue
WARNING = (240, 170, 90)

# The two security concepts get equal weight: two neutral hues of the same lightness,
# neither "good" nor "bad" (not red against green).
DETERRENCE = (157, 180, 224)  # pale steel blue
DIALOGUE = (224, 196, 143)  # pale sand
FAMILY_COLOURS = {"deterrence": DETERRENCE, "dialogue": DIALOGUE}

# Trust on edges: colour and line style both carry it, so it survives colour-blindness.
TRUST_HIGH = (86, 180, 233)  # solid, trust >= 0.6
TRUST_MID = (215, 220, 228)  # dashed, 0.4 to 0.6
TRUST_LOW = (230, 159, 0)  # dotted, below 0.4

# Tension bands from vocab.TENSION_BANDS, a sequential ramp; the band name is always printed too.
BAND_COLOURS = {"calm": (44, 82, 120), "friction": (92, 104, 118), "crisis": (150, 118, 50), "brink": (176, 74, 40)}

# Chart lines: the Okabe–Ito hues again (tension in the focus yellow, trust in the sky blue), so a
# line keeps the colour its measure has everywhere else.
CHART_TENSION = FOCUS
CHART_TRUST = ACCENT
CHART_PAIR_AB = (204, 121, 167)  # Okabe–Ito reddish purple
CHART_PAIR_BA = (0, 158, 115)  # Okabe–Ito bluish green
CHART_PAIR_TENSION = TRUST_LOW  # Okabe–Ito orange
GRID = (52, 62, 74)


def hex_colour(text: str) -> tuple[int, int, int]:
    text = text.lstrip("#")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def trust_style(trust: float) -> tuple[tuple[int, int, int], str]:
    if trust >= 0.6:
        return TRUST_HIGH, "solid"
    if trust >= 0.4:
        return TRUST_MID, "dashed"
    return TRUST_LOW, "dotted"
