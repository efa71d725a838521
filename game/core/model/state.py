"""The state of B games at once: every field is an array with a leading games axis.

The names are the model's own words, the same in the turn log, the records, the why panel and
docs/MODEL.md §2. Pair arrays are (B, N, N): [b, i, j] is actor i's view of, or tie with, actor j.
"""

from __future__ import annotations

import attrs
import numpy as np

from .constants import K


def sigmoid(x):
    """1 / (1 + e^-x): log-odds to a probability."""
    return 1.0 / (1.0 + np.exp(-x))


def logit(p):
    """log(p / (1 - p)): a probability to log-odds."""
    return np.log(p / (1.0 - p))


@attrs.define(eq=False)
class State:
    """The one owner of mutable game state; the engine replaces its fields a turn at a time."""

    turn: int
    capability: np.ndarray  # (B, N) military capability, CAPABILITY_MIN..CAPABILITY_MAX
    prosperity: np.ndarray  # (B, N) 0..PROSPERITY_MAX
    greedy: np.ndarray  # (B, N) bool, the hidden disposition
    trust_logodds: np.ndarray  # (B, N, N) i's belief, as log-odds, that j is security-seeking
    alliance: np.ndarray  # (B, N, N) alliance strength 0..1, symmetric
    ties: np.ndarray  # (B, N, N) economic and social ties 0..1, symmetric
    tension: np.ndarray  # (B, N, N) pair tension 0..1, symmetric
    crisis: np.ndarray  # (B, N, N) highest rung of the pair's open crises 0..WAR_RUNG, symmetric
    stake_rung: np.ndarray  # (B, S) rung of the crisis over each stake: 0 none, 1..3 open, WAR_RUNG war
    stake_challenger: np.ndarray  # (B, S) the party that challenged (actor index), -1 for none
    stake_opened: np.ndarray  # (B, S) the turn the crisis opened
    escalated: np.ndarray  # (B, S, N) the actor escalated in the stake's open crisis (audience costs)
    backing: np.ndarray  # (B, S, N) this turn: 0 out, 1 backs the stake's first party, 2 its second
    credibility: np.ndarray  # (B, N, N) how believable i's commitment to its ally j is
    stakes_won: np.ndarray  # (B, N) value of the stakes won (half for a settlement)
    stakes_lost: np.ndarray  # (B, N) value of the stakes lost (half for a settlement)
    fought: np.ndarray  # (B, N, N) i was at war with j
    cards_seen: np.ndarray  # (B, K) the card was drawn in this game
    forum: np.ndarray  # (B,) regional forum stock 0..1
    regional_tension: np.ndarray  # (B,) 0..100
    resolve: np.ndarray  # (B, N) resolve image: others' belief the actor will stand firm
    last_action: np.ndarray  # (B, N) executed action last turn, -1 before the first
    last_target: np.ndarray  # (B, N) its target, -1 for none
    card_shift: np.ndarray  # (B, P) a card's temporary change of perception parameters
    card_shift_left: np.ndarray  # (B,) turns the card's shift still holds
    lockin_run: np.ndarray  # (B,) turns in a row of regional tension above the lock-in threshold
    community_run: np.ndarray  # (B,) turns in a row of high trust and low tension
    outcome: np.ndarray  # (B,) index into vocab.OUTCOME_CODES; 0 while the game goes on
    end_turn: np.ndarray  # (B,) the turn the game ended, 0 while it goes on
    payoff: np.ndarray  # (B, N) summed 2x2 payoffs
    security_sum: np.ndarray  # (B, N) summed security 0..100 per turn

    @property
    def trust(self) -> np.ndarray:
        return sigmoid(self.trust_logodds)

    def copy(self) -> "State":
        return attrs.evolve(self, **{name: value.copy() for name, value in self.arrays().items()})

    def arrays(self) -> dict[str, np.ndarray]:
        """Every array field by name, in the order the fields are declared."""
        return {f.name: getattr(self, f.name) for f in attrs.fields(State) if f.name != "turn"}

    def hold(self, before: "State", finished: np.ndarray) -> "State":
        """This state, except that the finished games keep their values from before."""
        held = {}
        for name, new in self.arrays().items():
            shape = (-1,) + (1,) * (new.ndim - 1)
            held[name] = np.where(finished.reshape(shape), getattr(before, name), new).astype(new.dtype)
        return attrs.evolve(self, **held)

    def put_games(self, keep: np.ndarray, part: "State", names: list[str]) -> "State":
        """This state with the named fields of the games in keep (an index) taken from part, the same
        games' state (select_games) after a rule played on them alone."""
        put = {}
        for name in names:
            whole = getattr(self, name).copy()
            whole[keep] = getattr(part, name)
            put[name] = whole
        return attrs.evolve(self, **put)

    def select_games(self, keep: np.ndarray) -> "State":
        """The same state for the games in keep only (an index or a boolean mask over games)."""
        return attrs.evolve(self, **{name: value[keep] for name, value in self.arrays().items()})


# the bounds as the rules and tests name them
CAPABILITY_MIN, CAPABILITY_MAX = K.CAPABILITY_MIN, K.CAPABILITY_MAX
PROSPERITY_MAX = K.PROSPERITY_MAX
TRUST_LOGODDS_MAX = K.TRUST_LOGODDS_MAX
WAR_RUNG = K.WAR_RUNG
