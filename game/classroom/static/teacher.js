// The teacher's console: the key, then each table's controls (start, pause, resume, next turn, end),
// its timer and seats (hand a seat to the AI or back, move a team), and the class summary at the end.
"use strict";

(() => {
  const { el } = DOD;
  const page = { key: sessionStorage.getItem("dod-teacher-key") || "", room: null, boards: {}, at: {} };
  const live = DOD.connect({ onMessage: receive, onStatus: DOD.showStatus });

  function command(action, table, extra) {
    live.send(Object.assign({ type: "teacher", key: page.key, action, table }, extra || {}));
    note(`${action} · table ${table + 1}` + (extra && extra.seat !== undefined ? ` · seat ${extra.seat}` : ""));
  }

  function note(text) {
    const log = document.getElementById("log");
    log.prepend(el("li", { text: `${new Date().toLocaleTimeString()} ${text}` }));
    while (log.children.length > 30) log.lastChild.remove();
  }

  function receive(message) {
    if (message.type === "board") {
      page.boards[message.table] = message;
      page.at[message.table] = Date.now();
      drawTable(message.table);
      drawSummary();
    } else if (message.type === "error") {
      note(`refused: ${message.message}`);
      if (/key/i.test(message.message || "")) keyRefused(message.message);
    } else if (/summary/.test(message.type)) {
      page.summary = message;
      drawSummary();
    } else {
      note(message.message || message.type);
      if (message.room || message.tables) loadRoom();
    }
  }

  function keyRefused(text) {
    sessionStorage.removeItem("dod-teacher-key");
    document.getElementById("key-panel").hidden = false;
    document.getElementById("key-error").textContent = text;
  }

  document.getElementById("key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    page.key = document.getElementById("key").value.trim();
    sessionStorage.setItem("dod-teacher-key", page.key);
    open();
  });

  async function open() {
    document.getElementById("key-panel").hidden = true;
    document.getElementById("tables").hidden = false;
    await loadRoom();
    for (const table of page.room.tables) {
      const watcher = DOD.connect({ onMessage: receive, onOpen: () => watcher.send({ type: "watch", table: table.table }) });
    }
  }

  async function loadRoom() {
    const answer = await fetch("/api/room", { cache: "no-store" });
    page.room = await answer.json();
    document.getElementById("where").textContent = `Room ${page.room.room} · ${page.room.tables.length} tables`;
    for (const table of page.room.tables) drawTable(table.table);
  }

  function drawTable(index) {
    const tables = document.getElementById("tables");
    const id = `table-${index}`;
    const seats = page.room ? (page.room.tables.find((t) => t.table === index) || {}).seats || [] : [];
    const focused = document.activeElement && document.activeElement.id;
    const card = TeacherTable.draw(index, page.boards[index], seats, command);
    const old = document.getElementById(id);
    if (old) old.replaceWith(card);
    else tables.append(card);
    if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
  }

  // Once every table is over: the class summary (the server's, or each table's debrief).
  function drawSummary() {
    const boards = Object.values(page.boards);
    const box = document.getElementById("summary");
    const done = page.room && boards.length === page.room.tables.length && boards.every((b) => b.over);
    if (!done && !page.summary) return;
    box.hidden = false;
    const parts = page.summary ? [ClassSummary.draw(page.summary, {}, "Class summary")]
      : boards.map((b) => ClassSummary.draw(b.class_debrief, b.public || {}, `Table ${b.table + 1}: debrief`));
    box.replaceChildren(...parts);
  }

  setInterval(() => {
    for (const [table, board] of Object.entries(page.boards)) {
      const clock = document.getElementById(`timer-${table}`);
      if (!clock || board.timer === null || board.timer === undefined) continue;
      clock.textContent = DOD.clock(board.timer - (Date.now() - page.at[table]) / 1000);
    }
  }, 1000);

  const fromAddress = new URLSearchParams(location.hash.slice(1)).get("key");
  if (fromAddress) page.key = fromAddress;
  if (page.key) open();
})();
