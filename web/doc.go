// Package web serves Neuroguide's chat: the browser client, a health check and a
// websocket endpoint that streams answers from an assistant.Answerer.
//
// The websocket at /ws carries JSON text frames, each an object with a "type".
// A client sends "ask" frames (a question with a client-chosen id) and "cancel"
// frames. For each ask the server replies, in order, with "start", zero or more
// "delta" frames whose texts joined are the answer, one "sources" frame and a
// "done" frame; an "error" frame with a code replaces whatever was still to come,
// and the connection stays usable. Several asks may run at once on a connection.
// Every frame and error code is defined and documented in protocol.go.
//
// A Server is made with New, mounted with Handler and stopped with Shutdown, which
// closes the open websocket sessions with a going-away close frame.
package web
