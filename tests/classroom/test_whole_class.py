"""Whole games played by scripted teams over WebSockets on 127.0.0.1 give, byte for byte, the
record that the same seeds and choices give through the table directly."""

import asyncio

import pytest

from game.classroom.room import Classroom
from game.core.files.scenario import load_scenario

from .live import LiveServer, play_class, play_direct


def _play(tables: int, turns: int, seed: int):
    sc = load_scenario("east_asia_2023")
    room = Classroom(sc, tables=tables, seed=seed, hidden=True, turns=turns)
    with LiveServer(room) as server:
        views = asyncio.run(play_class(server.url, room))
    return sc, room, views


def _check_records(sc, room, turns, seed):
    answers = 0
    for ct in room.tables:
        direct = play_direct(sc, seed, ct.index, turns)
        assert ct.game.over and ct.game.turn == direct.game.turn
        assert ct.table.save() == direct.save()
        assert ct.game.record().to_json() == direct.game.record().to_json()
        answers += sum(len(c["stances"]) + len(c["backing"]) for c in direct.game.crisis_choices)
    return answers


def test_eight_teams_at_one_table_play_the_game_the_table_plays():
    """8 teams at one table play a hidden game out (moves, stances, backing, beliefs) to the direct record."""
    sc, room, views = _play(tables=1, turns=10, seed=11)
    assert len(views) == 8 and all(v["debrief"] is not None for v in views)
    assert _check_records(sc, room, 10, 11) > 0  # crises were answered, not only moves
    assert any(room.tables[0].game.beliefs.values())


@pytest.mark.parametrize(
    "tables,turns", [pytest.param(2, 3, id="2-tables"), pytest.param(3, 5, id="3-tables", marks=pytest.mark.slow)]
)
def test_tables_of_eight_play_their_own_games(tables, turns):
    """Tables of 8 teams: each table plays its own seed (seed + table) and gives the direct record (2 tables of
    3 turns; 3 of 5 with --runslow)."""
    sc, room, views = _play(tables=tables, turns=turns, seed=40)
    assert len(views) == 8 * tables
    assert [ct.game.seed for ct in room.tables] == [40 + k for k in range(tables)]
    _check_records(sc, room, turns, 40)
    summary = views[0]
    assert summary["over"]
