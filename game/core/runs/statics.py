"""The theory's comparative statics: for each worldview parameter, the direction in which raising
it should move the war rate under all-deterrence, the war rate under all-dialogue, and the
verdict (dialogue's war rate minus deterrence's: up is toward deterrence), with the source, or
no prediction where the theory is silent. docs/MODEL.md prints the same table (a test checks
that they agree); the sensitivity command measures it."""

from __future__ import annotations

import attrs

UP, DOWN, NONE = 1, -1, 0
OUTPUTS = ("deterrence", "dialogue", "verdict")  # war under all-deterrence, all-dialogue; their difference
SIGN_WORDS = {UP: "up", DOWN: "down", NONE: "no prediction"}


@attrs.frozen
class Prediction:
    deterrence: int
    dialogue: int
    verdict: int
    source: str

    def sign(self, output: str) -> int:
        return {"deterrence": self.deterrence, "dialogue": self.dialogue, "verdict": self.verdict}[output]


P = Prediction
#: parameter -> predicted signs, from Jervis (1976, 1978), Glaser (1997), Fearon (1995), Powell
#: (2006), Snyder (1984), Schelling (1960, 1966), Richardson (1960), Kydd (2005), Axelrod (1984)
PREDICTIONS: dict[str, Prediction] = {
    "greedy_share": P(NONE, UP, UP, "Glaser 1997; Jervis 1976 (deterrence model): concessions invite the greedy"),
    "arming_signal": P(DOWN, NONE, UP, "Jervis 1978: arming that reads as defensive does not provoke"),
    "alliance_signal": P(DOWN, NONE, UP, "Snyder 1984; Jervis 1976: alliances that do not alarm outsiders"),
    "reassurance_signal": P(NONE, DOWN, DOWN, "Kydd 2005: costly reassurance that is read reassures"),
    "misperception": P(UP, UP, DOWN, "Jervis 1976: misperception drives spirals; Schelling 1960: accidents"),
    "suspicion_bias": P(DOWN, NONE, UP, "Jervis 1976: a bias toward seeing hostility feeds the spiral"),
    "camp_bias": P(UP, NONE, DOWN, "Jervis 1976: camps read each other as hostile"),
    "ally_credibility": P(DOWN, NONE, UP, "Schelling 1960; Snyder 1984: credible commitments deter"),
    "weakness_invites": P(NONE, UP, UP, "Jervis 1976 (deterrence model): restraint read as weakness invites"),
    "resolve_gain": P(DOWN, NONE, UP, "Schelling 1960: a reputation for resolve deters"),
    "audience_cost": P(NONE, NONE, NONE, "Fearon 1995: costly signals inform, but also lock sides in"),
    "arms_fear": P(UP, NONE, DOWN, "Jervis 1978: the security dilemma; Richardson 1960"),
    "arms_fatigue": P(DOWN, NONE, UP, "Richardson 1960: the cost of arming damps the race"),
    "first_strike": P(UP, UP, DOWN, "Schelling 1960: fear of surprise attack; Powell 2006; Jervis 1978"),
    "defence_advantage": P(DOWN, DOWN, UP, "Jervis 1978: defence dominance eases the security dilemma"),
    "shadow_of_future": P(DOWN, DOWN, NONE, "Axelrod 1984: the shadow of the future"),
    "trust_memory": P(NONE, NONE, NONE, "the theory is silent"),
    "action_noise": P(NONE, NONE, NONE, "the theory is silent"),
    "payoff_R": P(NONE, NONE, NONE, "the theory is silent"),
    "payoff_S": P(NONE, NONE, NONE, "the theory is silent"),
    "payoff_T": P(NONE, NONE, NONE, "the theory is silent"),
    "payoff_P": P(NONE, NONE, NONE, "the theory is silent"),
    "secure_payoff_T": P(NONE, NONE, NONE, "the theory is silent"),
}


def judged(predicted: int, low: float, high: float) -> str:
    """'agrees' when the interval lies wholly on the predicted side, 'contradicts' when it lies
    wholly on the other, 'unclear' when it holds zero, '' with no prediction."""
    if predicted == NONE:
        return ""
    if (low > 0 and predicted == UP) or (high < 0 and predicted == DOWN):
        return "agrees"
    if (high < 0 and predicted == UP) or (low > 0 and predicted == DOWN):
        return "contradicts"
    return "unclear"
