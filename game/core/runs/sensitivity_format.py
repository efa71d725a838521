"""The sensitivity analysis as the command prints it: per parameter, its signed effect on each
output with its 95% interval and what the theory predicts, then mu* (Morris) or S1 (Sobol)."""

from __future__ import annotations

from .sensitivity import Sensitivity
from .statics import OUTPUTS, SIGN_WORDS

HEADS = {"deterrence": "war, all-deterrence", "dialogue": "war, all-dialogue", "verdict": "verdict (dia - det)"}
MARK = {"agrees": "ok", "unclear": "??", "contradicts": "NO", "": ""}


def _cell(e) -> str:
    predicted = {1: "up", -1: "down"}.get(e.predicted, "")
    return f"{e.mean:+.3f} [{e.low:+.3f},{e.high:+.3f}] {predicted:>4s} {MARK[e.verdict]:2s}"


def sensitivity_lines(r: Sensitivity) -> list[str]:
    """The table: parameters by their effect on the verdict, largest first; then the check's summary."""
    index = "mu*" if r.method == "morris" else "S1"
    lines = [
        "signed effect of moving each parameter across its range, 95% interval; the theory's sign "
        "(docs/MODEL.md, Comparative statics): ok agrees, ?? unclear, NO contradicts",
        f"{'parameter':20s} {'range':13s} " + " ".join(f"{HEADS[o]:36s}" for o in OUTPUTS),
    ]
    for name in r.ranked("verdict"):
        low, high = r.box[name]
        lines.append(
            f"{name:20s} {low:5.3g}-{high:<7.3g} " + " ".join(f"{_cell(r.effect(name, o)):36s}" for o in OUTPUTS)
        )
    lines.append(f"\n{index} (how much each parameter moves each output, with its 95% half-width):")
    for name in r.ranked("verdict"):
        cells = [f"{r.effect(name, o).index:.3f} ± {r.effect(name, o).index_conf:.3f}" for o in OUTPUTS]
        lines.append(f"{name:20s} " + "".join(f"{c:24s}" for c in cells))
    checks = r.checks()
    counts = {v: sum(e.verdict == v for e in checks) for v in ("agrees", "unclear", "contradicts")}
    lines.append(
        f"\npredicted signs: {counts['agrees']} measured so, {counts['unclear']} unclear, "
        f"{counts['contradicts']} contradicted, of {len(checks)}"
    )
    for e in checks:
        if e.verdict != "agrees":
            lines.append(f"  {e.param} on {HEADS[e.output]}: predicted {SIGN_WORDS[e.predicted]}, {e.verdict}")
    lines.append("the verdict moves most with: " + ", ".join(r.ranked("verdict")[:3]))
    return lines
