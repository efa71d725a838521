#!/usr/bin/env bash
# Set up (first time only) and start the game; arguments go to `main.py play`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python main.py play "$@"
