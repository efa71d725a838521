"""Widgets drawn by hand for what pygame_gui has no element for: map, gauge, card, chart, why."""
