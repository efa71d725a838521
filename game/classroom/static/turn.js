// A seat's screen during a turn: what only it sees (type, score, briefing, its choices) beside what
// every seat sees (the turn, the event card, the moves played last turn).

import * as DOD from "./common.js";
import * as SeatPrompts from "./prompts.js";

const { el } = DOD;

export function pages(view, send) {
  const me = view.private || {};
  const pub = view.public || {};
  const owed = view.owed || [];
  if (view.status === "lobby") return [lobby(me), briefing(view, me, pub)];
  return [
    status(view, me, pub),
    el("p", { id: "problem", class: "error", role: "alert" }),
    (view.locked || me.locked) && !view.played_by_ai ? waiting(view, me, pub, send) : null,
    // the first turn opens on the briefing; after it, on a phone, the choices come first
    el("div", { class: "columns" + (view.turn ? "" : " first") },
      el("div", { class: "column read" }, briefing(view, me, pub),
        view.turn ? [card(view, pub), why(view, me, pub)] : null),  // nothing to read of a turn before the first
      el("div", { class: "column act" }, choices(view, me, pub, owed, send))),
  ];
}

function status(view, me, pub) {
  const limit = pub.turn_limit ? ` of ${pub.turn_limit}` : "";
  return el("section", { class: "status panel", "aria-label": "This turn" },
    el("span", { class: "turn", text: `Turn ${(view.turn || 0) + 1}${limit}` }),
    el("span", { class: "score", title: "Your score so far, out of 100" },
      "Your score ", el("strong", { id: "score", text: Math.round(me.score || 0) })),
    el("span", { class: "ready", text: view.ready ? `${view.ready} ready` : "" }),
    view.timer === null || view.timer === undefined ? null :
      el("span", { class: "clock" }, "Time left ",
        el("strong", { id: "timer", role: "timer", text: DOD.clock(view.timer) })));
}

// Before the start: the seat is taken and its briefing can be read; the moves come with the start.
function lobby(me) {
  return notice("Waiting for the start", `You have taken ${me.name || "your seat"}'s seat. Read your private ` +
    "briefing; your first move appears here when your teacher starts the game.");
}

// ------------------------------------------------------------------ reading
function briefing(view, me, pub) {
  const greedy = me.type === "greedy";
  const lines = me.briefing || view.briefing || BRIEFING[greedy ? "greedy" : "secure"];
  const parts = Object.entries(me.score_parts || {}).map(([part, value]) =>
    el("li", {}, `${PART_WORDS[part] || part}: `, el("strong", { text: Math.round(value) })));
  return el("section", { class: "panel briefing", "aria-labelledby": "briefing-title" },
    el("h2", { id: "briefing-title" }, "Your private briefing ", el("span", { class: "private", text: "only you" })),
    el("p", { class: "type " + (greedy ? "greedy" : "secure") }, `${me.name || "You"}: `,
      el("strong", { id: "type", text: greedy ? "GREEDY" : "SECURITY-SEEKING" })),
    ...lines.map((line) => el("p", { text: Array.isArray(line) ? line[0] : line })),
    parts.length ? el("details", {}, el("summary", { text: "What your score counts so far" }),
      el("ul", { class: "parts" }, parts)) : null,
    pub.worldview ? el("p", { class: "muted", text: `World: ${pub.worldview}` }) : null);
}

// The window's private briefing (ui/widgets/briefing.py), told in the same words
const SECRET = "Only you know this. The others must guess your type from what you do, as you must guess " +
  "theirs; every type is revealed in the debrief.";
const BRIEFING = {
  greedy: ["You feel the 2×2 as a prisoner's dilemma: deterring while the other talks pays you best (T > R). " +
    "Stakes are worth winning: a challenge can take one, but others read a challenge or an escalation as greed unless fear explains it.",
  SECRET],
  secure: ["You feel the 2×2 as an assurance game: you do best when both sides talk (R > your T). You want " +
    "safety more than stakes; costly reassurance (CBM) shows the others what you are.", SECRET],
};
const PART_WORDS = { stakes: "stakes won", security: "security", prosperity: "prosperity",
  relations: "2×2 relations" };

function card(view, pub) {
  const c = view.card || pub.card;
  const box = el("section", { class: "panel card", "aria-labelledby": "card-title" },
    el("h2", { id: "card-title", text: c ? `Event card · ${c.title}` : "Event card" }));
  if (!c) return box.appendChild(el("p", { class: "muted", text: "No event card this turn." })) && box;
  box.append(
    el("p", { class: "source muted", text: [c.date, c.paragraph ? `article ¶${c.paragraph}` : ""]
      .filter(Boolean).join(" · ") }),
    c.quote ? el("blockquote", { text: `“${c.quote}”` }) : null,
    el("div", { class: "readings" },
      reading("deterrence", "The deterrence reading", c.deterrence_reading),
      reading("dialogue", "The dialogue reading", c.dialogue_reading)));
  return box;
}

function reading(kind, title, text) {
  if (!text) return null;
  return el("div", { class: `reading ${kind}` }, el("h3", { text: title }), el("p", { text }));
}

// The last turn's moves, the seat's own first (or the server's own sentences when it sends them).
function why(view, me, pub) {
  const box = el("section", { class: "panel why", "aria-labelledby": "why-title" },
    el("h2", { id: "why-title", text: "Last turn: why things moved" }));
  const lines = view.why || me.why;
  const mine = (pub.moves || {})[me.code];
  if (lines && lines.length) {
    box.append(el("ul", {}, mine ? el("li", { class: "mine" }, movePhrase(pub, me.code, mine, me.code)) : null,
      lines.map((line) => el("li", { text: line }))));
    return box;
  }
  const moves = Object.entries(pub.moves || {});
  if (!moves.length) return box.appendChild(el("p", { class: "muted", text: "No turn played yet." })) && box;
  moves.sort(([a], [b]) => (b === me.code) - (a === me.code));
  box.append(el("ul", {}, moves.map(([code, move]) => el("li", { class: code === me.code ? "mine" : "" },
    DOD.marker(DOD.seatOf(pub, code) || {}), " ", movePhrase(pub, code, move, me.code)))));
  if (pub.regional_tension !== null && pub.regional_tension !== undefined) {
    box.append(el("p", { class: "muted", text: `Regional tension now ${Math.round(pub.regional_tension)} of 100.` }));
  }
  return box;
}

function movePhrase(pub, code, move, mine) {
  const who = code === mine ? `You (${DOD.nameOf(pub, code)})` : DOD.nameOf(pub, code);
  const action = DOD.actionOf(move.action).label;
  const target = move.target ? ` → ${DOD.nameOf(pub, move.target)}` : "";
  const meant = move.intended && move.intended !== move.action ? ` (meant ${DOD.actionOf(move.intended).label})` : "";
  return `${who}: ${action}${target}${meant}`;
}

// ------------------------------------------------------------------ acting
function choices(view, me, pub, owed, send) {
  const locked = view.locked || me.locked;
  if (view.played_by_ai) {
    return [notice("The AI plays your seat now", "Your seat's own doctrine chooses for it until the teacher hands " +
      "it back to your team.")];
  }
  const out = view.status === "paused" ? [notice("Paused", "The teacher has paused the game; the clock waits.")] : [];
  for (const prompt of me.prompts || []) out.push(SeatPrompts.crisis(prompt, pub, locked, send));
  if (!locked) out.push(SeatPrompts.move(view, me, pub, send));
  const belief = SeatPrompts.belief(view, me, pub, owed, send);
  if (belief) out.push(belief);
  if (!locked) out.push(lockIn(owed, pub, send));
  return out;
}

function notice(title, text) {
  return el("section", { class: "panel notice", role: "status" }, el("h2", { id: "notice", text: title }),
    el("p", { class: "muted", text }));
}

function waiting(view, me, pub, send) {
  const left = DOD.waitingFor(view.ready);
  const text = left ? `Locked in, waiting for ${left} more team${left === 1 ? "" : "s"}.` : "Locked in.";
  const action = me.action ? DOD.actionOf(me.action) : null;
  const aim = action && action.targeted && me.target >= 0 ? ` → ${DOD.nameOf(pub, me.target)}` : "";
  return el("section", { class: "panel locked", role: "status", "aria-live": "polite" },
    el("h2", { id: "locked", text }),
    action ? el("p", { id: "chosen" }, "Your move: ", el("strong", { text: action.label + aim })) : null,
    el("p", { class: "muted", text: "The turn is played when every team has locked in." }),
    el("button", { id: "unlock", type: "button", onclick: () => send({ type: "undo" }), text: "Change my choices" }));
}

function lockIn(owed, pub, send) {
  const left = owed.map((d) => owedWords(d, pub));
  return el("section", { class: "panel lock" },
    left.length ? el("p", { id: "owed", class: "muted", text: `Still to choose: ${left.join("; ")}.` }) : null,
    el("button", { id: "lock-in", type: "button", class: "primary", disabled: left.length > 0,
      "aria-describedby": left.length ? "owed" : null,
      onclick: () => send({ type: "lock_in" }), text: "Lock in my choices" }));
}

function owedWords(debt, pub) {
  const crisis = (pub.crises || []).find((c) => c.stake === debt.stake);
  const over = crisis ? ` over ${crisis.name}` : "";
  return { move: "your move", target: "its target", stance: `a stance${over}`, backing: `backing${over}`,
    belief: "your belief" }[debt.kind] || debt.kind;
}
