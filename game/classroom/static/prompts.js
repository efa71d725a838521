// What a seat answers in a turn: a stance in its crisis, backing an ally, its move and target, and
// its belief about the hidden world. Each answer goes to the table at once; the view that comes
// back shows it as chosen.

import * as DOD from "./common.js";

const { el } = DOD;

export function crisis(prompt, pub, locked, send) {
  const rung = DOD.RUNGS[prompt.rung] || `rung ${prompt.rung}`;
  const parties = (prompt.parties || []).map((p) => DOD.nameOf(pub, p)).join(" and ");
  const id = `crisis-${prompt.kind}-${prompt.stake}`;
  const box = el("fieldset", { class: "panel crisis", id, disabled: locked },
    el("legend", { text: `Crisis over ${prompt.name || prompt.id}: ${rung}` }),
    el("p", { class: "muted", text: `Between ${parties}.` }));
  const answer = (value) => send({ type: "answer", stake: prompt.stake, kind: prompt.kind, value });
  if (prompt.kind === "stance") {
    box.append(el("p", { text: "Your stance this turn:" }),
      choiceList(`${id}-s`, DOD.STANCES, prompt.answer, (s) => answer(s.name), "Your stance"));
  } else {
    const ally = DOD.nameOf(pub, prompt.ally);
    const options = [
      { name: true, label: `Back ${ally}`, help: "Stand with your ally in its crisis." },
      { name: false, label: "Stay out", help: "Keep out of this crisis." },
    ];
    box.append(el("p", { text: `${ally} is your ally. Back it, or stay out?` }),
      choiceList(`${id}-b`, options, prompt.answer, (o) => answer(o.name), `Back ${ally} or stay out`));
  }
  return box;
}

// A list of radio buttons as large tap targets; the arrow keys move between them, as in any radio group.
function choiceList(name, options, chosen, pick, label) {
  const list = el("div", { class: "choices", role: "radiogroup", "aria-label": label });
  for (const option of options) {
    const id = `${name}-${String(option.name).toLowerCase()}`;
    const checked = chosen !== null && chosen !== undefined && String(chosen).toLowerCase() === String(option.name);
    const kind = "choice" + (checked ? " chosen" : "") + (option.family ? ` ${option.family}` : "");
    list.append(el("label", { class: kind, for: id },
    el("input", { type: "radio", name, id, checked, onchange: () => pick(option) }),
    el("span", { class: "choice-label", text: option.label }),
    option.help ? el("span", { class: "choice-help", text: option.help }) : null));
  }
  return list;
}

export function move(view, me, pub, send) {
  const actions = view.actions || DOD.ACTIONS;
  const chosen = me.action ? DOD.actionOf(me.action) : null;
  const target = Number.isInteger(me.target) ? me.target : -1;
  const box = el("fieldset", { class: "panel move", id: "move" },
    el("legend", { text: "Your move this turn" }),
    groupOf("Deterrence", actions.filter((a) => a.family === "deterrence"), chosen, target, send),
    groupOf("Dialogue", actions.filter((a) => a.family === "dialogue"), chosen, target, send));
  if (chosen && chosen.targeted) box.append(targetPicker(me, pub, chosen, target, send));
  return box;
}

function groupOf(title, actions, chosen, target, send) {
  const pick = (action) => send({ type: "choose", action: action.name });
  return el("div", { class: `family ${title.toLowerCase()}` }, el("h3", { text: title }),
    choiceList("action", actions, chosen ? chosen.name : null, pick, `${title} moves`));
}

function targetPicker(me, pub, action, target, send) {
  const select = el("select", { id: "target", onchange: (e) =>
    send({ type: "choose", action: action.name, target: Number(e.target.value) }) });
  for (const seat of pub.seats || []) {
    if (seat.seat === me.seat) continue;
    select.append(el("option", { value: seat.seat, selected: seat.seat === target, text: seat.name }));
  }
  return el("div", { class: "target" }, el("label", { for: "target", text: `${action.label}: aim at` }), select);
}

// The belief prompt of a hidden game: the chance, as the team reads it, that this is the spiral world.
export function belief(view, me, pub, owed, send) {
  const path = me.beliefs || [];
  const last = path.length ? path[path.length - 1] : null;
  const asked = owed.some((d) => d.kind === "belief");
  const statedNow = last && last[0] === view.turn;
  if (!asked && !statedNow) return null;
  const value = Math.round(100 * (last ? last[1] : 0.5));
  const shown = el("output", { id: "belief-value", for: "belief", text: `${value} %` });
  const say = el("button", { type: "button", id: "belief-send", class: "primary", text: `Say ${value} %`,
    onclick: () => send({ type: "belief", spiral: Number(slider.value) / 100 }) });
  const slider = el("input", { type: "range", id: "belief", min: 0, max: 100, step: 5, value,
    "aria-describedby": "belief-help",
    oninput: (e) => { shown.textContent = say.textContent = `${e.target.value} %`; say.prepend("Say "); },
    onchange: (e) => send({ type: "belief", spiral: Number(e.target.value) / 100 }) });
  return el("section", { class: "panel belief", "aria-labelledby": "belief-title" },
    el("h2", { id: "belief-title", text: "Which world is this?" }),
    el("p", { id: "belief-help", text: "How likely is it that this is the spiral world (fear, not greed, drives " +
      "the others)? 0\u00a0% = surely deterrence, 100\u00a0% = surely spiral." }),
    el("div", { class: "slider" }, el("label", { for: "belief", text: "Chance of the spiral world" }), slider, shown),
    asked ? say : el("p", { class: "muted", text: "Stated for this turn; move the slider to change it." }));
}
