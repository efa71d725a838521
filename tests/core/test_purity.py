import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_core_never_imports_pygame():
    """Importing the whole simulation core leaves pygame unloaded."""
    code = (
        "import sys, game.core, game.core.model.engine, game.core.play.session, game.core.runs.batch, "
        "game.core.files.record, game.core.teaching.report, game.core.teaching.explain; "
        "import pkgutil, importlib, game.core as c\n"
        "for m in pkgutil.iter_modules(c.__path__): importlib.import_module('game.core.' + m.name)\n"
        "assert 'pygame' not in sys.modules, 'pygame imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_no_pygame_import_statement_in_core():
    """No module under game/core mentions an import of pygame."""
    for path in (ROOT / "game" / "core").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import pygame" not in text and "from pygame" not in text, path
