// A class debrief or a class summary, drawn from whatever plain values it holds: its single values
// as facts, each list of rows as a table, and the belief paths in those rows as one chart.
"use strict";

const ClassSummary = (() => {
  const { el } = DOD;

  function draw(summary, pub, title) {
    const box = el("section", { class: "panel class-debrief", "aria-labelledby": "class-title" },
      el("h2", { id: "class-title", text: title || "Class debrief: every type revealed" }));
    if (!summary) return box.appendChild(el("p", { class: "muted", text: "The debrief is on its way…" })) && box;
    const facts = Object.entries(summary).filter(([, v]) => v !== null && typeof v !== "object");
    if (facts.length) {
      box.append(el("dl", { class: "facts" }, facts.map(([k, v]) => [el("dt", { text: words(k) }),
        el("dd", { text: shown(k, v) })])));
    }
    for (const [key, value] of Object.entries(summary)) {
      if (Array.isArray(value) && value.length && typeof value[0] === "object") box.append(rows(key, value, pub));
      else if (value && typeof value === "object" && !Array.isArray(value)) box.append(draw(value, pub, words(key)));
    }
    return box;
  }

  function words(key) {
    const text = String(key).replace(/_/g, " ");
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function shown(key, value) {
    if (typeof value !== "number") return String(value);
    if (/brier/i.test(key)) return value.toFixed(2);
    return Number.isInteger(value) ? String(value) : value.toFixed(1);
  }

  function rows(key, list, pub) {
    const columns = [...new Set(list.flatMap((row) => Object.keys(row)
      .filter((k) => row[k] === null || typeof row[k] !== "object")))];
    const table = el("table", { class: "tidy" },
      el("thead", {}, el("tr", {}, columns.map((c) => el("th", { scope: "col", text: words(c) })))),
      el("tbody", {}, list.map((row) => el("tr", {}, columns.map((c) => el("td", {},
        c === "code" || c === "actor" ? DOD.marker(DOD.seatOf(pub, row[c]) || {}) : null,
        row[c] === null || row[c] === undefined ? "—" : shown(c, row[c])))))));
    const paths = list.filter((row) => Array.isArray(row.beliefs) && row.beliefs.length).map((row) => {
      const seat = DOD.seatOf(pub, row.code || row.actor || row.seat) || {};
      return { path: row.beliefs, label: row.team || row.name || row.code, colour: seat.colour };
    });
    return el("div", { class: "summary-rows" }, el("h3", { text: words(key) }), el("div", { class: "scroll-x" }, table),
      paths.length ? el("div", {}, el("h3", { text: "Belief paths: the chance of the spiral world" }),
        SeatDebrief.beliefChart(paths, null, pub.turn_limit)) : null);
  }

  return { draw };
})();
