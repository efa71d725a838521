"""Imports point down: game/core ← game/ui ← game/cli.py and game/lab_cli.py, with no cycles, counting
the imports inside functions (read from the source with ast, not from what happens to be loaded).
Inside core the named parts point down too: model ← files ← runs ← teaching ← play."""

import ast
import functools
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
GAME = ROOT / "game"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(GAME.rglob("*.py")) if "__pycache__" not in p.parts}


def is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def imports_of(name: str) -> set[str]:
    """Every module of game/ that `name` imports, wherever in the file the import statement stands."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    package = name if is_package(name) else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.add(_deepest(alias.name))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                sub = f"{source}.{alias.name}"
                found.add(sub if sub in MODULES else _deepest(source))
    found.discard(None)
    found.discard(name)
    return found


def _deepest(dotted: str):
    """The longest leading part of a dotted name that is a module of game/ (None outside game/)."""
    parts = dotted.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in MODULES:
            return candidate
        parts.pop()
    return None


@functools.cache
def graph() -> dict[str, set[str]]:
    """Every module of game/ with the modules it imports (read once, by the first test that asks)."""
    return {name: imports_of(name) for name in MODULES}


CORE_PARTS = ("model", "files", "runs", "teaching", "play")  # bottom first


def layer(name: str) -> int:
    if name == "game.core" or name.startswith("game.core."):
        return 0
    if name == "game.ui" or name.startswith("game.ui."):
        return 1
    return 2


def core_part(name: str) -> int | None:
    """The rank of the part of core that `name` belongs to (model 0 ... play 4), None outside the parts."""
    parts = name.split(".")
    if parts[:2] == ["game", "core"] and len(parts) > 2 and parts[2] in CORE_PARTS:
        return CORE_PARTS.index(parts[2])
    return None


def test_the_graph_sees_imports_inside_functions():
    """The walk finds an import made inside a function (the cli opens the window only for `play`)."""
    assert any(m.startswith("game.ui") for m in graph()["game.cli"])


def test_no_import_points_up():
    """A module imports only from its own layer or the layers below it (core never ui or cli, ui never cli)."""
    up = {name: sorted(m for m in imported if layer(m) > layer(name)) for name, imported in graph().items()}
    up = {name: modules for name, modules in up.items() if modules}
    assert not up, "imports of a layer above: " + "; ".join(f"{n} imports {m}" for n, m in sorted(up.items()))


def test_core_is_in_its_named_parts():
    """Every module of core lives in one of its named parts, and each part says in its docstring what it is."""
    loose = sorted(n for n in MODULES if n.startswith("game.core.") and core_part(n) is None)
    assert not loose, f"modules of core outside its parts: {loose}"
    for part in CORE_PARTS:
        init = GAME / "core" / part / "__init__.py"
        tree = ast.parse(init.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"game.core.{part} has no docstring"


def test_core_parts_point_down():
    """A module of core imports only from its own part or the parts below it
    (model ← files ← runs ← teaching ← play)."""
    up = {}
    for name, imported in graph().items():
        mine = core_part(name)
        if mine is not None:
            above = sorted(m for m in imported if core_part(m) is not None and core_part(m) > mine)
            if above:
                up[name] = above
    assert not up, "imports of a part of core above: " + "; ".join(f"{n} imports {m}" for n, m in sorted(up.items()))


def test_the_part_check_sees_a_wrong_import():
    """The part check is not blind: a model module that imported a run would be named."""
    assert core_part("game.core.model.engine") < core_part("game.core.runs.batch")
    assert core_part("game.core.play.session") == len(CORE_PARTS) - 1


def test_no_import_cycles():
    """No chain of imports leads from a module back to itself."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = [0]

    def visit(v):  # Tarjan's strongly connected components
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph()[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(graph()):
        if v not in index:
            visit(v)
    assert not cycles, "import cycles: " + "; ".join(" ↔ ".join(c) for c in cycles)


def test_no_hidden_imports():
    """No module under game/ imports by a string (importlib.import_module, __import__), which the walk could not see."""
    for name, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        assert "import_module(" not in text and "__import__(" not in text, name


def test_the_command_lines_do_not_import_each_other():
    """cli reaches lab_cli's commands, and lab_cli takes nothing from cli."""
    assert "game.cli" not in graph()["game.lab_cli"]
