"""A complete hot-seat game played through posted pygame events alone."""

import csv
import io

import pygame

from game.core.play.session import Game
from game.ui.window import driver, userdata

from .helpers import play_scene, setup_two_humans_and_start, start_at_title, wait_for_debrief

K = pygame


def without_observer(record) -> dict:
    return {k: v for k, v in record.data.items() if k not in ("observer", "brier")} | {
        "brier": {c: v for c, v in record.data.get("brier", {}).items() if c != "observer"}
    }


def test_hot_seat_game_from_setup_to_export(make_app, data_dir):
    """Setup → four turns with two humans and six AI actors → the last turn → debrief → replay under the other
    worldview → export; the exported CSV parses, the exported and autosaved games load back with the same record."""
    app = make_app(turns=4)
    start_at_title(app)
    setup_two_humans_and_start(app)
    game = play_scene(app).game
    assert game.humans == [0, 1]
    seen_pass = 0
    clicked = False
    for turn in range(4):
        if driver.top_name(app) != "play" and driver.top_name(app) != "pass":
            break
        for seat in range(2):
            if driver.top_name(app) == "pass":
                seen_pass += 1
                # the pass screen hides the previous choice: nothing of the play screen is drawn under it
                assert not app.top.overlay
                driver.settle_pass(app)  # before a first turn: the pass screen, then the private briefing
            driver.settle_crisis(app)
            scene = app.top
            assert scene.name == "play"
            if turn == 1 and seat == 0 and not clicked:
                # choose a target with the mouse: click Japan's node on the map
                driver.press(app, K.K_3)
                zones = [r for r, intent in scene.bindings.zones if intent.arg == 2]
                assert zones, "map nodes are clickable"
                driver.click(app, zones[0].center)
                assert scene.table.private_view(0)["target"] == 2
                driver.press(app, K.K_RETURN, K.K_RETURN)
                clicked = True
            else:
                driver.play_human_turn(app, [K.K_4, K.K_6][seat], tab=(seat == 0))
    assert seen_pass >= 4
    # the last turn stays on screen; Enter goes on, through each human's final belief, to the debrief
    assert driver.top_name(app) == "play" and game.over
    driver.press(app, K.K_RETURN)
    driver.settle_pass(app)
    assert driver.top_name(app) == "debrief"
    debrief = app.top
    wait_for_debrief(app)
    assert debrief.game is game and game.over and game.turn == 4
    assert game.record()["human_choices"][1]["CHN"] == ["PRESSURE", "JPN"]
    assert game.record()["human_choices"][0]["USA"] == ["FORUM", None]
    driver.press(app, K.K_o)
    assert debrief.other is not None and len(debrief.worlds) == 2
    assert debrief.other.worldview.preset != game.worldview.preset
    driver.press(app, K.K_RIGHT)  # charts page with both worlds
    driver.press(app, K.K_p)
    folders = list((data_dir / "exports").iterdir())
    assert len(folders) == 1
    folder = folders[0]
    assert folder.name.startswith("east_asia_2023-seed3-")
    rows = list(csv.reader(io.StringIO((folder / "record.csv").read_text(encoding="utf-8"))))
    assert rows[0][0] == "turn" and len(rows) == 1 + 4 * 8 * 7
    assert (folder / "charts.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert pygame.image.load(str(folder / "charts.png")).get_width() == 1800
    assert pygame.image.load(str(folder / "debrief.png")).get_size() == (1240, 1754)
    assert Game.load(folder / "game.json").record() == game.record()
    assert Game.load(userdata.autosave_path()).record() == game.record()
    assert str(folder) in debrief.status  # the line under the pages names the folder
    assert not [p for p in folder.iterdir() if p.name.startswith(".")], "no temporary files left behind"
