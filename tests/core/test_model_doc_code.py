"""docs/MODEL.md's `Code:` lines point at real places: every file they name exists and every function they
name with () is defined in the file named before it."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CODE_LINES = [
    line for line in (ROOT / "docs" / "MODEL.md").read_text(encoding="utf-8").splitlines() if line.startswith("Code:")
]
PATH = re.compile(r"game/[\w/]+\.py")
CALLED = re.compile(r"([A-Za-z_][\w.]*)\(\)")


def defined(path: Path) -> set[str]:
    """Every function, method and class name defined in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef))}


def references(line: str) -> list[tuple[str, str]]:
    """(file, name) for each name() in the line, paired with the last file named before it."""
    found, last = [], None
    for token in re.finditer(rf"{PATH.pattern}|{CALLED.pattern}", line):
        if PATH.fullmatch(token.group(0)):
            last = token.group(0)
        elif last is not None:
            found.append((last, token.group(1).split(".")[-1]))
    return found


def test_the_model_document_has_code_lines():
    """The model document points into the code, rule by rule."""
    assert len(CODE_LINES) >= 15


@pytest.mark.parametrize("line", CODE_LINES, ids=lambda line: line[6:60])
def test_code_lines_name_real_files_and_functions(line):
    """Each file a Code: line names exists, and each name() it gives is defined in the file named before it."""
    for path in PATH.findall(line):
        assert (ROOT / path).is_file(), path
    missing = [(f, name) for f, name in references(line) if name not in defined(ROOT / f)]
    assert not missing, missing
