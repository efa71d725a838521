"""The engine's results are held to golden outputs recorded before the rules were rewritten."""

import pytest

from tests.golden import cases


@pytest.mark.parametrize("name", sorted(cases.CASES))
def test_output_matches_golden(name):
    """Each golden command gives exactly the recorded JSON (timing and local paths left out)."""
    got = cases.run(cases.CASES[name])
    want = cases.load(name)
    if got != want:
        # name the first differing place, so a failure says where the results moved
        raise AssertionError(f"{name}: first difference at {_first_difference(got, want)}")


def _first_difference(a, b, where="$"):
    if type(a) is not type(b):
        return f"{where}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b), key=str):
            if k not in a or k not in b:
                return f"{where}.{k}: missing on one side"
            if a[k] != b[k]:
                return _first_difference(a[k], b[k], f"{where}.{k}")
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{where}: length {len(a)} != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return _first_difference(x, y, f"{where}[{i}]")
    return f"{where}: {a!r} != {b!r}"
