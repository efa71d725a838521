"""The engine: B games of one scenario advanced a turn at a time by the rules of
game/core/rules, called in the order of docs/MODEL.md §3. The same engine plays one
interactive game (B = 1) and batches of thousands."""

from __future__ import annotations

import attrs
import numpy as np

from . import in_crisis
from . import params as P
from . import rng
from .constants import K, describe
from .doctrines import HUMAN, View
from .plans import make
from .rules import actions, arms, challenge, choice, crises, economy, endings, events, initial, perception
from .rules import resolve_image, scores, war
from .rules import tension_dynamics as tension_rule
from .rules.causes import TRUST_CAUSES, apportion
from .rules.in_force import InForce, parameters_in_force
from .rules.moves import Moves
from .rules.tension_dynamics import TENSION_CAUSES
from .world import Scenario
from .state import State, logit, sigmoid
from .turn_log import TurnLog
from .vocab import Action

__all__ = ["Engine", "TurnLog", "TRUST_CAUSES", "TENSION_CAUSES", "params_matrix"]


# the state's fields a doctrine sees as they stand
SEEN = "tension capability alliance ties resolve last_action last_target greedy stake_rung credibility forum".split()


def params_matrix(worldview: P.Worldview, b: int) -> np.ndarray:
    """Every game's worldview values, (B, P)."""
    return np.tile(worldview.array(), (b, 1))


class Engine:
    """Advances B games of one scenario; doctrines per actor, parameters per game."""

    def __init__(
        self,
        scenario: Scenario,
        seeds,
        doctrines: list[str] | None = None,
        param_values: np.ndarray | None = None,
        turns: int | None = None,
        causes: bool = True,
        dispositions: np.ndarray | None = None,
    ):
        self.scenario = scenario
        self.dispositions = dispositions  # (B, N) types to play with instead of drawing them (a replay)
        self.causes = causes  # keep why trust and tension moved (the why panel; batches skip it)
        self.freeze = True  # hold finished games still; a batch runner that drops them turns this off
        self.seeds = np.asarray(seeds, dtype=np.uint64).reshape(-1)
        self.keys = rng.key_schedule(self.seeds)
        self.b, self.n = self.seeds.shape[0], scenario.n
        self.turns = int(turns if turns is not None else scenario.turns)
        self._seat_doctrines(list(doctrines if doctrines is not None else scenario.default_doctrines()))
        param_values = params_matrix(scenario.worldview, self.b) if param_values is None else param_values
        self.params = np.asarray(param_values, dtype=np.float64).reshape(self.b, len(P.NAMES))
        self._fixed_tables(scenario)
        with_deck = scenario.cards and scenario.dynamics
        self.deck = events.prepare_deck(scenario.cards, scenario.codes) if with_deck else None
        self.state = self._initial_state()
        threat = arms.threat(self.state.trust, self.state.alliance, self.state.capability, self.offf)
        self.grievance = arms.rest_grievance(InForce(self.params), self.state.capability[0], threat)

    def _seat_doctrines(self, names: list[str]) -> None:
        if len(names) != self.n:
            raise ValueError(f"need {self.n} doctrines, got {len(names)}")
        self.doctrines = [None if d == HUMAN else make(d) for d in names]
        self.humans = [i for i, d in enumerate(names) if d == HUMAN]
        self.fallback: dict = {}  # human seat -> doctrine that plays it when no choice is given
        self._steady = make("always-hold")  # a human's stance or backing left unsaid: stand firm, keep faith

    def _fixed_tables(self, sc: Scenario) -> None:
        """What stays the same all game: blocs, the camp division, stakes, the starting beliefs."""
        blocs = [a.bloc for a in sc.actors]
        self.same_bloc = np.array([[x == y for y in blocs] for x in blocs])
        aligned = np.array([a.bloc != "non-aligned" for a in sc.actors], dtype=float)
        felt = K.NON_ALIGNED_CAMP + (1.0 - K.NON_ALIGNED_CAMP) * np.minimum.outer(aligned, aligned)
        self.camp = ((~self.same_bloc) * felt).astype(np.float32)  # non-aligned actors feel part of it
        self.off = ~np.eye(self.n, dtype=bool)
        self.offf = self.off.astype(np.float32)
        clip = describe("TRUST_START_CLIP").value
        self.start_logodds = (logit(np.clip(sc.trust, clip, 1.0 - clip)) * self.off).astype(np.float32)
        self.stakes = crises.Stakes.of(sc)
        self.rival = choice.rivals(self.stakes, blocs)
        self.held = self.stakes.held(self.n)  # the value of the stakes each actor holds
        self.start_capability = np.array([a.capability for a in sc.actors], dtype=np.float32)
        self.start_prosperity = np.array([a.prosperity for a in sc.actors], dtype=np.float64)

    def _initial_state(self) -> State:
        start = (self.start_logodds, self.stakes, self.start_capability, self.start_prosperity, self.off)
        st = initial.initial_state(self.scenario, self.seeds, self.params, *start)
        if self.dispositions is not None:
            greedy = np.broadcast_to(np.asarray(self.dispositions, dtype=bool), st.greedy.shape)
            st = attrs.evolve(st, greedy=greedy.copy())
        return st

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

    def scores(self, state: State | None = None, turns_played: int | None = None) -> tuple[np.ndarray, dict]:
        """Each actor's headline score 0-100 (B, N) and its parts, by its own type's aims (§7.12)."""
        st = state or self.state
        p = parameters_in_force(self.params, st.card_shift, st.card_shift_left)
        played = np.where(st.end_turn > 0, st.end_turn, st.turn)[:, None] if turns_played is None else turns_played
        parts = scores.score_parts(st, self.start_prosperity, self.held, played, self.turns, st.fought, p)
        return scores.headline_score(parts, st.greedy, st.fought, self.stakes.nuclear, self.scenario.dynamics), parts

    # ------------------------------------------------------------------ a turn
    def step(self, human: dict | None = None, stances: dict | None = None, backing: dict | None = None) -> TurnLog:
        """Play one turn in every game still going. human maps actor index to (action, target);
        stances maps (actor, stake) to a Stance for a human party; backing (actor, stake) to
        True (back the ally) or False (stay out) for a human ally."""
        human = self._human_moves(human or {})
        st = self.state
        active = st.outcome == 0
        before = st.copy() if self.freeze and not active.all() else None
        t = st.turn + 1
        u_card, u_actor, pair_noise, pair_challenge = rng.turn_draws(self.seeds, t, self.n, self.keys)
        draws = rng.crisis_draws(self.keys, t, self.stakes.count, self.n)
        # 1. event
        st, card, trust_card, tension_card = events.turn_event(st, self.deck, self.stakes, t, self.turns, u_card)
        p = parameters_in_force(self.params, st.card_shift, st.card_shift_left)
        trust_before = sigmoid(st.trust_logodds)
        view = self._view(st, t, p, trust_before, u_actor, pair_challenge)
        seating = choice.group_seats(self.doctrines, self.fallback, human)
        # 2. choice, then the challenge (§7.9), the stances in open crises and the allies' backing
        proposed = choice.doctrine_moves(view, seating, self.b, self.n)
        proposed = challenge.challenges(view, seating, *proposed)
        intended, moves, refused = choice.final_moves(
            proposed, p, human, self.stakes, st.stake_rung, self.rival, u_actor[0]
        )
        stance, share, backs, eligible = self._crisis_choices(view, st, draws, stances, backing)
        start = st
        # 3. actions
        if self.scenario.dynamics:
            st = actions.act(st, moves, self.start_prosperity)
        # 4. perception: what the moves and stances said, read into trust
        reading = perception.read_turn(view, moves, stance, start, self._doctrine_of, self.same_bloc)
        logodds, trust_parts = perception.update_trust(
            st.trust_logodds, self.start_logodds, reading, trust_card, p, self.camp, pair_noise, self.offf
        )
        trust = sigmoid(logodds)
        st = attrs.evolve(st, trust_logodds=logodds, backing=backs)
        trust_causes = apportion(trust_parts, trust - trust_before) if self.causes else {}
        tension_causes = tension_rule.no_causes(self.b, self.n) if self.causes else {}
        # 5. to 9.
        if self.scenario.dynamics:
            st, tension_causes = self._dynamics(start, st, moves, p, trust, tension_card, stance)
            st = self._crises(st, t, moves, p, stance, share, eligible, draws)
        # 10. scores
        st, payoff, security = scores.score_turn(st, moves, p)
        # 11. endings
        st = endings.check_endings(
            attrs.evolve(st, turn=t), trust, self.offf, self.scenario.end, t, self.turns, self.scenario.dynamics
        )
        if before is not None:  # games that had ended stay as they were
            st = st.hold(before, ~active)
        trust = sigmoid(st.trust_logodds)  # after the crises: abandonment costs trust (§7.10)
        self.state = st = endings.mark_end_turn(st, active, t)
        chosen = dict(intended=intended, action=moves.action, target=moves.target, refused=refused, stance=stance)
        after = dict(trust=trust, state=st, payoff=payoff, security=security)
        causes = dict(trust_causes=trust_causes, tension_causes=tension_causes)
        return TurnLog(turn=t, active=active, card=card, rung_before=start.stake_rung, **chosen, **after, **causes)

    def _human_moves(self, human: dict) -> dict:
        missing = [self.scenario.codes[i] for i in self.humans if i not in human and i not in self.fallback]
        if missing:
            raise ValueError(f"no choice given for human actor(s): {', '.join(missing)}")
        return {i: tuple(move)[:2] for i, move in human.items() if i in self.humans}

    def _for_humans(self, said: dict | None) -> dict:
        return {key: value for key, value in (said or {}).items() if key[0] in self.humans}

    def _crisis_choices(self, view: View, st: State, draws: rng.CrisisDraws, stances, backing):
        """Each ally's backing, then each party's stance knowing its own allies' (§7.14), and settlement shares."""
        humans = self._for_humans
        return in_crisis.crisis_choices(
            view, st, draws, self.stakes, self._doctrine_of, humans(stances), humans(backing)
        )

    def _doctrine_of(self, i: int):
        return self.doctrines[i] or self.fallback.get(i) or self._steady

    def _view(self, st: State, t: int, p: InForce, trust, u_actor, u_pair) -> View:
        """What the doctrines see: the state after the card, the fixed tables and their own draws."""
        seen = {name: getattr(st, name) for name in SEEN}
        seen.update(same_bloc=self.same_bloc, start_capability=self.start_capability, stakes=self.stakes, params=p)
        seen.update(defence=war.defence_of_all(self.stakes, st.capability, st.alliance, st.credibility, p))
        differ = self.scenario.dynamics | (p.exact("payoff_T")[:, 0] != p.exact("secure_payoff_T")[:, 0])
        return View(turn=t, trust=trust, u1=u_actor[1], u2=u_actor[2], u_pair=u_pair, types_differ=differ, **seen)

    def _dynamics(self, start: State, st: State, moves: Moves, p: InForce, trust, tension_card, stance):
        """Rules 5 to 7: the resolve image, arms dynamics and tension, in that order."""
        stood_firm, yielded = crises.postures(self.stakes, stance, start.stake_rung, self.n)
        # 5. the resolve image
        resolve = resolve_image.update_resolve(st.resolve, start.tension, moves, p, stood_firm, yielded)
        st = attrs.evolve(st, resolve=resolve)
        # 6. arms
        threat = arms.threat(trust, st.alliance, st.capability, self.offf)
        capability = arms.arms_dynamics(st.capability, threat, self.grievance, p)
        race = np.maximum(capability - start.capability, 0.0)
        # 7. tension
        pulls = tension_rule.tension_pulls(
            st.tension, trust, race, moves.between(Action.PRESSURE), st.crisis, st.ties, st.forum, self.camp, p
        )
        new_tension = tension_rule.update_tension(st.tension, pulls, tension_card, self.offf)
        change = new_tension - st.tension
        causes = tension_rule.tension_causes(pulls, tension_card, self.offf, change) if self.causes else {}
        st = attrs.evolve(
            st,
            capability=capability,
            tension=new_tension,
            regional_tension=tension_rule.regional_tension(new_tension, capability),
        )
        return st, causes

    def _crises(self, st: State, t: int, moves: Moves, p: InForce, stance, share, eligible, draws) -> State:
        """Rules 8 and 9: the stances resolve every open crisis, wars are fought out, what is left is
        settled, and challenges open new crises; then war costs and growth."""
        # 8. crisis resolution, then the wars, what they leave, and the new crises
        st, fought_now = in_crisis.resolve(st, p, stance, share, eligible, draws, self.stakes)
        rung, challenger, opened = crises.open_crises(
            st.stake_rung, st.stake_challenger, st.stake_opened, self.stakes, moves.action, moves.target, t
        )
        st = crises.with_crises(st, self.stakes, rung, challenger, opened)
        # 9. war costs and growth
        prosperity, ties = war.war_costs(st.prosperity, st.ties, fought_now, self.start_prosperity)
        prosperity = economy.grow(prosperity, ties, st.regional_tension, self.start_prosperity)
        return attrs.evolve(st, fought=st.fought | fought_now, ties=ties, prosperity=prosperity)
