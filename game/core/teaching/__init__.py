"""Teaching: the game in words. The debrief read from a record, the "why did this move?" sentences,
the terminal report, the guided lesson's chapters and the hidden world (a world drawn per game and
the observer that infers it). Stands on the model, the files and the runs."""
