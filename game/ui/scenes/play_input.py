"""What each intent does on the play screen: one handler per intent kind, looked up in HANDLERS.

A handler takes the scene and the intent and returns True when it used it. The choices go to the
table (game.core.play.table); the handlers keep only what is the window's own: the view, the
hot-seat order of pass screens, the confirm step, the crisis prompt on display and the messages.
"""

from __future__ import annotations

from game.core.model.vocab import Action, Stance
from game.core.play.table import Owed

from ..window import history
from ..window.intents import Intent, Kind, View
from ..widgets import briefing

# what may be done while the crisis prompt is up; anything else waits for an answer (or Esc)
PROMPT_INTENTS = {
    Kind.STANCE,
    Kind.BACKING,
    Kind.CRISIS,
    Kind.END_TURN,
    Kind.MENU,
    Kind.HELP,
    Kind.QUIT,
    Kind.FULLSCREEN,
    Kind.UNDO,
    Kind.SAVE,
    Kind.SEE_DEBRIEF,
    Kind.SCORE,
    Kind.ARTICLE,
}


def on_score(scene, intent: Intent) -> bool:
    me = scene.current
    if me is not None:
        mine = scene.table.private_view(me)
        scene.message = (
            f"{briefing.score_label(mine['score'])} of 100 — hover it to see what it counts for a {mine['type']} actor."
        )
    return True


def on_article(scene, intent: Intent) -> bool:
    card = scene.entry.get("card")
    scene.app.push(scene.app.scene("article", card["paragraph"] if card else 1, scene.game.scenario))
    return True


def on_stance(scene, intent: Intent) -> bool:
    return scene.answer("stance", Stance(int(intent.arg)))


def on_backing(scene, intent: Intent) -> bool:
    return scene.answer("backing", bool(intent.arg))


def on_crisis(scene, intent: Intent) -> bool:
    """K: the crisis prompt again; again while it is up, the next of several."""
    count = len(scene.table.prompts(scene.current)) if scene.current is not None else 0
    if scene.shown_prompt() is not None and count > 1:
        scene.prompt_at = (scene.prompt_at + 1) % count
        scene.refresh()
    elif not scene.open_prompt():
        scene.message = "No crisis of yours to answer this turn."
    return True


def on_choose(scene, intent: Intent) -> bool:
    me = scene.current
    if me is None:
        scene.message = "No human seat this turn: Enter plays the next turn, Space auto-plays."
        return True
    scene.table.choose(me, Action(intent.arg))
    scene.confirming = False
    scene.message = ""
    if scene.move[0] is Action.CHALLENGE and not scene.table.challenge_targets(me):
        scene.message = scene.challenge_problem()
    scene.bar.show_choice(scene.move[0])
    return True


def on_cycle_target(scene, intent: Intent) -> bool:
    """Tab and the arrows: the next or previous actor the move may aim at (a challenge: one it may challenge)."""
    me = scene.current
    action, target = scene.move
    if me is None or (action is not None and not action.targeted):
        return True
    step = 1 if intent.kind is Kind.NEXT_TARGET else -1
    options = scene.table.targets(me)
    if action is Action.CHALLENGE:
        options = scene.table.challenge_targets(me) or options
    if target in options:
        target = options[(options.index(target) + step) % len(options)]
    else:
        target = options[0] if step > 0 else options[-1]
    scene.table.aim(me, target)
    scene.confirming = False
    return True


def on_select_target(scene, intent: Intent) -> bool:
    """A click on an actor of the map aims the move at it."""
    me = scene.current
    action, _ = scene.move
    if me is not None and (action is None or action.targeted) and intent.arg in scene.table.targets(me):
        scene.table.aim(me, intent.arg)
        scene.confirming = False
        scene.message = ""
    return True


def on_end_turn(scene, intent: Intent) -> bool:
    return scene.end_turn()


def on_undo(scene, intent: Intent) -> bool:
    if not scene.table.undo():
        scene.message = "Nothing to undo: no turn played yet."
        return True
    scene.auto = False
    scene.confirming = False
    scene.changed()
    scene.message = f"Took back turn {scene.game.turn + 1}."
    scene.needs_pass = scene.table.hot_seat
    scene.start_seat()
    scene.refresh()
    scene.maybe_pass()
    return True


def on_auto_play(scene, intent: Intent) -> bool:
    if scene.game.humans:
        scene.message = "Auto-play is for all-AI games (teacher mode); humans choose each move."
    else:
        scene.auto = not scene.auto
        scene.clock = 0.0
        scene.refresh()
    return True


def on_speed(scene, intent: Intent) -> bool:
    scene.set_speed(scene.speed + (1 if intent.kind is Kind.SPEED_UP else -1))
    scene.message = f"Auto-play speed: {scene.speed_text()}."
    if not scene.game.humans:
        scene.refresh()
    return True


def on_toggle_view(scene, intent: Intent) -> bool:
    """C and M: the chart or the map; C again goes back to the map (or, at large text, to the card)."""
    want = View.CHART if intent.kind is Kind.TOGGLE_CHART else View.MAP
    home = View.CARD if scene.compact else View.MAP
    scene.view = home if scene.view is want and want is not home else want
    scene.refresh()
    return True


def on_show_view(scene, intent: Intent) -> bool:
    """E, W and the tabs; without tabs (scale 1.0) E and W show the card or the why panel full size, and
    again, the map."""
    want = View(intent.arg)
    scene.view = want if scene.compact or scene.view is not want else View.MAP
    scene.refresh()
    return True


def on_scroll(scene, intent: Intent) -> bool:
    (scene.card if scene.keys_scroll_card() else scene.why).scroll_by(int(intent.arg))
    return True


def on_pair(scene, intent: Intent) -> bool:
    pairs = history.actor_pairs(scene.game.scenario.n)
    scene.pair = (scene.pair + (1 if intent.kind is Kind.NEXT_PAIR else -1)) % len(pairs)
    if scene.view is not View.CHART:
        scene.view = View.CHART
        scene.refresh()
    return True


def on_quit(scene, intent: Intent) -> bool:
    scene.save_now()  # the app quits on this intent: the last turn must be on disk first
    return False


def on_save(scene, intent: Intent) -> bool:
    scene.app.push(scene.app.scene("save", scene.game))
    return True


def on_menu(scene, intent: Intent) -> bool:
    """Esc: close the crisis prompt (decide later), else step back from the confirm step, else the game menu."""
    if scene.shown_prompt() is not None:
        scene.prompt_open = False
        scene.message = "Decide later: the crisis comes back when you end your turn, or press K."
        scene.refresh()
    elif scene.confirming:
        scene.confirming = False
    else:
        scene.app.push(scene.app.scene("menu", scene.game))
    return True


HANDLERS = {
    Kind.SCORE: on_score,
    Kind.ARTICLE: on_article,
    Kind.STANCE: on_stance,
    Kind.BACKING: on_backing,
    Kind.CRISIS: on_crisis,
    Kind.CHOOSE_ACTION: on_choose,
    Kind.NEXT_TARGET: on_cycle_target,
    Kind.PREV_TARGET: on_cycle_target,
    Kind.SELECT_TARGET: on_select_target,
    Kind.END_TURN: on_end_turn,
    Kind.SEE_DEBRIEF: on_end_turn,
    Kind.UNDO: on_undo,
    Kind.AUTO_PLAY: on_auto_play,
    Kind.SPEED_UP: on_speed,
    Kind.SPEED_DOWN: on_speed,
    Kind.TOGGLE_CHART: on_toggle_view,
    Kind.TOGGLE_MAP: on_toggle_view,
    Kind.SHOW_VIEW: on_show_view,
    Kind.SCROLL: on_scroll,
    Kind.NEXT_PAIR: on_pair,
    Kind.PREV_PAIR: on_pair,
    Kind.QUIT: on_quit,
    Kind.SAVE: on_save,
    Kind.MENU: on_menu,
}


def owes_move(owed) -> str:
    """What is missing from the move, in a sentence ('' when the move is complete)."""
    kinds = {d.kind for d in owed}
    if Owed.MOVE in kinds:
        return "Choose an action first (keys 1–9)."
    if Owed.TARGET in kinds:
        return "Choose a target: Tab, or click an actor on the map."
    return ""
