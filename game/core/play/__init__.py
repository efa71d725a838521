"""Play: a game played by people. Its seats (human or AI), what each human still owes this turn,
what each seat may see, undo, save and resume. Every front end drives it: the window today, a
browser on each team's device tomorrow. Stands on every other part of core."""
