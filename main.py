"""Deterrence or Dialogue: python main.py [play|simulate|compare|sweep|validate|cards] ..."""

import os
import sys

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # keep stdout for the game's own output

from game.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
