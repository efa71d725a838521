"""The model's constants: every number the rules use that is not a worldview parameter.

One table, like the worldview's in params.py: each constant has its name, its value, what it
means and why it has this value. The rules read them as `K.NAME`; docs/MODEL.md ("Model
constants") lists the same table. A worldview parameter is something people disagree about
(how greedy states are, what arming signals); a constant here is the model's scale and pace,
held the same in every world so that the two worlds differ only in their parameters.
"""
from __future__ import annotations

from collections import namedtuple

import attrs
import numpy as np


@attrs.frozen
class Constant:
    name: str
    value: float
    meaning: str
    why: str
    section: str   # the rule that uses it, as docs/MODEL.md names it


TABLE: tuple[Constant, ...] = (
    # --- the state's bounds
    Constant("CAPABILITY_MIN", 0.1, "lowest capability an actor can fall to",
             "every actor keeps some force: a defence of zero would make any challenge a sure win",
             "State"),
    Constant("CAPABILITY_MAX", 10.0, "highest capability",
             "the scale of capability and prosperity: the scenario's actors sit between 0.5 and 9",
             "State"),
    Constant("PROSPERITY_MAX", 10.0, "highest prosperity", "the same scale as capability", "State"),
    Constant("TRUST_LOGODDS_MAX", 6.0, "bound on trust as log-odds (trust stays within 0.0025..0.9975)",
             "no belief becomes certain, so later evidence can always move it", "State"),
    Constant("WAR_RUNG", 4, "the rung of the crisis ladder that is war",
             "calm (0), dispute, confrontation, brink, then war at rung 4", "State"),
    Constant("TRUST_START_CLIP", 0.02, "starting trust is kept within this distance of 0 and 1",
             "a scenario's 0 or 1 would be an infinite log-odds", "Initialisation"),
    Constant("START_TENSION", 0.5, "starting tension of a pair per unit of the pair's mean distrust",
             "the region starts halfway between calm and the level its distrust would drive it to",
             "Initialisation"),
    Constant("START_RESOLVE", 0.5, "every actor's starting resolve image",
             "at the start nobody knows whether another will stand firm: an even chance", "Initialisation"),
    # --- perception (Kydd)
    Constant("EVIDENCE_WEIGHT", 0.3, "how much one turn's reading moves a belief (log-odds per unit of evidence)",
             "with trust_memory 0.9 a reading repeated every turn settles at 3 times its log-likelihood "
             "ratio above the starting belief: a consistent signal is learnt in about ten turns",
             "Perception"),
    Constant("SUMMIT_SIGNAL", 0.1, "log-likelihood ratio its target reads from a summit",
             "cheap talk: a security-seeker and a greedy actor can both afford it, so it says little",
             "Perception"),
    Constant("FORUM_SIGNAL", 0.15, "log-likelihood ratio everyone reads from attending the forum",
             "a little more than a summit: attendance binds an actor to a public process", "Perception"),
    Constant("TRADE_SIGNAL", 0.2, "log-likelihood ratio its partner reads from trade",
             "trade creates ties that a greedy actor would later have to give up", "Perception"),
    Constant("HOLD_SIGNAL", 0.0, "log-likelihood ratio read from restraint", "doing nothing reveals nothing",
             "Perception"),
    Constant("ALLY_PARTNER_SIGNAL", 0.3, "log-likelihood ratio the partner reads from an alliance move",
             "the partner is the one the alliance reassures", "Perception"),
    Constant("PRESSURE_SIGNAL", -0.3, "log-likelihood ratio of pressure beyond what arming signals",
             "pressure is aimed at someone: it reads as more hostile than arming in every world",
             "Perception"),
    Constant("BYSTANDER_WEIGHT", 0.5, "share of a targeted move's reading that bystanders take in",
             "the target reads a move at full weight; others see it second-hand", "Perception"),
    Constant("NON_ALIGNED_CAMP", 0.5, "share of the camp division a non-aligned actor feels",
             "a non-aligned actor stands between the blocs (ASEAN's centrality, Acharya 2001)", "Perception"),
    # --- actions
    Constant("ARM_STEP", 0.6, "capability gained by arming, shrinking near CAPABILITY_MAX",
             "a turn of arming moves a mid-sized actor by about a tenth of its strength", "Actions"),
    Constant("ARM_COST", 0.15, "prosperity an arming turn costs", "guns against butter: a quarter of ARM_STEP",
             "Actions"),
    Constant("ALLY_STEP", 0.12, "alliance strength a pair gains when one of them works on it",
             "an alliance takes years to build: about eight turns from nothing to full", "Actions"),
    Constant("TRADE_TIES", 0.05, "ties a trading pair gains", "ties grow slowly; twenty turns of trade from none to full",
             "Actions"),
    Constant("SUMMIT_TIES", 0.01, "ties a pair gains from a summit", "talk builds a little, a fifth of trade",
             "Actions"),
    Constant("TRADE_GAIN", 0.05, "prosperity an actor gains from each trade it takes part in",
             "both partners gain, as much as a turn of growth", "Actions"),
    Constant("CBM_COST", 0.15, "capability given up by costly confidence-building",
             "a quarter of an arming step: costly enough to be a signal, small enough to be affordable",
             "Actions"),
    Constant("CBM_PROSPERITY_COST", 0.05, "prosperity a confidence-building measure costs",
             "inspections and transparency have a price too", "Actions"),
    Constant("PRESSURE_COST", 0.05, "prosperity an actor pays for pressuring someone",
             "sanctions cut both ways", "Actions"),
    Constant("PRESSURED_COST", 0.1, "prosperity an actor loses when someone pressures it",
             "the target bears more of the cost than the one who imposes it", "Actions"),
    Constant("FORUM_GAIN", 0.3, "growth of the forum stock when every actor attends",
             "a forum everyone attends fills in a few turns; one attendee alone adds an eighth as much",
             "Actions"),
    Constant("FORUM_DECAY", 0.05, "share of the forum stock lost each turn",
             "institutions fade if nobody attends them: about a twenty-turn memory", "Actions"),
    # --- resolve
    Constant("RESOLVE_STEP", 0.08, "resolve image gained by a deterrence move",
             "a tough move shows some will to stand firm", "Resolve"),
    Constant("RESOLVE_LOSS", 0.2, "resolve image lost by meek restraint, times weakness_invites",
             "restraint under pressure is read as weakness where the worldview says weakness invites",
             "Resolve"),
    Constant("RESOLVE_REVERSION", 0.05, "pull of the resolve image back toward START_RESOLVE each turn",
             "reputations fade without new evidence", "Resolve"),
    Constant("TENSE", 0.35, "tension with someone above which restraint is read as weakness",
             "between friction and crisis: below it, restraint is simply calm", "Resolve"),
    # --- arms dynamics (Richardson)
    Constant("GREED_ARMING", 0.1, "extra background arming of a greedy actor each turn",
             "greedy actors arm a little more: a partial tell that behaviour can reveal", "Arms dynamics"),
    # --- tension
    Constant("TENSION_RATE", 0.35, "share of the gap to its target that a pair's tension closes each turn",
             "tension follows its causes within about three turns", "Tension"),
    Constant("DISTRUST_TENSION", 0.6, "tension target per unit of the pair's mean distrust",
             "distrust is the main driver: full distrust alone makes a crisis-level tension", "Tension"),
    Constant("ARMS_TENSION", 0.25, "tension target per unit of capability the pair gained this turn",
             "an arms race is visible and alarming", "Tension"),
    Constant("BLOC_TENSION", 0.3, "tension target per unit of camp_bias across blocs",
             "bloc division adds to tension as it adds to distrust", "Tension"),
    Constant("PRESSURE_TENSION", 0.5, "tension target when one of the pair pressures the other",
             "sanctions and shows of force are the most direct cause of tension", "Tension"),
    Constant("TIES_TENSION", 0.5, "tension target lowered per unit of ties, times shadow_of_future",
             "interdependence calms where the future matters (Axelrod 1984)", "Tension"),
    Constant("FORUM_TENSION", 0.4, "tension target lowered per unit of forum stock",
             "a full regional forum takes the edge off every pair (Acharya 2001)", "Tension"),
    Constant("REGIONAL_TENSION_SCALE", 100.0, "regional tension is the weighted mean pair tension times this",
             "a 0-100 gauge a class can read", "Regional tension"),
    # --- crises (Fearon)
    Constant("CRISIS_BASE", -4.0, "log-odds of a challenge with no motive",
             "about 2% a turn for a pair with nothing to gain or fear", "Challenge"),
    Constant("GREED_WEIGHT", 18.0, "weight of a greedy actor's odds of winning beyond WIN_THRESHOLD",
             "a greedy actor that expects to win clearly challenges most turns", "Challenge"),
    Constant("WIN_THRESHOLD", 0.45, "odds of winning at which greed starts to pull toward a challenge",
             "just below an even fight: greedy actors take some risk", "Challenge"),
    Constant("FEAR_WEIGHT", 14.0, "weight of fear: first_strike times distrust times tension",
             "at spiral-world first_strike and high tension and distrust, fear alone outweighs CRISIS_BASE",
             "Challenge"),
    Constant("RETALIATION_WEIGHT", 3.0, "weight of expected retaliation: (1 - odds of winning) times resolve",
             "a resolute defender deters", "Challenge"),
    Constant("FUTURE_WEIGHT", 4.5, "weight of what a challenger would lose: ties and forum, times shadow_of_future",
             "interdependence restrains (Axelrod 1984)", "Challenge"),
    Constant("GREEDY_DISCOUNT", 0.6, "share of the lost future that a greedy actor disregards",
             "a greedy actor values what it could take above the ties it would lose (Glaser 1997)",
             "Challenge"),
    Constant("WAR_ODDS", 0.5, "odds of winning a greedy challenger needs to choose war at the brink",
             "nobody chooses a war it expects to lose", "Ladder and war"),
    Constant("ACCIDENT_RATE", 0.3, "chance per unit of misperception that a brink crisis slips into war",
             "at spiral-world misperception (0.4) one brink turn in eight ends in war (Schelling 1960)",
             "Ladder and war"),
    # --- economy and scores
    Constant("GROWTH", 0.03, "prosperity growth per turn, more with ties, less under tension",
             "slow growth, so that a turn's choices show in it", "Economy"),
    Constant("TENSION_DRAG", 200.0, "growth falls by regional tension over this",
             "at the highest regional tension growth halves", "Economy"),
    Constant("DEFENCE_RESOLVE_BASE", 0.5, "a defender's strength counts (DEFENCE_RESOLVE_BASE + resolve) times",
             "a defender nobody expects to stand firm still defends at half strength; a resolute one at 1.5",
             "Challenge"),
    Constant("SMALLEST_WEIGHT", 1e-6, "floor of the weights' sum in the regional tension's mean",
             "a guard against dividing by zero; real sums are above 1", "Regional tension"),
    Constant("SMALLEST_CHANGE", 1e-9, "a raw change smaller than this is split among no causes",
             "a guard against dividing by zero in the why panel's shares", "Causes"),
    Constant("SECURITY_SCALE", 100.0, "security is shown on a 0-100 scale", "a number a class can read",
             "Scores"),
)

_BY_NAME = {c.name: c for c in TABLE}
assert len(_BY_NAME) == len(TABLE), "a constant is named twice"

#: The constants by name, read-only: `K.ARM_STEP`. Real-valued ones are float32, the precision
#: of the state they act on (a float64 constant would turn a float32 array into float64).
K = namedtuple("ModelConstants", list(_BY_NAME))(
    *(np.float32(c.value) if isinstance(c.value, float) else c.value for c in TABLE))


def describe(name: str) -> Constant:
    return _BY_NAME[name]
