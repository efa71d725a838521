"""The third edition of the rules, measured over games with common random numbers (seeds 1..G):
crises bargained in the shadow of war, no threshold along first_strike, dialogue spread over the
region. Short versions run by default; the full sizes of the issue's acceptance run with --runslow."""

import numpy as np
import pytest

from game.core.files.scenario import load_scenario
from game.core.model.constants import K
from game.core.model.engine import Engine
from game.core.model.vocab import Action, Stance
from game.core.runs import measures as M
from game.core.runs.game_table import play_table

DIALOGUE_MOVES = (Action.SUMMIT, Action.CBM, Action.TRADE)


@pytest.fixture(scope="module")
def ea():
    return load_scenario("east_asia_2023")


def crisis_counts(scenario, world: str, games: int, doctrines=None) -> dict:
    """Crises opened, and how often a party paid audience costs, a crisis slipped into war by accident
    and a party stood firm at the brink; and the share of the region's dialogue moves each actor received."""
    eng = Engine(M.in_world(scenario, world), np.arange(1, games + 1), doctrines, causes=False)
    c = dict(crises=0, audience=0, accident=0, firm=0)
    received = np.zeros(scenario.n)
    while not eng.done:
        escalated = eng.state.escalated.copy()
        log = eng.step()
        c["crises"] += int((log.challenges & log.active[:, None, None]).sum())
        talk = np.isin(log.action, DIALOGUE_MOVES) & log.active[:, None] & (log.target >= 0)
        np.add.at(received, log.target[talk].astype(int), 1)
        for s in range(eng.stakes.count):
            stance, rung = log.stance[:, s], log.rung_before[:, s]
            brink = log.active & (rung == K.WAR_RUNG - 1)
            opened = log.active & (rung > 0) & (rung < K.WAR_RUNG)
            for side in (0, 1):
                i = eng.stakes.party[s, side]
                c["audience"] += int((opened & (stance[:, side] == Stance.BACK_DOWN) & escalated[:, s, i]).sum())
            war = brink & (log.stake_rung[:, s] == K.WAR_RUNG)
            c["accident"] += int((war & ~(stance == Stance.ESCALATE).any(axis=1)).sum())
            c["firm"] += int((brink & (stance == Stance.STAND_FIRM).any(axis=1)).sum())
    c["dialogue_share"] = received / max(received.sum(), 1)
    return c


def test_ai_play_stands_firm_pays_audience_costs_and_slips_into_war_by_accident(ea):
    """With the scenario's doctrines, parties stand firm at the brink, pay audience costs and slip into war by accident
    in both worlds (200 games a world)."""
    for world in ("deterrence-world", "spiral-world"):
        c = crisis_counts(ea, world, 200)
        assert c["firm"] > 0 and c["audience"] > 0 and c["accident"] > 0, (world, c)


def test_no_actor_draws_most_of_the_regions_dialogue(ea):
    """With the scenario's doctrines no actor receives more than 35% of the region's dialogue moves (80 games)."""
    for world in ("deterrence-world", "spiral-world"):
        share = crisis_counts(ea, world, 80)["dialogue_share"]
        assert share.max() <= 0.35, (world, share.round(2))


def test_a_greedy_seat_facing_a_resolute_region_rarely_fights_a_war_it_chose():
    """With no misperception (no private misjudgement) and credible allies, greedy parties in two_rivals almost
    never escalate into war: war needs private information or an irresolute other (300 games)."""
    sc = load_scenario("two_rivals")
    t = play_table(M.in_world(sc, "deterrence-world", misperception=0.0, first_strike=0.0), np.arange(1, 301))
    assert t.rate("war") <= 0.1


@pytest.mark.slow
def test_audience_costs_accidents_and_standing_firm_each_in_one_percent_of_crises(ea):
    """In AI play (the scenario's doctrines, 600 games a world), audience costs paid, accidents at the brink and a side
    standing firm at the brink each happen in at least 1% of crises in each world (runs.crisis_counts), and a seat of
    the US bloc faces a crisis in at least 30% of deterrence-world games."""
    from game.core.runs.crisis_counts import count_crises

    us = [i for i, a in enumerate(ea.actors) if a.bloc == ea.actors[ea.index("USA")].bloc]
    for world in ("deterrence-world", "spiral-world"):
        c = count_crises(M.in_world(ea, world), np.arange(1, 601))
        for event in ("audience_cost", "accident", "firm_at_brink"):
            assert c.rate(event) >= 0.01, (world, event, c.rate(event))
        if world == "deterrence-world":
            assert c.faced_any[:, us].any(axis=1).mean() >= 0.3


@pytest.mark.slow
@pytest.mark.parametrize("doctrine", ["deterrence", "dialogue"])
@pytest.mark.parametrize("world", ["deterrence-world", "spiral-world"])
def test_war_rates_move_smoothly_along_first_strike(ea, world, doctrine):
    """Along first_strike at 21 points of its range the war rate of an all-doctrine region moves by at most 15 points
    between neighbouring points (400 games a point): no constant switches pre-emption on."""
    rates = [
        play_table(M.in_world(ea, world, first_strike=float(x)), np.arange(1, 401), [doctrine] * ea.n).rate("war")
        for x in np.linspace(0.0, 1.0, 21)
    ]
    assert np.abs(np.diff(rates)).max() <= 0.15, np.round(rates, 3)


@pytest.mark.slow
def test_no_seat_is_last_in_most_cells_and_no_actor_draws_most_dialogue(ea):
    """Over the doctrine × world cells (every seat one playing doctrine, 600 games a cell) no seat has the lowest mean
    score in more than half of the cells, and no actor receives more than 35% of the region's dialogue moves in any."""
    from game.core.model.doctrines import PLAYING_DOCTRINES
    from game.core.runs.crisis_counts import count_crises

    last, cells = np.zeros(ea.n, int), 0
    for world in ("deterrence-world", "spiral-world"):
        for d in PLAYING_DOCTRINES:
            c = count_crises(M.in_world(ea, world), np.arange(1, 601), [d] * ea.n)
            last[int(c.score.mean(axis=0).argmin())] += 1
            cells += 1
            assert c.dialogue_share.max() <= 0.35, (world, d, c.dialogue_share.round(3))
    assert last.max() <= cells // 2, dict(zip(ea.codes, last))
