"""Files: what the game reads and writes. Scenario and deck loaders that turn TOML into frozen,
checked values (one declared schema each, one-line errors naming file, field and what is allowed),
the source article, game records and their CSV, where the data folders are, and the atomic writer.
Stands on the model only."""
