// What the board draws from a public view: the actors, the gauge, the crises, the card, the turn's
// result and, at the end, the class debrief. Nothing here reads a private view.

import * as DOD from "./common.js";
import * as ClassSummary from "./summary.js";

const { el } = DOD;

export function draw(board, before) {
  const pub = board.public || {};
  if (board.over) return [outcome(board, pub), ClassSummary.draw(board.class_debrief, pub, board.table)];
  if (before) return [actors(pub, before)];  // before the start: who has taken a seat
  return [
    progress(board, pub),
    el("div", { class: "board-grid" },
      actors(pub, false),
      el("div", { class: "board-side" }, gauge(pub), crises(pub), card(board, pub)),
      result(pub)),
  ];
}

function progress(board, pub) {
  const limit = pub.turn_limit ? ` of ${pub.turn_limit}` : "";
  const paused = board.status === "paused" ? " · paused" : "";
  return el("section", { class: "panel progress", "aria-label": "The turn" },
    el("span", { class: "big", text: `Turn ${(board.turn || 0) + 1}${limit}${paused}` }),
    el("span", { class: "big", id: "ready", text: board.ready ? `${board.ready} ready` : "" }),
    board.timer === null || board.timer === undefined ? null :
      el("span", { class: "big" }, "Time left ",
        el("strong", { id: "timer", role: "timer", text: DOD.clock(board.timer) })),
    pub.worldview ? el("span", { class: "muted", text: `World: ${pub.worldview}` }) : null);
}

// The actors as a map-like grid: each with its marker, whether it is still choosing, and its tension.
function actors(pub, before) {
  const waiting = new Set(pub.waiting || []);
  const teams = pub.teams || {};
  const list = el("ul", { class: "actors" });
  for (const seat of pub.seats || []) {
    const team = teams[String(seat.seat)];
    const choosing = !before && waiting.has(seat.code);
    const state = before ? (team ? "seat taken" : "free seat") : !seat.human ? "the AI plays it"
      : choosing ? "choosing…" : "locked in ✓";
    const band = seat.tension === undefined ? "" : DOD.band(seat.tension);
    const tension = !band ? null : el("span", { class: `tension ${band}`,
      text: `tension ${Math.round(seat.tension)} with ${DOD.nameOf(pub, seat.tense_with)} · ${band}` });
    list.append(el("li", { class: "actor" + (choosing ? " choosing" : "") },
      DOD.marker(seat), el("span", { class: "actor-name", text: seat.name }),
      el("span", { class: "muted", text: team ? ` · ${team}` : before ? "" : " · AI" }),
      el("span", { class: "state", text: state }), tension));
  }
  return el("section", { class: "panel", "aria-labelledby": "actors-title" },
    el("h2", { id: "actors-title", text: before ? "The seats" : "The region" }),
    before ? null : regionMap(pub), list);
}

// The actors where the window's map puts them, each crisis a line between its parties; the list
// beside it says the same in words (the picture is hidden from screen readers).
function regionMap(pub) {
  const seats = (pub.seats || []).filter((s) => s.x !== undefined);
  if (!seats.length) return null;
  const at = (s) => [20 + 560 * s.x, 16 + 268 * s.y];
  const parts = ['<svg viewBox="0 0 600 300" class="map" aria-hidden="true">'];
  for (const c of pub.crises || []) {
    const [a, b] = (c.parties || []).map((p) => seats.find((s) => s.seat === p));
    if (!a || !b) continue;
    const [[x1, y1], [x2, y2]] = [at(a), at(b)];
    parts.push(`<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" class="crisis-line rung-${c.rung}"/>`);
  }
  for (const s of seats) {
    const [x, y] = at(s);
    parts.push(`<g transform="translate(${x - 15} ${y - 15}) scale(1.5)" fill="${s.colour}" stroke="#101418">` +
      `${DOD.shapePath(s.marker)}</g><text x="${x}" y="${y + 32}" text-anchor="middle">${s.code}</text>`);
  }
  const box = el("div", { class: "map-box" });
  box.innerHTML = parts.join("") + "</svg>";
  return box;
}

function gauge(pub) {
  const value = pub.regional_tension;
  const box = el("section", { class: "panel gauge", "aria-labelledby": "gauge-title" },
    el("h2", { id: "gauge-title", text: "Regional tension" }));
  if (value === null || value === undefined) return box.appendChild(el("p", { class: "muted", text: "—" })) && box;
  const band = DOD.band(value);
  box.append(
    el("div", { class: "meter", role: "meter", "aria-valuemin": 0, "aria-valuemax": 100,
      "aria-valuenow": Math.round(value), "aria-label": `Regional tension ${Math.round(value)} of 100, ${band}` },
    el("div", { class: `meter-fill ${band}`, style: `width: ${Math.max(2, Math.min(100, value))}%` })),
    el("p", { class: "meter-words" }, el("strong", { text: Math.round(value) }), ` of 100 · ${band}`));
  return box;
}

function crises(pub) {
  const open = pub.crises || [];
  const box = el("section", { class: "panel", "aria-labelledby": "crises-title" },
    el("h2", { id: "crises-title", text: open.length ? `Crises (${open.length})` : "Crises" }));
  if (!open.length) return box.appendChild(el("p", { class: "muted", text: "No crisis open." })) && box;
  box.append(el("ul", { class: "crisis-list" }, open.map((c) => el("li", {},
    el("strong", { text: c.name || c.id }), " · ",
    (c.parties || []).map((p) => DOD.nameOf(pub, p)).join(" vs "), " · ",
    el("span", { class: `rung rung-${c.rung}`, text: DOD.RUNGS[c.rung] || c.rung })))));
  return box;
}

function card(board, pub) {
  const c = board.card || pub.card;
  const box = el("section", { class: "panel card", "aria-labelledby": "board-card-title" },
    el("h2", { id: "board-card-title", text: c ? `Event card · ${c.title}` : "Event card" }));
  if (!c) return box.appendChild(el("p", { class: "muted", text: "No event card this turn." })) && box;
  box.append(c.paragraph ? el("p", { class: "muted", text: `article ¶${c.paragraph}` }) : null,
    c.quote ? el("blockquote", { text: `“${c.quote}”` }) : null,
    el("div", { class: "readings" },
      c.deterrence_reading ? el("div", { class: "reading deterrence" }, el("h3", { text: "Deterrence reading" }),
        el("p", { text: c.deterrence_reading })) : null,
      c.dialogue_reading ? el("div", { class: "reading dialogue" }, el("h3", { text: "Dialogue reading" }),
        el("p", { text: c.dialogue_reading })) : null));
  return box;
}

// The last turn's moves, every seat's, as they were played.
function result(pub) {
  const moves = Object.entries(pub.moves || {});
  const box = el("section", { class: "panel result", "aria-labelledby": "result-title" },
    el("h2", { id: "result-title", text: pub.turn ? `Turn ${pub.turn}: the moves` : "The moves" }));
  if (!moves.length) return box.appendChild(el("p", { class: "muted", text: "No turn played yet." })) && box;
  box.append(el("ul", { class: "moves" }, moves.map(([code, move]) => {
    const action = DOD.actionOf(move.action);
    const target = move.target ? ` → ${DOD.nameOf(pub, move.target)}` : "";
    return el("li", { class: action.family || "" }, DOD.marker(DOD.seatOf(pub, code) || {}),
      el("strong", { text: DOD.nameOf(pub, code) }), `: ${action.label}${target}`);
  })));
  return box;
}

// The world is told at the end: the class debrief's line for this table names it.
function outcome(board, pub) {
  const row = ((board.class_debrief || {}).tables || []).find((r) => r.table === board.table);
  const world = row ? row.world : pub.worldview;
  return el("section", { class: "panel progress" },
    el("span", { class: "big", text: `Game over · ${String(pub.outcome || "").replace(/-/g, " ")}` }),
    el("span", { class: "muted",
      text: `after ${pub.turn} turns` + (world ? ` · ${world.replace(/-/g, " ")}` : "") }));
}
