"""The title menu's entries as plain lists: the game's own, then the lab's."""
