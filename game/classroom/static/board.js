// The board on the projector: only what every seat may see — the actors, the event card, the tension
// gauge and the crises, who has locked in, the timer, the turn's result, and at the end the class debrief.
// Before the start it shows the join address, its QR code and the room code, big.

import * as DOD from "./common.js";
import * as BoardView from "./boardview.js";

const { el } = DOD;
const table = Number(new URLSearchParams(location.search).get("table") || 0);
const page = { room: null, board: null, at: 0 };

const live = DOD.connect({
  onMessage: receive,
  onOpen: () => live.send({ type: "watch", table }),
  onStatus: DOD.showStatus,
});

async function loadRoom() {
  try {
    const answer = await fetch("/api/room", { cache: "no-store" });
    page.room = await answer.json();
  } catch (err) {
    page.room = null;
  }
  drawWelcome();
}

function joinAddress() {
  return (page.room && page.room.join) || `${location.origin}/`;
}

function drawWelcome() {
  const code = page.room ? page.room.room : (page.board && page.board.room) || "";
  document.getElementById("where").textContent = `Table ${table + 1}` + (code ? ` · Room ${code}` : "");
  document.getElementById("join-address").textContent = joinAddress();
  document.getElementById("room-code").textContent = code;
  document.getElementById("join-line").textContent = `Join: ${joinAddress()}` + (code ? ` · room ${code}` : "");
  const mine = page.room && page.room.tables.find((t) => t.table === table);
  if (mine) {
    const taken = mine.seats.filter((s) => s.taken).length;
    document.getElementById("seats-taken").textContent = `${taken} of ${mine.seats.length} seats taken`;
  }
}

function receive(message) {
  if (message.type !== "board" || message.table !== table) return;
  page.board = message;
  page.at = Date.now();
  const before = message.status === "lobby";
  document.getElementById("welcome").hidden = !before;
  if (before) loadRoom();
  document.getElementById("table").replaceChildren(...BoardView.draw(message, before).filter(Boolean));
}

DOD.countDown(() => [page.board, page.at]);

loadRoom();
