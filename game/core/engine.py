"""The reference model of DESIGN.md, one turn at a time, for B games at once."""
from __future__ import annotations

import attrs
import numpy as np

from . import params as P
from . import rng
from .cards import compile_deck
from .doctrines import HUMAN, View, make
from .scenario import Scenario
from .state import E_MAX, L_MAX, M_MAX, WAR_RUNG, State, logit, sigmoid
from .vocab import FAMILY, OUTCOME_INDEX, TARGETED, Action, Outcome

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

_IDX = P.INDEX
_LOW = np.array([s.low for s in P.PARAMS])
_HIGH = np.array([s.high for s in P.PARAMS])


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
        self.seeds = np.asarray(seeds, dtype=np.uint64).reshape(-1)
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
        camp = (~self.same_bloc).astype(float) * (0.5 + 0.5 * np.minimum.outer(aligned, aligned))
        self.camp = camp
        self.off = ~np.eye(n, dtype=bool)
        self.L0 = logit(np.clip(scenario.trust, 0.02, 0.98))
        self.M0 = np.array([a.capability for a in scenario.actors])
        self.deck = compile_deck(scenario.cards, scenario.codes) if scenario.cards and scenario.dynamics else None
        self.state = self._initial_state()
        # Richardson grievance chosen so that the starting posture is at rest: arming then
        # follows changes in distrust, not an arbitrary start
        T0 = sigmoid(self.state.L)
        threat0 = ((1.0 - T0) * (1.0 - self.state.A) * self.off * self.state.M[:, None, :]).sum(axis=2) / (n - 1)
        fear = self.params[:, _IDX["arms_fear"]][:, None]
        fatigue = self.params[:, _IDX["arms_fatigue"]][:, None]
        self.grievance = fatigue * self.M0[None, :] - fear * threat0

    # ------------------------------------------------------------------ setup
    def _initial_state(self) -> State:
        sc, b, n = self.scenario, self.b, self.n
        u = rng.uniforms(self.seeds, 0, rng.DISPOSITION, n, 1)[:, :, 0]
        greedy = u < self.params[:, _IDX["greedy_share"]][:, None]
        H0 = np.clip(0.5 * (1.0 - 0.5 * (sc.trust + sc.trust.T)), 0.0, 1.0) * self.off
        if not sc.dynamics:
            H0 = np.zeros((n, n))
        st = State(
            turn=0,
            M=np.tile(self.M0, (b, 1)),
            E=np.tile([a.prosperity for a in sc.actors], (b, 1)).astype(float),
            greedy=greedy,
            L=np.tile(self.L0 * self.off, (b, 1, 1)),
            A=np.tile(sc.alliance, (b, 1, 1)),
            X=np.tile(sc.ties, (b, 1, 1)),
            H=np.tile(H0, (b, 1, 1)),
            C=np.zeros((b, n, n), dtype=np.int8),
            F=np.zeros(b),
            R=np.zeros(b),
            Q=np.full((b, n), 0.5),
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
        w = (M[:, :, None] + M[:, None, :]) * self.off
        return 100.0 * (H * w).sum(axis=(1, 2)) / w.sum(axis=(1, 2))

    @property
    def done(self) -> bool:
        return bool((self.state.outcome != 0).all())

    def effective_params(self) -> np.ndarray:
        st = self.state
        eff = self.params + st.tweak * (st.tweak_left > 0)[:, None]
        return np.clip(eff, _LOW, _HIGH)

    # ------------------------------------------------------------------ a turn
    def step(self, human: dict[int, tuple[int, int]] | None = None) -> TurnLog:
        """Play one turn in every game still going; human maps actor index to (action, target)."""
        human = human or {}
        missing = [self.scenario.codes[i] for i in self.humans if i not in human and i not in self.fallback]
        if missing:
            raise ValueError(f"no choice given for human actor(s): {', '.join(missing)}")
        st = self.state
        old = st.copy()
        t = st.turn + 1
        b, n, sc = self.b, self.n, self.scenario
        active = st.outcome == 0
        pv = self.effective_params()
        g = lambda name: pv[:, _IDX[name]]  # noqa: E731
        dyn = sc.dynamics

        u_actor = rng.uniforms4(self.seeds, t, rng.ACTOR, n, 1)
        u_noise, u_doc1, u_doc2 = (u[:, :, 0] for u in u_actor[:3])
        pair_noise, pair_challenge, pair_accident = rng.pair_draws(self.seeds, t, n)

        trust_card = np.zeros((b, n, n))
        tension_card = np.zeros((b, n, n))
        card = np.full(b, -1, dtype=np.int16)
        # 1. event
        if self.deck is not None:
            card = self._draw_card(t, st)
            has = card >= 0
            k = np.where(has, card, 0)
            hm = has[:, None]
            d = self.deck
            trust_card = d.trust[k] * hm[:, :, None]
            tension_card = d.tension[k] * hm[:, :, None]
            st.M = np.clip(st.M + d.capability[k] * hm, 0.1, M_MAX)
            st.E = np.clip(st.E + d.prosperity[k] * hm, 0.0, E_MAX)
            st.A = np.clip(st.A + d.alliance[k] * hm[:, :, None], 0.0, 1.0)
            st.X = np.clip(st.X + d.ties[k] * hm[:, :, None], 0.0, 1.0)
            st.F = np.clip(st.F + d.forum[k] * has, 0.0, 1.0)
            st.C = np.clip(st.C + d.crisis[k] * hm[:, :, None], 0, WAR_RUNG - 1).astype(np.int8)
            st.Q = np.clip(st.Q + d.resolve[k] * hm, 0.0, 1.0)
            new_tweak = has & (d.tweak_turns[k] > 0)
            st.tweak = np.where(new_tweak[:, None], d.tweak[k], st.tweak)
            st.tweak_left = np.where(new_tweak, d.tweak_turns[k] + 1, st.tweak_left).astype(np.int16)
            pv = self.effective_params()

        # 2. choose
        T_before = sigmoid(st.L)
        view = self._view(t, st, T_before, u_doc1, u_doc2, pv)
        intended = np.empty((b, n), dtype=np.int8)
        target = np.empty((b, n), dtype=np.int8)
        for i, doctrine in enumerate(self.doctrines):
            if doctrine is None and i not in human:
                doctrine = self.fallback[i]
            if doctrine is None:
                a, tg = human[i]
                intended[:, i], target[:, i] = int(a), int(tg)
            else:
                a, tg = doctrine.decide(view, i)
                intended[:, i], target[:, i] = a, tg
        # a targeted action without a valid target becomes restraint
        idx = np.arange(n)[None, :]
        bad = TARGETED[intended] & ((target < 0) | (target >= n) | (target == idx))
        intended = np.where(bad, Action.HOLD, intended).astype(np.int8)
        target = np.where(TARGETED[intended], target, -1).astype(np.int8)
        action, target = self._noise(intended, target, u_noise, g("action_noise"))
        fam = FAMILY[action]

        # who did what to whom, as (B, N, N) masks [b, actor, target]
        tgt_onehot = (target[:, :, None] == np.arange(n)[None, None, :])
        did = lambda act: (action == act)[:, :, None] & tgt_onehot  # noqa: E731
        pressure = did(Action.PRESSURE)
        talk_dir = did(Action.SUMMIT) | did(Action.CBM) | did(Action.TRADE)
        talk = talk_dir | talk_dir.transpose(0, 2, 1)
        armed = action == Action.ARM

        # 3. act
        if dyn:
            M_before = st.M.copy()
            st.M = st.M + armed * ARM_STEP * (1.0 - st.M / M_MAX) - (action == Action.CBM) * CBM_COST
            ally = did(Action.ALLY)
            ally = ally | ally.transpose(0, 2, 1)
            st.A = np.clip(st.A + ALLY_STEP * ally, 0.0, 1.0)
            trade = did(Action.TRADE)
            trade = trade | trade.transpose(0, 2, 1)
            st.X = np.clip(st.X + TRADE_STEP * trade + 0.01 * (did(Action.SUMMIT) | did(Action.SUMMIT).transpose(0, 2, 1)), 0.0, 1.0)
            forum_share = (action == Action.FORUM).mean(axis=1)
            st.F = np.clip(st.F * (1.0 - FORUM_DECAY) + FORUM_GAIN * forum_share * (1.0 - st.F), 0.0, 1.0)
            st.E = (st.E - ARM_COST * armed - 0.05 * pressure.any(axis=2) - 0.1 * pressure.any(axis=1)
                    + 0.05 * trade.sum(axis=2) - 0.05 * (action == Action.CBM))

        # 4. perceive
        llr = self._readings(action, target, tgt_onehot, pv)
        m = g("trust_memory")[:, None, None]
        noise = g("suspicion_bias")[:, None, None] + g("misperception")[:, None, None] * pair_noise
        camp = -g("camp_bias")[:, None, None] * self.camp
        L_old = st.L
        parts = {
            "memory": ((m - 1.0) * L_old + (1.0 - m) * self.L0) * self.off,
            "action": EVIDENCE_WEIGHT * llr * self.off,
            "camp": EVIDENCE_WEIGHT * camp * self.off,
            "noise": EVIDENCE_WEIGHT * noise * self.off,
            "card": trust_card,
        }
        L_new = np.clip(L_old + sum(parts.values()), -L_MAX, L_MAX) * self.off
        T_new = sigmoid(L_new)
        trust_causes = _apportion(parts, T_new - T_before) if self.causes else {}
        st.L = L_new

        # resolve image: deterrence moves raise it, unreciprocated restraint under tension lowers it
        if dyn:
            tough = (fam == 0)
            # restraint that goes unanswered: facing pressure or high tension, or a unilateral concession
            aimed_at = pressure.any(axis=1) | (st.H.max(axis=2) > 0.35)
            meek = ((fam == 1) & aimed_at) | (action == Action.CBM)
            st.Q = np.clip(st.Q + RESOLVE_STEP * tough - RESOLVE_LOSS * g("weakness_invites")[:, None] * meek
                           + 0.05 * (0.5 - st.Q), 0.0, 1.0)

            # 5. arms dynamics (Richardson), distrust-weighted, allies excluded
            threat = ((1.0 - T_new) * (1.0 - st.A) * self.off * st.M[:, None, :]).sum(axis=2) / (n - 1)
            grievance = self.grievance + GREED_ARMING * st.greedy
            st.M = np.clip(st.M + g("arms_fear")[:, None] * threat - g("arms_fatigue")[:, None] * st.M + grievance,
                           0.1, M_MAX)
            race = np.maximum(st.M - M_before, 0.0)

            # 6. tension
            T_mean = 0.5 * (T_new + T_new.transpose(0, 2, 1))
            pressure_sym = (pressure | pressure.transpose(0, 2, 1)).astype(float)
            rate = TENSION_RATE
            tparts = {
                "easing": -rate * st.H,
                "distrust": rate * 0.6 * (1.0 - T_mean),
                "arms": rate * ARMS_TENSION * (race[:, :, None] + race[:, None, :]),
                "bloc": rate * 0.3 * g("camp_bias")[:, None, None] * self.camp,
                "pressure": rate * 0.5 * pressure_sym,
                "ties": -rate * 0.5 * g("shadow_of_future")[:, None, None] * st.X,
                "forum": -rate * 0.4 * st.F[:, None, None] * np.ones((1, n, n)),
            }
            tparts = {k: v * self.off for k, v in tparts.items()}
            tparts["card"] = tension_card
            H_new = np.clip(st.H + sum(tparts.values()), 0.0, 1.0) * self.off
            tension_causes = _apportion(tparts, H_new - st.H) if self.causes else {}
            st.H = H_new
            st.R = self._regional_tension(st.H, st.M)

            # 7. crisis
            defence = self._defence(st, pv)
            challenges, win = self._challenges(st, T_new, defence, pv, pair_challenge)
            st.C = self._ladder(st, challenges, win, talk, pressure, pv, pair_accident)

            # 8. economy
            ties_mean = (st.X.sum(axis=2)) / (n - 1)
            st.E = np.clip(st.E + 0.08 * (1.0 + ties_mean) * (1.0 - st.R[:, None] / 200.0), 0.0, E_MAX)
        else:
            tension_causes = {k: np.zeros((b, n, n)) for k in TENSION_CAUSES}
            challenges = np.zeros((b, n, n), dtype=bool)

        # scores
        pay = self._payoffs(fam, pv)
        st.payoff = st.payoff + pay
        security = 100.0 * (1.0 - st.H.sum(axis=2) / (n - 1)) * (1.0 - st.C.max(axis=2) / WAR_RUNG)
        st.security_sum = st.security_sum + security

        st.last_action, st.last_target = action, target
        st.tweak_left = np.maximum(st.tweak_left - 1, 0).astype(np.int16)
        st.turn = t
        self._end(st, T_new, t)

        if not active.all():
            self._freeze(old, st, ~active)
        st.end_turn = np.where(active & (st.outcome != 0) & (old.outcome == 0), t, st.end_turn).astype(np.int16)
        return TurnLog(
            turn=t, active=active, card=card, intended=intended, action=action, target=target,
            trust=sigmoid(st.L), tension=st.H, crisis=st.C, challenges=challenges,
            regional_tension=st.R, capability=st.M, prosperity=st.E, resolve=st.Q, forum=st.F,
            payoff=pay, security=security, trust_causes=trust_causes, tension_causes=tension_causes,
            outcome=st.outcome,
        )

    # ------------------------------------------------------------------ parts
    def _draw_card(self, t, st):
        d = self.deck
        ok = ((t >= d.min_turn) & (t <= d.max_turn))[None, :] & \
             (st.R[:, None] >= d.min_tension[None, :]) & (st.R[:, None] <= d.max_tension[None, :])
        w = ok * d.weight[None, :]
        cum = np.cumsum(w, axis=1)
        total = cum[:, -1]
        u = rng.uniforms(self.seeds, t, rng.CARD, 1, 1)[:, 0, 0] * total
        k = (cum <= u[:, None]).sum(axis=1)
        k = np.minimum(k, len(d.weight) - 1)
        return np.where(total > 0, k, -1).astype(np.int16)

    def _view(self, t, st, T, u1, u2, pv):
        n = self.n
        la, lt = st.last_action, st.last_target
        lfam = np.where(la >= 0, FAMILY[np.maximum(la, 0)], 1)
        i_idx = np.arange(n)[None, :, None]
        # against[b, i, j]: j's last move was deterrence aimed at i
        aimed = (lt[:, None, :] == i_idx) | (lt[:, None, :] < 0) | ~self.same_bloc[None]
        friendly_ally = (la[:, None, :] == Action.ALLY) & (lt[:, None, :] == i_idx)
        against = (lfam[:, None, :] == 0) & aimed & ~friendly_ally & self.off[None]
        pressured = (la[:, None, :] == Action.PRESSURE) & (lt[:, None, :] == i_idx)
        return View(turn=t, trust=T, H=st.H, M=st.M, A=st.A, X=st.X, Q=st.Q,
                    defence=self._defence(st, pv), last_action=la, last_target=lt,
                    against=against, pressured=pressured, same_bloc=self.same_bloc, u1=u1, u2=u2)

    def _noise(self, intended, target, u, eps):
        """With probability eps an executed action flips family (an incident, a misread order)."""
        flip = u < eps[:, None]
        fam = FAMILY[intended]
        has_target = target >= 0
        # deterrence -> restraint; dialogue -> pressure on its partner, or arming if it had none
        to_dialogue = np.full_like(intended, Action.HOLD)
        to_deterrence = np.where(has_target, Action.PRESSURE, Action.ARM).astype(np.int8)
        flipped = np.where(fam == 0, to_dialogue, to_deterrence)
        action = np.where(flip, flipped, intended).astype(np.int8)
        new_target = np.where(flip & (fam == 0), -1, target).astype(np.int8)
        return action, new_target

    def _readings(self, action, target, tgt_onehot, pv):
        """llr[b, i, j]: what observer i reads from actor j's move, before weighting."""
        b, n = action.shape
        g = lambda name: pv[:, _IDX[name]][:, None]  # noqa: E731
        base = np.zeros((b, n))
        base = np.where(action == Action.ARM, g("arming_signal"), base)
        base = np.where(action == Action.PRESSURE, g("arming_signal") + LLR["pressure_extra"], base)
        base = np.where(action == Action.SUMMIT, LLR["summit"], base)
        base = np.where(action == Action.CBM, g("reassurance_signal"), base)
        base = np.where(action == Action.FORUM, LLR["forum"], base)
        base = np.where(action == Action.TRADE, LLR["trade"], base)
        # seen by observer i (rows) of actor j (columns)
        seen = np.broadcast_to(base[:, None, :], (b, n, n)).copy()
        is_target = tgt_onehot.transpose(0, 2, 1)  # [b, i, j]: i is j's target
        targeted = (target >= 0)[:, None, :]
        weight = np.where(targeted & ~is_target, 0.5, 1.0)
        ally = (action == Action.ALLY)[:, None, :]
        outsider = ~self.same_bloc[None] & ~is_target
        seen = np.where(ally & is_target, LLR["ally_partner"], seen)
        seen = np.where(ally & ~is_target, np.where(outsider, g("alliance_signal")[:, :, None], 0.0), seen)
        weight = np.where(ally, 1.0, weight)
        return seen * weight

    def _defence(self, st, pv):
        g = lambda name: pv[:, _IDX[name]][:, None]  # noqa: E731
        allies = (st.A * st.M[:, None, :]).sum(axis=2)
        return g("defence_advantage") * (st.M + g("ally_credibility") * allies) * (0.5 + st.Q)

    def _challenges(self, st, T, defence, pv, u):
        g = lambda name: pv[:, _IDX[name]][:, None, None]  # noqa: E731
        win = self._win(st, defence)
        greed = GREED_WEIGHT * st.greedy[:, :, None] * (win - WIN_THRESHOLD)
        fear = FEAR_WEIGHT * g("first_strike") * (1.0 - T) * st.H
        retaliation = RETALIATION_WEIGHT * (1.0 - win) * st.Q[:, None, :]
        # a greedy actor values what it could take above the ties it would lose (Glaser)
        future = (FUTURE_WEIGHT * g("shadow_of_future") * (st.X + st.F[:, None, None])
                  * (1.0 - GREEDY_DISCOUNT * st.greedy[:, :, None]))
        z = CRISIS_BASE + greed + fear - retaliation - future
        return (u < sigmoid(z)) & self.off, win

    @staticmethod
    def _win(st, defence):
        Mi = st.M[:, :, None]
        return Mi / (Mi + defence[:, None, :])

    def _ladder(self, st, challenges, win, talk, pressure, pv, u_accident):
        c = challenges | challenges.transpose(0, 2, 1)
        quiet = ~(pressure | pressure.transpose(0, 2, 1))
        C = st.C.astype(np.int16)
        at_brink = c & (C == WAR_RUNG - 1)
        # at the brink only a greedy challenger that expects to win chooses war;
        # a security-seeker's brink slips into war only by accident
        push = challenges & st.greedy[:, :, None] & (win > WAR_ODDS)
        push = push | push.transpose(0, 2, 1)
        accident = u_accident < ACCIDENT_RATE * pv[:, _IDX["misperception"]][:, None, None]
        war = at_brink & (push | accident)
        # a challenge climbs unless the pair is talking (talk defuses fear, not greed);
        # a turn without one steps down, unless one side keeps up the pressure and nobody talks
        greedy_challenge = challenges & st.greedy[:, :, None]
        greedy_challenge = greedy_challenge | greedy_challenge.transpose(0, 2, 1)
        climb = c & (~talk | greedy_challenge) & (C < WAR_RUNG - 1)
        calm = ~c & (talk | quiet)
        C = np.where(climb, C + 1, np.where(calm, np.maximum(C - 1, 0), C))
        C = np.where(war, WAR_RUNG, C)
        return (C * self.off).astype(np.int8)

    def _payoffs(self, fam, pv):
        g = lambda name: pv[:, _IDX[name]][:, None, None]  # noqa: E731
        fi = fam[:, :, None]
        fj = fam[:, None, :]
        # family 1 = dialogue (cooperate), 0 = deterrence (defect)
        pay = np.where(fi == 1, np.where(fj == 1, g("payoff_R"), g("payoff_S")),
                       np.where(fj == 1, g("payoff_T"), g("payoff_P")))
        return (pay * self.off).sum(axis=2)

    def _end(self, st, T, t):
        sc = self.scenario
        e = sc.end
        going = st.outcome == 0
        outcome = st.outcome.copy()
        if sc.dynamics:
            war = (st.C >= WAR_RUNG).any(axis=(1, 2))
            st.lockin_run = np.where(st.R > e.lockin_threshold, st.lockin_run + 1, 0).astype(np.int16)
            high = np.where(self.off[None], T, 1.0).min(axis=(1, 2)) > e.community_trust
            st.community_run = np.where(high & (st.R < e.community_tension), st.community_run + 1, 0).astype(np.int16)
            outcome = np.where(going & war, OUTCOME_INDEX[Outcome.REGIONAL_WAR], outcome)
            going2 = outcome == 0
            outcome = np.where(going2 & (st.lockin_run >= e.lockin_turns), OUTCOME_INDEX[Outcome.COLD_WAR_LOCK_IN], outcome)
            going2 = outcome == 0
            outcome = np.where(going2 & (st.community_run >= e.community_turns), OUTCOME_INDEX[Outcome.SECURITY_COMMUNITY], outcome)
        going2 = outcome == 0
        if t >= self.turns:
            outcome = np.where(going2, OUTCOME_INDEX[Outcome.TURN_LIMIT], outcome)
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


def _apportion(parts: dict, total_shown):
    """Split the shown change among causes in proportion to their raw contributions."""
    raw_sum = sum(parts.values())
    safe = np.where(np.abs(raw_sum) > 1e-12, raw_sum, 1.0)
    scale = np.where(np.abs(raw_sum) > 1e-12, total_shown / safe, 0.0)
    out = {k: v * scale for k, v in parts.items()}
    # whatever clipping removed is not attributed; the causes still sum to the change shown
    return out
