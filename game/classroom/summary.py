"""The debriefs: each team's own at the end of its game (its type, score, the AI's baseline in its
seat, its beliefs and Brier score), and the class summary on the board (per table: the world,
the outcome, the war turn, every seat's score and the mean Brier score; then the tables of
deterrence worlds against the tables of spiral worlds)."""

from __future__ import annotations

import math

from game.core.teaching import debrief as D


def war_turn(record: dict) -> int | None:
    """The first turn a crisis of the game reached war (rung 4), None if none did."""
    turns = [t["turn"] for t in record.get("turns", []) for c in t.get("crises", []) if c.get("rung") == 4]
    return min(turns) if turns else None


def seat_debrief(record: dict, code: str, baseline: float) -> dict:
    """What a team reads at the end of its game."""
    stakes = None
    brier = record.get("brier", {}).get(code)
    return {
        "name": record["actor_names"].get(code, code),
        "type": record.get("dispositions", {}).get(code),
        "score": record["scores"][code]["score"] if code in record.get("scores", {}) else None,
        "baseline": round(float(baseline), 6),
        "beliefs": record.get("beliefs", {}).get(code, []),
        "brier": None if brier is None or (isinstance(brier, float) and math.isnan(brier)) else brier,
        "outcome": record["outcome"],
        "world": record["worldview"]["preset"],
        "sentence": D.sentence(record, code, stakes),
        "belief_line": D.belief_line(record, code),
    }


def table_summary(index: int, record: dict, humans: list[str]) -> dict:
    """One table's line of the class summary."""
    briers = [record.get("brier", {}).get(c) for c in humans]
    briers = [b for b in briers if isinstance(b, (int, float)) and not math.isnan(b)]
    return {
        "table": index,
        "seed": record["seed"],
        "world": record["worldview"]["preset"],
        "outcome": record["outcome"],
        "war_turn": war_turn(record),
        "turns": len(record.get("turns", [])),
        "scores": {c: row["score"] for c, row in record.get("scores", {}).items()},
        "types": dict(record.get("dispositions", {})),
        "humans": list(humans),
        "mean_brier": sum(briers) / len(briers) if briers else None,
        "beliefs": {c: record.get("beliefs", {}).get(c, []) for c in humans},  # the board's belief paths
    }


def by_world(rows: list[dict]) -> dict:
    """Deterrence-world tables against spiral-world tables: how many, how many went to war, the
    mean score of the human seats and the mean Brier score."""
    out = {}
    for world in ("deterrence-world", "spiral-world"):
        mine = [r for r in rows if r["world"] == world]
        scores = [r["scores"][c] for r in mine for c in r["humans"] if c in r["scores"]]
        briers = [r["mean_brier"] for r in mine if r["mean_brier"] is not None]
        out[world] = {
            "tables": len(mine),
            "wars": sum(r["war_turn"] is not None for r in mine),
            "mean_score": sum(scores) / len(scores) if scores else None,
            "mean_brier": sum(briers) / len(briers) if briers else None,
        }
    return out


def class_summary(records: list[dict], humans: list[list[str]]) -> dict:
    rows = [table_summary(k, rec, h) for k, (rec, h) in enumerate(zip(records, humans))]
    return {"tables": rows, "by_world": by_world(rows)}
