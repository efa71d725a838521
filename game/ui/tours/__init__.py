"""Screenshot tours (`play --screenshot DIR`): the real scenes driven by posted events, one PNG per
screen, for the game, the lab and Learn."""
