// notegate reviewer desk. Every piece of user text goes into the page
// through textContent or DOM text nodes, never innerHTML: a note is data,
// not markup. The Content-Security-Policy forbids inline script besides.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  // held is the id of the note this page holds a claim on, or null: the
  // page holds at most one and releases it when the reviewer moves on.
  const state = { me: null, items: [], sel: -1, detail: null, last: null, held: null, lastInput: Date.now(), heartbeat: null };
  // mine reports whether the reviewer may decide in market m.
  const mine = (m) => ((state.me && state.me.markets) || []).includes(m);

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function status(msg, isError) {
    $("status").textContent = msg || "";
    $("status").className = isError ? "error" : "";
  }
  function setState(s) { document.body.dataset.state = s; }

  async function api(method, path, body) {
    const opts = { method, credentials: "same-origin", headers: { "X-Notegate-Request": "1" } };
    if (body !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    const resp = await fetch(path, opts);
    let data = null;
    try { data = await resp.json(); } catch (e) { data = null; }
    return { status: resp.status, ok: resp.ok, data: data || {} };
  }

  // byteToIndex maps UTF-8 byte offsets of s to JS (UTF-16) string indices.
  function byteToIndex(s) {
    const map = new Map();
    let bytes = 0, i = 0;
    for (const ch of s) {
      map.set(bytes, i);
      const cp = ch.codePointAt(0);
      bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      i += ch.length;
    }
    map.set(bytes, i);
    return map;
  }

  // highlighted renders text with the evidence spans of field marked.
  function highlighted(node, text, spans) {
    clear(node);
    text = text || "";
    const map = byteToIndex(text);
    const ranges = [];
    for (const sp of spans) {
      const a = map.get(sp.start), b = map.get(sp.end);
      if (a === undefined || b === undefined || b <= a) continue;
      ranges.push([a, b]);
    }
    ranges.sort((x, y) => x[0] - y[0]);
    let at = 0;
    for (const [a, b] of ranges) {
      if (b <= at) continue;
      const start = Math.max(a, at);
      if (start > at) node.appendChild(document.createTextNode(text.slice(at, start)));
      node.appendChild(el("mark", text.slice(start, b)));
      at = b;
    }
    if (at < text.length) node.appendChild(document.createTextNode(text.slice(at)));
  }

  function evidence(note, field) {
    const out = [];
    for (const l of (note.moderation && note.moderation.labels) || []) {
      for (const ev of l.evidence || []) if (ev.field === field) out.push(ev);
    }
    return out;
  }

  function noteURL(id, rest) { return "/api/review/notes/" + encodeURIComponent(id) + (rest || ""); }
  function clock(t) { return new Date(t).toLocaleTimeString(); }
  function idleSeconds() { return (state.me && state.me.claim_idle_seconds) || 90; }

  // ageText says how long ago notegate first saw a note.
  function ageText(seconds) {
    const s = Math.max(0, Math.round(Number(seconds) || 0));
    if (s < 60) return "under a minute";
    if (s < 3600) return Math.floor(s / 60) + " min";
    if (s < 86400) return Math.floor(s / 3600) + " h " + Math.floor((s % 3600) / 60) + " min";
    return Math.floor(s / 86400) + " d " + Math.floor((s % 86400) / 3600) + " h";
  }

  // Claims follow work: reading a note claims nothing; the first action
  // (a decision, opening the reject or label dialog, c) claims it; the
  // page releases it when the reviewer opens another note or leaves, and
  // keeps it alive with a heartbeat only while the reviewer is active.
  function claimByOther() {
    const c = state.detail && state.detail.claim;
    return c && state.me && c.owner !== state.me.name ? c : null;
  }

  function claimText(c) { return c ? "claimed by " + c.owner : ""; }

  // refused says who holds note id and what is off meanwhile.
  function refused(id, c) {
    status(c.owner + " holds " + id + " since " + clock(c.since) + ": c, a, r, e and l are off until they move on", true);
    setState("decision-refused");
  }

  // renderClaim shows who holds the open note, in the note and in its
  // queue line, and turns off the keys that need the claim while another
  // reviewer holds it.
  function renderClaim() {
    const d = state.detail;
    if (!d) return;
    const c = d.claim || null;
    const other = claimByOther();
    const line = $("claim-line");
    if (!c) {
      line.textContent = "Not claimed (reading claims nothing): c or your first action claims it.";
    } else if (!other) {
      line.textContent = "You hold this note: released when you move on, after " + idleSeconds() + " s without activity, or at " + clock(c.until) + " at the latest.";
    } else {
      line.textContent = "Claimed by " + c.owner + " since " + clock(c.since) + ": you can read it; c, a, r, e and l are off until " +
        c.owner + " moves on (by " + clock(c.expires) + " if idle, " + clock(c.until) + " at the latest).";
    }
    line.dataset.claim = !c ? "free" : other ? "other" : "mine";
    for (const k of document.querySelectorAll("#keys [data-needs-claim]")) {
      k.classList.toggle("off", !!other);
      k.setAttribute("aria-disabled", other ? "true" : "false");
      k.title = other ? "claimed by " + other.owner : "";
    }
    const li = $("queue").querySelector('li[data-note-id="' + CSS.escape(d.note.note_id) + '"] .claim');
    if (li) { li.textContent = claimText(c); li.hidden = !c; }
  }

  // setClaim records the claim of the open note id as the API reported it.
  function setClaim(id, c) {
    if (state.held === id && !(c && c.owner === state.me.name)) state.held = null;
    if (c && c.owner === state.me.name) { state.held = id; startHeartbeat(); }
    if (state.detail && state.detail.note.note_id === id) {
      state.detail.claim = c || null;
      renderClaim();
    }
  }

  // claimNote claims the open note; false, with the holder shown, when
  // another reviewer holds it.
  async function claimNote() {
    const d = state.detail;
    if (!d) return false;
    const id = d.note.note_id;
    const r = await api("POST", noteURL(id, "/claim"));
    if (r.ok) { setClaim(id, r.data); setState("claimed"); return true; }
    if (r.data.claim) { setClaim(id, r.data.claim); refused(id, r.data.claim); return false; }
    status(r.data.error || ("cannot claim " + id + " (" + r.status + ")"), true);
    setState("decision-refused");
    return false;
  }

  // releaseHeld gives back the page's claim; keepalive lets the request
  // outlive a page being left (pagehide).
  function releaseHeld(keepalive) {
    const id = state.held;
    if (!id) return Promise.resolve();
    state.held = null;
    stopHeartbeat();
    return fetch(noteURL(id, "/claim"), {
      method: "DELETE", credentials: "same-origin", keepalive: !!keepalive, headers: { "X-Notegate-Request": "1" },
    }).then(() => {}, () => {});
  }

  function stopHeartbeat() {
    if (state.heartbeat) clearInterval(state.heartbeat);
    state.heartbeat = null;
  }

  // startHeartbeat extends the held claim every third of the idle time
  // while the page is visible and the reviewer used it within the idle
  // time; otherwise the claim lapses on the server by itself.
  function startHeartbeat() {
    if (state.heartbeat) return;
    state.heartbeat = setInterval(async () => {
      const id = state.held;
      if (!id) { stopHeartbeat(); return; }
      if (document.visibilityState !== "visible" || Date.now() - state.lastInput > idleSeconds() * 1000) return;
      const r = await api("POST", noteURL(id, "/claim/heartbeat"));
      if (state.held !== id) return;
      if (r.ok) setClaim(id, r.data);
      else if (r.status === 409) { stopHeartbeat(); setClaim(id, r.data.claim || null); }
    }, idleSeconds() * 1000 / 3);
  }

  // needsClaim runs an action that claims the note, unless another
  // reviewer holds it: then it asks the server again (the claim may have
  // ended meanwhile) and, if it still holds, says who has the note.
  async function needsClaim(action) {
    if (!state.detail) return;
    if (claimByOther()) {
      const id = state.detail.note.note_id;
      const r = await api("GET", noteURL(id));
      if (r.ok && state.detail && state.detail.note.note_id === id) {
        if (r.data.note.revision !== state.detail.note.revision) { state.detail = r.data; renderDetail(r.data); }
        setClaim(id, r.data.claim);
      }
      const c = claimByOther();
      if (c) { refused(id, c); return; }
    }
    await action();
  }

  async function start() {
    const r = await api("GET", "/api/review/me");
    if (r.status === 401) { showLogin(); return; }
    if (!r.ok) { status(r.data.error || "the desk is unavailable", true); return; }
    state.me = r.data;
    $("login-form").hidden = true;
    $("desk").hidden = false;
    $("logout").hidden = false;
    const scope = r.data.markets || [];
    $("who").textContent = r.data.name + " (" + r.data.role + ") · decides " + (scope.length ? scope.join(", ") : "no market");
    // Without a market, the queue lists the notes waiting in the
    // reviewer's markets; another market's queue can be looked at.
    const all = r.data.all_markets || [];
    $("f-market").options[0].textContent = scope.length === all.length ? "all markets" : "my markets (" + scope.join(", ") + ")";
    fillSelect($("f-market"), all);
    fillSelect($("f-category"), r.data.categories || []);
    // The placeholder stays first: the reason dialog preselects it when
    // the note has no label, and refuses it.
    const cat = $("reason-category");
    clear(cat);
    const none = el("option", "choose a category");
    none.value = "";
    cat.appendChild(none);
    fillSelect(cat, r.data.categories || []);
    // A link to a note (/review/#NOTE_ID) opens it, queued or not.
    const linked = linkedNote();
    await loadQueue(linked, !!linked);
    if (linked && (!state.detail || state.detail.note.note_id !== linked)) await openNote(linked);
  }

  function linkedNote() {
    try { return decodeURIComponent(location.hash.slice(1)); } catch (e) { return ""; }
  }

  function fillSelect(sel, values) {
    const have = new Set(Array.from(sel.options).map((o) => o.value));
    for (const v of values) {
      if (have.has(v)) continue;
      const o = el("option", v);
      o.value = v;
      sel.appendChild(o);
    }
  }

  function showLogin() {
    $("desk").hidden = true;
    $("logout").hidden = true;
    $("login-form").hidden = false;
    $("who").textContent = "";
    setState("login");
    $("login-name").focus();
  }

  async function login(ev) {
    ev.preventDefault();
    const r = await api("POST", "/api/review/login", { name: $("login-name").value, password: $("login-password").value });
    $("login-password").value = "";
    if (!r.ok) { status(r.data.error || "login failed", true); return; }
    status("");
    await start();
  }

  // loadQueue lists the queue and selects keepId when listed, else the
  // note at the selection's place; with onlyKeep, nothing but keepId.
  async function loadQueue(keepId, onlyKeep) {
    const p = new URLSearchParams();
    if ($("f-market").value) p.set("market", $("f-market").value);
    if ($("f-category").value) p.set("category", $("f-category").value);
    if ($("f-language").value.trim()) p.set("language", $("f-language").value.trim());
    if ($("f-age").value) p.set("min_age", $("f-age").value);
    p.set("sort", $("f-sort").value);
    p.set("limit", "100");
    const r = await api("GET", "/api/review/queue?" + p.toString());
    if (r.status === 401) { showLogin(); return; }
    if (!r.ok) { status(r.data.error || "the queue is unavailable", true); return; }
    state.items = r.data.items || [];
    $("queue-total").textContent = r.data.total + " waiting";
    // The desk's shared state is down: who holds what is unknown, and
    // claims and decisions answer 503 until it is back.
    if (r.data.claims_unavailable) status("claims are unavailable for now: you can read notes, not decide them", true);
    const list = $("queue");
    clear(list);
    state.items.forEach((it, i) => {
      const n = it.note;
      const li = el("li");
      li.dataset.noteId = n.note_id;
      li.appendChild(el("span", n.title || n.body || "(empty)", "title"));
      const cats = ((n.moderation && n.moderation.labels) || []).map((l) => l.category).join(", ");
      let meta = n.note_id + " · " + (n.language ? n.language.code : "") + " · " + cats + " · priority " + it.priority;
      if (n.moderation && n.moderation.support) meta = "at risk · " + meta;
      else if (n.moderation && n.moderation.urgent) meta = "zero tolerance · " + meta;
      meta += " · " + Object.keys((n.moderation && n.moderation.markets) || {}).sort()
        .map((m) => m + " " + n.moderation.markets[m]).join(", ");
      meta += " · waiting " + ageText(it.age_seconds);
      if (it.author_queued > 1) meta += " · author has " + it.author_queued + " waiting";
      li.appendChild(el("span", meta, "meta"));
      const claim = el("span", claimText(it.claim), "claim");
      claim.hidden = !it.claim;
      li.appendChild(claim);
      li.addEventListener("click", () => select(i));
      list.appendChild(li);
    });
    setState("queue");
    let next = 0;
    if (keepId) {
      const k = state.items.findIndex((it) => it.note.note_id === keepId);
      if (k >= 0) next = k;
      else if (onlyKeep) { state.sel = -1; return; }
    } else if (state.sel >= 0) {
      next = Math.min(state.sel, state.items.length - 1);
    }
    state.sel = -1;
    if (state.items.length > 0) await select(next);
    else { $("detail").hidden = true; state.detail = null; }
  }

  async function select(i) {
    if (i < 0 || i >= state.items.length) return;
    state.sel = i;
    Array.from($("queue").children).forEach((li, k) => li.classList.toggle("selected", k === i));
    $("queue").children[i].scrollIntoView({ block: "nearest" });
    await openNote(state.items[i].note.note_id);
  }

  // openNote shows a note without claiming it, and gives back the claim
  // on the note the reviewer leaves.
  async function openNote(id) {
    setState("loading");
    if (state.held && state.held !== id) await releaseHeld();
    const r = await api("GET", noteURL(id));
    if (!r.ok) { status(r.data.error || "cannot open the note", true); return; }
    state.detail = r.data;
    renderDetail(r.data);
    setClaim(id, r.data.claim);
    setState("detail");
  }

  function renderDetail(d) {
    const n = d.note;
    // Another note starts at its top; the same one keeps its place.
    if ($("detail").dataset.noteId !== n.note_id) $("detail").scrollTop = 0;
    $("detail").hidden = false;
    $("detail").dataset.noteId = n.note_id;
    renderClaim();
    $("age").textContent = "first seen " + ageText(d.age_seconds) + " ago";
    $("orig-lang").textContent = n.language ? (n.language.code + (n.language.script ? "-" + n.language.script : "")) : "";
    highlighted($("orig-title"), n.title, evidence(n, "title"));
    highlighted($("orig-body"), n.body, evidence(n, "body"));
    highlighted($("orig-tags"), (n.tags || []).join("\n"), evidence(n, "tags"));
    const tr = $("translations");
    clear(tr);
    // The desk places the evidence in each translation: the words it
    // became (a gloss knows them), else the sentence it stands in.
    const placed = d.translation_evidence || {};
    for (const [lang, t] of Object.entries(n.translations || {})) {
      const spans = placed[lang] || [];
      const box = el("div", null, "translation");
      box.dataset.lang = lang;
      const how = Array.from(new Set(spans.map((s) => s.align)));
      box.appendChild(el("span", lang + " · " + (t.provider || "") + " · " + t.status +
        (how.length ? " · evidence by " + how.join(", ") : ""), "tag"));
      const title = el("h4", null, "text tr-title");
      highlighted(title, t.title || "", spans.filter((s) => s.field === "title"));
      box.appendChild(title);
      const body = el("div", null, "text body tr-body");
      if (t.status === "ok") highlighted(body, t.body || "", spans.filter((s) => s.field === "body"));
      else body.textContent = t.body || t.error || "";
      box.appendChild(body);
      tr.appendChild(box);
    }
    if (!tr.firstChild) tr.appendChild(el("p", "no translation"));
    const mod = n.moderation || {};
    const care = $("support");
    care.hidden = !mod.support && mod.urgent !== "sexual_minors";
    care.textContent = mod.support
      ? "The author may be at risk of harming themselves. Reach out with support resources; do not punish. Approve only if the note is safe to show with resources."
      : mod.urgent === "sexual_minors" ? "Zero tolerance: sexual content involving a minor. Blocked in every market; confirm it and report it as the platform policy requires." : "";
    $("severity").textContent = "severity " + (d.severity || 0).toFixed(2);
    const labels = $("labels");
    clear(labels);
    for (const l of (n.moderation && n.moderation.labels) || []) {
      const spans = (l.evidence || []).map((e) => e.field + ": " + e.text).join(" | ");
      labels.appendChild(el("li", l.category + " " + Number(l.score).toFixed(2) + " (" + l.source + ")" + (spans ? " — " + spans : "")));
    }
    const author = $("author");
    clear(author);
    if (d.author) {
      author.appendChild(el("p", d.author.author_id + " · market " + (d.author.market || "?") + " · " + (d.author.queued || 0) + " notes waiting"));
      for (const o of d.author.others || []) author.appendChild(el("p", "· " + o.note_id + ": " + (o.title || ""), "text"));
    }
    renderMarkets(n);
    $("policy").textContent = "policy " + (mod.policy_version || "?");
    const hist = $("history");
    clear(hist);
    for (const h of d.history || []) {
      const dec = h.decision;
      hist.appendChild(el("li", dec.at + " " + dec.reviewer + " " + dec.action +
        (dec.markets && dec.markets.length ? " in " + dec.markets.join(", ") : " in every market") + (dec.category ? " " + dec.category : "") +
        (dec.reason ? ": " + dec.reason : "") + " [" + h.outcome + "]"));
    }
    clear($("similar"));
  }

  // standing is the reviewer decision that stands in market m of mod, or
  // null; notes decided before per-market records name the latest one.
  function standing(mod, m) {
    const rv = mod.review;
    if (!rv) return null;
    if (rv.decided) return rv.decided[m] || null;
    if (rv.action !== "approve" && rv.action !== "reject") return null;
    return !rv.markets || rv.markets.length === 0 || rv.markets.includes(m) ? rv : null;
  }

  // renderMarkets lists each market of the note: what the machine
  // decided, what stands now and which reviewer decided it, and what a
  // and r would make of it. The reviewer's own markets have a box, all
  // ticked at first; digit keys toggle them.
  function renderMarkets(n) {
    const mod = n.moderation || {};
    const machine = (mod.review && mod.review.machine && mod.review.machine.markets) || mod.markets || {};
    const body = $("markets-rows");
    clear(body);
    let key = 0;
    for (const m of Object.keys(mod.markets || {}).sort()) {
      const tr = el("tr");
      tr.dataset.market = m;
      const pick = el("td");
      const label = el("label");
      const cb = el("input");
      cb.type = "checkbox";
      cb.className = "decide-market";
      cb.dataset.market = m;
      cb.disabled = !mine(m);
      cb.checked = mine(m);
      if (mine(m)) cb.dataset.key = String(++key);
      cb.addEventListener("change", () => renderEffects());
      label.appendChild(cb);
      label.appendChild(document.createTextNode(" " + m + (cb.dataset.key ? " (" + cb.dataset.key + ")" : "")));
      pick.appendChild(label);
      tr.appendChild(pick);
      tr.appendChild(el("td", machine[m] || "?", "machine"));
      tr.appendChild(el("td", mod.markets[m], "now"));
      const s = standing(mod, m);
      tr.appendChild(el("td", s ? (s.action === "approve" ? "approved" : "rejected") + " by " + s.reviewer : "no reviewer yet", "reviewer"));
      tr.appendChild(el("td", "", "effect"));
      body.appendChild(tr);
    }
    renderEffects();
  }

  // chosenMarkets are the ticked markets of the note on screen.
  function chosenMarkets() {
    return Array.from(document.querySelectorAll("#markets-rows input.decide-market:checked")).map((c) => c.dataset.market);
  }

  function renderEffects() {
    const chosen = chosenMarkets();
    for (const tr of document.querySelectorAll("#markets-rows tr")) {
      const m = tr.dataset.market;
      const now = tr.querySelector(".now").textContent;
      const fx = tr.querySelector(".effect");
      if (!mine(m)) fx.textContent = "not yours: stays " + now;
      else if (!chosen.includes(m)) fx.textContent = "left as " + now;
      else fx.textContent = ["allow", "block"].map((v, i) => ["a", "r"][i] + ": " + (now === v ? "stays " + v : now + " → " + v)).join(" · ");
    }
    const theirs = Array.from(document.querySelectorAll("#markets-rows tr")).filter((tr) => mine(tr.dataset.market)).length;
    $("scope-line").textContent = theirs === 0 ? "none of these markets is yours to decide"
      : "deciding " + (chosen.length ? chosen.join(", ") : "nothing: tick a market");
  }

  // toggleMarket ticks or unticks the market box of digit key k.
  function toggleMarket(k) {
    const cb = document.querySelector('#markets-rows input.decide-market[data-key="' + k + '"]');
    if (!cb) return;
    cb.checked = !cb.checked;
    renderEffects();
  }

  async function decide(action, extra) {
    const d = state.detail;
    if (!d) return;
    const n = d.note;
    const body = Object.assign({ action, note_version: n.version, note_revision: n.revision || 0 }, extra || {});
    if (action !== "undo") {
      const chosen = chosenMarkets();
      const theirs = document.querySelectorAll("#markets-rows input.decide-market:not(:disabled)").length;
      if (theirs > 0 && chosen.length === 0) {
        status("tick at least one of your markets (keys 1–" + theirs + ") to " + action + " " + n.note_id, true);
        setState("decision-refused");
        return;
      }
      // With none of the note's markets in scope, the desk says why.
      if (chosen.length > 0) body.markets = chosen;
    }
    status(action + " " + n.note_id + "…");
    // The decision takes the claim itself when nobody else holds it.
    const r = await api("POST", noteURL(n.note_id, "/decisions"), body);
    if (!r.ok && r.data.claim) {
      setClaim(n.note_id, r.data.claim);
      refused(n.note_id, r.data.claim);
      return;
    }
    if (!r.ok) {
      status(r.data.error || ("the decision failed (" + r.status + ")"), true);
      setState("decision-refused");
      return;
    }
    const markets = (r.data.decision && r.data.decision.markets) || [];
    state.last = { note_id: n.note_id, action, markets };
    // A label keeps the claim; every other decision ends it.
    if (action === "label") state.held = n.note_id;
    else if (state.held === n.note_id) { state.held = null; stopHeartbeat(); }
    status((r.status === 202 ? "sent: " : "done: ") + action + " " + n.note_id + " in " + markets.join(", ") + " — u to undo");
    await loadQueue(action === "escalate" || action === "label" ? n.note_id : null);
    setState("decided");
  }

  async function undo() {
    if (!state.last) { status("nothing to undo", true); return; }
    const id = state.last.note_id;
    const r0 = await api("GET", "/api/review/notes/" + encodeURIComponent(id));
    if (!r0.ok) { status(r0.data.error || "cannot undo", true); return; }
    state.detail = r0.data;
    await decide("undo", { markets: state.last.markets });
    state.last = null;
  }

  // topCategory is the category of the note's highest-scoring label, or
  // "" when it has none.
  function topCategory(note) {
    let top = null;
    for (const l of (note.moderation && note.moderation.labels) || []) {
      if (!top || Number(l.score) > Number(top.score)) top = l;
    }
    return top ? top.category : "";
  }

  // askReason opens the reason dialog with the note's top label's category
  // preselected, or no category, which Decide then refuses: a category
  // the reviewer did not see suggested is never recorded by default.
  async function askReason(action) {
    const d = state.detail;
    if (!d) return;
    // Starting the dialog is starting work on the note: claim it first.
    if (!(await claimNote()) || state.detail !== d) return;
    const dlg = $("reason-dialog");
    $("reason-title").textContent = action === "reject" ? "Reject" : "Label only";
    $("reason-text").value = "";
    $("reason-error").hidden = true;
    $("reason-error").textContent = "";
    const sel = $("reason-category");
    const top = topCategory(d.note);
    sel.value = Array.from(sel.options).some((o) => o.value === top) ? top : "";
    dlg.dataset.action = action;
    dlg.showModal();
    sel.focus();
  }

  async function reasonSubmitted(ev) {
    ev.preventDefault();
    const dlg = $("reason-dialog");
    const category = $("reason-category").value;
    const refuse = (msg, field) => {
      $("reason-error").textContent = msg;
      $("reason-error").hidden = false;
      $(field).focus();
    };
    if (!category) {
      refuse("Choose a category: this note has no label to suggest one.", "reason-category");
      return;
    }
    if (dlg.dataset.action === "reject" && !$("reason-text").value.trim()) {
      refuse("Give a reason for the rejection.", "reason-text");
      return;
    }
    dlg.close();
    await decide(dlg.dataset.action, { category, reason: $("reason-text").value });
  }

  // Enter on the category list submits the dialog in every browser (and
  // once: the default, which may submit too, is prevented).
  function reasonKey(ev) {
    if (ev.key === "Enter" && ev.target === $("reason-category")) {
      ev.preventDefault();
      $("reason-form").requestSubmit();
    }
  }

  async function findSimilar() {
    const d = state.detail;
    if (!d) return;
    const r = await api("GET", "/api/review/notes/" + encodeURIComponent(d.note.note_id) + "/similar");
    const box = $("similar");
    clear(box);
    if (!r.ok) { status(r.data.error || "cannot find near-duplicates", true); return; }
    const sims = r.data.similar || [];
    if (sims.length === 0) { box.appendChild(el("p", "none in the queue")); return; }
    const ids = [d.note.note_id];
    for (const s of sims) {
      ids.push(s.note_id);
      const line = el("label", null, "text");
      const cb = el("input");
      cb.type = "checkbox";
      cb.checked = true;
      cb.dataset.noteId = s.note_id;
      line.appendChild(cb);
      line.appendChild(document.createTextNode(" " + s.note_id + ": " + (s.title || s.body || "")));
      box.appendChild(line);
      box.appendChild(el("br"));
    }
    for (const [action, label] of [["reject", "Reject all selected as spam"], ["approve", "Approve all selected"]]) {
      const b = el("button", label);
      b.type = "button";
      b.addEventListener("click", async () => {
        const chosen = [d.note.note_id].concat(Array.from(box.querySelectorAll("input:checked")).map((c) => c.dataset.noteId));
        const body = { action, note_ids: chosen, bulk_of: d.note.note_id };
        if (action === "reject") { body.category = "spam"; body.reason = "campaign: near-duplicates of " + d.note.note_id; }
        const r2 = await api("POST", "/api/review/bulk", body);
        if (!r2.ok) { status(r2.data.error || "bulk decision failed", true); return; }
        const failed = (r2.data.results || []).filter((x) => x.error);
        status("decided " + r2.data.decided + " notes" + (failed.length ? "; " + failed.length + " skipped (claimed or changed)" : ""), failed.length > 0);
        await loadQueue();
      });
      box.appendChild(b);
    }
  }

  function onKey(ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const t = ev.target;
    // A ticked box keeps the focus; the keys still work from it.
    if (t && (t.tagName === "INPUT" && t.type !== "checkbox" || t.tagName === "SELECT" || t.tagName === "TEXTAREA")) return;
    if ($("reason-dialog").open || $("desk").hidden) return;
    const keys = {
      j: () => select(state.sel + 1), k: () => select(state.sel - 1),
      c: () => needsClaim(claimNote),
      a: () => needsClaim(() => decide("approve")), r: () => needsClaim(() => askReason("reject")),
      e: () => needsClaim(() => decide("escalate")), l: () => needsClaim(() => askReason("label")),
      u: () => undo(), s: () => findSimilar(),
    };
    const f = keys[ev.key] || (/^[1-9]$/.test(ev.key) ? () => toggleMarket(ev.key) : null);
    if (f) { ev.preventDefault(); f(); }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("login-form").addEventListener("submit", login);
    $("filters").addEventListener("submit", (ev) => { ev.preventDefault(); loadQueue(); });
    $("reason-form").addEventListener("submit", reasonSubmitted);
    $("reason-form").addEventListener("keydown", reasonKey);
    $("reason-cancel").addEventListener("click", () => $("reason-dialog").close());
    $("find-similar").addEventListener("click", findSimilar);
    $("logout").addEventListener("click", async () => { await releaseHeld(); await api("POST", "/api/review/logout"); showLogin(); });
    document.addEventListener("keydown", onKey);
    window.addEventListener("hashchange", () => { const id = linkedNote(); if (id && state.me) openNote(id); });
    // What counts as the reviewer being at work, for the heartbeat.
    for (const type of ["keydown", "pointerdown", "pointermove", "wheel", "scroll", "focusin"]) {
      document.addEventListener(type, () => { state.lastInput = Date.now(); }, { capture: true, passive: true });
    }
    // Leaving the page (closing the tab, reloading, navigating away) gives
    // the claim back at once instead of after the idle time.
    window.addEventListener("pagehide", () => { releaseHeld(true); });
    start();
  });
})();
