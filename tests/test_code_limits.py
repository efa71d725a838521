"""Every module of the game stays short enough to read in one sitting, and every function on one screen:
no module under game/ over 500 lines, no function over 60 (the window's code counted as the model's)."""

import ast
from pathlib import Path

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


def test_every_module_is_short():
    """Every module of the game has at most 500 lines (each one over is named)."""
    lines = {path: len(path.read_text(encoding="utf-8").splitlines()) for path in SOURCES}
    over = [f"{path.relative_to(ROOT)} has {n} lines" for path, n in lines.items() if n > MODULE_LINES]
    assert SOURCES and not over, over


def test_no_function_is_long():
    """No function of the game is over 60 lines (each one over is named with its file)."""
    over = [f"{path.relative_to(ROOT)}: {long}" for path in SOURCES if (long := long_functions(path))]
    assert SOURCES and not over, over


def test_the_limits_see_a_long_function(tmp_path):
    """The count is not blind: a 61-line function is named."""
    body = "\n".join(f"    x{k} = {k}" for k in range(FUNCTION_LINES))
    f = tmp_path / "long.py"
    f.write_text(f"def long():\n{body}\n", encoding="utf-8")
    assert long_functions(f) == [f"long ({FUNCTION_LINES + 1})"]
