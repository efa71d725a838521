"""Autosave, named saves, loading and exports; every write is atomic (write, then rename).

The play screen autosaves after every turn. Writing the file waits for the disk (the atomic write
syncs it), which takes from one to more than ten milliseconds: too long for a frame in quick
auto-play. So the play screen builds the save's text in its frame and a background thread writes
it (autosave_later); wait_for_saves() returns once everything handed over is on disk.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
import time
from pathlib import Path

import pygame

from game.core.model.errors import LoadError
from game.core.files.atomic import atomic_write
from game.core.files.tempfiles import temporary_folder, temporary_name
from game.core.play.session import Game

from . import userdata


def autosave(game: Game) -> Path:
    # compact: seed, choices and a state fingerprint, so autosaving every turn stays cheap
    _writer.wait()  # a background save still on its way must not land over this newer one
    return game.save(userdata.autosave_path(), compact=True)


def compact_text(game: Game) -> str:
    """The text of the compact autosave (the core owns its format)."""
    return game.save_text(compact=True)


class _Writer:
    """One background thread writing files handed to it; a newer text for a path replaces one not yet written."""

    def __init__(self):
        self._cv = threading.Condition()
        self._pending: dict[Path, str] = {}
        self._busy = False
        self._thread: threading.Thread | None = None
        self.error: OSError | None = None

    def put(self, path: Path, text: str):
        with self._cv:
            self._pending[path] = text
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="autosave", daemon=True)
                self._thread.start()
            self._cv.notify_all()

    def _run(self):
        while True:
            with self._cv:
                while not self._pending:
                    self._cv.wait()
                path, text = self._pending.popitem()
                self._busy = True
            try:
                atomic_write(path, text)
            except OSError as exc:
                with self._cv:
                    self.error = exc
            finally:
                with self._cv:
                    self._busy = False
                    self._cv.notify_all()

    def wait(self):
        with self._cv:
            while self._pending or self._busy:
                self._cv.wait()

    def take_error(self) -> OSError | None:
        with self._cv:
            error, self.error = self.error, None
            return error


_writer = _Writer()


def autosave_later(game: Game) -> Path:
    """Autosave without waiting for the disk: the text is taken now, the file written in the background."""
    path = userdata.autosave_path()
    _writer.put(path, compact_text(game))
    return path


def wait_for_saves() -> OSError | None:
    """Block until every background save is written; returns the error of a failed one, if any."""
    _writer.wait()
    return _writer.take_error()


def save_error() -> OSError | None:
    """The error of a background save that failed since the last call, if any (without waiting)."""
    return _writer.take_error()


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


def modified(path: Path) -> float:
    """When the file was last written, or 0 if it is gone."""
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def list_saves() -> list[Path]:
    """Saved games, newest first (the autosave included): regular files only."""
    found = []
    auto = userdata.autosave_path()
    if auto.is_file():
        found.append(auto)
    folder = userdata.saves_dir()
    try:
        if folder.is_dir():
            found.extend(p for p in folder.glob("*.json") if p.is_file())
    except OSError:
        pass
    return sorted(found, key=modified, reverse=True)


def load(path) -> Game:
    """Game.load, with anything unexpected turned into a one-line LoadError (files are only read)."""
    try:
        return Game.load(path)
    except LoadError:
        raise
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, OverflowError, RecursionError) as exc:
        raise LoadError(
            path, None, None, f"not a usable game record ({type(exc).__name__}: {str(exc)[:200]})"
        ) from None
    except OSError as exc:
        raise LoadError(path, None, None, f"cannot read it ({exc.strerror or exc})") from None


@contextlib.contextmanager
def _written_whole(path: Path, suffix: str):
    """A temporary name beside path to write into; renamed over path when the block ends well, else removed."""
    tmp = path.with_name(temporary_name(path.name, suffix))
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        try:
            tmp.unlink()
        except OSError:
            pass


def save_png(surface: pygame.Surface, path) -> Path:
    """pygame.image.save to a temporary name beside the target, then rename; a picture that
    cannot be written raises OSError (pygame's own error included)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with _written_whole(path, ".png") as tmp:
            pygame.image.save(surface, str(tmp))
    except pygame.error as exc:
        raise OSError(f"cannot write {path.name} ({exc})") from None
    return path


def new_export_folder(name: str) -> Path:
    """A folder under exports/ that does not exist yet: NAME-TIME, or NAME-TIME-2, -3, ..."""
    base = userdata.exports_dir() / f"{name}-{time.strftime('%Y%m%d-%H%M%S')}"
    folder, k = base, 2
    while folder.exists():
        folder = base.with_name(f"{base.name}-{k}")
        k += 1
    return folder


def export_folder(game: Game) -> Path:
    """The game's own folder under exports/: its scenario, seed and a fingerprint of how it ended, so
    printing the same game again writes over its files rather than starting another folder."""
    return userdata.exports_dir() / f"{game.scenario.name}-seed{game.seed}-{game.state_digest()[:8]}"


def save_pdf(surface: pygame.Surface, path, dpi: int = 150) -> Path:
    """The picture as a one-page PDF at `dpi` (a 1240×1754 page at 150 dpi is A4), written whole."""
    from PIL import Image

    path = Path(path)
    page = Image.frombytes("RGB", surface.get_size(), pygame.image.tobytes(surface, "RGB"))
    with _written_whole(path, ".pdf") as tmp:
        page.save(tmp, "PDF", resolution=float(dpi), quality=90, title="Deterrence or Dialogue: debrief")
    return path


def export(game: Game, charts: pygame.Surface, other: Game | None = None, page: pygame.Surface | None = None) -> Path:
    """Into the game's folder: record.csv, game.json (loads with Game.load) and charts.png, the other world's
    record too, and with a page debrief.pdf and debrief.png (the one page to print). The files are written in a hidden
    temporary folder first and moved in once all are there, so a failed export (OSError) changes nothing."""
    import shutil

    folder = export_folder(game)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = temporary_folder(folder)
    try:
        record = game.record()
        atomic_write(staging / "record.csv", record.to_csv())
        atomic_write(staging / "game.json", record.to_json())
        if other is not None:
            atomic_write(staging / f"record-{other.worldview.preset}.csv", other.record().to_csv())
        save_png(charts, staging / "charts.png")
        if page is not None:
            save_png(page, staging / "debrief.png")
            save_pdf(page, staging / "debrief.pdf")
        if not folder.is_dir():
            os.rename(staging, folder)
        else:
            for made in staging.iterdir():
                os.replace(made, folder / made.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return folder


def open_in_viewer(path) -> None:
    """Open a file or folder with the system's own viewer (it runs on its own; the game does not wait)."""
    import subprocess
    import sys

    path = str(path)
    if sys.platform.startswith("win"):
        os.startfile(path)  # noqa: S606 - the user asked to open the page
    elif sys.platform == "darwin":
        subprocess.Popen(["open", path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    else:
        subprocess.Popen(["xdg-open", path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
