"""The window's plumbing: the one owner of the display and the clock (app), scenes on a stack, raw
events turned into intents, text and sizes that follow the text scale, colours, rows and columns,
the remembered settings and the user's data folder, saves and exports, the lab's background worker,
and the `play` command's launch."""
