"""The game is a package: every folder of code is listed and importable, and the data files it
ships are found through importlib.resources."""

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def code_folders() -> list[Path]:
    return sorted({p.parent for p in (ROOT / "game").rglob("*.py") if "__pycache__" not in p.parts})


def test_every_code_folder_is_a_listed_package():
    """Each folder of game/ that holds Python files has an __init__.py and is listed in pyproject.toml."""
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    for folder in code_folders():
        assert (folder / "__init__.py").is_file(), f"{folder} has no __init__.py"
        name = ".".join(folder.relative_to(ROOT).parts)
        assert name in listed, f"{name} is not in pyproject.toml's packages"


def test_data_folders_are_packaged_with_their_files():
    """assets/ and seeds/ install as game.assets and game.seeds, with every data file matched."""
    tool = PYPROJECT["tool"]["setuptools"]
    assert tool["package-dir"] == {"game.assets": "assets", "game.seeds": "seeds"}
    data = tool["package-data"]
    for package, folder in tool["package-dir"].items():
        files = [p for p in (ROOT / folder).rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc")]
        assert files
        for f in files:
            rel = f.relative_to(ROOT / folder)
            assert any(rel.match(pattern) for pattern in data[package]), f"{f} would not be installed"


def test_dependencies_are_declared_once():
    """pyproject.toml declares the dependencies and the test, cluster and classroom extras; no requirements files."""
    project = PYPROJECT["project"]
    assert {"numpy", "pygame-ce", "pygame_gui", "attrs", "platformdirs", "tqdm"} <= {
        d.split(">")[0].split("=")[0].split("[")[0] for d in project["dependencies"]
    }
    assert set(project["optional-dependencies"]) == {"test", "cluster", "classroom"}
    assert {"starlette", "uvicorn", "segno"} <= {d.split(">")[0] for d in project["optional-dependencies"]["classroom"]}
    assert any(d.startswith("dask[distributed]") for d in project["optional-dependencies"]["cluster"])
    assert project["scripts"]["deterrence-or-dialogue"] == "game.cli:main"
    assert not list(ROOT.glob("requirements*.txt"))


def test_shipped_files_are_found_through_the_package():
    """The shipped scenarios, decks, theme and article are where game.core.files.paths says."""
    from game.core.files import paths

    assert [p.stem for p in paths.shipped_scenarios()] == ["east_asia_2023", "two_rivals"]
    assert [p.stem for p in paths.shipped_decks()] == ["article_2023"]
    assert paths.THEME.is_file() and paths.ARTICLE.is_file()
    assert paths.SEEDS.parent == paths.ROOT  # records keep paths relative to the folder holding both


def test_validate_without_paths_checks_every_shipped_file(tmp_path):
    """`validate` with no PATH checks every shipped scenario and deck, from any folder."""
    r = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "validate"], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 3 and all(": ok (" in line for line in lines), lines
