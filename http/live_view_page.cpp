// The live view's page (docs/xml-api.md §5): HTML, CSS and JavaScript compiled into the router, so
// nothing is built or fetched. Every value from the router is set with textContent, never parsed
// as markup; the server escapes it as JSON (live_view.cpp) on its way here.
#include "http/live_view.hpp"

namespace cmemu::http {

const std::string_view kLivePage = R"PAGE(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cmemu live view</title>
<style>
:root { --bg:#f4f5f7; --card:#fff; --ink:#1d2330; --mute:#6b7280; --line:#d9dce3;
        --green:#16a34a; --amber:#d97706; --red:#dc2626; --blue:#2563eb; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       background:var(--bg); color:var(--ink); }
header { position:sticky; top:0; z-index:2; display:flex; flex-wrap:wrap; gap:.5em 1.5em;
         align-items:center; padding:.6em 1em; background:#1d2330; color:#fff; }
header h1 { font-size:1.1em; margin:0; }
header .stat { color:#c9cfdb; }
#link.up { color:#86efac; } #link.down { color:#fca5a5; }
main { display:grid; grid-template-columns: minmax(0,2fr) minmax(0,1fr); gap:1em; padding:1em; }
@media (max-width: 900px) { main { grid-template-columns: minmax(0,1fr); } }
section { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:.7em;
          margin-bottom:1em; overflow-x:auto; }
h2 { font-size:1em; margin:0 0 .5em; }
#phones { display:grid; grid-template-columns:repeat(auto-fill, minmax(210px, 1fr)); gap:.6em; }
.phone { border:1px solid var(--line); border-radius:8px; padding:.5em; background:#fafbfc; }
.phone.off { opacity:.55; }
.phone .top { display:flex; justify-content:space-between; gap:.5em; font-weight:600; }
.phone .sub { color:var(--mute); font-size:.85em; }
.screen { margin:.4em 0; padding:.35em .5em; border-radius:4px; background:#dfe8d8;
          font-family:ui-monospace, Menlo, Consolas, monospace; min-height:1.8em;
          white-space:nowrap; overflow:hidden; text-overflow:ellipsis; }
.activity { font-size:.8em; text-transform:uppercase; letter-spacing:.04em; }
.activity.ringing, .activity.ringout { color:var(--amber); } .activity.connected { color:var(--green); }
.activity.hold { color:var(--blue); } .activity.failed { color:var(--red); }
.button { display:flex; align-items:center; gap:.4em; font-size:.9em; }
.lamp { width:.8em; height:.8em; border-radius:50%; background:#c8ccd4; flex:none; }
.lamp.on { background:var(--green); } .lamp.wink { background:var(--blue); }
.lamp.blink { background:var(--amber); animation:blink .6s steps(2) infinite; }
@keyframes blink { 50% { opacity:.15; } }
table { width:100%; border-collapse:collapse; font-size:.9em; }
th, td { text-align:left; padding:.25em .4em; border-bottom:1px solid var(--line); vertical-align:top; }
th { color:var(--mute); font-weight:500; }
form { display:flex; flex-wrap:wrap; gap:.4em; align-items:center; }
input { font:inherit; padding:.3em .4em; width:8em; border:1px solid var(--line); border-radius:4px; }
button { font:inherit; padding:.3em .8em; border:0; border-radius:4px; background:var(--blue); color:#fff; }
#dialresult { color:var(--mute); }
#log { height:22em; overflow-y:auto; font-family:ui-monospace, Menlo, Consolas, monospace;
       font-size:.8em; background:#11151c; color:#d7dce5; border-radius:6px; padding:.4em; }
#log div { white-space:pre-wrap; word-break:break-word; }
#log .t { color:#7d8799; } #log .call { color:#86efac; } #log .csta { color:#93c5fd; }
#log .phone { color:#fcd34d; } #log .config { color:#f0abfc; } #log .dial { color:#fdba74; }
.muted { color:var(--mute); }
</style>
</head>
<body>
<header>
  <h1 id="host">cmemu</h1>
  <span class="stat" id="counts"></span>
  <span id="link" class="down">connecting</span>
</header>
<main>
<div>
  <section><h2>Phones</h2><div id="phones"></div></section>
  <section><h2>Calls</h2>
    <table><thead><tr><th>call</th><th>calling</th><th>called</th><th>parties</th></tr></thead>
    <tbody id="calls"></tbody></table></section>
  <section><h2>Directory numbers</h2>
    <table><thead><tr><th>dn</th><th>number</th><th>name</th><th>state</th><th>phones</th>
    <th>features</th></tr></thead><tbody id="dns"></tbody></table></section>
</div>
<div>
  <section><h2>Click to dial</h2>
    <form id="dial"><input id="from" placeholder="from DN" inputmode="tel" required>
    <input id="to" placeholder="to number" inputmode="tel" required>
    <button type="submit">Call</button> <span id="dialresult"></span></form></section>
  <section><h2>CTI sessions</h2>
    <table><thead><tr><th>id</th><th>user</th><th>line</th><th>monitors</th><th>server</th></tr></thead>
    <tbody id="sessions"></tbody></table></section>
  <section><h2>Session servers</h2>
    <table><thead><tr><th>tag</th><th>register-id</th><th>state</th><th>contact</th></tr></thead>
    <tbody id="servers"></tbody></table></section>
  <section><h2>Log</h2><div id="log"></div></section>
</div>
</main>
<script>
"use strict";
const TOKEN = "@TOKEN@";
const state = new Map();
const nodes = new Map();
const MAX_LOG = 500;

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = String(text);
  return e;
}
function row(cells) {
  const tr = el("tr");
  for (const c of cells) tr.appendChild(el("td", "", c));
  return tr;
}
function tagOf(key) { return Number(key.slice(2)); }

const render = {
  p(o) {
    const card = el("div", "phone" + (o.registered ? "" : " off"));
    card.dataset.activity = o.activity;
    const top = el("div", "top");
    top.appendChild(el("span", "", "ephone " + o.tag));
    top.appendChild(el("span", "activity " + o.activity, o.registered ? o.activity : "unregistered"));
    card.appendChild(top);
    card.appendChild(el("div", "sub", o.name + "  " + (o.model || o.type || "")));
    card.appendChild(el("div", "sub", o.registered ? o.ip : "not registered"));
    card.appendChild(el("div", "screen", o.prompt));
    for (const b of o.buttons) {
      const line = el("div", "button");
      line.appendChild(el("span", "lamp " + b.lamp));
      line.appendChild(el("span", "", b.button + ": " + b.number + " (" + b.state + ")"));
      card.appendChild(line);
    }
    return card;
  },
  d(o) {
    const features = [o.dnd ? "DND" : "", o.forward ? "CFwdAll " + o.forward : "",
                      o.watch ? "cti watch" : ""].filter(Boolean).join(", ");
    return row([o.tag, o.number, o.name || o.label, o.state, o.phones, features]);
  },
  c(o) {
    return row([o.id, o.calling, o.called,
                o.parties.map(p => p.number + " " + p.state).join(", ")]);
  },
  s(o) {
    return row([o.id, o.user, o.line, o.monitors.map(m => m.device).join(", "), o.server]);
  },
  r(o) {
    return row([o.tag, o.id, o.registered ? "registered (" + o.expires + " s)" : "unregistered",
                o.contact]);
  },
};
const containers = { p: "phones", d: "dns", c: "calls", s: "sessions", r: "servers" };

function place(key, node) {
  const parent = document.getElementById(containers[key[0]]);
  const old = nodes.get(key);
  nodes.set(key, node);
  node.dataset.key = key;
  if (old && old.parentNode === parent) { parent.replaceChild(node, old); return; }
  const tag = tagOf(key);
  let next = null;
  for (const child of parent.children) if (tagOf(child.dataset.key) > tag) { next = child; break; }
  parent.insertBefore(node, next);
}
function remove(key) {
  const node = nodes.get(key);
  if (node) node.remove();
  nodes.delete(key);
  state.delete(key);
}
function header() {
  const g = state.get("g:router");
  if (!g) return;
  document.getElementById("host").textContent = g.hostname;
  let calls = 0, sessions = 0;
  for (const k of state.keys()) { if (k[0] === "c") calls++; if (k[0] === "s") sessions++; }
  document.getElementById("counts").textContent =
    g.registered + "/" + g.ephones + " phones registered, " + calls + " calls, " +
    sessions + " CTI sessions";
}
function log(entries) {
  const box = document.getElementById("log");
  const atEnd = box.scrollTop + box.clientHeight >= box.scrollHeight - 4;
  for (const e of entries) {
    const line = el("div", e.k);
    line.appendChild(el("span", "t", e.t + " "));
    line.appendChild(document.createTextNode(e.x));
    box.appendChild(line);
  }
  while (box.children.length > MAX_LOG) box.firstChild.remove();
  if (atEnd) box.scrollTop = box.scrollHeight;
}
function apply(message) {
  if (message.full) {
    for (const key of [...nodes.keys()]) remove(key);
    state.clear();
    document.getElementById("log").textContent = "";
  }
  const set = (message.state && message.state.set) || {};
  for (const key of (message.state && message.state.del) || []) remove(key);
  const keys = Object.keys(set).sort((a, b) => a[0] === b[0] ? tagOf(a) - tagOf(b) : 0);
  for (const key of keys) {
    state.set(key, set[key]);
    if (render[key[0]]) place(key, render[key[0]](set[key]));
  }
  header();
  log(message.log || []);
}
function connect() {
  const scheme = location.protocol === "https:" ? "wss://" : "ws://";
  const ws = new WebSocket(scheme + location.host + "/live/ws?token=" + TOKEN);
  const link = document.getElementById("link");
  ws.onopen = () => { link.textContent = "live"; link.className = "up"; };
  ws.onmessage = (event) => apply(JSON.parse(event.data));
  ws.onclose = () => { link.textContent = "reconnecting"; link.className = "down";
                       setTimeout(connect, 1000); };
}
document.getElementById("dial").addEventListener("submit", async (event) => {
  event.preventDefault();
  const body = new URLSearchParams({ token: TOKEN,
    from: document.getElementById("from").value, to: document.getElementById("to").value });
  const result = document.getElementById("dialresult");
  try {
    const answer = await (await fetch("/live/dial", { method: "POST", body })).json();
    result.textContent = answer.ok ? "calling" : answer.error;
  } catch (e) { result.textContent = "failed"; }
});
connect();
</script>
</body>
</html>
)PAGE";

}  // namespace cmemu::http
