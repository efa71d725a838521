"""Deterrence or Dialogue: a turn-based simulation of regional security in East Asia."""
