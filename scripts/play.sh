#!/usr/bin/env bash
# Set up (first time only) and start the game; arguments go to `main.py play`
# (`play.sh classroom ...` starts a class instead: `main.py classroom ...`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "${1:-}" = classroom ]; then
    exec .venv/bin/python main.py "$@"
fi
exec .venv/bin/python main.py play "$@"
