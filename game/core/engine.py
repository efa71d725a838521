"""The engine: B games of one scenario advanced a turn at a time by the rules of
game/core/rules, called in the order of docs/MODEL.md §3. The same engine plays one
interactive game (B = 1) and batches of thousands."""
from __future__ import annotations

import attrs
import numpy as np

from . import params as P
from . import rng
from .constants import K, describe
from .doctrines import HUMAN, View, make
from .rules import actions, arms, crises, economy, endings, perception, resolve_image, scores, tension_dynamics
from .rules.causes import TRUST_CAUSES, apportion
from .rules.choice import action_noise, choose_moves
from .rules.events import apply_card, draw_cards, prepare_deck
from .rules.in_force import InForce, parameters_in_force
from .rules.moves import Moves
from .rules.tension_dynamics import TENSION_CAUSES
from .scenario import Scenario
from .state import State, logit, sigmoid
from .turn_log import TurnLog
from .vocab import Action

__all__ = ["Engine", "TurnLog", "TRUST_CAUSES", "TENSION_CAUSES", "params_matrix"]


def params_matrix(worldview: P.Worldview, b: int) -> np.ndarray:
    """Every game's worldview values, (B, P)."""
    return np.tile(worldview.array(), (b, 1))


class Engine:
    """Advances B games of one scenario; doctrines per actor, parameters per game."""

    def __init__(self, scenario: Scenario, seeds, doctrines: list[str] | None = None,
                 param_values: np.ndarray | None = None, turns: int | None = None, causes: bool = True):
        self.scenario = scenario
        self.causes = causes  # keep why trust and tension moved (the why panel; batches skip it)
        self.freeze = True    # hold finished games still; a batch runner that drops them turns this off
        self.seeds = np.asarray(seeds, dtype=np.uint64).reshape(-1)
        self.keys = rng.key_schedule(self.seeds)
        self.b, self.n = self.seeds.shape[0], scenario.n
        self.turns = int(turns if turns is not None else scenario.turns)
        self._seat_doctrines(list(doctrines if doctrines is not None else scenario.default_doctrines()))
        if param_values is None:
            param_values = params_matrix(scenario.worldview, self.b)
        self.params = np.asarray(param_values, dtype=np.float64).reshape(self.b, len(P.NAMES))
        self._fixed_tables(scenario)
        self.deck = prepare_deck(scenario.cards, scenario.codes) if scenario.cards and scenario.dynamics else None
        self.state = self._initial_state()
        self.grievance = arms.rest_grievance(InForce(self.params), self.state.capability[0], arms.threat(
            self.state.trust, self.state.alliance, self.state.capability, self.offf))

    def _seat_doctrines(self, names: list[str]) -> None:
        if len(names) != self.n:
            raise ValueError(f"need {self.n} doctrines, got {len(names)}")
        self.doctrine_names = names
        self.doctrines = [None if d == HUMAN else make(d) for d in names]
        self.humans = [i for i, d in enumerate(names) if d == HUMAN]
        self.fallback: dict = {}  # human seat -> doctrine that plays it when no choice is given

    def _fixed_tables(self, sc: Scenario) -> None:
        """What stays the same all game: blocs, the camp division, the starting beliefs."""
        blocs = [a.bloc for a in sc.actors]
        self.same_bloc = np.array([[x == y for y in blocs] for x in blocs])
        aligned = np.array([a.bloc != "non-aligned" for a in sc.actors], dtype=float)
        felt = K.NON_ALIGNED_CAMP + (1.0 - K.NON_ALIGNED_CAMP) * np.minimum.outer(aligned, aligned)
        self.camp = ((~self.same_bloc) * felt).astype(np.float32)   # non-aligned actors feel part of it
        self.off = ~np.eye(self.n, dtype=bool)
        self.offf = self.off.astype(np.float32)
        clip = describe("TRUST_START_CLIP").value
        self.start_logodds = (logit(np.clip(sc.trust, clip, 1.0 - clip)) * self.off).astype(np.float32)

    def _initial_state(self) -> State:
        """Dispositions drawn from each game's seed; everything else from the scenario (§5)."""
        sc, b, n = self.scenario, self.b, self.n
        greedy = rng.uniforms(self.seeds, 0, rng.DISPOSITION, n) < self.params[:, P.INDEX["greedy_share"]][:, None]
        start_tension = np.clip(K.START_TENSION * (1.0 - (sc.trust + sc.trust.T) / 2), 0.0, 1.0) * self.off
        if not sc.dynamics:
            start_tension = np.zeros((n, n))
        per_game = lambda a, dtype=np.float32: np.tile(np.asarray(a, dtype=dtype), (b,) + (1,) * np.ndim(a))  # noqa: E731
        st = State(
            turn=0, capability=per_game([a.capability for a in sc.actors]),
            prosperity=per_game([a.prosperity for a in sc.actors]), greedy=greedy,
            trust_logodds=per_game(self.start_logodds), alliance=per_game(sc.alliance), ties=per_game(sc.ties),
            tension=per_game(start_tension), crisis=np.zeros((b, n, n), dtype=np.int8),
            forum=np.zeros(b, dtype=np.float32), regional_tension=np.zeros(b, dtype=np.float32),
            resolve=np.full((b, n), K.START_RESOLVE, dtype=np.float32),
            last_action=np.full((b, n), -1, dtype=np.int8), last_target=np.full((b, n), -1, dtype=np.int8),
            card_shift=np.zeros((b, len(P.NAMES))), card_shift_left=np.zeros(b, dtype=np.int16),
            lockin_run=np.zeros(b, dtype=np.int16), community_run=np.zeros(b, dtype=np.int16),
            outcome=np.zeros(b, dtype=np.int8), end_turn=np.zeros(b, dtype=np.int16),
            payoff=np.zeros((b, n)), security_sum=np.zeros((b, n)))
        return attrs.evolve(st, regional_tension=tension_dynamics.regional_tension(st.tension, st.capability))

    @property
    def done(self) -> bool:
        return bool((self.state.outcome != 0).all())

    def compact(self, keep: np.ndarray) -> None:
        """Drop the games not in keep (a batch runner's finished games; stepping them on would
        cost more than copying the live games' rows); the rest are untouched."""
        self.state = self.state.select_games(keep)
        self.seeds, self.keys = self.seeds[keep], self.keys[:, :, keep]
        self.params, self.grievance = self.params[keep], self.grievance[keep]
        self.b = int(self.seeds.shape[0])

    # ------------------------------------------------------------------ a turn
    def step(self, human: dict[int, tuple[int, int]] | None = None) -> TurnLog:
        """Play one turn in every game still going; human maps actor index to (action, target)."""
        human = self._human_moves(human or {})
        st = self.state
        active = st.outcome == 0
        before = st.copy() if self.freeze and not active.all() else None
        t = st.turn + 1
        u_card, u_actor, pair_noise, pair_challenge = rng.turn_draws(self.seeds, t, self.n, self.keys)
        st, card, trust_card, tension_card = self._event(st, t, u_card)             # 1. event
        p = parameters_in_force(self.params, st.card_shift, st.card_shift_left)
        trust_before = sigmoid(st.trust_logodds)
        intended, moves = self._choose(st, t, p, trust_before, human, u_actor)     # 2. choice
        start = st
        if self.scenario.dynamics:
            st = actions.act(st, moves)                                             # 3. actions
        logodds, trust_parts = perception.update_trust(                            # 4. perception
            st.trust_logodds, self.start_logodds, perception.read_moves(moves, p, self.same_bloc), trust_card,
            p, self.camp, pair_noise, self.offf)
        trust = sigmoid(logodds)
        st = attrs.evolve(st, trust_logodds=logodds)
        trust_causes = apportion(trust_parts, trust - trust_before) if self.causes else {}
        challenged = np.zeros((self.b, self.n, self.n), dtype=bool)
        tension_causes = {}
        if self.scenario.dynamics:                                                  # 5. to 9.
            st, challenged, tension_causes = self._dynamics(start, st, t, moves, p, trust, tension_card,
                                                            pair_challenge)
        elif self.causes:
            tension_causes = {k: np.zeros((self.b, self.n, self.n), dtype=np.float32) for k in TENSION_CAUSES}
        st, payoff, security = self._score(st, moves, p)                             # 10. scores
        st = endings.check_endings(attrs.evolve(st, turn=t), trust, self.offf, self.scenario.end, t,   # 11.
                                   self.turns, self.scenario.dynamics)
        if before is not None:   # games that had ended stay as they were
            st = st.hold(before, ~active)
            trust = sigmoid(st.trust_logodds)
        self.state = st = attrs.evolve(st, end_turn=np.where(active & (st.outcome != 0), t, st.end_turn)
                                       .astype(np.int16))
        return TurnLog(
            turn=t, active=active, card=card, intended=intended, action=moves.action, target=moves.target,
            trust=trust, tension=st.tension, crisis=st.crisis, challenges=challenged,
            regional_tension=st.regional_tension, capability=st.capability, prosperity=st.prosperity,
            resolve=st.resolve, forum=st.forum, payoff=payoff, security=security, trust_causes=trust_causes,
            tension_causes=tension_causes, outcome=st.outcome)

    def _human_moves(self, human: dict) -> dict:
        missing = [self.scenario.codes[i] for i in self.humans if i not in human and i not in self.fallback]
        if missing:
            raise ValueError(f"no choice given for human actor(s): {', '.join(missing)}")
        return {i: move for i, move in human.items() if i in self.humans}

    def _event(self, st: State, t: int, u_card):
        """Rule 1: draw and apply each game's card (no deck: no card, nothing moves)."""
        if self.deck is None:
            zero = np.zeros((self.b, self.n, self.n), dtype=np.float32)
            return st, np.full(self.b, -1, dtype=np.int16), zero, zero
        card = draw_cards(self.deck, t, st.regional_tension, u_card)
        st, trust_card, tension_card = apply_card(st, self.deck, card)
        return st, card, trust_card, tension_card

    def _choose(self, st: State, t: int, p: InForce, trust, human: dict, u_actor):
        """Rule 2: doctrines and humans choose; action noise may flip a move."""
        u_noise, u_doctrine1, u_doctrine2 = u_actor[:3]
        view = View(turn=t, trust=trust, tension=st.tension, capability=st.capability, alliance=st.alliance,
                    ties=st.ties, resolve=st.resolve,
                    defence=crises.defence(st.capability, st.alliance, st.resolve, p),
                    last_action=st.last_action, last_target=st.last_target, same_bloc=self.same_bloc,
                    u1=u_doctrine1, u2=u_doctrine2)
        intended, target = choose_moves(view, self._seating(human), human, self.b, self.n)
        action, target = action_noise(intended, target, u_noise, p.game("action_noise"))
        return intended, Moves(action, target)

    def _seating(self, human):
        """The AI seats grouped by doctrine, so that each doctrine decides once per turn (a human
        seat with no choice given is played by its fallback doctrine)."""
        groups: dict[tuple, tuple] = {}
        for i, doctrine in enumerate(self.doctrines):
            if doctrine is None:
                if i in human:
                    continue
                doctrine = self.fallback[i]
            key = (type(doctrine), tuple(sorted(vars(doctrine).items())))
            groups.setdefault(key, (doctrine, []))[1].append(i)
        return [(d, np.array(seats, dtype=np.intp)) for d, seats in groups.values()]

    def _dynamics(self, start: State, st: State, t: int, moves: Moves, p: InForce, trust, tension_card,
                  pair_challenge):
        """Rules 5 to 9: resolve, arms, tension, crises and the economy, in that order."""
        st = attrs.evolve(st, resolve=resolve_image.update_resolve(st.resolve, start.tension, moves, p))    # 5.
        capability = arms.arms_dynamics(st.capability, arms.threat(trust, st.alliance, st.capability, self.offf),
                                        self.grievance, st.greedy, p)                               # 6.
        race = np.maximum(capability - start.capability, 0.0)
        pressure_between = moves.between(Action.PRESSURE)
        pulls = tension_dynamics.tension_pulls(st.tension, trust, race, pressure_between, st.ties, st.forum, self.camp, p)
        new_tension = tension_dynamics.update_tension(st.tension, pulls, tension_card, self.offf)           # 7.
        causes = {}
        if self.causes:
            parts = {k: v * self.offf for k, v in dict(pulls, card=tension_card).items()}
            causes = apportion(parts, new_tension - st.tension)
        st = attrs.evolve(st, capability=capability, tension=new_tension,
                          regional_tension=tension_dynamics.regional_tension(new_tension, capability))
        st, challenged = self._crises(st, t, moves, p, trust, pressure_between, pair_challenge)    # 8.
        prosperity = economy.grow(st.prosperity, st.ties, st.regional_tension)                     # 9.
        return attrs.evolve(st, prosperity=prosperity), challenged, causes

    def _crises(self, st: State, t: int, moves: Moves, p: InForce, trust, pressure_between, u):
        """Rule 8: who challenges whom, then each pair's crisis ladder."""
        defence = crises.defence(st.capability, st.alliance, st.resolve, p)
        win = crises.win_odds(st.capability, defence)
        z = crises.challenge_logodds(win, trust, st.tension, st.ties, st.forum, st.resolve, st.greedy, p)
        challenged = crises.challenges(z, u, self.off)
        accident = np.zeros_like(challenged)
        at_brink = crises.at_the_brink(st.crisis, challenged)
        brink = np.flatnonzero(at_brink.any(axis=(1, 2)))
        if brink.size:   # accidents happen only at the brink: their draws are made for those games alone
            u_accident = rng.accident_draws(self.keys[:, :, brink], t, self.n)
            accident[brink] = crises.accidents(at_brink[brink], u_accident, InForce(p.values[brink]))
        talk = moves.between(Action.SUMMIT, Action.TRADE, Action.CBM)
        rung = crises.climb_ladder(st.crisis, challenged, win, st.greedy, talk, pressure_between, accident)
        return attrs.evolve(st, crisis=rung), challenged

    def _score(self, st: State, moves: Moves, p: InForce):
        """Rule 10: the turn's 2x2 payoffs and security; last moves and the card's shift age."""
        payoff = scores.payoffs(moves.family, p)
        security = scores.security(st.tension, st.crisis)
        st = attrs.evolve(st, payoff=st.payoff + payoff, security_sum=st.security_sum + security,
                          last_action=moves.action, last_target=moves.target,
                          card_shift_left=np.maximum(st.card_shift_left - 1, 0).astype(np.int16))
        return st, payoff, security

