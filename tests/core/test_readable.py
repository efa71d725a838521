"""The model stays readable: short rules in plain Python and numpy, constants by name, one vocabulary."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "game" / "core"
RULES = CORE / "model" / "rules"
# numbers that are structure, not model: none, one, the other sign, a pair's two cells
STRUCTURAL = {0, 1, -1, 2, 0.0, 1.0}


def _functions(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]


def test_engine_is_short():
    """engine.py, which calls the rules in order, is at most 250 lines."""
    assert len((CORE / "model" / "engine.py").read_text(encoding="utf-8").splitlines()) <= 250


def test_no_function_in_core_over_60_lines():
    """Every function in game/core, from its def to its last line, is at most 60 lines (each one over is named)."""
    long = [
        (path.relative_to(CORE).as_posix(), f.name, f.end_lineno - f.lineno + 1)
        for path in sorted(CORE.rglob("*.py"))
        for f in _functions(path)
        if f.end_lineno - f.lineno + 1 > 60
    ]
    assert not long, long


@pytest.mark.parametrize("path", sorted(RULES.glob("*.py")), ids=lambda p: p.name)
def test_rule_code_holds_no_bare_model_numbers(path):
    """Rule code names its constants (constants.K) and parameters: the only literal numbers are
    structural (0, 1, -1, 2)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(n.body[0].value)
        for n in ast.walk(tree)
        if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef))
        and n.body
        and isinstance(n.body[0], ast.Expr)
        and isinstance(n.body[0].value, ast.Constant)
    }
    bare = [
        (n.lineno, n.value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant)
        and id(n) not in docstrings
        and isinstance(n.value, (int, float))
        and not isinstance(n.value, bool)
        and n.value not in STRUCTURAL
    ]
    assert not bare, f"{path.name}: bare numbers at (line, value) {bare}"


def test_no_compiled_helpers_in_game():
    """The game is Python and numpy only: no C source and no ctypes under game/, and setup compiles nothing."""
    assert not list((ROOT / "game").rglob("*.c"))
    for path in (ROOT / "game").rglob("*.py"):
        assert "ctypes" not in path.read_text(encoding="utf-8"), path
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert not re.search(r"\b(cc|gcc|clang|kernels)\b", setup)


def test_game_refers_to_no_file_outside_the_project():
    """No file in game/ points to a document that the project does not hold."""
    for path in (ROOT / "game").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "DESIGN.md" not in text and "shared/" not in text, path
        for doc in re.findall(r"docs/[\w.-]+\.md", text):
            assert (ROOT / doc).exists(), f"{path}: {doc}"


def test_state_fields_are_words_and_no_module_alias_clashes_with_one():
    """State fields are named in words, and no name imported into a core module shadows a field."""
    from attrs import fields

    from game.core.model.state import State

    names = {f.name for f in fields(State)}
    assert all(len(n) > 2 for n in names)
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for alias in node.names:
                    bound = alias.asname or alias.name.split(".")[0]
                    assert bound not in names, f"{path.name}: import binds {bound!r}, a state field"


def test_every_constant_is_used_and_documented():
    """Each model constant is read by the code and listed in docs/MODEL.md."""
    from game.core.model.constants import TABLE

    code = "\n".join(p.read_text(encoding="utf-8") for p in CORE.rglob("*.py") if p.name != "constants.py")
    model = (ROOT / "docs" / "MODEL.md").read_text(encoding="utf-8")
    for c in TABLE:
        assert re.search(rf"\bK\.{c.name}\b|\"{c.name}\"|\b{c.name}\b", code), f"{c.name} is not used"
        assert c.name in model, f"{c.name} is not in docs/MODEL.md"


def test_model_doc_tables_match_the_code():
    """docs/MODEL.md's parameter and constant tables are the ones params.py and constants.py hold."""
    import contextlib
    import importlib.util
    import io

    spec = importlib.util.spec_from_file_location("model_tables", ROOT / "scripts" / "model_tables.py")
    tables = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tables)  # the script's own check, in this process
    said = io.StringIO()
    with contextlib.redirect_stdout(said):
        code = tables.main(["--check"])
    assert code == 0, said.getvalue()
