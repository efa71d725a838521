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
# The classroom's browser tests drive Debian's Chromium through its own binary (no browser download).
if [ "$EXTRA" = test ] && { ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; }; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "installing Debian's chromium and chromium-driver for the browser tests" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q >/dev/null
        apt-get install -y -q chromium chromium-driver >/dev/null
    else
        echo "chromium is missing: the browser tests are skipped (sudo apt-get install chromium chromium-driver)" >&2
    fi
fi
