#!/usr/bin/env bash
# The static checks alone: ruff's lint rules, ruff's formatting and vulture's dead code, over the
# game, its tests, benchmarks and scripts (settings in pyproject.toml). Exits non-zero if any fails.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test || exit 1
failed=0
.venv/bin/ruff check game tests benchmarks scripts || failed=1
.venv/bin/ruff format --check game tests benchmarks scripts || failed=1
.venv/bin/vulture || failed=1
exit "$failed"
