#!/usr/bin/env bash
# Create .venv beside the project (once) and install what the game needs.
# Usage: scripts/setup.sh [requirements file]   (default: requirements.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
REQ="${1:-requirements.txt}"
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    echo "setting up .venv with $($PY --version)" >&2
    "$PY" -m venv .venv
fi
STAMP=".venv/.installed-$(basename "$REQ")"
if [ ! -f "$STAMP" ] || [ "$REQ" -nt "$STAMP" ] || [ requirements.txt -nt "$STAMP" ]; then
    .venv/bin/python -m pip install --disable-pip-version-check -q -r "$REQ"
    touch "$STAMP"
fi
