// Neuroguide widget: one script tag adds a chat button and panel to any page
// (ASSISTANT is the server's address, such as https://assistant.example):
//
//   <script src="ASSISTANT/widget.js" defer
//     data-title="Ask about DL libraries" data-greeting="Hello!"
//     data-position="bottom-left" data-colour="#0a7d55" data-token="..."></script>
//
// The button and panel live in a shadow root, so the page's styles and the
// widget's do not reach each other. The chat itself is chat.js's Chat class,
// imported from the same server when the panel first opens; the server must list
// the page's origin in NEUROGUIDE_ALLOWED_ORIGINS. It refuses the import of any
// other site's page with a 403 that every page may read (web/access.go), so
// when the import fails the widget asks the same URL again with fetch and says
// in the panel why, and how an administrator allows the site.
(() => {
  "use strict";

  const script = document.currentScript;
  if (!script || !script.src) return;

  const base = new URL(".", script.src).href;
  const data = script.dataset;
  const options = {
    server: base,
    title: data.title || "Neuroguide",
    greeting: data.greeting || "",
    token: data.token || "",
  };
  const position = data.position === "bottom-left" ? "bottom-left" : "bottom-right";
  const colour = data.colour || data.color || "";

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (name === "class") node.className = value;
      else if (name === "text") node.textContent = value;
      else node.setAttribute(name, value);
    }
    node.append(...children);
    return node;
  }

  // loadFailure asks url, the chat module whose import failed, with a plain
  // fetch, and returns what the panel says: the server's refusal of this site,
  // or, for any other failure (down, an error status), to try again later.
  async function loadFailure(url) {
    let refused = false;
    try {
      const resp = await fetch(url, { cache: "no-store" });
      refused = resp.status === 403 &&
        (await resp.text()).startsWith("forbidden: origin not allowed");
    } catch (err) {
      // down, or unreadable: not a refusal this widget can explain
    }
    if (!refused) {
      return [el("p", { class: "ng-error-text",
        text: "The assistant cannot be loaded on this page right now; try again later." })];
    }
    return [
      el("p", { class: "ng-error-text ng-refused", text: "Access refused: this site " +
        `(${location.origin}) is not allowed to use the assistant.` }),
      el("p", { class: "ng-refused-help" }, "An administrator of the assistant can allow " +
        "it by adding ", el("code", { text: location.origin }), " to ",
        el("code", { text: "NEUROGUIDE_ALLOWED_ORIGINS" }), " on its server."),
    ];
  }

  function mount() {
    const host = el("div", { id: "neuroguide-widget" });
    const shadow = host.attachShadow({ mode: "open" });

    const panelID = "ng-widget-panel";
    const launcher = el("button", { type: "button", class: "ng-launcher",
      "aria-expanded": "false", "aria-controls": panelID, "aria-label": options.title,
      title: options.title }, el("span", { class: "ng-launcher-label", text: options.title }));
    const close = el("button", { type: "button", class: "ng-close",
      "aria-label": "Close the chat", text: "×" });
    const body = el("div", { class: "ng-panel-body" });
    const panel = el("section", { id: panelID, class: "ng-panel", role: "dialog",
      "aria-label": options.title, hidden: "" }, close, body);
    const frame = el("div", { class: `ng-widget ng-${position}` }, panel, launcher);
    if (colour && CSS.supports("color", colour)) frame.style.setProperty("--ng-accent", colour);

    shadow.append(
      el("link", { rel: "stylesheet", href: new URL("static/chat.css", base).href }),
      el("link", { rel: "stylesheet", href: new URL("static/widget.css", base).href }),
      frame);
    document.body.append(host);

    let chat = null;
    const open = (show) => {
      panel.hidden = !show;
      launcher.setAttribute("aria-expanded", String(show));
      if (!show) {
        launcher.focus();
        return;
      }
      if (chat) {
        chat.then((c) => c && c.ui.input.focus());
        return;
      }
      const module = new URL("static/chat.js", base).href;
      chat = import(module).then(({ Chat }) => {
        const c = new Chat(body, options).start();
        c.ui.input.focus();
        return c;
      }).catch(async () => {
        body.replaceChildren(...(await loadFailure(module)));
        return null;
      });
    };

    launcher.addEventListener("click", () => open(panel.hidden));
    close.addEventListener("click", () => open(false));
    panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !event.defaultPrevented) open(false);
    });
  }

  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount, { once: true });
})();
