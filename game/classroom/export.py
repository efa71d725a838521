"""`classroom --export DIR`: what the class played, as files: each table's game record (the JSON
record the window writes, replayable), the per-game table rows of every game (one row per game
and actor, as `simulate --games` writes them) and the class summary as CSV, one row per table."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from game.core.files.atomic import atomic_write
from game.core.runs.game_table import COLUMNS

from .room import Classroom
from .summary import class_summary

CLASS_COLUMNS = ("table", "seed", "world", "outcome", "war_turn", "turns", "humans", "mean_brier", "mean_human_score")


def _csv(rows: list[dict], columns) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def game_rows(index: int, record: dict) -> list[dict]:
    """The per-game table's rows of one table's game (game_table.COLUMNS), with the table first."""
    codes = record["actors"]
    trust = record["turns"][-1]["trust"] if record.get("turns") else None
    rows = []
    for i, code in enumerate(codes):
        score = record.get("scores", {}).get(code, {})
        received = [trust[j][i] for j in range(len(codes)) if j != i] if trust else []
        rows.append(
            {
                "table": index,
                "seed": record["seed"],
                "worldview": record["worldview"]["preset"],
                "actor": code,
                "type": record.get("dispositions", {}).get(code, ""),
                "doctrine": record["doctrines"].get(code, ""),
                "score": round(float(score.get("score", 0.0)), 4),
                "security": round(float(score.get("security", 0.0)), 4),
                "prosperity": round(float(score.get("prosperity", 0.0)), 4),
                "stakes_won": round(float(score.get("stakes_won", 0.0)), 4),
                "trust_received": round(sum(received) / len(received), 4) if received else "",
                "war_against": " ".join(score.get("war_against", [])),
                "outcome": record["outcome"],
                "end_turn": record.get("end_turn", 0),
            }
        )
    return rows


def class_rows(summary: dict) -> list[dict]:
    rows = []
    for t in summary["tables"]:
        scores = [t["scores"][c] for c in t["humans"] if c in t["scores"]]
        row = {k: t[k] for k in CLASS_COLUMNS if k in t}
        row["humans"] = " ".join(t["humans"])
        row["mean_human_score"] = sum(scores) / len(scores) if scores else ""
        rows.append({k: "" if v is None else v for k, v in row.items()})
    return rows


def export(room: Classroom, folder) -> list[Path]:
    """Write table-K.json for every table, games.csv and class.csv into folder; the files written."""
    from game.core.files.record import GameRecord

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written, records, rows = [], [], []
    for ct in room.tables:
        record: GameRecord = ct.game.record()
        records.append(record.data)
        path = folder / f"table-{ct.index}.json"
        atomic_write(path, record.to_json())
        written.append(path)
        rows += game_rows(ct.index, record.data)
    atomic_write(folder / "games.csv", _csv(rows, ("table", *COLUMNS)))
    written.append(folder / "games.csv")
    humans = [[ct.game.codes[s] for s in ct.table.humans] for ct in room.tables]
    atomic_write(folder / "class.csv", _csv(class_rows(class_summary(records, humans)), CLASS_COLUMNS))
    written.append(folder / "class.csv")
    return written
