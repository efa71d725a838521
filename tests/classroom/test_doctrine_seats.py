"""A human seat whose turn its doctrine plays (a team that did not choose in time): the record
names it, replays it, and plays it as the AI would."""

from game.core.files.record import GameRecord
from game.core.files.scenario import load_scenario
from game.core.model.vocab import Action, Stance
from game.core.play.session import Game
from game.core.play.table import Owed, Table


def owe_nothing(table, seat, action, target=None):
    """Give the seat's move and a firm stance and backing for every crisis answer it owes, then lock in."""
    table.choose(seat, action, target)
    for debt in table.owed(seat):
        if debt.kind is Owed.BELIEF:
            table.state_belief(seat, 0.5)
        elif debt.kind in (Owed.STANCE, Owed.BACKING):
            table.answer(seat, {"kind": debt.kind.value, "stake": debt.stake}, Stance.STAND_FIRM)
    assert table.lock_in(seat) == []


def test_every_seat_by_its_doctrine_plays_the_ai_game():
    """Human seats whose every turn their own doctrine plays give the turns of the all-AI game on the same seed."""
    sc = load_scenario("two_rivals")
    ai = Game(sc, 5)
    ai.autoplay()
    table = Table(Game(sc, 5, ["human"] * sc.n))
    while not table.game.over:
        for seat in table.humans:
            table.play_by_doctrine(seat)
        table.end_turn()
    assert table.game.turns == ai.turns
    assert table.game.record().data["seats_played_by_doctrine"][0] == dict(zip(sc.codes, sc.default_doctrines()))


def test_a_record_with_a_doctrine_turn_replays():
    """A record in which one seat's doctrine played one turn loads back to the same record, and undo takes it back."""
    sc = load_scenario("east_asia_2023")
    table = Table(Game(sc, 3, ["human"] * 2 + sc.default_doctrines()[2:], turns=4))
    for turn in range(3):
        owe_nothing(table, 0, Action.FORUM)
        if turn == 1:
            table.play_by_doctrine(1)
        else:
            owe_nothing(table, 1, Action.TRADE, 0)
        table.end_turn()
    record = table.game.record()
    assert record.data["seats_played_by_doctrine"] == [{}, {sc.codes[1]: sc.actors[1].doctrine}, {}]
    assert Game.from_record(GameRecord.from_json(record.to_json())).record() == record
    table.undo()
    table.undo()
    assert "seats_played_by_doctrine" not in table.game.record().data
