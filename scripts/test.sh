#!/usr/bin/env bash
# Set up (first time only) and run the whole test suite headless on every core.
# The static checks (scripts/lint.sh: ruff and vulture) run first and must pass.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
bash scripts/lint.sh
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
# Keep compiled modules (and pytest's rewritten test modules) between the test processes: without them every
# worker and every command a test starts compiles the game and the tests again.
unset PYTHONDONTWRITEBYTECODE
set +e
.venv/bin/python -m pytest -n auto -p no:cacheprovider "$@"
code=$?
set -e
if [ "$code" -eq 5 ]; then
    echo "no tests were collected" >&2
    exit 1
fi
exit "$code"
