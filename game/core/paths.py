"""Where the project's data lives."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "assets"
SCENARIOS = ASSETS / "scenarios"
CARDS = ASSETS / "cards"
SEEDS = ROOT / "seeds"
ARTICLE = SEEDS / "000_3c3c7867f6d4a3de.txt"
