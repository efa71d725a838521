// The teacher's console: the key, then the class's controls (start, pause, resume, end), each table's
// turn, timer and seats (next turn, hand a seat to the AI or back, move a team), and the class summary.

import * as DOD from "./common.js";
import * as ClassSummary from "./summary.js";
import * as TeacherTable from "./teacher_table.js";

const { el } = DOD;
const page = { key: sessionStorage.getItem("dod-teacher-key") || "", names: {}, console: null, at: 0 };
const live = DOD.connect({ onMessage: receive, onOpen: watch, onStatus: DOD.showStatus });

function watch() {
  if (page.key) live.send({ type: "teacher", key: page.key, action: "watch" });
}

function command(action, table, extra) {
  live.send(Object.assign({ type: "teacher", key: page.key, action }, table === null ? {} : { table }, extra || {}));
  note(action.replace(/_/g, " ") + (table === null ? "" : ` · table ${table + 1}`) +
    (extra && extra.seat !== undefined ? ` · seat ${extra.seat}` : ""));
}

function note(text) {
  const log = document.getElementById("log");
  log.prepend(el("li", { text: `${new Date().toLocaleTimeString()} ${text}` }));
  while (log.children.length > 30) log.lastChild.remove();
}

function receive(message) {
  if (message.type === "console") {
    const same = page.console && DOD.sameButTimer(page.console, message);
    page.console = message;
    page.at = Date.now();
    if (!same) draw(message);  // a timer refresh leaves an open list alone
  } else if (message.type === "error") {
    note(`refused: ${message.message}`);
    if (/key/i.test(message.message || "")) keyRefused(message.message);
  }
}

function keyRefused(text) {
  sessionStorage.removeItem("dod-teacher-key");
  page.key = "";
  document.getElementById("key-panel").hidden = false;
  document.getElementById("tables").hidden = true;
  document.getElementById("key-error").textContent = text;
}

document.getElementById("key-form").addEventListener("submit", (event) => {
  event.preventDefault();
  page.key = document.getElementById("key").value.trim();
  sessionStorage.setItem("dod-teacher-key", page.key);
  document.getElementById("key-error").textContent = "";
  watch();
});

async function loadNames() {
  const answer = await fetch("/api/room", { cache: "no-store" });
  const room = await answer.json();
  for (const table of room.tables) for (const seat of table.seats) page.names[seat.actor] = seat;
  if (page.console) draw(page.console);
}

function draw(state) {
  document.getElementById("key-panel").hidden = true;
  const focused = document.activeElement && document.activeElement.id;
  document.getElementById("where").textContent = `Room ${state.room} · ${state.tables.length} ` +
    `table${state.tables.length === 1 ? "" : "s"} · ${state.status}`;
  const tables = document.getElementById("tables");
  tables.hidden = false;
  tables.replaceChildren(TeacherTable.controls(state, command),
    ...state.tables.map((t) => TeacherTable.draw(t, state.status, page.names, command)));
  const summary = document.getElementById("summary");
  summary.hidden = !state.class_debrief;
  summary.replaceChildren(state.class_debrief ? ClassSummary.draw(state.class_debrief, seatsOf(state)) : "");
  if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
}

// The console's seats as a public view's, so the summary can name and mark them.
function seatsOf(state) {
  const first = state.tables[0] || { seats: [] };
  const teamsByTable = Object.fromEntries(state.tables.map((t) =>
    [t.table, Object.fromEntries(t.seats.filter((s) => s.team).map((s) => [String(s.seat), s.team]))]));
  return { seats: first.seats.map((s) => Object.assign({ code: s.actor, name: s.actor }, page.names[s.actor])),
    teamsByTable };
}

setInterval(() => {
  for (const table of (page.console && page.console.tables) || []) {
    const clock = document.getElementById(`timer-${table.table}`);
    if (!clock || table.timer === null || table.timer === undefined) continue;
    clock.textContent = DOD.clock(table.timer - (Date.now() - page.at) / 1000);
  }
}, 1000);

const fromAddress = new URLSearchParams(location.hash.slice(1)).get("key");
if (fromAddress) page.key = fromAddress;
loadNames();
