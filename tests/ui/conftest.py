"""UI test fixtures: a private data folder per test and an app driven by posted events."""

import pygame
import pytest


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("DOD_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def make_app():
    from game.ui.window.app import App
    from game.ui.window.setup_options import Options
    from game.core.files.scenario import load_scenario

    made = []

    def make(scenario="east_asia_2023", seed=3, turns=None, doctrines=None, size=(1280, 720), scale=1.0):
        sc = load_scenario(scenario)
        if turns:
            sc = sc.with_turns(turns)
        options = Options(
            scenario=sc, seed=seed, doctrines=tuple(doctrines) if doctrines else None, size=size, scale=scale
        )
        app = App(size, scale, False, options)
        made.append(app)
        return app

    yield make
    pygame.display.quit()
