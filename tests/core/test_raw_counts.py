"""A scenario or deck under the size limit but made of millions of small tables, items or keys is
refused from a count of its raw text, before it is parsed: in well under a second, in one line."""

import time
from pathlib import Path

import pytest

from game.core.files.cards import load_deck
from game.core.files.checks import RAW_LIMITS
from game.core.files.scenario import load_scenario
from game.core.model.errors import LoadError

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = {
    "2 million array items": "x = [" + "1," * 2_000_000 + "]\n",
    "700,000 table headers": "[a]\n" * 700_000,
    "300,000 keys": "".join(f"k{i}=1\n" for i in range(300_000)),
    "1 million inline tables": "x = [" + "{}," * 1_000_000 + "]\n",
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_file_of_too_many_small_parts_is_refused_before_it_is_parsed(tmp_path, case):
    """load_scenario and load_deck refuse it in under half a second, naming the file and what is too many."""
    path = tmp_path / "many.toml"
    path.write_text(HOSTILE[case], encoding="utf-8")
    for load in (load_scenario, load_deck):
        start = time.perf_counter()
        with pytest.raises(LoadError) as info:
            load(path)
        assert time.perf_counter() - start < 0.5
        message = str(info.value)
        assert message.startswith(f"{path}: too many ") and "allowed: up to" in message and "\n" not in message


def test_the_shipped_files_are_far_below_the_counts():
    """Every shipped scenario and deck holds under a tenth of each limit."""
    for path in (ROOT / "assets").rglob("*.toml"):
        text = path.read_text(encoding="utf-8")
        for mark, limit, _ in RAW_LIMITS:
            assert text.count(mark) * 10 < limit, (path, mark)
