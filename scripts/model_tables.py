"""The parameter and constant tables of docs/MODEL.md (§8 and §9), written from the code's own
tables (game/core/model/params.py, game/core/model/constants.py). Run it after changing either:

    python scripts/model_tables.py          # rewrite the two tables in docs/MODEL.md
    python scripts/model_tables.py --check  # exit 1 if docs/MODEL.md is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.core.model import params as P  # noqa: E402
from game.core.model.constants import TABLE  # noqa: E402

MODEL = ROOT / "docs" / "MODEL.md"
SECTIONS = {
    "§7.1": "Event cards",
    "§7.2": "Choice and action noise",
    "§7.3": "Actions",
    "§7.4": "Perception",
    "§7.5": "Resolve",
    "§7.6": "Arms dynamics",
    "§7.7": "Tension",
    "§7.8": "Regional tension",
    "§7.9": "Challenge",
    "§7.10": "Ladder and war",
    "§7.11": "Economy",
    "§7.12": "Scores",
    "§7.13": "Endings",
    "§5": "Initialisation",
    "§2": "State",
}
NUMBERED = {name: number for number, name in SECTIONS.items()}
NUMBERED["Causes"] = "§4 Observation (causes)"


def _num(x) -> str:
    return f"{x:g}"


def parameter_table() -> list[str]:
    rows = [
        "| name | deterrence-world | spiral-world | default | range | meaning | source |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in P.PARAMS:
        rows.append(
            f"| `{p.name}` | {_num(P.PRESETS['deterrence-world'][p.name])} | "
            f"{_num(P.PRESETS['spiral-world'][p.name])} | {_num(p.default)} | {_num(p.low)} to {_num(p.high)} "
            f"| {p.help} | {p.source} |"
        )
    return rows


def constant_table() -> list[str]:
    rows = ["| name | value | meaning | why | section |", "|---|---|---|---|---|"]
    for c in TABLE:
        section = NUMBERED.get(c.section, c.section)
        section = section if section.startswith("§4") else f"{section} {c.section}"
        rows.append(f"| `{c.name}` | {_num(c.value)} | {c.meaning} | {c.why} | {section} |")
    return rows


def _replace_table(lines: list[str], header: str, new: list[str]) -> list[str]:
    start = lines.index(header)
    end = start
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    return lines[:start] + new + lines[end:]


def updated(text: str) -> str:
    lines = text.split("\n")
    lines = _replace_table(lines, parameter_table()[0], parameter_table())
    lines = _replace_table(lines, constant_table()[0], constant_table())
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    text = MODEL.read_text(encoding="utf-8")
    new = updated(text)
    if "--check" in argv:
        if new != text:
            print("docs/MODEL.md: the parameter or constant table is out of date (run python scripts/model_tables.py)")
            return 1
        return 0
    MODEL.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
