"""The lesson plan (the teacher's guide as data): each version fills 45 minutes part after part, every
part's game is built as the guide names it, and the prepared games do what their prompts promise."""

import pytest

from game.core.model.doctrines import HUMAN
from game.core.play.lesson_games import part_game
from game.core.teaching import lesson_plan as L


@pytest.mark.parametrize("plan", L.PLANS, ids=lambda p: p.key)
def test_each_version_fills_45_minutes_without_gaps(plan):
    """The parts follow each other minute by minute from 0 to 45, and a part that goes on has a game before it."""
    assert plan.parts[0].start == 0 and plan.parts[-1].end == 45 and plan.minutes == 45
    for before, after in zip(plan.parts, plan.parts[1:]):
        assert after.start == before.end and after.minutes > 0
        if after.same_game:
            assert before.plays
    assert len({p.key for p in plan.parts}) == len(plan.parts)
    assert all(len(p.prompt) <= 110 for p in plan.parts)  # one line on the strip under the game


@pytest.mark.parametrize("plan", L.PLANS, ids=lambda p: p.key)
def test_every_game_of_a_part_is_set_up_as_named(plan):
    """Each part's game has its scenario, human seats, world (hidden where the part says), seed and turns."""
    for part in plan.parts:
        if not part.scenario:
            continue
        game = part_game(part, part.seed if part.seed is not None else 11)
        assert game.scenario.name == part.scenario
        assert game.hidden == (part.worldview == L.HIDDEN)
        humans = {code for code, c in part.seats if c == HUMAN}
        assert {game.codes[i] for i in game.humans} == humans
        if part.turns:
            assert game.turn_limit == part.turns


def test_the_prepared_games_do_what_their_prompts_say():
    """Part 3's seed shows an accident at turn 7 (a move that is not the one intended), and part 6's seed
    opens a crisis with Japan in turn 1, whatever the class does."""
    noise = part_game(L.NOISE_STRICT, L.NOISE_STRICT.seed)
    for _ in range(7):
        noise.play_turn()
    seventh = noise.record().turns[6]["actions"]
    assert any(m["intended"] != m["action"] for m in seventh.values())
    assert all(m["intended"] == m["action"] for t in noise.record().turns[:6] for m in t["actions"].values())
    crisis = part_game(L.CRISES, L.CRISES.seed)
    japan = crisis.codes.index("JPN")
    crisis.play_turn({japan: (7, -1)})  # hold
    assert any(japan in c["parties"] for c in crisis.open_crises())
