// Neuroguide in an iframe: /embed?title=...&greeting=...&colour=...&token=...
// runs the chat of chat.js in the page, with the options the query gives.
import { Chat } from "./chat.js";

const root = document.querySelector("[data-ng-embed]");
if (root) {
  const params = new URLSearchParams(location.search);
  const colour = params.get("colour") || params.get("color") || "";
  if (colour && CSS.supports("color", colour)) {
    root.style.setProperty("--ng-accent", colour);
  }
  const title = params.get("title") || "Neuroguide";
  document.title = title;
  new Chat(root, {
    title,
    greeting: params.get("greeting") || "",
    token: params.get("token") || "",
  }).start();
}
