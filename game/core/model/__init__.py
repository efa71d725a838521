"""The model: the state of B games at once, the rules that advance it one turn (one rule a module in
rules/, each docstring its equation), the engine that calls them in order, the constants table, the
worldview parameters, the doctrines and the counter-based random numbers. It imports nothing else of
the game: every other part of core stands on it."""
