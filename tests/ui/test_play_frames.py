"""Auto-play keeps its widgets, spreads a turn's work over frames, and still autosaves every turn."""

import pygame

from game.core.play.session import Game
from game.ui.window import driver, saving, userdata
from game.ui.scenes.play import SPEEDS, PlayScene
from game.ui.scenes.title import TitleScene

K = pygame


def _auto_play(app, speed=3):
    sc = app.options.scenario
    scene = PlayScene(app, Game(sc, 3, sc.default_doctrines()))
    app.reset(scene)
    driver.run(app, 1)
    driver.press(app, K.K_SPACE)
    scene.speed = speed
    return scene


def _run_to_next_turn(app, scene):
    before = scene.game.turn
    for _ in range(round(2 * SPEEDS[scene.speed] * 60) + 2):
        driver.run(app, 1)
        if scene.game.turn != before:
            return
    raise AssertionError("no turn was played")


def _picture(surface, rect) -> bytes:
    return pygame.image.tobytes(surface.subsurface(rect), "RGB")


def _drawn_as_it_stands(app, scene, panels) -> bool:
    """Every panel in the last frame on screen shows what a fresh render of the game as it stands shows."""
    shown = app.screen.copy()
    for panel in panels:
        panel.invalidate()
    fresh = pygame.Surface(app.size)
    scene.draw(fresh)
    return all(_picture(shown, p.rect) == _picture(fresh, p.rect) for p in panels)


def test_a_turn_rebuilds_no_widget_and_renders_its_panels_in_later_frames(make_app):
    app = make_app()
    scene = _auto_play(app)
    elements = list(scene.elements)
    assert elements and scene.bar.auto_button.text == "Space: auto-play off"
    panels = [scene.map, scene.gauge, scene.why, scene.card]
    for _ in range(3):
        _run_to_next_turn(app, scene)
        # the same pygame_gui buttons, still alive: nothing was rebuilt for the turn
        assert scene.elements == elements and all(e.alive() for e in elements)
        # the frame that ran the engine re-rendered no panel; the next one only hands over the autosave
        assert all(p.waiting == 1 for p in panels)
        driver.run(app, 1)
        assert all(p.waiting == 2 for p in panels)
        # then one panel per frame, until every panel shows the turn
        for k in range(len(panels)):
            driver.run(app, 1)
            assert sum(p.waiting > 0 for p in panels) == len(panels) - 1 - k
        assert _drawn_as_it_stands(app, scene, panels)


def test_labels_change_in_place_and_a_resize_or_new_scale_rebuilds(make_app):
    app = make_app()
    scene = _auto_play(app, speed=2)
    elements = list(scene.elements)
    driver.press(app, K.K_EQUALS)  # faster: the header says so, the buttons stay
    assert scene.speed == 3 and scene.elements == elements
    assert scene.bar.headers[0][0].endswith("2.5 turns per second")
    driver.press(app, K.K_SPACE)  # auto-play off: the same button, its words changed
    assert not scene.auto and scene.elements == elements
    assert scene.bar.auto_button.text == "Space: auto-play on"
    driver.press(app, K.K_c)  # another view: other buttons
    assert scene.view == "chart" and scene.elements != elements
    elements = list(scene.elements)
    driver.resize(app, 1400, 800)
    assert scene.elements != elements and scene.map.rect.right <= 1400
    elements = list(scene.elements)
    app.set_scale(1.5)
    driver.run(app, 1)
    assert scene.elements != elements and scene.compact


def test_screen_draws_every_panel_current_when_drawn_without_a_frame(make_app):
    """A screenshot (or the play screen under an overlay) is drawn with no update: nothing is left stale."""
    app = make_app()
    scene = _auto_play(app, speed=len(SPEEDS) - 1)
    _run_to_next_turn(app, scene)
    assert scene.map.waiting == 1
    app.snapshot(userdata.data_dir() / "shot.png")
    panels = (scene.map, scene.gauge, scene.why, scene.card)
    assert all(p.waiting == 0 for p in panels)
    assert _drawn_as_it_stands(app, scene, panels)


def test_every_turn_is_autosaved_and_on_disk_when_the_screen_closes(make_app, tmp_path):
    app = make_app()
    scene = _auto_play(app, speed=len(SPEEDS) - 1)
    for _ in range(4):
        _run_to_next_turn(app, scene)
    game = scene.game
    # the background writer writes exactly what a compact save writes
    game.save(tmp_path / "compact.json", compact=True)
    assert saving.compact_text(game) == (tmp_path / "compact.json").read_text(encoding="utf-8")
    app.reset(TitleScene(app))  # leaving the screen waits for the last save
    assert Game.load(userdata.autosave_path()).record() == game.record()
    assert not [p for p in userdata.data_dir().iterdir() if p.name.startswith(".")], "no temporary files left"
