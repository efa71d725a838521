"""Learn, the guided first lesson: seven short chapters as plain data.

Each chapter has a few sentences, one thing to do in the real game (a Task: which scenario,
seed, doctrines and worldview, how many rounds, what the learner must do) and one question with
feedback for every answer. The window (game/ui/scenes/learn.py) plays the tasks with
session.Game; this module never imports the window, and `play.lesson_games.games(task)` builds the
real games.
"""

from __future__ import annotations

import attrs

from ..model.vocab import Action


@attrs.frozen
class Task:
    """One thing to do. kind "play": the learner plays `human` for `rounds` turns (choosing a move
    with keys 1-9); "watch": one game per entry of `watch` (all AI, same seed) is stepped a turn at
    a time with Enter; `require` names a move the learner must make once (an Action's name), and
    `stance` asks for at least one answer to a crisis prompt; with `crises` off the learner is not
    asked about crises (its seat stands firm and keeps faith with its allies)."""

    kind: str
    instruction: str
    scenario: str
    seed: int
    rounds: int
    human: str = ""
    doctrines: tuple[tuple[str, str], ...] = ()  # (actor code, doctrine) over the scenario's own
    watch: tuple[str, ...] = ()  # "watch": the doctrine every actor plays, one game each
    worldview: str = ""  # a preset, "" for the scenario's own
    sets: tuple[tuple[str, float], ...] = ()  # worldview values changed for this chapter
    turns: int = 0  # the game's turn limit (0: `rounds`)
    hidden: bool = False
    require: str = ""
    stance: bool = False
    crises: bool = True  # the learner answers crisis prompts (not before chapter 6 teaches crises)


@attrs.frozen
class Question:
    prompt: str
    options: tuple[str, ...]
    correct: int
    feedback: tuple[str, ...]


@attrs.frozen
class Chapter:
    number: int
    title: str
    minutes: int
    text: tuple[str, ...]
    task: Task
    question: Question
    sources: str = ""


CHAPTERS: tuple[Chapter, ...] = (
    Chapter(
        1,
        "The security dilemma",
        2,
        (
            "Two countries, Azuria and Ambria. Each round both choose at the same time: talk (a dialogue move such as "
            "a summit, a confidence-building measure or trade) or deter (arm, ally or pressure).",
            "If both talk, both get 3 points. If both deter, both get 1. If you talk while the other deters, you get 0 "
            "and it gets 5 if it is greedy, 2 if it only wants to be secure.",
            "You do not know Ambria's type, and Ambria does not know yours. John Herz and Robert Jervis called this "
            "the security dilemma: what one side does to feel safe (arming) can make the other feel less safe, even "
            "when neither wants a fight. The deterrence model answers: a greedy neighbour is only held back by "
            "strength. The spiral model answers: strength alarms a fearful neighbour, who arms in turn.",
        ),
        Task(
            "play",
            "Play one round as Azuria against Ambria: choose a move with 1–8 (1–3 deter, 4–8 talk), then press Enter.",
            "two_rivals",
            7,
            1,
            human="AZR",
            doctrines=(("AMB", "reciprocity"),),
        ),
        Question(
            "Two security-seeking states both deter. Why could that happen?",
            (
                "Deterring earns a security-seeker more than talking, whatever the other does.",
                "Each fears the other might be greedy, so talking looks too risky.",
                "Only deterrence moves count in the score.",
            ),
            1,
            (
                "Not for a security-seeker: against a talker it would rather talk (3) than deter (2). It deters "
                "only if it expects the other to deter.",
                "Right: the fear of being exploited, not a wish to exploit, can push two defensive states to arm. "
                "That is the dilemma.",
                "No: the 2×2 gives points to every pair of moves, talk included.",
            ),
        ),
        sources="Herz 1950; Jervis 1976 and 1978 (the security dilemma; the deterrence and spiral models).",
    ),
    Chapter(
        2,
        "Repeated play and reciprocity",
        3,
        (
            "Countries do not meet once; they meet every year. Robert Axelrod ran tournaments of computer strategies "
            "for the repeated prisoner's dilemma and found that a simple rule did well: start by cooperating, then do "
            "what the other did last round (tit-for-tat).",
            "Axelrod called the weight of future rounds the shadow of the future: when tomorrow matters, exploiting "
            "today costs more than it earns. In this game that rule is the doctrine reciprocity.",
            "Deterrence has its own version of this logic: punish every hostile move so that it never pays. "
            "Reciprocity rewards talk and punishes deterrence, so it is both.",
        ),
        Task(
            "play",
            "Play 5 rounds against reciprocity. Try talking, then try one deterrence move and watch Ambria's "
            "next move.",
            "two_rivals",
            11,
            5,
            human="AZR",
            doctrines=(("AMB", "reciprocity"),),
        ),
        Question(
            "Against reciprocity, what does a deterrence move by you usually bring?",
            (
                "A deterrence move back next round.",
                "Nothing: reciprocity forgives every deterrence move.",
                "Deterrence for the rest of the game.",
            ),
            0,
            (
                "Right: reciprocity answers like with like, so deterring costs you the 3 points of mutual talk.",
                "No: reciprocity answers like with like; forgiving everything would let it be exploited.",
                "No: it goes back to talk as soon as you do.",
            ),
        ),
        sources="Axelrod 1984, The Evolution of Cooperation.",
    ),
    Chapter(
        3,
        "Noise, and why generosity pays",
        3,
        (
            "Real moves go wrong: a patrol strays, an order is misread, a radar shows a missile that is not there. "
            "Here every move has a chance of coming out as a different one (a move marked * below).",
            "Two tit-for-tat players can then be locked in an echo: one accident is punished, the punishment is "
            "punished, and so on. Nowak and Sigmund showed that generous tit-for-tat, which sometimes forgives, does "
            "better when there is noise. Charles Osgood's GRIT (graduated reciprocation in tension-reduction) asks a "
            "state to take small, announced, unilateral steps to break such an echo.",
            "Generosity has a price: a greedy opponent can exploit it. How much to forgive depends on who you think "
            "you face.",
        ),
        Task(
            "watch",
            "Step through two games on the same seed with Enter (10 turns): both sides play reciprocity "
            "on the left, generous reciprocity on the right. Noise is high (10%). Watch turn 7.",
            "two_rivals",
            1,
            10,
            watch=("reciprocity", "generous-reciprocity"),
            sets=(("action_noise", 0.1), ("secure_payoff_T", 5.0)),
            turns=12,
        ),
        Question(
            "After the accident at turn 7, what did generous reciprocity do that strict reciprocity did not?",
            (
                "It struck back twice as hard.",
                "It stopped answering the other's moves.",
                "It forgave, and talk came back at once.",
            ),
            2,
            (
                "No: look at turn 8 on the right: one side talked again.",
                "No: it still answers moves; now and then it forgives one.",
                "Right: one forgiving move ended the echo, and together the two sides earned more over the game.",
            ),
        ),
        sources=(
            "Nowak and Sigmund 1992 (generous tit-for-tat); Osgood 1962, An Alternative to War or Surrender (GRIT)."
        ),
    ),
    Chapter(
        4,
        "The region and the article's cards",
        3,
        (
            "Now the real region: eight actors in East Asia, four disputed stakes, alliances, trade and a regional "
            "forum. Each turn an event card is drawn from a 2023 opinion article written after NATO's "
            "Secretary-General visited Seoul and Tokyo; the author argues for dialogue in the ASEAN way.",
            "Every card gives two readings. The deterrence reading sees a warning to would-be aggressors; the dialogue "
            "reading sees a step that others may read as encirclement. The game does not say which is right: that "
            "depends on facts nobody sees directly, such as how many states are greedy.",
            "The article is one side of a debate. Read it whole from the title screen (The article).",
        ),
        Task(
            "watch",
            "Press Enter to play 3 turns of East Asia with every actor on AI, and read each turn's card both ways.",
            "east_asia_2023",
            4,
            3,
            watch=("reciprocity",),
        ),
        Question(
            "What do the two readings of a card disagree about?",
            (
                "The facts: what happened and who did it.",
                "What the event signals about the others' aims, and how it will be read.",
                "Nothing: they say the same thing in different words.",
            ),
            1,
            (
                "No: the event is the same in both readings; its meaning differs.",
                "Right: both readings accept the event. They differ on what it signals, and that is the hidden part.",
                "They do differ: one expects the event to deter, the other to provoke.",
            ),
        ),
        sources="The source article (2023); Jervis 1976 (how the same act is read in different ways).",
    ),
    Chapter(
        5,
        "Hidden types and costly signals",
        3,
        (
            "Each actor is secretly greedy or security-seeking, and each keeps a trust level for every other: its "
            "belief that the other is security-seeking. Trust moves when it sees a move.",
            "Andrew Kydd showed why some moves reassure and others do not: a signal tells you the sender's type only "
            "if the other type would not send it. A summit is cheap, so a greedy state can hold one too. A "
            "confidence-building measure (CBM) costs the sender something real, so a greedy state rarely pays for it.",
            "The deterrence side has its costly signals too: arming and alliances show resolve. Whether others read "
            "them as resolve or as threat is part of the hidden world.",
        ),
        Task(
            "play",
            "You are Japan. Make a CBM (key 5, Tab to choose its target) and press Enter, then watch the "
            "others' trust in you.",
            "east_asia_2023",
            5,
            1,
            human="JPN",
            require="CBM",
            turns=4,
            crises=False,
        ),
        Question(
            "Why does a CBM move trust more than a summit?",
            (
                "It is more public than a summit.",
                "It obliges the other side to reply.",
                "It is costly, so a greedy state would seldom send it.",
            ),
            2,
            (
                "No: what counts is who would pay for it, not how visible it is.",
                "No: a CBM binds only its sender, and that cost is the point.",
                "Right: a cost that only a security-seeker would pay makes the signal believable (Kydd).",
            ),
        ),
        sources="Kydd 2000 and 2005, Trust and Mistrust in International Relations (costly signals and reassurance).",
    ),
    Chapter(
        6,
        "Crises: standing firm, settling, backing down",
        3,
        (
            "A challenge over a stake opens a crisis. Each turn each party chooses: stand firm, escalate, settle "
            "(split the stake) or back down. If both stand firm the crisis climbs a rung: dispute, confrontation, "
            "brink, war. At the brink war comes only from an escalation or an accident.",
            "James Fearon explained why leaders who back down in public pay a price at home (audience costs), which "
            "makes their threats believable and backing down harder the higher they climb. Allies may back a party "
            "or stay out: backing risks entrapment, staying out risks abandonment.",
            "Deterrence says: stand firm, or the challenger learns that pressure pays. The spiral view says: settle "
            "early, before pride and fear lock both sides in.",
        ),
        Task(
            "play",
            "You are Japan; China will challenge you over the East China Sea islands. Play a move "
            "(Enter), then answer the crisis with F stand firm, X escalate, S settle or B back down.",
            "east_asia_2023",
            168,
            3,
            human="JPN",
            worldview="spiral-world",
            stance=True,
        ),
        Question(
            "Why is backing down harder after escalating than at once?",
            (
                "The rules forbid backing down after an escalation.",
                "Audience costs: a public climb-down costs a leader more the higher the crisis went.",
                "The other side must agree to a climb-down.",
            ),
            1,
            (
                "No: you may back down at any rung; it just costs more.",
                "Right: Fearon's audience costs make threats credible and retreat costly.",
                "No: backing down gives the other side the stake and ends the crisis whatever it does.",
            ),
        ),
        sources=(
            "Fearon 1994 (audience costs) and 1995 (why bargaining fails); Snyder 1984 (entrapment and abandonment)."
        ),
    ),
    Chapter(
        7,
        "Which world are we in?",
        4,
        (
            "Everything so far depended on facts you could not see. Now the game draws the world itself: the "
            "deterrence world (many greedy states; arming reads as resolve) or the spiral world (few greedy states; "
            "arming reads as a threat). Nobody is told which, as real governments are not.",
            "Play a short game as Japan. After turns 2 and 4 and at the end, say how likely you think the spiral world "
            "is: ← → change it by 10, Enter states it. At the end the world is revealed and your guesses are scored "
            "(a Brier score: 0 is perfect, 0.25 is always saying 50%).",
            "Both security concepts do well in their own world and badly in the other. A good policy starts with "
            "asking which world we are in, and how we would know.",
        ),
        Task(
            "play",
            "Play 6 turns as Japan (keys 1–9, Enter) and state your belief when asked.",
            "east_asia_2023",
            23,
            6,
            human="JPN",
            hidden=True,
            stance=False,
        ),
        Question(
            "What told you most about the world?",
            (
                "Costly moves by the others, and how trust answered them.",
                "The event cards: some come only in one world.",
                "The tension gauge on its own.",
            ),
            0,
            (
                "Right: costly moves and how they were read are the evidence. A few turns are rarely enough to be "
                "sure, which is the point.",
                "No: the cards come from the same deck in both worlds; what differs is how moves are read.",
                "Not on its own: tension rises in both worlds; what moves it, and how trust answers, is the evidence.",
            ),
        ),
        sources=(
            "Glaser 2010 (greedy and security-seeking states); Jervis 1976 (deciding without knowing the other's aims)."
        ),
    ),
)

MINUTES = sum(c.minutes for c in CHAPTERS)


def chapter(number: int) -> Chapter:
    return CHAPTERS[number - 1]


def required_action(task: Task) -> Action | None:
    return Action[task.require] if task.require else None
