"""The game's data files: scenarios, event cards and the window's theme (read with importlib.resources)."""
