"""Deterrence or Dialogue: python main.py [play|simulate|compare|sweep|validate|cards] ..."""
import sys

from game.cli import main

if __name__ == "__main__":
    sys.exit(main())
