"""Learn's board: a chapter's real game told in words beside its text (the moves and points, the
cards read two ways, the others' trust, a crisis to answer), then the chapter's question."""

from __future__ import annotations

from game.core.model.vocab import Action
from game.core.teaching.explain import NOUN, possessive

from ..window import palette, text
from ..window.metrics import Metrics


class Board:
    """The board's paragraphs (text, px, colour, style), added line by line, each with how early it may
    give way when the board is short of room (0: never; the larger, the sooner)."""

    def __init__(self, m):
        self.m = m
        self.paras: list = []
        self.spare: list[int] = []

    def add(self, para: tuple, spare: int = 0):
        self.paras.append(para)
        self.spare.append(spare)

    def head(self, words: str):
        self.add((words, self.m.body, palette.ACCENT, "bold"))

    def line(self, words: str, colour=palette.TEXT, style: str = "regular", spare: int = 0):
        self.add((words, self.m.body, colour, style), spare)

    def small(self, words: str, colour=palette.MUTED, style: str = "regular", spare: int = 0):
        self.add((words, self.m.small, colour, style), spare)


EXPLAINED = 1000  # how early a line that only explains the board gives way: before any turn


def fitted(les, m, width: int, height: int) -> tuple[text.Block, int]:
    """The board in width × height, whole: at the screen's text size, else halfway to that of text size
    1.0, else at that; then, short of room still, the oldest turns and the explanations give way (a
    line says how many and how to scroll back to them), so the latest turn, the question and its answers
    stay in view. Returns the board and how many of its lines gave way."""
    gap = max(2, m.pad // 2)
    sizes = (m, Metrics(m.width, m.height, (1.0 + m.scale) / 2), Metrics(m.width, m.height, 1.0))
    for size in sizes:
        board = build(les, size)
        block = text.Block(board.paras, width, gap=gap)
        if block.height <= height:
            return block, 0
    order = sorted((k for k, s in enumerate(board.spare) if s), key=lambda k: -board.spare[k])
    for n in range(1, len(order) + 1):
        gone = set(order[:n])
        paras = [p for k, p in enumerate(board.paras) if k not in gone]
        note = (f"(PgUp or wheel: {n} earlier line{'s' if n > 1 else ''}; the board keeps the latest)",)
        paras.insert(min(gone), (*note, sizes[-1].small, palette.FAINT, "italic"))
        block = text.Block(paras, width, gap=gap)
        if block.height <= height:
            break
    return block, n if order else 0


def whole(les, m, width: int) -> text.Block:
    """Every line of the board at text size 1.0's size, nothing given way: what PgUp scrolls back through."""
    return text.Block(build(les, Metrics(m.width, m.height, 1.0)).paras, width, gap=max(2, m.pad // 2))


def build(les, m) -> Board:
    """The whole board of a chapter: its game, then what to do now or the question."""
    board = Board(m)
    game = les.game
    board.head(f"{game.scenario.title} · turn {game.turn} of {min(game.turn_limit, max(les.task.rounds, game.turn))}")
    if les.task.kind == "watch" and len(les.games) > 1:
        _games_side_by_side(board, les)
    elif les.task.kind == "watch":
        _cards(board, les)
    else:
        _own_game(board, les)
        if not les.task_done:
            _prompt(board, les)
    if les.task_done:
        _question(board, les)
    return board


def names(game) -> dict[int, str]:
    return {k: a.name for k, a in enumerate(game.scenario.actors)}


def move_word(mv: dict) -> str:
    """A move's name, with * when noise turned it into another."""
    label = Action[mv["action"]].label
    return label + ("*" if mv.get("intended") and mv["intended"] != mv["action"] else "")


def _games_side_by_side(board: Board, les):
    """Two doctrines' games, turn by turn, and their points (a noise chapter)."""
    name = names(les.game)
    board.line(
        "Both sides play the same doctrine; * marks a move that came out wrong (noise).", palette.MUTED, spare=EXPLAINED
    )
    board.small(
        f"Each turn: {name[0]}'s move · {name[1]}'s move, both playing "
        + "   |   both playing ".join(d.replace("-", " ") for d in les.task.watch)
    )
    last = les.game.turn
    for t in range(last):
        cells = [" · ".join(move_word(mv) for mv in game.turns[t]["actions"].values()) for game in les.games]
        board.line(f"Turn {t + 1}:  " + "   |   ".join(cells), spare=last - t - 1)
    board.head("Points so far")
    for d, game in zip(les.task.watch, les.games):
        pts = [sum(tt["payoffs"][k] for tt in game.turns) for k in range(len(game.codes))]
        board.line(f"{d.replace('-', ' ')}: " + ", ".join(f"{name[k]} {p:g}" for k, p in enumerate(pts)))


def _cards(board: Board, les):
    """The cards drawn so far; the newest with its quote and both readings."""
    g = les.game
    for t in range(g.turn):
        card = g.turns[t].get("card")
        if not card:
            continue
        c = next((c for c in g.scenario.cards if c.id == card["id"]), None)
        if t < g.turn - 1 or c is None:
            board.small(f"Turn {t + 1}: {card['title']} (¶{card['paragraph']})", spare=g.turn - t - 1)
            continue
        board.head(f"Turn {t + 1}: {c.title} (¶{c.paragraph}" + (f", {c.date})" if c.date else ")"))
        board.line(f"“{c.quote}”", palette.MUTED)
        board.line("Deterrence reading: " + c.deterrence_reading, palette.DETERRENCE)
        board.line("Dialogue reading: " + c.dialogue_reading, palette.DIALOGUE)
    if g.turn:
        board.small(f"Regional tension {g.turns[-1]['regional_tension']:.0f} of 100.")
    else:
        board.line("Press Enter to play the first turn.", palette.MUTED)


def _own_game(board: Board, les):
    """The learner's game: its seat, its turns, the 2×2 or the others' trust, its beliefs."""
    g, me = les.game, les.human
    name = names(g)
    hidden = " The world is hidden." if g.hidden and not g.over else ""
    board.line(f"You are {name[me]}; your type (private): {g.type_of(me)}.{hidden}", palette.MUTED, spare=EXPLAINED)
    two = len(g.scenario.codes) == 2
    for t in range(g.turn):
        if two:
            _round(board, les, g.turns[t], t, spare=g.turn - t - 1)
        elif t >= g.turn - 2:
            _turn(board, les, g.turns[t], t)
    if two:
        board.paras.extend(matrix(les, board.m, name))
        if g.turn:
            total = sum(tt["payoffs"][me] for tt in g.turns)
            board.line(
                f"Your points: {total:g} ({name[1 - me]}'s are hidden: they would tell its type). "
                f"{name[1 - me]}'s trust in you: {g.state.trust[0][1 - me][me]:.2f}",
                palette.FOCUS,
            )
    elif g.turn and les.trust_before is not None:
        _trust_change(board, les)
        if g.hidden:
            _evidence(board, les)
    _beliefs(board, les)


def _round(board: Board, les, entry: dict, t: int, spare: int = 0):
    """One round of a two-actor game: both moves and the learner's own payoff (the other's would tell
    its hidden type)."""
    g, me = les.game, les.human
    name = names(g)
    acts, pts = entry["actions"], entry["payoffs"]
    board.line(
        f"Round {t + 1}: you {move_word(acts[g.codes[me]])}, {name[1 - me]} "
        f"{move_word(acts[g.codes[1 - me]])} → you {pts[me]:g}",
        spare=spare,
    )


def _turn(board: Board, les, entry: dict, t: int):
    """One turn of a regional game: the learner's move, the card and each crisis it moved."""
    g, me = les.game, les.human
    name = names(g)
    code = {c: k for k, c in enumerate(g.codes)}
    stake_name = {st.id: st.name for st in g.scenario.stakes}
    mine = entry["actions"][g.codes[me]]
    card = entry.get("card")
    where = f" → {name[code[mine['target']]]}" if mine.get("target") in code else ""
    board.line(f"Turn {t + 1}: you {move_word(mine)}{where}" + (f"; card: {card['title']}" if card else ""))
    for c in entry.get("crises", []):
        stances = ", ".join(f"{k} {v.replace('_', ' ').lower()}" for k, v in c.get("stances", {}).items())
        board.small(
            f"Crisis over {stake_name.get(c['stake'], c['stake'])}: rung {c['rung_before']} → {c['rung']}"
            + (f" ({stances})" if stances else ""),
            palette.WARNING,
        )


def _trust_change(board: Board, les):
    """How each other actor's trust in the learner moved this turn."""
    g, me = les.game, les.human
    name = names(g)
    board.head(f"The others' trust in {name[me]} (0–1), this turn")
    now = g.state.trust[0]
    for k in range(len(g.codes)):
        if k != me:
            d = round(float(now[k][me] - les.trust_before[k][me]), 2) + 0.0
            colour = palette.TRUST_HIGH if d > 0.005 else palette.TRUST_LOW if d < -0.005 else palette.TEXT
            board.line(f"{name[k]}: {now[k][me]:.2f} ({d:+.2f})", colour)


COSTLY = ("ARM", "ALLY", "PRESSURE", "CBM")  # moves that cost their maker something, read differently by world


def _evidence(board: Board, les):
    """A hidden world's evidence: the others' costly moves this turn and how the region's trust in each
    answered (how arming and reassurance are read is what differs between the worlds)."""
    g, me = les.game, les.human
    name = names(g)
    now, before = g.state.trust[0], les.trust_before
    lines = []
    for k, code in enumerate(g.codes):
        move = g.turns[-1]["actions"][code]["action"]
        if k == me or move not in COSTLY:
            continue
        others = [i for i in range(len(g.codes)) if i != k]
        change = sum(float(now[i][k] - before[i][k]) for i in others) / len(others)
        change = round(change, 2) + 0.0  # no "-0.00"
        lines.append((f"{possessive(name[k])} {NOUN[move]}: the others' trust in it {change:+.2f}", change))
    board.head("The evidence: costly moves this turn and how trust answered")
    if not lines:
        board.small("Nobody made a costly move this turn.")
    for line, change in lines:
        board.line(
            line, palette.TRUST_HIGH if change > 0.005 else palette.TRUST_LOW if change < -0.005 else palette.TEXT
        )


def _beliefs(board: Board, les):
    """A hidden world: the beliefs stated so far, and at the end the world and the Brier scores."""
    g, me = les.game, les.human
    if not g.hidden:
        return
    if g.beliefs.get(me):
        board.small(
            "Your beliefs (chance of the spiral world): "
            + ", ".join(f"after turn {t}: {p * 100:.0f}%" for t, p in g.beliefs[me])
        )
    if g.over and les.belief is None:
        from game.core.teaching.hidden import brier

        spiral = g.worldview.preset == "spiral-world"
        board.head(f"The world was the {g.worldview.preset}.")
        path = g.beliefs.get(me, [])
        if path:
            board.line(
                f"Your Brier score: {brier(path, spiral):.2f}; the observer's: "
                f"{brier(g.observer_beliefs(), spiral):.2f} (0 is perfect, 0.25 is always 50%)."
            )


def _question(board: Board, les):
    q = les.chapter.question
    board.head("Your answer" if les.answer is not None else "Answers")
    for k, opt in enumerate(q.options):
        colour = palette.TEXT
        if les.answer is not None:
            colour = palette.FOCUS if k == les.answer else palette.FAINT
        board.line(f"{k + 1}. {opt}", colour, "bold" if k == les.answer else "regular")
    if les.answer is None:
        board.small("Press 1–3 or click an answer.")
    elif les.answered_right:
        board.small("Enter: go on.")
    else:
        board.small("Not that one: press another number to try again, or Enter to go on.", palette.WARNING)


def _prompt(board: Board, les):
    """What the learner is asked now: a belief, a crisis stance or backing, or a move."""
    name = names(les.game)
    if les.belief is not None:
        board.head(f"How likely is the spiral world? {les.belief}%")
        board.small("← → by 10, then Enter to state it. The deterrence world is the other possibility.")
        return
    p = les.unanswered()
    if p is not None:
        other = p["parties"][1 - p["side"]] if p["kind"] == "stance" else p["ally"]
        if p["kind"] == "stance":
            board.head(f"Crisis over {p['name']} with {name[other]}, rung {p['rung']}: your stance?")
            board.small("F stand firm · X escalate · S settle (split the stake) · B back down")
        else:
            board.head(f"{name[other]}, your ally, is in a crisis over {p['name']}: back it (Y) or stay out (N)?")
        return
    if les.move is None:
        board.line(f"Your move: choose with 1–{len(les.moves)} or a button.", palette.FOCUS)
    else:
        tgt = f" → {name[les.target]}" if les.move.targeted and les.target >= 0 else ""
        board.line(f"Your move: {les.move.label}{tgt}. Enter plays the turn.", palette.FOCUS)


def matrix(les, m, name) -> list:
    """The 2×2 in words: points (you, the other) for each pair of families; last round's cell lit."""
    g, me = les.game, les.human
    wv = g.worldview
    temptation = wv["payoff_T"] if g.type_of(me) == "greedy" else wv["secure_payoff_T"]
    other = name[1 - me]
    last = None
    if g.turn:
        acts = g.turns[-1]["actions"]
        last = tuple(Action[acts[g.codes[k]]["action"]].family.name.lower() for k in (me, 1 - me))
    R, S, P = wv["payoff_R"], wv["payoff_S"], wv["payoff_P"]
    rows = [
        (("dialogue", "dialogue"), f"you talk, {other} talks: you {R:g}, {other} {R:g}"),
        (
            ("dialogue", "deterrence"),
            f"you talk, {other} deters: you {S:g}, {other} {wv['payoff_T']:g} if "
            f"greedy, {wv['secure_payoff_T']:g} if not",
        ),
        (("deterrence", "dialogue"), f"you deter, {other} talks: you {temptation:g} (your type), {other} {S:g}"),
        (("deterrence", "deterrence"), f"you deter, {other} deters: you {P:g}, {other} {P:g}"),
    ]
    out = [("Points each round", m.small, palette.ACCENT, "bold")]
    for cell, words in rows:
        lit = cell == last
        out.append(
            (
                ("▶ " if lit else "   ") + words,
                m.small,
                palette.FOCUS if lit else palette.MUTED,
                "bold" if lit else "regular",
            )
        )
    return out
