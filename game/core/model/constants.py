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
    section: str  # the rule that uses it, as docs/MODEL.md names it


# fmt: off
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
    # --- event cards
    Constant("CARD_ORDER_SPREAD", 3.0, "paragraphs over which a card's weight falls by e from its place in the article",
             "cards come roughly in the article's order, not strictly: a class meets the argument as it unfolds",
             "Event cards"),
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
    Constant("ARM_COST", 0.025, "share of its starting prosperity an arming turn costs",
             "guns against butter, in proportion to the economy that pays for them: at the region's mean "
             "starting prosperity (5.9) a quarter of ARM_STEP, as before; a poor actor pays a poor actor's price",
             "Actions"),
    Constant("ALLY_STEP", 0.12, "alliance strength a pair gains when one of them works on it",
             "an alliance takes years to build: about eight turns from nothing to full", "Actions"),
    Constant("TRADE_TIES", 0.05, "ties a trading pair gains",
             "ties grow slowly; twenty turns of trade from none to full", "Actions"),
    Constant("SUMMIT_TIES", 0.01, "ties a pair gains from a summit", "talk builds a little, a fifth of trade",
             "Actions"),
    Constant("TRADE_GAIN", 0.05, "prosperity an actor gains from each trade it takes part in",
             "both partners gain, as much as a turn of growth", "Actions"),
    Constant("CBM_COST", 0.15, "capability given up by costly confidence-building",
             "a quarter of an arming step: costly enough to be a signal, small enough to be affordable",
             "Actions"),
    Constant("CBM_PROSPERITY_COST", 0.0085, "share of its starting prosperity a confidence-building measure costs",
             "inspections and transparency have a price too, in proportion to the economy", "Actions"),
    Constant("PRESSURE_COST", 0.0085, "share of its starting prosperity an actor pays for pressuring someone",
             "sanctions cut both ways, in proportion to the economy that imposes them", "Actions"),
    Constant("PRESSURED_COST", 0.017, "share of its starting prosperity an actor loses when someone pressures it",
             "the target bears more of the cost than the one who imposes it, in proportion to its economy", "Actions"),
    Constant("FORUM_GAIN", 0.3, "growth of the forum stock when every actor attends",
             "a forum everyone attends fills in a few turns; with FORUM_COLLECTIVE one attendee alone adds little",
             "Actions"),
    Constant("FORUM_COLLECTIVE", 2.0, "the forum grows with the share of attendees to this power",
             "collective: one attendee of eight adds a sixty-fourth of what all do; half of them a quarter",
             "Actions"),
    Constant("FORUM_DECAY", 0.05, "share of the forum stock lost each turn",
             "institutions fade if nobody attends them: about a twenty-turn memory", "Actions"),
    # --- resolve
    Constant("RESOLVE_LOSS", 0.2, "resolve image lost by meek restraint, times weakness_invites",
             "restraint under pressure is read as weakness where the worldview says weakness invites",
             "Resolve"),
    Constant("RESOLVE_REVERSION", 0.05, "pull of the resolve image back toward START_RESOLVE each turn",
             "reputations fade without new evidence", "Resolve"),
    Constant("TENSE", 0.35, "tension with someone above which restraint is read as weakness",
             "between friction and crisis: below it, restraint is simply calm", "Resolve"),
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
    Constant("CRISIS_BASE", -4.0, "log-odds of a challenge with nothing to gain and nothing to fear",
             "about 2% a turn: challenges come from motives, not from chance", "Challenge"),
    Constant("GREED_WEIGHT", 6.0, "weight of a greedy actor's expected gain: stake value times (win − WIN_THRESHOLD)",
             "a greedy actor that clearly expects to win a valuable stake challenges most turns", "Challenge"),
    Constant("WIN_THRESHOLD", 0.45, "odds of winning at which greed starts to pull toward a challenge",
             "just below an even fight: greedy actors take some risk", "Challenge"),
    Constant("RESOLVE_DETERS", 4.0, "log-odds a challenge loses per unit of the target's resolve image",
             "a resolute defender deters: it would stand firm and fight (Schelling 1966)", "Challenge"),
    Constant("FUTURE_WEIGHT", 3.0, "log-odds a challenge loses per unit of (ties + forum), times shadow_of_future",
             "interdependence and institutions restrain (Axelrod 1984)", "Challenge"),
    Constant("NUCLEAR_DETERS", 2.0, "log-odds a challenge loses when its target is nuclear",
             "a nuclear defender makes any challenge of it rarer, not impossible (Jervis 1989), whether or not "
             "the challenger is nuclear too", "Challenge"),
    Constant("FEAR_SCALE", 0.1, "fear at which the logarithm in fear's pull, ln(fear / FEAR_SCALE), is nil",
             "a security-seeker's chance to strike first is proportional to its fear where fear is small and "
             "nil without it: no threshold, and no war without a motive (Jervis 1978)", "Challenge"),
    Constant("ALLY_THRESHOLD", 0.3, "alliance strength from which an actor is an ally that may back a party",
             "below it the tie is a partnership, not a commitment", "Ladder and war"),
    Constant("ABANDON_LOSS", 0.15, "credibility an alliance loses when the ally stays out of its partner's crisis",
             "abandonment is remembered (Snyder 1984)", "Ladder and war"),
    Constant("ABANDON_REPUTE", 0.1, "credibility the commitments of its own protectors lose when an ally stays out",
             "an ally that abandons is abandoned in turn: its own deterrent weakens (Snyder 1984)", "Ladder and war"),
    Constant("ABANDON_ALLIANCE", 0.1, "alliance strength lost between an ally that stays out and its partner",
             "abandonment loosens the alliance itself (Snyder 1984)", "Ladder and war"),
    Constant("ABANDON_TRUST", 0.5, "log-odds of trust the abandoned partner loses in the ally that stayed out",
             "a partner left alone in a crisis trusts its ally less", "Ladder and war"),
    Constant("BACKING_GAIN", 0.1, "share of the gap to 1 an alliance's credibility gains when the ally backs",
             "a kept commitment makes the next one more believable", "Ladder and war"),
    Constant("STAND_FIRM_ODDS", 0.5, "odds of winning from which a tough security-seeker stands firm below the brink",
             "it will not bluff from weakness", "Ladder and war"),
    Constant("BACK_DOWN_ODDS", 0.3, "odds of winning, by its own reckoning, below which a security-seeking AI party "
             "at the brink backs down",
             "better to lose the stake than a war it expects to lose; its own reckoning counts the allies that "
             "really back it, so an ally that stays out can make it back down (Fearon 1994)", "Ladder and war"),
    Constant("PREEMPT_BASE", -3.0, "log-odds that a security-seeker at the brink strikes first, at fear FEAR_SCALE",
             "the spiral's danger: with a first-strike advantage, fear itself starts wars (Jervis 1978; Schelling "
             "1960); at spiral-world fear (about 0.2) about six brinks in ten, at deterrence-world fear almost none; "
             "below the brink the same draw makes it hold on",
             "Ladder and war"),
    Constant("FIRM_MARGIN", 1.0, "log-odds by which a security-seeker's chance to stand firm at the brink exceeds "
             "its chance to strike first",
             "between conceding and striking there is holding on: fear makes a side stand firm before it makes it "
             "strike (Schelling 1960, the threat that leaves something to chance)", "Ladder and war"),
    Constant("STANCE_TOUGHNESS", 0.05,
             "odds a doctrine's toughness (-1, 0, 1) adds to a greedy party's reason to be firm",
             "a tough doctrine stands firm on a little less private confidence, a soft one needs a little more",
             "Ladder and war"),
    Constant("GREEDY_WAR_COST", 0.3, "what a war costs a greedy party, in units of the stake's value",
             "a greedy actor counts the cost of war lightly; it still fights only where its own reckoning of the "
             "odds beats the public one by more than this (Fearon 1995)", "Ladder and war"),
    Constant("SECURE_WAR_COST", 1.0, "what a war costs a security-seeker, in units of the stake's value",
             "a security-seeker wants safety, not the stake: war is dear to it (Glaser 1997)", "Ladder and war"),
    Constant("NUCLEAR_WAR_COST", 1.0, "what a war costs besides when both parties are nuclear, in stake value",
             "mutual vulnerability makes war dearer for both, whatever their type (Schelling 1966)",
             "Ladder and war"),
    Constant("MISJUDGEMENT", 0.5, "how far, per unit of misperception, a party's own reckoning of its odds strays",
             "war from mutual optimism: each side misjudges the balance in private (Blainey 1973; Fearon 1995)",
             "Ladder and war"),
    Constant("ACCIDENT_RATE", 0.6, "chance per unit of misperception that a crisis left at the brink slips into war",
             "at spiral-world misperception (0.4) about one brink turn in four ends in war, at deterrence-world "
             "(0.1) one in seventeen: the threat that leaves something to chance (Schelling 1960)",
             "Ladder and war"),
    Constant("GREEDY_EXPLOIT", 0.07, "chance that a greedy actor exploits an opening made to it last turn (pressures "
             "the rival that aimed a summit, CBM or trade at it)",
             "openings are reciprocated by security-seekers and exploited by greedy actors (Jervis 1976, ch. 3; "
             "Kydd 2005); rare, so that how often a region pressures says little about its greedy share, while "
             "not reciprocating still tells the type", "Perception"),
    Constant("GREEDY_CBM_SKIP", 0.1, "share of the confidence-building its doctrine calls for that a greedy actor "
             "skips, unprovoked (it arms instead)",
             "giving up capability costs a greedy actor more (Kydd 2000), but mimicry is cheap: a small share, so "
             "that a CBM is weak evidence and how often actors reassure says little about the world",
             "Perception"),
    Constant("STANCE_GRID", 4, "points of a Latin square over a party's private draws (pre-emption, hunch) at "
             "which the others count how often each type would take a stance",
             "a party's stance turns on draws the others cannot see; 4 points give each draw's range in quarters "
             "at the cost of 4 evaluations of the stance rule for each type", "Perception"),
    Constant("STANCE_PRIOR", 0.5, "pseudo-count added to every stance's count under each type",
             "a stance a type never takes on the grid is unlikely, not impossible (Laplace)", "Perception"),
    Constant("ANSWER_MAX", 0.8, "bound on the log-likelihood ratio read from how an actor answers an opening",
             "an answer is the commonest evidence of type; read at most this, a type is learnt over a game, not "
             "in its first turns, so the region's first turns say little about how many are greedy (docs/MODEL.md "
             "§5)", "Perception"),
    Constant("READING_MAX", 3.0, "bound on the log-likelihood ratio read from one move or stance",
             "a move the model makes almost impossible for one type is strong evidence, never proof: misperception "
             "and action noise make any move possible", "Perception"),
    Constant("CRISIS_TENSION", 0.3, "tension target added by an open crisis, per rung over WAR_RUNG",
             "a crisis at the brink adds almost a quarter to its pair's tension target", "Tension"),
    Constant("WAR_PROSPERITY_COST", 0.34, "share of its starting prosperity every side of a war loses",
             "a third of the economy: war is the costliest thing that can happen (2 at the region's mean)",
             "Economy"),
    Constant("WAR_SPILLOVER", 0.1, "share of its starting prosperity a bystander loses to a regional war, times its "
             "closest ties to a side at war",
             "a regional war costs everyone, more those nearer it by trade and contact (Snyder 1984)", "Economy"),
    Constant("GROWTH", 0.03, "prosperity growth per turn, more with ties, less under tension",
             "slow growth, so that a turn's choices show in it", "Economy"),
    Constant("GROWTH_IN_PROPORTION", 0.3, "share of growth in proportion to the actor's starting prosperity (over "
             "the region's mean); the rest is the same for every actor",
             "the costs of arming, pressure and war are in proportion to the economy; growth mostly lets a poor "
             "economy catch up (conditional convergence, Barro 1991) and in part scales with the economy, so that "
             "neither the largest economies nor the smallest are last by their size alone", "Economy"),
    Constant("TENSION_DRAG", 200.0, "growth falls by regional tension over this",
             "at the highest regional tension growth halves", "Economy"),
    Constant("SMALLEST_WEIGHT", 1e-6, "floor of the weights' sum in the regional tension's mean",
             "a guard against dividing by zero; real sums are above 1", "Regional tension"),
    Constant("SMALLEST_CHANGE", 1e-9, "a raw change smaller than this is split among no causes",
             "a guard against dividing by zero in the why panel's shares", "Causes"),
    Constant("SECURITY_SCALE", 100.0, "security and the score are shown on a 0-100 scale", "a number a class can read",
             "Scores"),
    Constant("GREEDY_STAKES_WEIGHT", 0.35, "share of a greedy actor's score from the stakes it wins",
             "what a greedy actor wants most is to gain (Glaser 1997)", "Scores"),
    Constant("GREEDY_SECURITY_WEIGHT", 0.25, "share of a greedy actor's score from its security",
             "it wants to be safe too", "Scores"),
    Constant("GREEDY_PROSPERITY_WEIGHT", 0.2, "share of a greedy actor's score from prosperity",
             "prosperity matters to both types; less than security to a security-seeker", "Scores"),
    Constant("GREEDY_RELATIONS_WEIGHT", 0.2, "share of a greedy actor's score from its 2x2 payoffs",
             "it feels the 2x2 as a prisoner's dilemma (payoff_T > payoff_R)", "Scores"),
    Constant("SECURE_STAKES_WEIGHT", 0.1, "share of a security-seeker's score from stakes won",
             "it would keep what it has rather than take more", "Scores"),
    Constant("SECURE_SECURITY_WEIGHT", 0.45, "share of a security-seeker's score from its security",
             "security is what it wants most (Glaser 1997)", "Scores"),
    Constant("SECURE_PROSPERITY_WEIGHT", 0.25, "share of a security-seeker's score from prosperity",
             "a security-seeker would rather keep what it has, prosperity included, than take more", "Scores"),
    Constant("SECURE_RELATIONS_WEIGHT", 0.2, "share of a security-seeker's score from its 2x2 payoffs",
             "it feels the 2x2 as an assurance game (secure_payoff_T < payoff_R)", "Scores"),
    Constant("WAR_SCORE_FACTOR", 0.5, "an actor at war keeps this share of its score",
             "war is a heavy loss for every side", "Scores"),
    Constant("NUCLEAR_SCORE_FACTOR", 0.1, "an actor in a war with nuclear actors on both sides keeps this share",
             "a war between nuclear powers is catastrophic for all who fight it", "Scores"),
)
# fmt: on

_BY_NAME = {c.name: c for c in TABLE}
assert len(_BY_NAME) == len(TABLE), "a constant is named twice"

#: The constants by name, read-only: `K.ARM_STEP`. Real-valued ones are float32, the precision
#: of the state they act on (a float64 constant would turn a float32 array into float64).
K = namedtuple("ModelConstants", list(_BY_NAME))(
    *(np.float32(c.value) if isinstance(c.value, float) else c.value for c in TABLE)
)


def describe(name: str) -> Constant:
    return _BY_NAME[name]
