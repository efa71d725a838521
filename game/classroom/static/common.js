// What every classroom page shares: the live connection (reconnecting), the seat token kept by the
// browser, the game's words for moves and stances, and small builders for the page.

// The moves in the rules' order (vocab.Action); a view may send its own list, which wins.
export const ACTIONS = [
  ["arm", "Arm", false, "deterrence", "Build military capability (no target)."],
  ["ally", "Ally", true, "deterrence", "Deepen alliance ties with a partner."],
  ["pressure", "Pressure", true, "deterrence", "Sanctions or a show of force against a target."],
  ["summit", "Summit", true, "dialogue", "Talk with a target: little signal, but it steps a crisis down."],
  ["cbm", "Confidence-building", true, "dialogue", "Costly reassurance toward a target; a weak sign of a security-seeker."],
  ["forum", "Regional forum", false, "dialogue", "Work through the regional forum (no target)."],
  ["trade", "Trade", true, "dialogue", "Trade with a target: ties and prosperity for both."],
  ["hold", "Hold", false, "dialogue", "Restraint: do nothing this turn."],
  ["challenge", "Challenge", true, "deterrence", "Press a claim on a shared stake: opens a crisis."],
].map(([name, label, targeted, family, help]) => ({ name, label, targeted, family, help }));

export const STANCES = [
  ["stand_firm", "Stand firm", "Hold your position; if both stand firm the crisis climbs a rung."],
  ["escalate", "Escalate", "Raise the stakes: the crisis climbs a rung; at the brink it starts the war."],
  ["settle", "Settle", "Offer to divide the stake; if both settle, each gets a share by its odds of winning a war over it."],
  ["back_down", "Back down", "Give way: the other side wins the stake."],
].map(([name, label, help]) => ({ name, label, help }));

export const RUNGS = ["none", "dispute", "crisis", "brink", "war"];
// Okabe–Ito hues: the lines of a chart whose seat carries no colour of its own
export const COLOURS = ["#F0E442", "#56B4E9", "#CC79A7", "#009E73", "#E69F00", "#D55E00", "#0072B2", "#BBBBBB"];
const BANDS = [[25, "calm"], [50, "friction"], [75, "crisis"], [Infinity, "brink"]];

export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Markers drawn as small SVGs: the shape carries who it is, not only the colour.
const SHAPE_PATHS = {
  circle: '<circle cx="10" cy="10" r="8"/>',
  square: '<rect x="3" y="3" width="14" height="14"/>',
  triangle: '<polygon points="10,1 19,18 1,18"/>',
  diamond: '<polygon points="10,1 19,10 10,19 1,10"/>',
  pentagon: '<polygon points="10,1 19,8 15.5,18.5 4.5,18.5 1,8"/>',
  hexagon: '<polygon points="5,2 15,2 19.5,10 15,18 5,18 0.5,10"/>',
  star: '<polygon points="10,0.5 12.6,7 19.5,7.2 14,11.5 16,18.5 10,14.5 4,18.5 6,11.5 0.5,7.2 7.4,7"/>',
  cross: '<polygon points="7,1 13,1 13,7 19,7 19,13 13,13 13,19 7,19 7,13 1,13 1,7 7,7"/>',
};

// An actor's marker in its own colour and shape (the scenario's, as the window draws them).
export function marker(seat) {
  const shape = SHAPE_PATHS[seat.marker] ? seat.marker : "circle";
  const colour = seat.colour || "#BEC6D2";
  const span = el("span", { class: "marker", "aria-hidden": "true" });
  span.innerHTML = `<svg viewBox="0 0 20 20" width="1em" height="1em" fill="${colour}" ` +
    `stroke="#101418" stroke-width="1">${SHAPE_PATHS[shape]}</svg>`;
  return span;
}

export function shapePath(name) {
  return SHAPE_PATHS[name] || SHAPE_PATHS.circle;
}

export function band(tension) {
  return BANDS.find(([high]) => tension < high)[1];
}

export function percent(x) {
  return `${Math.round(100 * x)}\u00a0%`;
}

export function actionOf(name) {
  return ACTIONS.find((a) => a.name === String(name).toLowerCase()) || { name, label: name, targeted: false };
}

// The seat a code or index names in a public view.
export function seatOf(pub, who) {
  const seats = (pub && pub.seats) || [];
  return seats.find((s) => s.seat === who || s.code === who || s.actor === who);
}

export function nameOf(pub, who) {
  const seat = seatOf(pub, who);
  return seat ? seat.name : String(who);
}

// "6 of 8" -> how many are still choosing
export function waitingFor(ready) {
  const m = /^(\d+)\s+of\s+(\d+)/.exec(ready || "");
  return m ? Number(m[2]) - Number(m[1]) : null;
}

// Two messages that differ in their timers alone (the server refreshes them every few seconds).
export function sameButTimer(a, b) {
  const untimed = (key, value) => (key === "timer" ? null : value);
  return JSON.stringify(a, untimed) === JSON.stringify(b, untimed);
}

export function clock(seconds) {
  if (seconds === null || seconds === undefined) return "";
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

// Counts the page's timer down between the server's messages; timed() gives [the message, when it came].
export function countDown(timed) {
  setInterval(() => {
    const [message, at] = timed();
    const shown = document.getElementById("timer");
    if (!message || !shown || message.timer === null || message.timer === undefined) return;
    shown.textContent = clock(message.timer - (Date.now() - at) / 1000);
  }, 1000);
}

export function roomCode(text) {
  return String(text || "").trim().toUpperCase();
}

export const tokens = {
  get: (room) => localStorage.getItem(`dod-token-${roomCode(room)}`),
  set: (room, token) => {
    localStorage.setItem(`dod-token-${roomCode(room)}`, token);
    localStorage.setItem("dod-room", roomCode(room));
  },
  forget: (room) => localStorage.removeItem(`dod-token-${roomCode(room)}`),
  lastRoom: () => localStorage.getItem("dod-room"),
};

// One live connection: it reconnects after a drop (doubling its wait up to 5 s) and calls
// onOpen each time, so a page can resume its seat or watch its table again.
export function connect({ onMessage, onOpen, onStatus }) {
  let socket = null;
  let wait = 250;
  let opened = 0;  // how many times it has connected: 2 and more after a drop
  const outbox = [];
  const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`;

  function open() {
    onStatus && onStatus("connecting");
    socket = new WebSocket(url);
    socket.addEventListener("open", () => {
      wait = 250;
      opened += 1;
      onStatus && onStatus("online", opened);
      onOpen && onOpen();
      while (outbox.length) socket.send(outbox.shift());
    });
    socket.addEventListener("message", (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (err) {
        return;
      }
      onMessage(message);
    });
    socket.addEventListener("close", () => {
      onStatus && onStatus("offline");
      setTimeout(open, wait);
      wait = Math.min(5000, wait * 2);
    });
  }

  function send(message) {
    const text = JSON.stringify(message);
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(text);
    else outbox.push(text);
  }

  open();
  return { send };
}

// Say it to a screen reader without moving the focus.
export function announce(text) {
  const region = document.getElementById("announce");
  if (region) region.textContent = text;
}

export function showStatus(state, opened) {
  const badge = document.getElementById("connection");
  if (!badge) return;
  if (opened) badge.dataset.opened = opened;
  const words = { online: "Connected", connecting: "Connecting…", offline: "Offline: reconnecting…" };
  badge.textContent = words[state] || state;
  badge.dataset.state = state;
}
