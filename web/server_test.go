package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/neuroguide/neuroguide/assistant"
)

func TestRoutes(t *testing.T) {
	review := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = fmt.Fprint(w, "the review")
	})
	_, ts, _ := newTestServer(t, Config{Routes: map[string]http.Handler{"GET /review": review}})

	tests := []struct {
		name         string
		method, path string
		wantStatus   int
		wantType     string
		wantBody     []string
	}{
		{"chat page", "GET", "/", 200, "text/html; charset=utf-8",
			[]string{"<form", `data-ng="input"`, `data-ng="send"`, "static/chat.js",
				"https://doi.org/10.3390/app13095472"}},
		{"chat script", "GET", "/static/chat.js", 200, "text/javascript; charset=utf-8",
			[]string{"export class Chat"}},
		{"chat style", "GET", "/static/chat.css", 200, "text/css; charset=utf-8",
			[]string{".ng-chat"}},
		{"health", "GET", "/healthz", 200, "application/json", []string{`{"status":"ok"}`}},
		{"extra route", "GET", "/review", 200, "", []string{"the review"}},
		{"websocket without upgrade", "GET", "/ws", 400, "", nil},
		{"unknown page", "GET", "/nowhere", 404, "", nil},
		{"no listing of assets", "GET", "/static/", 404, "", nil},
		{"health by POST", "POST", "/healthz", 405, "", nil},
		{"readiness", "GET", "/readyz", 200, "application/json", []string{`"ready"`}},
		{"widget", "GET", "/widget.js", 200, "text/javascript; charset=utf-8",
			[]string{"attachShadow", "static/chat.js"}},
		{"embed page", "GET", "/embed", 200, "text/html; charset=utf-8",
			[]string{"static/embed.js", "data-ng-embed"}},
		{"embed script", "GET", "/static/embed.js", 200, "text/javascript; charset=utf-8",
			[]string{`from "./chat.js"`}},
		{"metrics", "GET", "/metrics", 200, "", []string{"neuroguide_connections_open",
			"neuroguide_llm_fallbacks_total", "go_goroutines"}},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := httpGet(t, ts, tt.method, tt.path)

			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status = %d, want %d", resp.StatusCode, tt.wantStatus)
			}
			if got := resp.Header.Get("Content-Type"); tt.wantType != "" && got != tt.wantType {
				t.Errorf("Content-Type = %q, want %q", got, tt.wantType)
			}
			for _, want := range tt.wantBody {
				if !strings.Contains(body, want) {
					t.Errorf("body lacks %q", want)
				}
			}
		})
	}
}

func TestHealthBody(t *testing.T) {
	_, ts, _ := newTestServer(t, Config{})

	_, body := httpGet(t, ts, "GET", "/healthz")

	var got map[string]string
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatalf("health body %q: %v", body, err)
	}
	if diff := cmp.Diff(map[string]string{"status": "ok"}, got); diff != "" {
		t.Errorf("health (-want +got):\n%s", diff)
	}
}

// TestStaticFilesAreSelfContained checks that the client loads nothing from other
// hosts (no CDN, no external fonts) and never turns text into markup.
func TestStaticFilesAreSelfContained(t *testing.T) {
	external := regexp.MustCompile(`(?:src|href)="https?://[^"]*"|@import|url\(\s*["']?https?:`)
	parsesHTML := regexp.MustCompile(`\.(?:inner|outer)HTML\s*=|insertAdjacentHTML|document\.write`)

	for _, name := range []string{"index.html", "chat.css", "chat.js", "widget.js", "widget.css",
		"embed.html", "embed.js", "embed.css"} {
		t.Run(name, func(t *testing.T) {
			data, err := staticFiles.ReadFile("static/" + name)
			if err != nil {
				t.Fatalf("read: %v", err)
			}

			for _, m := range external.FindAllString(string(data), -1) {
				if !strings.Contains(m, "doi.org") {
					t.Errorf("external resource %q", m)
				}
			}
			if m := parsesHTML.FindString(string(data)); m != "" {
				t.Errorf("parses text as HTML: %q", m)
			}
			for i, r := range string(data) {
				if isEmoji(r) {
					t.Errorf("emoji %U at byte %d: many systems have no font for it", r, i)
				}
			}
		})
	}
}

// isEmoji reports whether r is in a block of pictographs and symbols that
// systems draw from an emoji font, or is the emoji presentation selector.
func isEmoji(r rune) bool {
	return (r >= 0x1F000 && r <= 0x1FAFF) || (r >= 0x2600 && r <= 0x27BF) ||
		(r >= 0x2B00 && r <= 0x2BFF) || r == 0xFE0F
}

func TestNewValidates(t *testing.T) {
	fake := newFakeAnswerer()
	tests := []struct {
		name      string
		cfg       Config
		wantField string
	}{
		{"no answerer", Config{}, "Answerer"},
		{"negative question limit", Config{Answerer: fake, MaxQuestionRunes: -1},
			"MaxQuestionRunes"},
		{"frame too small for a question", Config{Answerer: fake, MaxFrameBytes: 4096},
			"MaxFrameBytes"},
		{"negative write wait", Config{Answerer: fake, WriteWait: -time.Second}, "WriteWait"},
		{"ping not before pong", Config{Answerer: fake, PongWait: time.Second,
			PingPeriod: 2 * time.Second}, "PingPeriod"},
		{"negative answers", Config{Answerer: fake, MaxAnswersPerConn: -1},
			"MaxAnswersPerConn"},
		{"route on the websocket", Config{Answerer: fake,
			Routes: map[string]http.Handler{"/ws": http.NotFoundHandler()}}, `"/ws"`},
		{"route without handler", Config{Answerer: fake,
			Routes: map[string]http.Handler{"/review": nil}}, `"/review"`},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.cfg)
			if err == nil {
				t.Fatal("New succeeded, want an error")
			}
			if !strings.Contains(err.Error(), tt.wantField) {
				t.Errorf("error %q does not name %s", err, tt.wantField)
			}
		})
	}
}

func TestNewDefaults(t *testing.T) {
	srv, err := New(Config{Answerer: newFakeAnswerer()})
	if err != nil {
		t.Fatalf("New: %v", err)
	}

	type limits struct {
		MaxFrameBytes     int64
		MaxQuestionRunes  int
		WriteWait         time.Duration
		PongWait          time.Duration
		PingPeriod        time.Duration
		MaxAnswersPerConn int
	}
	want := limits{256 << 10, 2000, 10 * time.Second, 60 * time.Second, 54 * time.Second, 4}
	got := limits{srv.cfg.MaxFrameBytes, srv.cfg.MaxQuestionRunes, srv.cfg.WriteWait,
		srv.cfg.PongWait, srv.cfg.PingPeriod, srv.cfg.MaxAnswersPerConn}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("defaults (-want +got):\n%s", diff)
	}
	if srv.cfg.Logger == nil || srv.cfg.NewConversationID == nil {
		t.Error("Logger or NewConversationID left nil")
	}
}

func TestRandomID(t *testing.T) {
	hex16 := regexp.MustCompile(`^[0-9a-f]{16}$`)

	a, b := randomID(), randomID()
	for _, id := range []string{a, b} {
		if !hex16.MatchString(id) {
			t.Errorf("id %q is not 16 hexadecimal digits", id)
		}
	}
	if a == b {
		t.Errorf("two ids are both %q", a)
	}
}

func TestClientError(t *testing.T) {
	srv, err := New(Config{Answerer: newFakeAnswerer(), MaxQuestionRunes: 50})
	if err != nil {
		t.Fatalf("New: %v", err)
	}

	tests := []struct {
		name        string
		err         error
		wantCode    ErrorCode
		wantMessage string
	}{
		{"bad frame", fmt.Errorf("%w: eof", errBadFrame), CodeBadFrame, ""},
		{"unknown type", errUnknownType, CodeUnknownType, ""},
		{"empty question", fmt.Errorf("ask: %w", assistant.ErrEmptyQuestion),
			CodeEmptyQuestion, ""},
		{"question too long", errQuestionTooLong, CodeQuestionTooLong,
			"The question is longer than 50 characters."},
		{"bad id", errBadID, CodeBadID, ""},
		{"duplicate id", errDuplicateID, CodeDuplicateID, ""},
		{"cancel frame", fmt.Errorf("answer q1: %w", errCancelled), CodeCancelled, ""},
		{"context cancelled", fmt.Errorf("llm: %w", context.Canceled), CodeCancelled, ""},
		{"client gone", fmt.Errorf("answer q2: %w", errClientGone), CodeCancelled, ""},
		{"busy", fmt.Errorf("limit: %w", ErrBusy), CodeBusy, ""},
		{"rate limited", ErrRateLimited, CodeRateLimited, ""},
		{"shutdown", fmt.Errorf("answer q1: %w", errShuttingDown), CodeInterrupted,
			"The server shut down while answering; ask again once it is back."},
		{"anything else", errors.New("question too long"), CodeInternal,
			"The assistant could not answer; please try again."},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, message := srv.clientError(tt.err)

			if code != tt.wantCode {
				t.Errorf("code = %q, want %q", code, tt.wantCode)
			}
			if tt.wantMessage != "" && message != tt.wantMessage {
				t.Errorf("message = %q, want %q", message, tt.wantMessage)
			}
			if message == "" {
				t.Error("empty message")
			}
		})
	}
}

// TestErrorFrameID checks that an error frame echoes only an id a client may
// send.
func TestErrorFrameID(t *testing.T) {
	srv, err := New(Config{Answerer: newFakeAnswerer()})
	if err != nil {
		t.Fatalf("New: %v", err)
	}

	tests := []struct {
		name, id, want string
	}{
		{"short id", "q1", "q1"},
		{"id of MaxIDBytes", strings.Repeat("a", MaxIDBytes), strings.Repeat("a", MaxIDBytes)},
		{"id over MaxIDBytes", strings.Repeat("a", MaxIDBytes+1), ""},
		{"id not UTF-8", "q\xff1", ""},
		{"id with a lone surrogate's bytes", "q\xed\xa0\x80", ""},
		{"no id", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := srv.errorFrame(tt.id, errBadID).ID; got != tt.want {
				t.Errorf("id = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestServerFrameJSON(t *testing.T) {
	res := assistant.Result{
		Answer:  "ignored: the streamed text is sent",
		Sources: []assistant.Source{{N: 2, Kind: assistant.KindSection, Section: "4.2"}},
		Mode:    assistant.ModeLLM,
	}

	tests := []struct {
		name  string
		frame ServerFrame
		want  string
	}{
		{"start", newStartFrame("q1", "c1"), `{"type":"start","id":"q1","conversation":"c1"}`},
		{"delta", newDeltaFrame("q1", "Caffe [1]"),
			`{"type":"delta","id":"q1","text":"Caffe [1]"}`},
		{"sources omit absent fields", newSourcesFrame("q1", res.Sources),
			`{"type":"sources","id":"q1","sources":[{"n":2,"kind":"section","section":"4.2"}]}`},
		{"no sources is an empty list", newSourcesFrame("q1", nil),
			`{"type":"sources","id":"q1","sources":[]}`},
		{"done", newDoneFrame("q1", "c1", "Caffe [2].", res),
			`{"type":"done","id":"q1","answer":"Caffe [2].","libraries":[],"mode":"llm",` +
				`"conversation":"c1"}`},
		{"done with checks", newDoneFrame("q1", "c1", "x", assistant.Result{
			Mode: assistant.ModeLLM, Notice: "n", DroppedCitations: []int{7},
			UnknownLibraries: []string{"Foo"}, Conversation: "c2",
			Misattributed: []assistant.Misattribution{{Name: "DN3", Marker: 1,
				Cites: "braindecode"}}}),
			`{"type":"done","id":"q1","answer":"x","libraries":[],"mode":"llm","notice":"n",` +
				`"dropped_citations":[7],"unknown_libraries":["Foo"],` +
				`"misattributed_citations":[{"name":"DN3","marker":1,"cites":"braindecode"}],` +
				`"conversation":"c2"}`},
		{"error", newErrorFrame("q1", CodeCancelled, "Stopped."),
			`{"type":"error","id":"q1","code":"cancelled","message":"Stopped."}`},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(tt.frame)
			if err != nil {
				t.Fatalf("marshal: %v", err)
			}
			if diff := cmp.Diff(tt.want, string(got)); diff != "" {
				t.Errorf("JSON (-want +got):\n%s", diff)
			}
		})
	}
}
