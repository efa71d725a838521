"""The pygame-ce + pygame_gui front end: app loop, scenes on a stack, widgets."""
