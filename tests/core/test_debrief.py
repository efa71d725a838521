"""The debrief's sentences (game.core.teaching.debrief), each read from a small hand-built record."""

from game.core.teaching import debrief as D

NAMES = {"A": "Arland", "B": "Borea", "C": "Cyra"}
STAKES = {"isle": "The Isle", "strait": "Strait"}


def record(turns=(), crises=(), outcome="turn-limit", types=None, **extra) -> dict:
    data = {
        "actor_names": NAMES,
        "dispositions": types or {"A": "greedy", "B": "security-seeking", "C": "greedy"},
        "outcome": outcome,
        "crises": list(crises),
        "turns": list(turns),
        "end_turn": len(turns) or 1,
        "turn_limit": 3,
        "worldview": {"preset": "spiral-world", "label": "spiral-world"},
        "worldview_hidden": True,
        "beliefs": {},
        "brier": {},
        "observer": [],
    }
    data.update(extra)
    return data


def turn(n, actions, trust=(), crises=()) -> dict:
    return {
        "turn": n,
        "actions": {c: {"action": a, "target": None} for c, a in actions.items()},
        "causes": {"trust": [list(t) for t in trust], "tension": []},
        "crises": list(crises),
        "refused": {},
    }


def crisis(ended, stances, challenger="A", backers=None, accident=None, stake="isle") -> dict:
    out = {
        "stake": stake,
        "parties": ["A", "B"],
        "challenger": challenger,
        "opened": 1,
        "ended": ended,
        "stances": [dict(turn=k + 2, rung=r, A=a, B=b) for k, (r, a, b) in enumerate(stances)],
        "backers": backers or {},
    }
    if accident is not None:
        out["accident"] = accident
    return out


def test_a_challenge_that_ended_in_war_is_named_with_its_stake():
    """The challenger of a crisis that ended in war reads that its challenge over the stake ended in war."""
    war = crisis("war", [(2, "ESCALATE", "STAND_FIRM"), (4, "ESCALATE", "STAND_FIRM")], accident=False)
    r = record(crises=[war], outcome="regional-war")
    assert D.sentence(r, "A", STAKES) == "Your challenge to Borea over the Isle ended in war."
    assert D.sentence(r, "B", STAKES) == "Arland challenged you over the Isle, and the crisis ended in war."


def test_a_backer_is_drawn_into_its_allys_war_and_a_bystander_stayed_out():
    """An actor that backed a party is drawn into the war; one that took no part stayed out of it."""
    war = crisis("war", [(4, "STAND_FIRM", "STAND_FIRM")], backers={"C": "B"}, accident=True)
    r = record(crises=[war], outcome="regional-war")
    assert (
        D.sentence(r, "C", STAKES)
        == "You backed Borea over the Isle and were drawn into its war, by an accident at the brink."
    )
    r = record(crises=[dict(war, backers={})], outcome="regional-war")
    assert D.sentence(r, "C", STAKES).startswith("You stayed out of the war over the Isle between Arland and Borea")


def test_a_stake_won_when_the_other_side_backed_down_and_the_trust_it_cost():
    """The party that stood firm while the other backed down won the stake; the trust it lost is named."""
    won = crisis("backed-down", [(0, "STAND_FIRM", "BACK_DOWN")])
    turns = [
        turn(
            1,
            {"A": "CHALLENGE", "B": "HOLD", "C": "HOLD"},
            trust=[("B", "A", "action", -0.2), ("C", "A", "action", -0.1)],
        )
    ]
    assert D.crisis_winner(won) == "A"
    assert (
        D.sentence(record(turns, [won]), "A", STAKES)
        == "You won the crisis over the Isle, and lost the region's trust."
    )


def test_peace_with_the_largest_fall_of_trust_read_from_the_humans_own_move():
    """In peace, the largest fall of another's trust from how it read the human's own move is the sentence's
    second half, naming that observer's type."""
    turns = [
        turn(
            1,
            {"A": "ARM", "B": "HOLD", "C": "HOLD"},
            trust=[("B", "A", "action", -0.12), ("B", "A", "camp", -0.3), ("C", "A", "action", -0.02)],
        ),
        turn(2, {"A": "SUMMIT", "B": "HOLD", "C": "HOLD"}, trust=[("C", "A", "action", 0.04)]),
    ]
    r = record(turns)
    assert D.sentence(r, "A") == "You kept the peace, but a security-seeking Borea read your arming as a threat."
    lines = D.move_effects(r, "A")
    assert lines[0] == "Your arming (1 turn): the others' trust in you −0.14 in all, most Borea’s −0.12"
    assert lines[1] == "Your summit (1 turn): the others' trust in you +0.04 in all, most Cyra’s +0.04"
    thin = record(
        [
            turn(
                1,
                {"A": "TRADE", "B": "HOLD", "C": "HOLD"},
                trust=[("B", "A", "action", 0.004), ("C", "A", "action", 0.004)],
            )
        ]
    )
    assert D.move_effects(thin, "A") == [
        "Your trade (1 turn): the others' trust in you +0.01 in all, spread thinly over everyone"
    ]
    quiet = record([turn(1, {"A": "HOLD", "B": "HOLD", "C": "HOLD"})])
    assert D.sentence(quiet, "A") == "You kept the peace, and the others' trust in you held steady."
    assert D.move_effects(quiet, "A") == [
        "Your restraint (1 turn): read as telling little, it moved nobody's trust in you"
    ]


def test_a_war_is_told_rung_by_rung_with_its_backers_and_an_accident():
    """The story opens with the challenge, gives each turn's stances, backers and rung, and ends with a war that
    came by accident when nobody escalated at the brink."""
    war = crisis(
        "war",
        [(2, "STAND_FIRM", "STAND_FIRM"), (3, "STAND_FIRM", "STAND_FIRM"), (4, "STAND_FIRM", "SETTLE")],
        backers={"C": "B"},
        accident=True,
    )
    turns = [turn(1, {}), turn(2, {}, crises=[{"stake": "isle", "backers": {"C": "B"}}]), turn(3, {}), turn(4, {})]
    story = D.crisis_story(record(turns, [war]), war, STAKES)
    assert story == [
        "Turn 1: Arland challenged Borea over the Isle. Rung 1: dispute.",
        "Turn 2: Arland stood firm, Borea stood firm; Cyra backed Borea → rung 2: confrontation.",
        "Turn 3: Arland stood firm, Borea stood firm → rung 3: brink.",
        "Turn 4: Arland stood firm, Borea offered to settle → WAR.",
        "Nobody escalated at the brink, yet war came by accident (misperception and fear at the top of the "
        "ladder): Arland against Borea with Cyra.",
    ]
    assert (
        D.part_in_crisis(record(turns, [war]), war, "A")
        == "Your part, Arland: you challenged Borea; you stood firm 3 times."
    )
    assert D.part_in_crisis(record(turns, [war]), war, "C") == "Your part, Cyra: you backed Borea (turn 2)."
    assert D.crisis_summary(record(turns, [war]), war, STAKES) == "The Isle (Arland–Borea), turns 1–4: WAR"


def test_the_world_and_the_beliefs_in_words():
    """The world revealed names its idea and that it was hidden; a belief path reads turn by turn with its Brier
    score."""
    r = record(
        beliefs={"A": [[1, 0.3], [3, 0.8]]},
        brier={"A": 0.265, "observer": 0.1},
        observer=[[1, 0.6], [3, 0.9]],
        end_turn=3,
    )
    assert D.world_line(r) == (
        "The world was the spiral world: arming provokes and fear spirals into conflict. "
        "It was drawn from the seed and hidden from everyone until now."
    )
    assert (
        D.belief_line(r, "A") == "Your chance of the spiral world: 30% after turn 1, 80% at the end; Brier score 0.27."
    )
    assert D.belief_line(r, "B") == "You stated no belief about the world."
    assert D.observer_line(r).endswith("ended at 90% spiral world (Brier score 0.10).")
