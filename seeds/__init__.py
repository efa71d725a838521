"""The source article the event cards quote, as given (read with importlib.resources)."""
