// One table in the teacher's console: its state, its game controls and its seats.
"use strict";

const TeacherTable = (() => {
  const { el } = DOD;

  function draw(index, board, seats, command) {
    const pub = (board && board.public) || {};
    const state = !board ? "not watched yet" : board.over ? `over · ${pub.outcome || ""}`
      : `turn ${(board.turn || 0) + 1}${pub.turn_limit ? ` of ${pub.turn_limit}` : ""} · ${board.ready || ""} ready`;
    const button = (action, label) => el("button", { type: "button", id: `${action}-${index}`,
      onclick: () => command(action, index), text: label });
    return el("section", { class: "panel table-card", id: `table-${index}`, "aria-labelledby": `title-${index}` },
      el("h2", { id: `title-${index}` }, `Table ${index + 1}`,
        el("span", { class: "muted", text: (pub.scenario || "") + (pub.worldview ? ` · world ${pub.worldview}` : "") })),
      el("p", {}, state, board && board.timer !== null && board.timer !== undefined ?
        el("span", {}, " · time left ", el("strong", { id: `timer-${index}`, text: DOD.clock(board.timer) })) : null),
      el("div", { class: "buttons", role: "group", "aria-label": `Table ${index + 1} game` },
        button("start", "Start"), button("pause", "Pause"), button("resume", "Resume"),
        button("next_turn", "Next turn"), button("end", "End the game")),
      el("h3", { text: "Seats" }),
      el("div", { role: "list" }, seats.map((seat) => seatRow(index, seat, seats, command))));
  }

  function seatRow(index, seat, seats, command) {
    const who = seat.human === false ? "AI plays it" : seat.taken ? `team ${seat.team || "?"}` : "free";
    const id = `move-${index}-${seat.seat}`;
    const row = el("div", { class: "seat-row", role: "listitem" },
      el("span", { class: "who" }, DOD.marker(seat), el("strong", { text: seat.name }), ` · ${who}`),
      seat.human === false
        ? el("button", { type: "button", id: `human-${index}-${seat.seat}`, text: "Back to a team",
          onclick: () => command("to_human", index, { seat: seat.seat }) })
        : el("button", { type: "button", id: `ai-${index}-${seat.seat}`, text: "Hand to the AI",
          onclick: () => command("to_ai", index, { seat: seat.seat }) }));
    if (seat.taken) {
      const free = seats.filter((s) => !s.taken && s.seat !== seat.seat);
      if (free.length) {
        const select = el("select", { id, "aria-label": `Move team ${seat.team || ""} to seat` },
          free.map((s) => el("option", { value: s.seat, text: s.name })));
        row.append(select, el("button", { type: "button", text: "Move team",
          onclick: () => command("assign", index, { seat: seat.seat, to_seat: Number(select.value) }) }));
      }
    }
    return row;
  }

  return { draw };
})();
