// Neuroguide chat client. It speaks the websocket protocol of web/protocol.go and
// renders answers in a small Markdown subset built from DOM nodes and text nodes,
// never from innerHTML, so that no answer text can become markup.
//
// Reuse: `new Chat(root, options).start()` runs a chat inside any element or
// shadow root. If root holds no chat markup, Chat builds it. Options: `server`,
// the base URL of the Neuroguide server (default: the page's own directory);
// `token`, the server's shared token, if it asks for one; `title` and
// `greeting`, shown in markup Chat builds. The conversation's id is kept in
// localStorage, so that a reload reads the conversation back from a server that
// keeps history. The page's elements marked data-neuroguide-chat are started when
// this module loads, with the token of their data-token attribute or of the
// page's own token query parameter (widget.js and embed.js start others).
//
// A websocket the server refuses (403: a missing or wrong token, a page of
// another origin) fails before it opens, and the WebSocket API hides why; the
// chat then asks the same URL with fetch, reads the refusal's reason and stops
// reconnecting (see the access notes of web/protocol.go).

const BACKOFF_MIN_MS = 500;
const BACKOFF_MAX_MS = 30000;
const CLOSE_GOING_AWAY = 1001;
const CLOSE_TOO_BIG = 1009;

const PARTS = ["form", "input", "send", "stop", "new", "log", "status", "empty"];

// Chat is one chat view bound to one websocket connection.
export class Chat {
  constructor(root, options = {}) {
    this.root = root;
    this.doc = root.ownerDocument || document;
    this.base = serverBase(options.server, this.doc);
    this.token = options.token || "";
    this.ui = findParts(root) || buildParts(root, this.doc, options);
    this.storageKey = `neuroguide:conversation:${this.base.href}`;

    this.turns = new Map(); // running asks by id
    this.feedbackTurns = new Map(); // answers whose feedback was sent, by id
    this.dropped = new Set(); // ids of asks cleared by "New conversation"
    this.conversation = loadConversation(this.storageKey);
    this.running = "";
    this.seq = 0;
    this.idPrefix = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
    this.server = null; // the hello frame: what this server serves
    this.loaded = false; // the conversation was read back, or there was none

    this.socket = null;
    this.attempts = 0;
    this.retryTimer = 0;
    this.stopped = false;
    this.refusal = ""; // why the server refused the websocket; then the chat stops

    this.bind();
  }

  // start opens the connection; it returns the Chat.
  start() {
    this.stopped = false;
    this.refusal = ""; // a deliberate start tries again
    delete this.ui.form.dataset.refused;
    this.connect();
    return this;
  }

  // stop closes the connection for good.
  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    if (this.socket) this.socket.close(1000, "chat closed");
  }

  bind() {
    const { form, input, stop } = this.ui;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.ask();
    });
    input.addEventListener("keydown", (event) => this.onKey(event));
    stop.addEventListener("click", () => this.cancel());
    this.ui.new.addEventListener("click", () => this.newConversation());
  }

  onKey(event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.ask();
    } else if (event.key === "Escape" && this.running) {
      event.preventDefault();
      this.cancel();
    }
  }

  // Connection.

  connect() {
    if (this.stopped || this.socket || this.refusal) return;
    let socket;
    try {
      socket = new WebSocket(socketURL(this.base, this.token));
    } catch (err) {
      this.scheduleReconnect("Cannot connect");
      return;
    }
    this.socket = socket;
    let opened = false;
    socket.addEventListener("open", () => {
      opened = true;
      this.onOpen();
    });
    socket.addEventListener("message", (event) => this.onFrame(event.data));
    socket.addEventListener("close", (event) => this.onClose(socket, event, opened));
  }

  onOpen() {
    if (this.attempts > 0) this.setStatus("Connected again.");
    this.attempts = 0;
    this.sendFrame({ type: "hello" }); // the server answers with what it serves
  }

  // onHello learns what the server serves, then reads the conversation back
  // after a reload, or resumes the answer that was running when the connection
  // dropped.
  onHello(frame) {
    this.server = frame;
    this.ui.form.dataset.connected = "true"; // for styles and tests

    if (!frame.history) {
      this.loaded = true;
      return;
    }
    if (this.running && this.conversation) {
      this.sendFrame({ type: "resume", id: this.running, conversation: this.conversation });
    } else if (this.running) {
      const turn = this.turns.get(this.running);
      if (turn) this.loseTurn(turn, "The connection was lost before the answer started.");
    } else if (!this.loaded && this.conversation) {
      this.sendFrame({ type: "history", id: `h${++this.seq}`, conversation: this.conversation });
    }
    this.loaded = true;
  }

  onClose(socket, event, opened) {
    if (this.socket !== socket) return;
    this.socket = null;
    delete this.ui.form.dataset.connected;

    const tooBig = event.code === CLOSE_TOO_BIG;
    const keeps = this.server && this.server.history && !tooBig;
    if (this.running && keeps) {
      // The server goes on with the answer; it is resumed after reconnecting.
      this.setStatus("Connection lost; the answer will continue after reconnecting.");
    } else if (this.running) {
      const turn = this.turns.get(this.running);
      const why = tooBig ? "The question was too large to send." :
        "The connection was lost before the answer finished.";
      if (turn) this.loseTurn(turn, why);
    } else if (tooBig) {
      this.addErrorBubble("The last message was too large to send.");
    }

    if (this.stopped) return;
    if (!opened) {
      this.checkAccess();
      return;
    }
    const reason = event.code === CLOSE_GOING_AWAY ? "The server is restarting" : "Disconnected";
    this.scheduleReconnect(reason);
  }

  // checkAccess learns why a websocket failed before it opened: a refusal stops
  // the chat with its reason, anything else (the server down, say) reconnects.
  checkAccess() {
    this.setStatus("Cannot connect; checking why…");
    probeRefusal(accessURL(this.base, this.token)).then((refusal) => {
      if (this.stopped || this.socket) return;
      if (!refusal) {
        this.scheduleReconnect("Cannot connect");
        return;
      }
      this.refusal = refusal;
      this.ui.form.dataset.refused = "true"; // for styles and tests
      this.setStatus(refusal);
    });
  }

  scheduleReconnect(reason) {
    const full = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** this.attempts);
    const delay = full / 2 + Math.random() * full / 2; // jitter spreads reconnecting clients
    this.attempts++;
    this.setStatus(`${reason}; reconnecting in ${Math.ceil(delay / 1000)} s…`);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  isOpen() {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
  }

  sendFrame(frame) {
    this.socket.send(JSON.stringify(frame));
  }

  // Asking.

  // ask sends the question in the box. Its text stays there until the server
  // accepts the ask (the start frame), so that a refused question is not lost.
  ask() {
    const text = this.ui.input.value;
    if (!text.trim()) {
      this.setStatus("Type a question first.");
      return;
    }
    const limit = this.server ? this.server.max_question_runes : 0;
    const length = [...text].length; // the server counts code points too
    if (limit > 0 && length > limit) {
      this.setStatus(`The question has ${length} characters; the limit is ${limit}. ` +
        "Shorten it, then send.");
      return;
    }
    if (this.running) {
      this.setStatus("An answer is still running: wait for it, or press Stop.");
      return;
    }
    if (this.refusal) {
      this.setStatus(this.refusal);
      return;
    }
    if (!this.isOpen()) {
      this.setStatus("Not connected yet: the chat is reconnecting.");
      return;
    }

    // Ids stay unique in a conversation across reloads: the history keeps them.
    const id = `q${this.idPrefix}-${++this.seq}`;
    const frame = { type: "ask", id, text };
    if (this.conversation) frame.conversation = this.conversation;
    this.sendFrame(frame);

    this.addTurn(id, text);
    this.turns.get(id).asked = text; // until the start frame
    this.setStatus("");
    this.setRunning(id);
  }

  cancel() {
    if (!this.running || !this.isOpen()) return;
    this.sendFrame({ type: "cancel", id: this.running });
    this.setStatus("Stopping…");
  }

  newConversation() {
    if (this.running) {
      this.cancel();
      this.dropped.add(this.running);
      this.setRunning("");
    }
    this.turns.clear();
    this.setConversation("");

    for (const node of [...this.ui.log.children]) {
      if (node !== this.ui.empty) node.remove();
    }
    if (this.ui.empty) this.ui.empty.hidden = false;
    this.setStatus("New conversation started.");
    this.ui.input.focus();
  }

  setConversation(id) {
    this.conversation = id;
    saveConversation(this.storageKey, id);
  }

  setRunning(id) {
    this.running = id;
    const { stop, input, log } = this.ui;
    // A disabled button drops focus to the page: move it to the question first.
    if (!id && activeElement(this.root) === stop) input.focus();
    stop.disabled = !id;
    // The log is busy while an answer streams (onDelta), so that screen readers
    // read it once it is whole rather than piece by piece.
    if (!id) log.setAttribute("aria-busy", "false");
  }

  // Frames.

  onFrame(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch (err) {
      return;
    }
    if (!frame || typeof frame !== "object") return;
    if (this.dropped.has(frame.id)) {
      if (frame.type === "done" || frame.type === "error") this.dropped.delete(frame.id);
      return;
    }

    const turn = this.turns.get(frame.id);
    switch (frame.type) {
      case "hello":
        this.onHello(frame);
        break;
      case "turns":
        this.onTurns(frame);
        break;
      case "feedback_saved":
        this.onFeedbackSaved(frame);
        break;
      case "start":
        if (turn) this.onStart(turn, frame);
        break;
      case "delta":
        if (turn) this.onDelta(turn, frame);
        break;
      case "sources":
        if (turn) this.onSources(turn, frame);
        break;
      case "done":
        if (turn) this.onDone(turn, frame);
        break;
      case "error":
        this.onError(turn, frame);
        break;
    }
  }

  // onStart: the server accepted the ask, so its question leaves the box, unless
  // the box has been edited since.
  onStart(turn, frame) {
    if (frame.conversation) this.setConversation(frame.conversation);
    turn.text = ""; // a resumed answer starts again from its beginning
    if (turn.asked === undefined) return;
    if (this.ui.input.value === turn.asked) this.ui.input.value = "";
    turn.asked = undefined;
  }

  onDelta(turn, frame) {
    if (turn.waiting) {
      this.stopWaiting(turn);
      if (this.running === turn.id) this.ui.log.setAttribute("aria-busy", "true");
    }
    turn.text += String(frame.text ?? "");
    if (turn.queued) return;
    turn.queued = true;
    const schedule = this.doc.defaultView?.requestAnimationFrame ?? ((f) => setTimeout(f, 16));
    schedule(() => {
      turn.queued = false;
      this.renderTurn(turn);
    });
  }

  onSources(turn, frame) {
    this.stopWaiting(turn); // an answer with no text gets its sources and done at once
    const sources = Array.isArray(frame.sources) ? frame.sources : [];
    turn.sources = new Map(sources.map((s) => [s.n, s]));
    this.renderTurn(turn);
    if (sources.length > 0) {
      turn.bubble.append(renderSources(this.doc, sources, this.base));
    }
  }

  onDone(turn, frame) {
    if (typeof frame.answer === "string") turn.text = frame.answer;
    turn.sources ??= new Map();
    this.renderTurn(turn);
    if (frame.notice) {
      turn.bubble.append(el(this.doc, "p", { class: "ng-notice", text: frame.notice }));
    }
    this.addFeedback(turn, 0);
    this.endTurn(turn);
  }

  // onTurns shows a conversation read back from the server, and follows the
  // answer still running in it, if any.
  onTurns(frame) {
    if (frame.conversation !== this.conversation) return;
    const turns = Array.isArray(frame.turns) ? frame.turns : [];
    for (const t of turns) {
      if (this.turns.has(t.id)) continue;
      this.addTurn(t.id, String(t.question ?? ""));
      const turn = this.turns.get(t.id);
      turn.text = String(t.answer ?? "");
      if (t.status === "running") {
        if (!this.running) {
          this.setRunning(t.id);
          this.sendFrame({ type: "resume", id: t.id, conversation: this.conversation });
        }
        continue;
      }
      this.showStoredTurn(turn, t);
    }
  }

  showStoredTurn(turn, t) {
    const sources = Array.isArray(t.sources) ? t.sources : [];
    turn.sources = new Map(sources.map((s) => [s.n, s]));
    this.renderTurn(turn);
    if (t.status === "done") {
      if (sources.length > 0) turn.bubble.append(renderSources(this.doc, sources, this.base));
      if (t.notice) turn.bubble.append(el(this.doc, "p", { class: "ng-notice", text: t.notice }));
      this.addFeedback(turn, t.rating || 0, t.comment || "");
    } else {
      const why = { cancelled: "Stopped.", interrupted: "The server shut down before this " +
        "answer was finished." }[t.status] || "This answer failed.";
      turn.bubble.append(el(this.doc, "p", { class: "ng-notice", text: why }));
    }
    this.endTurn(turn);
  }

  // Feedback.

  // addFeedback adds thumbs up and down, and a comment box, under an answer,
  // when the server keeps history to store them in.
  addFeedback(turn, rating, comment = "") {
    if (!this.server || !this.server.history) return;
    const doc = this.doc;
    const up = el(doc, "button", { type: "button", class: "ng-button ng-thumb",
      "data-rating": "1", "aria-label": "Helpful", title: "Helpful" }, thumbIcon(doc, false));
    const down = el(doc, "button", { type: "button", class: "ng-button ng-thumb",
      "data-rating": "-1", "aria-label": "Not helpful", title: "Not helpful" },
    thumbIcon(doc, true));
    const note = el(doc, "input", { type: "text", class: "ng-comment", maxlength: "2000",
      "aria-label": "Comment on this answer (optional)", placeholder: "Comment (optional)" });
    const save = el(doc, "button", { type: "button", class: "ng-button ng-comment-send",
      text: "Send comment" });
    const state = el(doc, "span", { class: "ng-feedback-state", role: "status" });
    const box = el(doc, "div", { class: "ng-feedback", "data-ask": turn.id },
      up, down, note, save, state);
    note.value = comment;

    const fb = { rating, up, down, note, save, state };
    turn.feedback = fb;
    this.showRating(fb);
    up.addEventListener("click", () => this.rate(turn, fb.rating === 1 ? 0 : 1));
    down.addEventListener("click", () => this.rate(turn, fb.rating === -1 ? 0 : -1));
    save.addEventListener("click", () => this.rate(turn, fb.rating));
    turn.bubble.append(box);
  }

  rate(turn, rating) {
    if (!this.isOpen()) {
      turn.feedback.state.textContent = "Not connected.";
      return;
    }
    turn.feedback.rating = rating;
    this.showRating(turn.feedback);
    this.feedbackTurns.set(turn.id, turn);
    this.sendFrame({ type: "feedback", id: turn.id, conversation: this.conversation, rating,
      comment: turn.feedback.note.value.trim() });
    turn.feedback.state.textContent = "Saving…";
  }

  showRating(fb) {
    fb.up.setAttribute("aria-pressed", String(fb.rating === 1));
    fb.down.setAttribute("aria-pressed", String(fb.rating === -1));
  }

  onFeedbackSaved(frame) {
    const turn = this.feedbackTurns.get(frame.id);
    if (turn && turn.feedback) turn.feedback.state.textContent = "Thanks!";
  }

  onError(turn, frame) {
    const message = String(frame.message || "Something went wrong.");
    const rated = this.feedbackTurns.get(frame.id);
    if (!turn && rated && rated.feedback) {
      rated.feedback.state.textContent = message;
      return;
    }
    if (frame.code === "unknown_conversation") {
      this.setConversation(""); // the server has no such conversation: start afresh
      if (!turn) return;
    }
    if (!turn) {
      this.addErrorBubble(message);
      return;
    }
    if (turn.asked !== undefined) {
      this.unsent(turn, refusalText(frame));
      return;
    }
    if (frame.code === "cancelled") {
      this.renderTurn(turn);
      turn.bubble.append(el(this.doc, "p", { class: "ng-notice", text: "Stopped." }));
      this.endTurn(turn);
      this.setStatus("");
      return;
    }
    this.failTurn(turn, message);
  }

  // Rendering.

  addTurn(id, text) {
    const doc = this.doc;
    if (this.ui.empty) this.ui.empty.hidden = true;

    const question = el(doc, "div", { class: "ng-msg ng-question" },
      el(doc, "span", { class: "ng-sr-only", text: "You asked: " }),
      el(doc, "p", { class: "ng-question-text", text }));
    const body = el(doc, "div", { class: "ng-answer-body" });
    // Until the first delta: a language model may take a while to its first token.
    const waiting = el(doc, "p", { class: "ng-waiting", role: "status",
      text: "Looking it up…" });
    const bubble = el(doc, "div", { class: "ng-msg ng-answer" },
      el(doc, "span", { class: "ng-sr-only", text: "Answer: " }), body, waiting);
    bubble.classList.add("ng-pending");

    this.ui.log.append(question, bubble);
    this.turns.set(id, { id, text: "", sources: null, question, bubble, body, waiting,
      queued: false, asked: undefined });
    this.scrollToEnd();
  }

  stopWaiting(turn) {
    if (!turn.waiting) return;
    turn.waiting.remove();
    turn.waiting = null;
  }

  renderTurn(turn) {
    const stick = this.nearEnd();
    const opts = { sources: turn.sources, base: this.base };
    turn.body.replaceChildren(renderMarkdown(this.doc, turn.text, opts));
    if (turn.text) turn.bubble.classList.remove("ng-pending");
    if (stick) this.scrollToEnd();
  }

  failTurn(turn, message) {
    this.stopWaiting(turn);
    this.renderTurn(turn);
    turn.bubble.classList.add("ng-failed");
    turn.bubble.append(el(this.doc, "p", { class: "ng-error-text", text: message }));
    this.endTurn(turn);
  }

  // loseTurn ends a turn whose connection was lost: one the server had not
  // accepted yet goes back to the question box.
  loseTurn(turn, message) {
    if (turn.asked === undefined) {
      this.failTurn(turn, message);
      return;
    }
    this.unsent(turn, "The connection was lost before the question was accepted; " +
      "send it again.");
  }

  // unsent takes back an ask the server did not accept: its bubbles go, its
  // text stays in the question box (or comes back to an emptied one), and the
  // status says why.
  unsent(turn, message) {
    turn.question.remove();
    turn.bubble.remove();
    this.turns.delete(turn.id);
    if (this.running === turn.id) this.setRunning("");

    const input = this.ui.input;
    if (!input.value.trim()) input.value = turn.asked;
    if (this.ui.empty && !this.ui.log.querySelector(".ng-msg")) this.ui.empty.hidden = false;
    this.setStatus(message);
    input.focus();
  }

  endTurn(turn) {
    this.stopWaiting(turn);
    turn.bubble.classList.remove("ng-pending");
    this.turns.delete(turn.id);
    if (this.running === turn.id) this.setRunning("");
    this.scrollToEnd();
  }

  addErrorBubble(message) {
    if (this.ui.empty) this.ui.empty.hidden = true;
    this.ui.log.append(el(this.doc, "div", { class: "ng-msg ng-error" },
      el(this.doc, "p", { class: "ng-error-text", text: message })));
    this.scrollToEnd();
  }

  setStatus(text) {
    this.ui.status.textContent = text;
  }

  nearEnd() {
    const log = this.ui.log;
    return log.scrollHeight - log.scrollTop - log.clientHeight < 48;
  }

  scrollToEnd() {
    this.ui.log.scrollTop = this.ui.log.scrollHeight;
  }
}

// refusalText says why the server refused an ask before it started.
function refusalText(frame) {
  const message = String(frame.message || "The question was not accepted.");
  const wait = Number(frame.retry_after);
  switch (frame.code) {
    case "rate_limited":
      return wait > 0 ? `Too many questions: wait ${wait} s, then send again.` : message;
    case "question_too_long":
      return `${message} Shorten it, then send.`;
    case "unknown_turn": // a resume after a reconnect: the ask never reached the server
      return "The connection was lost before the question was accepted; send it again.";
    case "unknown_conversation":
      return "The server no longer has this conversation; send the question again to " +
        "start a new one.";
  }
  return message;
}

// serverBase returns the URL the websocket and relative source links resolve
// against: server, made a directory, or the page's own directory.
function serverBase(server, doc) {
  if (!server) return new URL(".", doc.baseURI);
  const url = new URL(server, doc.baseURI);
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  return url;
}

// accessURL returns the http(s) URL of the websocket endpoint; a browser cannot
// set headers on a websocket, so the token goes in the query.
function accessURL(base, token) {
  const url = new URL("ws", base);
  url.search = token ? `?token=${encodeURIComponent(token)}` : "";
  url.hash = "";
  return url;
}

// socketURL returns the websocket's URL.
function socketURL(base, token) {
  const url = accessURL(base, token);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.href;
}

// The reasons of the server's 403 (web/access.go), and what the chat says.
const REFUSALS = [
  ["origin not allowed", "Access refused: this site is not allowed to use the assistant " +
    "(an administrator allows it in NEUROGUIDE_ALLOWED_ORIGINS)."],
  ["token missing", "Access refused: this chat needs a valid token."],
  ["token wrong", "Access refused: this chat needs a valid token."],
];

// probeRefusal asks url with a plain GET, which the server's access check
// answers before its upgrade check: it resolves to what to tell the user of a
// 403, and to "" for any other answer or none (then the chat reconnects).
async function probeRefusal(url) {
  let resp;
  try {
    resp = await fetch(url, { cache: "no-store" });
  } catch (err) {
    return ""; // down, or a page of another origin that may not read the answer
  }
  if (resp.status !== 403) return "";

  const body = await resp.text().catch(() => "");
  const known = REFUSALS.find(([reason]) => body.includes(`forbidden: ${reason}`));
  return known ? known[1] : "Access refused: the server does not let this page use the chat.";
}

// loadConversation and saveConversation keep the conversation's id across
// reloads; storage may be off (private windows, blocked third-party storage).
function loadConversation(key) {
  try {
    return globalThis.localStorage?.getItem(key) || "";
  } catch (err) {
    return "";
  }
}

function saveConversation(key, id) {
  try {
    if (id) globalThis.localStorage?.setItem(key, id);
    else globalThis.localStorage?.removeItem(key);
  } catch (err) {
    // Without storage a reload starts a new conversation.
  }
}

function activeElement(root) {
  const scope = root.getRootNode ? root.getRootNode() : root.ownerDocument;
  return scope.activeElement;
}

// findParts returns the chat's controls in root, or null if root has none.
function findParts(root) {
  if (!root.querySelector('[data-ng="form"]')) return null;
  const parts = {};
  for (const name of PARTS) parts[name] = root.querySelector(`[data-ng="${name}"]`);
  return parts;
}

let instances = 0;

// buildParts builds the chat's markup in root, as in index.html, and returns its
// controls. Ids are numbered so that several chats can share a page.
function buildParts(root, doc, options = {}) {
  const n = ++instances;
  const input = el(doc, "textarea", { class: "ng-input", id: `ng-question-${n}`,
    "data-ng": "input", rows: "2", "aria-describedby": `ng-hint-${n}`, autocomplete: "off" });
  const doi = el(doc, "a", { href: "https://doi.org/10.3390/app13095472", target: "_blank",
    rel: "noopener", text: "Tshimanga et al., Applied Sciences 2023" });

  const chat = el(doc, "div", { class: "ng-chat" },
    el(doc, "header", { class: "ng-header" },
      el(doc, "div", { class: "ng-title-row" },
        el(doc, "h2", { class: "ng-title", text: options.title || "Neuroguide" }),
        button(doc, "new", "ng-new", "New conversation")),
      el(doc, "p", { class: "ng-credit" }, "Answers are grounded in ", doi, " (CC BY 4.0)")),
    el(doc, "div", { class: "ng-log", "data-ng": "log", role: "log", "aria-live": "polite",
      "aria-label": "Conversation", tabindex: "0" },
      el(doc, "p", { class: "ng-empty", "data-ng": "empty", text: options.greeting ||
        "Ask which deep-learning libraries suit your data, task or language." })),
    el(doc, "p", { class: "ng-status", "data-ng": "status", role: "status",
      "aria-live": "polite" }),
    el(doc, "form", { class: "ng-form", "data-ng": "form", "aria-label": "Ask a question" },
      el(doc, "label", { class: "ng-label", for: `ng-question-${n}`, text: "Your question" }),
      input,
      el(doc, "div", { class: "ng-actions" },
        el(doc, "p", { class: "ng-hint", id: `ng-hint-${n}`,
          text: "Enter sends, Shift+Enter starts a new line, Escape stops an answer." }),
        button(doc, "stop", "ng-stop", "Stop", { disabled: "" }),
        button(doc, "send", "ng-send", "Send", { type: "submit" }))));

  root.append(chat);
  return findParts(root);
}

function button(doc, part, cls, text, attrs = {}) {
  return el(doc, "button", { type: "button", class: `ng-button ${cls}`, "data-ng": part,
    text, ...attrs });
}

// el makes an element; "class" and "text" attributes set its class and text, and
// children (nodes or strings, which become text nodes) are appended.
function el(doc, tag, attrs = {}, ...children) {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

// THUMB outlines a thumb up in a 24 × 24 box: the cuff, then the hand. The icons
// are drawn, not emoji, which many systems have no font for.
const THUMB = "M3 10h4v10H3z M7 10l3.5-6.5c1.4 0 2.5 1.3 2.1 2.7L11.8 10H18c1.3 0 2.3 " +
  "1.2 2 2.5l-1.3 5.9c-.2 1-1.1 1.6-2 1.6H7z";
const SVG_NS = "http://www.w3.org/2000/svg";

// thumbIcon returns the thumb up, or down, as inline SVG in the text's colour;
// the button around it carries the label.
function thumbIcon(doc, down) {
  const svg = doc.createElementNS(SVG_NS, "svg");
  for (const [name, value] of Object.entries({ viewBox: "0 0 24 24", width: "18",
    height: "18", class: "ng-icon", "aria-hidden": "true", focusable: "false" })) {
    svg.setAttribute(name, value);
  }
  const path = doc.createElementNS(SVG_NS, "path");
  path.setAttribute("d", THUMB);
  if (down) path.setAttribute("transform", "rotate(180 12 12)");
  svg.append(path);
  return svg;
}

// Sources.

// renderSources returns the numbered list of an answer's sources.
function renderSources(doc, sources, base) {
  const list = el(doc, "ol", { class: "ng-sources-list" });
  for (const source of sources) {
    const item = el(doc, "li");
    if (Number.isInteger(source.n)) item.value = source.n;
    const label = source.title || source.library || `Source ${source.n}`;
    const href = safeURL(source.url, base);
    item.append(href ? link(doc, href, label) : label);
    const detail = sourceDetail(source, label);
    if (detail) item.append(el(doc, "span", { class: "ng-source-detail", text: ` — ${detail}` }));
    list.append(item);
  }
  return el(doc, "section", { class: "ng-sources", "aria-label": "Sources" },
    el(doc, "h2", { class: "ng-sources-title", text: "Sources" }), list);
}

// sourceDetail says what a source's title does not: where a library's code lives,
// or the section a passage comes from.
function sourceDetail(source, label) {
  const parts = [];
  if (source.library && !label.includes(source.library)) parts.push(source.library);
  if (source.section && !label.includes(source.section)) parts.push(`section ${source.section}`);
  if (source.kind === "library" && typeof source.url === "string") {
    parts.push(source.url.replace(/^https?:\/\//, "").replace(/\/$/, ""));
  }
  return parts.join(", ");
}

function sourceTooltip(source) {
  const parts = [source.title, source.library !== source.title ? source.library : "",
    source.section ? `section ${source.section}` : ""];
  return parts.filter(Boolean).join(" · ") || `Source ${source.n}`;
}

// safeURL resolves raw against base and returns it if it is http or https.
function safeURL(raw, base) {
  if (typeof raw !== "string" || raw === "") return null;
  try {
    const url = new URL(raw, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch (err) {
    return null;
  }
}

// linkableURL returns the address raw names, resolved, if an answer may link to
// it: the server's review page, or the URL of one of the answer's sources (its
// fragment and a trailing slash aside). Otherwise, and for any URL while the
// sources are unknown, it returns null.
function linkableURL(raw, opts) {
  const href = safeURL(raw, opts.base);
  if (!href) return null;

  const url = new URL(href);
  const review = opts.base ? new URL("review", opts.base) : null;
  if (review && url.origin === review.origin && url.pathname === review.pathname) return href;
  if (!opts.sources) return null;

  for (const source of opts.sources.values()) {
    const known = safeURL(source.url, opts.base);
    if (known && sameResource(new URL(known), url)) return href;
  }
  return null;
}

function sameResource(a, b) {
  const path = (u) => u.pathname.replace(/\/+$/, "");
  return a.origin === b.origin && path(a) === path(b) && a.search === b.search;
}

function link(doc, href, text) {
  return el(doc, "a", { href, target: "_blank", rel: "noopener", text });
}

// Markdown.

const BULLET = /^\s*[-*]\s+(.*)$/;
const NUMBERED = /^\s*(\d{1,9})[.)]\s+(.*)$/;
const HEADING = /^\s{0,3}#{1,6}\s+(.*?)[\s#]*$/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const INLINE = new RegExp([
  "`([^`\\n]+)`", // 1: code
  "\\*\\*(?=\\S)(.+?)\\*\\*", // 2: bold
  "\\[([^\\[\\]\\n]+)\\]\\(\\s*([^()\\s]+)\\s*\\)", // 3, 4: a link's text and URL
  "\\[(\\d{1,4}(?:\\s*,\\s*\\d{1,4})*)\\]", // 5: citation markers
  "https?://[^\\s<>\"'`[\\]]+", // a bare link
].join("|"), "g");

// renderMarkdown returns a fragment with text rendered in a safe subset of
// Markdown: paragraphs, "- " and "1. " lists, pipe tables, headings, **bold**,
// `code`, [text](url) and bare http(s) links, and citation markers [n].
// opts.sources maps source numbers to sources (null while they are unknown:
// markers stay plain text), and opts.base resolves relative source URLs.
//
// The text may be a language model's, so a link is made only to the URL of one
// of the answer's sources or to the server's review page; any other URL stays
// plain text, to be read and judged, not clicked.
export function renderMarkdown(doc, text, opts = {}) {
  const lines = String(text).replace(/\r\n?/g, "\n").split("\n");
  const frag = doc.createDocumentFragment();
  let i = 0;
  while (i < lines.length) {
    if (lines[i].trim() === "") {
      i++;
    } else if (isTableStart(lines, i)) {
      i = renderTable(doc, lines, i, opts, frag);
    } else if (BULLET.test(lines[i]) || NUMBERED.test(lines[i])) {
      i = renderList(doc, lines, i, opts, frag);
    } else if (HEADING.test(lines[i])) {
      const heading = el(doc, "p", { class: "ng-heading" });
      const strong = doc.createElement("strong");
      renderInline(doc, HEADING.exec(lines[i])[1], opts, strong);
      heading.append(strong);
      frag.append(heading);
      i++;
    } else {
      i = renderParagraph(doc, lines, i, opts, frag);
    }
  }
  return frag;
}

function startsBlock(lines, i) {
  const line = lines[i];
  return line.trim() === "" || BULLET.test(line) || NUMBERED.test(line) ||
    HEADING.test(line) || isTableStart(lines, i);
}

function renderParagraph(doc, lines, i, opts, parent) {
  const p = doc.createElement("p");
  let first = true;
  do {
    if (!first) p.append(doc.createElement("br"));
    renderInline(doc, lines[i].trim(), opts, p);
    first = false;
    i++;
  } while (i < lines.length && !startsBlock(lines, i));
  parent.append(p);
  return i;
}

// renderList renders consecutive items of one kind of list; an indented line
// that starts no item continues the item before it.
function renderList(doc, lines, i, opts, parent) {
  const ordered = !BULLET.test(lines[i]);
  const pattern = ordered ? NUMBERED : BULLET;
  const list = doc.createElement(ordered ? "ol" : "ul");
  if (ordered) list.start = Number(NUMBERED.exec(lines[i])[1]);

  let item = null;
  for (; i < lines.length; i++) {
    const match = pattern.exec(lines[i]);
    if (match) {
      item = doc.createElement("li");
      renderInline(doc, ordered ? match[2] : match[1], opts, item);
      list.append(item);
    } else if (/^\s+\S/.test(lines[i]) && !startsBlock(lines, i)) {
      item.append(doc.createElement("br"));
      renderInline(doc, lines[i].trim(), opts, item);
    } else {
      break;
    }
  }
  parent.append(list);
  return i;
}

function isTableStart(lines, i) {
  return lines[i].includes("|") && i + 1 < lines.length &&
    lines[i + 1].includes("|") && TABLE_SEPARATOR.test(lines[i + 1]);
}

function renderTable(doc, lines, i, opts, parent) {
  const header = splitCells(lines[i]);
  const aligns = splitCells(lines[i + 1]).map(alignment);
  const table = el(doc, "table", { class: "ng-table" });
  table.append(el(doc, "thead", {}, tableRow(doc, "th", header, aligns, header.length, opts)));

  const body = doc.createElement("tbody");
  for (i += 2; i < lines.length && lines[i].includes("|") && lines[i].trim() !== ""; i++) {
    body.append(tableRow(doc, "td", splitCells(lines[i]), aligns, header.length, opts));
  }
  table.append(body);

  // A wide table scrolls on its own; tabindex lets keyboard users scroll it.
  parent.append(el(doc, "div", { class: "ng-table-wrap", role: "region",
    "aria-label": "Table", tabindex: "0" }, table));
  return i;
}

function tableRow(doc, tag, cells, aligns, width, opts) {
  const row = doc.createElement("tr");
  for (let c = 0; c < width; c++) {
    const cell = doc.createElement(tag);
    if (aligns[c]) cell.className = `ng-align-${aligns[c]}`;
    renderInline(doc, cells[c] ?? "", opts, cell);
    row.append(cell);
  }
  return row;
}

// splitCells splits a table line at pipes that are not escaped as \|.
function splitCells(line) {
  let text = line.trim();
  if (text.startsWith("|")) text = text.slice(1);
  if (text.endsWith("|") && !text.endsWith("\\|")) text = text.slice(0, -1);

  const cells = [];
  let cell = "";
  for (let k = 0; k < text.length; k++) {
    if (text[k] === "\\" && text[k + 1] === "|") {
      cell += "|";
      k++;
    } else if (text[k] === "|") {
      cells.push(cell.trim());
      cell = "";
    } else {
      cell += text[k];
    }
  }
  cells.push(cell.trim());
  return cells;
}

function alignment(separator) {
  const left = separator.startsWith(":");
  const right = separator.endsWith(":");
  if (left && right) return "center";
  if (right) return "right";
  return "";
}

// renderInline appends text to parent with code spans, bold, citation markers
// and links made into elements; everything else becomes text nodes.
function renderInline(doc, text, opts, parent) {
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) parent.append(text.slice(last, m.index));
    last = m.index + m[0].length;

    if (m[1] !== undefined) {
      parent.append(el(doc, "code", { text: m[1] }));
    } else if (m[2] !== undefined) {
      const strong = doc.createElement("strong");
      renderInline(doc, m[2], opts, strong);
      parent.append(strong);
    } else if (m[3] !== undefined) {
      const href = linkableURL(m[4], opts);
      parent.append(href ? link(doc, href, m[3]) : `${m[3]} (${m[4]})`);
    } else if (m[5] !== undefined) {
      renderCitations(doc, m[5], opts, parent);
    } else {
      const [url, rest] = trimURL(m[0]);
      const href = linkableURL(url, opts);
      parent.append(href ? link(doc, href, url) : url);
      if (rest) parent.append(rest);
    }
  }
  if (last < text.length) parent.append(text.slice(last));
}

// renderCitations renders "[1]" or "[1, 2]": each number links to its source once
// the sources are known, and stays plain text before.
function renderCitations(doc, numbers, opts, parent) {
  const list = numbers.split(",").map((s) => Number(s.trim()));
  if (list.length === 1) {
    parent.append(citation(doc, list[0], `[${list[0]}]`, opts));
    return;
  }
  parent.append("[");
  list.forEach((n, k) => {
    if (k > 0) parent.append(", ");
    parent.append(citation(doc, n, String(n), opts));
  });
  parent.append("]");
}

function citation(doc, n, label, opts) {
  const source = opts.sources ? opts.sources.get(n) : undefined;
  if (!source) return label;

  const tooltip = sourceTooltip(source);
  const href = safeURL(source.url, opts.base);
  const node = href ? link(doc, href, label) : el(doc, "span", { text: label });
  node.className = "ng-cite";
  node.title = tooltip;
  node.setAttribute("aria-label", `source ${n}: ${tooltip}`);
  return node;
}

// trimURL splits trailing punctuation, and closing brackets the URL did not
// open, off a bare URL.
function trimURL(raw) {
  let url = raw;
  for (;;) {
    const last = url.at(-1);
    if (".,;:!?*'\"".includes(last)) {
      url = url.slice(0, -1);
    } else if (last === ")" && count(url, "(") < count(url, ")")) {
      url = url.slice(0, -1);
    } else {
      break;
    }
  }
  return [url, raw.slice(url.length)];
}

function count(text, ch) {
  return text.split(ch).length - 1;
}

if (typeof document !== "undefined") {
  const pageToken = new URLSearchParams(location.search).get("token") || "";
  for (const root of document.querySelectorAll("[data-neuroguide-chat]")) {
    new Chat(root, { server: root.dataset.server, token: root.dataset.token || pageToken })
      .start();
  }
}
