// The teacher's controls: the class's (start, pause, resume, end) and one table's (its turn, its timer,
// next turn, and each seat: hand it to the AI or back to its team, move its team to a free seat).

import * as DOD from "./common.js";

const { el } = DOD;
const CLASS_ACTIONS = [
  ["start", "Start the game", ["lobby"]],
  ["pause", "Pause", ["playing"]],
  ["resume", "Resume", ["paused"]],
  ["end", "End the game", ["lobby", "playing", "paused"]],
];

export function controls(state, command) {
  return el("section", { class: "panel", "aria-labelledby": "class-controls" },
    el("h2", { id: "class-controls", text: `The class · ${state.status}` }),
    el("div", { class: "buttons", role: "group", "aria-label": "The whole class" },
      CLASS_ACTIONS.map(([action, label, when]) => el("button", { type: "button", id: action,
        class: action === "start" ? "primary" : "", disabled: !when.includes(state.status),
        onclick: () => (action !== "end" || confirm("End the game for the whole class?")) && command(action, null),
        text: label }))));
}

export function draw(table, status, names, command) {
  const index = table.table;
  const state = table.over ? `over · ${String(table.outcome).replace(/-/g, " ")}`
    : `turn ${table.turn + 1} · ${table.ready} ready`;
  return el("section", { class: "panel table-card", id: `table-${index}`, "aria-labelledby": `title-${index}` },
    el("h2", { id: `title-${index}`, text: `Table ${index + 1}` }),
    el("p", {}, state, table.over || table.timer === null || table.timer === undefined ? null :
      el("span", {}, " · time left ", el("strong", { id: `timer-${index}`, text: DOD.clock(table.timer) }))),
    el("div", { class: "buttons" }, el("button", { type: "button", id: `next_turn-${index}`,
      disabled: status !== "playing" || table.over, onclick: () => command("next_turn", index),
      text: "Next turn now (the AI plays who has not chosen)" })),
    el("h3", { text: "Seats" }),
    el("div", { role: "list" },
      table.seats.map((seat) => seatRow(index, seat, table.seats, table.over ? "over" : status, names, command))));
}

function seatRow(index, seat, seats, status, names, command) {
  const actor = names[seat.actor] || { name: seat.actor };
  const lobby = status === "lobby";
  const who = seat.team ? `team ${seat.team}` + (seat.by_ai ? " (the AI plays it now)" : "")
    : lobby ? "free" : "AI";
  const row = el("div", { class: "seat-row", role: "listitem" },
    el("span", { class: "who" }, DOD.marker(actor), el("strong", { text: actor.name }), ` · ${who}`,
      seat.locked && !lobby ? el("span", { class: "muted", text: " · locked in" }) : null));
  if (seat.human && !lobby && status !== "over") {
    row.append(seat.by_ai
      ? el("button", { type: "button", id: `human-${index}-${seat.seat}`, text: "Back to its team",
        disabled: !seat.team, onclick: () => command("to_human", index, { seat: seat.seat }) })
      : el("button", { type: "button", id: `ai-${index}-${seat.seat}`, text: "Hand to the AI",
        onclick: () => command("to_ai", index, { seat: seat.seat }) }));
  }
  const free = seats.filter((s) => !s.team && (lobby || s.human));
  if (seat.team && free.length && status !== "over") {
    const select = el("select", { id: `move-${index}-${seat.seat}`, "aria-label": `Move team ${seat.team} to seat` },
      free.map((s) => el("option", { value: s.seat, text: (names[s.actor] || { name: s.actor }).name })));
    row.append(select, el("button", { type: "button", text: "Move team",
      onclick: () => command("assign", index, { seat: seat.seat, to_seat: Number(select.value) }) }));
  }
  return row;
}
