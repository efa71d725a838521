"""The reference model of DESIGN.md, one turn at a time, for B games at once."""
from __future__ import annotations

import attrs
import numpy as np

from . import params as P
from . import rng
from .cards import compile_deck
from .doctrines import HUMAN, View, make
from .fastops import (add_rows_cols, any_last, count_last, games_add, games_mul, max_last, mul_cols, per_game, select,
                      share_rows, spread_cols, spread_games, spread_rows, sum_last, transposed, with_transposed)
from .scenario import Scenario
from .state import E_MAX, L_MAX, M_MAX, WAR_RUNG, State, logit, sigmoid
from .vocab import OUTCOME_INDEX, Action, Outcome, family_of, targeted

# Model constants that are not part of the worldview (DESIGN.md leaves them to calibration).
EVIDENCE_WEIGHT = 0.3     # how much one turn's reading moves a belief (log-odds)
ARM_STEP = 0.6            # capability gained by ARM (shrinks near the cap)
ARM_COST = 0.15
ALLY_STEP = 0.12
TRADE_STEP = 0.05
CBM_COST = 0.15           # capability given up by costly confidence-building
FORUM_GAIN = 0.3
FORUM_DECAY = 0.05
RESOLVE_STEP = 0.08
RESOLVE_LOSS = 0.2
TENSION_RATE = 0.35
ARMS_TENSION = 0.25        # tension target per unit of capability gained by the pair this turn
GROWTH = 0.03            # prosperity growth per turn, more with ties, less under tension
GREED_ARMING = 0.1        # greedy actors arm a little more: a partial tell
CRISIS_BASE = -4.0
GREED_WEIGHT = 18.0
WIN_THRESHOLD = 0.45
FEAR_WEIGHT = 14.0
RETALIATION_WEIGHT = 3.0
FUTURE_WEIGHT = 4.5
GREEDY_DISCOUNT = 0.6
WAR_ODDS = 0.5            # win chance a greedy challenger needs to choose war at the brink
ACCIDENT_RATE = 0.3       # chance per unit of misperception that a brink crisis slips into war
LLR = {  # log-likelihood ratio of each action as read by its target (or by everyone if untargeted)
    "summit": 0.1, "forum": 0.15, "trade": 0.2, "hold": 0.0, "ally_partner": 0.3, "pressure_extra": -0.3,
}
TRUST_CAUSES = ("memory", "action", "camp", "noise", "card")
TENSION_CAUSES = ("easing", "distrust", "arms", "bloc", "pressure", "ties", "forum", "card")

F = np.float32  # state precision: plenty for a game model, and half the memory traffic
_IDX = P.INDEX
_LOW = np.array([s.low for s in P.PARAMS])
_HIGH = np.array([s.high for s in P.PARAMS])
# the state a card may move, with its bounds: (card field, state field, low, high)
_CARD_BOUNDS = (("capability", "M", F(0.1), F(M_MAX)), ("prosperity", "E", F(0.0), F(E_MAX)),
                ("alliance", "A", F(0.0), F(1.0)), ("ties", "X", F(0.0), F(1.0)), ("forum", "F", F(0.0), F(1.0)),
                ("resolve", "Q", F(0.0), F(1.0)), ("crisis", "C", 0, WAR_RUNG - 1))


@attrs.frozen(eq=False)
class TurnLog:
    """Everything one turn did, for every game of the batch (arrays with a leading games axis)."""

    turn: int
    active: np.ndarray        # (B,) the game was still going at the start of this turn
    card: np.ndarray          # (B,) card index, -1 for none
    intended: np.ndarray      # (B, N) chosen action
    action: np.ndarray        # (B, N) executed action (after action noise)
    target: np.ndarray        # (B, N)
    trust: np.ndarray         # (B, N, N) after the turn
    tension: np.ndarray       # (B, N, N)
    crisis: np.ndarray        # (B, N, N)
    challenges: np.ndarray    # (B, N, N) i challenged j this turn
    regional_tension: np.ndarray  # (B,)
    capability: np.ndarray    # (B, N)
    prosperity: np.ndarray    # (B, N)
    resolve: np.ndarray       # (B, N)
    forum: np.ndarray         # (B,)
    payoff: np.ndarray        # (B, N) this turn's 2x2 payoffs
    security: np.ndarray      # (B, N) this turn's security 0..100
    trust_causes: dict        # name -> (B, N, N), in trust units, summing to the change
    tension_causes: dict      # name -> (B, N, N), in tension units, summing to the change
    outcome: np.ndarray       # (B,) after the turn


def params_matrix(worldview: P.Worldview, b: int) -> np.ndarray:
    return np.tile(worldview.array(), (b, 1))


class Engine:
    """Advances B games of one scenario; doctrines per actor, parameters per game."""

    def __init__(self, scenario: Scenario, seeds, doctrines: list[str] | None = None,
                 param_values: np.ndarray | None = None, turns: int | None = None,
                 causes: bool = True):
        self.scenario = scenario
        self.causes = causes  # keep why trust and tension moved (costs time in big batches)
        self.freeze = True    # hold finished games still; a batch runner that drops them turns this off
        # earlier turns' logs keep their values (a card's change goes to a new array); a batch
        # runner that reads each log only in its own turn turns this off
        self.keep_logs = True
        self.seeds = np.asarray(seeds, dtype=np.uint64).reshape(-1)
        self.keys = rng.key_schedule(self.seeds)
        b, n = self.seeds.shape[0], scenario.n
        self.b, self.n = b, n
        self.turns = int(turns if turns is not None else scenario.turns)
        names = list(doctrines if doctrines is not None else scenario.default_doctrines())
        if len(names) != n:
            raise ValueError(f"need {n} doctrines, got {len(names)}")
        self.doctrine_names = names
        self.doctrines = [None if d == HUMAN else make(d) for d in names]
        self.humans = [i for i, d in enumerate(names) if d == HUMAN]
        self.fallback: dict = {}  # human seat -> doctrine that plays it when no choice is given
        if param_values is None:
            param_values = params_matrix(scenario.worldview, b)
        self.params = np.asarray(param_values, dtype=np.float64).reshape(b, len(P.NAMES))
        blocs = [a.bloc for a in scenario.actors]
        self.same_bloc = np.array([[x == y for y in blocs] for x in blocs])
        # non-aligned actors feel half the camp division
        aligned = np.array([a.bloc != "non-aligned" for a in scenario.actors], dtype=float)
        self.camp = ((~self.same_bloc) * (0.5 + 0.5 * np.minimum.outer(aligned, aligned))).astype(F)
        self.off = ~np.eye(n, dtype=bool)
        self.offf = self.off.astype(F)
        self.col_index = np.tile(np.arange(n, dtype=np.int8), (n, 1))  # [i, j] = j
        self.row_index = np.ascontiguousarray(self.col_index.T)        # [i, j] = i
        self.L0 = (logit(np.clip(scenario.trust, 0.02, 0.98)) * self.off).astype(F)
        self.M0 = np.array([a.capability for a in scenario.actors], dtype=F)
        self.deck = None
        self._card_tension_diagonal = False  # a card that moves an actor's tension with itself
        if scenario.cards and scenario.dynamics:
            d = compile_deck(scenario.cards, scenario.codes)
            self.deck = attrs.evolve(d, **{f: getattr(d, f).astype(F) for f in
                                           ("trust", "tension", "capability", "prosperity", "alliance", "ties",
                                            "forum", "resolve")})
            # per field, which cards move it; the last entry answers for "no card" (index -1)
            self._card_moves = {}
            for f in ("trust", "tension", "capability", "prosperity", "alliance", "ties", "forum", "crisis",
                      "resolve"):
                v = getattr(d, f)
                self._card_moves[f] = np.append((v.reshape(v.shape[0], -1) != 0).any(axis=1), False)
            self._card_moves["tweak"] = np.append(d.tweak_turns > 0, False)
            self._gated = np.flatnonzero((d.min_tension > 0.0) | (d.max_tension < 100.0))  # cards tension allows
            self._gate_bounds = (d.min_tension[self._gated], d.max_tension[self._gated],
                                 np.int64(1) << np.arange(self._gated.size, dtype=np.int64))
            self._card_tables = {}   # (turn, tension pattern) -> cumulative weights of the cards allowed
            self._card_tension_diagonal = bool(np.einsum("kii->k", d.tension).any())
        self.state = self._initial_state()
        self._trust = (None, None)  # (L, sigmoid(L)) of the last turn: trust read at the next one
        self._greed_of = None       # the greedy array _greed's terms were built from
        self._base = None           # the parameters as _turn_params reads them
        self._unshifted = None      # _turn_params' answer while no card shifts a parameter
        self._few_shifted = {}      # parameter -> (games a card shifts it in, one game it does not)
        self._pay_table = (None, None)  # (payoffs, table) while every game shares its payoffs
        # Richardson grievance chosen so that the starting posture is at rest: arming then
        # follows changes in distrust, not an arbitrary start
        threat0 = self._threat(sigmoid(self.state.L), self.state.A, self.state.M)
        fear = self.params[:, _IDX["arms_fear"]][:, None].astype(F)
        fatigue = self.params[:, _IDX["arms_fatigue"]][:, None].astype(F)
        self.grievance = (fatigue * self.M0[None, :] - fear * threat0).astype(F)

    # ------------------------------------------------------------------ setup
    def _initial_state(self) -> State:
        sc, b, n = self.scenario, self.b, self.n
        u = rng.uniforms(self.seeds, 0, rng.DISPOSITION, n)
        greedy = u < self.params[:, _IDX["greedy_share"]][:, None]
        H0 = np.clip(0.5 * (1.0 - 0.5 * (sc.trust + sc.trust.T)), 0.0, 1.0) * self.off
        if not sc.dynamics:
            H0 = np.zeros((n, n))
        st = State(
            turn=0,
            M=np.tile(self.M0, (b, 1)),
            E=np.tile(np.array([a.prosperity for a in sc.actors], dtype=F), (b, 1)),
            greedy=greedy,
            L=np.tile(self.L0, (b, 1, 1)),
            A=np.tile(sc.alliance.astype(F), (b, 1, 1)),
            X=np.tile(sc.ties.astype(F), (b, 1, 1)),
            H=np.tile(H0.astype(F), (b, 1, 1)),
            C=np.zeros((b, n, n), dtype=np.int8),
            F=np.zeros(b, dtype=F),
            R=np.zeros(b, dtype=F),
            Q=np.full((b, n), 0.5, dtype=F),
            last_action=np.full((b, n), -1, dtype=np.int8),
            last_target=np.full((b, n), -1, dtype=np.int8),
            tweak=np.zeros((b, len(P.NAMES))),
            tweak_left=np.zeros(b, dtype=np.int16),
            lockin_run=np.zeros(b, dtype=np.int16),
            community_run=np.zeros(b, dtype=np.int16),
            outcome=np.zeros(b, dtype=np.int8),
            end_turn=np.zeros(b, dtype=np.int16),
            payoff=np.zeros((b, n)),
            security_sum=np.zeros((b, n)),
        )
        st.R = self._regional_tension(st.H, st.M)
        return st

    def _regional_tension(self, H, M):
        # capability-weighted mean of dyadic tension: w_ij = M_i + M_j
        num = sum_last(mul_cols(H, M))                # sum_j H_ij M_j
        rows = sum_last(H)                            # sum_j H_ij
        self._tension_rows = (H, rows)                # the scores read them again this turn
        total = sum_last(num + rows * M)              # sum_ij H_ij (M_i + M_j)
        wsum = F(2.0 * (self.n - 1)) * sum_last(M)    # sum_{i!=j} (M_i + M_j)
        return (F(100.0) * total / np.maximum(wsum, 1e-6)).astype(F)

    def _threat(self, T, A, M):
        """Richardson: distrust-weighted capability of the non-allied others."""
        w = F(1.0) - T
        w *= F(1.0) - A
        w *= self.offf
        mul_cols(w, M, out=w)
        return sum_last(w) / F(self.n - 1)

    @property
    def done(self) -> bool:
        return bool((self.state.outcome != 0).all())

    def _turn_params(self, st):
        """This turn's worldview parameters, with the shift of any card still in force:
        (float32 for the model, float64 for the payoffs), each name -> one value per game (B,),
        or a single number for a parameter that every game has the same value of (batches
        without causes; in most, every parameter but those a card is shifting)."""
        if self._base is None:   # once per engine, and again once compact() has dropped games
            pT = np.ascontiguousarray(self.params.T)   # a row per parameter
            lo, hi = pT.min(axis=1), pT.max(axis=1)
            shared = (lo == hi) & (not self.causes)
            self._base = (pT, pT.astype(F), lo, shared)
            self._unshifted = None
        pT, base32, lo, shared = self._base
        rows = np.flatnonzero(st.tweak_left > 0)
        if not rows.size and self._unshifted is not None:   # no card shifts a parameter this turn
            self._few_shifted = {}
            return self._unshifted
        shifted = {}   # parameter index -> (the games a card shifts it in, their values)
        if rows.size:
            moved = st.tweak[rows]
            nonzero = moved != 0
            for k in np.flatnonzero(nonzero.any(axis=0)).tolist():
                hit = nonzero[:, k]
                games = rows[hit]
                values = pT[k][games] + moved[:, k][hit]
                shifted[k] = (games, np.minimum(np.maximum(values, _LOW[k]), _HIGH[k], out=values))
        col, col64 = {}, {}
        self._few_shifted = {}
        for k, name in enumerate(P.NAMES):
            if k in shifted:   # only the games under the shift differ from their own value
                games, values = shifted[k]
                v = pT[k].copy()
                v[games] = values
                col[name], col64[name] = v.astype(F), v
                if shared[k] and 2 * games.size < v.size:
                    # the other games share one value: _times multiplies them by it as one number
                    gaps = np.flatnonzero(games != np.arange(games.size))   # games is sorted
                    self._few_shifted[name] = (games, int(gaps[0]) if gaps.size else int(games.size))
            elif shared[k]:
                col[name], col64[name] = F(lo[k]), lo[k]
            else:
                col[name], col64[name] = base32[k], pT[k]
        if not rows.size:
            self._unshifted = (col, col64)
        return col, col64

    def _times(self, c, name, y, out=None):
        """spread_games(c) * y, or y *= spread_games(c) with out=y, for c (B,) worked out cell by
        cell from parameter `name` alone; y (N, N) or (B, N, N). While a card shifts the parameter
        in a few games, the others take one multiply by their shared value, the few their own."""
        if np.ndim(c) == 0 or name not in self._few_shifted:
            if np.ndim(y) == 3:
                return games_mul(y, c, out=out)
            return np.multiply(y, spread_games(c, self.n), out=out)
        games, other = self._few_shifted[name]
        own = c[games][:, None, None]
        if out is not None:   # y in place: the few games' products first, from the values before
            few = y[games] * own
            y *= c[other]
            y[games] = few
            return y
        if y.ndim == 2:
            res = np.empty((c.size,) + y.shape, dtype=np.result_type(y, c))
            np.multiply(y, c[other], out=res)
            res[games] = y * own
        else:
            res = y * c[other]
            res[games] = y[games] * own
        return res

    def compact(self, keep: np.ndarray) -> None:
        """Drop the games not in keep (a batch runner's finished games); the rest are untouched."""
        st = self.state
        # what the next turn would otherwise work out again: last turn's trust and the greed terms
        trust = self._trust[1] if self._trust[0] is st.L else None
        greed = self._greed_terms if self._greed_of is st.greedy else None
        for f in attrs.fields(State):
            v = getattr(st, f.name)
            if isinstance(v, np.ndarray):
                setattr(st, f.name, v[keep])
        if trust is not None:
            self._trust = (st.L, trust[keep])
        if greed is not None:
            self._greed_terms, self._greed_of = tuple(v[keep] for v in greed), st.greedy
        self.seeds = self.seeds[keep]
        self.keys = self.keys[:, :, keep]
        self.params = self.params[keep]
        self.grievance = self.grievance[keep]
        self._base = None
        self.b = int(self.seeds.shape[0])

    # ------------------------------------------------------------------ a turn
    def step(self, human: dict[int, tuple[int, int]] | None = None) -> TurnLog:
        """Play one turn in every game still going; human maps actor index to (action, target)."""
        human = human or {}
        missing = [self.scenario.codes[i] for i in self.humans if i not in human and i not in self.fallback]
        if missing:
            raise ValueError(f"no choice given for human actor(s): {', '.join(missing)}")
        st = self.state
        active = st.outcome == 0
        all_active = bool(active.all()) or not self.freeze
        old = None if all_active else st.copy()
        t = st.turn + 1
        b, n, sc = self.b, self.n, self.scenario
        offf = self.offf
        dyn = sc.dynamics

        u_card, u_actor, pair_noise, pair_challenge = rng.turn_draws(self.seeds, t, n, self.keys)
        u_noise, u_doc1, u_doc2 = u_actor[:3]

        trust_card = tension_card = None   # (games, their (N, N) shift): only games whose card has one
        card = np.full(b, -1, dtype=np.int16)
        # 1. event: each field changes only in the games whose card moves it (the others would
        # add zero and clip values already inside their bounds)
        if self.deck is not None:
            card = self._draw_card(t, st, u_card)
            d = self.deck

            def drawn(field):
                games = np.flatnonzero(self._card_moves[field][card])
                return games, card[games]

            g, k = drawn("trust")
            if g.size:
                trust_card = (g, d.trust[k])
            g, k = drawn("tension")
            if g.size:
                tension_card = (g, d.tension[k])
            for field, attr, low, high in _CARD_BOUNDS:
                g, k = drawn(field)
                if g.size:
                    a = getattr(st, attr)
                    if self.keep_logs:
                        a = a.copy()
                    a[g] = np.clip(a[g] + getattr(d, field)[k], low, high)
                    setattr(st, attr, a)
            g, k = drawn("tweak")
            if g.size:
                if self.keep_logs:
                    st.tweak, st.tweak_left = st.tweak.copy(), st.tweak_left.copy()
                st.tweak[g] = d.tweak[k]
                st.tweak_left[g] = d.tweak_turns[k] + 1
        col, col64 = self._turn_params(st)   # with any shift this turn's card brought

        # 2. choose
        cached_L, cached_T = self._trust
        T_before = cached_T if cached_L is st.L else sigmoid(st.L)  # last turn's trust, unless L was replaced
        defence = self._defence(st, col)
        view = self._view(t, st, T_before, defence, u_doc1, u_doc2)
        intended = np.empty((b, n), dtype=np.int8)
        target = np.empty((b, n), dtype=np.int8)
        for doctrine, seats in self._seating(human):
            a, tg = doctrine.decide(view, seats)
            intended[:, seats], target[:, seats] = a, tg
        for i, (a, tg) in human.items():
            if i in self.humans:
                intended[:, i], target[:, i] = int(a), int(tg)
        # a targeted action without a valid target becomes restraint
        idx = np.arange(n)[None, :]
        bad = targeted(intended) & ((target < 0) | (target >= n) | (target == idx))
        intended = select(bad, Action.HOLD, intended, np.int8)
        target = select(targeted(intended), target, -1, np.int8)
        action, target = self._noise(intended, target, u_noise, col["action_noise"])
        fam = family_of(action)

        # who did what to whom: the action's bit in a (B, N, N) byte [b, actor, target], so that
        # one transpose makes every "between i and j" mask symmetric
        tgt_onehot = spread_rows(target) == self.col_index
        bits = spread_rows(np.left_shift(np.uint8(1), action.view(np.uint8)))
        bits *= tgt_onehot.view(np.uint8)   # bytes times bytes: no cast from bool on the way
        bits_t = transposed(bits)  # [b, target, actor]
        sym = bits | bits_t
        between = lambda *acts: (sym & np.uint8(sum(1 << a for a in acts))) != 0  # noqa: E731
        pressure = bits == np.uint8(1 << Action.PRESSURE)
        # [b, j]: someone pressured j
        pressured = any_last(bits_t == np.uint8(1 << Action.PRESSURE))
        pressure_sym = between(Action.PRESSURE)
        summit = between(Action.SUMMIT)
        trade = between(Action.TRADE)
        talk = between(Action.SUMMIT, Action.TRADE, Action.CBM)
        armed = action == Action.ARM
        cbm = action == Action.CBM

        # 3. act
        if dyn:
            M_before = st.M.copy()
            st.M = st.M + armed * (F(ARM_STEP) * (F(1.0) - st.M / F(M_MAX))) - cbm * F(CBM_COST)
            ally = between(Action.ALLY) if (action == Action.ALLY).any() else None
            if ally is not None:
                st.A = np.minimum(st.A + F(ALLY_STEP) * ally, F(1.0))
            ties = st.X + F(TRADE_STEP) * trade
            ties += F(0.01) * summit
            st.X = np.minimum(ties, F(1.0), out=ties)
            forum_share = count_last(action == Action.FORUM) / F(n)
            st.F = np.clip(st.F * F(1.0 - FORUM_DECAY) + F(FORUM_GAIN) * forum_share * (F(1.0) - st.F), F(0.0), F(1.0))
            st.E = (st.E - F(ARM_COST) * armed - F(0.05) * any_last(pressure) - F(0.1) * pressured
                    + F(0.05) * count_last(trade) - F(0.05) * cbm)

        # 4. perceive (Kydd): L <- m L + (1 - m) L0 + w (llr + camp + noise)
        llr = self._readings(action, target, col)
        # the same operations as the formula, in its order
        m = spread_games(col["trust_memory"], n)
        camp = self._times(-col["camp_bias"], "camp_bias", self.camp)
        noise = self._times(col["misperception"], "misperception", pair_noise)
        games_add(noise, col["suspicion_bias"], out=noise)
        L_old = st.L
        w = F(EVIDENCE_WEIGHT)
        memory = m - F(1.0)
        memory = np.multiply(memory, L_old, out=memory if np.ndim(memory) else None)
        memory += (F(1.0) - m) * self.L0
        evidence = llr + camp
        evidence += noise
        evidence *= w
        delta = memory + evidence if self.causes else np.add(memory, evidence, out=evidence)
        if trust_card is not None:
            delta[trust_card[0]] += trust_card[1]
        np.add(L_old, delta, out=delta)
        L_new = np.clip(delta, F(-L_MAX), F(L_MAX), out=delta)
        L_new *= offf
        T_new = sigmoid(L_new)
        trust_causes = {}
        if self.causes:
            parts = {"memory": memory, "action": w * llr, "camp": w * camp, "noise": w * noise,
                     "card": _dense(trust_card, L_old)}
            trust_causes = _apportion(parts, T_new - T_before)
        st.L = L_new
        self._trust = (L_new, T_new)

        tension_causes = {}
        challenges = np.zeros((b, n, n), dtype=bool)
        if dyn:
            # resolve image: deterrence moves raise it; restraint that goes unanswered (facing
            # pressure or high tension) or a unilateral concession lowers it
            tough = fam == 0
            aimed_at = pressured | (max_last(st.H) > F(0.35))
            meek = ((fam == 1) & aimed_at) | cbm
            st.Q = np.clip(st.Q + F(RESOLVE_STEP) * tough - F(RESOLVE_LOSS) * per_game(col["weakness_invites"]) * meek
                           + F(0.05) * (F(0.5) - st.Q), F(0.0), F(1.0))

            # 5. arms dynamics (Richardson), distrust-weighted, allies excluded
            threat = self._threat(T_new, st.A, st.M)
            st.M = np.clip(st.M + per_game(col["arms_fear"]) * threat - per_game(col["arms_fatigue"]) * st.M
                           + self.grievance + F(GREED_ARMING) * st.greedy, F(0.1), F(M_MAX))
            race = np.maximum(st.M - M_before, F(0.0))

            # 6. tension moves toward a target set by distrust, arms, blocs, pressure, ties, forum
            rate = F(TENSION_RATE)
            distrust = with_transposed(T_new)                # (1 - mean trust of the pair), in place
            distrust *= F(0.5)
            np.subtract(F(1.0), distrust, out=distrust)
            distrust *= rate * F(0.6)
            tparts = {
                "easing": -rate * st.H,
                "distrust": distrust,
                "arms": (rate * F(ARMS_TENSION)) * add_rows_cols(race, race),
                "bloc": self._times((rate * F(0.3)) * col["camp_bias"], "camp_bias", self.camp),
                "pressure": (rate * F(0.5)) * pressure_sym,
                "ties": self._times((-rate * F(0.5)) * col["shadow_of_future"], "shadow_of_future", st.X),
            }
            forum = (-rate * F(0.4)) * st.F   # one value per game
            total = tparts["easing"] + tparts["distrust"]
            for key in ("arms", "bloc", "pressure", "ties"):
                total += tparts[key]
            games_add(total, forum, out=total)
            total *= offf
            if tension_card is not None:
                total[tension_card[0]] += tension_card[1]
            np.add(st.H, total, out=total)
            H_new = np.clip(total, F(0.0), F(1.0), out=total)
            if tension_card is not None and self._card_tension_diagonal:
                H_new *= offf   # otherwise the diagonal is zero already: zero tension plus a zeroed total
            if self.causes:
                tparts["forum"] = spread_games(forum, n)
                tparts["card"] = _dense(tension_card, st.H)
                tension_causes = _apportion({k: v * offf for k, v in tparts.items()}, H_new - st.H)
            st.H = H_new
            st.R = self._regional_tension(st.H, st.M)

            # 7. crisis
            defence = self._defence(st, col)
            challenges, win = self._challenges(st, T_new, defence, col, pair_challenge)
            st.C = self._ladder(st, t, challenges, win, talk, pressure_sym, col)

            # 8. economy
            ties_mean = sum_last(st.X) / F(n - 1)
            st.E = np.clip(st.E + F(GROWTH) * (F(1.0) + ties_mean) * (F(1.0) - st.R[:, None] / F(200.0)),
                           F(0.0), F(E_MAX))
        elif self.causes:
            tension_causes = {k: np.zeros((b, n, n), dtype=F) for k in TENSION_CAUSES}

        # scores
        pay = self._payoffs(fam, col64)
        st.payoff = st.payoff + pay
        worst = max_last(st.C).astype(np.float64)
        H_of, rows = self._tension_rows
        if H_of is not st.H:
            rows = sum_last(st.H)
        security = 100.0 * (1.0 - rows.astype(np.float64) / (n - 1)) * (1.0 - worst / WAR_RUNG)
        st.security_sum = st.security_sum + security

        st.last_action, st.last_target = action, target
        st.tweak_left = np.maximum(st.tweak_left - 1, 0).astype(np.int16)
        st.turn = t
        self._end(st, T_new, t)

        if not all_active:
            self._freeze(old, st, ~active)
            T_new = sigmoid(st.L)
            self._trust = (st.L, T_new)
            st.end_turn = select(active & (st.outcome != 0) & (old.outcome == 0), t, st.end_turn, np.int16)
        else:
            st.end_turn = select(active & (st.outcome != 0), t, st.end_turn, np.int16)
        return TurnLog(
            turn=t, active=active, card=card, intended=intended, action=action, target=target,
            trust=T_new, tension=st.H, crisis=st.C, challenges=challenges,
            regional_tension=st.R, capability=st.M, prosperity=st.E, resolve=st.Q, forum=st.F,
            payoff=pay, security=security, trust_causes=trust_causes, tension_causes=tension_causes,
            outcome=st.outcome,
        )

    # ------------------------------------------------------------------ parts
    def _seating(self, human):
        """Group the AI seats by doctrine object so each doctrine decides once per turn."""
        groups: dict[tuple, tuple] = {}
        for i, doctrine in enumerate(self.doctrines):
            if doctrine is None:
                if i in human:
                    continue
                doctrine = self.fallback[i]
            key = (type(doctrine), tuple(sorted(vars(doctrine).items())))
            groups.setdefault(key, (doctrine, []))[1].append(i)
        return [(d, np.array(seats, dtype=np.intp)) for d, seats in groups.values()]

    def _draw_card(self, t, st, u):
        """Each game draws a card by weight among those its turn and regional tension allow.
        Games that allow the same cards share one cumulative table (few cards depend on tension)."""
        d = self.deck
        turn_ok = (t >= d.min_turn) & (t <= d.max_turn)
        gated = self._gated
        R = st.R
        if gated.size > 12 or R.size == 0 or R.min() < 0.0 or R.max() > 100.0:
            return self._draw_card_dense(turn_ok, R, u)
        low, high, bit = self._gate_bounds
        allowed = (R[:, None] >= low) & (R[:, None] <= high)  # (B, G)
        pattern = allowed.astype(np.int64) @ bit
        out = np.empty(R.shape[0], dtype=np.int16)
        last = len(d.weight) - 1
        counts = np.bincount(pattern, minlength=1 << gated.size)
        for code in np.flatnonzero(counts).tolist():
            table = self._card_tables.get((t, code))   # the same for every game of a turn and pattern
            if table is None:
                ok = turn_ok.copy()
                ok[gated] &= ((code >> np.arange(gated.size)) & 1).astype(bool)
                cum = np.cumsum(ok * d.weight)
                table = self._card_tables[(t, code)] = (cum, cum[-1])
            cum, total = table
            games = np.flatnonzero(pattern == code)   # few patterns a turn: cheaper than sorting
            if total > 0:
                k = np.searchsorted(cum, u[games] * total, side="right")   # how many cum <= u * total
                out[games] = np.minimum(k, last)
            else:
                out[games] = -1
        return out

    def _draw_card_dense(self, turn_ok, R, u):
        d = self.deck
        ok = turn_ok[None, :] & (R[:, None] >= d.min_tension[None, :]) & (R[:, None] <= d.max_tension[None, :])
        cum = np.cumsum(ok * d.weight[None, :], axis=1)
        total = cum[:, -1]
        k = (cum <= (u * total)[:, None]).sum(axis=1)
        k = np.minimum(k, len(d.weight) - 1)
        return np.where(total > 0, k, -1).astype(np.int16)

    def _view(self, t, st, T, defence, u1, u2):
        return View(turn=t, trust=T, H=st.H, M=st.M, A=st.A, X=st.X, Q=st.Q,
                    defence=defence, last_action=st.last_action, last_target=st.last_target,
                    same_bloc=self.same_bloc, u1=u1, u2=u2)

    def _noise(self, intended, target, u, eps):
        """With probability eps an executed action flips family (an incident, a misread order)."""
        flip = u < per_game(eps)
        if not flip.any():
            return intended, target
        fam = family_of(intended)
        # deterrence -> restraint; dialogue -> pressure on its partner, or arming if it had none
        to_deterrence = select(target >= 0, Action.PRESSURE, Action.ARM, np.int8)
        flipped = select(fam == 0, Action.HOLD, to_deterrence, np.int8)
        action = select(flip, flipped, intended, np.int8)
        new_target = select(flip & (fam == 0), -1, target, np.int8)
        return action, new_target

    def _readings(self, action, target, col):
        """llr[b, i, j]: what observer i reads from actor j's move, before weighting."""
        b, n = action.shape
        per_game_table = np.ndim(col["arming_signal"]) or np.ndim(col["reassurance_signal"])
        table = np.empty((b, 8) if per_game_table else 8, dtype=F)
        table[..., Action.ARM] = col["arming_signal"]
        table[..., Action.ALLY] = 0.0
        table[..., Action.PRESSURE] = col["arming_signal"] + F(LLR["pressure_extra"])
        table[..., Action.SUMMIT] = LLR["summit"]
        table[..., Action.CBM] = col["reassurance_signal"]
        table[..., Action.FORUM] = LLR["forum"]
        table[..., Action.TRADE] = LLR["trade"]
        table[..., Action.HOLD] = LLR["hold"]
        if per_game_table:
            base = np.take(table, action + np.arange(0, 8 * b, 8)[:, None])   # (B, N)
        else:
            base = np.take(table, action)   # take: cheaper than indexing with a small-integer array
        # a move aimed at someone is read at full weight by its target and at half weight by
        # the bystanders: every observer of a targeted move first, then its target
        aimed = target >= 0
        seen = spread_cols(base * (F(1.0) - F(0.5) * aimed))
        cells = np.flatnonzero(aimed)                     # b * n + j
        games, actor = np.divmod(cells, n)
        seen.reshape(-1)[games * (n * n) + target.reshape(-1)[cells] * n + actor] = base.reshape(-1)[cells]
        ally = action == Action.ALLY
        if ally.any():
            is_target = spread_cols(target) == self.row_index  # [b, i, j]: i is j's target
            ally3 = spread_cols(ally)
            outsider = ~self.same_bloc[None] & ~is_target
            seen = select(ally3 & is_target, LLR["ally_partner"], seen, F)
            seen = select(ally3 & ~is_target, outsider * spread_games(col["alliance_signal"], n), seen, F)
        return seen

    def _defence(self, st, col):
        allies = sum_last(mul_cols(st.A, st.M))
        return (per_game(col["defence_advantage"]) * (st.M + per_game(col["ally_credibility"]) * allies)
                * (F(0.5) + st.Q))

    def _challenges(self, st, T, defence, col, u):
        n = self.n
        win = self._win(st, defence)
        _, greed_weight, greed_discount = self._greed(st)
        # the terms of the formula, each worked in place
        z = win - F(WIN_THRESHOLD)
        z *= greed_weight
        fear = F(1.0) - T
        self._times(F(FEAR_WEIGHT) * col["first_strike"], "first_strike", fear, out=fear)
        fear *= st.H
        z += fear
        retaliation = F(1.0) - win
        retaliation *= F(RETALIATION_WEIGHT)
        mul_cols(retaliation, st.Q, out=retaliation)
        z -= retaliation
        # a greedy actor values what it could take above the ties it would lose (Glaser)
        future = games_add(st.X, st.F)
        self._times(F(FUTURE_WEIGHT) * col["shadow_of_future"], "shadow_of_future", future, out=future)
        future *= greed_discount
        z -= future
        z += F(CRISIS_BASE)
        return (u < sigmoid(z, out=z)) & self.off, win

    def _greed(self, st):
        """Per game, fixed for the game: (B, N, N) [b, i, j] = i is greedy, as a mask, as its
        weight in a challenge and as the discount on what it would lose."""
        if self._greed_of is not st.greedy:
            rows = spread_rows(st.greedy)
            self._greed_terms = (rows, rows * F(GREED_WEIGHT), F(1.0) - F(GREEDY_DISCOUNT) * rows)
            self._greed_of = st.greedy
        return self._greed_terms

    @staticmethod
    def _win(st, defence):
        return share_rows(st.M, defence)   # M_i / (defence_j + M_i)

    def _ladder(self, st, t, challenges, win, talk, pressure_sym, col):
        greedy_challenge = challenges & self._greed(st)[0]
        # "between i and j" from one transpose: bit 0 a challenge, bit 1 a greedy one, bit 2 a
        # greedy one by a challenger that expects to win (bits set by multiplying: numpy
        # multiplies bytes an order of magnitude faster than it shifts them)
        packed = challenges.view(np.uint8) | (greedy_challenge.view(np.uint8) * np.uint8(2))
        packed |= (greedy_challenge & (win > F(WAR_ODDS))).view(np.uint8) * np.uint8(4)
        packed = with_transposed(packed)
        c = (packed & 1).view(bool)
        quiet = ~pressure_sym
        C = st.C
        at_brink = c & (C == WAR_RUNG - 1)
        # at the brink only a greedy challenger that expects to win chooses war;
        # a security-seeker's brink slips into war only by accident
        war = at_brink & ((packed & 4) != 0)
        brink = np.flatnonzero(any_last(any_last(at_brink)))
        if brink.size:  # an accident can only happen at the brink: draw for those games alone
            u = rng.accident_draws(self.keys[:, :, brink], t, self.n)
            accident = u < spread_games(F(ACCIDENT_RATE) * _games(col["misperception"], brink), self.n)
            war[brink] |= at_brink[brink] & accident
        # a challenge climbs unless the pair is talking (talk defuses fear, not greed);
        # a turn without one steps down, unless one side keeps up the pressure and nobody talks
        climb = c & (~talk | ((packed & 2) != 0)) & (C < WAR_RUNG - 1)
        calm = ~c & (talk | quiet) & (C > 0)
        # a pair at war stood at the brink and neither climbed nor calmed: one more rung
        C = C + climb.view(np.int8) - calm.view(np.int8) + war.view(np.int8)
        C *= self.off
        return C

    def _payoffs(self, fam, col64):
        """Each actor's 2x2 payoff summed over its partners (family 1 = dialogue = cooperate)."""
        n = self.n
        R, S, T, P = (per_game(col64[name]) for name in ("payoff_R", "payoff_S", "payoff_T", "payoff_P"))
        shared = not any(np.ndim(v) for v in (R, S, T, P))
        if shared:
            # the same payoffs in every game: the formula for every (own family, partners in
            # dialogue), worked out once while the payoffs stay, and each actor's looked up
            key = (float(R), float(S), float(T), float(P))
            if self._pay_table[0] != key:
                f = np.repeat([0.0, 1.0], n)
                coop = np.tile(np.arange(n, dtype=np.float64), 2)
                self._pay_table = (key, _payoff_formula(f, coop, n, R, S, T, P))
            talking = count_last(fam == 1).astype(np.intp)[:, None]
            return self._pay_table[1][fam * n + (talking - fam)]
        f = fam.astype(np.float64)
        coop = f.sum(axis=1, keepdims=True) - f      # partners who chose dialogue
        return _payoff_formula(f, coop, n, R, S, T, P)

    def _end(self, st, T, t):
        sc = self.scenario
        e = sc.end
        going = st.outcome == 0
        outcome = st.outcome.copy()
        if sc.dynamics:
            war = any_last(any_last(st.C >= WAR_RUNG))
            st.lockin_run = select(st.R > e.lockin_threshold, st.lockin_run + 1, 0, np.int16)
            # a security community: the region's mean trust stays high while tension stays low
            mean_trust = sum_last(sum_last(T * self.offf)) / (self.n * (self.n - 1))
            high = mean_trust > e.community_trust
            st.community_run = select(high & (st.R < e.community_tension), st.community_run + 1, 0, np.int16)
            outcome = select(going & war, OUTCOME_INDEX[Outcome.REGIONAL_WAR], outcome, np.int8)
            going2 = outcome == 0
            outcome = select(going2 & (st.lockin_run >= e.lockin_turns), OUTCOME_INDEX[Outcome.COLD_WAR_LOCK_IN], outcome, np.int8)
            going2 = outcome == 0
            outcome = select(going2 & (st.community_run >= e.community_turns), OUTCOME_INDEX[Outcome.SECURITY_COMMUNITY], outcome, np.int8)
        going2 = outcome == 0
        if t >= self.turns:
            outcome = select(going2, OUTCOME_INDEX[Outcome.TURN_LIMIT], outcome, np.int8)
        st.outcome = outcome.astype(np.int8)

    @staticmethod
    def _freeze(old: State, st: State, finished):
        for f in attrs.fields(State):
            if f.name == "turn":
                continue
            new = getattr(st, f.name)
            prev = getattr(old, f.name)
            shape = (-1,) + (1,) * (new.ndim - 1)
            setattr(st, f.name, np.where(finished.reshape(shape), prev, new).astype(new.dtype))


def _payoff_formula(f, coop, n, R, S, T, P):
    """2x2 payoffs summed over partners, for own family f (1 = dialogue) and coop partners in dialogue."""
    defect = (n - 1) - coop
    return f * (coop * R + defect * S) + (1.0 - f) * (coop * T + defect * P)


def _games(c, games):
    """The given games' values of a parameter column; a single number (every game's) stays one."""
    return c[games] if np.ndim(c) else c


def _dense(sparse, like):
    """A card's (games, shifts) as a whole (B, N, N) array, zero where no card moved it."""
    out = np.zeros_like(like)
    if sparse is not None:
        out[sparse[0]] = sparse[1]
    return out


def _apportion(parts: dict, total_shown):
    """Split the shown change among causes in proportion to their raw contributions;
    the causes sum to the change shown (clipping included)."""
    raw_sum = sum(parts.values())
    nonzero = np.abs(raw_sum) > 1e-9
    scale = np.where(nonzero, total_shown / np.where(nonzero, raw_sum, 1.0), 0.0)
    return {k: (v * scale).astype(np.float64) for k, v in parts.items()}
