"""Plans: a seat's move policy with a stance policy and a backing policy of its own."""

from pathlib import Path

import numpy as np
import pytest

from game.core.files.scenario import load_scenario
from game.core.model import plans
from game.core.model.rules.bargaining import Footing
from game.core.model.doctrines import Deterrence
from game.core.model.engine import Engine
from game.core.model.rules.choice import group_seats
from game.core.model.rules.crises import OUT
from game.core.model.vocab import Stance
from game.core.runs.game_table import play_table
from tests.inprocess import run_main

ROOT = Path(__file__).resolve().parents[2]
EA = load_scenario("east_asia_2023")


run = run_main  # the commands, in this process


def test_a_plan_that_keeps_its_doctrines_choices_is_the_doctrine():
    """`deterrence+own+own` makes the doctrine itself, and plays the same games to the last digit."""
    assert type(plans.make("deterrence+own+own")) is Deterrence
    assert plans.plan_name("deterrence") == "deterrence"
    seeds = np.arange(1, 41)
    plain = play_table(EA, seeds, ["deterrence"] * EA.n)
    named = play_table(EA, seeds, ["deterrence+own+own"] * EA.n)
    assert np.array_equal(plain.score, named.score) and np.array_equal(plain.outcome, named.outcome)


def test_bad_plan_names_are_refused_with_what_is_allowed():
    """A plan with an unknown doctrine, stance or backing policy is refused, naming the allowed ones."""
    for name, needle in (
        ("nope+settle+own", "deterrence"),
        ("dialogue+wobble+own", "back-down"),
        ("dialogue+settle+maybe", "always"),
        ("dialogue+settle", r"MOVE\+STANCE\+BACKING"),
    ):
        with pytest.raises(ValueError, match=needle):
            plans.make(name)
    assert not plans.is_plan("dialogue+settle") and plans.is_plan("always-arm+firm+never")


def footing(odds):
    """A crisis footing at these public odds, each party as sure as the odds, unafraid, with no face at stake."""
    m = odds.size
    flat = np.zeros(m, np.float32)
    return Footing(
        odds=odds.astype(np.float32),
        sure=odds.astype(np.float32),
        value=2.0,
        war_cost=np.full(m, 0.3, np.float32),
        fear=flat,
        face=flat,
        u=np.full(m, 0.5, np.float32),
        their_resolve=np.ones(m, np.float32),
        provoked=np.zeros(m, bool),
    )


def test_with_policies_names_each_seats_plan():
    """Stance and backing policies given per seat turn doctrines into plans; other seats are unchanged."""
    out = plans.with_policies(["deterrence", "dialogue", "human"], {0: "settle", 2: "firm"}, {1: "never"})
    assert out == ["deterrence+settle+own", "dialogue+own+never", "human"]


def test_fixed_policies_decide_stance_and_backing_and_own_delegates():
    """A fixed stance is that stance in every crisis; always/never back whatever the draw; own asks the doctrine."""
    odds = np.array([0.1, 0.5, 0.9])
    assert (plans.make("dialogue+back-down+own").stance(footing(odds), np.ones(3), odds > 0) == Stance.BACK_DOWN).all()
    u, cred = np.array([0.1, 0.6, 0.95]), np.full(3, 0.5)
    assert plans.make("dialogue+own+always").backs(cred, u).all()
    assert not plans.make("dialogue+own+never").backs(cred, u).any()
    assert np.array_equal(plans.make("dialogue+firm+own").backs(cred, u), u < cred)


def test_seats_with_the_same_plan_decide_together():
    """Seats that share a plan are one group of the choice rule (a batch stays one vectorised call per plan)."""
    seats = [plans.make(n) for n in ("dialogue+settle+own", "dialogue+settle+own", "dialogue+own+never")]
    groups = group_seats(seats, {}, {})
    assert sorted(len(s) for _, s in groups) == [1, 2]


def test_in_play_a_settling_seat_only_settles_and_a_never_backing_seat_never_backs():
    """Over 120 games, the USA under settle+never offers to settle in every crisis it is in and backs no ally."""
    usa = EA.index("USA")
    doctrines = plans.with_policies(EA.default_doctrines(), {usa: "settle"}, {usa: "never"})
    eng = Engine(
        EA.with_worldview(EA.worldview.from_preset("deterrence-world")), np.arange(1, 121), doctrines, causes=False
    )
    party = eng.stakes.party
    stances = []
    while not eng.done:
        log = eng.step()
        assert (log.backing[log.active][:, :, usa] == OUT).all()
        for s in range(party.shape[0]):
            if usa in party[s]:
                open_now = log.active & (log.rung_before[:, s] > 0) & (log.rung_before[:, s] < 4)
                stances.extend(log.stance[open_now, s, list(party[s]).index(usa)])
    assert stances and set(stances) == {Stance.SETTLE}


def test_compare_and_simulate_take_stance_and_backing_options(tmp_path):
    """compare --stance-all and simulate --stance/--backing run and say so; a bad policy is one line, exit 2."""
    r = run("compare", "--games", "30", "--workers", "1", "--stance-all", "settle", "--backing", "USA=never")
    assert r.returncode == 0, r.stderr
    assert "stance policies: CHN settle" in r.stdout and "backing policies: USA never" in r.stdout
    out = tmp_path / "g.json"
    r = run("simulate", "--seed", "2", "--stance", "USA=firm", "--backing", "JPN=always", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "reciprocity+firm+own" in out.read_text()
    r = run("replay", str(out))
    assert r.returncode == 0, r.stderr
    r = run("simulate", "--stance", "USA=wobble")
    assert r.returncode == 2 and "allowed: firm, settle" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_a_plan_mix_plays_each_game_by_its_own_plan():
    """PlanMix gives each game its plan's stance and backing, the doctrine's own where the policy is own."""
    mix = plans.PlanMix("dialogue", ["settle", "own", "back-down"], ["always", "never", "own"])
    odds = np.array([0.9, 0.9, 0.9])
    own = plans.make("dialogue").stance(footing(odds), np.ones(3), np.zeros(3, bool))
    assert list(mix.stance(footing(odds), np.ones(3), np.zeros(3, bool))) == [Stance.SETTLE, own[1], Stance.BACK_DOWN]
    u, cred = np.array([0.9, 0.1, 0.1]), np.full(3, 0.5)
    assert list(mix.backs(cred, u)) == [True, False, True]
    assert group_seats([mix, mix], {}, {})[0][1].tolist() == [0, 1]
