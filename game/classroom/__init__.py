"""The classroom: a server on the teacher's machine that seats every team at its own device,
with the projector as the board (see docs/classroom-protocol.md)."""
