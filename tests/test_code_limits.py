"""Every module of the game stays short enough to read in one sitting, and every function on one screen:
no module under game/ over 500 lines, no function over 60 (the window's code counted as the model's)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted(p for p in (ROOT / "game").rglob("*.py") if "__pycache__" not in p.parts)
MODULE_LINES = 500
FUNCTION_LINES = 60


def long_functions(path: Path) -> list[str]:
    """The functions of a file longer than FUNCTION_LINES, as 'name (lines)'."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{node.name} ({node.end_lineno - node.lineno + 1})"
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.end_lineno - node.lineno + 1 > FUNCTION_LINES
    ]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_module_is_short(path):
    """A module of the game has at most 500 lines."""
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MODULE_LINES, f"{path.relative_to(ROOT)} has {lines} lines"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_functions_are_short(path):
    """No function of the game is over 60 lines."""
    assert not long_functions(path), f"{path.relative_to(ROOT)}: {long_functions(path)}"


def test_the_limits_see_a_long_function(tmp_path):
    """The count is not blind: a 61-line function is named."""
    body = "\n".join(f"    x{k} = {k}" for k in range(FUNCTION_LINES))
    f = tmp_path / "long.py"
    f.write_text(f"def long():\n{body}\n", encoding="utf-8")
    assert long_functions(f) == [f"long ({FUNCTION_LINES + 1})"]
