// The class summary once the games are over: per table its world, outcome, war turn and mean Brier
// score, each seat's type (now revealed), team and score, then deterrence-world tables against
// spiral-world tables. The board shows its own table's seats; the teacher's console every table's.

import * as DOD from "./common.js";
import * as SeatDebrief from "./debrief.js";

const { el } = DOD;

export function draw(summary, pub, only) {
  const box = el("section", { class: "panel class-debrief", "aria-labelledby": "class-title" },
    el("h2", { id: "class-title", text: "Class debrief: every type revealed" }));
  if (!summary) return box.appendChild(el("p", { class: "muted", text: "The debrief is on its way…" })) && box;
  const rows = (summary.tables || []).filter((row) => only === undefined || row.table === only);
  for (const row of rows) box.append(tableRow(row, pub));
  box.append(...[tables(summary.tables || []), worlds(summary.by_world || {})].filter(Boolean));
  return box;
}

function fixed(x, digits) {
  return x === null || x === undefined ? "—" : Number(x).toFixed(digits);
}

function tableRow(row, pub) {
  const teams = (pub.teamsByTable && pub.teamsByTable[row.table]) || pub.teams || {};
  const seats = Object.keys(row.scores || {}).map((code, i) => {
    const seat = DOD.seatOf(pub, code) || { seat: i, code };
    const team = teams[String(seat.seat)];
    return el("tr", { class: (row.humans || []).includes(code) && team ? "played" : "" },
      el("td", {}, DOD.marker(seat), seat.name || code), el("td", { text: team || "AI" }),
      el("td", { text: (row.types || {})[code] || "—" }), el("td", { text: fixed(row.scores[code], 0) }));
  });
  return el("div", { class: "summary-rows" },
    el("h3", { text: `Table ${row.table + 1}: ${words(row.world)} · ${words(row.outcome)}` +
      (row.war_turn ? ` (war on turn ${row.war_turn})` : "") }),
    el("div", { class: "scroll-x" }, el("table", { class: "tidy" },
      head(["Actor", "Team", "Type", "Score"]),
      el("tbody", {}, seats))),
    row.beliefs ? beliefPaths(row, pub) : null);
}

function beliefPaths(row, pub) {
  const paths = Object.entries(row.beliefs).filter(([, path]) => path.length).map(([code, path]) => {
    const seat = DOD.seatOf(pub, code) || { code, name: code };
    return { path, colour: seat.colour, seat };
  });
  if (!paths.length) return null;
  return el("div", {}, el("h3", { text: "Belief paths: each team's chance of the spiral world" }),
    SeatDebrief.beliefChart(paths, row.world, row.turns),
    el("p", { class: "muted" }, paths.map((p) => [DOD.marker(p.seat), `${p.seat.name}  `]),
      "· the dashed line is the world it was (0 % deterrence, 100 % spiral)"));
}

function tables(rows) {
  if (rows.length < 2) return null;
  return el("div", { class: "summary-rows" }, el("h3", { text: "Every table" }),
    el("div", { class: "scroll-x" }, el("table", { class: "tidy" },
      head(["Table", "World", "Outcome", "War turn", "Mean Brier"]),
      el("tbody", {}, rows.map((r) => cells([r.table + 1, words(r.world), words(r.outcome), r.war_turn || "—",
        fixed(r.mean_brier, 2)]))))));
}

function worlds(byWorld) {
  const names = Object.keys(byWorld);
  if (!names.length) return null;
  return el("div", { class: "summary-rows" }, el("h3", { text: "Deterrence worlds against spiral worlds" }),
    el("div", { class: "scroll-x" }, el("table", { class: "tidy" },
      head(["World", "Tables", "Wars", "Mean team score", "Mean Brier"]),
      el("tbody", {}, names.map((w) => cells([words(w), byWorld[w].tables, byWorld[w].wars,
        fixed(byWorld[w].mean_score, 0), fixed(byWorld[w].mean_brier, 2)]))))));
}

function head(columns) {
  return el("thead", {}, el("tr", {}, columns.map((c) => el("th", { scope: "col", text: c }))));
}

function cells(values) {
  return el("tr", {}, values.map((v) => el("td", { text: v })));
}

function words(text) {
  return String(text || "").replace(/-/g, " ");
}
