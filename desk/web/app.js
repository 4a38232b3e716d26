// notegate reviewer desk. Every piece of user text goes into the page
// through textContent or DOM text nodes, never innerHTML: a note is data,
// not markup. The Content-Security-Policy forbids inline script besides.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  // held is the id of the note this page holds a claim on, or null: the
  // page holds at most one and releases it when the reviewer moves on.
  // ctx is the open note's context (thread and author); authorOpen keeps
  // the author's notes shown or hidden from one note to the next.
  const state = { me: null, items: [], sel: -1, detail: null, last: null, held: null, lastInput: Date.now(), heartbeat: null,
    ctx: null, authorOpen: false, sent: new Map() };
  // sent holds the notes the reviewer just decided: note id → the revision
  // decided, when, and whether the pipeline had applied it when the desk
  // answered (200) or not yet (202). Either way the queue may list such a
  // note for a while (a 202 until the pipeline applies it, a 200 until
  // the index lists what it wrote); the page marks it and never selects it
  // by itself, so the reviewer is not shown the note they just decided as
  // the next one. A listing at a newer revision is the note changed since
  // (another market still waiting, an edit): it is a note to decide again.
  const sentFor = 120 * 1000;
  function pending(n) {
    const s = state.sent.get(n.note_id);
    if (!s) return false;
    if ((n.revision || 0) > s.revision || Date.now() - s.at > sentFor) { state.sent.delete(n.note_id); return false; }
    return true;
  }
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

  // reasonsText lists a note's report reasons, most reported first.
  function reasonsText(rep) {
    return Object.entries(rep.reasons || {}).sort((a, b) => b[1] - a[1]).map(([r, c]) => r + " " + c).join(", ");
  }

  // authorStates says where an author is muted or suspended, or "".
  function authorStates(st) {
    return Object.keys((st && st.markets) || {}).sort().map((m) => st.markets[m].state + " in " + m).join(", ");
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
    if (!r.ok) {
      status(r.data.error || "the queue is unavailable", true);
      // A note just decided is not left open as if it still waited.
      if (state.detail && pending(state.detail.note)) { $("detail").hidden = true; state.detail = null; }
      return;
    }
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
      const sent = pending(n);
      if (sent) li.classList.add("sent");
      li.appendChild(el("span", n.title || n.body || "(empty)", "title"));
      const cats = ((n.moderation && n.moderation.labels) || []).map((l) => l.category).join(", ");
      let meta = n.note_id + " · " + (n.language ? n.language.code : "") + " · " + cats + " · priority " + it.priority;
      if (sent) meta = (state.sent.get(n.note_id).applied ? "decided, leaving the queue · " : "decision sent, not applied yet · ") + meta;
      else if (n.moderation && n.moderation.support) meta = "at risk · " + meta;
      else if (n.moderation && n.moderation.urgent) meta = "zero tolerance · " + meta;
      meta += " · " + Object.keys((n.moderation && n.moderation.markets) || {}).sort()
        .map((m) => m + " " + n.moderation.markets[m]).join(", ");
      meta += " · waiting " + ageText(it.age_seconds);
      if (it.author_queued > 1) meta += " · author has " + it.author_queued + " waiting";
      const rep = n.moderation && n.moderation.reports;
      if (rep && rep.reporters) meta += " · reported by " + rep.reporters + " (" + reasonsText(rep) + ")";
      if (n.moderation && n.moderation.appeal) meta += " · appealed";
      const held = authorStates(n.moderation && n.moderation.author);
      if (held) meta += " · author " + held;
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
    if (!keepId && state.items.length > 0 && pending(state.items[next].note)) {
      // The next note not decided already: after next, else before it.
      const len = state.items.length;
      let k = 1;
      while (k < len && pending(state.items[(next + k) % len].note)) k++;
      next = k < len ? (next + k) % len : -1;
    }
    state.sel = -1;
    if (state.items.length > 0 && next >= 0) await select(next);
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
    const [r, thread] = await Promise.all([api("GET", noteURL(id)), api("GET", noteURL(id, "/thread"))]);
    if (!r.ok) { status(r.data.error || "cannot open the note", true); return; }
    const author = r.data.note.author_id
      ? await api("GET", "/api/review/authors/" + encodeURIComponent(r.data.note.author_id)) : null;
    state.detail = r.data;
    renderDetail(r.data);
    renderContext(r.data.note, thread, author);
    setClaim(id, r.data.claim);
    setState("detail");
  }

  // goToNote opens note id through its link (/review/#ID), so the address
  // names the open note and Back returns to the one before.
  function goToNote(id) {
    const hash = "#" + encodeURIComponent(id);
    if (location.hash === hash) showNote(id);
    else location.hash = hash;
  }

  // showNote opens note id: selected in the queue when it is listed there,
  // else with no queue item selected (j and k go on from the last one).
  async function showNote(id) {
    const i = state.items.findIndex((it) => it.note.note_id === id);
    if (i >= 0) { await select(i); return; }
    for (const li of $("queue").children) li.classList.remove("selected");
    await openNote(id);
  }

  // noteLink is a link that opens note id in the desk; a plain click
  // opens it here, a middle or modified click wherever the browser does.
  function noteLink(id, text) {
    const a = el("a", text || id, "note-link");
    a.setAttribute("href", "#" + encodeURIComponent(id));
    a.dataset.noteId = id;
    return a;
  }

  function onNoteLink(ev) {
    const a = ev.target.closest && ev.target.closest("a.note-link");
    if (!a || !a.dataset.noteId || ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
    ev.preventDefault();
    goToNote(a.dataset.noteId);
  }

  // decisionChips shows a note's decision in each market: the machine's,
  // the one standing now when a reviewer changed it, and who did.
  function decisionChips(node, markets) {
    clear(node);
    for (const m of Object.keys(markets || {}).sort()) {
      const s = markets[m];
      let text = m + " " + (s.machine && s.machine !== s.now ? s.machine + "→" + s.now : s.now);
      if (s.reviewer) text += " (" + (s.reviewer.action === "approve" ? "approved" : "rejected") + " by " + s.reviewer.reviewer + ")";
      const chip = el("span", text, "dec dec-" + s.now);
      chip.dataset.market = m;
      node.appendChild(chip);
    }
  }

  function sinceText(t) {
    return t ? ageText((Date.now() - new Date(t).getTime()) / 1000) + " ago" : "?";
  }

  // contextItem is one listed note of the thread or the author's notes;
  // the open note is marked and not linked.
  function contextItem(c, openId) {
    const li = el("li");
    li.dataset.noteId = c.note_id;
    const head = el("div");
    if (c.note_id === openId) { li.classList.add("current"); head.appendChild(el("strong", "this note")); }
    else head.appendChild(noteLink(c.note_id));
    let meta = " · " + (c.kind || "note") + (c.author_id ? " by " + c.author_id : "") + " · first seen " + sinceText(c.queued_at);
    if (c.top_category) meta += " · " + c.top_category;
    if (c.waiting && c.waiting.length) meta += " · waiting in " + c.waiting.join(", ");
    head.appendChild(document.createTextNode(meta));
    li.appendChild(head);
    const chips = el("div", null, "ctx-decisions");
    decisionChips(chips, c.markets);
    li.appendChild(chips);
    li.appendChild(el("div", [c.title, c.body].filter(Boolean).join(" — ") || "(empty)", "text ctx-text"));
    for (const [lang, t] of Object.entries(c.translations || {})) {
      li.appendChild(el("div", lang + ": " + ([t.title, t.body].filter(Boolean).join(" — ")), "text ctx-text ctx-tr"));
    }
    return li;
  }

  // renderContext fills the context section from the thread and author
  // answers (either may have failed: the section says so).
  function renderContext(n, thread, author) {
    state.ctx = { note_id: n.note_id, parent_id: n.parent_id || "", thread: thread && thread.ok ? thread.data : null };
    renderThread(n, thread);
    renderAuthor(n, author);
  }

  function renderThread(n, r) {
    const parent = $("parent"), missing = $("parent-missing"), list = $("thread");
    clear(list);
    parent.hidden = true;
    missing.hidden = true;
    $("thread-line").textContent = n.parent_id ? "comment on " + n.parent_id : (n.kind || "note");
    if (!r || !r.ok) {
      $("thread-title").textContent = "The thread is unavailable" + (r && r.data.error ? ": " + r.data.error : "");
      return;
    }
    const t = r.data;
    if (t.parent) {
      const p = t.parent;
      parent.hidden = false;
      $("parent-link").setAttribute("href", "#" + encodeURIComponent(p.note_id));
      $("parent-link").dataset.noteId = p.note_id;
      $("parent-meta").textContent = p.note_id + (p.author_id ? " by " + p.author_id : "") + " · " + (p.language || "?") +
        (p.waiting && p.waiting.length ? " · waiting in " + p.waiting.join(", ") : "");
      decisionChips($("parent-decisions"), p.markets);
      $("parent-title").textContent = p.title || "";
      $("parent-title").hidden = !p.title;
      $("parent-body").textContent = p.body || "";
      const trs = $("parent-translations");
      clear(trs);
      for (const [lang, tr] of Object.entries(p.translations || {})) {
        const box = el("div", null, "ctx-tr");
        box.dataset.lang = lang;
        box.appendChild(el("span", "translation · " + lang, "tag"));
        if (tr.title) box.appendChild(el("div", tr.title, "text ctx-title"));
        box.appendChild(el("div", tr.body || "", "text ctx-parent"));
        trs.appendChild(box);
      }
    } else if (t.parent_missing) {
      missing.hidden = false;
      missing.textContent = "The parent " + t.parent_id + " is not in the index (deleted, or not seen yet).";
    }
    const around = t.siblings || t.replies;
    const what = t.siblings ? "Comments on the parent" : "Comments on this note";
    $("thread-title").textContent = around.total === 0 ? "No comments on this note"
      : what + ": " + (around.notes.length < around.total ? "the " + around.notes.length + " most recent of " + around.total : around.total);
    for (const c of around.notes) list.appendChild(contextItem(c, n.note_id));
  }

  // renderAuthor fills the one author panel from the author answer: the
  // author's notes, counts and first and last seen; the account's standing
  // and the actions on it; and the author keys, shown when the desk keeps
  // standings.
  function renderAuthor(n, r) {
    const list = $("author-notes");
    clear(list);
    clear($("author-counts"));
    clear($("author-history"));
    $("author-history-title").hidden = true;
    $("author-id").textContent = n.author_id || "unknown";
    $("author-state").textContent = "";
    $("author-standing").textContent = "";
    $("author-actions").hidden = true;
    $("author-toggle").hidden = true;
    list.hidden = true;
    if (state.ctx) state.ctx.author = null;
    if (!n.author_id) { $("author-summary").textContent = "The note names no author."; return; }
    if (!r || !r.ok) {
      $("author-summary").textContent = "The author's history is unavailable" + (r && r.data.error ? ": " + r.data.error : "");
      return;
    }
    const a = r.data;
    if (state.ctx) state.ctx.author = a;
    $("author-summary").textContent = a.total + (a.total === 1 ? " note" : " notes") + " · first seen " + sinceText(a.first_seen) +
      " · latest " + sinceText(a.last_seen) + " · " + a.queued + " waiting for a reviewer, " + (a.queued_yours || 0) + " in your markets";
    $("author-standing").textContent = standingText(a);
    const st = a.standing;
    if (st) {
      const strikes = (st.strikes || 0) + (st.strikes === 1 ? " strike" : " strikes");
      $("author-state").textContent = (authorStates(st) || "active") + " · " + strikes;
      $("author-actions").hidden = false;
    }
    const counts = $("author-counts");
    const tally = (m) => Object.keys(m || {}).sort().map((k) => m[k] + " " + k).join(", ");
    for (const m of Object.keys(a.markets || {}).sort()) {
      const c = a.markets[m];
      let text = m + " — now " + (tally(c.now) || "none");
      if (tally(c.machine) !== tally(c.now)) text += " · machine " + tally(c.machine);
      text += " · reviewers " + (tally(c.reviewer) || "none");
      const li = el("li", text);
      li.dataset.market = m;
      counts.appendChild(li);
    }
    for (const e of a.actions || []) {
      const x = e.action;
      const li = el("li", new Date(x.at).toLocaleString() + " · " + x.actor + " · " + x.action + " in " + (x.markets || []).join(", ") +
        (x.reason ? ": " + x.reason : ""));
      if (x.note_id) {
        li.appendChild(document.createTextNode(" · about "));
        li.appendChild(noteLink(x.note_id));
      }
      $("author-history").appendChild(li);
    }
    $("author-history-title").hidden = !(a.actions || []).length;
    for (const c of a.notes || []) list.appendChild(contextItem(c, n.note_id));
    const toggle = $("author-toggle");
    toggle.hidden = false;
    renderAuthorToggle();
  }

  // standingText says what author actions left on the account, or that
  // the desk keeps none.
  function standingText(a) {
    const s = a.standing;
    if (!s) return "Account standing: not recorded on this desk";
    const states = Object.keys(s.markets || {}).sort().map((m) => {
      const x = s.markets[m];
      return x.state + " in " + m + (x.actor ? " by " + x.actor : "") + (x.reason ? " (" + x.reason + ")" : "");
    });
    const strikes = s.strikes ? s.strikes + (s.strikes === 1 ? " strike" : " strikes") : "no strikes";
    return "Account standing: " + strikes + " · " + (states.length ? states.join("; ") : "active in every market");
  }

  function renderAuthorToggle() {
    const toggle = $("author-toggle"), list = $("author-notes");
    const n = list.children.length;
    list.hidden = !state.authorOpen || n === 0;
    toggle.setAttribute("aria-expanded", String(!list.hidden));
    toggle.textContent = (state.authorOpen ? "Hide" : "Show") + " the author's " + n + " most recent notes (h)";
  }

  function toggleAuthorNotes() {
    if ($("author-toggle").hidden) { status("no author's notes to show", true); return; }
    state.authorOpen = !state.authorOpen;
    renderAuthorToggle();
  }

  function openParent() {
    const c = state.ctx;
    if (!c || !c.parent_id) { status("this note answers no other note", true); return; }
    if (!c.thread || !c.thread.parent) { status("the parent " + c.parent_id + " is not in the index", true); return; }
    goToNote(c.parent_id);
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
    renderAppeal(d);
    const rep = mod.reports;
    $("reports").hidden = !(rep && rep.reporters);
    $("reports").textContent = rep && rep.reporters
      ? "Reported by " + rep.reporters + (rep.reporters === 1 ? " person" : " people") + ": " + reasonsText(rep) +
        (rep.queued_at ? " · in the queue for reports since " + new Date(rep.queued_at).toLocaleString() +
          " (still shown until a reviewer decides)" : "")
      : "";
    $("severity").textContent = "severity " + (d.severity || 0).toFixed(2);
    const labels = $("labels");
    clear(labels);
    for (const l of (n.moderation && n.moderation.labels) || []) {
      const spans = (l.evidence || []).map((e) => e.field + ": " + e.text).join(" | ");
      labels.appendChild(el("li", l.category + " " + Number(l.score).toFixed(2) + " (" + l.source + ")" + (spans ? " — " + spans : "")));
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

  // renderAppeal shows the author's appeal: their words, the decision
  // under appeal in each market and who made it, and whether the reviewer
  // may decide it (the one who made the decision may not).
  function renderAppeal(d) {
    const box = $("appeal");
    clear(box);
    const ap = d.note.moderation && d.note.moderation.appeal;
    box.hidden = !ap;
    if (!ap) return;
    const waits = (d.appeal && d.appeal.waits_in) || [];
    const yours = (d.appeal && d.appeal.yours_in) || [];
    box.appendChild(el("p", "Appeal by the author" + (ap.at ? " on " + new Date(ap.at).toLocaleString() : "") +
      (waits.length ? " — waiting in " + waits.join(", ") : " — decided")));
    if (ap.message) box.appendChild(el("p", "“" + ap.message + "”", "text"));
    for (const m of Object.keys(ap.original || {}).sort()) {
      const o = ap.original[m];
      const who = o.reviewer ? (o.action === "reject" ? "rejected" : o.action) + " by " + o.reviewer : o.decision + " by the machine";
      box.appendChild(el("p", m + ": " + who + (o.category ? " (" + o.category + (o.reason ? ": " + o.reason : "") + ")" : "") +
        (o.at ? " on " + new Date(o.at).toLocaleString() : "") + (waits.includes(m) ? "" : " · decided since")));
    }
    if (yours.length) {
      box.appendChild(el("p", "You made the decision under appeal in " + yours.join(", ") +
        ": another reviewer decides the appeal there.", "yours"));
    }
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
    const appealYours = (state.detail && state.detail.appeal && state.detail.appeal.yours_in) || [];
    for (const tr of document.querySelectorAll("#markets-rows tr")) {
      const m = tr.dataset.market;
      const now = tr.querySelector(".now").textContent;
      const fx = tr.querySelector(".effect");
      if (!mine(m)) fx.textContent = "not yours: stays " + now;
      else if (appealYours.includes(m)) fx.textContent = "appeal of your decision: another reviewer decides (untick " + m + ")";
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
      // Refused on an appeal of their own decision, the reviewer lets go
      // of the note so that another can decide it.
      if (r.status === 403 && d.appeal && (d.appeal.yours_in || []).length && state.held === n.note_id) {
        await releaseHeld();
        setClaim(n.note_id, null);
      }
      setState("decision-refused");
      return;
    }
    const markets = (r.data.decision && r.data.decision.markets) || [];
    state.last = { note_id: n.note_id, action, markets };
    if (action !== "label" && action !== "escalate") {
      state.sent.set(n.note_id, { revision: n.revision || 0, at: Date.now(), applied: r.status !== 202 });
      if (state.sent.size > 500) state.sent.delete(state.sent.keys().next().value);
    }
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
    if (action === "author-reject") {
      // A bulk decision claims each of the author's notes itself, and
      // skips those another reviewer holds: the open note is not claimed.
      if (!d.note.author_id) { status("this note has no author", true); return; }
    } else if (!(await claimNote()) || state.detail !== d) {
      // Starting the dialog is starting work on the note: claim it first.
      return;
    }
    const dlg = $("reason-dialog");
    const yours = state.ctx && state.ctx.author && state.ctx.author.author_id === d.note.author_id ? state.ctx.author.queued_yours : null;
    $("reason-title").textContent = action === "reject" ? "Reject" : action === "author-reject"
      ? "Reject every note of " + d.note.author_id + " waiting in your markets" + (yours == null ? "" : " (" + yours + ")") : "Label only";
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
    if (dlg.dataset.action === "author-reject") await rejectAuthorsWaiting(category, $("reason-text").value);
    else await decide(dlg.dataset.action, { category, reason: $("reason-text").value });
  }

  // rejectAuthorsWaiting rejects every note of the open note's author
  // waiting in the reviewer's markets, each where it waits.
  async function rejectAuthorsWaiting(category, reason) {
    const d = state.detail;
    if (!d || !d.note.author_id) return;
    const author = d.note.author_id;
    status("rejecting the waiting notes of " + author + "…");
    const r = await api("POST", "/api/review/bulk", { action: "reject", category, reason, author_id: author });
    if (!r.ok) { status(r.data.error || "bulk decision failed", true); setState("decision-refused"); return; }
    const failed = (r.data.results || []).filter((x) => x.error);
    // The decisions ended the claims they took, the open note's too.
    if ((r.data.results || []).some((x) => !x.error && x.note_id === state.held)) { state.held = null; stopHeartbeat(); }
    status("rejected " + r.data.decided + " waiting notes of " + author + (failed.length ? "; " + failed.length + " skipped (claimed, changed or not yours)" : ""), failed.length > 0);
    await loadQueue();
    setState("decided");
  }

  // askAuthor opens the author dialog for an action on the open note's
  // author, in the ticked markets.
  function askAuthor(action) {
    const d = state.detail;
    if (!d) return;
    if (!d.note.author_id) { status("this note has no author", true); return; }
    const a = state.ctx && state.ctx.author;
    if (a && a.author_id === d.note.author_id && !a.standing) { status("author actions are not configured on this desk", true); return; }
    const markets = chosenMarkets();
    if (markets.length === 0) { status("tick at least one of your markets to " + action + " " + d.note.author_id, true); return; }
    const dlg = $("author-dialog");
    $("author-title").textContent = action.charAt(0).toUpperCase() + action.slice(1) + " " + d.note.author_id + " in " + markets.join(", ");
    $("author-reason").value = "";
    $("author-error").hidden = true;
    dlg.dataset.action = action;
    dlg.showModal();
    $("author-reason").focus();
  }

  async function authorSubmitted(ev) {
    ev.preventDefault();
    const dlg = $("author-dialog");
    const action = dlg.dataset.action;
    const reason = $("author-reason").value.trim();
    if (!reason && action !== "lift") {
      $("author-error").textContent = "Give a reason: it is shown to the other reviewers and kept in the audit trail.";
      $("author-error").hidden = false;
      $("author-reason").focus();
      return;
    }
    dlg.close();
    const d = state.detail;
    const author = d.note.author_id;
    const r = await api("POST", "/api/review/authors/" + encodeURIComponent(author) + "/actions",
      { action, reason, markets: chosenMarkets(), note_id: d.note.note_id });
    if (!r.ok) { status(r.data.error || ("the author action failed (" + r.status + ")"), true); setState("author-refused"); return; }
    const markets = (r.data.action && r.data.action.markets) || [];
    status((r.status === 202 ? "sent: " : "done: ") + action + " " + author + " in " + markets.join(", "));
    // The panel as the action left it (200), or as the desk reads it now
    // (202: the action is on its way).
    const panel = r.data.author ? { ok: true, data: r.data.author }
      : await api("GET", "/api/review/authors/" + encodeURIComponent(author));
    if (state.detail && state.detail.note.author_id === author) renderAuthor(state.detail.note, panel);
    setState("author-acted");
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
    if ($("reason-dialog").open || $("author-dialog").open || $("desk").hidden) return;
    const keys = {
      j: () => select(state.sel + 1), k: () => select(state.sel - 1),
      c: () => needsClaim(claimNote),
      a: () => needsClaim(() => decide("approve")), r: () => needsClaim(() => askReason("reject")),
      e: () => needsClaim(() => decide("escalate")), l: () => needsClaim(() => askReason("label")),
      u: () => undo(), s: () => findSimilar(),
      p: () => openParent(), h: () => toggleAuthorNotes(),
      // Author actions act on the account, not the open note: no claim.
      t: () => askAuthor("strike"), m: () => askAuthor("mute"), x: () => askAuthor("suspend"), y: () => askAuthor("lift"),
      b: () => askReason("author-reject"),
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
    $("author-form").addEventListener("submit", authorSubmitted);
    $("author-cancel").addEventListener("click", () => $("author-dialog").close());
    for (const b of document.querySelectorAll("[data-author-action]")) b.addEventListener("click", () => askAuthor(b.dataset.authorAction));
    $("author-bulk").addEventListener("click", () => askReason("author-reject"));
    $("author-toggle").addEventListener("click", toggleAuthorNotes);
    $("detail").addEventListener("click", onNoteLink);
    $("logout").addEventListener("click", async () => { await releaseHeld(); await api("POST", "/api/review/logout"); showLogin(); });
    document.addEventListener("keydown", onKey);
    window.addEventListener("hashchange", () => { const id = linkedNote(); if (id && state.me) showNote(id); });
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
