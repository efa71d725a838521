"""Each human's baseline: the scenario's AI in that seat alone, every other seat's recorded choices kept."""

from game.core.files.scenario import load_scenario
from game.core.model.vocab import Action, Stance
from game.core.play.session import Game

TURNS = 6


def _two_humans() -> Game:
    """China and the USA human; China challenges the USA over Taiwan and escalates, the USA stands firm."""
    sc = load_scenario("east_asia_2023")
    doctrines = list(sc.default_doctrines())
    chn, usa = sc.index("CHN"), sc.index("USA")
    doctrines[chn] = doctrines[usa] = "human"
    game = Game(sc, 5, doctrines, turns=TURNS)
    taiwan = [s.id for s in sc.stakes].index("taiwan")
    for t in range(TURNS):
        if game.over:
            break
        china = (Action.CHALLENGE, usa) if t == 0 else (Action.ARM, -1)
        stances = {(chn, taiwan): Stance.ESCALATE, (usa, taiwan): Stance.STAND_FIRM} if t else {}
        game.play_turn({chn: china, usa: (Action.FORUM, -1)}, stances)
    return game


def test_the_usa_baseline_keeps_chinas_human_choices():
    """USA's baseline game replays China's recorded moves and stances, with only the USA seat played by the AI."""
    game = _two_humans()
    chn, usa = game.scenario.index("CHN"), game.scenario.index("USA")
    base = game.baseline_of(usa)
    assert base.humans == [chn]
    assert base.doctrines[usa] == game.scenario.default_doctrines()[usa]
    played = min(len(base.choices), len(game.choices))
    assert played >= 1
    assert [c[chn] for c in base.choices[:played]] == [c[chn] for c in game.choices[:played]]
    assert base.turns[0]["actions"]["CHN"]["action"] == "CHALLENGE"
    china_stances = [{k: v for k, v in c["stances"].items() if k[0] == chn} for c in base.crisis_choices[:played]]
    recorded = [{k: v for k, v in c["stances"].items() if k[0] == chn} for c in game.crisis_choices[:played]]
    assert china_stances == recorded


def test_each_human_is_compared_with_its_own_seat_alone():
    """baseline_scores gives each human the score of its own seat-alone replay, and each AI seat its own score."""
    game = _two_humans()
    chn, usa = game.scenario.index("CHN"), game.scenario.index("USA")
    scores = game.baseline_scores()
    assert scores[usa] == game.baseline_of(usa).scores()[usa]
    assert scores[chn] == game.baseline_of(chn).scores()[chn]
    ai = [i for i in range(game.scenario.n) if i not in game.humans]
    assert [scores[i] for i in ai] == [game.scores()[i] for i in ai]
    everyone_ai = Game(game.scenario, game.seed, game.scenario.default_doctrines(), turns=TURNS)
    everyone_ai.autoplay()
    # the USA's replay keeps China's challenge, so its game is not the all-AI one
    assert game.baseline_of(usa).turns[0]["actions"] != everyone_ai.turns[0]["actions"]


def test_a_single_human_baseline_is_the_all_ai_game():
    """With one human, its seat alone played by the AI is the game every seat's AI plays."""
    sc = load_scenario("east_asia_2023")
    doctrines = list(sc.default_doctrines())
    doctrines[0] = "human"
    game = Game(sc, 2, doctrines, turns=4)
    for _ in range(4):
        game.play_turn({0: (Action.HOLD, -1)})
    everyone_ai = Game(sc, 2, sc.default_doctrines(), turns=4)
    everyone_ai.autoplay()
    assert game.baseline_scores()[0] == everyone_ai.scores()[0]
