package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"net"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/neuroguide/neuroguide/web"
)

// e2eTimeout bounds every read and write of the end-to-end tests.
const e2eTimeout = 10 * time.Second

// frame is any server frame, decoded loosely.
type frame struct {
	Type             string       `json:"type"`
	ID               string       `json:"id"`
	Text             string       `json:"text"`
	Conversation     string       `json:"conversation"`
	Sources          []web.Source `json:"sources"`
	Answer           string       `json:"answer"`
	Libraries        []string     `json:"libraries"`
	Mode             string       `json:"mode"`
	Notice           string       `json:"notice"`
	DroppedCitations []int        `json:"dropped_citations"`
	UnknownLibraries []string     `json:"unknown_libraries"`
	Code             string       `json:"code"`
	Message          string       `json:"message"`
}

// wsClient speaks the chat protocol over a real websocket.
type wsClient struct {
	t    testing.TB
	conn *websocket.Conn
}

// dialWS connects to the chat's websocket at url; the test closes it.
func dialWS(t testing.TB, url string) *wsClient {
	t.Helper()

	conn, resp, err := websocket.DefaultDialer.Dial(url, nil)
	if err != nil {
		t.Fatalf("dial %s: %v", url, err)
	}
	_ = resp.Body.Close()
	t.Cleanup(func() { _ = conn.Close() })

	return &wsClient{t: t, conn: conn}
}

// sendText sends one text message as it is.
func (c *wsClient) sendText(data string) {
	c.t.Helper()

	_ = c.conn.SetWriteDeadline(time.Now().Add(e2eTimeout))
	if err := c.conn.WriteMessage(websocket.TextMessage, []byte(data)); err != nil {
		c.t.Fatalf("write: %v", err)
	}
}

// send sends a frame as JSON.
func (c *wsClient) send(v any) {
	c.t.Helper()

	data, err := json.Marshal(v)
	if err != nil {
		c.t.Fatal(err)
	}
	c.sendText(string(data))
}

// read reads the next frame.
func (c *wsClient) read() frame {
	c.t.Helper()

	_ = c.conn.SetReadDeadline(time.Now().Add(e2eTimeout))
	_, data, err := c.conn.ReadMessage()
	if err != nil {
		c.t.Fatalf("read: %v", err)
	}

	var f frame
	if err := json.Unmarshal(data, &f); err != nil {
		c.t.Fatalf("frame %s: %v", data, err)
	}

	return f
}

// serveApp serves a as `neuroguide serve` does, with cfg's server settings and
// history, on a free port, and returns the websocket URL. The server stops, and
// must stop cleanly, when the test ends.
func serveApp(t testing.TB, a *app, cfg Config) string {
	t.Helper()

	log := slog.New(slog.DiscardHandler)
	settings, err := cfg.server()
	if err != nil {
		t.Fatal(err)
	}

	store, err := openHistory(t.Context(), cfg.DB, log)
	if err != nil {
		t.Fatal(err)
	}

	settings.web.Logger = log
	srv, err := a.webServer(settings.web, store)
	if err != nil {
		t.Fatal(err)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan error, 1)
	l := listener{srv: srv, ln: ln, shutdownWait: settings.shutdownWait, log: log}
	go func() { stopped <- l.serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-stopped; err != nil {
			t.Errorf("server stopped with %v", err)
		}
		if store != nil {
			_ = store.Close()
		}
	})

	return "ws://" + ln.Addr().String() + "/ws"
}
