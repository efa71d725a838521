// The team page: join a table's seat, then the seat's own screen — its briefing, score, the event
// card, its move and crisis answers, its belief, "locked in", and at the end its own debrief.

import * as DOD from "./common.js";
import * as SeatTurn from "./turn.js";
import * as SeatDebrief from "./debrief.js";

const { el } = DOD;
const params = new URLSearchParams(location.search);
const page = { room: null, token: null, view: null, seats: null, timerAt: 0, table: Number(params.get("table")) || 0 };

const live = DOD.connect({ onMessage: receive, onOpen: resume, onStatus: DOD.showStatus });

function send(message) {
  live.send(Object.assign({ token: page.token }, message));
}

// ------------------------------------------------------------------ joining and resuming
function resume() {
  page.room = page.room || DOD.roomCode(params.get("room") || DOD.tokens.lastRoom() || "");
  page.token = page.room ? DOD.tokens.get(page.room) : null;
  if (page.token) live.send({ type: "resume", token: page.token });
  else showJoin();
}

function showJoin(error) {
  document.getElementById("seat").hidden = true;
  document.getElementById("join").hidden = false;
  const room = document.getElementById("room");
  if (!room.value) room.value = page.room || "";
  document.getElementById("join-error").textContent = error || "";
  loadSeats();
}

async function loadSeats() {
  const note = document.getElementById("seats-note");
  try {
    const answer = await fetch("/api/room", { cache: "no-store" });
    page.seats = await answer.json();
    if (!document.getElementById("room").value) document.getElementById("room").value = page.seats.room;
    drawSeats(page.seats);
  } catch (err) {
    note.textContent = "The seats could not be loaded; reload the page to try again.";
  }
}

// The seats of one table at a time: with several tables, the team picks its table first.
function drawSeats(room) {
  const box = document.getElementById("seats");
  const shown = room.tables.find((t) => t.table === page.table) || room.tables[0];
  box.replaceChildren(el("legend", { text: "Take a free seat" }), room.tables.length > 1 ? tablePicker(room) : null);
  const group = el("div", { class: "table-seats", role: "group", "aria-label": `Table ${shown.table + 1}` },
    el("h3", { text: `Table ${shown.table + 1}` + (shown.scenario ? ` · ${shown.scenario}` : "") }));
  for (const seat of shown.seats) group.append(seatChoice(shown.table, seat));
  box.append(group);
  const first = box.querySelector("input[name=seat]:not([disabled])");
  if (first) first.checked = true;
  else box.append(el("p", { class: "muted", text: "Every seat is taken: ask your teacher." }));
}

function tablePicker(room) {
  const select = el("select", { id: "table-choice", onchange: (e) => {
    page.table = Number(e.target.value);
    drawSeats(room);
  } }, room.tables.map((t) => el("option", { value: t.table, selected: t.table === page.table,
    text: `Table ${t.table + 1}: ${t.seats.filter((s) => !s.taken).length} seats free` })));
  return el("div", { class: "target" }, el("label", { for: "table-choice", text: "Your table" }), select);
}

function seatChoice(table, seat) {
  const id = `seat-${table}-${seat.seat}`;
  const closed = seat.taken || seat.human === false;  // once the game runs, a seat without a team is the AI's
  const who = seat.taken ? `taken by ${seat.team || "a team"}` : closed ? "played by the AI" : "free";
  return el("label", { class: "seat-choice" + (closed ? " taken" : ""), for: id },
    el("input", { type: "radio", name: "seat", id, value: `${table}:${seat.seat}`, disabled: closed }),
    DOD.marker(seat), el("span", { class: "seat-name", text: seat.name }),
    el("span", { class: "muted", text: ` (${seat.actor || seat.code}) · ${who}` }));
}

document.getElementById("join-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const chosen = document.querySelector("input[name=seat]:checked");
  const room = DOD.roomCode(document.getElementById("room").value);
  const team = document.getElementById("team").value.trim();
  if (!chosen) {
    document.getElementById("join-error").textContent = "Choose a free seat first.";
    return;
  }
  const [table, seat] = chosen.value.split(":").map(Number);
  page.room = room;
  live.send({ type: "join", room, table, seat, team });
});

// ------------------------------------------------------------------ messages
function receive(message) {
  if (message.type === "joined") {
    page.room = message.room || page.room;
    page.token = message.token;
    DOD.tokens.set(page.room, message.token);
  } else if (message.type === "view") {
    if (!page.view || page.view.turn !== message.turn || page.view.over !== message.over) tell(message);
    const same = page.view && DOD.sameButTimer(page.view, message);
    page.view = message;
    page.timerAt = Date.now();
    if (!same) draw(message);  // a timer refresh leaves an open list or a dragged slider alone
  } else if (message.type === "error") {
    failed(message.message || "Something went wrong.");
  }
}

// A screen reader hears that a new turn began (or the game ended) without losing its place.
function tell(view) {
  DOD.announce(view.over ? "The game is over." : `Turn ${view.turn + 1} begins: choose your move.`);
}

function failed(text) {
  if (/unknown token/i.test(text)) {  // a new class, or a seat given up: take a seat again
    DOD.tokens.forget(page.room);
    page.token = null;
    page.view = null;
    showJoin("Your seat could not be found again: take a seat.");
    return;
  }
  if (!document.getElementById("join").hidden) {
    document.getElementById("join-error").textContent = text;
    loadSeats();
    return;
  }
  const box = document.getElementById("problem");
  if (box) box.textContent = text;
  DOD.announce(text);
}

// ------------------------------------------------------------------ the seat's screen
function draw(view) {
  document.getElementById("join").hidden = true;
  const seat = document.getElementById("seat");
  const focused = document.activeElement && document.activeElement.id;
  const me = view.private || {};
  document.getElementById("where").textContent =
    `Room ${page.room || ""} · Table ${view.table + 1} · ${me.name || ""}`;
  seat.replaceChildren(...(view.over ? SeatDebrief.pages(view, send) : SeatTurn.pages(view, send)).filter(Boolean));
  seat.hidden = false;
  if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
}

DOD.countDown(() => [page.view, page.timerAt]);
