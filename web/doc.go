// Package web serves Neuroguide's chat: the browser client, the widget other
// sites embed (/widget.js, /embed), health, readiness and Prometheus metrics, and
// a websocket endpoint that streams answers from an assistant.Answerer.
//
// The websocket at /ws carries JSON text frames, each an object with a "type".
// A client sends "ask" frames (a question with a client-chosen id) and "cancel"
// frames; a "hello" frame, which the server answers with what it serves; and,
// when the server keeps history, "history", "resume" and "feedback" frames. For each ask
// the server replies, in order, with "start", zero or more "delta" frames whose
// texts joined are the answer, one "sources" frame and a "done" frame; an "error"
// frame with a code replaces whatever was still to come, and the connection
// stays usable. Several asks may run at once on a connection. Every frame and
// error code is defined and documented in protocol.go.
//
// Access: pages of other origins are refused unless allowed (Config.AllowedOrigins),
// an optional shared token is required (Config.Token), and a user named by a
// trusted reverse proxy (Config.UserHeader, Config.TrustedProxies) owns its
// conversations; refusals are 403 with a logged reason. Limits on frames,
// questions, question rates, connections and answers end in error frames.
//
// A Server is made with New, mounted with Handler and stopped with Shutdown,
// which keeps running answers as interrupted and closes the open websocket
// sessions with a going-away close frame.
package web
