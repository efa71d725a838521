// The end of the game: a seat's own debrief (its type, score against the AI in its seat, its beliefs
// and their Brier score), and the belief paths drawn for the board's class debrief too.

import * as DOD from "./common.js";
import * as SeatPrompts from "./prompts.js";

const { el } = DOD;

export function pages(view, send) {
  const me = view.private || {};
  const pub = view.public || {};
  const d = view.debrief || {};
  const owed = view.owed || [];
  if (owed.some((debt) => debt.kind === "belief")) {
    // the last guess comes before the debrief, which tells the world
    return [el("section", { class: "panel notice", role: "status" },
      el("h2", { id: "notice", text: "The game is over" }),
      el("p", { class: "muted", text: "One last guess before your debrief tells you which world it was." })),
    SeatPrompts.belief(view, me, pub, owed, send)];
  }
  return [el("section", { class: "panel debrief", "aria-labelledby": "debrief-title" },
    el("h2", { id: "debrief-title", text: `Debrief · ${me.name || d.name || "your seat"}` }),
    summary(d, me, pub),
    d.sentence ? el("p", { text: d.sentence }) : null,
    d.belief_line ? el("p", { text: d.belief_line }) : null,
    beliefs(d.beliefs || me.beliefs || [], d.world, pub.turn_limit, !d.belief_line))];
}

function summary(d, me, pub) {
  const type = d.type || me.type;
  const score = d.score !== undefined ? d.score : me.score;
  const rows = [
    ["Outcome", words(d.outcome || pub.outcome)],
    ["World", words(d.world || (pub.worldview !== "hidden" ? pub.worldview : null))],
    ["Your type", type ? type.toUpperCase() : null],
    ["Your score", fmt(score)],
    ["The AI in your seat would have scored", fmt(d.baseline)],
    ["Your Brier score (0 is perfect, lower is better)", d.brier === null || d.brier === undefined ? null :
      Number(d.brier).toFixed(2)],
  ];
  return el("dl", { class: "facts" }, rows.filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => [el("dt", { text: k }), el("dd", { text: v })]));
}

function words(text) {
  return text ? String(text).replace(/-/g, " ") : null;
}

function fmt(x) {
  return x === null || x === undefined ? null : String(Math.round(Number(x)));
}

// The stated chances of the spiral world, turn by turn, as a small line chart and as a list.
function beliefs(path, world, turns, inWords) {
  if (!path.length) return null;
  const said = path.map(([turn, p]) => `after turn ${turn}: ${DOD.percent(p)}`).join("; ");
  return el("div", { class: "beliefs" }, el("h3", { text: "Your beliefs: the chance of the spiral world" }),
    beliefChart([{ path, label: "you" }], world, turns),
    world ? el("p", { class: "muted", text: "The dashed line is the world it was (0 % deterrence, 100 % spiral)." })
      : null,
    inWords ? el("p", { class: "muted", text: said }) : null);
}

export function beliefChart(lines, world, turns) {
  const last = turns || Math.max(1, ...lines.flatMap((l) => l.path.map(([t]) => t)));
  const x = (t) => 30 + (270 * t) / last;
  const y = (p) => 10 + 100 * (1 - p);
  const svg = [`<svg viewBox="0 0 310 130" class="chart" role="img" aria-label="belief paths">`,
    `<line x1="30" y1="110" x2="300" y2="110" class="axis"/><line x1="30" y1="10" x2="30" y2="110" class="axis"/>`,
    `<text x="2" y="14">100%</text><text x="10" y="113">0%</text>`,
    `<text x="30" y="126">turn 0</text><text x="262" y="126">turn ${last}</text>`];
  if (world) {
    const truth = /spiral/i.test(world) ? 1 : 0;
    svg.push(`<line x1="30" x2="300" y1="${y(truth)}" y2="${y(truth)}" class="truth"/>`);
  }
  lines.forEach((line, i) => {
    const colour = line.colour || DOD.COLOURS[i % DOD.COLOURS.length];
    const points = line.path.map(([t, p]) => `${x(t)},${y(p)}`).join(" ");
    svg.push(`<polyline points="${points}" fill="none" stroke="${colour}" stroke-width="2.5"/>`);
    for (const [t, p] of line.path) svg.push(`<circle cx="${x(t)}" cy="${y(p)}" r="3.5" fill="${colour}"/>`);
  });
  const box = el("div", { class: "chart-box" });
  box.innerHTML = svg.join("") + "</svg>";
  return box;
}
