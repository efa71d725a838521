"""Write a scenario back to TOML: the sandbox's "save as scenario"."""

from __future__ import annotations

import re
from pathlib import Path

from ..model import params as P
from .atomic import atomic_write
from .scenario import NAME_ALLOWED, NAME_PATTERN, Scenario, load_scenario


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _num(x: float) -> str:
    return repr(float(x)) if not float(x).is_integer() else f"{float(x):.1f}"


def scenario_toml(
    sc: Scenario, name: str | None = None, title: str | None = None, worldview: P.Worldview | None = None
) -> str:
    """The whole scenario as TOML, with the given worldview written as preset plus overrides."""
    wv = worldview or sc.worldview
    name = name or sc.name
    if not re.match(NAME_PATTERN, name):
        raise ValueError(f"scenario name {name!r} is not allowed (allowed: {NAME_ALLOWED})")
    out = [
        "# Written by Deterrence or Dialogue's worldview sandbox.",
        "",
        "[scenario]",
        f"name = {_q(name)}",
        f"title = {_q(title or sc.title)}",
        f"description = {_q(sc.description)}",
        f"turns = {sc.turns}",
        f"worldview = {_q(wv.preset)}",
    ]
    if sc.deck_name:
        out.append(f"deck = {_q(sc.deck_name)}")
    out += [f"dynamics = {'true' if sc.dynamics else 'false'}", f"seed = {sc.seed}", ""]
    overrides = wv.overrides()
    if overrides:
        out.append("[worldview]")
        out += [f"{k} = {_num(v)}" for k, v in overrides.items()]
        out.append("")
    e = sc.end
    out += [
        "[end]",
        f"lockin_threshold = {_num(e.lockin_threshold)}",
        f"lockin_turns = {e.lockin_turns}",
        f"community_trust = {_num(e.community_trust)}",
        f"community_tension = {_num(e.community_tension)}",
        f"community_turns = {e.community_turns}",
        "",
    ]
    for a in sc.actors:
        out += _actor_table(a)
    out.append("[matrices]")
    for key, m in (("trust", sc.trust), ("alliance", sc.alliance), ("ties", sc.ties)):
        rows = ",\n".join("  [" + ", ".join(_num(v) for v in row) + "]" for row in m.tolist())
        out.append(f"{key} = [\n{rows},\n]")
    if sc.profiles:
        out += ["", "[profiles]"]
        for pname, doctrines in sc.profiles.items():
            table = ", ".join(f"{c} = {_q(d)}" for c, d in zip(sc.codes, doctrines))
            out.append(f"{_q(pname)} = {{ {table} }}")
    return "\n".join(out) + "\n"


def _actor_table(a) -> list[str]:
    """One [[actor]] table's lines, ending in a blank line."""
    return [
        "[[actor]]",
        f"code = {_q(a.code)}",
        f"name = {_q(a.name)}",
        f"colour = {_q(a.colour)}",
        f"marker = {_q(a.marker)}",
        f"capability = {_num(a.capability)}",
        f"prosperity = {_num(a.prosperity)}",
        f"bloc = {_q(a.bloc)}",
        f"x = {_num(a.x)}",
        f"y = {_num(a.y)}",
        f"doctrine = {_q(a.doctrine)}",
        "",
    ]


def save_scenario(sc: Scenario, path, name: str, worldview: P.Worldview, title: str | None = None) -> Path:
    """Write the scenario with this worldview to path (atomically) and check it loads back."""
    path = Path(path)
    text = scenario_toml(sc, name, title, worldview)
    atomic_write(path, text)
    load_scenario(path)  # raises LoadError if anything about it is wrong
    return path
