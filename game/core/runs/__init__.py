"""Runs: many games at once. The options of a run, checked once; batches of games; experiments over
a grid of conditions with common random numbers; the results every run is summarised by (rates, their
intervals, mean trust: each computed in one place); tallies kept as games finish; the per-game table;
the model's measured properties; the process pool and the cluster that spread the work. Stands on the
model and the files."""
