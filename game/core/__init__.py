"""The simulation: plain numpy arrays, no pygame. The engine runs many games at once; the lab's
experiments, records and reports are built on it."""
