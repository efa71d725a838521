"""The worldview: one parameter table for sliders, `--set`, scenario validation and sweeps."""

from __future__ import annotations

import attrs
import numpy as np


@attrs.frozen
class ParamSpec:
    name: str
    label: str
    default: float
    low: float
    high: float
    step: float
    help: str
    source: str


PARAMS: tuple[ParamSpec, ...] = (
    ParamSpec(
        "greedy_share",
        "Share of greedy actors",
        0.35,
        0.0,
        1.0,
        0.05,
        "Chance that each actor is secretly expansionist rather than only security-seeking.",
        "Glaser (1992, 1997): greedy vs security-seeking states",
    ),
    ParamSpec(
        "arming_signal",
        "What arming signals",
        -0.5,
        -2.0,
        1.0,
        0.1,
        "Log-likelihood ratio others read from arming: 0 = defensive arming reveals nothing, "
        "below 0 = it looks hostile.",
        "Jervis (1978): offence-defence distinguishability; Kydd (1997)",
    ),
    ParamSpec(
        "alliance_signal",
        "What alliances signal to outsiders",
        -0.4,
        -2.0,
        1.0,
        0.1,
        "Log-likelihood ratio outsiders read when two others tighten an alliance.",
        "Jervis (1976); Snyder (1984) alliance security dilemma",
    ),
    ParamSpec(
        "reassurance_signal",
        "Power of costly reassurance",
        1.0,
        0.0,
        3.0,
        0.1,
        "How strongly a costly confidence-building measure reveals a security-seeker.",
        "Kydd (2000, 2005): costly signals of reassurance; Osgood (1962) GRIT",
    ),
    ParamSpec(
        "misperception",
        "Misperception",
        0.25,
        0.0,
        1.0,
        0.05,
        "Noise on every reading of another's move; also the chance a brink crisis slips into war by accident.",
        "Jervis (1976) Perception and Misperception; Schelling (1960)",
    ),
    ParamSpec(
        "suspicion_bias",
        "Suspicion bias",
        -0.15,
        -1.0,
        1.0,
        0.05,
        "Systematic tilt of every reading: below 0 reads others as more hostile than they are.",
        "Jervis (1976): cognitive bias toward seeing hostility",
    ),
    ParamSpec(
        "camp_bias",
        "Camp bias",
        0.25,
        0.0,
        1.0,
        0.05,
        "Extra distrust across blocs ('democracy vs authoritarianism').",
        "Jervis (1976); Acharya (2001) on ideological camps",
    ),
    ParamSpec(
        "ally_credibility",
        "Ally credibility",
        0.7,
        0.0,
        1.0,
        0.05,
        "Chance allies really come to help, which is what makes an alliance deter.",
        "Schelling (1966); Snyder (1984) abandonment and entrapment",
    ),
    ParamSpec(
        "weakness_invites",
        "Weakness invites",
        0.25,
        0.0,
        1.0,
        0.05,
        "Resolve lost in others' eyes by restraint under pressure or high tension.",
        "Deterrence model: Jervis (1976) ch. 3; Huth (1988)",
    ),
    ParamSpec(
        "resolve_gain",
        "Resolve from toughness",
        0.08,
        0.0,
        0.3,
        0.01,
        "How much a tough move (arming, pressure, a challenge, standing firm) raises others' belief "
        "that the actor will stand firm.",
        "Deterrence model: Schelling (1966) reputation for resolve; Jervis (1976) ch. 3",
    ),
    ParamSpec(
        "audience_cost",
        "Audience cost",
        0.25,
        0.0,
        1.0,
        0.05,
        "Resolve an actor loses when it backs down after escalating: the price of a broken threat.",
        "Fearon (1994) domestic audience costs",
    ),
    ParamSpec(
        "arms_fear",
        "Arms-race fear",
        0.12,
        0.0,
        0.5,
        0.01,
        "Richardson fear coefficient: how much background arming answers distrusted others' capability.",
        "Richardson (1960) Arms and Insecurity",
    ),
    ParamSpec(
        "arms_fatigue",
        "Arms-race fatigue",
        0.1,
        0.0,
        0.5,
        0.01,
        "Richardson fatigue coefficient: the drag of cost on one's own arming.",
        "Richardson (1960) Arms and Insecurity",
    ),
    ParamSpec(
        "first_strike",
        "First-strike advantage",
        0.25,
        0.0,
        1.0,
        0.05,
        "Advantage of striking first, which turns fear into a motive to attack.",
        "Jervis (1978); Schelling (1960) reciprocal fear of surprise attack; Fearon (1995)",
    ),
    ParamSpec(
        "defence_advantage",
        "Defence advantage",
        1.15,
        0.5,
        2.0,
        0.05,
        "Defender's multiplier on its strength: above 1, defence is easier than attack.",
        "Jervis (1978) offence-defence balance",
    ),
    ParamSpec(
        "shadow_of_future",
        "Shadow of the future",
        0.5,
        0.0,
        1.0,
        0.05,
        "Weight of future ties and forums in a decision to challenge.",
        "Axelrod (1984) The Evolution of Cooperation",
    ),
    ParamSpec(
        "trust_memory",
        "Trust memory",
        0.9,
        0.5,
        0.99,
        0.01,
        "Persistence of beliefs: how much of last turn's trust carries over.",
        "Kydd (2005) trust as a belief updated by evidence",
    ),
    ParamSpec(
        "action_noise",
        "Action noise",
        0.02,
        0.0,
        0.3,
        0.01,
        "Chance an executed action flips family by accident (an incident, a misread order).",
        "Axelrod (1984); Nowak & Sigmund (1992) noise and generosity",
    ),
    ParamSpec(
        "payoff_R",
        "Payoff R (both talk)",
        3.0,
        -5.0,
        10.0,
        0.5,
        "2x2 dyadic payoff when both sides choose dialogue (reward), for both types.",
        "Axelrod (1984); Jervis (1978) stag hunt vs prisoner's dilemma",
    ),
    ParamSpec(
        "payoff_S",
        "Payoff S (talk, face deterrence)",
        0.0,
        -5.0,
        10.0,
        0.5,
        "2x2 payoff for choosing dialogue while the other deters (sucker), for both types.",
        "Axelrod (1984)",
    ),
    ParamSpec(
        "payoff_T",
        "Payoff T (deter, face talk)",
        5.0,
        -5.0,
        10.0,
        0.5,
        "2x2 payoff a greedy actor gets for deterring while the other talks (temptation): "
        "above R, a prisoner's dilemma.",
        "Axelrod (1984); Glaser (1997) greedy states",
    ),
    ParamSpec(
        "payoff_P",
        "Payoff P (both deter)",
        1.0,
        -5.0,
        10.0,
        0.5,
        "2x2 payoff when both sides deter (punishment), for both types.",
        "Axelrod (1984)",
    ),
    ParamSpec(
        "secure_payoff_T",
        "Security-seeker's temptation",
        2.0,
        -5.0,
        10.0,
        0.5,
        "The temptation a security-seeker feels: below R it would rather both talk (an assurance game); "
        "equal to payoff_T, both types feel the same matrix.",
        "Jervis (1978) stag hunt; Kydd (2005) security-seekers' preferences",
    ),
)

SPEC = {p.name: p for p in PARAMS}
NAMES = tuple(p.name for p in PARAMS)
INDEX = {name: k for k, name in enumerate(NAMES)}

#: The two worlds differ in the truth of the world and in what arming, alliances and reassurance
#: say; they share how biased actors are (camp_bias, suspicion_bias), which would otherwise show in
#: the first turns' tension whatever anyone did, and their greedy shares are far enough apart for
#: the theory's verdict but close enough that a region's first turns do not give the world away
#: (docs/MODEL.md §5, the hidden world).
PRESETS: dict[str, dict[str, float]] = {
    "deterrence-world": dict(
        greedy_share=0.5,
        arming_signal=0.0,
        alliance_signal=0.0,
        reassurance_signal=0.5,
        misperception=0.1,
        suspicion_bias=-0.1,
        camp_bias=0.2,
        ally_credibility=0.9,
        weakness_invites=0.5,
        resolve_gain=0.15,
        audience_cost=0.3,
        arms_fear=0.05,
        arms_fatigue=0.1,
        first_strike=0.1,
        defence_advantage=1.5,
        shadow_of_future=0.5,
        trust_memory=0.9,
        action_noise=0.02,
        payoff_R=3.0,
        payoff_S=0.0,
        payoff_T=5.0,
        payoff_P=1.0,
        secure_payoff_T=2.0,
    ),
    "spiral-world": dict(
        greedy_share=0.2,
        arming_signal=-1.0,
        alliance_signal=-0.8,
        reassurance_signal=2.0,
        misperception=0.4,
        suspicion_bias=-0.1,
        camp_bias=0.2,
        ally_credibility=0.5,
        weakness_invites=0.0,
        resolve_gain=0.03,
        audience_cost=0.2,
        arms_fear=0.2,
        arms_fatigue=0.1,
        first_strike=0.4,
        defence_advantage=0.8,
        shadow_of_future=0.5,
        trust_memory=0.9,
        action_noise=0.02,
        payoff_R=3.0,
        payoff_S=0.0,
        payoff_T=5.0,
        payoff_P=1.0,
        secure_payoff_T=2.0,
    ),
}
PRESET_NAMES = tuple(PRESETS)


class ParamError(ValueError):
    """A worldview parameter name or value that is not allowed."""


def check_value(name: str, value) -> float:
    if name not in SPEC:
        raise ParamError(f"unknown parameter {name!r} (allowed: {', '.join(NAMES)})")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ParamError(f"{name}: expected a number, got {value!r}")
    spec = SPEC[name]
    value = float(value)
    if not np.isfinite(value) or not spec.low <= value <= spec.high:
        raise ParamError(f"{name}: {value:g} is out of range (allowed: {spec.low:g} to {spec.high:g})")
    return value


def parse_assignment(text: str) -> tuple[str, float]:
    """Parse `NAME=VALUE` as given to `--set`."""
    if "=" not in text:
        raise ParamError(f"expected PARAM=VALUE, got {text!r} (parameters: {', '.join(NAMES)})")
    name, _, raw = text.partition("=")
    name = name.strip()
    if name not in SPEC:
        raise ParamError(f"unknown parameter {name!r} (allowed: {', '.join(NAMES)})")
    try:
        value = float(raw)
    except ValueError:
        raise ParamError(f"{name}: {raw!r} is not a number") from None
    return name, check_value(name, value)


@attrs.frozen
class Worldview:
    """A named preset plus overrides: the hidden facts of how the world works."""

    preset: str
    values: tuple[float, ...]

    @classmethod
    def from_preset(cls, preset: str, overrides: dict[str, float] | None = None) -> "Worldview":
        if preset not in PRESETS:
            raise ParamError(f"unknown worldview {preset!r} (allowed: {', '.join(PRESET_NAMES)})")
        merged = dict(PRESETS[preset])
        for name, value in (overrides or {}).items():
            merged[name] = check_value(name, value)
        return cls(preset, tuple(float(merged[n]) for n in NAMES))

    def __getitem__(self, name: str) -> float:
        return self.values[INDEX[name]]

    def as_dict(self) -> dict[str, float]:
        return dict(zip(NAMES, self.values))

    def overrides(self) -> dict[str, float]:
        """The parameters that differ from the preset."""
        base = PRESETS[self.preset]
        return {n: v for n, v in self.as_dict().items() if v != base[n]}

    def with_values(self, **changes: float) -> "Worldview":
        merged = self.as_dict()
        for name, value in changes.items():
            merged[name] = check_value(name, value)
        return Worldview(self.preset, tuple(merged[n] for n in NAMES))

    @property
    def label(self) -> str:
        return self.preset + (" (modified)" if self.overrides() else "")

    def array(self) -> np.ndarray:
        return np.array(self.values, dtype=np.float64)
