"""Print: P in the debrief writes a one-page PDF (and the PNG) of the debrief into the game's own folder,
says where in a notice that stays until dismissed, and opens the PDF in the system's viewer on request."""

import importlib.util
import re
from pathlib import Path

import pygame as K

from game.core.files.scenario import load_scenario
from game.core.play.session import Game
from game.ui.window import driver, saving

from .helpers import wait_for_debrief


def _finished_game():
    sc = load_scenario("two_rivals").with_turns(3)
    game = Game(sc, 4, ["human", "reciprocity"], turns=3)
    while not game.over:
        game.play_turn({0: (5, -1)})  # forum
    return game


def pdf_pages(data: bytes) -> int:
    """The pages of a PDF: its page objects (not the /Pages tree)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def test_p_prints_one_pdf_page_into_the_game_folder_and_says_where(make_app, data_dir, monkeypatch):
    """P writes debrief.pdf (one A4 page) and debrief.png; the notice naming the folder stays over the debrief
    until Esc; P again writes over the same folder; Enter on the notice opens the PDF in the viewer."""
    opened = []
    monkeypatch.setattr(saving, "open_in_viewer", opened.append)
    app = make_app()
    app.push(app.scene("title"))
    app.push(app.scene("debrief", _finished_game()))
    wait_for_debrief(app)
    debrief = app.top
    driver.press(app, K.K_p)
    assert driver.top_name(app) == "printed"
    (folder,) = (data_dir / "exports").iterdir()
    assert {"debrief.pdf", "debrief.png", "record.csv", "game.json", "charts.png"} <= {p.name for p in folder.iterdir()}
    pdf = (folder / "debrief.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf_pages(pdf) == 1
    assert str(folder) in debrief.status and "debrief.pdf" in debrief.status
    driver.run(app, 20, dt=0.5)  # ten seconds of frames: the notice is still there
    assert driver.top_name(app) == "printed" and app.top.folder == folder
    driver.press(app, K.K_ESCAPE)
    assert app.top is debrief
    driver.press(app, K.K_p)
    assert list((data_dir / "exports").iterdir()) == [folder]  # one folder per game, however often printed
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]
    driver.press(app, K.K_RETURN)
    assert opened == [folder / "debrief.pdf"]


def _make_pdfs():
    """scripts/make_pdfs.py, loaded as a module."""
    path = Path(__file__).resolve().parents[2] / "scripts" / "make_pdfs.py"
    spec = importlib.util.spec_from_file_location("make_pdfs", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_printable_docs_are_up_to_date_and_each_one_page(tmp_path):
    """docs/worksheet.pdf and docs/teacher-summary.pdf were made from their Markdown sources as they are now,
    and each source makes a valid one-page PDF again."""
    make = _make_pdfs()
    assert make.main(["--check"]) == 0, "run .venv/bin/python scripts/make_pdfs.py and commit the PDFs"
    for name in make.SOURCES:
        committed = (make.DOCS / f"{name}.pdf").read_bytes()
        assert committed.startswith(b"%PDF-") and pdf_pages(committed) == 1
        again = tmp_path / f"{name}.pdf"
        markdown = (make.DOCS / f"{name}.md").read_text(encoding="utf-8")
        make.write_pdf(make.page_of(markdown), again, name, "0" * 64)
        assert pdf_pages(again.read_bytes()) == 1 and make.recorded_mark(again) == "0" * 64
