"""Autosave, named saves, loading and exports; every write is atomic (write, then rename)."""
from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pygame

from game.core.errors import LoadError
from game.core.record import atomic_write
from game.core.session import Game

from . import userdata


def autosave(game: Game) -> Path:
    # compact: seed, choices and a state fingerprint, so autosaving every turn stays cheap
    return game.save(userdata.autosave_path(), compact=True)


def clean_name(name: str) -> str:
    """A file name from what the player typed: letters, digits, - and _ only."""
    name = re.sub(r"[^A-Za-z0-9_\-]+", "-", name.strip()).strip("-")
    return name[:60]


def default_name(game: Game) -> str:
    return f"{game.scenario.name}-seed{game.seed}-turn{game.turn}"


def save_named(game: Game, name: str) -> Path:
    cleaned = clean_name(name)
    if not cleaned:
        raise ValueError("Type a name for the save (letters, digits, - or _).")
    return game.save(userdata.saves_dir() / f"{cleaned}.json")


def list_saves() -> list[Path]:
    """Saved games, newest first (the autosave included)."""
    found = []
    auto = userdata.autosave_path()
    if auto.is_file():
        found.append(auto)
    folder = userdata.saves_dir()
    if folder.is_dir():
        found.extend(p for p in folder.glob("*.json") if p.is_file())
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def load(path) -> Game:
    """Game.load, with anything unexpected turned into a one-line LoadError (files are only read)."""
    try:
        return Game.load(path)
    except LoadError:
        raise
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, OverflowError) as exc:
        raise LoadError(path, None, None, f"not a usable game record ({type(exc).__name__}: {exc})") from None
    except OSError as exc:
        raise LoadError(path, None, None, f"cannot read it ({exc.strerror or exc})") from None


def save_png(surface: pygame.Surface, path) -> Path:
    """pygame.image.save to a temporary name beside the target, then rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp.png")
    try:
        pygame.image.save(surface, str(tmp))
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def export_folder(game: Game) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    base = userdata.exports_dir() / f"{game.scenario.name}-seed{game.seed}-{stamp}"
    folder, k = base, 2
    while folder.exists():
        folder = base.with_name(f"{base.name}-{k}")
        k += 1
    return folder


def export(game: Game, charts: pygame.Surface, other: Game | None = None) -> Path:
    """record.csv, game.json (loads with Game.load) and charts.png; the other world's record too."""
    folder = export_folder(game)
    record = game.record()
    atomic_write(folder / "record.csv", record.to_csv())
    atomic_write(folder / "game.json", record.to_json())
    if other is not None:
        atomic_write(folder / f"record-{other.worldview.preset}.csv", other.record().to_csv())
    save_png(charts, folder / "charts.png")
    return folder
