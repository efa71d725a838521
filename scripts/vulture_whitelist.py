"""Names vulture cannot see used, because a library uses them by name; never run. Only such names belong
here: code that nothing uses is deleted, not listed."""

import pygame
import uvicorn

from game.core.files.record import SaveFile
from game.ui.window import lab_worker

# cattrs fills every field of a save's declared schema from the file, so each key of the file is checked
# (and accepted) even where the game reads the field no further
SaveFile.scenario_path
SaveFile.actor_names
SaveFile.human_crisis_choices
SaveFile.worldview_hidden
SaveFile.human_seats_played_by
SaveFile.seats_played_by_doctrine

# pygame.Rect's position setters, which move the rectangle
pygame.Rect.midtop
pygame.Rect.midbottom
pygame.Rect.midleft
pygame.Rect.midright

# multiprocessing reads a queue's _ignore_epipe when its reader is gone; atexit calls _stop_all
lab_worker.LabWorker._jobs._ignore_epipe
lab_worker._stop_all

# uvicorn's server ends its loop once should_exit is set (the classroom's window board sets it on closing)
uvicorn.Server.should_exit
