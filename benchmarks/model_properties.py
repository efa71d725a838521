"""The model's properties over many games, with common random numbers (every condition plays
seeds 1..G). Prints each property's figures; the slow tests in tests/core/test_model_properties.py
assert them.

Run: python benchmarks/model_properties.py [--games 2000] [--only agency,trust,endings,comparison,fair]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.core.runs import measures as M  # noqa: E402
from game.core.model.doctrines import PLAYING_DOCTRINES  # noqa: E402
from game.core.model.params import PRESET_NAMES  # noqa: E402
from game.core.files.scenario import load_scenario  # noqa: E402
from game.core.runs.game_table import play_table  # noqa: E402
from game.core.model.vocab import OUTCOME_CODES  # noqa: E402


def agency_and_fairness(sc, seeds) -> None:
    print("\n## Agency, no dominant move, fair seats (each seat × policy; the others play the scenario's doctrines)")
    best = {}
    for world in PRESET_NAMES:
        results = M.seat_policies(sc, world, seeds)
        print(f"\n{world}: seat  score range (best policy / worst)  war-rate range  best vs baseline")
        for code in sc.codes:
            rows = [r for r in results if r.seat == code]
            top = max(rows, key=lambda r: r.score)
            low = min(rows, key=lambda r: r.score)
            wars = [r.war_rate for r in rows]
            best[(world, code)] = top.policy
            print(
                f"  {code:6s} {top.score - low.score:5.1f} ({top.policy} {top.score:.1f} / {low.policy} "
                f"{low.score:.1f})  {100 * (max(wars) - min(wars)):5.1f} pts  {top.score - top.baseline:+5.1f}"
            )
    same = sum(best[("deterrence-world", c)] == best[("spiral-world", c)] for c in sc.codes)
    forum = {w: sum(best[(w, c)] == "always-forum" for c in sc.codes) for w in PRESET_NAMES}
    print(f"\nseats whose best policy is the same in both worlds: {same} of {sc.n}; always-forum best: {forum}")


def trust(sc, seeds) -> None:
    print("\n## Trust learns type (AUC of the others' mean trust, greedy vs security-seeking, games of 15+ turns)")
    for world in PRESET_NAMES:
        t = play_table(M.in_world(sc, world), seeds)
        print(f"  {world}: AUC {M.trust_auc(t):.3f} over {int((t.end_turn >= 15).sum())} games")


def endings(sc, seeds) -> None:
    print("\n## Endings per doctrine × world (rates; median war turn; wars between treaty allies)")
    for world in PRESET_NAMES:
        for d in PLAYING_DOCTRINES:
            t = play_table(M.in_world(sc, world), seeds, [d] * sc.n)
            allies = M.same_bloc_wars(t, sc)
            rates = np.bincount(t.outcome, minlength=len(OUTCOME_CODES)) / t.seeds.size
            wars = t.outcome == 1
            med = np.median(t.end_turn[wars]) if wars.any() else float("nan")
            print(
                f"  {world:17s} {d:21s} war {rates[1]:.3f} lock-in {rates[2]:.3f} community {rates[3]:.3f} "
                f"limit {rates[4]:.3f}  wars {int(wars.sum()):5d} median turn {med:4.1f}  between allies {allies}"
            )
    t = play_table(M.in_world(sc, "spiral-world", greedy_share=0.0), seeds, ["dialogue"] * sc.n)
    print(f"  spiral-world, greedy_share 0, all dialogue: community {np.mean(t.outcome == 3):.3f}")


def comparison(sc, seeds) -> None:
    print("\n## The comparison (war rates with 95% Wilson intervals)")
    for world in PRESET_NAMES:
        for d in ("deterrence", "dialogue"):
            t = play_table(M.in_world(sc, world), seeds, [d] * sc.n)
            lo, hi = t.ci("war")
            print(f"  {world:17s} all-{d:11s} war {t.rate('war'):.3f} [{lo:.3f}-{hi:.3f}]")
    print("  spiral-world along greedy_share: all-deterrence war − all-dialogue war")
    for g in np.linspace(0, 1, 11):
        rates = [
            play_table(M.in_world(sc, "spiral-world", greedy_share=float(g)), seeds, [d] * sc.n).rate("war")
            for d in ("deterrence", "dialogue")
        ]
        print(f"    greedy_share {g:.1f}: {rates[0]:.3f} − {rates[1]:.3f} = {rates[0] - rates[1]:+.3f}")
    calm = dict(greedy_share=0.0, first_strike=0.0, misperception=0.0, action_noise=0.0)
    for world in PRESET_NAMES:
        wars = sum(
            int((play_table(M.in_world(sc, world, **calm), seeds, [d] * sc.n).outcome == 1).sum())
            for d in PLAYING_DOCTRINES
        )
        print(f"  {world}: no greed, no fear: {wars} wars over {len(PLAYING_DOCTRINES)} doctrines × {seeds.size} games")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--games", type=int, default=2000)
    ap.add_argument("--only", default="agency,trust,endings,comparison")
    args = ap.parse_args()
    sc = load_scenario("east_asia_2023")
    seeds = np.arange(1, args.games + 1)
    t0 = time.perf_counter()
    parts = {"agency": agency_and_fairness, "trust": trust, "endings": endings, "comparison": comparison}
    for name in args.only.split(","):
        parts[name](sc, seeds)
    print(f"\n{args.games} games per condition, seeds 1..{args.games}; {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
