#!/usr/bin/env bash
# Create .venv beside the project (once) and install the game into it from pyproject.toml, in
# editable mode (the checkout's own files run), always with the classroom server's extra.
# Usage: scripts/setup.sh [EXTRA]   (e.g. test)
set -euo pipefail
cd "$(dirname "$0")/.."
EXTRA="${1:-}"
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    echo "setting up .venv with $($PY --version)" >&2
    "$PY" -m venv .venv
fi
TARGET=".[classroom${EXTRA:+,$EXTRA}]"
STAMP=".venv/.installed-classroom${EXTRA:+-$EXTRA}"
if [ ! -f "$STAMP" ] || [ pyproject.toml -nt "$STAMP" ]; then
    .venv/bin/python -m pip install --disable-pip-version-check -q -e "$TARGET"
    touch "$STAMP"
fi
