"""The compare lab, driven with posted events: ticks, a background run with a progress bar, the
grid of small multiples with each world's winner, exports, and cancelling."""

import csv

import pygame

from game.ui.window import driver
from tests.ui.lab_helpers import focus_row, open_lab, wait_for

K = pygame


def test_compare_runs_in_the_background_and_exports(make_app, data_dir):
    """Tick and untick a doctrine, pick 100 games with ←, run with R: every condition gets a cell, each
    world a verdict and a winner; E writes compare.csv and compare.png under exports/."""
    app = make_app()
    scene = open_lab(app, "Compare lab")
    assert scene.name == "compare"
    driver.click(app, scene.doctrine_chips.rects["reciprocity"].center)
    assert scene.doctrines == ["deterrence", "dialogue", "reciprocity"]
    driver.press(app, K.K_SPACE)  # the click moved the focus there: Space unticks it
    assert scene.doctrines == ["deterrence", "dialogue"]
    focus_row(app, scene, "games")
    driver.press(app, K.K_LEFT, K.K_LEFT, K.K_LEFT)  # 1,000 → 500 → 200 → 100
    assert scene.games == 100
    driver.press(app, K.K_r)
    assert scene.run is not None and scene.view == "results"
    assert wait_for(app, lambda: scene.run is None, 40), "the run did not finish"
    o = scene.outcome
    assert o is not None and len(o.results) == 4
    assert all(r.games == 100 for r in o.results)
    assert {(w, d) for w, d in o.cells()} == {
        (w, d) for w in ("deterrence-world", "spiral-world") for d in ("deterrence", "dialogue")
    }
    for world, (best, sentence) in o.verdicts().items():
        assert best and best <= {"deterrence", "dialogue"}
        assert "lowest war rate" in sentence and ("interval" in sentence or "tie" in sentence), sentence
    driver.run(app, 2)  # the grid is drawn
    driver.press(app, K.K_e)
    (folder,) = (data_dir / "exports").iterdir()
    assert folder.name.startswith("compare-") and str(folder) in scene.message
    with open(folder / "compare.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 4 and {r["doctrine"] for r in rows} == {"deterrence", "dialogue"}
    assert all(0.0 <= float(r["war_lo"]) <= float(r["war_rate"]) <= float(r["war_hi"]) <= 1.0 for r in rows)
    assert pygame.image.load(str(folder / "compare.png")).get_width() == 1600
    assert not [p for p in folder.iterdir() if p.name.startswith(".")], "a temporary file was left behind"
    driver.press(app, K.K_ESCAPE)
    assert scene.view == "setup"
    driver.press(app, K.K_ESCAPE)
    assert driver.top_name(app) == "title"
    assert not scene.worker.alive


def test_cancel_stops_a_long_run_and_the_next_run_works(make_app):
    """Esc during a 10,000-game run cancels it at once; the worker stays up and the next run finishes."""
    app = make_app()
    scene = open_lab(app, "Compare lab")
    scene.games = 10000
    driver.press(app, K.K_r)
    assert wait_for(app, lambda: scene.run is None or scene.run.status == "running", 30)
    assert scene.run is not None, "the run finished before it could be cancelled"
    driver.press(app, K.K_ESCAPE)
    assert scene.run is None and "cancelled" in scene.message
    assert scene.view == "setup"
    scene.games = 100
    driver.press(app, K.K_r)
    assert wait_for(app, lambda: scene.run is None, 40)
    assert scene.outcome is not None and scene.outcome.games == 100
    app.pop()
    assert not scene.worker.alive


def test_help_lists_the_lab_keys(make_app):
    """F1 on the compare lab shows its own keys first (R runs, E exports)."""
    from game.ui.scenes.help import key_sections

    app = make_app()
    scene = open_lab(app, "Compare lab")
    driver.press(app, K.K_F1)
    assert driver.top_name(app) == "help"
    title, rows = key_sections(scene.keys)[0]
    assert title == "Compare lab"
    assert any(keys == "R" for keys, _ in rows) and any(keys == "E" for keys, _ in rows)
    driver.press(app, K.K_ESCAPE)
    assert driver.top_name(app) == "compare"


def test_the_sandbox_world_joins_the_compare(make_app):
    """Once the sandbox has moved a slider, the compare lab offers "custom (sandbox)" as a world and
    plays exactly that worldview."""
    app = make_app()
    sandbox = open_lab(app, "Worldview sandbox")
    focus_row(app, sandbox, "greedy_share")
    driver.press(app, K.K_RIGHT, K.K_RIGHT)
    custom = sandbox.worldview
    driver.press(app, K.K_ESCAPE)
    assert driver.top_name(app) == "title" and app.sandbox_worldview == custom
    assert getattr(app, "custom_worldview", None) is None  # the next game's world is untouched
    assert driver.click_button(app, "Compare lab")
    scene = app.top
    assert "custom" in scene.world_chips.keys()
    driver.click(app, scene.world_chips.rects["custom"].center)
    driver.click(app, scene.world_chips.rects["deterrence-world"].center)
    assert scene.worlds == ["spiral-world", "custom"]
    scene.games = 20  # which worldview each world plays is the point, not its rates
    driver.press(app, K.K_r)
    assert wait_for(app, lambda: scene.run is None, 40)
    labels = dict(scene.outcome.worlds)
    assert labels["custom"].startswith("custom (sandbox)")
    played = {r.condition.label: r.condition.worldview for r in scene.outcome.results}
    assert played["custom"] == custom and played["spiral-world"].overrides() == {}
    app.pop()


def test_results_page_through_worlds_that_do_not_fit(make_app):
    """Six doctrines in three worlds at text scale 1.5 do not fit legibly at once: the grid shows as
    many worlds as fit and → shows the next ones."""
    from game.core.model import params as P

    app = make_app(scale=1.5)
    app.custom_worldview = P.Worldview.from_preset("spiral-world", {"greedy_share": 0.3})
    scene = open_lab(app, "Compare lab")
    for key in ("reciprocity", "generous-reciprocity", "grit", "opportunist"):
        driver.click(app, scene.doctrine_chips.rects[key].center)
    driver.click(app, scene.world_chips.rects["custom"].center)
    assert len(scene.doctrines) == 6 and len(scene.worlds) == 3
    driver.click(app, scene.doctrine_chips.rects["random"].center)
    assert len(scene.doctrines) == 6 and "At most 6" in scene.message
    scene.games = 4  # the pages depend on how many worlds and doctrines there are, not on how many games
    driver.press(app, K.K_r)
    assert wait_for(app, lambda: scene.run is None, 40)
    pages = scene.pages
    assert pages.rows_shown < 3 and pages.first == 0
    driver.press(app, K.K_RIGHT)
    assert pages.first == pages.rows_shown
    driver.press(app, K.K_PAGEUP)
    assert pages.first == 0
    app.pop()
